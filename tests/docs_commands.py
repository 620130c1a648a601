"""The shell blocks of README.md and docs/*.md that are marked runnable, and the relative links of a page.

A runnable block is a ```sh (or ```bash) fence right after a line `<!-- runnable -->`, or
`<!-- runnable exit=N -->` when the block is expected to exit with N. A ```text fence right after
a line `<!-- output -->`, following a runnable block, is the exact standard output of that block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!-- runnable(?:\s+exit=(?P<exit>\d+))?\s*-->")
OUTPUT_MARKER = "<!-- output -->"
FENCE_OPEN = re.compile(r"```(?P<lang>[\w-]*)\s*")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass(frozen=True)
class DocBlock:
    """One runnable shell block: where it is, its script, and what it must do."""

    path: Path
    line: int
    script: str
    exit_code: int
    output: str | None

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT).as_posix()}:{self.line}"


def documentation_files() -> list[Path]:
    """README.md and every page of the docs site."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]


def fence_after(lines: list[str], index: int, path: Path) -> tuple[str, str, int]:
    """The fence that opens on line `index` (0-based): its language, its body, the index after it."""
    opening = FENCE_OPEN.fullmatch(lines[index]) if index < len(lines) else None
    if opening is None:
        raise ValueError(f"{path}:{index + 1}: a marker must be followed directly by a ``` fence")
    end = index + 1
    while end < len(lines) and lines[end].rstrip() != "```":
        end += 1
    if end == len(lines):
        raise ValueError(f"{path}:{index + 1}: the fence is never closed")
    return opening["lang"], "\n".join(lines[index + 1 : end]) + "\n", end + 1


def expected_output(lines: list[str], index: int, path: Path) -> str | None:
    """The body of an `<!-- output -->` text block that follows (after blank lines) line `index`, if any."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].strip() != OUTPUT_MARKER:
        return None
    _lang, body, _end = fence_after(lines, index + 1, path)
    return body


def runnable_blocks(path: Path) -> list[DocBlock]:
    """Every runnable block of one Markdown file, in order (markers shown inside other fences are text)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        marker = MARKER.fullmatch(line)
        if marker is not None:
            fence_line = index + 2  # 1-based number of the line that opens the fence
            lang, script, index = fence_after(lines, index + 1, path)
            if lang not in ("sh", "bash"):
                raise ValueError(
                    f"{path}:{fence_line}: a runnable block must be ```sh or ```bash, not {lang!r}"
                )
            output = expected_output(lines, index, path)
            blocks.append(DocBlock(path, fence_line, script, int(marker["exit"] or 0), output))
        elif line.startswith("```"):
            index = closing_fence(lines, index) + 1
        else:
            index += 1
    return blocks


def closing_fence(lines: list[str], index: int) -> int:
    """The index of the line that closes the fence opened on line `index` (same number of backticks)."""
    ticks = len(lines[index].strip()) - len(lines[index].strip().lstrip("`"))
    for end in range(index + 1, len(lines)):
        if lines[end].strip() == "`" * ticks:
            return end
    return len(lines)


def relative_links(path: Path) -> list[str]:
    """The link targets of a Markdown file that are neither URLs nor in-page anchors."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    targets = [match["target"] for match in LINK.finditer(text)]
    return [target for target in targets if not re.match(r"[a-z][a-z0-9+.-]*:|#", target)]
