"""The one glob rule: a glob without `/` matches a name as fnmatch does (what discovery used before).

Excludes and override paths share `v2gate.config.globs`; the anchored (`/`) cases are in
test_settings.py (GLOBS) and, through discovery, in tests/v2gate/test_discover.py.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

import pytest

from v2gate.config.globs import matches_name, matches_path_glob

NAMES = [
    "a",
    "b",
    "]",
    "!",
    "x",
    "ax",
    "bx",
    "[",
    "^",
    "&",
    "|",
    "~",
    "\\",
    "foo.egg-info",
    "aXbYc",
    "a]",
    "[a",
]
GLOBS = [
    "*",
    "?",
    "[ab]",
    "[!ab]",
    "[]]",
    "[!]]",
    "[]a]",
    "[a-c]x",
    "x[",
    "*.egg-info",
    "a*b?c",
    "[\\]",
    "[[]",
    "[a]]",
    "[^a]",
    "[&a]",
    "[a|b]",
    "[~]",
]


@pytest.mark.parametrize("glob", GLOBS)
def test_a_name_matches_as_fnmatch_says(glob: str) -> None:
    assert [name for name in NAMES if matches_name(name, glob)] == [
        name for name in NAMES if fnmatchcase(name, glob)
    ]


@pytest.mark.parametrize(
    ("relative", "glob", "expected"),
    [
        ("pkg/gen/x.py", "gen", True),  # a name at any depth, directories included
        ("pkg/x_pb2.py", "*_pb2.py", True),
        ("pkg/generated.py", "gen", False),  # whole names only
        ("pkg/Gen/x.py", "gen", False),  # case-sensitive
        ("a/]/x.py", "[]]", True),  # a `]` right after `[` is a member, as in fnmatch
    ],
)
def test_a_glob_without_a_slash_matches_any_part(relative: str, glob: str, expected: bool) -> None:
    assert matches_path_glob(relative, glob) is expected
