"""Comments, and the suppressions among them: `# noqa: V204,V205` on a line, `# quality-gates: noqa V201` per file."""

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


def _our_codes(listed: str) -> tuple[str, ...]:
    """The V2xx codes in a comma/space separated list, upper-cased, in order, without repeats."""
    codes = (code.upper() for code in _SPLIT.split(listed.strip()))
    return tuple(dict.fromkeys(code for code in codes if _OUR_CODE.fullmatch(code)))


def codes_end(comment: str) -> int | None:
    """Where the code list of the first `# noqa: CODES` in `comment` ends (None: there is none)."""
    match = _LINE.search(comment)
    return None if match is None else match.end("codes")


def line_suppression(comment: str, line: int) -> Suppression | None:
    """The `# noqa: CODES` suppression in `comment` (a `#...` comment), if it names V2 codes."""
    match = _LINE.search(comment)
    codes = _our_codes(match.group("codes")) if match else ()
    return Suppression(line, codes) if codes else None


def file_suppression(comment: str, line: int) -> Suppression | None:
    """The `# quality-gates: noqa CODES` suppression if `comment` is one naming V2 codes."""
    match = _FILE.match(comment)
    codes = _our_codes(match.group("codes")) if match else ()
    return Suppression(line, codes) if codes else None


def comments(text: str) -> Iterator[tuple[str, int]]:
    """(comment text with its `#`, line) of every comment in `text`, in order."""
    # newline=None: `\r` and `\r\n` end lines here exactly as they do for the parser.
    for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
        if token.type == tokenize.COMMENT:
            yield token.string, token.start[0]
