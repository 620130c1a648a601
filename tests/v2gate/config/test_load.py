"""Config discovery (nearest pyproject.toml with the table), --config files and the project root."""

from __future__ import annotations

from pathlib import Path

from v2gate.config.load import load_settings
from v2gate.config.settings import limits_for
from v2gate.evaluate.limits import Limits
from v2gate.inheritance.resolve import DEFAULT_IGNORE_BASES

FULL_TABLE = """
[tool.quality-gates]
max-file-lines = 300
max-functions = 9
max-classes = 4
max-complexity = 8
max-parameters = 3
max-inheritance-depth = 1
include = ["src"]
exclude = ["tests/fixtures/**"]
ignore-bases = ["object"]

[[tool.quality-gates.overrides]]
paths = ["src/big.py"]
max-file-lines = 900
"""


def test_no_config_anywhere_gives_defaults_rooted_at_cwd(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.root == tmp_path
    assert settings.config_file is None
    assert limits_for(settings, tmp_path / "a.py") == Limits()
    assert settings.include == (".",)
    assert settings.exclude == ()
    assert settings.ignore_bases == DEFAULT_IGNORE_BASES


def test_every_key_of_the_full_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(FULL_TABLE, encoding="utf-8")
    settings = load_settings(tmp_path)
    assert limits_for(settings, None) == Limits(
        {
            "max-file-lines": 300,
            "max-functions": 9,
            "max-classes": 4,
            "max-complexity": 8,
            "max-parameters": 3,
            "max-inheritance-depth": 1,
        }
    )
    assert limits_for(settings, tmp_path / "src" / "big.py")["max-file-lines"] == 900
    assert (settings.include, settings.exclude) == (("src",), ("tests/fixtures/**",))
    assert settings.ignore_bases == ("object",)


def test_nearest_pyproject_with_the_table_wins_and_sets_the_root(tmp_path: Path) -> None:
    # outer has the table; inner pyproject has none, so it is skipped (like ruff).
    (tmp_path / "pyproject.toml").write_text("[tool.quality-gates]\nmax-classes = 1\n", encoding="utf-8")
    inner = tmp_path / "pkg"
    deeper = inner / "sub"
    deeper.mkdir(parents=True)
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    settings = load_settings(deeper)
    assert settings.config_file == tmp_path / "pyproject.toml"
    assert settings.root == tmp_path
    assert limits_for(settings, None)["max-classes"] == 1


def test_explicit_config_with_tool_table_or_top_level_table(tmp_path: Path) -> None:
    configs = tmp_path / "configs"
    configs.mkdir()
    (configs / "tool.toml").write_text("[tool.quality-gates]\nmax-complexity = 4\n", encoding="utf-8")
    (configs / "top.toml").write_text("max-complexity = 6\n", encoding="utf-8")
    # a pyproject in cwd is ignored when --config is given
    (tmp_path / "pyproject.toml").write_text("[tool.quality-gates]\nmax-complexity = 1\n", encoding="utf-8")
    tool = load_settings(tmp_path, Path("configs/tool.toml"))
    top = load_settings(tmp_path, configs / "top.toml")
    assert (limits_for(tool, None)["max-complexity"], tool.table) == (4, "[tool.quality-gates]")
    assert (limits_for(top, None)["max-complexity"], top.table) == (6, "top-level table")
    assert tool.root == configs == top.root


def test_zero_is_a_valid_limit(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.quality-gates]\nmax-classes = 0\n", encoding="utf-8")
    assert limits_for(load_settings(tmp_path), None)["max-classes"] == 0
