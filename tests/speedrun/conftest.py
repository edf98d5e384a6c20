"""Fixtures for the speedrun tests: the mixed deck (hypothetical and real data), built once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The tests import their helpers (speedrun_helpers.py) from this folder, whatever pytest's import mode.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from speedrun_helpers import write_mixed  # noqa: E402

from slidekit.pipeline import build  # noqa: E402


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """The mixed deck's folder, built to deck.pptx, deck.md and deck.html (once per module)."""
    folder = tmp_path_factory.mktemp("mixed")
    spec = write_mixed(folder)
    build(spec, to=["pptx", "md", "html"], jobs=1, cache=False)  # (no cache: this runs outside the
    # per-test cache fixture, and must not touch the user's)
    return folder
