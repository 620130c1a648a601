"""V206 inheritance depth of every class in a project, resolved across files from records only.

depth(C) = 0 if C has no counted bases, else 1 + the maximum over its counted bases, where
a base that resolves to a project class contributes that class's depth and any other base
(builtin, standard library, third party, an expression such as `make_base()`) contributes 0.
A base is not counted at all when its qualified name after resolving imports is in
`ignore_bases` (`from typing import Protocol` -> `typing.Protocol`, `import typing as t;
t.Generic` -> `typing.Generic`, the builtin `object`; a project class matches as
`module.Symbol`). Name resolution is described in `v2gate.inheritance.scopes` and
`v2gate.inheritance.namespaces`.

Inheritance cycles (`a.B(b.A)`, `b.A(a.B)`, which cannot run but can be written) get a
finite answer by walking the cycle once: first every class on a cycle is measured with
its bases on the same cycle counted as external (depth 0); then each base on the cycle
contributes that first-pass depth. So `a.B(b.A)`, `b.A(a.B)` both get depth 2 with the
chain `B -> A -> a.B`, and `Depth.cycle` is True for every class on a cycle.

Everything is iterative (no recursion limit) and linear in the number of classes, bases
and import hops, so deep hierarchies and thousands of modules are fine.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from v2gate.inheritance.components import strongly_connected
from v2gate.inheritance.depth import DEFAULT_IGNORE_BASES, Depth
from v2gate.inheritance.namespaces import ProjectNamespaces
from v2gate.inheritance.scopes import ClassScopes
from v2gate.inheritance.tables import ClassRef, ClassTable, Ref

__all__ = ["DEFAULT_IGNORE_BASES", "ClassTable", "Depth", "class_depths", "inheritance_depths"]

# Written name shown in a chain for a base that is not a dotted name (a call, `*bases`, ...).
EXPRESSION_BASE = "<expression>"

# Chains longer than CHAIN_HEAD + 2 names keep their first CHAIN_HEAD names, then "…", then
# the last name: a readable message, and memory linear in the number of classes.
CHAIN_HEAD = 20
ELLIPSIS = "…"

# A counted base of one class: the node id of a project class (None if external) and the
# base as written.
_Edge = tuple[int | None, str]


def class_depths(
    tables: Mapping[str, ClassTable], ignore_bases: Collection[str] = DEFAULT_IGNORE_BASES
) -> dict[str, tuple[Depth, ...]]:
    """The depth of every class: `result[module][i]` belongs to `tables[module].classes[i]`.

    `tables` maps each project module name to its table (the whole project, not only the
    files being reported), keyed by each table's own `module`. This form is exact even
    when a file defines the same symbol twice (`if ...: class A(X) else: class A(Y)`).
    """
    for key, table in tables.items():
        if key != table.module:  # names would resolve against the wrong module
            raise ValueError(
                f"the class table of {table.module!r} is stored under {key!r}: key tables by module"
            )
    nodes, edges = _counted_bases(tables, {name.removeprefix("builtins.") for name in ignore_bases})
    symbols = [tables[module].classes[index].symbol for module, index in nodes]
    depths = _longest_paths(symbols, edges)
    result: dict[str, list[Depth]] = {module: [] for module in tables}
    for (module, _), depth in zip(nodes, depths, strict=False):
        result[module].append(depth)
    return {module: tuple(rows) for module, rows in result.items()}


def inheritance_depths(
    tables: Mapping[str, ClassTable], ignore_bases: Collection[str] = DEFAULT_IGNORE_BASES
) -> dict[tuple[str, str], Depth]:
    """The depth of every class keyed by (module, class symbol), e.g. `("pkg.errors", "DbError")`.

    A symbol defined more than once in a module maps to its deepest definition; use
    `class_depths` to get one value per class statement.
    """
    result: dict[tuple[str, str], Depth] = {}
    for module, depths in class_depths(tables, ignore_bases).items():
        for record, depth in zip(tables[module].classes, depths, strict=False):
            known = result.get((module, record.symbol))
            if known is None or depth.depth > known.depth:
                result[module, record.symbol] = depth
    return result


def _counted_bases(
    tables: Mapping[str, ClassTable], ignore: Collection[str]
) -> tuple[list[tuple[str, int]], list[list[_Edge]]]:
    """Number every class (modules in sorted order) and list its counted, resolved bases."""
    namespaces = ProjectNamespaces(tables)
    nodes = [(module, index) for module in sorted(tables) for index in range(len(tables[module].classes))]
    ids = {node: number for number, node in enumerate(nodes)}
    edges: list[list[_Edge]] = []
    for module in sorted(tables):
        scopes = ClassScopes(namespaces, tables[module])
        for index, record in enumerate(tables[module].classes):
            pairs = zip(record.bases, scopes.resolve(index), strict=False)
            counted = (
                pair for pair in pairs if pair[1] is None or namespaces.qualified(pair[1]) not in ignore
            )
            edges.append([_edge(written, ref, ids) for written, ref in counted])
    return nodes, edges


def _edge(written: str | None, ref: Ref | None, ids: Mapping[tuple[str, int], int]) -> _Edge:
    """A counted base: the node id of a project class (None: external) and its written name."""
    target = ids[ref.module, ref.index] if isinstance(ref, ClassRef) else None
    return target, EXPRESSION_BASE if written is None else written


def _longest_paths(symbols: Sequence[str], edges: Sequence[Sequence[_Edge]]) -> list[Depth]:
    """Depth and chain per node, bottom-up over the strongly connected components."""
    depths = [Depth(0, ())] * len(symbols)  # every slot is filled before it is read
    successors = [[target for target, _ in row if target is not None] for row in edges]
    for component in strongly_connected(successors):
        _measure_component(component, symbols, edges, depths)
    return depths


def _measure_component(
    component: Sequence[int], symbols: Sequence[str], edges: Sequence[Sequence[_Edge]], depths: list[Depth]
) -> None:
    """Fill `depths` for one component; every component its classes derive from is done."""
    members = set(component)
    mates = {node: {target for target, _ in edges[node] if target in members} for node in component}
    for node in component:  # bases on the cycle count as external in this first pass
        depths[node] = _depth_of(symbols[node], edges[node], depths, mates[node])
    if any(mates.values()):  # then walk the cycle once: a mate contributes its first-pass depth
        final = {node: _depth_of(symbols[node], edges[node], depths, ()) for node in component}
        for node, depth in final.items():
            depths[node] = Depth(depth.depth, depth.chain, True)


def _depth_of(symbol: str, row: Sequence[_Edge], depths: Sequence[Depth], cyclic: Collection[int]) -> Depth:
    """1 + the deepest base (leftmost on ties); bases in `cyclic` count as external (depth 0)."""
    best: tuple[int, tuple[str, ...]] | None = None
    for target, written in row:
        candidate: tuple[int, tuple[str, ...]]
        if target is None or target in cyclic:
            candidate = (0, (written,))
        else:
            candidate = (depths[target].depth, depths[target].chain)
        if best is None or candidate[0] > best[0]:
            best = candidate
    if best is None:
        return Depth(0, (symbol,))
    chain = (symbol, *best[1])
    if len(chain) > CHAIN_HEAD + 2:
        chain = (*chain[:CHAIN_HEAD], ELLIPSIS, chain[-1])
    return Depth(best[0] + 1, chain)
