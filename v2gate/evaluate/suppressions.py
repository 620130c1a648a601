"""Apply one file's suppression comments to its violations; a code that silenced nothing is V299.

- `# noqa: V204,V205` in a def/class header silences those codes for that definition and
  everything nested in it (see `v2gate.evaluate.scopes`); file rules (V201-V203) cannot be
  silenced there.
- `# quality-gates: noqa V201, V202` silences those codes for the whole file.
- V200 (the file was not measured, so no comment was read) and V299 itself are never
  silenced: a dead suppression is fixed by deleting it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from v2gate.evaluate.accountable import SuppressionPolicy, screen
from v2gate.evaluate.rules import (
    DEFINITION_RULE_CODES,
    EXPIRED_SUPPRESSION,
    FILE_RULE_CODES,
    MISSING_REASON,
    PARSE_ERROR,
    UNUSED_SUPPRESSION,
)
from v2gate.evaluate.scopes import definitions, enclosing, header_owner
from v2gate.evaluate.subject import Subject
from v2gate.records import Suppression
from v2gate.report import Suppressed
from v2gate.statements import Place
from v2gate.violation import Violation

# A file comment silences any rule a comment can; the table says which (`Rule.scope`).
_SUPPRESSIBLE = FILE_RULE_CODES | DEFINITION_RULE_CODES


@dataclass
class _Tally:
    """Which (comment line, code) pairs silenced something; the result lists."""

    used: set[tuple[int, str]] = field(default_factory=set)
    kept: list[Violation] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)


def apply_suppressions(
    subject: Subject, violations: Sequence[Violation], policy: SuppressionPolicy | None = None
) -> tuple[list[Violation], list[Suppressed]]:
    """(violations left, violations silenced); the left ones include a V299 per dead code, and
    the V297/V298 of expired comments and missing reasons (see `v2gate.evaluate.accountable`)."""
    metrics = subject.metrics
    if not metrics.suppressions and not metrics.file_suppressions:
        return list(violations), []  # nothing can be silenced, nothing is dead (most files)
    policy = policy or SuppressionPolicy()
    in_headers, header_findings = screen(subject.path, metrics.suppressions, policy)
    in_file, file_findings = screen(subject.path, metrics.file_suppressions, policy)
    metrics = replace(metrics, suppressions=tuple(in_headers), file_suppressions=tuple(in_file))
    kept, suppressed = _apply(replace(subject, metrics=metrics), violations)
    return [*kept, *header_findings, *file_findings], suppressed


def _apply(subject: Subject, violations: Sequence[Violation]) -> tuple[list[Violation], list[Suppressed]]:
    """`apply_suppressions` with every comment in force."""
    metrics = subject.metrics
    defined = definitions(metrics)
    owners = {item.line: header_owner(defined, item.line) for item in metrics.suppressions}
    tally = _Tally()
    for violation in violations:
        # Both kinds are looked up (and marked used) so neither is reported dead while the
        # other one is silencing the same violation.
        in_header = _header_silencer(defined, metrics.suppressions, owners, violation, tally)
        in_file = _file_silencer(metrics.file_suppressions, violation, tally)
        silencer = in_header or in_file
        if silencer is None:
            tally.kept.append(violation)
        else:
            tally.suppressed.append(silencer)
    for comment in metrics.suppressions:
        tally.kept.extend(_dead_header_codes(subject.path, comment, owners[comment.line], tally.used))
    for comment in metrics.file_suppressions:
        tally.kept.extend(_dead_file_codes(subject.path, comment, tally.used))
    return tally.kept, tally.suppressed


def _file_silencer(comments: Sequence[Suppression], violation: Violation, tally: _Tally) -> Suppressed | None:
    """The first file-level comment naming the violation's code (every such comment is used)."""
    if violation.code not in _SUPPRESSIBLE:
        return None
    naming = [comment for comment in comments if violation.code in comment.codes]
    tally.used.update((comment.line, violation.code) for comment in naming)
    return _suppressed(violation, naming[0], "file") if naming else None


def _suppressed(violation: Violation, comment: Suppression, scope: str) -> Suppressed:
    """What `comment` silenced, with the comment's reason and date."""
    return Suppressed(violation, comment.line, scope, comment.reason, comment.expires)


def _header_silencer(
    defined: list[Place],
    comments: Sequence[Suppression],
    owners: dict[int, Place | None],
    violation: Violation,
    tally: _Tally,
) -> Suppressed | None:
    """The innermost header comment naming the violation's code (every such comment is used)."""
    if violation.code not in DEFINITION_RULE_CODES:
        return None
    scopes = list(enclosing(defined, violation))
    naming = [
        comment
        for definition in scopes
        for comment in comments
        if owners[comment.line] == definition and violation.code in comment.codes
    ]
    tally.used.update((comment.line, violation.code) for comment in naming)
    return _suppressed(violation, naming[0], "definition") if naming else None


def _unused(path: str, line: int, symbol: str | None, message: str) -> Violation:
    """A V299 at the comment's line (column 1: the records keep the comment's line only)."""
    rule = UNUSED_SUPPRESSION
    return Violation(path, line, 1, rule.code, rule.key, symbol, None, None, message)


def _unsuppressible(code: str) -> str | None:
    """Why `code` can never be silenced by a comment, or None when it can."""
    if code == PARSE_ERROR.code:
        return "V200 cannot be suppressed (an unparsable file has no readable comments)"
    if code in (UNUSED_SUPPRESSION.code, EXPIRED_SUPPRESSION.code, MISSING_REASON.code):
        return f"{code} cannot be suppressed"
    if code not in _SUPPRESSIBLE:
        return f"{code} is not a quality-gates rule"
    return None


def _header_reason(code: str, owner: Place | None) -> str:
    """Why a header comment's `code` silenced nothing, and what to do."""
    reason = _unsuppressible(code)
    if reason is not None:
        return f"{reason}; remove {code} from this comment"
    if code in FILE_RULE_CODES:
        return f"{code} is a file rule; use a `# quality-gates: noqa {code}` comment line instead"
    if owner is None:
        return (
            f"`# noqa: {code}` only works in a def or class header (first decorator to the `:`"
            " opening the body); move it there or remove it"
        )
    return f"{owner.name} has no {code} violation; remove {code} from this comment"


def _dead_header_codes(
    path: str, comment: Suppression, owner: Place | None, used: set[tuple[int, str]]
) -> list[Violation]:
    """A V299 for each code of a `# noqa:` comment that silenced nothing."""
    symbol = owner.name if owner is not None else None
    return [
        _unused(path, comment.line, symbol, f"unused suppression: {_header_reason(code, owner)}")
        for code in comment.codes
        if (comment.line, code) not in used
    ]


def _dead_file_codes(path: str, comment: Suppression, used: set[tuple[int, str]]) -> list[Violation]:
    """A V299 for each code of a `# quality-gates: noqa` comment that silenced nothing."""
    found = []
    for code in comment.codes:
        if (comment.line, code) not in used:
            reason = _unsuppressible(code) or f"the file has no {code} violation"
            found.append(
                _unused(
                    path, comment.line, None, f"unused suppression: {reason}; remove {code} from this comment"
                )
            )
    return found
