"""Suppression comments: `# noqa: V2xx` per line, `# quality-gates: noqa V2xx` per file."""

from __future__ import annotations

import pytest

from tests.v2gate.measure.snippets import measure
from v2gate.records import Suppression

# (snippet, line suppressions, file suppressions)
SUPPRESSIONS = [
    ("def f(a, b, c, d, e, g):  # noqa: V205\n    pass", [(1, ("V205",))], []),
    ("x = 1  # noqa: V204,V205", [(1, ("V204", "V205"))], []),  # comma separated
    ("x = 1  # noqa: V204 V205", [(1, ("V204", "V205"))], []),  # space separated
    ("x = 1  #NOQA:v204, V205", [(1, ("V204", "V205"))], []),  # case and spacing
    ("x = 1  # noqa: E501, V204", [(1, ("V204",))], []),  # only our codes
    ("x = 1  # noqa: E501", [], []),
    ("x = 1  # noqa", [], []),  # a bare noqa records nothing
    ("x = 1  # type: ignore  # noqa: V204", [(1, ("V204",))], []),
    ('s = "# noqa: V204"', [], []),  # inside a string: not a comment
    ("def f(\n    a,  # noqa: V205\n): pass", [(2, ("V205",))], []),  # inside a signature
    ("# quality-gates: noqa V201, V202\nx = 1", [], [(1, ("V201", "V202"))]),
    ("x = 1\nclass A:\n    # quality-gates: noqa: V203\n    y = 2", [], [(3, ("V203",))]),
    ("# quality-gates: noqa\nx = 1", [], []),  # file-level needs codes
    ('"""\n# quality-gates: noqa V201\n"""', [], []),  # inside a docstring
]


@pytest.mark.parametrize(("snippet", "on_lines", "on_file"), SUPPRESSIONS)
def test_suppressions(
    snippet: str,
    on_lines: list[tuple[int, tuple[str, ...]]],
    on_file: list[tuple[int, tuple[str, ...]]],
) -> None:
    metrics = measure(snippet)
    assert list(metrics.suppressions) == [Suppression(*row) for row in on_lines]
    assert list(metrics.file_suppressions) == [Suppression(*row) for row in on_file]
