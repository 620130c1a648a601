"""`history --format text|json|csv`: the points for people and for other tools."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from v2gate.history.build import CODES, History, Point

COLUMNS = ("commit", "date", "author_date", "files", "lines", *CODES, "subject")


def _row(point: Point) -> list[object]:
    data = asdict(point)
    return [
        data["sha"],
        data["date"],
        data["author_date"],
        data["files"],
        data["lines"],
        *(data["totals"].get(code, 0) for code in CODES),
        data["subject"],
    ]


def to_json(history: History) -> str:
    """Version 1: `{"version": 1, "commits": [{sha, date, author_date, subject, files, lines, totals}]}`."""
    commits = [asdict(point) for point in history.points]
    return json.dumps({"version": 1, "commits": commits}, indent=2, ensure_ascii=False) + "\n"


def to_csv(history: History) -> str:
    """One header row, then one row per commit (oldest first), a column per rule code."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(point) for point in history.points)
    return out.getvalue()


def to_text(history: History) -> str:
    """`abc1234 2026-01-02  files 12  lines 900  V204 3 ...` per commit, oldest first."""
    lines = []
    for point in history.points:
        found = "  ".join(f"{code} {point.totals.get(code, 0)}" for code in CODES)
        lines.append(f"{point.sha[:10]} {point.date[:10]}  files {point.files}  lines {point.lines}  {found}")
    return "".join(f"{line}\n" for line in lines)


EXPORTS = {"text": to_text, "json": to_json, "csv": to_csv}
