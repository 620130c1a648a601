"""Physical lines as Python counts them: only `\\n`, `\\r\\n` and `\\r` end a line."""

from __future__ import annotations

# Deliberately not str.splitlines(): it also splits on form feed, \x1c-\x1e, \x85,
# U+2028 and U+2029, which the Python tokenizer treats as ordinary characters.
_TERMINATORS = ("\n", "\r")


def _breaks(text: str) -> int:
    """Number of line breaks in `text`, a `\\r\\n` pair counting once."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def count_lines(text: str) -> int:
    """Physical lines of `text` (V201): a last line without a terminator counts; "" has 0."""
    if not text:
        return 0
    return _breaks(text) + (0 if text.endswith(_TERMINATORS) else 1)


def locate(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `index` in `text`."""
    prefix = text[:index]
    line_start = max(prefix.rfind("\n"), prefix.rfind("\r")) + 1
    return _breaks(prefix) + 1, index - line_start + 1
