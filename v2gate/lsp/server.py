"""The language server's state: the project, the editor's options, and publishing diagnostics
(debounced after a change; every open document again when another file changes)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from v2gate import __version__
from v2gate.lsp.diagnostics import DOCS_URL, to_diagnostic
from v2gate.lsp.project import Project


class GateServer(LanguageServer):
    """The server's state: the project, the editor's options and pending (debounced) checks."""

    def __init__(self) -> None:
        super().__init__("quality-gates", __version__)
        self.project: Project | None = None
        self.options: dict[str, Any] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def gate(self) -> Project:
        if self.project is None:
            self.project = Project(Path(self.workspace.root_path or Path.cwd()), self.options.get("baseline"))
        return self.project

    def publish(self, uri: str) -> None:
        """Check the document at `uri` (its in-memory text) and publish its diagnostics."""
        self.pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        try:
            project = self.gate()  # a configuration error: shown, and tried again on the next check
            project.edit(path, document.source)
            found = project.check(path)
        except Exception as exc:  # noqa: BLE001 -- a configuration error is shown, the server lives on
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"quality-gates: {exc}")
            )
            found = []
        lines = document.lines
        severity, base = self.options.get("severity", "warning"), self.options.get("docsUrl", DOCS_URL)
        diagnostics = [to_diagnostic(item, lines, severity, base) for item in found]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
        )

    def publish_open(self) -> None:
        """Check every open document again (another file's change may move its V206)."""
        for uri in list(self.workspace.text_documents):
            self.publish(uri)

    def later(self, uri: str) -> None:
        """Check `uri` once the edits stop for `debounce` seconds."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        delay = float(self.options.get("debounce", 0.1))
        self.pending[uri] = asyncio.get_running_loop().call_later(delay, self._changed, uri)

    def _changed(self, uri: str) -> None:
        self.publish(uri)
        for other in list(self.workspace.text_documents):
            if other != uri:
                self.publish(other)
