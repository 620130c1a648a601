"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run, one `tool.driver` with a reporting descriptor per rule of the rules registry, one
result per violation. Locations are relative to `%SRCROOT%`, which `originalUriBaseIds` maps
to the current directory (the directory the report's paths are relative to).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from v2gate import __version__
from v2gate.evaluate.rules import RULES, Rule
from v2gate.formatters.fingerprint import FINGERPRINT_VERSION, fingerprint_all
from v2gate.report import Report
from v2gate.violation import Violation

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "quality-gates"
INFORMATION_URI = "https://pypi.org/project/quality-gates/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"v2gate/{FINGERPRINT_VERSION}"


def _full_description(rule: Rule) -> str:
    """What the rule measures and, for a limit rule, its limit's key and default."""
    if rule.default is None:
        return f"{rule.summary} Always an error; there is no limit."
    return f"{rule.summary} Reported when the value exceeds `{rule.key}` (default {rule.default})."


def _help_text(rule: Rule) -> str:
    """The full description plus how to change the limit."""
    if rule.default is None:
        return _full_description(rule)
    return (
        f"{_full_description(rule)} Set the limit in [tool.quality-gates] of pyproject.toml "
        f"(overrides per path possible) or with --{rule.key} N."
    )


def _descriptor(rule: Rule) -> dict[str, Any]:
    """The reportingDescriptor of one rule; `properties.defaultLimit` only for limit rules."""
    properties: dict[str, Any] = {"tags": ["maintainability"], "configKey": rule.key}
    if rule.default is not None:
        properties["defaultLimit"] = rule.default
    return {
        "id": rule.code,
        "name": rule.key,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _full_description(rule)},
        "help": {"text": _help_text(rule)},
        "defaultConfiguration": {"level": "error"},
        "properties": properties,
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative path under `%SRCROOT%`; an absolute one (another drive) as a file URI."""
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).drive:
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _result(violation: Violation, rule_index: int, fingerprint: str) -> dict[str, Any]:
    """One result; SARIF regions are 1-based like ours (clamped for safety: 0 is invalid)."""
    region = {"startLine": max(violation.line, 1), "startColumn": max(violation.column, 1)}
    location = {"physicalLocation": {"artifactLocation": _artifact(violation.path), "region": region}}
    return {
        "ruleId": violation.code,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": violation.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"symbol": violation.symbol, "value": violation.value, "limit": violation.limit},
    }


def sarif_data(report: Report, cwd: Path) -> dict[str, Any]:
    """The SARIF log as plain data; `cwd` is what the report's relative paths start from."""
    rules = list(RULES)
    index = {rule.code: position for position, rule in enumerate(rules)}
    # Suppressed violations (only with --report-suppressed) follow as results carrying an in-source
    # suppression, so code scanning shows them as dismissed instead of dropping them.
    silenced = list(report.suppressed or ())
    found = [*report.violations, *(item.violation for item in silenced)]
    results = [
        _result(violation, index[violation.code], fingerprint)
        for violation, fingerprint in zip(found, fingerprint_all(found), strict=True)
    ]
    for result, item in zip(results[len(report.violations) :], silenced, strict=True):
        where = "file-level `# quality-gates: noqa`" if item.scope == "file" else "`# noqa`"
        justification = item.reason or f"{where} comment on line {item.line}"
        if item.expires:
            justification += f" (until {item.expires})"
        result["suppressions"] = [{"kind": "inSource", "justification": justification}]
    driver = {
        "name": TOOL_NAME,
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(rule) for rule in rules],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                # Directory URIs must end with "/" (SARIF 3.14.14).
                "originalUriBaseIds": {SRCROOT: {"uri": cwd.resolve().as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def format_sarif(report: Report, *, color: bool) -> str:
    """Indented SARIF JSON, newline-terminated; never coloured."""
    del color
    return json.dumps(sarif_data(report, Path.cwd()), indent=2, ensure_ascii=False) + "\n"
