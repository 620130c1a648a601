"""What the server answers: diagnostics on open, change (debounced) and save, kept current as other
files change (watched files, open documents); hover with the `explain` breakdown; quick fixes that
write suppressions."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path

from v2gate.lsp.actions import DEFAULT_REASON, baseline_edit, hover_text, suppress_edit
from v2gate.lsp.server import GateServer
from v2gate.report import display_path

server = GateServer()


@server.feature(types.INITIALIZE)
def _initialize(ls: GateServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    ls.options = options if isinstance(options, dict) else {}
    ls.project = None


@server.feature(types.INITIALIZED)
def _initialized(ls: GateServer, params: types.InitializedParams) -> None:
    """Ask the client to tell of changed Python files and configuration (when it can be asked)."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is None or not watched.dynamic_registration:
        return
    watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in ("**/*.py", "**/pyproject.toml")]
    registration = types.Registration(
        id="quality-gates-watched-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
    )
    ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _opened(ls: GateServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def _changed(ls: GateServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _saved(ls: GateServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.gate().forget([Path(to_fs_path(params.text_document.uri) or "")])
    ls.publish_open()


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _closed(ls: GateServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.gate().close(Path(to_fs_path(params.text_document.uri) or ""))
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: GateServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.gate().forget([Path(to_fs_path(change.uri) or "") for change in params.changes])
    ls.publish_open()


@server.feature(types.TEXT_DOCUMENT_HOVER)
def _hover(ls: GateServer, params: types.HoverParams) -> types.Hover | None:
    project = ls.gate()
    path = Path(to_fs_path(params.text_document.uri) or "")
    text = hover_text(path, params.position.line + 1, project.settings, project.cwd)
    if text is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def _actions(ls: GateServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    text = ls.workspace.get_text_document(uri).source
    reason = str(ls.options.get("reason", DEFAULT_REASON))
    project = ls.gate()
    plan = project.baseline_plan()
    shown = display_path(Path(to_fs_path(uri) or ""), project.cwd)
    actions: list[types.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "quality-gates" or not isinstance(diagnostic.data, dict):
            continue
        edits = (
            (
                f"Suppress {diagnostic.code} here (with a reason)",
                suppress_edit(uri, text, diagnostic.data, reason),
            ),
            (
                f"Add {diagnostic.code} to the baseline",
                baseline_edit(plan, project.cwd, shown, diagnostic.data),
            ),
        )
        actions.extend(
            types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=edit
            )
            for title, edit in edits
            if edit is not None
        )
    return actions


def serve() -> None:
    """Serve over stdin/stdout until the client says exit."""
    server.start_io()
