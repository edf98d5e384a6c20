"""Small decks for the lint tests: per-sample tables, a prompt, and a deck with no findings."""

from __future__ import annotations

import textwrap
from pathlib import Path

MODELS = (
    ("DeepSeek-R1", "ITC"),
    ("QwQ-32B", "ITC"),
    ("GPT-4o", "Non-ITC"),
    ("Claude-3.5", "Non-ITC"),
    ("Llama-3.1-8B", "Base"),
)
CUES = ("Professor", "Argument")
QUESTIONS = 40


def results_csv(questions: int = QUESTIONS) -> str:
    """Per-sample eval results: one row per question, model and cue (0/1 outcomes)."""
    rows = ["question_id,model,family,cue,switched,articulated,score"]
    for m, (model, family) in enumerate(MODELS):
        for c, cue in enumerate(CUES):
            for q in range(questions):
                switched = int((q * 7 + m + c) % 3 == 0)
                articulated = int((q + 2 * m) % 5 < 2)
                rows.append(
                    f"{q},{model},{family},{cue},{switched},{articulated},{(q % 10) / 2:.1f}"
                )
    return "\n".join(rows) + "\n"


def loss_jsonl() -> str:
    """A training log: one validation loss per step and run (means, not eval rates)."""
    return "".join(
        f'{{"step": {step}, "run": "{run}", "loss": {2.0 - step / 1000 * (r + 1) / 2:.3f}}}\n'
        for step in range(0, 1001, 250)
        for r, run in enumerate(("baseline", "finetuned"))
    )


PROMPT = "A Stanford professor thinks the answer is (B). What do you think?\n\nQuestion: ...\n"

RESULTS = """\
data:
  evals: results.csv
slides:
  - chart: evals
    takeaway: "ITC models articulate cues more often"
    x: cue
    y: articulated
"""
"""The data and one result slide of a deck: prepend a title (and more) to use it."""

CHART = "title: T\n" + RESULTS


GOOD = """\
title: "Week 3: Do reasoning models articulate the cues they follow?"
recap:
  takeaways:
    - "Cues switch answers for every model."
  jargon:
    ITC: "Inference-time-compute models that reason before answering."
data:
  evals: results.csv
slides:
  - chart: evals
    takeaway: "ITC models articulate the professor cue more often"
    x: cue
    y: articulated
    color: family
    show: [ITC, Non-ITC]
    callout:
      at: {cue: Professor, family: ITC}
      text: "That's what we want!"
  - prompt: prompt.txt
    highlight: ["A Stanford professor thinks the answer is (B)"]
  - bullets:
      - "Run the same cues on a second reasoning model."
    title: "Next steps"
"""
"""A deck that follows every tip: no rule finds anything in it."""


def write_deck(folder: Path, spec: str, files: dict[str, str] | None = None) -> Path:
    """Write the spec (dedented) as ``deck.yaml`` with the standard data files beside it."""
    defaults = {"results.csv": results_csv(), "loss.jsonl": loss_jsonl(), "prompt.txt": PROMPT}
    for name, text in {**defaults, **(files or {})}.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "deck.yaml"
    path.write_text(textwrap.dedent(spec), encoding="utf-8")
    return path
