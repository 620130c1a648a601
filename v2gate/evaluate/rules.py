"""The rule table: code, config key, default limit, name and help text of every gate rule.

Codes and keys are public interface (config files, JSON output, suppressions and, later,
SARIF reporting descriptors all read this one table).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. `key` is the config key (and the JSON `rule`); `default` is None for V200 and V299."""

    code: str
    key: str
    default: int | None
    name: str
    summary: str

    @property
    def field(self) -> str:
        """The `Limits` attribute that holds this rule's limit (`max-file-lines` -> `max_file_lines`)."""
        return self.key.replace("-", "_")


PARSE_ERROR = Rule("V200", "parse-error", None, "ParseError", "The file cannot be decoded or parsed.")

LIMIT_RULES: tuple[Rule, ...] = (
    Rule("V201", "max-file-lines", 400, "MaxFileLines", "Physical lines per file."),
    Rule(
        "V202",
        "max-functions",
        10,
        "MaxFunctions",
        "Functions (def/async def) whose nearest enclosing scope is the module or a class body.",
    ),
    Rule("V203", "max-classes", 5, "MaxClasses", "Class statements per file, nested ones included."),
    Rule(
        "V204",
        "max-complexity",
        10,
        "MaxComplexity",
        "Cyclomatic complexity (radon's, plus one per except* handler) of every function.",
    ),
    Rule(
        "V205",
        "max-parameters",
        5,
        "MaxParameters",
        "Parameters of a function, all kinds, excluding self/cls of methods and a bare *.",
    ),
    Rule(
        "V206",
        "max-inheritance-depth",
        2,
        "MaxInheritanceDepth",
        "Inheritance depth of a class: 1 + the deepest counted base; external bases have depth 0.",
    ),
)

# Not suppressible itself: a dead suppression is fixed by deleting it (`--no-suppress`
# turns all suppressions, and so V299, off).
UNUSED_SUPPRESSION = Rule(
    "V299",
    "unused-suppression",
    None,
    "UnusedSuppression",
    "A `# noqa: V2xx` or `# quality-gates: noqa V2xx` code that suppresses no violation.",
)

RULES: tuple[Rule, ...] = (PARSE_ERROR, *LIMIT_RULES, UNUSED_SUPPRESSION)
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
LIMIT_KEYS: tuple[str, ...] = tuple(rule.key for rule in LIMIT_RULES)
