"""The engine check: requirement strings, version comparison, and the one error it raises."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from v2gate.measure import engine
from v2gate.measure.engine import EngineError, load_engine, requirements, satisfies
from v2gate.measure.parse import analyse_text

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(name="fresh_check")
def fixture_fresh_check() -> Iterator[None]:
    """Forget the process's passed check before and after the test."""
    load_engine.cache_clear()
    yield
    load_engine.cache_clear()


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (["radon>=6.0", "libcst>=1.4", "click>=8.1"], {"radon": "radon>=6.0"}),  # libcst only rewrites
        (["Radon >= 6.0, <7"], {"radon": "Radon>=6.0,<7"}),
        (["radon[toml]>=6.1"], {"radon": "radon>=6.1"}),
        (["radon>=6.0; extra == 'cc'", "radon"], {"radon": "radon"}),  # markers: not the base install
        (["redis>=5.0"], {}),
    ],
)
def test_requirements(declared: list[str], expected: dict[str, str]) -> None:
    assert requirements(declared) == expected


@pytest.mark.parametrize(
    ("version", "requirement", "ok"),
    [
        ("6.0", "radon>=6.0", True),
        ("6.0.1", "radon>=6.0", True),
        ("6", "radon>=6.0.0", True),  # trailing zeros do not count
        ("5.1.0", "radon>=6.0", False),
        ("10.0", "radon>=6.0", True),  # numbers, not strings
        ("7.1", "radon>=6.0,<7", False),
        ("6.9", "radon>=6.0,<7", True),
        ("1.4.0rc1", "libcst>=1.4", True),  # release numbers only
        ("1.3.9", "libcst>1.3.9", False),
        ("2.0", "libcst==2.0", True),
        ("2.0", "libcst!=2.0", False),
        ("1.0", "libcst~=2.0", True),  # an operator this parser does not know is not held against it
        ("1.0", "libcst", True),
    ],
)
def test_satisfies(version: str, requirement: str, ok: bool) -> None:
    assert satisfies(version, requirement) is ok


def test_metadata_and_checkout_declare_the_same_engine() -> None:
    """An installed gate and a checkout run by another Python check the same versions."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    from_checkout = requirements(pyproject["project"]["dependencies"])
    assert from_checkout == requirements(metadata.requires("quality-gates") or [])
    assert set(from_checkout) == set(engine.ENGINE)


@pytest.mark.usefixtures("fresh_check")
def test_a_working_engine_hands_back_the_measuring_function() -> None:
    assert load_engine() is analyse_text
    assert load_engine.cache_info().misses == 1 and load_engine() is analyse_text
    assert load_engine.cache_info().hits == 1  # checked once per process


@pytest.mark.usefixtures("fresh_check")
def test_a_missing_package_is_one_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A package the engine needs and this Python lacks (injected into the engine's list)."""
    monkeypatch.setitem(engine.ENGINE, "no-such-engine-v2gate", "no_such_engine_v2gate")
    with pytest.raises(EngineError) as caught:
        load_engine()
    python = sys.executable
    assert str(caught.value) == (
        "the measuring engine is missing or unusable: no-such-engine-v2gate is not installed (the gate"
        f' needs no-such-engine-v2gate). The gate runs with {python}; fix it with: "{python}" -m pip'
        " install 'no-such-engine-v2gate' (or reinstall the gate into that Python, or run it with the"
        " Python it is installed in)"
    )


@pytest.mark.usefixtures("fresh_check")
def test_an_import_failure_behind_the_check_is_one_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The measuring modules themselves fail to import (a broken install of the gate)."""
    monkeypatch.setitem(sys.modules, "v2gate.measure.parse", None)
    with pytest.raises(EngineError) as caught:
        load_engine()
    message = str(caught.value)
    assert message.startswith("the measuring engine is missing or unusable: v2gate cannot be imported (")
    assert f"\"{sys.executable}\" -m pip install 'quality-gates'" in message
