"""`explain` as text: one section per limit, the counted facts under it, then limits, suppressions
and the verdict (JSON is the data itself)."""

from __future__ import annotations

import json
from typing import Any

Data = dict[str, Any]


def _limit(data: Data, key: str) -> int:
    return int(next(row["value"] for row in data["limits"] if row["key"] == key))


def _function(data: Data) -> list[str]:
    complexity, parameters = data["complexity"], data["parameters"]
    lines = [f"V204 complexity {complexity['reported']} (limit {_limit(data, 'max-complexity')}):"]
    lines += [f"  line {p['line']:>4}  +{p['weight']}  {p['construct']}" for p in complexity["points"]]
    if complexity["value"] != complexity["reported"]:
        lines.append(f"  (these points sum to {complexity['value']}: please report this function)")
    lines.append(f"V205 parameters {parameters['reported']} (limit {_limit(data, 'max-parameters')}):")
    lines += [f"  counted   {row['name']} ({row['kind']})" for row in parameters["counted"]]
    lines += [f"  excluded  {row['name']}: {row['why']}" for row in parameters["excluded"]]
    return lines


def _bases(rows: list[Data], indent: str) -> list[str]:
    lines = []
    for row in rows:
        lines.append(f"{indent}{row['written']} -> {row['resolved']}")
        lines += _bases(row.get("bases", []), indent + "    ")
    return lines


def _class(data: Data) -> list[str]:
    inheritance = data["inheritance"]
    limit = _limit(data, "max-inheritance-depth")
    lines = [
        f"V206 inheritance depth {inheritance['depth']} (limit {limit}): {' → '.join(inheritance['chain'])}"
    ]
    return lines + (_bases(inheritance["bases"], "  ") or ["  (no bases)"])


def _file(data: Data) -> list[str]:
    facts = data["file"]
    lines = [f"V201 lines {facts['lines']} (limit {_limit(data, 'max-file-lines')})"]
    lines.append(f"V202 functions {len(facts['functions'])} (limit {_limit(data, 'max-functions')}):")
    lines += [f"  line {row['line']:>4}  {row['symbol']}" for row in facts["functions"]]
    lines += [
        f"  line {row['line']:>4}  {row['symbol']} (not counted: nested or @overload)"
        for row in facts["functions_not_counted"]
    ]
    lines.append(f"V203 classes {len(facts['classes'])} (limit {_limit(data, 'max-classes')}):")
    lines += [f"  line {row['line']:>4}  {row['symbol']}" for row in facts["classes"]]
    return lines


def _tail(data: Data) -> list[str]:
    lines = ["Limits:"]
    lines += [f"  {row['code']} {row['key']} = {row['value']}  ({row['source']})" for row in data["limits"]]
    lines.append("Suppressions:" if data["suppressions"] else "Suppressions: none")
    for row in data["suppressions"]:
        reason = f" -- {row['reason']}" if row["reason"] else " (no reason)"
        until = f" (until {row['expires']})" if row["expires"] else ""
        lines.append(
            f"  line {row['line']} ({row['scope']}): {', '.join(row['codes'])}{reason}{until}: {row['status']}"
        )
    lines.append("Violations:" if data["violations"] else "Violations: none")
    lines += [f"  line {row['line']}: {row['code']} {row['message']}" for row in data["violations"]]
    if data["suppressed"]:
        lines.append("Suppressed:")
        lines += [f"  line {row['line']}: {row['code']} {row['message']}" for row in data["suppressed"]]
    return lines


def render(data: Data, name: str) -> str:
    """`text` or `json`; newline-terminated."""
    if name == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    head = f"{data['path']}:{data['line']}: {data['kind']} {data['symbol'] or data['path']}"
    body = {"function": _function, "class": _class, "file": _file}[data["kind"]](data)
    return "\n".join([head, *body, *_tail(data)]) + "\n"
