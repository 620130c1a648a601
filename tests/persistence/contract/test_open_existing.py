"""Contract: open_store(url, create=False) opens only a store that exists and creates nothing otherwise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from persistence import InvalidData, StoreNotFound, open_store
from persistence.base import StoreBase

SERVER_STORES = ("redis", "cluster")  # a Redis store exists while its server answers


def test_create_false_opens_only_an_existing_store(
    backend: str,
    url_with: Callable[..., str],
    open_url: Callable[[str], StoreBase],
    tmp_path: Path,
) -> None:
    url = url_with()
    if backend in SERVER_STORES:
        with open_store(url, create=False) as store:
            assert store.list_sessions(limit=None) == []
    else:
        with pytest.raises(StoreNotFound, match=r"^no store at (json|sqlite|hybrid):"):
            open_store(url, create=False)
        assert list(tmp_path.iterdir()) == [], "nothing was created"
    open_url(url).create_session(["ann"], session_id="a")
    with open_store(url, create=False) as store:
        assert [s.id for s in store.list_sessions()] == ["a"]


def test_create_is_a_keyword_only_option(url_with: Callable[..., str]) -> None:

    with pytest.raises(InvalidData, match="create can only be passed as a keyword"):
        open_store(url_with(create="false"))
