"""A small real project with one violation of each kind, shared by the output-format tests (see conftest.py)."""

from __future__ import annotations

PYPROJECT = """\
[tool.quality-gates]
max-complexity = 2
max-parameters = 2
"""

LOGIC = """\
def f(x):
    if x:
        return 1
    if x > 1:
        return 2
    return 0


def g(a, b, c):
    return a
"""

ERRORS = """\
class AppError(ValueError):
    pass


class DbError(AppError):
    pass


class DbTimeout(DbError):
    pass
"""

FILES = {
    "pyproject.toml": PYPROJECT,
    "app/__init__.py": "",
    "app/logic.py": LOGIC,  # V204 f (complexity 3 > 2) at 1:1, V205 g (3 > 2 parameters) at 9:1
    "app/errors.py": ERRORS,  # V206 DbTimeout (depth 3 > 2) at 9:1
    "app/ok.py": "X = 1\n",
}

# The text report of the whole project (the order every format follows).
TEXT_REPORT = """\
app/errors.py:9:1: V206 DbTimeout → DbError → AppError → ValueError (depth 3 > 2)
app/logic.py:1:1: V204 f has cyclomatic complexity 3 (limit 2)
app/logic.py:9:1: V205 g has 3 parameters (limit 2)
Checked 4 files: 3 violations.
"""
