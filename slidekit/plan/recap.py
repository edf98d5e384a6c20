"""The recap slide(s): last week's takeaways, this week's extra bullets, the jargon."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from slidekit import layout
from slidekit.errors import SlidekitError
from slidekit.plan.model import GlossaryEntry, RecapSlide
from slidekit.spec.load import LoadedSpec, load_spec

RECAP_TAKEAWAYS_HEADING = "Last week's takeaways"
"""Above the recap's bullets when they open with last week's (``recap.from``)."""
RECAP_STATUS_HEADING = "Where things stand"
"""Above bullets written in the recap itself (a first week has no last week)."""
RECAP_GLOSSARY_HEADING = "Terms used today"


def plan_recap(
    loaded: LoadedSpec,
    render: Callable[[str, tuple], str],
    takeaways_of_week: Callable[[LoadedSpec], list[str]],
) -> list[RecapSlide]:
    """The recap slide, or two when the glossary does not fit beside the takeaways.

    ``takeaways_of_week`` gives another week's (rendered) takeaways; the
    planner passes it in so last week's numbers are computed from last week's data.
    """
    recap = loaded.spec.recap
    if recap is None:
        return []
    pulled: list[str] = []
    if recap.from_:
        pulled = takeaways_of_week(_last_week(loaded, recap.from_))
    extra = [render(t, ("recap", "takeaways", i)) for i, t in enumerate(recap.takeaways)]
    # A bullet repeated in last week's list and the extra list is shown once.
    takeaways = list(dict.fromkeys([*pulled, *extra]))
    glossary = [GlossaryEntry(term, definition) for term, definition in recap.jargon.items()]
    if not takeaways and not glossary:
        return []
    box = layout.body_box(1)
    heading = takeaways_heading(recap.from_)
    size, pages = layout.fit_paragraphs(_paragraphs(heading, takeaways, glossary), box)
    if len(pages) > 1 and takeaways and glossary:
        # The glossary moves to its own slide before anything is split mid-list.
        size_a, pages_a = layout.fit_paragraphs(_paragraphs(heading, takeaways, []), box)
        size_b, pages_b = layout.fit_paragraphs(_paragraphs(heading, [], glossary), box)
        size = min(size_a, size_b)
        pages = pages_a + pages_b
    return [
        RecapSlide(
            slide_id="recap" + (f"-{number}" if number else ""),
            title="Recap" if number == 0 else "Recap (cont.)",
            takeaways=tuple(p.text for p in page if p.bullet and not p.lead),
            glossary=tuple(GlossaryEntry(p.lead.removesuffix(": "), p.text) for p in page if p.lead),
            source=recap.from_,
            font_size=size,
        )
        for number, page in enumerate(pages)
    ]


def takeaways_heading(source: str | None) -> str:
    """The heading over the recap's bullets: last week's when pulled from last week's spec."""
    return RECAP_TAKEAWAYS_HEADING if source else RECAP_STATUS_HEADING


def _paragraphs(heading: str, takeaways: list[str], glossary: list[GlossaryEntry]) -> list[layout.Paragraph]:
    paragraphs = []
    if takeaways:
        paragraphs.append(layout.Paragraph(heading, bullet=False))
        paragraphs.extend(layout.Paragraph(t) for t in takeaways)
    if glossary:
        paragraphs.append(layout.Paragraph(RECAP_GLOSSARY_HEADING, bullet=False))
        paragraphs.extend(layout.Paragraph(g.definition, lead=f"{g.term}: ") for g in glossary)
    return paragraphs


def _last_week(loaded: LoadedSpec, relative: str) -> LoadedSpec:
    path = (loaded.folder / relative).resolve()
    if path == loaded.path.resolve():
        raise SlidekitError(
            loaded.source.problem(("recap", "from"), "points at this spec itself; expected last week's spec")
        )
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "no such file"
        raise SlidekitError(
            loaded.source.problem(("recap", "from"), f"{relative}: {what}; expected last week's spec")
        )
    return load_spec(path, display=os.path.normpath(Path(loaded.name).parent / relative))
