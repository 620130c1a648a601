"""The install and hook snippets of the docs, run as pasted with only their placeholders filled in:
`OWNER`'s repository URL becomes a local snapshot of this checkout, `COMMIT_SHA` its commit."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.v2gate.cli.hook_repo import CHECKOUT, git, run
from tests.v2gate.projects import write_project
from v2gate.cli import main

URL = "https://github.com/OWNER/quality-gates"
HookRepo = tuple[Path, str, dict[str, str]]


def _fence(page: str, language: str, containing: str) -> str:
    """The first ```language fence of `page` that contains `containing`."""
    text = (CHECKOUT / "docs" / page).read_text(encoding="utf-8")
    blocks = re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)
    return next(block for block in blocks if containing in block)


def _filled(text: str, hook_repo: HookRepo, url: str = "{}") -> str:
    """`text` with the placeholders filled: the URL as `url` formats the snapshot's path."""
    snapshot, rev, _ = hook_repo
    return text.replace(URL, url.format(snapshot)).replace("COMMIT_SHA", rev)


def test_no_snippet_names_a_tag_or_an_unpublished_package() -> None:
    pages = "\n".join(path.read_text(encoding="utf-8") for path in (CHECKOUT / "docs").glob("*.md"))
    pages += (CHECKOUT / "README.md").read_text(encoding="utf-8")
    assert "rev: v" not in pages
    assert not re.search(r"pip install (-\S+ )*quality-gates\b", pages)


def test_the_pre_commit_snippet_runs(tmp_path: Path, hook_repo: HookRepo) -> None:
    env = hook_repo[2]
    snippet = _fence("pre-commit.md", "yaml", "id: quality-gates")
    assert "rev: COMMIT_SHA" in snippet
    project = write_project(
        tmp_path / "project",
        {
            "pyproject.toml": "[tool.quality-gates]\nmax-parameters = 2\n",
            "bad.py": "def f(a, b, c):\n    return a\n",
        },
    )
    git(project, env, "init", "-q")
    git(project, env, "add", "-A")
    git(project, env, "commit", "-q", "-m", "one")
    config = tmp_path / "pre-commit-config.yaml"  # outside the repository: never "unstaged"
    # the snapshot's plain path, as the other pre-commit tests name it: the hook's environment is shared
    config.write_text(_filled(snippet, hook_repo), encoding="utf-8")
    result = run(
        [sys.executable, "-m", "pre_commit", "run", "--config", str(config), "--all-files"], project, env
    )
    assert result.returncode == 1, result.stdout
    assert "bad.py:1:1: V205 f has 3 parameters (limit 2)" in result.stdout


def _install_lines() -> list[str]:
    """Every `pip install` line of the CI page, without its YAML prefix."""
    text = (CHECKOUT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    return [
        match.strip()
        for match in re.findall(r"(?:- run: |- |^)((?:python -m )?pip install .*)$", text, re.MULTILINE)
    ]


def test_the_ci_install_line_installs_the_gate(hook_repo: HookRepo) -> None:
    lines = _install_lines()
    assert len(lines) == 3  # the install section, GitHub Actions, GitLab CI
    requirements = {shlex.split(line)[-1] for line in lines}
    assert requirements == {f"quality-gates @ git+{URL}@COMMIT_SHA"}
    requirement = _filled(requirements.pop(), hook_repo, "file://localhost{}")
    # what pip would install, resolved from the pinned commit (its dependencies left out)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-deps",
            "--quiet",
            "--report",
            "-",
            requirement,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    installs = json.loads(done.stdout)["install"]
    assert [
        (item["metadata"]["name"], item["download_info"]["vcs_info"]["commit_id"]) for item in installs
    ] == [("quality-gates", hook_repo[1])]


def _gate_command(fence: str) -> list[str]:
    """The arguments of the one `quality-gates` command in a CI fence (a `run:` or a `- ` line)."""
    lines = [line for line in fence.splitlines() if re.match(r"\s*(- |run: )quality-gates ", line)]
    assert len(lines) == 1, lines
    return shlex.split(lines[0].split("quality-gates ", 1)[1])


def test_the_ci_gate_commands_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    github = _gate_command(_fence("output-formats.md", "yaml", "upload-sarif"))
    gitlab = _gate_command(_fence("output-formats.md", "yaml", "codequality"))
    write_project(tmp_path, {"app.py": "def f(a, b, c, d, e, g):\n    return a\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", *github]) == 1
    assert main(["--no-cache", *gitlab]) == 1
    capsys.readouterr()
    sarif = json.loads((tmp_path / "quality-gates.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "V205"
    assert (
        json.loads((tmp_path / "gl-code-quality.json").read_text(encoding="utf-8"))[0]["check_name"] == "V205"
    )
