"""A real git repository for the `--diff` tests: a branch with every kind of change."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.v2gate.projects import write_project

_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
SIX = "def f(a, b, c, d, e, g):\n    return a\n"


def git(repo: Path, *args: str) -> str:
    """Run git in `repo`; its standard output."""
    done = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout


def build_repository(repo: Path) -> Path:
    """`main` and a branch `feature` checked out, with changes of every kind since they parted.

    Since the merge base, on `feature`: pkg/old.py edited and committed, pkg/moved.py renamed to
    pkg/renamed.py, pkg/gone.py deleted, pkg/staged.py added to the index, pkg/unstaged.py edited
    in the work tree, pkg/new.py untracked (deriving from a class of an unchanged file), ignored.py
    untracked but ignored, notes.txt edited. On `main` after the fork: pkg/mainonly.py edited.
    """
    write_project(
        repo,
        {
            "pyproject.toml": "[tool.quality-gates]\n",
            ".gitignore": "ignored.py\n",
            "notes.txt": "notes\n",
            "pkg/__init__.py": "",
            "pkg/base.py": "class Base(ValueError):\n    pass\n\n\nclass Child(Base):\n    pass\n",
            "pkg/old.py": "x = 1\n",
            "pkg/moved.py": "y = 1\n",
            "pkg/gone.py": SIX,
            "pkg/unstaged.py": "z = 1\n",
            "pkg/mainonly.py": "w = 1\n",
        },
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    git(repo, "checkout", "-q", "-b", "feature")
    write_project(repo, {"pkg/old.py": SIX})
    git(repo, "mv", "pkg/moved.py", "pkg/renamed.py")
    git(repo, "rm", "-q", "pkg/gone.py")
    git(repo, "commit", "-q", "-am", "feature work")
    git(repo, "checkout", "-q", "main")
    write_project(repo, {"pkg/mainonly.py": SIX})
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "feature")
    write_project(repo, {"pkg/staged.py": SIX})
    git(repo, "add", "pkg/staged.py")
    write_project(
        repo,
        {
            "pkg/unstaged.py": SIX,
            "pkg/new.py": "from pkg.base import Child\n\n\nclass Deep(Child):\n    pass\n",
            "ignored.py": SIX,
            "notes.txt": "more notes\n",
        },
    )
    return repo
