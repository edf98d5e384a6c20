"""prompt-highlight-missing: a prompt slide with nothing highlighted.

Tip 5: show the prompt, with the important span (the cue, the key
instruction) highlighted, so the mentor reads the one line that matters in a
wall of monospace text. A ``prompt:`` slide without ``highlight:`` gets this
finding, pointing at its ``prompt`` key.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem
from slidekit.spec.models import PromptSlideSpec

ID = "prompt-highlight-missing"
SEVERITY = "warning"


def check(context):
    for index, slide in enumerate(context.spec.slides):
        if isinstance(slide, PromptSlideSpec) and not slide.highlight:
            yield Problem(
                ("slides", index, "prompt"),
                'nothing highlighted in this prompt: add highlight: ["<the cue or key '
                'instruction>"] so the mentor sees the span that matters',
            )
