"""Comments, and the suppressions among them: `# noqa: V204,V205` on a line, `# quality-gates: noqa V201` per file.

Either may end with a reason and an expiry date: `# noqa: V204 -- parser table (until 2027-06-30)`.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator

from v2gate.records import Suppression

# Codes after "noqa:" as flake8 writes them (comma and/or space separated). Only V2xx codes
# are ours: "noqa: E501, V204" records V204, and noqa without codes records nothing.
_CODES = r"(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)"
_LINE = re.compile(r"#\s*noqa\s*:\s*" + _CODES, re.IGNORECASE)
_FILE = re.compile(r"^#\s*quality-gates\s*:\s*noqa\b[\s:]*" + _CODES, re.IGNORECASE)
_OUR_CODE = re.compile(r"V2[0-9][0-9]")
_SPLIT = re.compile(r"[\s,]+")
# What may follow the codes: ` -- reason text` and optionally ` (until 2027-06-30)` at its end.
# The reason stops at another tool's comment on the same line (` # type: ignore`); `see #12` stays.
_REASON = re.compile(r"\s*--\s*(?P<reason>.*?)\s*(?:\(\s*until\s+(?P<until>[^)]*?)\s*\))?\s*(?:\s#\s.*)?$")


def _our_codes(listed: str) -> tuple[str, ...]:
    """The V2xx codes in a comma/space separated list, upper-cased, in order, without repeats."""
    codes = (code.upper() for code in _SPLIT.split(listed.strip()))
    return tuple(dict.fromkeys(code for code in codes if _OUR_CODE.fullmatch(code)))


def codes_end(comment: str) -> int | None:
    """Where the code list of the first `# noqa: CODES` in `comment` ends (None: there is none)."""
    match = _LINE.search(comment)
    return None if match is None else match.end("codes")


def _suppression(match: re.Match[str] | None, comment: str, line: int) -> Suppression | None:
    """The suppression of a matched comment: its V2 codes, then the reason and date after `--`."""
    codes = _our_codes(match.group("codes")) if match else ()
    if match is None or not codes:
        return None
    extra = _REASON.match(comment, match.end())
    if extra is None:
        return Suppression(line, codes)
    # The date is kept as written; evaluation says when it is not a valid ISO date.
    return Suppression(line, codes, extra["reason"] or None, extra["until"])


def line_suppression(comment: str, line: int) -> Suppression | None:
    """The `# noqa: CODES [-- reason [(until DATE)]]` suppression in `comment`, if it names V2 codes."""
    return _suppression(_LINE.search(comment), comment, line)


def file_suppression(comment: str, line: int) -> Suppression | None:
    """The `# quality-gates: noqa CODES [-- reason ...]` suppression if `comment` is one naming V2 codes."""
    return _suppression(_FILE.match(comment), comment, line)


def noqa_comment(codes: tuple[str, ...], reason: str | None = None, until: str | None = None) -> str:
    """The `# noqa: CODES -- reason (until DATE)` comment that `line_suppression` reads back
    (for tools that write suppressions, such as an `--add-noqa --reason`)."""
    text = f"# noqa: {', '.join(codes)}"
    if reason or until:
        text += " --" + (f" {reason}" if reason else "") + (f" (until {until})" if until else "")
    return text


def comments(text: str) -> Iterator[tuple[str, int]]:
    """(comment text with its `#`, line) of every comment in `text`, in order."""
    # newline=None: `\r` and `\r\n` end lines here exactly as they do for the parser.
    for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
        if token.type == tokenize.COMMENT:
            yield token.string, token.start[0]
