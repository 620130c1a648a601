"""Accountable suppressions: a reason after ` -- `, an `(until YYYY-MM-DD)` date, V297 and V298.

A comment past its date (or with a date that is not `YYYY-MM-DD`) suppresses nothing and each
of its codes is a V297; with `require-reason = true` a live comment without a reason is a
V298 (it still suppresses: the missing reason is the finding, not the waiver).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from v2gate.evaluate.rules import EXPIRED_SUPPRESSION, MISSING_REASON
from v2gate.records import Suppression
from v2gate.violation import Violation


@dataclass(frozen=True, slots=True)
class SuppressionPolicy:
    """What a suppression must carry: `today` decides expiry; `require_reason` asks for V298."""

    today: datetime.date = field(default_factory=datetime.date.today)
    require_reason: bool = False


def parse_until(text: str) -> datetime.date | None:
    """The date of an `until` clause (`2027-06-30`), or None when it is not an ISO date."""
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def expiry_problem(expires: str | None, today: datetime.date) -> str | None:
    """Why a suppression dated `expires` no longer applies on `today`, or None while it does."""
    if expires is None:
        return None
    until = parse_until(expires)
    if until is None:
        return f"has an invalid date '{expires}' (write `(until YYYY-MM-DD)`)"
    return f"expired on {expires}" if until < today else None


def _violation(path: str, line: int, code: str, message: str) -> Violation:
    rule = EXPIRED_SUPPRESSION if code == EXPIRED_SUPPRESSION.code else MISSING_REASON
    return Violation(path, line, 1, rule.code, rule.key, None, None, None, message)


def screen(
    path: str, comments: Sequence[Suppression], policy: SuppressionPolicy
) -> tuple[list[Suppression], list[Violation]]:
    """(the comments that still suppress, the V297/V298 they earn); an expired one keeps no codes."""
    live: list[Suppression] = []
    found: list[Violation] = []
    for comment in comments:
        problem = expiry_problem(comment.expires, policy.today)
        if problem is not None:
            reason = f": {comment.reason}" if comment.reason else ""
            found.extend(
                _violation(
                    path, comment.line, EXPIRED_SUPPRESSION.code, f"suppression of {code} {problem}{reason}"
                )
                for code in comment.codes
            )
            live.append(replace(comment, codes=()))
            continue
        if policy.require_reason and not comment.reason:
            codes = ", ".join(comment.codes)
            message = f"suppression needs a reason: write `# noqa: {codes} -- why` (require-reason = true)"
            found.append(_violation(path, comment.line, MISSING_REASON.code, message))
        live.append(comment)
    return live, found
