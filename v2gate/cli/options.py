"""The command line's options as one frozen record, and the generated `--max-*` options."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import click

from v2gate.baseline.request import BaselineRequest
from v2gate.evaluate.rules import RULES, Rule, limit_rules
from v2gate.formatters.outputs import Destination, FormatSpecError, destinations, parse_format_spec


def _destination(rule: Rule) -> str:
    """The click parameter that holds a limit flag (`max-file-lines` -> `max_file_lines`)."""
    return rule.key.replace("-", "_")


def limit_options(rules: Iterable[Rule] = RULES) -> list[Callable[[Any], Any]]:
    """One `--max-… N` option per limit rule of `rules`, named after its config key."""
    return [
        click.option(
            f"--{rule.key}",
            _destination(rule),
            type=click.IntRange(min=0),
            metavar="N",
            help=f"{rule.code}: {rule.summary} Overrides the config (default {rule.default}).",
        )
        for rule in limit_rules(rules)
    ]


def given_limits(params: dict[str, Any], rules: Iterable[Rule] = RULES) -> dict[str, int]:
    """Take the `--max-*` flags out of click's `params`: the given ones, keyed by config key."""
    values = {rule.key: params.pop(_destination(rule)) for rule in limit_rules(rules)}
    return {key: int(value) for key, value in values.items() if value is not None}


def format_specs(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[Destination, ...]:
    """Parse each `--format NAME[:FILE]`; a bad one is a usage error (exit 2) naming the known formats."""
    try:
        return tuple(parse_format_spec(value) for value in values)
    except FormatSpecError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


@dataclass(frozen=True, slots=True)
class CliOptions:
    """What the user asked for. `limits` is keyed by config key and holds only given flags.

    `formats` is a tuple of (format name, output file or None for stdout), one per requested
    format (`--format json:report.json --format text`). `statistics` asks for `--statistics`.
    `suppress` is False for `--no-suppress`; `baseline` holds the three baseline flags.
    `jobs` None means one process per CPU; `use_cache` is False for `--no-cache`. `debug`
    (`--debug`) shows the traceback of every internal error. `add_noqa` asks for suppression
    comments to be written, with `reason` after the codes. `diff` is `--diff REF`;
    `fail_on_empty` (`--fail-on-empty`) makes a run with nothing to check exit 2.
    """

    paths: tuple[str, ...] = ()
    config: str | None = None
    formats: tuple[tuple[str, str | None], ...] = (("text", None),)
    exit_zero: bool = False
    show_config: str | None = None
    limits: Mapping[str, int] = field(default_factory=dict)
    statistics: bool = False
    suppress: bool = True
    report_suppressed: bool = False
    baseline: BaselineRequest = field(default_factory=BaselineRequest)
    jobs: int | None = None
    cache_dir: str | None = None
    use_cache: bool = True
    debug: bool = False
    add_noqa: bool = False
    reason: str | None = None
    diff: str | None = None
    fail_on_empty: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, Any], limits: Mapping[str, int]) -> CliOptions:
        """Build from click's parameters and the given `--max-*` flags (`given_limits`)."""
        return cls(
            paths=tuple(params["paths"]),
            config=params["config"],
            formats=destinations(params["format_specs"], params["output"]),
            exit_zero=params["exit_zero"],
            show_config=params["show_config"],
            limits=dict(limits),
            statistics=params["statistics"],
            suppress=not params["no_suppress"],
            report_suppressed=params["report_suppressed"],
            baseline=BaselineRequest(
                params["baseline_file"], params["write_baseline"], params["update_baseline"]
            ),
            jobs=params["jobs"],
            cache_dir=params["cache_dir"],
            use_cache=not params["no_cache"],
            debug=params["debug"],
            add_noqa=params["add_noqa"],
            reason=params["reason"],
            diff=params["diff_ref"],
            fail_on_empty=params["fail_on_empty"],
        )
