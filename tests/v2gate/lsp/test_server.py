"""`quality-gates lsp` end to end: a real client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.v2gate.lsp.client import edit, forget, open_document, published
from v2gate.baseline.file import dump_baseline
from v2gate.cli import main

RUNNER = str(Path(__file__).resolve().parents[3] / "quality_gates.py")
CONFIG = ClientServerConfig(server_command=[sys.executable, RUNNER, "lsp"])
pytestmark = pytest.mark.asyncio(loop_scope="module")

WIDE = "def wide(a, b, c, d, e, f):\n    return a\n"
NARROW = "def narrow(a):\n    return a\n"
SHALLOW = "class A:\n    pass\n\n\nclass B(A):\n    pass\n"
DEEP = "class Z:\n    pass\n\n\nclass A(Z):\n    pass\n\n\nclass B(A):\n    pass\n"
SUB = "from base import B\n\n\nclass C(B):\n    pass\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp_project")
    (root / "pyproject.toml").write_text(
        '[tool.quality-gates]\nrequire-reason = true\nexclude = ["skip/**"]\n', encoding="utf-8"
    )
    (root / "base.py").write_text(SHALLOW, encoding="utf-8")
    (root / "sub.py").write_text(SUB, encoding="utf-8")
    (root / "wide.py").write_text(WIDE, encoding="utf-8")
    (root / "baseline.json").write_text(dump_baseline([]), encoding="utf-8")
    return root


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient, project: Path):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=project.as_uri(),
            initialization_options={
                "debounce": 0.01,
                "reason": "kept for the public API",
                "baseline": "baseline.json",
            },
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_a_violation_shows_on_the_name_and_clears_when_fixed(
    client: LanguageClient, project: Path
) -> None:
    path = project / "wide.py"
    found = await open_document(client, path, WIDE)
    assert [item.code for item in found] == ["V205"]
    assert found[0].range == types.Range(types.Position(0, 4), types.Position(0, 8))  # `wide`
    assert found[0].code_description is not None and "rules/" in found[0].code_description.href
    assert await edit(client, path, NARROW, 2) == []


async def test_a_base_changed_elsewhere_moves_the_subclass_v206(
    client: LanguageClient, project: Path
) -> None:
    sub = project / "sub.py"
    assert await open_document(client, sub, SUB) == []
    (project / "base.py").write_text(DEEP, encoding="utf-8")
    changed = [types.FileEvent((project / "base.py").as_uri(), types.FileChangeType.Changed)]
    forget(client, sub)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changed))
    assert [item.code for item in await published(client, sub)] == ["V206"]
    (project / "base.py").write_text(SHALLOW, encoding="utf-8")
    forget(client, sub)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changed))
    assert await published(client, sub) == []
    base = project / "base.py"
    await open_document(client, base, SHALLOW)
    forget(client, sub)
    await edit(client, base, DEEP, 2)  # unsaved: the editor's text of the base counts
    assert [item.code for item in await published(client, sub)] == ["V206"]


async def test_hover_on_a_def_shows_the_breakdown(client: LanguageClient, project: Path) -> None:
    path = project / "hover.py"
    path.write_text(WIDE, encoding="utf-8")
    await open_document(client, path, WIDE)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(0, 5))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "wide" in hover.contents.value and "parameter" in hover.contents.value
    inside = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(1, 5))
    )
    assert inside is None


async def test_the_suppress_action_gives_a_file_the_gate_passes(
    client: LanguageClient, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "fixme.py"
    path.write_text(WIDE, encoding="utf-8")
    found = await open_document(client, path, WIDE)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()), found[0].range, types.CodeActionContext(found)
        )
    )
    assert actions is not None
    assert [action.title for action in actions] == [
        "Suppress V205 here (with a reason)",
        "Add V205 to the baseline",
    ]
    edit = actions[0].edit
    assert isinstance(actions[0], types.CodeAction) and edit is not None and edit.changes is not None
    (change,) = edit.changes[path.as_uri()]
    lines = WIDE.splitlines(keepends=True)
    fixed = (
        "".join(lines[: change.range.start.line]) + change.new_text + "".join(lines[change.range.end.line :])
    )
    assert fixed == WIDE.replace("):\n", "):  # noqa: V205 -- kept for the public API\n", 1)
    path.write_text(fixed, encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["--no-cache", "fixme.py"]) == 0


async def test_a_syntax_error_is_v200_and_the_server_lives_on(client: LanguageClient, project: Path) -> None:
    path = project / "broken.py"
    found = await open_document(client, path, "def broken(:\n")
    assert [item.code for item in found] == ["V200"]
    assert await edit(client, path, NARROW, 2) == []


async def test_shutdown_then_exit_ends_the_server_cleanly(project: Path) -> None:
    own = await CONFIG.start()
    asked: list[types.RegistrationParams] = []

    @own.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        asked.append(params)

    watched = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(did_change_watched_files=watched)
    )
    await own.initialize_session(types.InitializeParams(capabilities=capabilities, root_uri=project.as_uri()))
    async with asyncio.timeout(30):  # the server asks to be told of changed files
        while not asked:
            await asyncio.sleep(0.01)
    assert asked[0].registrations[0].method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    await own.shutdown_session()
    assert own._server is not None and own._server.returncode == 0
    await own.stop()


async def test_add_to_baseline_records_the_violation(client: LanguageClient, project: Path) -> None:
    path = project / "recorded.py"
    path.write_text(WIDE, encoding="utf-8")
    found = await open_document(client, path, WIDE)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()), found[0].range, types.CodeActionContext(found)
        )
    )
    assert actions is not None
    edit = actions[-1].edit
    assert isinstance(actions[-1], types.CodeAction) and edit is not None and edit.changes is not None
    (change,) = edit.changes[(project / "baseline.json").as_uri()]
    (project / "baseline.json").write_text(change.new_text, encoding="utf-8")
    forget(client, path)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
    )
    assert await published(client, path) == []


async def test_an_excluded_file_gets_no_diagnostics(client: LanguageClient, project: Path) -> None:
    path = project / "skip" / "wide.py"
    path.parent.mkdir()
    path.write_text(WIDE, encoding="utf-8")
    assert await open_document(client, path, WIDE) == []
