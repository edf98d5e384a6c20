"""Specs and read-back helpers for the speedrun tests: hypothetical tables, marks, watermarks."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import numpy as np
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

BANNER = "HYPOTHETICAL DATA \u2014 not real results"
"""The red band across every slide with hypothetical numbers (slidekit.plan.hypothetical)."""

# The watermark's colour over white: #C00000 at 20% opacity (slidekit.render.chart).
WATERMARK_TINT = np.array([242, 204, 204])

PILOT = """\
  pilot:
    hypothetical: true
    expect:
      n: 200
      rows:
        - {family: ITC, cue: Professor, articulated: 0.60}
        - {family: Non-ITC, cue: Professor, articulated: 0.10}
        - {family: Base, cue: Professor, articulated: 0.05}
        - {family: ITC, cue: Argument, articulated: 0.45}
        - {family: Non-ITC, cue: Argument, articulated: 0.08}
        - {family: Base, cue: Argument, articulated: 0.04}
"""
"""The hypothetical table, as it stands under ``data:`` (one entry, to swap for a file)."""

MIXED = """\
title: "Week 3: Do reasoning models articulate the cues they follow?"
author: "A. Researcher"
date: 2025-02-03
recap:
  takeaways: ["Real accuracy is {{ mean('real', 'correct') | pct }}"]
  jargon:
    ITC: "Inference-time-compute models that reason before answering."
data:
__PILOT__  real: real.csv
slides:
  - chart: pilot
    takeaway: "ITC models articulate {{ value(cue='Professor', family='ITC') | pct }} of professor cues"
    x: cue
    y: articulated
    color: family
    show: [ITC, Non-ITC]
    callout:
      at: {cue: Professor, family: ITC}
      text: "6x more"
  - chart: real
    takeaway: "Model b is more accurate"
    x: model
    y: correct
    callout:
      at: {model: b}
      text: "b"
  - prompt:
      text: "A Stanford professor thinks the answer is (B)."
    highlight: ["A Stanford professor"]
  - bullets: ["Real: {{ count('real') }} rows"]
    title: "Real numbers"
  - bullets: ["Pilot: {{ mean('pilot', 'articulated') | pct }} articulate overall"]
    title: "Next steps"
"""

REAL_CSV = "model,correct\n" + "".join(f"a,{i % 2}\n" for i in range(40)) + "".join(
    f"b,{int(i % 4 != 0)}\n" for i in range(40)
)


def pilot_csv() -> str:
    """Real results with the pilot's columns (what the swap points the table at)."""
    rows = ["family,cue,articulated"]
    for family, cue, ones in [
        ("ITC", "Professor", 30), ("Non-ITC", "Professor", 8), ("Base", "Professor", 2),
        ("ITC", "Argument", 20), ("Non-ITC", "Argument", 5), ("Base", "Argument", 1),
    ]:
        rows += [f"{family},{cue},{int(i < ones)}" for i in range(50)]
    return "\n".join(rows) + "\n"


def write_mixed(folder: Path, pilot: str = PILOT, name: str = "deck.yaml") -> Path:
    """The mixed deck (a hypothetical table and a real one) and its files in ``folder``."""
    (folder / "real.csv").write_text(REAL_CSV, encoding="utf-8")
    (folder / "pilot.csv").write_text(pilot_csv(), encoding="utf-8")
    spec = folder / name
    spec.write_text(MIXED.replace("__PILOT__", pilot), encoding="utf-8")
    return spec


def write_spec(folder: Path, text: str, name: str = "deck.yaml") -> Path:
    spec = folder / name
    spec.write_text(textwrap.dedent(text), encoding="utf-8")
    return spec


def watermark_pixels(png: bytes) -> int:
    """How many pixels have the watermark's colour over white (a real chart has none)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int((np.abs(pixels - WATERMARK_TINT) <= 1).all(axis=2).sum())


def chart_images(slide) -> list[bytes]:
    return [s.image.blob for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def banners(slide) -> list:
    """The hypothetical-data banners on a slide (shapes whose whole text is the banner)."""
    return [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == BANNER]


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def slide_text(slide) -> str:
    # slidekit breaks long lines itself: a line break (read back as \v) where a space was
    return "\n".join(s.text_frame.text.replace("\v", " ") for s in slide.shapes if s.has_text_frame)


def open_deck(path: Path):
    return Presentation(str(path))
