"""Violations as diagnostics: the range on the definition's name, the severity, the docs link."""

from __future__ import annotations

import pytest
from lsprotocol import types

from v2gate.lsp.diagnostics import docs_link, name_range, to_diagnostic
from v2gate.violation import Violation


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("def wide(a, b):", 1, (4, 8)),
        ("    async def step(self):", 5, (14, 18)),
        ("class Deep(Base):", 1, (6, 10)),
        ("import os", 1, (0, 9)),  # a file rule: the line
        ("", 1, (0, 1)),
    ],
)
def test_the_range_is_the_definitions_name(line: str, column: int, expected: tuple[int, int]) -> None:
    found = name_range([line], 1, column)
    assert (found.start.character, found.end.character) == expected


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        ("error", types.DiagnosticSeverity.Error),
        ("hint", types.DiagnosticSeverity.Hint),
        ("bogus", types.DiagnosticSeverity.Warning),
    ],
)
def test_the_severity_is_configurable(severity: str, expected: types.DiagnosticSeverity) -> None:
    violation = Violation("a.py", 1, 1, "V205", "max-parameters", "wide", 6, 5, "too many")
    diagnostic = to_diagnostic(violation, ["def wide(a, b, c, d, e, f):"], severity)
    assert diagnostic.severity == expected
    assert diagnostic.code == "V205" and diagnostic.data["value"] == 6


def test_each_code_links_to_its_section() -> None:
    assert docs_link("V206", "https://example.org/").endswith("rules/#v206-max-inheritance-depth-default-2")
    assert docs_link("V299").endswith("#v299-unused-suppression")
