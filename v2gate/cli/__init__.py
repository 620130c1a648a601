"""The command line: `quality-gates [OPTIONS] [PATHS]...`; `main(argv) -> int` is the entry point."""

from v2gate.cli.main import main

__all__ = ["main"]
