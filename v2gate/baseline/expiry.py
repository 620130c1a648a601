"""Baseline entries that explain themselves: `reason`/`expires` kept and enforced, and a worse
violation that says what the baseline allowed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import replace

from v2gate.baseline.file import Entry
from v2gate.baseline.match import KeyPath, violation_entry
from v2gate.evaluate.accountable import expiry_problem
from v2gate.evaluate.rules import EXPIRED_SUPPRESSION
from v2gate.violation import Violation


def split_expired(entries: Iterable[Entry], today: datetime.date) -> tuple[list[Entry], list[Entry]]:
    """(entries still in force, entries past their `expires` date or with an invalid one)."""
    live: list[Entry] = []
    expired: list[Entry] = []
    for entry in entries:
        (live if expiry_problem(entry.expires, today) is None else expired).append(entry)
    return live, expired


def expired_findings(
    failing: Sequence[Violation], expired: Iterable[Entry], key_path: KeyPath, today: datetime.date
) -> list[Violation]:
    """A V297 at each failing violation that an expired entry used to hide."""
    by_key = {entry.key: entry for entry in expired}
    found = []
    for violation in failing:
        current = violation_entry(violation, key_path)
        entry = by_key.get(current.key) if current is not None else None
        if entry is None:
            continue
        reason = f": {entry.reason}" if entry.reason else ""
        message = f"baseline entry for {violation.code} {expiry_problem(entry.expires, today)}{reason}"
        rule = EXPIRED_SUPPRESSION
        found.append(
            Violation(
                violation.path,
                violation.line,
                violation.column,
                rule.code,
                rule.key,
                violation.symbol,
                None,
                None,
                message,
            )
        )
    return found


def say_baseline_value(
    failing: Sequence[Violation], worsened: Iterable[Entry], key_path: KeyPath
) -> list[Violation]:
    """A violation worse than its entry says so: `7 parameters (limit 5; baseline allowed 6)`.

    `worsened` are the entries left without a violation they cover (`Match.worsened`), which
    the worse violations of their key take, highest first.
    """
    allowed: dict[tuple[str, str, str | None], list[int]] = {}
    for entry in sorted(worsened, key=lambda entry: -entry.value):
        allowed.setdefault(entry.key, []).append(entry.value)
    said = []
    for violation in failing:
        current = violation_entry(violation, key_path)
        values = allowed.get(current.key) if current is not None else None
        if values and violation.message.endswith(")"):
            value = values.pop(0)
            said.append(replace(violation, message=f"{violation.message[:-1]}; baseline allowed {value})"))
        else:
            said.append(violation)
    return said


def carry_notes(fresh: Iterable[Entry], existing: Iterable[Entry]) -> list[Entry]:
    """Fresh entries keep the `reason`/`expires` written on the entries they replace."""
    notes = {entry.key: (entry.reason, entry.expires) for entry in existing if entry.reason or entry.expires}
    return [
        replace(entry, reason=notes[entry.key][0], expires=notes[entry.key][1])
        if entry.key in notes
        else entry
        for entry in fresh
    ]
