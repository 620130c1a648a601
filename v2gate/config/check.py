"""Strict validation of a `[tool.quality-gates]` table: known keys, right types, no negative limits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from v2gate.config.settings import DEFAULT_INCLUDE, ConfigError, Override
from v2gate.evaluate.rules import RULES, Rule, limit_defaults
from v2gate.inheritance.depth import DEFAULT_IGNORE_BASES

LIST_KEYS: tuple[str, ...] = ("include", "exclude", "ignore-bases")
# Switches of the main table: `require-reason` (V298), `fail-on-empty` (nothing to check: exit 2).
FLAG_KEYS: tuple[str, ...] = ("require-reason", "fail-on-empty")


@dataclass(frozen=True, slots=True)
class CheckedTable:
    """The validated contents of the main table."""

    limits: Mapping[str, int]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    ignore_bases: tuple[str, ...]
    overrides: tuple[Override, ...]
    flags: Mapping[str, bool]


def check_table(table: Any, *, where: str, rules: Iterable[Rule] = RULES) -> CheckedTable:
    """Validate the main table; `where` names it and its file in every error message.

    The known limit keys are those of the limit rules in `rules` (default: the rule table).
    """
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table of settings, got {_describe(table)}")
    limit_keys = tuple(limit_defaults(rules))
    _check_keys(table, (*limit_keys, *LIST_KEYS, *FLAG_KEYS, "overrides"), where)
    raw_overrides = table.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise ConfigError(f"{where}: 'overrides' must be an array of tables ([[...overrides]])")
    return CheckedTable(
        limits=_limits(table, limit_keys, where),
        include=_strings(table, "include", where, DEFAULT_INCLUDE),
        exclude=_strings(table, "exclude", where, ()),
        ignore_bases=_strings(table, "ignore-bases", where, DEFAULT_IGNORE_BASES),
        overrides=tuple(
            _override(entry, limit_keys, f"{where}, overrides[{index}]")
            for index, entry in enumerate(raw_overrides)
        ),
        flags={key: _flag(table, key, where) for key in FLAG_KEYS},
    )


def _flag(table: Mapping[str, Any], key: str, where: str) -> bool:
    """A true/false key (false when absent)."""
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false, got {_describe(value)}")
    return value


def _override(entry: Any, limit_keys: tuple[str, ...], where: str) -> Override:
    """One `[[overrides]]` entry: a non-empty `paths` list of globs plus limit keys."""
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table with 'paths' and limits, got {_describe(entry)}")
    _check_keys(entry, ("paths", *limit_keys), where)
    if "paths" not in entry:
        raise ConfigError(f"{where}: missing key 'paths' (a list of globs relative to the config file)")
    paths = _strings(entry, "paths", where, ())
    if not paths:
        raise ConfigError(f"{where}: 'paths' is empty; list at least one glob")
    return Override(paths=paths, limits=_limits(entry, limit_keys, where))


def _check_keys(table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    """Reject the first unknown key, with a "did you mean" hint when one is close."""
    for key in table:
        if key in allowed:
            continue
        import difflib  # only for a bad key: every run reads the config

        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(allowed)}"
        raise ConfigError(f"{where}: unknown key '{key}'{hint}")


def _limits(table: Mapping[str, Any], keys: tuple[str, ...], where: str) -> dict[str, int]:
    """The limit `keys` present in `table`, each a non-negative integer (a bool is not one)."""
    limits: dict[str, int] = {}
    for key in keys:
        if key not in table:
            continue
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: '{key}' must be an integer, got {_describe(value)}")
        if value < 0:
            raise ConfigError(f"{where}: '{key}' must not be negative, got {value}")
        limits[key] = value
    return limits


def _strings(table: Mapping[str, Any], key: str, where: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A list-of-strings key, or `default` when absent."""
    if key not in table:
        return default
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings, got {_describe(value)}")
    return tuple(value)


def _describe(value: Any) -> str:
    """A TOML-flavoured description of a wrong value, e.g. `true (a boolean)`."""
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
    }
    kind = names.get(type(value), type(value).__name__)
    if isinstance(value, bool):
        return f"{str(value).lower()} ({kind})"
    if isinstance(value, (dict, list)):
        return kind
    return f"{value!r} ({kind})"
