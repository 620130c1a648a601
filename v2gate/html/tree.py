"""The treemap's data: packages (directories) and files, sized by lines, coloured by the worst ratio.

Plain lists in plotly's treemap trace shape (`ids`, `labels`, `parents`, `values`, `colors`);
plotly.js draws them. A directory's colour is its worst file's ratio.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from posixpath import dirname

from v2gate.html.pages import FilePage

ROOT = "(project)"
CAP = 2.0  # ratios above twice the limit get the darkest red


@dataclass(slots=True)
class Treemap:
    """Parallel lists, one entry per node; `links` holds each file's page ("" for a directory)."""

    ids: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    values: list[int] = field(default_factory=list)
    colors: list[float] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def add(self, node: str, parent: str, value: int, color: float, link: str = "") -> None:
        """Append one node (its label is the last part of its id)."""
        self.ids.append(node)
        self.labels.append(node.rsplit("/", 1)[-1] or node)
        self.parents.append(parent)
        self.values.append(value)
        self.colors.append(min(color, CAP))
        self.links.append(link)


def _directories(path: str) -> list[str]:
    """Every directory above a display path, outermost first (`a/b/c.py` -> `a`, `a/b`)."""
    found = []
    while (path := dirname(path)) and path not in {".", "..", "/"}:
        found.append(path)
    return found[::-1]


def treemap(pages: Iterable[FilePage]) -> Treemap:
    """Directories as branches under one root, files as leaves (sized by lines, at least 1)."""
    tree = Treemap()
    worst: dict[str, float] = {ROOT: 0.0}
    files = []
    for page in pages:
        parent = ROOT
        for directory in _directories(page.summary.path):
            if directory not in worst:
                tree.add(directory, parent, 0, 0.0)
            worst[directory] = max(worst.get(directory, 0.0), page.worst)
            parent = directory
        worst[ROOT] = max(worst[ROOT], page.worst)
        files.append((page, parent))
    for index, node in enumerate(tree.ids):
        tree.colors[index] = min(worst[node], CAP)
    tree.add(ROOT, "", 0, worst[ROOT])
    for page, parent in files:
        tree.add(page.summary.path, parent, max(page.summary.lines, 1), page.worst, page.href)
    return tree
