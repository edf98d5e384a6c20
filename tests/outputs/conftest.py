"""Fixtures for the output-format tests: a copy of the week12 example, tiny specs, the CLI.

Every build happens in a temporary folder, never in the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from slidekit.cli import main

# The tests import their helpers (outputs_helpers.py) from this folder, whatever pytest's import mode.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from outputs_helpers import copy_example


@pytest.fixture(scope="session")
def shared_chart_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outputs-chart-cache")


@pytest.fixture(autouse=True)
def private_chart_cache(shared_chart_cache, monkeypatch):
    """One chart cache for all the output tests (still never ~/.cache/slidekit): they build
    the same example many times and test what is written from the charts, not the drawing."""
    monkeypatch.setenv("SLIDEKIT_CACHE_DIR", str(shared_chart_cache))


@pytest.fixture
def example(tmp_path) -> Path:
    """A private copy of the example folder (not built)."""
    return copy_example(tmp_path / "week12")


@pytest.fixture
def cli():
    """Run ``slidekit ARGS`` in-process; returns click's Result (stdout, stderr, exit_code)."""

    def run(*args: str):
        return CliRunner().invoke(main, [str(a) for a in args])

    return run
