"""Effective settings of a run: the limits, scope lists, overrides, and where each came from."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from v2gate.config.globs import matches_path_glob
from v2gate.errors import GateError
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.rules import limit_defaults
from v2gate.inheritance.depth import DEFAULT_IGNORE_BASES

DEFAULT_INCLUDE: tuple[str, ...] = (".",)


class ConfigError(GateError):
    """A configuration problem the user must fix; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Override:
    """One `[[overrides]]` entry: path globs (relative to the config file) and the limits it sets."""

    paths: tuple[str, ...]
    limits: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configured for a run. Limit mappings are keyed by config key (`max-complexity`).

    Precedence, lowest first: defaults, the main table (`limits`), each matching override in
    order (key by key, a later match wins), then command-line flags (`cli_limits`), which win
    over everything. `require_reason` makes a suppression without a reason a V298;
    `fail_on_empty` makes a run with nothing to check exit 2.
    """

    root: Path
    config_file: Path | None = None
    table: str = ""
    limits: Mapping[str, int] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    ignore_bases: tuple[str, ...] = DEFAULT_IGNORE_BASES
    overrides: tuple[Override, ...] = ()
    cli_limits: Mapping[str, int] = field(default_factory=dict)
    require_reason: bool = False
    fail_on_empty: bool = False


@dataclass(frozen=True, slots=True)
class LimitSource:
    """One line of `--show-config`: a limit's effective value and which table set it."""

    key: str
    value: int
    source: str


def relative_to_root(settings: Settings, path: Path) -> str | None:
    """`path` relative to the project root with `/` separators, or None if it lies outside.

    Lexical (`os.path.abspath`, symlinks not resolved), like discovery and module names, so
    overrides follow the path the user sees.
    """
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(settings.root)).as_posix()
    except ValueError:
        return None


def explain(settings: Settings, path: Path | None, *, config_name: str = "") -> list[LimitSource]:
    """Each limit's effective value for `path` (None: no overrides apply) and its source.

    `config_name` is how sources name the config file (default: its path as stored).
    """
    layers = _layers(settings, path, config_name or str(settings.config_file))
    result = []
    for key, default in limit_defaults().items():
        value, source = default, "default"
        for label, limits in layers:
            if key in limits:
                value, source = limits[key], label
        result.append(LimitSource(key, value, source))
    return result


def _layers(settings: Settings, path: Path | None, config_name: str) -> list[tuple[str, Mapping[str, int]]]:
    """The limit tables that apply to `path`, lowest precedence first, each with its label."""
    relative = relative_to_root(settings, path) if path is not None else None
    layers: list[tuple[str, Mapping[str, int]]] = [(f"{settings.table} in {config_name}", settings.limits)]
    for index, override in enumerate(settings.overrides):
        if relative is not None and any(matches_path_glob(relative, glob) for glob in override.paths):
            layers.append((f"overrides[{index}] in {config_name}", override.limits))
    layers.append(("command line", settings.cli_limits))
    return layers


def limits_for(settings: Settings, path: Path | None) -> Limits:
    """The limits that apply to `path` after overrides and command-line flags."""
    return Limits({item.key: item.value for item in explain(settings, path)})


def limits_for_many(settings: Settings, path: Path, known: dict[tuple[int, ...], Limits]) -> Limits:
    """`limits_for(settings, path)`, computed once per set of matching overrides in `known`.

    A run asks for every file's limits; most files share them, and without overrides all do.
    """
    relative = relative_to_root(settings, path) if settings.overrides else None
    matching = tuple(
        index
        for index, override in enumerate(settings.overrides)
        if relative is not None and any(matches_path_glob(relative, glob) for glob in override.paths)
    )
    if matching not in known:
        known[matching] = limits_for(settings, path)
    return known[matching]
