"""prompt-missing: a deck that charts model evals but shows no prompt.

Tip 5: show the prompt you call the model with. A chart of a rate (a 0/1
column per sample, such as ``correct`` or ``articulated``) is an eval result;
a deck with one and no ``prompt:`` slide gets this finding, pointing at
``slides``. Charts of means (losses, scores) alone do not count: they may
come from training runs, where no prompt applies.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem
from slidekit.spec.models import PromptSlideSpec

ID = "prompt-missing"
SEVERITY = "warning"


def check(context):
    if any(isinstance(slide, PromptSlideSpec) for slide in context.spec.slides):
        return
    evals = list(
        dict.fromkeys(c.spec.chart for c in context.charts if c.slide.chart.measure == "rate")
    )
    if not evals:
        return
    names = ", ".join(repr(name) for name in evals)
    yield Problem(
        ("slides",),
        f"the deck charts eval results ({names}) but shows no prompt: add a slide with "
        "prompt: <file> and highlight: [the cue] (show the prompt you call the model with)",
    )
