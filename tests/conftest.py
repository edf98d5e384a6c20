"""Fixtures for every test: builds never touch the user's real chart cache."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_chart_cache(tmp_path_factory, monkeypatch):
    """Each test gets an empty chart cache of its own (never ~/.cache/slidekit)."""
    monkeypatch.setenv("SLIDEKIT_CACHE_DIR", str(tmp_path_factory.mktemp("chart-cache")))
