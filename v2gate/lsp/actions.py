"""Quick fixes and hover: a suppression comment written with libcst (every other byte kept),
and the `explain` breakdown of the definition under the cursor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types

from v2gate.baseline.file import Entry, dump_baseline
from v2gate.baseline.match import BASELINED_CODES
from v2gate.baseline.run import BaselinePlan
from v2gate.config.settings import Settings
from v2gate.explain.build import explain_target
from v2gate.explain.render import render
from v2gate.rewrite.noqa import Wanted, add_comments

DEFAULT_REASON = "reviewed: accepted as it is"


def suppress_edit(uri: str, text: str, data: Any, reason: str = DEFAULT_REASON) -> types.WorkspaceEdit | None:
    """The edit that adds `# noqa: CODE -- reason` for the diagnostic's `data` (None: cannot)."""
    code, symbol, line = data.get("code"), data.get("symbol"), data.get("line")
    if code == "V200" or not isinstance(code, str):
        return None  # an unparsable file takes no comment: fix the syntax
    wanted = (
        Wanted(definitions={int(line): [code]}, reason=reason)
        if symbol
        else Wanted(file=[code], reason=reason)
    )
    try:
        changed, added, _ = add_comments(text, wanted)
    except Exception:  # noqa: BLE001 -- source libcst cannot parse offers no fix, never a crash
        return None
    if not added:
        return None
    return types.WorkspaceEdit(changes={uri: [changed_lines(text, changed)]})


def baseline_edit(plan: BaselinePlan | None, cwd: Path, shown: str, data: Any) -> types.WorkspaceEdit | None:
    """The edit that records the diagnostic's violation (`data`, of the file `shown` from `cwd`)
    in the configured baseline (None: no baseline, or a code a baseline never records)."""
    code, value = data.get("code"), data.get("value")
    if plan is None or code not in BASELINED_CODES or not isinstance(value, int):
        return None
    entry = Entry(plan.key_path(cwd, shown), str(code), data.get("symbol"), value)
    old = plan.file.read_text(encoding="utf-8") if plan.file.is_file() else ""
    end = types.Position(old.count("\n"), len(old.rsplit("\n", 1)[-1]))
    whole = types.TextEdit(
        range=types.Range(types.Position(0, 0), end), new_text=dump_baseline([*plan.entries, entry])
    )
    return types.WorkspaceEdit(changes={plan.file.as_uri(): [whole]})


def changed_lines(old: str, new: str) -> types.TextEdit:
    """One edit replacing only the lines that differ between `old` and `new`."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    replaced = types.Range(types.Position(start, 0), types.Position(len(before) - end, 0))
    return types.TextEdit(range=replaced, new_text="".join(after[start : len(after) - end]))


def hover_text(path: Path, line: int, settings: Settings, cwd: Path) -> str | None:
    """`explain path:LINE` for a line that holds a `def` or `class` header (None: anything else)."""
    try:
        data = explain_target(f"{path}:{line}", settings, cwd)
    except Exception:  # noqa: BLE001 -- no breakdown (unparsable saved file, no target) is no hover
        return None
    if data["kind"] == "file" or data["line"] != line:
        return None  # only on the `def`/`class` line itself, not all through its body
    return "```text\n" + render(data, "text") + "```"
