"""Find and validate the configuration: `[tool.quality-gates]` in pyproject.toml or `--config FILE`.

Discovery works like ruff's: from the current directory upwards, the nearest
`pyproject.toml` that *has* a `[tool.quality-gates]` table wins (a pyproject without
the table is skipped). `--config FILE` reads that file's `[tool.quality-gates]` table,
or, when it has none, the whole file as the table. The project root is the directory
of the config file, else the current directory.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from v2gate.config.check import check_table
from v2gate.config.settings import ConfigError, Settings

PYPROJECT = "pyproject.toml"
TABLE = "[tool.quality-gates]"


def load_settings(
    cwd: Path, config: Path | None = None, cli_limits: Mapping[str, int] | None = None
) -> Settings:
    """Settings for a run started in `cwd` (absolute); raises ConfigError naming file and key."""
    found = _explicit(cwd / config) if config is not None else _discover(cwd)
    flags = dict(cli_limits or {})
    if found is None:
        return Settings(root=cwd, cli_limits=flags)
    path, table_name, table = found
    checked = check_table(table, where=f"{table_name} in {path}")
    return Settings(
        root=path.parent,
        config_file=path,
        table=table_name,
        limits=checked.limits,
        include=checked.include,
        exclude=checked.exclude,
        ignore_bases=checked.ignore_bases,
        overrides=checked.overrides,
        cli_limits=flags,
        require_reason=checked.flags["require-reason"],
        fail_on_empty=checked.flags["fail-on-empty"],
    )


def _explicit(config: Path) -> tuple[Path, str, Any]:
    """The table of a file given with `--config`."""
    document = _read_toml(config)
    table = _tool_table(document, config)
    if table is not None:
        return config, TABLE, table
    return config, "top-level table", document


def _discover(cwd: Path) -> tuple[Path, str, Any] | None:
    """The nearest pyproject.toml at or above `cwd` that has a `[tool.quality-gates]` table."""
    for directory in (cwd, *cwd.parents):
        candidate = directory / PYPROJECT
        if not candidate.is_file():
            continue
        table = _tool_table(_read_toml(candidate), candidate)
        if table is not None:
            return candidate, TABLE, table
    return None


def _tool_table(document: Mapping[str, Any], path: Path) -> Any:
    """`document["tool"]["quality-gates"]`, or None when absent.

    A misspelt table (`[tool.quality_gates]`, `[tool.quality-gate]`) would leave every default
    in force without a word, so a near miss is a ConfigError with a did-you-mean.
    """
    tool = document.get("tool")
    if not isinstance(tool, dict):
        return None
    if "quality-gates" in tool:
        return tool["quality-gates"]
    near = [name for name in tool if _near_miss(name)]
    if near:
        raise ConfigError(
            f"{path}: unknown table [tool.{near[0]}] (did you mean {TABLE}?); "
            "the gate reads only [tool.quality-gates], so these settings would be ignored"
        )
    return None


def _near_miss(name: str) -> bool:
    """Whether a `[tool.NAME]` table looks like a misspelling of `quality-gates`."""
    import difflib  # only when a pyproject has tool tables but not ours

    folded = name.lower().replace("_", "-").replace(".", "-")
    return folded in _SPELLINGS or difflib.SequenceMatcher(None, folded, "quality-gates").ratio() >= 0.85


_SPELLINGS = frozenset({"quality-gates", "quality-gate", "qualitygates", "qualitygate", "v2gate"})


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; unreadable or invalid files become ConfigError with the line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"cannot read config file {path}: {reason}") from exc
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 ({exc.reason}); save it as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}; fix the syntax") from exc
