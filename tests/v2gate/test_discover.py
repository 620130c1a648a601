"""File discovery on real directory trees: suffixes, excludes, symlinks, duplicates, missing paths."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from v2gate.discover import DEFAULT_EXCLUDED_DIRS, Discovery, discover


def build(root: Path, entries: Sequence[str]) -> None:
    """Create `path` files (containing `pass`) and `link -> target` symlinks below `root`."""
    for entry in entries:
        path, _, target = entry.partition(" -> ")
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        if target:
            os.symlink(target, root / path)
        else:
            (root / path).write_text("pass\n")


def found(result: Discovery, root: Path) -> list[str]:
    """The discovered files relative to `root`, `/`-separated, in the returned order."""
    return [file.relative_to(root).as_posix() for file in result.files]


TREE = ["a.py", "b.pyi", "c.txt", "pkg/__init__.py", "pkg/z.py", "pkg/sub/m.py", "pkg-x/y.py", ".py"]

# (rule, tree, paths given relative to root, exclude globs, expected files)
CASES = [
    (
        "only *.py (never .pyi), sorted by path parts, the root walked",
        TREE,
        ["."],
        [],
        ["a.py", "pkg/__init__.py", "pkg/sub/m.py", "pkg/z.py", "pkg-x/y.py"],
    ),
    (
        "an explicit .pyi or non-Python file is skipped silently",
        TREE,
        ["b.pyi", "c.txt", "a.py"],
        [],
        ["a.py"],
    ),
    (
        "default excluded directory names at any depth; files named like them are kept",
        [f"x/{name.replace('*', 'foo')}/m.py" for name in DEFAULT_EXCLUDED_DIRS]
        + ["build.py", "x/env.py", "x/ok/m.py"],
        ["."],
        [],
        ["build.py", "x/env.py", "x/ok/m.py"],
    ),
    (
        "excludes apply to explicit files and directories too (pre-commit passes file names)",
        ["venv/lib/m.py", "tests/fixtures/bad.py", "build/gen.py", "keep.py"],
        ["venv/lib/m.py", "tests/fixtures/bad.py", "build", "keep.py"],
        ["tests/fixtures/**"],
        ["keep.py"],
    ),
    (
        "tests/fixtures/** excludes everything below, at any depth, but not siblings",
        ["tests/fixtures/a.py", "tests/fixtures/deep/er/b.py", "tests/test_a.py", "tests/fixtures.py"],
        ["."],
        ["tests/fixtures/**"],
        ["tests/fixtures.py", "tests/test_a.py"],
    ),
    (
        "a glob without / matches a name at any depth (file or directory)",
        ["a_pb2.py", "pkg/b_pb2.py", "pkg/c.py", "gen/d.py", "pkg/gen/e.py"],
        ["."],
        ["*_pb2.py", "gen"],
        ["pkg/c.py"],
    ),
    (
        "with a /, * and ? stay inside one segment and the glob is anchored at the root",
        ["docs/conf.py", "a/b/c.py", "a/b/x/c.py", "a/q1.py", "a/q12.py", "sub/docs/conf.py"],
        ["."],
        ["docs/conf.py", "a/*/c.py", "a/q?.py"],
        ["a/b/x/c.py", "a/q12.py", "sub/docs/conf.py"],
    ),
    (
        "** spans zero or more directories; ./ and a trailing / are ignored",
        ["gen/x.py", "a/gen/y.py", "a/b/gen/z.py", "a/keep.py", "out/o.py"],
        ["."],
        ["**/gen/*.py", "./out/"],
        ["a/keep.py"],
    ),
    (
        "the same file given twice, via a/../a, and with its directory: reported once",
        ["a/x.py", "a/y.py"],
        ["a/x.py", "a/../a/x.py", "a", "./a/x.py"],
        [],
        ["a/x.py", "a/y.py"],
    ),
    (
        "a directory symlink loop is not followed; the walk terminates",
        ["pkg/m.py", "pkg/loop -> ..", "pkg/self -> .", "outside -> pkg"],
        ["."],
        [],
        ["pkg/m.py"],
    ),
    (
        "a file symlink to a project file is that file: reported once, under the first path",
        ["b/real.py", "a/alias.py -> ../b/real.py", "dangling.py -> nowhere.py"],
        ["."],
        [],
        ["a/alias.py"],
    ),
    (
        "an explicitly given directory symlink is followed",
        ["real/m.py", "link -> real"],
        ["link"],
        [],
        ["link/m.py"],
    ),
]


@pytest.mark.parametrize(
    ("tree", "given", "exclude", "expected"), [pytest.param(*rest, id=rule) for rule, *rest in CASES]
)
def test_discover(
    tmp_path: Path, tree: list[str], given: list[str], exclude: list[str], expected: list[str]
) -> None:
    build(tmp_path, tree)
    result = discover([tmp_path / path for path in given], root=tmp_path, exclude=exclude)
    assert (found(result, tmp_path), result.missing) == (expected, ())


def test_missing_paths_are_returned_not_raised(tmp_path: Path) -> None:
    build(tmp_path, ["a.py", "broken.py -> gone.py"])
    given = [tmp_path / "nope.py", tmp_path / "a.py", tmp_path / "broken.py", tmp_path / "no" / "dir"]
    result = discover(given, root=tmp_path)
    assert found(result, tmp_path) == ["a.py"]
    assert result.missing == (tmp_path / "nope.py", tmp_path / "broken.py", tmp_path / "no" / "dir")


def test_relative_paths_and_files_outside_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths are made absolute from the cwd; a file outside the root is checked on its own name.
    build(tmp_path, ["project/pkg/m.py", "elsewhere/tool.py", "elsewhere/gen_pb2.py", "elsewhere/build/x.py"])
    monkeypatch.chdir(tmp_path / "project")
    outside = ["../elsewhere/tool.py", "../elsewhere/gen_pb2.py", "../elsewhere/build"]
    given = [Path("pkg"), *map(Path, outside)]
    result = discover(given, root=Path("."), exclude=["*_pb2.py"])
    assert result.files == (tmp_path / "elsewhere" / "tool.py", tmp_path / "project" / "pkg" / "m.py")
    assert all(file.is_absolute() for file in result.files)


def test_a_root_inside_an_excluded_name_still_walks(tmp_path: Path) -> None:
    # Only names below the project root count: a checkout under ~/build/ is not excluded.
    build(tmp_path, ["build/project/m.py", "build/project/env/x.py"])
    root = tmp_path / "build" / "project"
    assert found(discover([root], root=root), root) == ["m.py"]
