"""The comments `--add-noqa` writes, alone and joined to a comment already on the header line."""

from __future__ import annotations

import pytest

from v2gate.errors import GateError
from v2gate.measure.comments import file_suppression, line_suppression
from v2gate.rewrite.comments import check_reason, file_comment, header_comment

# (comment already there, codes, reason, comment written)
HEADERS = [
    (None, ["V204"], None, "# noqa: V204"),
    (None, ["V204", "V205"], "legacy", "# noqa: V204, V205 -- legacy"),
    ("# noqa: E501", ["V205"], None, "# noqa: E501, V205"),
    ("# noqa: E501 -- a long URL", ["V205"], "ignored", "# noqa: E501, V205 -- a long URL"),
    ("# type: ignore", ["V204"], None, "# type: ignore  # noqa: V204"),
    ("# noqa", ["V204"], "why", "# noqa  # noqa: V204 -- why"),  # a bare noqa names no code
]


@pytest.mark.parametrize(("existing", "codes", "reason", "expected"), HEADERS)
def test_header_comment(existing: str | None, codes: list[str], reason: str | None, expected: str) -> None:
    written = header_comment(existing, codes, reason)
    assert written == expected
    suppression = line_suppression(written, 7)
    assert suppression is not None
    assert set(codes) <= set(suppression.codes)  # the comment parser reads every code back


@pytest.mark.parametrize(
    ("reason", "read_reason", "until"),
    [
        (None, None, None),
        ("generated code", "generated code", None),
        ("V205 too - see #12", "V205 too - see #12", None),
        ("parser tables (until 2027-06-30)", "parser tables", "2027-06-30"),
    ],
)
def test_file_comment_is_read_back_with_its_reason(
    reason: str | None, read_reason: str | None, until: str | None
) -> None:
    suppression = file_suppression(file_comment(["V201", "V202"], reason), 1)
    assert suppression is not None and suppression.codes == ("V201", "V202")
    assert (suppression.reason, suppression.expires) == (read_reason, until)


def test_a_header_reason_with_a_date_is_read_back_as_an_accountable_suppression() -> None:
    suppression = line_suppression(header_comment(None, ["V205"], "public API (until 2027-06-30)"), 3)
    assert suppression is not None
    assert (suppression.codes, suppression.reason, suppression.expires) == (
        ("V205",),
        "public API",
        "2027-06-30",
    )


@pytest.mark.parametrize("reason", ["", "  ", "two\nlines", "a\rb"])
def test_a_reason_is_one_line(reason: str) -> None:
    with pytest.raises(GateError, match="--reason"):
        check_reason(reason)


def test_a_reason_is_stripped() -> None:
    assert check_reason("  legacy ") == "legacy"
    assert check_reason(None) is None
