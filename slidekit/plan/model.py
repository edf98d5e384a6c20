"""The deck plan: every slide resolved to plain values, ready for any renderer.

No DataFrames and no pptx objects: the deck renderer, the reports and the
linter all read the same frozen structure. Slides refer to each other by
``slide_id`` (links to and from backup slides).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Union

from slidekit import layout


_BLANK = object()


def category_key(value: object) -> object:
    """``value`` as a key that matches itself: a blank category cell is NaN, which equals
    nothing (not even a copy of itself sent to a chart-drawing process)."""
    return _BLANK if isinstance(value, float) and math.isnan(value) else value


def index_of(values: tuple, value: object) -> int:
    """``values.index(value)``, for a blank (NaN) category too."""
    return [category_key(v) for v in values].index(category_key(value))


def display(value: object) -> str:
    """How a category value reads on a slide: 2000.0 -> "2000"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Point:
    """One drawn point: the aggregate of the rows with this x and series value."""

    x: object
    series: str | None
    n: int | None
    """Samples behind the point; None when a pre-aggregated table does not say."""
    value: float
    lo: float | None
    hi: float | None
    clusters: int | None = None
    """Units behind the point when its rows are clustered (questions, Inspect samples)."""
    cluster_size: int | None = None
    """Rows per unit, when all of the point's units have the same number (Inspect's epochs)."""


@dataclass(frozen=True)
class Comparison:
    """``compare:`` in one group of a chart: the difference b - a, with its interval and p-value."""

    group: str | None
    """The group's display name (a colour, or an x category); None for a chart without groups."""
    group_value: object
    """The group's value in the data, for ``diff(**where)`` selectors."""
    a: str
    b: str
    """Display names of the two compared values."""
    estimate: float
    lo: float | None
    hi: float | None
    p: float | None
    p_holm: float | None
    """Holm-adjusted p over the chart's groups (the same as ``p`` with one group)."""
    n: int
    """Pairs (paired) or rows of both values (unpaired)."""
    n_a: int
    n_b: int
    unmatched: int
    paired: bool
    method: str
    mde: float | None
    """Minimum detectable effect at 80% power, in the units of ``estimate``."""
    measure: Literal["rate", "mean"]
    pair_unit: str | None = None
    """With ``pair``: what a pair is, plural ("questions")."""


@dataclass(frozen=True)
class ConstantPerUnit:
    """y never differs within a unit across the chart's categories: a pair-level value, copied?"""

    column: str
    """The unit column (``unit:``, or ``compare``'s ``pair``)."""
    unit_words: str
    """What a unit is, plural ("questions")."""
    across: str
    """The column whose categories each unit appears under (x, or ``compare``'s column)."""
    units: int
    """Units seen under two or more categories; in every one y has a single value."""
    rows: int
    """The rows of those units, each counted in a bar."""


@dataclass(frozen=True)
class Callout:
    """A red arrow at ``points[point_index]`` with a short text."""

    point_index: int
    text: str


@dataclass(frozen=True)
class ChartPlan:
    """A chart, resolved: which points, in which order, in which colours."""

    kind: Literal["bar", "line"]
    x_label: str
    y_label: str
    x_values: tuple[object, ...]
    """x categories (bar) or sorted numbers (line), in drawing order."""
    series: tuple[str | None, ...]
    """Series names in legend order; ``(None,)`` for a chart without colours."""
    colors: tuple[str, ...]
    """One hex colour per series."""
    points: tuple[Point, ...]
    measure: Literal["rate", "mean"]
    callout: Callout | None
    error_method: str
    """What the error bars mean, for footers and notes, e.g. "95% Wilson interval"."""
    legend_title: str | None = None
    x_labels: tuple[str, ...] = ()
    """Display names of ``x_values`` (after ``labels:``), for bar charts' ticks."""
    pre_aggregated: bool = False
    """Each point came as one row with its own error (and n): samples may be shared, n is per point."""
    hypothetical: bool = False
    """Drawn from a table marked ``hypothetical``: the image carries a HYPOTHETICAL watermark."""
    font: str | None = None
    """The deck's body font, for the chart's text too (the renderer picks a stand-in if it lacks it)."""
    zero_width: int = 0
    """Points at 0% or 100% whose interval has no width (t, bootstrap, a column): lint suggests Wilson."""
    cluster_unit: str | None = None
    """With clustered intervals: what a unit is, plural ("questions"); points' ``clusters`` count them."""
    cluster_repeats: str | None = None
    """What a unit's rows are, when the reader knows ("epochs")."""


@dataclass(frozen=True)
class Link:
    """A clickable text on a slide that jumps to another slide."""

    text: str
    target_id: str


@dataclass(frozen=True)
class HypotheticalData:
    """Made-up numbers the deck shows: a table marked ``hypothetical``, or last week's spec that used one."""

    name: str
    """The table's name (``pilot``), or last week's spec (``week11.yaml``)."""
    description: str
    """Where the numbers come from, e.g. "drawn from the expected rates in the spec (...)"."""


@dataclass(frozen=True)
class TitleSlide:
    slide_id: str
    title: str
    subtitle: str
    kind: Literal["title"] = "title"
    hypothetical: tuple[str, ...] = ()
    """Every hypothetical source the deck shows (see :class:`HypotheticalData`)."""
    notice: str = ""
    """With hypothetical sources: the sentence saying the deck contains hypothetical results."""
    notes: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True)
class RecapSlide:
    """Last week's takeaways (or where things stand), then the jargon; split over pages when long."""

    slide_id: str
    title: str
    takeaways: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]
    source: str | None
    """The spec the takeaways were pulled from, relative to this spec."""
    font_size: float
    kind: Literal["recap"] = "recap"
    hypothetical: tuple[str, ...] = ()
    """The hypothetical sources behind the slide's numbers (see :class:`HypotheticalData`)."""
    notes: str = ""


@dataclass(frozen=True)
class PointRow:
    """One plotted point as text: the notes' line and the reports' table row."""

    x: str
    """The x category's display name (or the number, on a line chart)."""
    series: str | None
    value: str
    """45.0% for rates, 4 significant digits for means."""
    lo: str | None
    hi: str | None
    """The interval's bounds, formatted like ``value``; None without error bars."""
    n: int | None
    """Samples behind the point; None when a pre-aggregated table does not say."""

    @property
    def line(self) -> str:
        """``x / series: value [lo, hi], n = N``, as the speaker notes list it."""
        name = f"{self.x} / {self.series}" if self.series else self.x
        interval = "" if self.lo is None else f" [{self.lo}, {self.hi}]"
        n = "n not given" if self.n is None else f"n = {self.n:,}"
        return f"{name}: {self.value}{interval}, {n}"


POINTS_HEADING = "Points (value [lo, hi], n):"


@dataclass(frozen=True)
class ChartSlide:
    slide_id: str
    headline: str
    headline_lines: int
    """How many lines the headline wraps to; the chart gets the space below it."""
    chart: ChartPlan
    footer: str
    notes: str
    links: tuple[Link, ...]
    spec_index: int
    """Position of the slide in the spec's ``slides`` list (for lint and errors)."""
    takeaway: str | None
    is_backup: bool = False
    subtitle: str | None = None
    """A line under the headline (backup slides say which result they break down)."""
    hidden: tuple[str, ...] = ()
    """Categories ``show`` leaves out of this chart (they appear on the backup slides)."""
    comparisons: tuple[Comparison, ...] = ()
    """``compare:``'s differences, one per group (empty without ``compare``)."""
    comparison: str | None = None
    """The difference in one line, shown just above the footer."""
    constant_per_unit: ConstantPerUnit | None = None
    """Set when y is the same in every row of each unit (see :func:`slidekit.data.sanity.constant_within_units`)."""
    points: tuple[PointRow, ...] = ()
    """Every plotted number, in the chart's order; the deck's notes end with them, the reports
    show them as a table."""
    kind: Literal["chart"] = "chart"
    hypothetical: tuple[str, ...] = ()
    """The hypothetical sources behind the slide's numbers: its chart's table, and any table its
    text quotes (see :class:`HypotheticalData`). Such a slide carries a HYPOTHETICAL banner."""

    @property
    def speaker_notes(self) -> str:
        """The notes as the deck shows them: ``notes``, then a line per point."""
        if not self.points:
            return self.notes
        return "\n".join([self.notes, POINTS_HEADING, *(p.line for p in self.points)]).lstrip("\n")

    @property
    def chart_box(self) -> layout.Box:
        """Where the chart image goes, in inches (the chart is drawn at exactly this size)."""
        return layout.body_box(
            self.headline_lines, has_subtitle=self.subtitle is not None, footer=True,
            comparison=self.comparison is not None,
        )


@dataclass(frozen=True)
class Span:
    """A piece of prompt text: plain, a highlighted span, or a chat role label."""

    text: str
    style: Literal["plain", "highlight", "role"] = "plain"


@dataclass(frozen=True)
class PromptSlide:
    """One page of a prompt, already wrapped into lines of spans."""

    slide_id: str
    title: str
    lines: tuple[tuple[Span, ...], ...]
    font_size: float
    page: int
    pages: int
    notes: str
    spec_index: int
    kind: Literal["prompt"] = "prompt"
    hypothetical: tuple[str, ...] = ()
    """The hypothetical sources behind the slide (a prompt taken from such a table, quoted numbers)."""


@dataclass(frozen=True)
class BulletSlide:
    slide_id: str
    title: str
    bullets: tuple[str, ...]
    font_size: float
    notes: str
    spec_index: int
    kind: Literal["bullets"] = "bullets"
    hypothetical: tuple[str, ...] = ()
    """The hypothetical sources of the numbers the bullets quote."""


@dataclass(frozen=True)
class SectionSlide:
    slide_id: str
    title: str
    subtitle: str = ""
    kind: Literal["section"] = "section"


SlidePlan = Union[TitleSlide, RecapSlide, ChartSlide, PromptSlide, BulletSlide, SectionSlide]


@dataclass(frozen=True)
class LookPlan:
    """How the deck looks: the lab's template (or the built-in one), its fonts, the chart colours."""

    template: Path | None = None
    """The template .pptx whose masters, layouts and slide size the deck uses; None: built-in 16:9."""
    heading_font: str = layout.BODY_FONT
    """Headlines and titles (the theme's major font)."""
    body_font: str = layout.BODY_FONT
    """Everything else but prompts, which stay monospace (the theme's minor font)."""
    palette: tuple[str, ...] = ()
    """The series colours, in order (already applied to every :class:`ChartPlan`)."""


@dataclass(frozen=True)
class DeckPlan:
    title: str
    author: str
    date: dt.date | None
    slides: tuple[SlidePlan, ...]
    takeaways: tuple[str, ...]
    """This week's takeaways (what next week's recap will pull)."""
    look: LookPlan = LookPlan()
    """The template, fonts and colours."""
    hypothetical: tuple[HypotheticalData, ...] = ()
    """The made-up data the deck shows, if any: then every slide using it is marked."""
    hypothetical_takeaways: tuple[bool, ...] = ()
    """For each of ``takeaways``: does it rest on hypothetical data?"""
