"""Suppression comments: `# noqa: V2xx` per line, `# quality-gates: noqa V2xx` per file."""

from __future__ import annotations

import pytest

from tests.v2gate.measure.snippets import measure
from v2gate.measure.comments import file_suppression, line_suppression, noqa_comment
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


# (comment, (codes, reason, expires) or None): the ` -- reason (until DATE)` after the codes
REASONS = [
    ("# noqa: V204 -- parser table", (("V204",), "parser table", None)),
    ("# noqa: V204 -- parser table (until 2027-06-30)", (("V204",), "parser table", "2027-06-30")),
    ("# noqa: V204,V205--tight  (  until   2027-06-30 )", (("V204", "V205"), "tight", "2027-06-30")),
    ("# noqa: V204 -- legacy, see #12", (("V204",), "legacy, see #12", None)),
    ("# noqa: V204 -- why (until 2027-06-30)  # type: ignore", (("V204",), "why", "2027-06-30")),
    ("# noqa: V204 -- (until 2027-06-30)", (("V204",), None, "2027-06-30")),  # a date, no reason
    ("# noqa: V204 -- why (until next year)", (("V204",), "why", "next year")),  # judged later (V297)
    ("# noqa: V204 --", (("V204",), None, None)),
    ("# noqa: V205  (anywhere in the header works)", (("V205",), None, None)),  # no `--`: no reason
    ("# noqa: E501 -- not ours", None),
]


@pytest.mark.parametrize(("comment", "expected"), REASONS)
def test_reasons_and_dates(
    comment: str, expected: tuple[tuple[str, ...], str | None, str | None] | None
) -> None:
    found = line_suppression(comment, 3)
    assert found == (None if expected is None else Suppression(3, *expected))
    # the file-level comment takes the same tail
    whole = file_suppression(comment.replace("# noqa:", "# quality-gates: noqa"), 3)
    assert whole == (None if expected is None else Suppression(3, *expected))


def test_a_reason_is_measured_into_the_records() -> None:
    metrics = measure("def f(a):  # noqa: V205 -- wire format (until 2027-06-30)\n    pass\n")
    assert metrics.suppressions == (Suppression(1, ("V205",), "wire format", "2027-06-30"),)


@pytest.mark.parametrize(
    ("codes", "reason", "until", "written"),
    [
        (("V204",), None, None, "# noqa: V204"),
        (("V204", "V205"), "wire format, see #12", None, "# noqa: V204, V205 -- wire format, see #12"),
        (("V206",), "legacy tree", "2027-06-30", "# noqa: V206 -- legacy tree (until 2027-06-30)"),
        (("V206",), None, "2027-06-30", "# noqa: V206 -- (until 2027-06-30)"),
    ],
)
def test_the_written_comment_reads_back(
    codes: tuple[str, ...], reason: str | None, until: str | None, written: str
) -> None:
    assert noqa_comment(codes, reason, until) == written
    assert line_suppression(written, 1) == Suppression(1, codes, reason, until)
