"""`explain TARGET`: measure the project as a run does, then gather every counted fact for one
function, class or file, with its limits, the suppressions that cover it and its verdict."""

from __future__ import annotations

import ast
import datetime
import os
from pathlib import Path
from typing import Any

from v2gate.config.settings import Settings, explain
from v2gate.evaluate.accountable import SuppressionPolicy, expiry_problem
from v2gate.evaluate.judge import evaluate_file
from v2gate.evaluate.rules import LIMIT_RULES
from v2gate.evaluate.scopes import definitions, enclosing, header_owner
from v2gate.evaluate.subject import Subject
from v2gate.explain.facts import BaseTree, complexity_facts, file_facts, parameter_facts
from v2gate.explain.target import (
    TargetError,
    definitions_with_symbols,
    find_definition,
    parse_target,
    stdlib_tree,
)
from v2gate.inheritance.tables import ClassTable
from v2gate.records import FileMetrics, Suppression
from v2gate.report import display_path
from v2gate.run.batch import MeasureOptions, cache_dir_for
from v2gate.run.pipeline import measure_files, module_names, resolve_depths
from v2gate.run.scope import project_files
from v2gate.run.workers import default_jobs
from v2gate.statements import Place
from v2gate.violation import Violation

Data = dict[str, Any]
_CODES = {rule.key: rule.code for rule in LIMIT_RULES}


def explain_target(text: str, settings: Settings, cwd: Path, today: datetime.date | None = None) -> Data:
    """Everything `explain` shows for TARGET, as JSON-ready data (TargetError for a bad TARGET)."""
    target = parse_target(text, cwd)
    path = Path(os.path.abspath(target.path))
    everything = sorted({*project_files(settings), path})
    options = MeasureOptions(jobs=default_jobs(), cache_dir=cache_dir_for(settings.root, cwd, None))
    measured = measure_files(everything, options).metrics
    metrics = measured[path]
    if metrics.failure is not None:
        raise TargetError(f"explain: {text} cannot be measured (V200): {metrics.failure.message}")
    shown = display_path(path, cwd)
    subject = Subject(shown, metrics, resolve_depths(settings, measured)[path])
    tree = stdlib_tree(path)
    found = find_definition(tree, target)
    data: Data = {"target": text, "path": shown}
    if found is None:
        data.update(kind="file", symbol=None, line=1, file=file_facts(metrics))
    else:
        data.update(_definition(found[0], found[1], tree, subject, _Project(settings, measured, cwd, path)))
    policy = SuppressionPolicy(today or datetime.date.today(), settings.require_reason)
    data["limits"] = [
        {"code": _CODES[item.key], "key": item.key, "value": item.value, "source": item.source}
        for item in explain(settings, path, config_name=_config_name(settings, cwd))
    ]
    data["suppressions"] = _comments(metrics, data["symbol"], data["line"], policy.today)
    kept, silenced = evaluate_file(subject, _limits(data["limits"]), policy=policy)
    kept.sort(key=lambda found: found.sort_key)
    silenced.sort(key=lambda item: item.violation.sort_key)
    data["violations"] = [_violation(found) for found in kept if _concerns(found, data["symbol"])]
    data["suppressed"] = [
        _violation(item.violation) for item in silenced if _concerns(item.violation, data["symbol"])
    ]
    return data


class _Project:
    """What resolving a class's bases needs: every file's class table and display path."""

    def __init__(
        self, settings: Settings, measured: dict[Path, FileMetrics], cwd: Path, target: Path
    ) -> None:
        names = module_names(settings.root, measured)
        self.module = names[target].name  # the target file's module
        tables = {
            names[path].name: ClassTable.from_metrics(names[path], metrics)
            for path, metrics in measured.items()
        }
        places = {names[path].name: display_path(path, cwd) for path in measured}
        self.bases = BaseTree(tables, places, settings.ignore_bases)


def _definition(symbol: str, node: ast.AST, tree: ast.Module, subject: Subject, project: _Project) -> Data:
    """The facts of one def or class; its record found by line in the measured file."""
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    data: Data = {"symbol": symbol, "line": node.lineno}
    if isinstance(node, ast.ClassDef):
        index = next(i for i, record in enumerate(subject.metrics.classes) if record.line == node.lineno)
        depth = subject.depths[index]
        data.update(
            kind="class",
            inheritance={
                "depth": depth.depth,
                "chain": list(depth.chain),
                "bases": project.bases.bases(project.module, index),
            },
        )
        return data
    record = next(f for f in subject.metrics.functions if f.line == node.lineno)
    in_class = any(item is node and in_class for _, item, in_class in definitions_with_symbols(tree))
    data.update(
        kind="function",
        complexity={**complexity_facts(node), "reported": record.complexity},
        parameters={**parameter_facts(node, in_class), "reported": record.parameters},
    )
    return data


def _config_name(settings: Settings, cwd: Path) -> str:
    return display_path(settings.config_file, cwd) if settings.config_file else "(none)"


def _limits(rows: list[Data]) -> Any:
    from v2gate.evaluate.limits import Limits

    return Limits({row["key"]: row["value"] for row in rows})


def _comments(metrics: FileMetrics, symbol: str | None, line: int, today: datetime.date) -> list[Data]:
    """The suppression comments that cover the target: file-level ones, and for a definition
    those in its header or an enclosing one's (for a file: every comment in it)."""
    defined = definitions(metrics)
    probe = Violation("", line, 10**9, "", "", symbol, None, None, "")
    covering = {place.line for place in enclosing(defined, probe)}
    headers = [
        comment
        for comment in metrics.suppressions
        if symbol is None or _owner_line(header_owner(defined, comment.line)) in covering
    ]
    rows = [_comment(comment, "definition", today) for comment in headers]
    rows += [_comment(comment, "file", today) for comment in metrics.file_suppressions]
    return sorted(rows, key=lambda row: int(row["line"]))


def _owner_line(owner: Place | None) -> int | None:
    return None if owner is None else owner.line


def _comment(comment: Suppression, scope: str, today: datetime.date) -> Data:
    """One suppression comment, and whether it is in force today."""
    problem = expiry_problem(comment.expires, today)
    return {
        "line": comment.line,
        "scope": scope,
        "codes": list(comment.codes),
        "reason": comment.reason,
        "expires": comment.expires,
        "status": "in force" if problem is None else problem,
    }


def _concerns(violation: Violation, symbol: str | None) -> bool:
    """A violation of the target: any in the file for a file, else its own or a comment's in it."""
    return symbol is None or violation.symbol == symbol


def _violation(violation: Violation) -> Data:
    return {"line": violation.line, "code": violation.code, "message": violation.message}
