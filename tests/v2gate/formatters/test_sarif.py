"""`--format sarif`: validates against the official SARIF 2.1.0 schema; exact rules and results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from tests.v2gate.projects import write_project
from v2gate import __version__
from v2gate.cli import main
from v2gate.evaluate.rules import RULES
from v2gate.formatters.sarif import sarif_data
from v2gate.report import Report
from v2gate.violation import Violation

# The official SARIF 2.1.0 schema, kept beside the tests (source and licence: data/NOTICE).
SCHEMA_PATH = Path(__file__).with_name("data") / "sarif-schema-2.1.0.json"


def run_sarif(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    """The SARIF log `main` prints for `argv` (which must find violations)."""
    assert main(["--format", "sarif", *argv]) == 1
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def schema_errors(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the official schema (Draft 7, as its `$schema` says)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in Draft7Validator(schema).iter_errors(data)
    ]


def test_the_log_validates_against_the_official_schema(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = write_project(tmp_path_factory.mktemp("outside"), {"far.py": "def f(a, b, c):\n    pass\n"})
    (project / "app" / "broken.py").write_text("def f(:\n    pass\n", encoding="utf-8")
    data = run_sarif(capsys, "app", str(outside / "far.py"))
    assert [result["ruleId"] for result in data["runs"][0]["results"]] == [
        "V205",
        "V200",
        "V206",
        "V204",
        "V205",
    ]
    assert schema_errors(data) == []
    assert schema_errors(sarif_data(Report.build([], []), project)) == []


def location(path: str, line: int) -> dict[str, Any]:
    """A result location under %SRCROOT%, column 1."""
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": line, "startColumn": 1},
        }
    }


CODES = [rule.code for rule in RULES]
# (ruleId, ruleIndex in the registry, message, path, line, (symbol, value, limit))
EXPECTED_RESULTS = [
    (
        "V206",
        CODES.index("V206"),
        "DbTimeout → DbError → AppError → ValueError (depth 3 > 2)",
        "app/errors.py",
        9,
        ("DbTimeout", 3, 2),
    ),
    ("V204", CODES.index("V204"), "f has cyclomatic complexity 3 (limit 2)", "app/logic.py", 1, ("f", 3, 2)),
    ("V205", CODES.index("V205"), "g has 3 parameters (limit 2)", "app/logic.py", 9, ("g", 3, 2)),
]


def test_results_exact(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_sarif(capsys)["runs"][0]
    fingerprints = [result.pop("partialFingerprints") for result in run["results"]]
    assert run["results"] == [
        {
            "ruleId": code,
            "ruleIndex": index,
            "level": "error",
            "message": {"text": message},
            "locations": [location(path, line)],
            "properties": dict(zip(("symbol", "value", "limit"), extra, strict=False)),
        }
        for code, index, message, path, line, extra in EXPECTED_RESULTS
    ]
    values = [found["v2gate/v1"] for found in fingerprints]
    assert len(set(values)) == 3 and all(len(value) == 64 for value in values)
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.resolve().as_uri() + "/"}}
    # moved code keeps its fingerprints: a later upload matches the same alerts
    logic = project / "app" / "logic.py"
    logic.write_text("\n\n\n" + logic.read_text(encoding="utf-8"), encoding="utf-8")
    moved = run_sarif(capsys)["runs"][0]["results"]
    assert [result["partialFingerprints"]["v2gate/v1"] for result in moved] == values
    assert [result["locations"][0]["physicalLocation"]["region"]["startLine"] for result in moved] == [
        9,
        4,
        12,
    ]


def test_driver_has_one_descriptor_per_registry_rule(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    driver = run_sarif(capsys)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("quality-gates", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == CODES
    assert [rule["name"] for rule in driver["rules"]] == [rule.key for rule in RULES]
    assert [rule["shortDescription"]["text"] for rule in driver["rules"]] == [rule.summary for rule in RULES]
    assert [rule["properties"].get("defaultLimit") for rule in driver["rules"]] == [
        rule.default for rule in RULES
    ]
    complexity = driver["rules"][CODES.index("V204")]
    assert complexity["defaultConfiguration"] == {"level": "error"}
    full = complexity["fullDescription"]["text"]
    assert full.endswith("Reported when the value exceeds `max-complexity` (default 10).")
    assert "--max-complexity N" in complexity["help"]["text"]


# (display path, expected artifactLocation) — spaces and `%` are percent-encoded; absolute paths are file URIs
ARTIFACTS = [
    ("pkg/my mod.py", {"uri": "pkg/my%20mod.py", "uriBaseId": "%SRCROOT%"}),
    ("../other/100%.py", {"uri": "../other/100%25.py", "uriBaseId": "%SRCROOT%"}),
    ("/abs/x.py", {"uri": "file:///abs/x.py"}),
]


@pytest.mark.parametrize(("path", "artifact"), ARTIFACTS)
def test_artifact_locations(tmp_path: Path, path: str, artifact: dict[str, str]) -> None:
    violation = Violation(path, 2, 3, "V201", "max-file-lines", None, 9, 5, "file has 9 lines (limit 5)")
    data = sarif_data(Report.build([], [violation]), tmp_path)
    physical = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": artifact, "region": {"startLine": 2, "startColumn": 3}}
    assert schema_errors(data) == []


def test_reported_suppressions_are_dismissed_results(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # with --report-suppressed a silenced violation is a result with an in-source suppression (shown as
    # dismissed by code scanning); the active results and their fingerprints stay as they were
    before = run_sarif(capsys)["runs"][0]["results"]
    logic = project / "app" / "logic.py"
    logic.write_text(
        logic.read_text(encoding="utf-8").replace("def g(a, b, c):", "def g(a, b, c):  # noqa: V205"),
        encoding="utf-8",
    )
    results = run_sarif(capsys, "--report-suppressed")["runs"][0]["results"]
    assert [(result["ruleId"], "suppressions" in result) for result in results] == [
        ("V206", False),
        ("V204", False),
        ("V205", True),
    ]
    assert results[2]["suppressions"] == [{"kind": "inSource", "justification": "`# noqa` comment on line 9"}]
    assert [result["partialFingerprints"] for result in results] == [
        result["partialFingerprints"] for result in before
    ]
    assert (
        schema_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": results}]})
        == []
    )
