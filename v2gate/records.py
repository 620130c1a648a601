"""Plain, picklable measurement records: what a file *is*, never whether it passes."""

from __future__ import annotations

from dataclasses import dataclass, field

from v2gate.statements import Binding

__all__ = [
    "Binding",
    "ClassRecord",
    "Failure",
    "FileMetrics",
    "FunctionRecord",
    "Suppression",
]


@dataclass(frozen=True, slots=True)
class FunctionRecord:
    """One `def` / `async def` statement, wherever it stands (nested ones included).

    `symbol` is the dotted path of enclosing classes and functions (`Outer.method`,
    `outer.inner`). `line`/`column` are 1-based and point at the `def` (or `async`)
    keyword. `header_start`..`header_end` span the first decorator to the line of the
    `:` that opens the body (used by suppressions). `counted` is True when the function
    counts toward V202: its nearest enclosing scope is the module or a class body and
    it is not an `@overload` stub.
    """

    name: str
    symbol: str
    line: int
    column: int
    complexity: int
    parameters: int
    counted: bool
    header_start: int
    header_end: int


@dataclass(frozen=True, slots=True)
class ClassRecord:
    """One `class` statement, nested ones included.

    `bases` holds each positional base as a dotted name with subscripts removed
    (`Base[int]` -> `Base`, `mod.Base` -> `mod.Base`); a base that is not a dotted
    name (a call, a starred expression, ...) is recorded as `None` and is external.
    Keyword arguments (`metaclass=`) are not bases and are not recorded.
    `scope` is the symbol of the enclosing class or function ("" at module level).
    """

    name: str
    symbol: str
    line: int
    column: int
    bases: tuple[str | None, ...]
    scope: str
    header_start: int
    header_end: int


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be decoded or parsed (reported as V200).

    `internal` is set when the cause is a bug in the gate rather than the file: the exception
    as `Type: message` (how repeats are recognised), with its `traceback` for `--debug`.
    """

    message: str
    line: int
    column: int
    internal: str | None = None
    traceback: str = ""


@dataclass(frozen=True, slots=True)
class Suppression:
    """A `# noqa: CODES -- reason (until YYYY-MM-DD)` comment: `line` is where it stands,
    `codes` what it names; `reason` (None: none given) and `expires` (an ISO date, None: never)
    are what follows ` -- `."""

    line: int
    codes: tuple[str, ...]
    reason: str | None = None
    expires: str | None = None


@dataclass(frozen=True, slots=True)
class FileMetrics:
    """Everything measured about one file's contents; independent of its path and limits.

    A file that failed to decode or parse has `failure` set, and `lines` counted when the
    bytes could be decoded (else 0); its other tuples are empty.
    """

    lines: int
    functions: tuple[FunctionRecord, ...] = ()
    classes: tuple[ClassRecord, ...] = ()
    imports: tuple[Binding, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    file_suppressions: tuple[Suppression, ...] = ()
    failure: Failure | None = field(default=None)

    @property
    def function_count(self) -> int:
        """Functions that count toward V202."""
        return sum(1 for function in self.functions if function.counted)
