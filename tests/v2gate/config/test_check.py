"""Strict config validation: every bad table is a ConfigError naming the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from v2gate.config.load import load_settings
from v2gate.config.settings import ConfigError

# (pyproject.toml text, fragments the error message must contain)
BAD_TABLES = [
    # unknown key, with a difflib hint
    (
        "[tool.quality-gates]\nmax-complexty = 3\n",
        ["unknown key 'max-complexty'", "did you mean 'max-complexity'"],
    ),
    # unknown key with nothing close: list the known keys instead
    ("[tool.quality-gates]\nzzz = 1\n", ["unknown key 'zzz'", "known keys: max-file-lines"]),
    # a bool is not an int even though Python says isinstance(True, int)
    (
        "[tool.quality-gates]\nmax-functions = true\n",
        ["'max-functions' must be an integer", "true (a boolean)"],
    ),
    # a float or a string is not an int either
    ("[tool.quality-gates]\nmax-classes = 2.5\n", ["'max-classes' must be an integer", "2.5 (a float)"]),
    ('[tool.quality-gates]\nmax-parameters = "5"\n', ["'max-parameters' must be an integer", "a string"]),
    # negative limits are rejected
    ("[tool.quality-gates]\nmax-file-lines = -1\n", ["'max-file-lines' must not be negative, got -1"]),
    # list keys must be lists of strings
    ('[tool.quality-gates]\nexclude = "tests/**"\n', ["'exclude' must be a list of strings"]),
    ("[tool.quality-gates]\nignore-bases = [1]\n", ["'ignore-bases' must be a list of strings"]),
    # the table itself must be a table
    ("[tool]\nquality-gates = 3\n", ["must be a table of settings"]),
    # overrides: array of tables, each with a non-empty `paths` and only limit keys
    ("[tool.quality-gates]\noverrides = 1\n", ["'overrides' must be an array of tables"]),
    ("[[tool.quality-gates.overrides]]\nmax-file-lines = 9\n", ["overrides[0]", "missing key 'paths'"]),
    ("[[tool.quality-gates.overrides]]\npaths = []\n", ["overrides[0]", "'paths' is empty"]),
    (
        '[[tool.quality-gates.overrides]]\npaths = ["a.py"]\n[[tool.quality-gates.overrides]]\n'
        'paths = ["b.py"]\nexclude = ["x"]\n',
        ["overrides[1]", "unknown key 'exclude'"],
    ),
    (
        '[[tool.quality-gates.overrides]]\npaths = ["a.py"]\nmax-complexity = false\n',
        ["overrides[0]", "'max-complexity' must be an integer"],
    ),
    # invalid TOML names the line
    ("[tool.quality-gates]\nmax-complexity = = 3\n", ["invalid TOML", "line 2"]),
]


@pytest.mark.parametrize(("text", "fragments"), BAD_TABLES)
def test_bad_pyproject_raises_config_error_naming_key_and_file(
    tmp_path: Path, text: str, fragments: list[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "pyproject.toml") in message
    for fragment in fragments:
        assert fragment in message


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"cannot read config file .*nope\.toml"):
        load_settings(tmp_path, tmp_path / "nope.toml")


def test_config_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "gate.toml"
    config.write_bytes(b"max-complexity = 3 # \xff\n")
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        load_settings(tmp_path, config)


def test_top_level_table_in_explicit_config_is_validated_too(tmp_path: Path) -> None:
    config = tmp_path / "gate.toml"
    config.write_text("max-complexity = 3\nmax-funtions = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path, config)
    assert "top-level table in" in str(caught.value)
    assert "did you mean 'max-functions'" in str(caught.value)
