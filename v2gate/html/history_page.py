"""`history --html DIR`: a line chart per rule (plotly.js, inlined) and a table of the commits."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from v2gate.errors import GateError
from v2gate.history.build import CODES, History
from v2gate.html.deps import plotly_js
from v2gate.html.site import environment, script_json, static


def write_history(history: History, directory: Path, title: str) -> Path:
    """Render `DIR/index.html`; returns its path."""
    page = (
        environment()
        .get_template("history.html.j2")
        .render(
            title=title,
            root="",
            css=static("report.css"),
            plotly=plotly_js(),
            points=history.points,
            codes=CODES,
            data=script_json({"codes": list(CODES), "points": [asdict(point) for point in history.points]}),
            script=static("history.js"),
        )
    )
    index = directory / "index.html"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        index.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise GateError(f"cannot write the history page to {directory}: {exc.strerror or exc}") from exc
    return index
