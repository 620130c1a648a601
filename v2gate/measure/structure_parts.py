"""Small readers of libcst nodes: dotted names, bases, decorators, parameters, imports."""

from __future__ import annotations

import libcst as cst

from v2gate.records import Binding


def dotted_name(node: cst.BaseExpression) -> str | None:
    """`a.b.c` for a Name or an Attribute chain ending in a Name; None for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        owner = dotted_name(node.value)
        return None if owner is None else f"{owner}.{node.attr.value}"
    return None


def symbol(scopes: list[tuple[str, str]], name: str) -> str:
    """Dotted path of the enclosing (kind, name) scopes and `name`; "" + no scopes -> ""."""
    return ".".join(part for part in [*(scope for _, scope in scopes), name] if part)


def base_name(arg: cst.Arg) -> str | None:
    """A positional base as a dotted name, subscripts removed (`mod.Base[int]` -> `mod.Base`)."""
    if arg.star:
        return None
    value = arg.value
    if isinstance(value, cst.Subscript):
        value = value.value
    return dotted_name(value)


def has_decorator(node: cst.FunctionDef, last_part: str) -> bool:
    """Whether a decorator is a dotted name whose last part is `last_part` (`@t.overload`)."""
    for decorator in node.decorators:
        name = dotted_name(decorator.decorator)
        if name is not None and name.rpartition(".")[2] == last_part:
            return True
    return False


def parameter_count(params: cst.Parameters) -> int:
    """Positional-only + regular + `*args` + keyword-only + `**kwargs`; a bare `*` is not one."""
    star = 1 if isinstance(params.star_arg, cst.Param) else 0
    kwargs = 0 if params.star_kwarg is None else 1
    positional = len(params.posonly_params) + len(params.params)
    return positional + star + len(params.kwonly_params) + kwargs


def import_bindings(node: cst.Import) -> list[Binding]:
    """`import a.b` binds `a`; `import a.b as x` binds `x` to the module `a.b`."""
    bindings = []
    for alias in node.names:
        module = dotted_name(alias.name) or ""
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            bindings.append(Binding(alias.asname.name.value, module, None, 0))
        else:
            top = module.partition(".")[0]
            bindings.append(Binding(top, top, None, 0))
    return bindings


def import_from_bindings(node: cst.ImportFrom) -> list[Binding]:
    """`from .m import A as B` binds `B` to `A` of module `m` at level 1; `*` binds "*"."""
    module = "" if node.module is None else dotted_name(node.module) or ""
    level = len(node.relative)
    if isinstance(node.names, cst.ImportStar):
        return [Binding("*", module, "*", level)]
    bindings = []
    for alias in node.names:
        name = dotted_name(alias.name) or ""
        local = name
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            local = alias.asname.name.value
        bindings.append(Binding(local, module, name, level))
    return bindings
