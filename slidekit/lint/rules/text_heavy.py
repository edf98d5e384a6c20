"""text-heavy: a slide with more than 6 bullets or 60 words, or a headline over 15 words.

Tips 3 and 6: one graph, one story, and a reader without the speaker gives up
on a wall of text. Flags:

- a ``bullets:`` slide with more than 6 bullets or more than 60 words (at ``bullets``);
- a recap of more than 6 takeaways (at ``recap``);
- a headline (the deck's ``title``, a slide's ``title``), a takeaway (a chart
  slide's, or one of the deck's ``takeaways``) or a callout text of more than
  15 words (at that key).

Move the detail into ``notes:`` (the speaker notes) or a backup slide.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem
from slidekit.lint.words import plain, word_count
from slidekit.spec.models import BulletsSlideSpec

ID = "text-heavy"
SEVERITY = "warning"

MAX_BULLETS = 6
MAX_WORDS = 60
MAX_HEADLINE_WORDS = 15


HEADLINES = ("title", "headline", "takeaway", "callout text")
"""The kinds of text (see :attr:`LintContext.texts`) held to the headline limit."""


def check(context):
    for text in context.texts:
        words = word_count(text.text)
        if text.what in HEADLINES and words > MAX_HEADLINE_WORDS:
            yield Problem(
                text.path,
                f"{text.what} has {words} words: say it in {MAX_HEADLINE_WORDS} or fewer, "
                "and put the rest in notes:",
            )
    if len(context.recap_takeaways) > MAX_BULLETS:
        yield Problem(
            ("recap",),
            f"the recap has {len(context.recap_takeaways)} takeaways: keep the "
            f"{MAX_BULLETS} or fewer that matter this week",
        )
    for index, slide in enumerate(context.spec.slides):
        if not isinstance(slide, BulletsSlideSpec):
            continue
        words = sum(word_count(plain(b)) for b in slide.bullets)
        if len(slide.bullets) > MAX_BULLETS or words > MAX_WORDS:
            yield Problem(
                ("slides", index, "bullets"),
                f"{len(slide.bullets)} bullets and {words} words on one slide: keep to "
                f"{MAX_BULLETS} bullets and about {MAX_WORDS} words; move detail to notes: "
                "or a backup slide",
            )
