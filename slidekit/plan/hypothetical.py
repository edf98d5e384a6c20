"""Hypothetical numbers that can never pass for real ones: which slides show them, and their marks.

A speedrun drafts the deck before the experiment runs, from a data table
marked ``hypothetical: true`` (inline ``rows:``, a file, or expected rates with
``expect:``). The planner marks every slide whose numbers come from such a
table, or whose text quotes one (``mean('pilot', ...)``):

- the slide's ``hypothetical`` names the sources: the deck renderer draws a red
  :data:`BANNER` across it, the reports and the abstract flag it;
- a chart drawn from the table gets ``ChartPlan.hypothetical``: a diagonal
  "HYPOTHETICAL" watermark on the image (:mod:`slidekit.render.chart`), and so
  another chart-cache key than the real chart's;
- the speaker notes start with :func:`slide_note`, saying which numbers are not real;
- the title slide says the deck contains hypothetical results (:func:`deck_notice`).

The marks follow from the data alone: no spec key switches them off. Pointing
the table at the real file and dropping ``hypothetical`` removes them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from slidekit.plan.model import ChartSlide, HypotheticalData, SlidePlan
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import ChartSlideSpec, PromptSlideSpec, PromptTextSpec, TableSpec

BANNER = "HYPOTHETICAL DATA \u2014 not real results"
"""The red band across every slide that shows hypothetical numbers."""
RESULT_MARK = "[HYPOTHETICAL]"
"""Flags one sentence (a takeaway, a result in the abstract) that quotes hypothetical numbers."""


def hypothetical_sources(loaded: LoadedSpec) -> dict[str, str]:
    """The spec's tables marked ``hypothetical``, by name, each with where its numbers come from."""
    sources = {}
    for name, entry in loaded.spec.data.items():
        if isinstance(entry, TableSpec) and entry.hypothetical:
            sources[name] = describe(entry)
    return sources


def describe(entry: TableSpec) -> str:
    """Where a hypothetical table's numbers come from, for notes, reports and the abstract."""
    if entry.expect is not None:
        return (
            f"drawn at random from the expected rates in the spec, {entry.expect.n:,} samples "
            f"per row, seed {entry.expect.seed}"
        )
    if entry.rows is not None:
        return "the inline rows in the spec, marked hypothetical"
    return f"{entry.path}, marked hypothetical"


def slide_sources(slide: object, tables_read: Iterable[str], sources: dict[str, str]) -> tuple[str, ...]:
    """The hypothetical sources a spec slide uses: its chart's table or prompt's table, and those its text read."""
    used = []
    if isinstance(slide, ChartSlideSpec):
        used.append(slide.chart)
    elif isinstance(slide, PromptSlideSpec) and isinstance(slide.prompt, PromptTextSpec):
        used.append(slide.prompt.data)
    used.extend(tables_read)
    return tuple(name for name in dict.fromkeys(used) if name in sources)


def slide_note(names: tuple[str, ...], sources: dict[str, str]) -> str:
    """The first line of a marked slide's speaker notes: which numbers are not real."""
    listed = "; ".join(f"{name}: {sources[name]}" for name in names)
    return f"HYPOTHETICAL DATA: the numbers on this slide are made up, not real results. {listed}."


def deck_notice(names: Iterable[str], what: str = "deck") -> str:
    """What the title slide (or the top of a report, ``what="report"``) says when numbers are hypothetical."""
    parts = "slides" if what == "deck" else "parts"
    return (
        f"This {what} contains hypothetical results: {parts} marked HYPOTHETICAL DATA show made-up "
        f"numbers ({', '.join(names)}), not real results."
    )


def mark(slide: SlidePlan, names: tuple[str, ...], sources: dict[str, str], *, chart: bool = False) -> SlidePlan:
    """``slide`` marked as showing numbers from the hypothetical ``names``.

    ``chart``: its chart is drawn from one of them (the image gets the watermark).
    """
    names = tuple(dict.fromkeys((*slide.hypothetical, *names)))
    changes: dict = {"hypothetical": names, "notes": _with_note(slide.notes, slide_note(names, sources))}
    if chart and isinstance(slide, ChartSlide):
        changes["chart"] = replace(slide.chart, hypothetical=True)
    return replace(slide, **changes)


def _with_note(notes: str, note: str) -> str:
    """``note`` first in ``notes`` (after a "Full headline:" line, which readers expect first)."""
    lines = notes.splitlines()
    at = 1 if lines and lines[0].startswith("Full headline: ") else 0
    return "\n".join([*lines[:at], note, *lines[at:]])


def used_sources(slides: Iterable[SlidePlan], sources: dict[str, str]) -> tuple[HypotheticalData, ...]:
    """The hypothetical sources the slides show, in order of first use."""
    names = dict.fromkeys(name for slide in slides for name in getattr(slide, "hypothetical", ()))
    return tuple(HypotheticalData(name, sources[name]) for name in names)
