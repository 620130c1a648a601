"""Small readers of stdlib `ast` nodes: dotted names, bases, decorators, parameters, imports."""

from __future__ import annotations

import ast

from v2gate.records import Binding
from v2gate.statements import ASSIGNED

# Constants written as keywords, which read as names in a dotted name (as libcst reads them).
_KEYWORD_CONSTANTS = (None, True, False)
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def dotted_name(node: ast.expr) -> str | None:
    """`a.b.c` for a Name or an Attribute chain ending in a Name; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Constant) and any(node.value is value for value in _KEYWORD_CONSTANTS):
        parts.append(repr(node.value))  # `class C(object, None)`: None, True and False are names too
    else:
        return None
    return ".".join(reversed(parts))


def symbol(scopes: list[tuple[str, str]], name: str) -> str:
    """Dotted path of the enclosing (kind, name) scopes and `name`; "" + no scopes -> ""."""
    return ".".join(part for part in [*(scope for _, scope in scopes), name] if part)


def base_name(base: ast.expr) -> str | None:
    """A positional base as a dotted name, subscripts removed (`mod.Base[int]` -> `mod.Base`);
    None for `*bases`, calls and other expressions."""
    if isinstance(base, ast.Subscript):
        base = base.value
    return dotted_name(base)


def has_decorator(node: Definition, last_part: str) -> bool:
    """Whether a decorator is a dotted name whose last part is `last_part` (`@t.overload`)."""
    for decorator in node.decorator_list:
        name = dotted_name(decorator)
        if name is not None and name.rpartition(".")[2] == last_part:
            return True
    return False


def parameter_count(arguments: ast.arguments) -> int:
    """Positional-only + regular + `*args` + keyword-only + `**kwargs`; a bare `*` is not one."""
    star = 0 if arguments.vararg is None else 1
    kwargs = 0 if arguments.kwarg is None else 1
    positional = len(arguments.posonlyargs) + len(arguments.args)
    return positional + star + len(arguments.kwonlyargs) + kwargs


def import_bindings(node: ast.Import, scope: str) -> list[Binding]:
    """`import a.b` binds `a`; `import a.b as x` binds `x` to the module `a.b`."""
    bindings = []
    for alias in node.names:
        if alias.asname is not None:
            bindings.append(Binding(alias.asname, alias.name, None, 0, node.lineno, scope))
        else:
            top = alias.name.partition(".")[0]
            bindings.append(Binding(top, top, None, 0, node.lineno, scope))
    return bindings


def import_from_bindings(node: ast.ImportFrom, scope: str) -> list[Binding]:
    """`from .m import A as B` binds `B` to `A` of module `m` at level 1; `*` binds "*"."""
    module = node.module or ""
    if node.names[0].name == "*":
        return [Binding("*", module, "*", node.level, node.lineno, scope)]
    return [
        Binding(alias.asname or alias.name, module, alias.name, node.level, node.lineno, scope)
        for alias in node.names
    ]


def assigned_bindings(node: ast.Assign | ast.AnnAssign | ast.AugAssign, scope: str) -> list[Binding]:
    """The names an assignment binds: every plain name among its targets (unpacking included);
    an annotation without a value binds nothing."""
    if isinstance(node, ast.AnnAssign) and node.value is None:
        return []
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    names: list[str] = []
    pending: list[ast.expr] = list(targets)
    while pending:
        target = pending.pop(0)
        if isinstance(target, ast.Name):
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            pending[:0] = target.elts
        elif isinstance(target, ast.Starred):
            pending.insert(0, target.value)
    return [Binding(name, "", None, ASSIGNED, node.lineno, scope) for name in names]
