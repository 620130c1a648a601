"""`--baseline FILE`, `--write-baseline FILE`, `--update-baseline`: load before the run, apply after it.

- `--write-baseline FILE` records every current violation (V200/V299 excepted) of the files in
  the run, keeps the entries of other files, writes the file, then reports against it.
- `--baseline FILE` fails only on violations that are new or whose value is above the recorded one.
- `--update-baseline` (with `--baseline`) also rewrites FILE: entries of the files in the run
  that improved are tightened and fixed ones removed; worse ones keep their recorded value and
  new violations are never added.
Entries of files outside the run are kept while the file exists, so a pre-commit run on a few
files never loses the rest.
"""

from __future__ import annotations

import datetime
import functools
import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

import click

from v2gate.baseline.expiry import carry_notes, expired_findings, say_baseline_value, split_expired
from v2gate.baseline.file import Entry, load_baseline, save_baseline
from v2gate.baseline.match import (
    KeyPath,
    Match,
    match_baseline,
    merge_entries,
    tightened,
    violation_entry,
)
from v2gate.baseline.request import BaselineRequest
from v2gate.errors import GateError
from v2gate.report import Report


@dataclass(frozen=True, slots=True)
class BaselinePlan:
    """What to do after the run. `file` is absolute; `shown` is how messages name it."""

    mode: str  # "apply", "write" or "update"
    file: Path
    shown: str
    entries: tuple[Entry, ...] = ()

    def key_path(self, cwd: Path, display: str) -> str:
        """A report path (relative to `cwd`) as the baseline stores it: relative to its directory."""
        absolute = os.path.normpath(os.path.join(cwd, display))
        try:
            return PurePath(os.path.relpath(absolute, self.file.parent)).as_posix()
        except ValueError:  # Windows, another drive: no relative path exists
            return PurePath(absolute).as_posix()

    def keeps(self, path: str) -> bool:
        """Whether to keep the entries of a file outside the run: only a deleted file's go."""
        return (self.file.parent / path).is_file()


def plan_baseline(request: BaselineRequest, cwd: Path) -> BaselinePlan | None:
    """Check the flag combination and read the baseline now, before the (long) run; None: no baseline."""
    if request.apply is not None and request.write is not None:
        raise GateError("use either --baseline FILE or --write-baseline FILE, not both")
    if request.update and request.apply is None:
        raise GateError("--update-baseline needs --baseline FILE (the baseline to tighten)")
    shown = request.write if request.write is not None else request.apply
    if shown is None:
        return None
    file = Path(os.path.abspath(cwd / shown))
    mode = "write" if request.write is not None else "update" if request.update else "apply"
    # Writing merges into an existing baseline (a partial run keeps other files' entries),
    # so a corrupt one is an error there too rather than silently replaced.
    entries = load_baseline(file, shown, missing_ok=mode == "write")
    return BaselinePlan(mode, file, shown, entries)


def finish_baseline(
    plan: BaselinePlan | None, report: Report, cwd: Path, today: datetime.date | None = None
) -> Report:
    """Write/update the baseline as planned and hide the violations it covers.

    Entries past their `expires` date (`today` decides; None: today) hide nothing, and each
    violation they used to hide comes with a V297.
    """
    if plan is None:
        return report
    key_path = functools.partial(plan.key_path, cwd)
    run_paths = {key_path(row.path) for row in report.files}
    entries = plan.entries
    if plan.mode == "write":
        entries = _write(plan, report, key_path, run_paths)
    today = today or datetime.date.today()
    live, expired = split_expired(entries, today)
    match = match_baseline(report.violations, live, key_path)
    if plan.mode == "update":
        _update(plan, match, run_paths)
    failing = [
        *say_baseline_value(match.failing, match.worsened, key_path),
        *expired_findings(match.failing, expired, key_path, today),
    ]
    failing.sort(key=lambda violation: violation.sort_key)
    return replace(report, violations=tuple(failing), baselined=len(match.hidden))


def _write(plan: BaselinePlan, report: Report, key_path: KeyPath, run_paths: set[str]) -> tuple[Entry, ...]:
    """Record the run's violations (other files' entries kept) and save; returns the new entries."""
    fresh = [entry for entry in (violation_entry(found, key_path) for found in report.violations) if entry]
    entries = merge_entries(plan.entries, carry_notes(fresh, plan.entries), run_paths, plan.keeps)
    save_baseline(plan.file, plan.shown, entries)
    click.echo(f"Wrote {_count(len(entries), 'entry', 'entries')} to baseline {plan.shown}.", err=True)
    return entries


def _update(plan: BaselinePlan, match: Match, run_paths: set[str]) -> None:
    """Tighten improved entries and drop fixed ones of the run's files; save only if that changed anything."""
    before = plan.entries
    after = merge_entries(before, [*tightened(match.hidden), *match.worsened], run_paths, plan.keeps)
    if after == before:
        click.echo(f"Baseline {plan.shown} is up to date.", err=True)
        return
    save_baseline(plan.file, plan.shown, after)
    lowered = sum(1 for found, entry in match.hidden if (found.value or 0) < entry.value)
    click.echo(
        f"Updated baseline {plan.shown}: {_count(lowered, 'entry', 'entries')} tightened,"
        f" {len(before) - len(after)} removed.",
        err=True,
    )


def _count(number: int, noun: str, plural: str) -> str:
    """`1 entry`, `3 entries`."""
    return f"{number} {noun if number == 1 else plural}"
