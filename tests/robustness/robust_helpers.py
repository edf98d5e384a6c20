"""The robustness catalog's harness: a project folder built through the real CLI.

Every case ends in one of two outcomes, and these helpers assert all of it:

- ``Project.errors()``: exit status 2, only ``slidekit: error:`` lines on stderr,
  nothing on stdout, no traceback, and the folder exactly as it was (no deck,
  no temporary file, no input touched);
- ``Project.deck()``: exit status 0, no traceback, the one new file is the deck,
  no input touched, and the deck re-opens with python-pptx.
"""

from __future__ import annotations

import hashlib
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from slidekit.cli import main

SAFE_SECONDS = 20
"""A bomb or a huge input must be refused or built well within this (it is about 1 s)."""


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    before: dict[str, str]
    """Every file in the project before the build: relative path -> digest."""
    after: dict[str, str]

    @property
    def created(self) -> list[str]:
        return sorted(set(self.after) - set(self.before))

    @property
    def changed(self) -> list[str]:
        return sorted(p for p in self.before if self.after.get(p) != self.before[p])


class Project:
    """A folder holding ``deck.yaml``, its data files and (after a build) its deck."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch):
        self.folder = folder
        self._monkeypatch = monkeypatch
        self.last: Outcome | None = None
        """The outcome of the latest build."""

    def write(self, name: str, content: str | bytes, dedent: bool = True) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if dedent else content, encoding="utf-8")
        return path

    def spec(self, text: str | bytes, name: str = "deck.yaml") -> Path:
        return self.write(name, text)

    def line(self, needle: str, name: str = "deck.yaml") -> int:
        """The (1-based) line of ``name`` holding ``needle``; it must occur exactly once."""
        lines = (self.folder / name).read_text(encoding="utf-8").splitlines()
        found = [i for i, text in enumerate(lines, 1) if needle in text]
        assert len(found) == 1, f"{needle!r} on lines {found}"
        return found[0]

    def snapshot(self) -> dict[str, str]:
        return {
            str(path.relative_to(self.folder)): _digest(path)
            for path in sorted(self.folder.rglob("*"))
            if path.is_file() or path.is_symlink()
        }

    def build(self, *args: str, name: str = "deck.yaml") -> Outcome:
        """``slidekit build NAME --no-cache ARGS`` through the real CLI, from the project folder."""
        self._monkeypatch.chdir(self.folder)
        before = self.snapshot()
        start = time.perf_counter()
        result = CliRunner().invoke(main, ["build", name, "--no-cache", *args])
        seconds = time.perf_counter() - start
        outcome = Outcome(result.exit_code, result.stdout, result.stderr, seconds, before, self.snapshot())
        self.last = outcome
        text = result.stdout + result.stderr
        assert "Traceback" not in text, text
        assert "internal error" not in text, text
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"the build raised {result.exception!r}") from result.exception
        return outcome

    def errors(self, *args: str, name: str = "deck.yaml") -> list[str]:
        """The error lines of a build that must fail cleanly, leaving the folder as it was."""
        outcome = self.build(*args, name=name)
        assert outcome.exit_code == 2, (outcome.exit_code, outcome.stdout, outcome.stderr)
        assert outcome.stdout == ""
        assert outcome.after == outcome.before, ("a failed build wrote", outcome.created, outcome.changed)
        lines = outcome.stderr.splitlines()
        assert lines and all(line.startswith("slidekit: error: ") for line in lines), lines
        return lines

    def deck(self, *args: str, name: str = "deck.yaml", output: str | None = None):
        """The deck of a build that must succeed; it is the only file written, and it re-opens."""
        if output is not None:
            args = (*args, "-o", output)
        outcome = self.build(*args, name=name)
        assert outcome.exit_code == 0, (outcome.exit_code, outcome.stderr)
        deck_name = output or str(Path(name).with_suffix(".pptx"))
        assert outcome.stdout.startswith(f"wrote {deck_name} ("), outcome.stdout
        assert outcome.created == [deck_name] or outcome.changed == [deck_name], (
            outcome.created, outcome.changed
        )
        return Presentation(str(self.folder / deck_name))


def _digest(path: Path) -> str:
    if path.is_symlink():
        return "link:" + str(path.readlink())
    return hashlib.sha256(path.read_bytes()).hexdigest()


def slide_texts(slide) -> list[str]:
    """Every paragraph of every text shape on ``slide`` (title included), in shape order.

    slidekit breaks long lines itself, with a line break (read back as \v) where a space
    was; a \v in the spec's own text is drawn as U+FFFD, so every \v here is one of those.
    """
    return [p.text.replace("\v", " ") for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs]


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def titles(deck) -> list[str]:
    return [slide.shapes.title.text_frame.text.replace("\v", " ") if slide.shapes.title is not None else ""
            for slide in deck.slides]


def all_text(deck) -> str:
    """Every paragraph and every note of the deck, one per line."""
    parts = []
    for slide in deck.slides:
        parts.extend(slide_texts(slide))
        parts.append(notes_of(slide))
    return "\n".join(parts)


def within(seconds: float, outcome: Outcome) -> None:
    assert outcome.seconds < seconds, f"took {outcome.seconds:.1f} s"


CSV = "model,family,cue,correct,step\n" + "".join(
    f"{model},{family},{cue},{(i + j) % 2},{2000 if j % 2 else 4000}\n"
    for i, (model, family) in enumerate([("m1", "ITC"), ("m2", "ITC"), ("m3", "Base")])
    for j, cue in enumerate(["Professor", "Argument", "Professor", "Argument"])
)
"""A small per-sample table: 3 models x 4 rows, 0/1 ``correct``, integer ``step``."""

CHART = """\
title: T
data:
  t: t.csv
slides:
  - chart: t
    takeaway: ITC is right more often
    x: cue
    y: correct
    color: family
"""
"""A minimal chart spec over ``CSV`` (add keys by appending indented lines)."""
