"""The optional dependencies of the HTML pages (the `report` extra), checked with a clear message."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from v2gate.errors import GateError

INSTALL_HINT = "pip install 'quality-gates[report]' (Jinja2 and plotly)"


def _missing(name: str) -> GateError:
    return GateError(f"the HTML pages need {name}, which is not installed: {INSTALL_HINT}")


def plotly_js() -> str:
    """plotly.js as shipped inside the plotly wheel (found without importing plotly's Python side)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise _missing("plotly")
    bundle = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    try:
        return bundle.read_text(encoding="utf-8")
    except OSError as exc:
        raise _missing("plotly (its package_data/plotly.min.js)") from exc


def require_jinja() -> None:
    """Fail with the install hint when Jinja2 is missing."""
    if importlib.util.find_spec("jinja2") is None:
        raise _missing("Jinja2")
