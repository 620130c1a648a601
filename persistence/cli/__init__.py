"""`python -m persistence`: inspect, back up, restore and migrate session stores."""

from persistence.cli.app import PROG, cli, main

__all__ = ["PROG", "cli", "main"]
