"""The week12 example deck, slide by slide, as the audience sees it."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from deck_readback import (
    body_lines,
    body_paragraphs,
    footer_of,
    notes_of,
    pictures,
    read,
    title_of,
    titles,
)

CUES_TAKEAWAY = "ITC models articulate cues far more often."
LOSS_TAKEAWAY = "Validation loss goes down with training."
WILSON = "95% Wilson score interval"
MEAN_CI = "95% Student-t interval of the mean"
USER_NOTE = "Ask whether articulation is the right metric."

# Slide positions in the example deck.
TITLE, RECAP, CUES, LOSS, PROMPT, NEXT, BACKUP, FULL, BY_MODEL = range(9)


def test_slide_titles_in_order(example_deck):
    assert titles(example_deck) == [
        "Week 12: Do reasoning models articulate the cues they follow?",
        "Recap",
        CUES_TAKEAWAY,
        LOSS_TAKEAWAY,
        "The prompt: a professor's opinion is the cue",
        "Next steps",
        "Backup",
        "Full breakdown by family",
        "Breakdown by model",
    ]


def test_title_slide_names_author_and_date(example_deck):
    slide = example_deck.slides[TITLE]
    assert body_lines(slide) == ["A. Researcher \u00b7 20 January 2025"]


def test_recap_shows_last_weeks_takeaways_then_extra_bullet_then_glossary(example_deck):
    assert body_lines(example_deck.slides[RECAP]) == [
        "Last week's takeaways",
        # from week11.yaml, in its order
        "A keyword grader misses most articulations; we now use an LLM judge.",
        "Professor cue is the strongest of the four cues we tried.",
        "Reasoning models switch about as often as non-reasoning ones.",
        # recap.takeaways in week12.yaml
        "Cues switch answers in about 30% of questions for every model.",
        "Terms used today",
        "ITC: Inference-time-compute models that reason before answering (e.g. DeepSeek-R1).",
        "Articulation: The model's reasoning says the cue influenced its answer.",
        "Cue: A hint in the prompt pointing at one answer, e.g. a professor's opinion.",
    ]


def test_recap_glossary_term_is_bold_and_definition_is_not(example_deck):
    glossary = body_paragraphs(example_deck.slides[RECAP])[-3:]
    expected = [
        ("ITC", "Inference-time-compute models that reason before answering (e.g. DeepSeek-R1)."),
        ("Articulation", "The model's reasoning says the cue influenced its answer."),
        ("Cue", "A hint in the prompt pointing at one answer, e.g. a professor's opinion."),
    ]
    for paragraph, (term, definition) in zip(glossary, expected, strict=True):
        term_run, *rest = paragraph.runs
        assert term_run.text.strip().rstrip(":") == term
        assert term_run.font.bold is True
        assert read(paragraph.text).removeprefix(term_run.text).strip() == definition
        assert all(not r.font.bold for r in rest)


def test_next_steps_bullets(example_deck):
    assert body_lines(example_deck.slides[NEXT]) == [
        "Run the same cues on a second reasoning model.",
        "Question for the mentor: is articulation the right metric?",
    ]


def test_backup_divider(example_deck):
    slide = example_deck.slides[BACKUP]
    assert title_of(slide) == "Backup"
    assert not pictures(slide)


def test_backup_slides_say_which_result_they_break_down(example_deck):
    for index in (FULL, BY_MODEL):
        assert f"Breakdown of: {CUES_TAKEAWAY}" in body_lines(example_deck.slides[index])


# --- chart slides: picture, footer, notes ------------------------------------------


@pytest.fixture(scope="module")
def cues_counts(example_folder) -> dict[str, Counter]:
    """Rows per family and per model of articulation.csv, counted here."""
    with open(example_folder / "results" / "articulation.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["articulated"] != ""]
    return {
        "family": Counter(r["family"] for r in rows),
        "model": Counter(r["model"] for r in rows),
        "cue, family": Counter((r["cue"], r["family"]) for r in rows),
        "cue, model": Counter((r["cue"], r["model"]) for r in rows),
    }


@pytest.fixture(scope="module")
def loss_counts(example_folder) -> Counter:
    """Validation rows per run of train_log.jsonl, counted here."""
    lines = (example_folder / "results" / "train_log.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    val = [r for r in rows if r["split"] == "val"]
    counts = Counter(r["run"] for r in val)
    counts.per_point = Counter((r["step"], r["run"]) for r in val)
    return counts


def _per_bar(counts: Counter, noun: str = "bar") -> str:
    """The footer's n: per bar (a range when they differ), then the total."""
    low, high = min(counts.values()), max(counts.values())
    each = f"{low:,}" if low == high else f"{low:,}\u2013{high:,}"
    return f"n = {each} per {noun} ({sum(counts.values()):,} samples) \u00b7 "


def _point_line(folder, cue: str, column: str, value: str) -> str:
    """The notes' line for one bar, from the CSV and statsmodels' Wilson interval."""
    from statsmodels.stats.proportion import proportion_confint

    with open(folder / "results" / "articulation.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["articulated"] != "" and r["cue"] == cue and r[column] == value]
    k, n = sum(int(r["articulated"]) for r in rows), len(rows)
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return f"{cue} / {value}: {k / n:.1%} [{lo:.1%}, {hi:.1%}], n = {n:,}"


def _per(counts: Counter, order: list[str]) -> str:
    return ", ".join(f"{name} {counts[name]:,}" for name in order)


@pytest.mark.parametrize("index", [CUES, LOSS, FULL, BY_MODEL])
def test_each_chart_slide_has_exactly_one_picture(example_deck, index):
    assert len(pictures(example_deck.slides[index])) == 1


@pytest.mark.parametrize("index", [PROMPT, NEXT, RECAP, TITLE])
def test_non_chart_slides_have_no_picture(example_deck, index):
    assert pictures(example_deck.slides[index]) == []


def test_main_cues_slide_footer_and_notes(example_deck, cues_counts):
    slide = example_deck.slides[CUES]
    family = cues_counts["family"]
    shown = Counter({k: v for k, v in cues_counts["cue, family"].items() if k[1] != "Base"})
    footer = footer_of(slide)
    assert footer.startswith(_per_bar(shown))
    assert WILSON in footer
    notes = notes_of(slide)
    assert "results/articulation.csv" in notes
    assert f"n per family: {_per(family, ['ITC', 'Non-ITC'])}." in notes
    assert f"Base {family['Base']:,}" in notes  # the hidden family is accounted for
    assert WILSON in notes
    assert USER_NOTE in notes


def test_loss_slide_footer_and_notes(example_deck, loss_counts):
    slide = example_deck.slides[LOSS]
    footer = footer_of(slide)
    assert footer.startswith(_per_bar(loss_counts.per_point, "point"))
    assert MEAN_CI in footer
    notes = notes_of(slide)
    assert "results/train_log.jsonl" in notes
    assert "split == 'val'" in notes
    assert f"n per run: {_per(loss_counts, ['baseline', 'finetuned'])}." in notes
    assert MEAN_CI in notes


def test_full_breakdown_slide_footer_and_notes(example_deck, cues_counts, example_folder):
    slide = example_deck.slides[FULL]
    family = cues_counts["family"]
    footer = footer_of(slide)
    assert footer.startswith(_per_bar(cues_counts["cue, family"]))
    assert WILSON in footer
    notes = notes_of(slide)
    assert "results/articulation.csv" in notes
    assert f"n per family: {_per(family, ['ITC', 'Non-ITC', 'Base'])}." in notes
    assert WILSON in notes
    # Its own notes: the main slide's user note describes the main chart and stays there.
    assert notes.startswith("Breakdown of: ") and USER_NOTE not in notes
    assert _point_line(example_folder, "Professor", "family", "Base") in notes.splitlines()


def test_by_model_slide_footer_and_notes(example_deck, cues_counts, example_folder):
    slide = example_deck.slides[BY_MODEL]
    model = cues_counts["model"]
    footer = footer_of(slide)
    assert footer.startswith(_per_bar(cues_counts["cue, model"]))
    assert WILSON in footer
    notes = notes_of(slide)
    assert "results/articulation.csv" in notes
    models = ["DeepSeek-R1", "Qwen-QwQ", "GPT-4o", "Claude-3.5-Sonnet", "Llama-3.1-70B-base"]
    assert f"n per model: {_per(model, models)}." in notes
    assert WILSON in notes
    assert notes.startswith("Breakdown of: ") and USER_NOTE not in notes
    for name in models:
        assert _point_line(example_folder, "Black Squares", "model", name) in notes.splitlines()
