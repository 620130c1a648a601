"""Per-file limits: overrides merge key by key in order, CLI flags win, explain names each source."""

from __future__ import annotations

from pathlib import Path

import pytest

from v2gate.config.globs import matches_path_glob
from v2gate.config.load import load_settings
from v2gate.config.settings import LimitSource, explain, limits_for
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.rules import LIMIT_RULES

OVERRIDES = """
[tool.quality-gates]
max-file-lines = 300
max-complexity = 8

[[tool.quality-gates.overrides]]
paths = ["pkg/**"]
max-file-lines = 200
max-parameters = 7

[[tool.quality-gates.overrides]]
paths = ["pkg/special.py", "other/*.py"]
max-file-lines = 100
"""

# (path relative to the root, expected limits) — defaults 400/10/5/10/5/2 unless set
MERGED = [
    ("top.py", Limits({"max-file-lines": 300, "max-complexity": 8})),  # main table only
    ("pkg/a.py", Limits({"max-file-lines": 200, "max-complexity": 8, "max-parameters": 7})),  # overrides[0]
    # both match: overrides[1] wins for max-file-lines, overrides[0] still sets max-parameters
    ("pkg/special.py", Limits({"max-file-lines": 100, "max-complexity": 8, "max-parameters": 7})),
    ("other/x.py", Limits({"max-file-lines": 100, "max-complexity": 8})),  # overrides[1] only
    ("other/deep/x.py", Limits({"max-file-lines": 300, "max-complexity": 8})),  # `*` does not cross `/`
]


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(OVERRIDES, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("relative", "expected"), MERGED)
def test_overrides_merge_key_by_key_later_wins(project: Path, relative: str, expected: Limits) -> None:
    assert limits_for(load_settings(project), project / relative) == expected


def test_cli_flags_win_over_overrides_and_explain_names_every_source(project: Path) -> None:
    settings = load_settings(project, cli_limits={"max-parameters": 2})
    config = str(project / "pyproject.toml")
    assert explain(settings, project / "pkg" / "special.py") == [
        LimitSource("max-file-lines", 100, f"overrides[1] in {config}"),
        LimitSource("max-functions", 10, "default"),
        LimitSource("max-classes", 5, "default"),
        LimitSource("max-complexity", 8, f"[tool.quality-gates] in {config}"),
        LimitSource("max-parameters", 2, "command line"),
        LimitSource("max-inheritance-depth", 2, "default"),
    ]


def test_files_outside_the_root_get_no_overrides(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "pkg" / "a.py"
    assert limits_for(load_settings(project), outside) == Limits({"max-file-lines": 300, "max-complexity": 8})


def test_limits_defaults_match_the_rule_table() -> None:
    assert [Limits()[rule.key] for rule in LIMIT_RULES] == [rule.default for rule in LIMIT_RULES]


# (relative path, glob, matches?) — globs are relative to the config file, `/`-separated
GLOBS = [
    ("persistence/json_store.py", "persistence/json_store.py", True),  # exact
    ("persistence/json_store.py", "persistence/*.py", True),  # `*` within one segment
    ("persistence/sub/json_store.py", "persistence/*.py", False),  # `*` never crosses `/`
    ("persistence/sub/json_store.py", "persistence/**/*.py", True),  # `**` spans directories
    ("persistence/json_store.py", "persistence/**/*.py", True),  # `**` may be empty
    ("tests/fixtures/a/b.py", "tests/fixtures/**", True),  # everything below
    ("tests/fixtures/a/b.py", "tests/fixtures", True),  # a directory covers its files
    ("tests/fixturesx/b.py", "tests/fixtures", False),  # whole segments only
    ("a/b.py", "**/b.py", True),
    ("b.py", "**/b.py", True),
    ("a/b1.py", "a/b?.py", True),
    ("a/b12.py", "a/b?.py", False),
    ("a/b1.py", "a/b[0-9].py", True),
    ("a/bx.py", "a/b[!0-9].py", True),
    ("a/b.py", "b.py", True),  # no `/`: a file or directory name at any depth
    ("a/fixtures/b.py", "fixtures", True),
    ("a/b.py", "/a/b.py", True),  # a leading `/` or `./` is ignored: still anchored at the root
    ("x/a/b.py", "./a/b.py", False),
    ("a+b/c.py", "a+b/c.py", True),  # regex characters are literal
]


@pytest.mark.parametrize(("relative", "glob", "expected"), GLOBS)
def test_override_globs(relative: str, glob: str, expected: bool) -> None:
    assert matches_path_glob(relative, glob) is expected
