"""The ratchet: current violations against baseline entries -> what fails, what the baseline hides.

A violation matches an entry with the same (path, code, symbol) whose recorded value is at
least the current one: equal or lower passes, higher fails, an unknown key is new. One key
can occur several times (two functions `f` in one file under `if`/`else`): values are paired
so that as many violations as possible pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from v2gate.baseline.file import Entry, sort_entries
from v2gate.evaluate.rules import LIMIT_RULES
from v2gate.violation import Violation

# V200 is never baselined (an unparsable file is not measured, so nothing new in it would
# show), nor V299 (deleting a dead comment is the whole fix).
BASELINED_CODES = frozenset(rule.code for rule in LIMIT_RULES)

Key = tuple[str, str, str | None]
KeyPath = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Match:
    """`failing`: to report (new, worse, or never baselined); `hidden`: (violation, its entry).

    `worsened`: the entries of violations that are now worse than recorded (an update keeps
    them as they are, so getting back to the recorded value passes again).
    """

    failing: tuple[Violation, ...]
    hidden: tuple[tuple[Violation, Entry], ...]
    worsened: tuple[Entry, ...] = ()


def violation_entry(violation: Violation, key_path: KeyPath) -> Entry | None:
    """The entry recording `violation` (None for V200/V299); `key_path` maps its display path."""
    if violation.code not in BASELINED_CODES or violation.value is None:
        return None
    return Entry(key_path(violation.path), violation.code, violation.symbol, violation.value)


def _pair(
    current: list[tuple[Violation, Entry]], recorded: list[Entry]
) -> Iterable[tuple[Violation, Entry | None]]:
    """Pair each violation of one key with the smallest unused recorded value not below it."""
    values = sorted(recorded, key=lambda entry: entry.value)
    position = 0
    for violation, entry in sorted(current, key=lambda item: item[1].value):
        while position < len(values) and values[position].value < entry.value:
            position += 1
        if position < len(values):
            yield violation, values[position]
            position += 1
        else:
            yield violation, None


def match_baseline(violations: Sequence[Violation], entries: Iterable[Entry], key_path: KeyPath) -> Match:
    """Split `violations` (in report order) into failing and hidden ones."""
    recorded: dict[Key, list[Entry]] = defaultdict(list)
    for entry in entries:
        recorded[entry.key].append(entry)
    paired: dict[int, Entry] = {}
    worsened: list[Entry] = []
    for key, found in _by_key(violations, key_path).items():
        pairs = list(_pair(found, recorded.get(key, [])))
        paired.update((id(violation), match) for violation, match in pairs if match is not None)
        worsened.extend(_unpaired(recorded.get(key, []), pairs))
    return Match(
        failing=tuple(violation for violation in violations if id(violation) not in paired),
        hidden=tuple(
            (violation, paired[id(violation)]) for violation in violations if id(violation) in paired
        ),
        worsened=tuple(worsened),
    )


def _by_key(violations: Sequence[Violation], key_path: KeyPath) -> dict[Key, list[tuple[Violation, Entry]]]:
    """The baselinable violations grouped by key, each with the entry that would record it."""
    current: dict[Key, list[tuple[Violation, Entry]]] = defaultdict(list)
    for violation in violations:
        entry = violation_entry(violation, key_path)
        if entry is not None:
            current[entry.key].append((violation, entry))
    return current


def _unpaired(recorded: list[Entry], pairs: list[tuple[Violation, Entry | None]]) -> list[Entry]:
    """The highest unused entries of one key, one per violation of that key left without a pair."""
    used = [id(entry) for _, entry in pairs if entry is not None]
    free = sorted((entry for entry in recorded if id(entry) not in used), key=lambda entry: -entry.value)
    return free[: sum(1 for _, entry in pairs if entry is None)]


def merge_entries(
    existing: Iterable[Entry], fresh: Iterable[Entry], run_paths: set[str], keep: Callable[[str], bool]
) -> tuple[Entry, ...]:
    """`fresh` for the files in the run, plus existing entries of other files that `keep` accepts.

    A run on some files (pre-commit passes only changed ones) never drops what it did not see.
    """
    others = [entry for entry in existing if entry.path not in run_paths and keep(entry.path)]
    return sort_entries([*others, *fresh])


def tightened(hidden: Iterable[tuple[Violation, Entry]]) -> list[Entry]:
    """The matched entries at their current (equal or lower) values; unmatched ones are fixed."""
    return [
        Entry(
            entry.path,
            entry.code,
            entry.symbol,
            violation.value if violation.value is not None else entry.value,
            entry.reason,
            entry.expires,
        )
        for violation, entry in hidden
    ]
