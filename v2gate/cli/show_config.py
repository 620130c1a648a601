"""`--show-config [FILE]`: the effective limits (for one file) and which table set each one."""

from __future__ import annotations

import json
from pathlib import Path

from v2gate.config.settings import Settings, explain
from v2gate.report import display_path


def _toml_list(items: tuple[str, ...]) -> str:
    """A TOML array of strings (JSON string escaping is valid TOML)."""
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def render_config(settings: Settings, target: Path | None, cwd: Path) -> str:
    """TOML-like lines, each limit commented with its source; newline-terminated."""
    config_name = display_path(settings.config_file, cwd) if settings.config_file else "(none)"
    header = [
        f"# config: {config_name}" + (f" ({settings.table})" if settings.config_file else ""),
        f"# root: {display_path(settings.root, cwd)}",
        f"# file: {display_path(target, cwd) if target is not None else '(none: overrides not applied)'}",
    ]
    sources = explain(settings, target, config_name=config_name)
    width = max(len(f"{item.key} = {item.value}") for item in sources)
    limits = [f"{f'{item.key} = {item.value}':<{width}}  # {item.source}" for item in sources]
    lists = [
        f"include = {_toml_list(settings.include)}",
        f"exclude = {_toml_list(settings.exclude)}",
        f"ignore-bases = {_toml_list(settings.ignore_bases)}",
    ]
    return "\n".join(header + limits + lists) + "\n"
