"""The baseline file: known violations as (path, code, symbol, value) entries, read and written safely.

Format (version 1), sorted and indented so that a change to it reads well in a diff:

    {
      "entries": [
        {"code": "V204", "path": "app/db.py", "symbol": "Store.load", "value": 14},
        {"code": "V201", "path": "app/big.py", "symbol": null, "value": 512}
      ],
      "version": 1
    }

`path` is relative to the directory holding the baseline file (`/` separators), so the file
works from any current directory. An entry may also carry `"reason"` (why the debt is
accepted) and `"expires"` (`YYYY-MM-DD`: after that day it no longer hides its violation,
which fails with a V297, just as an expired `# noqa` does). Entries are keyed by symbol, never by line: moving code
within a file keeps its entry; renaming a function makes it a new symbol.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from v2gate.errors import GateError

BASELINE_VERSION = 1
_ENTRY_KEYS = frozenset({"path", "code", "symbol", "value"})
_OPTIONAL_KEYS = frozenset({"reason", "expires"})


class BaselineError(GateError):
    """A baseline file that is missing, unreadable, corrupt or cannot be written."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded violation: `symbol` is None for the file rules V201-V203; `reason` and
    `expires` (an ISO date) are written by hand and kept when the entry is rewritten."""

    path: str
    code: str
    symbol: str | None
    value: int
    reason: str | None = None
    expires: str | None = None

    @property
    def key(self) -> tuple[str, str, str | None]:
        """What a current violation must share with the entry to match it."""
        return (self.path, self.code, self.symbol)

    @property
    def sort_key(self) -> tuple[str, str, str, int]:
        """File order: path, code, symbol (file rules first), value."""
        return (self.path, self.code, self.symbol or "", self.value)


def sort_entries(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Entries in file order."""
    return tuple(sorted(entries, key=lambda entry: entry.sort_key))


def dump_baseline(entries: Iterable[Entry]) -> str:
    """The file's text: sorted entries and keys, two-space indent, trailing newline."""
    data = {
        "entries": [_entry_data(entry) for entry in sort_entries(entries)],
        "version": BASELINE_VERSION,
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _entry_data(entry: Entry) -> dict[str, Any]:
    """An entry as JSON: the four keys, plus `reason`/`expires` when set."""
    data: dict[str, Any] = {
        "code": entry.code,
        "path": entry.path,
        "symbol": entry.symbol,
        "value": entry.value,
    }
    data.update({key: getattr(entry, key) for key in sorted(_OPTIONAL_KEYS) if getattr(entry, key)})
    return data


def _entry_problem(item: dict[str, Any]) -> str | None:
    """What is wrong with an entry object that has the right keys, or None."""
    if not all(isinstance(item[key], str) and item[key] for key in ("path", "code")):
        return "path and code must be non-empty strings"
    if not (item["symbol"] is None or isinstance(item["symbol"], str)):
        return "symbol must be a string or null"
    if isinstance(item["value"], bool) or not isinstance(item["value"], int):
        return "value must be an integer"
    if not all(isinstance(item.get(key, ""), str) for key in _OPTIONAL_KEYS):
        return "reason and expires must be strings"
    return None


def _entry(item: Any, index: int) -> Entry:
    """One validated entry; the error says which one is wrong and how."""
    if not isinstance(item, dict) or not _ENTRY_KEYS <= set(item) <= _ENTRY_KEYS | _OPTIONAL_KEYS:
        raise ValueError(
            f"entries[{index}] must be an object with the keys code, path, symbol, value"
            " (and optionally reason, expires)"
        )
    problem = _entry_problem(item)
    if problem is not None:
        raise ValueError(f"entries[{index}]: {problem}")
    return Entry(
        item["path"], item["code"], item["symbol"], item["value"], item.get("reason"), item.get("expires")
    )


def parse_baseline(text: str) -> tuple[Entry, ...]:
    """The entries of a baseline file's text; ValueError says what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise ValueError(
            f'not a version {BASELINE_VERSION} baseline (expected {{"version": 1, "entries": [...]}})'
        )
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ValueError('"entries" must be a list')
    return sort_entries(_entry(item, index) for index, item in enumerate(entries))


def load_baseline(file: Path, shown: str, *, missing_ok: bool = False) -> tuple[Entry, ...]:
    """The entries of the baseline `file` (`shown` is how errors name it).

    A missing file is an error unless `missing_ok` (then it holds no entries).
    """
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return ()
        raise BaselineError(
            f"baseline file {shown} not found; create it with --write-baseline {shown}"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BaselineError(f"cannot read baseline file {shown}: {reason}; check the path") from exc
    try:
        return parse_baseline(text)
    except ValueError as exc:
        raise BaselineError(
            f"baseline file {shown} is corrupt: {exc}; fix it, or delete it and run --write-baseline {shown}"
        ) from None


def save_baseline(file: Path, shown: str, entries: Iterable[Entry]) -> None:
    """Write atomically: a temporary file in the same directory, then `os.replace`."""
    text = dump_baseline(entries)
    temp_name = ""
    try:
        # The docs suggest `ci/baseline.json`: a new baseline may start a new folder.
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            newline="\n",
            dir=file.parent,
            prefix=f".{file.name}.",
            suffix=".tmp",
            delete=False,
        ) as temp:
            temp_name = temp.name
            temp.write(text)
        # A temporary file is private (0600); a baseline is committed and read by others.
        os.chmod(temp_name, file.stat().st_mode & 0o777 if file.exists() else 0o644)
        os.replace(temp_name, file)
    except OSError as exc:
        if temp_name:
            Path(temp_name).unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise BaselineError(f"cannot write baseline file {shown}: {reason}; check the path") from exc
