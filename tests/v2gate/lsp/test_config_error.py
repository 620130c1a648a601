"""A broken configuration is shown to the user and the server keeps running; fixed, it is read again."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.v2gate.lsp.client import forget, open_document, published
from tests.v2gate.lsp.test_server import CONFIG, WIDE

pytestmark = pytest.mark.asyncio


async def test_a_bad_configuration_is_shown_then_read_again_when_fixed(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.quality-gates]\nmax-complexity = "ten"\n', encoding="utf-8")
    path = tmp_path / "wide.py"
    path.write_text(WIDE, encoding="utf-8")
    client = await CONFIG.start()
    await client.initialize_session(
        types.InitializeParams(types.ClientCapabilities(), root_uri=tmp_path.as_uri())
    )
    assert await open_document(client, path, WIDE) == []
    assert "max-complexity" in client.messages[-1].message
    pyproject.write_text("[tool.quality-gates]\n", encoding="utf-8")
    forget(client, path)
    changed = [types.FileEvent(pyproject.as_uri(), types.FileChangeType.Changed)]
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changed))
    assert [item.code for item in await published(client, path)] == ["V205"]
    await client.shutdown_session()
    await client.stop()
