"""Report formatters, chosen by name from a registry (`--format NAME`).

The registry maps each name to a loader that imports the formatter's module only when it is
used, so start-up (and `--help`) does not pay for XML, hashing or URL libraries.
"""

from __future__ import annotations

from collections.abc import Callable

from v2gate.formatters.base import Formatter


def _text() -> Formatter:
    from v2gate.formatters.text import format_text

    return format_text


def _json() -> Formatter:
    from v2gate.formatters.json_format import format_json

    return format_json


def _sarif() -> Formatter:
    from v2gate.formatters.sarif import format_sarif

    return format_sarif


def _github() -> Formatter:
    from v2gate.formatters.github import format_github

    return format_github


def _gitlab() -> Formatter:
    from v2gate.formatters.gitlab import format_gitlab

    return format_gitlab


def _junit() -> Formatter:
    from v2gate.formatters.junit import format_junit

    return format_junit


def _markdown() -> Formatter:
    from v2gate.formatters.markdown import format_markdown

    return format_markdown


FORMATTERS: dict[str, Callable[[], Formatter]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "gitlab": _gitlab,
    "junit": _junit,
    "markdown": _markdown,
}


class UnknownFormatError(LookupError):
    """A format name that is not in the registry."""


def known_formats() -> str:
    """The registered names, sorted and comma-separated (for error messages and help)."""
    return ", ".join(sorted(FORMATTERS))


def get_formatter(name: str) -> Formatter:
    """The formatter registered under `name`; the error lists the known names."""
    try:
        load = FORMATTERS[name]
    except KeyError:
        raise UnknownFormatError(f"unknown format '{name}'; choose one of: {known_formats()}") from None
    return load()


__all__ = ["FORMATTERS", "Formatter", "UnknownFormatError", "get_formatter", "known_formats"]
