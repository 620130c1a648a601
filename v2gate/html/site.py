"""Write the site: Jinja2 templates over the pages' records, plotly.js inlined, nothing fetched.

`index.html` holds the overview, the treemap and the table of files; `files/NNNNN.html` one page
per file with its definitions, violations, `explain` breakdowns and its source with line anchors.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from v2gate.errors import GateError
from v2gate.evaluate.rules import LIMIT_RULES
from v2gate.html.deps import plotly_js, require_jinja
from v2gate.html.pages import CODES, METRICS, FilePage
from v2gate.html.tree import treemap
from v2gate.report import Report

WORST = 20  # the overview's worst offenders


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the pages show; `explained[(path, line)]` is the `explain` text of a definition."""

    report: Report
    pages: tuple[FilePage, ...]
    explained: Mapping[tuple[str, int], str]
    title: str


def environment() -> Any:
    """The Jinja2 environment over the package's templates (autoescaped)."""
    require_jinja()
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("v2gate.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def static(name: str) -> str:
    """A file of `v2gate/html/static` (CSS, the table's script), to inline."""
    return (Path(__file__).parent / "static" / name).read_text(encoding="utf-8")


def overview(site: Site) -> dict[str, Any]:
    """Violations per rule, files over each limit and the worst files, for the index page."""
    counts = Counter(found.code for found in site.report.violations)
    over = {key: sum(1 for page in site.pages if page.ratio(key) > 1) for key, _ in METRICS}
    rules = [
        {"code": r.code, "key": r.key, "violations": counts.get(r.code, 0), "files": over[r.key]}
        for r in LIMIT_RULES
    ]
    worst = sorted(site.pages, key=lambda page: (-page.worst, page.summary.path))[:WORST]
    return {"rules": rules, "parse_errors": counts.get("V200", 0), "worst": [p for p in worst if p.worst > 1]}


def script_json(data: object) -> str:
    """JSON safe inside a `<script>` element (no `</` can close it)."""
    return json.dumps(data).replace("</", "<\\/")


def write_site(site: Site, directory: Path) -> Path:
    """Render every page into `directory` (created); returns the index page's path."""
    env = environment()
    common = {"title": site.title, "css": static("report.css"), "metrics": METRICS, "codes": CODES}
    try:
        (directory / "files").mkdir(parents=True, exist_ok=True)
        for page in site.pages:
            text = env.get_template("file.html.j2").render(
                page=page, explained=site.explained, root="../", **common
            )
            (directory / page.href).write_text(text, encoding="utf-8")
        index = directory / "index.html"
        index.write_text(
            env.get_template("index.html.j2").render(
                report=site.report,
                pages=site.pages,
                overview=overview(site),
                root="",
                treemap=script_json(asdict(treemap(site.pages))),
                plotly=plotly_js(),
                script=static("report.js"),
                **common,
            ),
            encoding="utf-8",
        )
    except OSError as exc:
        raise GateError(f"cannot write the HTML report to {directory}: {exc.strerror or exc}") from exc
    return index
