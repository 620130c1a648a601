"""The one glob rule for `exclude` (discovery) and override `paths` (settings), relative to the root.

A glob without `/` matches the name of any file or directory at any depth (`*_pb2.py`,
`fixtures`); a glob with `/` is anchored at the root and matches the whole relative path or
one of its parent directories, where `*` and `?` stay inside one path segment, `[...]` (and
`[!...]`) are character classes, and a `**` segment spans any number of directories (also
none). A leading `./` or `/` and a trailing `/` are ignored. Matching is case-sensitive.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=512)
def _compile(glob: str) -> re.Pattern[str]:
    """Translate a `/`-separated glob to a regex (fnmatch's `*` would cross `/`)."""
    parts: list[str] = []
    segments = glob.strip("/").split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            # Zero or more whole directories (or, at the end, everything below).
            parts.append(".*" if last else "(?:[^/]+/)*")
            continue
        parts.append(_segment(segment) + ("" if last else "/"))
    return re.compile("".join(parts))


def _segment(segment: str) -> str:
    """One path segment: `*` -> any run of non-`/`, `?` -> one non-`/`, `[...]` kept."""
    out: list[str] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        closing = _class_end(segment, index) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif closing != -1:
            out.append(_character_class(segment[index + 1 : closing]))
            index = closing
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def _character_class(body: str) -> str:
    """A regex class for the glob class `[body]`, escaped as fnmatch escapes it."""
    body = re.sub(r"([&~|])", r"\\\1", body.replace("\\", "\\\\"))
    if body.startswith("!"):
        return "[^" + body[1:] + "]"
    return "[" + ("\\" + body if body.startswith(("^", "[")) else body) + "]"


def _class_end(segment: str, start: int) -> int:
    """The `]` closing the class opened at `start`, as fnmatch finds it (a `]` right after
    `[` or `[!` is a member), or -1: then the `[` is a literal character."""
    index = start + 1
    if segment[index : index + 1] == "!":
        index += 1
    if segment[index : index + 1] == "]":
        index += 1
    return segment.find("]", index)


def matches_name(name: str, glob: str) -> bool:
    """True if one file or directory `name` matches a glob without `/` (`*.egg-info`)."""
    return _compile(glob).fullmatch(name) is not None


def matches_glob(relative: str, glob: str) -> bool:
    """True if `relative` (posix, relative to the root) or one of its parent directories matches.

    So `persistence/json_store.py`, `persistence/*.py`, `persistence` and `tests/**`
    all match `persistence/json_store.py` resp. files under `tests/`.
    """
    pattern = _compile(glob)
    candidate = relative.strip("/")
    while candidate:
        if pattern.fullmatch(candidate):
            return True
        candidate = candidate.rpartition("/")[0]
    return False


def matches_path_glob(relative: str, glob: str) -> bool:
    """The full rule for `exclude` and override `paths` globs (relative to the project root).

    A glob without `/` matches the name of any file or directory at any depth (`*_pb2.py`,
    `fixtures`); a glob with `/` is anchored at the root and handled by `matches_glob`.
    A leading `./` or `/` and a trailing `/` are ignored.
    """
    pattern = glob.strip().removeprefix("./").strip("/")
    if not pattern:
        return False
    if "/" not in pattern:
        return any(matches_name(part, pattern) for part in relative.split("/"))
    return matches_glob(relative, pattern)
