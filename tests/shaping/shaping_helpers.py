"""Shared helpers for tests/shaping: a project folder, plan and deck read-back."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from slidekit.cli import main
from slidekit.data.tables import load_tables
from slidekit.plan.model import ChartSlide
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec


class Project:
    """A folder holding ``deck.yaml`` and its data files."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch):
        self.folder = folder
        self._monkeypatch = monkeypatch

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def spec(self, text: str, name: str = "deck.yaml") -> Path:
        return self.write(name, text)

    def line(self, needle: str, name: str = "deck.yaml") -> int:
        """The (1-based) line of ``name`` holding ``needle``; it must occur exactly once."""
        lines = (self.folder / name).read_text(encoding="utf-8").splitlines()
        found = [i for i, text in enumerate(lines, 1) if needle in text]
        assert len(found) == 1, f"{needle!r} on lines {found}"
        return found[0]

    def plan(self, name: str = "deck.yaml"):
        loaded = load_spec(self.folder / name)
        return resolve_plan(loaded, load_tables(loaded))

    def charts(self, name: str = "deck.yaml") -> list[ChartSlide]:
        """The main (non-backup) chart slides of the plan, in order."""
        return [s for s in self.plan(name).slides if isinstance(s, ChartSlide) and not s.is_backup]

    def run(self, name: str = "deck.yaml"):
        """``slidekit build name`` run from the project folder (so errors name ``name``)."""
        self._monkeypatch.chdir(self.folder)
        return CliRunner().invoke(main, ["build", name])

    def build(self, name: str = "deck.yaml"):
        result = self.run(name)
        assert result.exit_code == 0, result.output
        return Presentation(str(self.folder / Path(name).with_suffix(".pptx")))

    def errors(self, name: str = "deck.yaml") -> list[str]:
        """The error lines of a failed build (exit 2, nothing on stdout, no traceback)."""
        result = self.run(name)
        assert result.exit_code == 2, (result.exit_code, result.output)
        assert result.stdout == ""
        assert not (self.folder / Path(name).with_suffix(".pptx")).exists()
        return result.stderr.splitlines()


def point_map(chart) -> dict:
    """(x, series) -> point, for a ChartPlan."""
    return {(p.x, p.series): p for p in chart.points}


def slide_texts(slide) -> list[str]:
    """Every paragraph of every text shape on ``slide`` (title included)."""
    # slidekit breaks long lines itself: a line break (read back as \v) where a space was
    return [p.text.replace("\v", " ") for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs]


def title_of(slide) -> str:
    return slide.shapes.title.text_frame.text.replace("\v", " ") if slide.shapes.title is not None else ""


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def footer_of(slide) -> str:
    """The chart slide's footer: the one text starting with "n = " or "n not given"."""
    found = [t for t in slide_texts(slide) if t.startswith(("n = ", "n not given"))]
    assert len(found) == 1, found
    return found[0]
