"""`explain TARGET` through `main([...])`: exact text for a function, a class and a file; JSON; errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

PYPROJECT = """\
[tool.quality-gates]
max-complexity = 4

[[tool.quality-gates.overrides]]
paths = ["pkg/views.py"]
max-parameters = 3
"""

BASES = """\
import typing


class Base(ValueError):
    pass


class Mid(Base, typing.Protocol):
    pass
"""

VIEWS = """\
from pkg.bases import Mid


class Leaf(Mid):  # noqa: V206 -- legacy tree (until 2999-01-01)
    def handle(self, a, b, /, *, c, **kw):  # noqa: V204 -- dispatch table
        if a and b or c:
            return [x for x in a if x]
        try:
            pass
        except ValueError:
            pass
        return (lambda: 1 if a else 2)()

    @staticmethod
    def make(a):
        return a
"""


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {"pyproject.toml": PYPROJECT, "pkg/__init__.py": "", "pkg/bases.py": BASES, "pkg/views.py": VIEWS}
    monkeypatch.chdir(write_project(tmp_path, files))
    return tmp_path


LIMITS = """\
Limits:
  V201 max-file-lines = 400  (default)
  V202 max-functions = 10  (default)
  V203 max-classes = 5  (default)
  V204 max-complexity = 4  ([tool.quality-gates] in pyproject.toml)
  V205 max-parameters = 3  (overrides[0] in pyproject.toml)
  V206 max-inheritance-depth = 2  (default)
"""

FUNCTION = f"""\
pkg/views.py:5: function Leaf.handle
V204 complexity 8 (limit 4):
  line    5  +1  function
  line    6  +1  if
  line    6  +1  `or` (2 operands)
  line    6  +1  `and` (2 operands)
  line    7  +1  comprehension
  line    7  +1  comprehension if
  line   10  +1  except
  line   12  +1  conditional expression
V205 parameters 4 (limit 3):
  counted   a (positional-only)
  counted   b (positional-only)
  counted   c (keyword-only)
  counted   **kw (**kwargs)
  excluded  self: first parameter of a method (self/cls), not counted
  excluded  /: a marker, not a parameter
  excluded  *: a marker, not a parameter
{LIMITS}\
Suppressions:
  line 4 (definition): V206 -- legacy tree (until 2999-01-01): in force
  line 5 (definition): V204 -- dispatch table: in force
Violations:
  line 5: V205 Leaf.handle has 4 parameters (limit 3)
Suppressed:
  line 5: V204 Leaf.handle has cyclomatic complexity 8 (limit 4)
"""

CLASS = f"""\
pkg/views.py:4: class Leaf
V206 inheritance depth 3 (limit 2): Leaf → Mid → Base → ValueError
  Mid -> pkg/bases.py:8 (pkg.bases.Mid)
      Base -> pkg/bases.py:4 (pkg.bases.Base)
          ValueError -> external (ValueError)
      typing.Protocol -> ignored (ignore-bases: typing.Protocol)
{LIMITS}\
Suppressions:
  line 4 (definition): V206 -- legacy tree (until 2999-01-01): in force
Violations: none
Suppressed:
  line 4: V206 Leaf → Mid → Base → ValueError (depth 3 > 2)
"""

FILE = f"""\
pkg/views.py:1: file pkg/views.py
V201 lines 16 (limit 400)
V202 functions 2 (limit 10):
  line    5  Leaf.handle
  line   15  Leaf.make
V203 classes 1 (limit 5):
  line    4  Leaf
{LIMITS}\
Suppressions:
  line 4 (definition): V206 -- legacy tree (until 2999-01-01): in force
  line 5 (definition): V204 -- dispatch table: in force
Violations:
  line 5: V205 Leaf.handle has 4 parameters (limit 3)
Suppressed:
  line 4: V206 Leaf → Mid → Base → ValueError (depth 3 > 2)
  line 5: V204 Leaf.handle has cyclomatic complexity 8 (limit 4)
"""


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("pkg/views.py::Leaf.handle", FUNCTION),
        ("pkg/views.py:9", FUNCTION),  # the innermost definition around line 9
        ("pkg/views.py::Leaf", CLASS),
        ("pkg/views.py:4", CLASS),
        ("pkg/views.py", FILE),
    ],
)
def test_text(project: Path, capsys: pytest.CaptureFixture[str], target: str, expected: str) -> None:
    assert main(["explain", target]) == 0
    assert capsys.readouterr().out == expected


def test_json_of_a_static_method(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--format", "json", "pkg/views.py::Leaf.make"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kind"], data["symbol"], data["line"]) == ("function", "Leaf.make", 15)
    assert data["complexity"] == {
        "value": 1,
        "reported": 1,
        "points": [{"line": 15, "construct": "function", "weight": 1}],
    }
    # a static method has no self: its first parameter counts
    assert data["parameters"] == {
        "value": 1,
        "reported": 1,
        "counted": [{"name": "a", "kind": "regular"}],
        "excluded": [],
    }
    assert data["suppressions"] == [
        {
            "line": 4,
            "scope": "definition",
            "codes": ["V206"],
            "reason": "legacy tree",
            "expires": "2999-01-01",
            "status": "in force",
        }
    ]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "pkg/nope.py",
            "explain pkg/nope.py: pkg/nope.py is not a file (TARGET is path, path:LINE or path::Name)",
        ),
        (
            "pkg/views.py::Leaf.hadle",
            "explain: views.py defines no Leaf.hadle (did you mean Leaf.handle, Leaf.make?)",
        ),
    ],
)
def test_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str], target: str, message: str) -> None:
    assert main(["explain", target]) == 2
    assert capsys.readouterr().err == f"quality_gates.py: error: {message}\n"


def test_an_unparsable_file_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pkg" / "broken.py").write_text("def f(:\n    pass\n", encoding="utf-8")
    assert main(["explain", "pkg/broken.py"]) == 2
    assert capsys.readouterr().err.startswith(
        "quality_gates.py: error: explain: pkg/broken.py cannot be measured (V200): SyntaxError"
    )
