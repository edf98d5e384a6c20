"""Fixtures for the deck tests: a built copy of the week12 example, and tiny specs.

Every build happens in a temporary folder: the example is copied there first,
so no test ever writes into the repository.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from slidekit.pipeline import build

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12"

# The tests import their read-back helpers (deck_readback.py) from this folder,
# whatever pytest's import mode.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))


def copy_example(destination: Path) -> Path:
    """A copy of examples/week12 (without its committed deck) at ``destination``."""
    shutil.copytree(EXAMPLE, destination, ignore=shutil.ignore_patterns("*.pptx", "__pycache__"))
    return destination


@pytest.fixture(scope="session")
def example_folder(tmp_path_factory) -> Path:
    """A read-only copy of the example, already built to week12.pptx (built once per run)."""
    folder = copy_example(tmp_path_factory.mktemp("example") / "week12")
    build(folder / "week12.yaml")
    return folder


@pytest.fixture(scope="session")
def example_deck(example_folder):
    return Presentation(str(example_folder / "week12.pptx"))


@pytest.fixture
def fresh_example(tmp_path) -> Path:
    """A private copy of the example (not built) that a test may modify."""
    return copy_example(tmp_path / "week12")


@pytest.fixture
def build_spec(tmp_path):
    """Write ``files`` (name -> text) and the spec into tmp_path, build, return the deck."""

    def _build(spec: str, files: dict[str, str] | None = None, name: str = "deck.yaml"):
        for file_name, text in (files or {}).items():
            path = tmp_path / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        spec_path = tmp_path / name
        spec_path.write_text(textwrap.dedent(spec), encoding="utf-8")
        build(spec_path)
        return Presentation(str(spec_path.with_suffix(".pptx")))

    return _build
