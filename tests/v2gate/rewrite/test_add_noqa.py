"""`--add-noqa` end to end: comments added, no other byte changed, idempotent, the gate passes after."""

from __future__ import annotations

import ast
import re
import shutil
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

PYPROJECT = "[tool.quality-gates]\nmax-complexity = 2\nmax-parameters = 2\nmax-functions = 2\n"

FILES = {
    "pyproject.toml": PYPROJECT,
    "app/__init__.py": "",
    "app/views.py": (
        "#!/usr/bin/env python\n"
        "# -*- coding: utf-8 -*-\n"
        '"""Views."""\n'
        "\n\n"
        "@route(\n    '/x',\n)\n"
        "def search(query, page,\n           size):  # a comment\n"
        "    return query if page else size\n"
        "\n\n"
        "def one_line(a, b, c): return a\n"
        "\n\n"
        "def branchy(x):  # noqa: E501\n"
        "    if x:\n        return 1\n    return 2 if x > 1 else 3\n"
    ),
    "app/models.py": "class A(ValueError):\n    pass\n\n\nclass B(A):\n    pass\n\n\nclass C(B): pass\n",
    # Valid Python libcst cannot parse: left untouched, and the run says so.
    "app/annotated.py": "(x): int = 1\n\n\ndef f(a, b, c):\n    return a\n",
    "app/broken.py": "def f(:\n",
}

ADDED = re.compile(r"  # noqa: [^\n]*| *# quality-gates: noqa [^\n]*\n")


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(write_project(tmp_path, FILES))
    return tmp_path


@dataclass(frozen=True)
class Rewritten:
    """A project after `--add-noqa`: its root, its files' bytes before, the exit code and output."""

    root: Path
    before: dict[Path, bytes]
    code: int
    out: str
    err: str


@pytest.fixture(name="rewritten")
def fixture_rewritten(project: Path, capsys: pytest.CaptureFixture[str]) -> Rewritten:
    before = {path: path.read_bytes() for path in project.rglob("*.py")}
    code = main(["--add-noqa", "--jobs", "1"])
    out, err = capsys.readouterr()
    return Rewritten(project, before, code, out, err)


def test_add_noqa_reports_what_it_did_and_what_is_left(rewritten: Rewritten) -> None:
    assert rewritten.code == 1  # V200 is left (a file that does not parse), and libcst's refusal
    assert "Added 5 suppression comments to 2 file(s)." in rewritten.err
    assert "app/annotated.py: left as it is: libcst cannot parse it" in rewritten.err
    assert rewritten.out.splitlines()[-3:] == [
        "app/annotated.py:4:1: V205 f has 3 parameters (limit 2)",
        "app/broken.py:1:7: V200 SyntaxError: invalid syntax (Python 3.11 parser)",
        "Checked 5 files: 2 violations.",
    ]


def test_add_noqa_writes_into_headers(rewritten: Rewritten) -> None:
    views = (rewritten.root / "app/views.py").read_text()
    assert "def search(query, page,\n           size):  # a comment  # noqa: V205\n" in views
    assert "def one_line(a, b, c): return a  # noqa: V205\n" in views
    assert "def branchy(x):  # noqa: E501, V204\n" in views
    assert views.startswith(
        '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# quality-gates: noqa V202\n"""Views'
    )
    assert "class C(B): pass  # noqa: V206\n" in (rewritten.root / "app/models.py").read_text()


def test_add_noqa_changes_nothing_else(rewritten: Rewritten) -> None:
    for path, old in rewritten.before.items():
        new = path.read_bytes()
        assert ADDED.sub("", new.decode()) == ADDED.sub("", old.decode()), path  # only comments added
    unchanged = {path for path, old in rewritten.before.items() if path.read_bytes() == old}
    assert {path.name for path in unchanged} == {"__init__.py", "annotated.py", "broken.py"}
    trees = {
        path: ast.dump(ast.parse(rewritten.before[path])) for path in rewritten.before.keys() - unchanged
    }
    assert {path: ast.dump(ast.parse(path.read_bytes())) for path in trees} == trees


def test_add_noqa_is_idempotent(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "app/annotated.py").unlink()
    (project / "app/broken.py").unlink()
    assert main(["--add-noqa", "--reason", "legacy", "--jobs", "1"]) == 0
    first = {path: path.read_bytes() for path in project.rglob("*.py")}
    assert "# noqa: V206 -- legacy" in (project / "app/models.py").read_text()
    capsys.readouterr()
    assert main(["--add-noqa", "--jobs", "1"]) == 0
    assert "Added 0 suppression comments to 0 file(s)." in capsys.readouterr().err
    assert {path: path.read_bytes() for path in project.rglob("*.py")} == first
    assert main(["--no-cache", "--jobs", "1"]) == 0  # the gate passes, measured afresh
    capsys.readouterr()
    assert main(["--report-suppressed", "--jobs", "1"]) == 0  # the reason is read back as the suppression's
    assert ": legacy]" in capsys.readouterr().out


def test_add_noqa_keeps_encoding_and_line_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    latin = b"# -*- coding: latin-1 -*-\r\ns = '\xe9'\r\ndef f(a, b, c, d, e, g):\r\n    return a\r\n"
    bom = b"\xef\xbb\xbfdef f(a, b, c, d, e, g):\n    return '\xc3\xa9'\n"
    (tmp_path / "latin.py").write_bytes(latin)
    (tmp_path / "bom.py").write_bytes(bom)
    assert main(["--add-noqa", "--jobs", "1", "--no-cache"]) == 0
    assert (tmp_path / "latin.py").read_bytes() == latin.replace(b"g):\r\n", b"g):  # noqa: V205\r\n")
    assert (tmp_path / "bom.py").read_bytes() == bom.replace(b"g):\n", b"g):  # noqa: V205\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reason", "why"], "--reason is only used with --add-noqa"),
        (["--add-noqa", "--no-suppress"], "cannot be combined"),
        (["--add-noqa", "--baseline", "b.json"], "cannot be combined"),
        (["--add-noqa", "--reason", "a\nb"], "--reason must be one non-empty line"),
    ],
)
def test_add_noqa_usage_errors(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = (project / "app/models.py").read_bytes()
    assert main([*args, "--jobs", "1"]) == 2
    assert message in capsys.readouterr().err
    assert (project / "app/models.py").read_bytes() == before


def test_add_noqa_on_a_copy_of_a_real_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stdlib's email package under default limits: every violation gets a comment, every
    file keeps its syntax tree, and the gate passes afterwards."""
    shutil.copytree(Path(sysconfig.get_paths()["stdlib"]) / "email", tmp_path / "email")
    monkeypatch.chdir(tmp_path)
    before = {path: ast.dump(ast.parse(path.read_bytes())) for path in tmp_path.rglob("*.py")}
    assert main(["--jobs", "1", "--exit-zero"]) == 0
    assert main(["--add-noqa", "--jobs", "1"]) == 0
    assert {path: ast.dump(ast.parse(path.read_bytes())) for path in tmp_path.rglob("*.py")} == before
    assert main(["--no-cache", "--jobs", "1"]) == 0


def test_a_body_that_runs_past_the_header_line_gets_no_comment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    source = "def f(a, b, c, d, e, g): return (1,\n 2)\n\n\ndef h(a, b, c, d, e, g): return 1\n"
    (tmp_path / "run_on.py").write_text(source, encoding="utf-8")
    assert main(["--add-noqa", "--jobs", "1", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "Added 1 suppression comment to 1 file(s)." in err
    assert (
        "run_on.py: no comment for 1 definition(s) whose one-line body runs on past the header line." in err
    )
    assert (tmp_path / "run_on.py").read_text(encoding="utf-8") == source.replace(
        "return 1\n", "return 1  # noqa: V205\n"
    )
