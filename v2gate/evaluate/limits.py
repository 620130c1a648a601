"""The limits that apply to one file: every limit rule's value, keyed by config key."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from v2gate.evaluate.rules import RULES, Rule, limit_defaults


class Limits(Mapping[str, int]):
    """An immutable mapping from each limit rule's config key (`max-complexity`) to its limit.

    Keys not given take the rule table's default, so `Limits()` holds the defaults and
    `Limits({"max-complexity": 8})` differs from them in one key. Every rule reports
    `value > limit` only.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, int] | None = None, *, rules: Iterable[Rule] = RULES) -> None:
        defaults = limit_defaults(rules)
        given = dict(values or {})
        unknown = sorted(set(given) - set(defaults))
        if unknown:
            raise KeyError(f"not a limit key: {', '.join(unknown)}")
        self._values = {**defaults, **given}

    def __getitem__(self, key: str) -> int:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Limits({self._values!r})"
