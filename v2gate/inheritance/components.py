"""Strongly connected components of a directed graph, iteratively (Tarjan), for cycle breaking."""

from __future__ import annotations

from collections.abc import Sequence


class _Tarjan:
    """Tarjan's algorithm with an explicit work stack, so deep graphs cannot hit the recursion limit."""

    def __init__(self, successors: Sequence[Sequence[int]]) -> None:
        self.successors = successors
        self.index = [-1] * len(successors)
        self.low = [0] * len(successors)
        self.on_stack = [False] * len(successors)
        self.stack: list[int] = []
        self.components: list[list[int]] = []
        self.counter = 0

    def visit(self, root: int) -> None:
        """Depth-first search from `root`; each work item is (node, next edge position)."""
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                self.index[node] = self.low[node] = self.counter
                self.counter += 1
                self.stack.append(node)
                self.on_stack[node] = True
            else:  # back from the child at position - 1
                child = self.successors[node][position - 1]
                self.low[node] = min(self.low[node], self.low[child])
            step = self._next_unvisited(node, position)
            if step is not None:
                work.append((node, step[1]))
                work.append((step[0], 0))
            elif self.low[node] == self.index[node]:
                self._pop_component(node)

    def _next_unvisited(self, node: int, position: int) -> tuple[int, int] | None:
        """The next unvisited successor and the edge position after it; updates `low` on the way."""
        edges = self.successors[node]
        while position < len(edges):
            child = edges[position]
            position += 1
            if self.index[child] == -1:
                return child, position
            if self.on_stack[child]:
                self.low[node] = min(self.low[node], self.index[child])
        return None

    def _pop_component(self, node: int) -> None:
        """Move the component rooted at `node` from the stack to the output."""
        component: list[int] = []
        while True:
            member = self.stack.pop()
            self.on_stack[member] = False
            component.append(member)
            if member == node:
                break
        self.components.append(component)


def strongly_connected(successors: Sequence[Sequence[int]]) -> list[list[int]]:
    """The components of the graph whose node `n` has edges to `successors[n]`.

    Components come in reverse topological order: every component appears after all
    components reachable from it, so a caller can compute per-node values bottom-up.
    """
    search = _Tarjan(successors)
    for node in range(len(successors)):
        if search.index[node] == -1:
            search.visit(node)
    return search.components
