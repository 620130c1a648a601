"""`quality-gates lsp`: the language server, over stdio (pygls loads only here)."""

from __future__ import annotations

import click


@click.command(name="lsp", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--stdio", is_flag=True, help="Talk over standard input and output (the default, and the only way)."
)
def lsp_command(stdio: bool) -> int:
    """Serve the gate's diagnostics, hover and quick fixes to an editor (Language Server Protocol).

    Needs the `lsp` extra: `pip install 'quality-gates[lsp]'`.
    """
    try:
        from v2gate.lsp.features import serve
    except ImportError as exc:
        raise click.ClickException(
            f"the language server needs pygls: pip install 'quality-gates[lsp]' ({exc})"
        ) from exc
    serve()
    return 0
