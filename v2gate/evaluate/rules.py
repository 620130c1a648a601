"""The rule table: one row per rule (code, config key, default, scope, text, check), nothing restated.

Codes and keys are public interface. Everything else that knows about rules is derived from
`RULES`: the limit defaults (`Limits`), the `--max-*` flags and their help, the known config
keys, which comments can suppress what (`scope`), the SARIF rule descriptors and the docs'
rule table (`markdown_table`). Adding a rule is a row here plus its check in
`v2gate.evaluate.checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from v2gate.evaluate.checks import (
    Check,
    check_classes,
    check_complexity,
    check_file_lines,
    check_functions,
    check_inheritance,
    check_parameters,
)

# Where a suppression comment for the rule goes: a `# quality-gates: noqa` line for a file
# rule, a def/class header (or that line) for a definition rule; None: never suppressed.
Scope = Literal["file", "definition"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. `key` is the config key (and the JSON `rule`); a limit rule has a `default`
    and a `check`, V200 and V299 have neither (the run reports them itself).

    `summary` is the sentence for `--help` and SARIF; `in_one_line` the docs table's column.
    """

    code: str
    key: str
    default: int | None
    scope: Scope | None
    summary: str
    in_one_line: str
    check: Check | None = None

    def __post_init__(self) -> None:
        if (self.default is None) != (self.check is None):
            raise ValueError(
                f"rule {self.code}: a limit rule has both a default and a check, other rules neither"
            )


PARSE_ERROR = Rule(
    "V200",
    "parse-error",
    None,
    None,
    "The file cannot be decoded or parsed.",
    "a file that cannot be decoded or parsed (reported, the run continues, exit 1)",
)
# Not suppressible itself: a dead suppression is fixed by deleting it (`--no-suppress`
# turns all suppressions, and so V299, off).
UNUSED_SUPPRESSION = Rule(
    "V299",
    "unused-suppression",
    None,
    None,
    "A `# noqa: V2xx` or `# quality-gates: noqa V2xx` code that suppresses no violation.",
    "a suppression comment that no longer suppresses anything",
)

# Accountable suppressions (like V299: no limit, no config key, never suppressed themselves).
EXPIRED_SUPPRESSION = Rule(
    "V297",
    "expired-suppression",
    None,
    None,
    "A suppression or baseline entry past its `(until YYYY-MM-DD)` date: it no longer suppresses.",
    "a suppression (or baseline entry) past its `until` date, which no longer suppresses anything",
)
MISSING_REASON = Rule(
    "V298",
    "suppression-needs-reason",
    None,
    None,
    "With `require-reason = true`: a suppression without a ` -- reason`.",
    "with `require-reason = true`, a suppression comment without ` -- reason`",
)

RULES: tuple[Rule, ...] = (
    PARSE_ERROR,
    Rule(
        "V201",
        "max-file-lines",
        400,
        "file",
        "Physical lines per file.",
        "physical lines (`\\n`, `\\r\\n`, `\\r` only)",
        check_file_lines,
    ),
    Rule(
        "V202",
        "max-functions",
        10,
        "file",
        "Functions (def/async def) whose nearest enclosing scope is the module or a class body.",
        "functions whose nearest enclosing scope is the module or a class body, `@overload` stubs excluded",
        check_functions,
    ),
    Rule(
        "V203",
        "max-classes",
        5,
        "file",
        "Class statements per file, nested ones included.",
        "every class statement, nested ones included",
        check_classes,
    ),
    Rule(
        "V204",
        "max-complexity",
        10,
        "definition",
        "Cyclomatic complexity (radon's, plus one per except* handler) of every function.",
        "radon's cyclomatic complexity of every function, nested ones measured separately,"
        " +1 per `except*` handler",
        check_complexity,
    ),
    Rule(
        "V205",
        "max-parameters",
        5,
        "definition",
        "Parameters of a function, all kinds, excluding self/cls of methods and a bare *.",
        "every parameter kind, minus `self`/`cls` of methods (a bare `*` is not one)",
        check_parameters,
    ),
    Rule(
        "V206",
        "max-inheritance-depth",
        2,
        "definition",
        "Inheritance depth of a class: 1 + the deepest counted base; external bases have depth 0.",
        "1 + the deepest counted base, resolved across the project's files",
        check_inheritance,
    ),
    EXPIRED_SUPPRESSION,
    MISSING_REASON,
    UNUSED_SUPPRESSION,
)


def limit_rules(rules: Iterable[Rule] = RULES) -> tuple[Rule, ...]:
    """The rules with a limit (a default and a check), in table order."""
    return tuple(rule for rule in rules if rule.check is not None)


def limit_defaults(rules: Iterable[Rule] = RULES) -> dict[str, int]:
    """Each limit rule's default, keyed by config key."""
    return {rule.key: rule.default for rule in rules if rule.default is not None}


def codes_in_scope(scope: Scope, rules: Iterable[Rule] = RULES) -> frozenset[str]:
    """The codes a comment of `scope` ("file" or "definition") can suppress."""
    return frozenset(rule.code for rule in rules if rule.scope == scope)


def markdown_table(rules: Sequence[Rule] = RULES) -> str:
    """The docs' rule table (code, config key, default, one line): limit rules first, then the rest."""
    ordered = sorted(rules, key=lambda rule: rule.default is None)  # stable: table order within each
    rows = ["| code | config key | default | in one line |", "|---|---|---|---|"]
    for rule in ordered:
        key, default = ("—", "—") if rule.default is None else (f"`{rule.key}`", str(rule.default))
        rows.append(f"| {rule.code} | {key} | {default} | {rule.in_one_line} |")
    return "\n".join(rows) + "\n"


RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
LIMIT_RULES: tuple[Rule, ...] = limit_rules()
FILE_RULE_CODES: frozenset[str] = codes_in_scope("file")
DEFINITION_RULE_CODES: frozenset[str] = codes_in_scope("definition")
