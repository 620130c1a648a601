"""The rule table itself: the derived constants, its invariant, and the docs table it renders."""

from __future__ import annotations

import pytest

from v2gate.evaluate.checks import check_classes
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.rules import (
    DEFINITION_RULE_CODES,
    FILE_RULE_CODES,
    LIMIT_RULES,
    Rule,
    limit_defaults,
    markdown_table,
)

# The rule table as the README shows it today (docs/rules.md will be compared with it too).
README_TABLE = """\
| code | config key | default | in one line |
|---|---|---|---|
| V201 | `max-file-lines` | 400 | physical lines (`\\n`, `\\r\\n`, `\\r` only) |
| V202 | `max-functions` | 10 | functions whose nearest enclosing scope is the module or a class body, `@overload` stubs excluded |
| V203 | `max-classes` | 5 | every class statement, nested ones included |
| V204 | `max-complexity` | 10 | radon's cyclomatic complexity of every function, nested ones measured separately, +1 per `except*` handler |
| V205 | `max-parameters` | 5 | every parameter kind, minus `self`/`cls` of methods (a bare `*` is not one) |
| V206 | `max-inheritance-depth` | 2 | 1 + the deepest counted base, resolved across the project's files |
| V200 | — | — | a file that cannot be decoded or parsed (reported, the run continues, exit 1) |
| V297 | — | — | a suppression (or baseline entry) past its `until` date, which no longer suppresses anything |
| V298 | — | — | with `require-reason = true`, a suppression comment without ` -- reason` |
| V299 | — | — | a suppression comment that no longer suppresses anything |
"""


def test_the_markdown_table_is_the_readme_table() -> None:
    assert markdown_table() == README_TABLE


def test_the_derived_constants_follow_the_table() -> None:
    assert [rule.code for rule in LIMIT_RULES] == ["V201", "V202", "V203", "V204", "V205", "V206"]
    assert sorted(FILE_RULE_CODES) == ["V201", "V202", "V203"]
    assert sorted(DEFINITION_RULE_CODES) == ["V204", "V205", "V206"]
    assert dict(Limits()) == limit_defaults() == {rule.key: rule.default for rule in LIMIT_RULES}


def test_a_limit_rule_needs_both_a_default_and_a_check() -> None:
    with pytest.raises(ValueError, match="V208"):
        Rule("V208", "max-x", 3, "file", "X.", "x", None)
    with pytest.raises(ValueError, match="V209"):
        Rule("V209", "x-error", None, None, "X.", "x", check_classes)
