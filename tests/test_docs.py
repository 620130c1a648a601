"""The documentation works as written: its marked commands run, the site builds, the README's links resolve.

The convention for runnable blocks is described in docs/development.md ("Commands in the docs").
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.docs_commands import ROOT, DocBlock, documentation_files, relative_links, runnable_blocks
from v2gate.evaluate.rules import markdown_table

BLOCKS = [block for path in documentation_files() for block in runnable_blocks(path)]
SLOW_BLOCK_SECONDS = 10  # each block is meant to take well under 2 s; this only catches a runaway one


def block_environment() -> dict[str, str]:
    """The caller's environment with this interpreter's directory first on PATH and no store URL set."""
    env = {key: value for key, value in os.environ.items() if key != "SESSION_STORE_URL"}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["REPO"] = str(ROOT)
    env["NO_COLOR"] = "1"
    return env


def test_the_docs_mark_a_good_handful_of_blocks() -> None:
    assert len(BLOCKS) >= 8
    assert any(block.path.name == "README.md" for block in BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.name)
def test_marked_block_runs_as_written(block: DocBlock, tmp_path: Path) -> None:
    script = tmp_path / "block.sh"
    script.write_text(block.script, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    started = time.monotonic()
    result = subprocess.run(
        ["bash", "-e", str(script)],
        cwd=work,
        env=block_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    elapsed = time.monotonic() - started
    context = f"{block.name}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    assert result.returncode == block.exit_code, context
    if block.output is not None:
        assert result.stdout == block.output, context
    assert elapsed < SLOW_BLOCK_SECONDS, f"{block.name} took {elapsed:.1f} s"


def test_mkdocs_build_is_strict_clean(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None:
        if os.environ.get("CI"):
            pytest.fail("mkdocs is not installed: python -m pip install -e '.[test]'")
        pytest.skip("mkdocs is not installed: python -m pip install -e '.[test]'")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    result = subprocess.run(
        [*command, "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("path", documentation_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_relative_links_point_to_existing_files(path: Path) -> None:
    missing = [
        target
        for target in relative_links(path)
        if not (path.parent / target.split("#", 1)[0]).resolve().exists()
    ]
    assert missing == []


def test_readme_links_into_the_docs_site() -> None:
    targets = {target.split("#", 1)[0] for target in relative_links(ROOT / "README.md")}
    pages = {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")}
    assert pages <= targets, f"pages the README does not link to: {sorted(pages - targets)}"


@pytest.mark.parametrize("page", ["README.md", "docs/rules.md"])
def test_rules_table_is_the_one_rendered_from_the_rule_table(page: str) -> None:
    """The docs state each rule once: the table between the markers is rendered from v2gate's RULES.

    After changing the rule table, paste the output of
    `python -c "from v2gate.evaluate.rules import markdown_table; print(markdown_table(), end='')"`.
    """
    text = (ROOT / page).read_text(encoding="utf-8")
    table = text.split("<!-- rules-table:begin -->\n", 1)[1].split("<!-- rules-table:end -->", 1)[0]
    assert table == markdown_table()
