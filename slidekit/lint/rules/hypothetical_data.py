"""hypothetical-data: a slide that shows numbers from a table marked ``hypothetical``.

A speedrun drafts the deck before the experiment runs, from made-up data
(``hypothetical: true``, often with ``expect:``). Hypothetical numbers must
never be mistaken for real ones, so the deck marks every slide that uses them
(a red banner, a watermark on the chart, a line in the notes, a notice on the
title slide) and lint reminds you once per slide: a chart, prompt or bullet
slide pointing at its kind key (its backup breakdowns are named in the
message), the recap at ``recap``. Ignoring the rule silences the reminder,
not the marks. To present real results, point the table at their file and
drop ``hypothetical: true``: the marks and this finding go away.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem
from slidekit.plan.model import RecapSlide, TitleSlide

ID = "hypothetical-data"
SEVERITY = "warning"


def check(context):
    described = {h.name: h.description for h in context.plan.hypothetical}
    seen: set[object] = set()
    for slide in context.plan.slides:
        names = getattr(slide, "hypothetical", ())
        if not names or isinstance(slide, TitleSlide) or getattr(slide, "is_backup", False):
            continue
        sources = "; ".join(f"{name}: {described.get(name, 'hypothetical')}" for name in names)
        tables = [name for name in names if name in context.spec.data]
        fix = (
            f"before presenting it as a result, point {', '.join(tables)} at the real results and drop "
            "hypothetical: true" if tables else "last week's takeaways rest on hypothetical data: "
            "check them against the real results before repeating them"
        )
        if isinstance(slide, RecapSlide):
            if "recap" in seen:
                continue
            seen.add("recap")
            path = ("recap", "from") if not tables else ("recap",)
            yield Problem(path, f"the recap shows hypothetical data ({sources}): {fix}")
            continue
        index = slide.spec_index
        if index in seen:
            continue
        seen.add(index)
        backups = sum(
            1 for s in context.plan.slides
            if getattr(s, "is_backup", False) and s.spec_index == index and s.hypothetical
        )
        also = f" and so do its {backups} backup slide(s)" if backups else ""
        yield Problem(
            ("slides", index, slide.kind),
            f"{slide.kind} slide {context.slide_of(('slides', index))} ({_name(slide)!r}) shows "
            f"hypothetical data ({sources}){also}; it is marked HYPOTHETICAL DATA in the deck: {fix}",
        )


def _name(slide) -> str:
    return getattr(slide, "headline", None) or slide.title
