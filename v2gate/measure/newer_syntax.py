"""Explain a stdlib SyntaxError that is really syntax from a newer Python than the running one.

The stdlib parser only knows the running interpreter's grammar, so the file's tokens are
searched for the newer constructs (the 3.11 tokenizer reads them all as ordinary tokens).
"""

from __future__ import annotations

import io
import sys
import tokenize
from collections.abc import Iterator

from v2gate.records import Failure

_RUNNING = sys.version_info[:2]
_T_PREFIXES = frozenset({"t", "tr", "rt"})
_STATEMENT_START = (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)
_OPENERS, _CLOSERS = frozenset("([{"), frozenset(")]}")
# (version, what, line, column)
Found = tuple[tuple[int, int], str, int, int]


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    """The tokens of `text` up to the first the tokenizer cannot read."""
    tokens: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            tokens.append(token)
    except (tokenize.TokenError, SyntaxError):
        pass
    return tokens


def _bracketed(tokens: list[tokenize.TokenInfo], start: int) -> Iterator[tuple[int, tokenize.TokenInfo]]:
    """(depth, token) from `tokens[start]` (an opening bracket) to its closing bracket."""
    depth = 0
    for token in tokens[start:]:
        if token.type == tokenize.OP and token.string in _OPENERS:
            depth += 1
        elif token.type == tokenize.OP and token.string in _CLOSERS:
            depth -= 1
        yield depth, token
        if depth == 0:
            return


def _type_parameters(tokens: list[tokenize.TokenInfo], index: int) -> Iterator[Found]:
    """`def f[T]` / `class C[T]` (3.12), and `[T = int]` defaults (3.13) at `tokens[index]`."""
    token = tokens[index]
    yield (3, 12), "type parameters (`def f[T]` / `class C[T]`)", *token.start
    for depth, inner in _bracketed(tokens, index):
        if depth == 1 and inner.string == "=":
            yield (3, 13), "a type parameter default", *inner.start


def _except_tuple(tokens: list[tokenize.TokenInfo], index: int) -> Iterator[Found]:
    """`except A, B:` (3.14): a comma outside brackets before the handler's colon."""
    depth = 0
    for token in tokens[index + 1 :]:
        depth += (token.string in _OPENERS) - (token.string in _CLOSERS) if token.type == tokenize.OP else 0
        if depth == 0 and token.string in (":", "as"):
            return
        if depth == 0 and token.string == ",":
            yield (3, 14), "unparenthesized exception types", *tokens[index].start
            return


def _is_t_string(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    """`t"..."`: a t prefix the 3.11 tokenizer reads as a name right before a string."""
    token, following = tokens[index], tokens[index + 1]
    return (
        token.string.lower() in _T_PREFIXES
        and following.type == tokenize.STRING
        and following.start == token.end
    )


def _is_type_alias(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    """`type X = ...` / `type X[T] = ...` at the start of a statement."""
    following, after = tokens[index + 1], tokens[index + 2]
    starts = index == 0 or tokens[index - 1].type in _STATEMENT_START
    return starts and following.type == tokenize.NAME and after.string in ("=", "[")


def _found(tokens: list[tokenize.TokenInfo]) -> Iterator[Found]:
    """Every construct newer than 3.11 among `tokens`."""
    for index, token in enumerate(tokens[:-2]):
        if token.type != tokenize.NAME:
            continue
        if _is_t_string(tokens, index):
            yield (3, 14), "a template string (t-string)", *token.start
        elif token.string in ("def", "class") and tokens[index + 2].string == "[":
            yield from _type_parameters(tokens, index + 2)
        elif token.string == "type" and _is_type_alias(tokens, index):
            yield (3, 12), "a `type` alias statement", *token.start
        elif token.string == "except" and tokens[index + 1].string != "*":
            yield from _except_tuple(tokens, index)


def _explaining(text: str, error: SyntaxError) -> list[Found]:
    """The newer constructs in `text`, if one stands where the parser stopped, else []."""
    found = [item for item in _found(_tokens(text)) if item[0] > _RUNNING]
    if any(item[2] == error.lineno for item in found):
        return found
    if (error.msg or "").startswith("f-string") and _RUNNING < (3, 12):
        # PEP 701 f-strings (quotes reused inside, backslashes, comments) parse since 3.12.
        return [((3, 12), "a PEP 701 f-string", error.lineno or 1, (error.offset or 1) - 1)]
    return []  # the parser stopped elsewhere: some other error (Python 2 code, a typo)


def newer_syntax_failure(text: str, error: SyntaxError) -> Failure | None:
    """A Failure saying which Python the file needs, if `error` comes from newer syntax: a
    newer construct stands on the line where the parser stopped. The newest one found
    anywhere in the file is named."""
    found = _explaining(text, error)
    if not found:
        return None
    # The newest requirement decides; among equals, the first place it occurs.
    version, what, line, column = max(found, key=lambda item: (item[0], -item[2], -item[3]))
    return Failure(
        f"syntax needs Python {_version_text(version)} or newer (running {_version_text(_RUNNING)}):"
        f" {what}; run the gate with a newer interpreter",
        line,
        column + 1,
    )


def _version_text(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"
