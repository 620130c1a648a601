"""Client-side steps of the language server's tests: open, edit, and wait for a file's diagnostics."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient


async def published(client: LanguageClient, path: Path) -> list[types.Diagnostic]:
    """Wait until the server publishes the diagnostics of `path` (`forget` them before the trigger)."""
    async with asyncio.timeout(30):
        while path.as_uri() not in client.diagnostics:
            await asyncio.sleep(0.005)
    return list(client.diagnostics[path.as_uri()])


def forget(client: LanguageClient, path: Path) -> None:
    client.diagnostics.pop(path.as_uri(), None)


async def open_document(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    forget(client, path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(path.as_uri(), "python", 1, text))
    )
    return await published(client, path)


async def edit(client: LanguageClient, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    forget(client, path)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, path.as_uri()),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    return await published(client, path)
