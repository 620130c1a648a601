"""A real git repository of 30 commits: edits, a rename, a deletion and a commit with a syntax error."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

COMMITS = 30
RENAMED_AT, DELETED_AT, BROKEN_AT = 12, 18, 22  # 1-based commit numbers

PYPROJECT = "[tool.quality-gates]\nmax-complexity = 3\nmax-parameters = 3\n"


def _function(number: int) -> str:
    """A function whose complexity and parameters grow with `number` (over the limits from 3 on)."""
    conditions = "".join(f"    if a > {i}:\n        return {i}\n" for i in range(number % 5))
    parameters = ", ".join(f"p{i}" for i in range(number % 5))
    return f"def f{number}(a{', ' if parameters else ''}{parameters}):\n{conditions}    return a\n"


def git(root: Path, *args: str, when: int = 0) -> str:
    date = f"2026-01-{1 + when // 24:02d}T{when % 24:02d}:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit(root: Path, number: int, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=number)


def make_repository(root: Path) -> Path:
    """Write the 30 commits into `root` (a new repository); returns `root`."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "Dev")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (root / "pkg" / "base.py").write_text("class A(ValueError):\n    pass\n", encoding="utf-8")
    commit(root, 1, "start")
    for number in range(2, COMMITS + 1):
        _change(root, number)
        commit(root, number, f"change {number}")
    return root


def _change(root: Path, number: int) -> None:
    """What commit `number` does to the tree."""
    pkg = root / "pkg"
    if number == RENAMED_AT:
        git(root, "mv", "pkg/mod2.py", "pkg/renamed.py")
    elif number == DELETED_AT:
        (pkg / "mod3.py").unlink()
    elif number == BROKEN_AT:
        (pkg / "broken.py").write_text("def broken(:\n    pass\n", encoding="utf-8")
    elif number == BROKEN_AT + 1:
        (pkg / "broken.py").write_text("def broken():\n    pass\n", encoding="utf-8")
    elif number % 7 == 0:
        (pkg / f"deep{number}.py").write_text(
            f"from pkg.base import A\n\n\nclass B{number}(A):\n    pass\n\n\nclass C{number}(B{number}):\n    pass\n",
            encoding="utf-8",
        )
    else:
        _grow(pkg, number)


def _grow(pkg: Path, number: int) -> None:
    """Add a function to one of the modules (the renamed one after the rename, a new one after the deletion)."""
    target = pkg / f"mod{number % 4}.py"
    if number >= RENAMED_AT and number % 4 == 2:
        target = pkg / "renamed.py"
    if number >= DELETED_AT and number % 4 == 3:
        target = pkg / "mod5.py"
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(old + "\n\n" + _function(number), encoding="utf-8")
