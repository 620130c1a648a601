"""A seventh rule is a row of the table plus its check function; everything else follows.

The tests add a dummy rule to a copy of the table and check that its default, `--max-*`
flag and help, config key, suppression scope, docs row and evaluation all come from the row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click
import pytest
from click.testing import CliRunner

from v2gate.cli.options import given_limits, limit_options
from v2gate.config.check import check_table
from v2gate.config.settings import ConfigError
from v2gate.evaluate.checks import Limit
from v2gate.evaluate.judge import evaluate
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.rules import (
    RULES,
    Rule,
    codes_in_scope,
    limit_defaults,
    limit_rules,
    markdown_table,
)
from v2gate.evaluate.subject import Subject
from v2gate.records import FileMetrics, FunctionRecord
from v2gate.violation import Violation


def check_name_length(subject: Subject, limit: Limit) -> Iterator[Violation]:
    """The dummy rule's check: every function name longer than the limit."""
    for function in subject.metrics.functions:
        if len(function.name) > limit.value:
            message = f"{function.symbol} has a name of {len(function.name)} characters (limit {limit.value})"
            yield limit.definition_violation(subject, function, len(function.name), message)


DUMMY = Rule(
    "V207",
    "max-name-length",
    30,
    "definition",
    "Characters in a function's name.",
    "characters in the name of every function",
    check_name_length,
)
# The dummy row goes after the last limit rule, before V297-V299, as a real seventh rule would.
TABLE = (*RULES[:7], DUMMY, *RULES[7:])


def test_a_new_rule_gets_its_default() -> None:
    assert limit_defaults(TABLE)["max-name-length"] == 30
    assert Limits(rules=TABLE)["max-name-length"] == 30
    assert Limits({"max-name-length": 12}, rules=TABLE)["max-name-length"] == 12
    with pytest.raises(KeyError, match="max-name-length"):
        Limits({"max-name-length": 12})  # not a key of the real table


def _command(rules: tuple[Rule, ...]) -> click.Command:
    """A command with the table's `--max-*` flags that echoes the limits given."""

    def show(**params: Any) -> None:
        click.echo(sorted(given_limits(params, rules).items()))

    command: Any = show
    for decorator in reversed(limit_options(rules)):
        command = decorator(command)
    return click.command(context_settings={"max_content_width": 200, "terminal_width": 200})(command)


def test_a_new_rule_gets_its_flag_and_help() -> None:
    runner = CliRunner()
    help_text = runner.invoke(_command(TABLE), ["--help"]).output
    assert "--max-name-length N" in help_text
    assert "V207: Characters in a function's name. Overrides the config (default 30)." in help_text
    given = runner.invoke(_command(TABLE), ["--max-name-length", "7", "--max-classes", "2"])
    assert given.output == "[('max-classes', 2), ('max-name-length', 7)]\n"
    assert "--max-name-length" not in runner.invoke(_command(RULES), ["--help"]).output


def test_a_new_rule_gets_its_config_key_checked() -> None:
    table = {"max-name-length": 20, "overrides": [{"paths": ["a.py"], "max-name-length": 40}]}
    checked = check_table(table, where="[tool.quality-gates] in pyproject.toml", rules=TABLE)
    assert checked.limits == {"max-name-length": 20}
    assert checked.overrides[0].limits == {"max-name-length": 40}
    with pytest.raises(ConfigError, match="'max-name-length' must not be negative"):
        check_table({"max-name-length": -1}, where="t", rules=TABLE)
    with pytest.raises(ConfigError, match="unknown key 'max-name-length'"):
        check_table({"max-name-length": 20}, where="t")  # the real table does not know it


def test_a_new_rule_gets_its_suppression_scope() -> None:
    assert "V207" in codes_in_scope("definition", TABLE)
    assert "V207" not in codes_in_scope("file", TABLE)


def test_a_new_rule_gets_its_docs_row() -> None:
    rows = markdown_table(TABLE).splitlines()
    assert rows[8] == "| V207 | `max-name-length` | 30 | characters in the name of every function |"
    assert rows[9].startswith("| V200 |")  # limit rules first, V200 and V299 last


def test_a_new_rule_is_evaluated() -> None:
    function = FunctionRecord("a_rather_long_name", "a_rather_long_name", 3, 1, 1, 0, True, 3, 3)
    subject = Subject("m.py", FileMetrics(lines=4, functions=(function,)))
    found = evaluate(subject, Limits({"max-name-length": 10}, rules=TABLE), rules=limit_rules(TABLE))
    assert [(v.code, v.rule, v.symbol, v.value, v.limit) for v in found] == [
        ("V207", "max-name-length", "a_rather_long_name", 18, 10)
    ]
