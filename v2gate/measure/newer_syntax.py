"""Explain a stdlib SyntaxError that is really syntax from a newer Python than the running one."""

from __future__ import annotations

import sys

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from v2gate.records import Failure

_RUNNING = sys.version_info[:2]


class _NewerSyntax(cst.CSTVisitor):
    """Collects (python version, what, line, column) for constructs newer than 3.11."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[tuple[int, int], str, int, int]] = []

    def _note(self, version: tuple[int, int], what: str, node: cst.CSTNode) -> None:
        if version > _RUNNING:
            start = self.get_metadata(PositionProvider, node).start
            self.found.append((version, what, start.line, start.column + 1))

    def visit_TypeAlias(self, node: cst.TypeAlias) -> None:
        self._note((3, 12), "a `type` alias statement", node)

    def visit_TypeParameters(self, node: cst.TypeParameters) -> None:
        self._note((3, 12), "type parameters (`def f[T]` / `class C[T]`)", node)

    def visit_TypeParam(self, node: cst.TypeParam) -> None:
        if node.default is not None:
            self._note((3, 13), "a type parameter default", node)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if isinstance(node.type, cst.Tuple) and not node.type.lpar:
            self._note((3, 14), "unparenthesized exception types", node)

    def visit_TemplatedString(self, node: cst.TemplatedString) -> None:
        self._note((3, 14), "a template string (t-string)", node)


def _version_text(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def newer_syntax_failure(text: str, error: SyntaxError) -> Failure | None:
    """A Failure saying which Python the file needs, if `error` comes from newer syntax.

    libcst parses every grammar up to 3.14 regardless of the running interpreter, so a
    file the stdlib parser rejects but libcst accepts is searched for the newer constructs.
    """
    try:
        wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
        visitor = _NewerSyntax()
        wrapper.visit(visitor)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    found = visitor.found
    if not found and (error.msg or "").startswith("f-string") and _RUNNING < (3, 12):
        # PEP 701 f-strings (quotes reused inside, backslashes, comments) parse since 3.12.
        found = [((3, 12), "a PEP 701 f-string", error.lineno or 1, error.offset or 1)]
    if not found:
        return None
    # The newest requirement decides; among equals, the first place it occurs.
    version, what, line, column = max(found, key=lambda item: (item[0], -item[2], -item[3]))
    running = _version_text(_RUNNING)
    return Failure(
        f"syntax needs Python {_version_text(version)} or newer (running {running}):"
        f" {what}; run the gate with a newer interpreter",
        line,
        column,
    )
