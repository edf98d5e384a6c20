"""Fixtures for the robustness catalog (helpers live in robust_helpers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The tests import robust_helpers from this folder, whatever pytest's import mode.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_helpers import Project


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    """An empty project folder; builds run from inside it, so errors name ``deck.yaml``."""
    folder = tmp_path / "project"
    folder.mkdir()
    return Project(folder, monkeypatch)
