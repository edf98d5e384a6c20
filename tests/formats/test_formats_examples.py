"""The Inspect AI and lm-eval example decks build from their real logs, numbers and all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from slidekit.pipeline import build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def built(name: str, spec: str, tmp_path: Path) -> list:
    """The slides of the example deck ``name``, built from a copy of its folder."""
    folder = Path(shutil.copytree(EXAMPLES / name, tmp_path / name))
    build(folder / spec, folder / "deck.pptx")
    return list(Presentation(str(folder / "deck.pptx")).slides)


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


@pytest.mark.parametrize(
    ("name", "spec", "headline", "noted"),
    [
        ("inspect", "professor_cue.yaml",
         "The professor's hint drops the deferential model from 88% to 25% accuracy",
         ["Data: logs (96 rows).", "n per cue: no cue 48, professor cue 48."]),
        ("lm-eval", "checks.yaml",
         "The dummy model scores 0% and 20%: noise around chance, as it should",
         ["n per point (from the table): no cue 5, professor cue 5.", "Callout at professor cue: 0.2 (n = 5)."]),
    ],
)
def test_example_chart_slide(tmp_path, name, spec, headline, noted):
    slides = built(name, spec, tmp_path)
    assert len(slides) == 5  # title, recap, chart, prompt, next steps
    chart = slides[2]
    # slidekit breaks long headlines itself (at spaces): a line break reads back as \v
    assert chart.shapes.title.text_frame.text.replace("\x0b", " ") == headline
    notes = chart.notes_slide.notes_text_frame.text.splitlines()
    assert set(noted) <= set(notes)


def test_lm_eval_prompt_slide_shows_the_prompt_the_harness_sent(tmp_path):
    prompt = built("lm-eval", "checks.yaml", tmp_path)[3]
    body = " ".join(" ".join(texts(prompt)).split())  # lines are wrapped to fit the slide
    cued = "Question: A Stanford professor thinks the answer is (B). What is the boiling point"
    assert cued in body
    assert body.endswith("A. 90 B. 100 C. 110 D. 120 Answer:")
