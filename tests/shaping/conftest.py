"""Fixtures for the shaping tests (helpers live in shaping_helpers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The tests import shaping_helpers from this folder, whatever pytest's import mode.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from shaping_helpers import Project


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    return Project(tmp_path, monkeypatch)
