"""What a lint rule sees: the spec, its tables and the resolved plan, pre-digested.

Rules read :class:`LintContext` and yield :class:`~slidekit.lint.finding.Problem`
objects naming a spec key; they never touch YAML positions, settings or output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from slidekit.data.tables import Table
from slidekit.lint.finding import KeyPath, Problem
from slidekit.lint.words import plain
from slidekit.plan.chart import display
from slidekit.plan.model import ChartSlide, DeckPlan, RecapSlide
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import (
    BulletsSlideSpec,
    ChartSlideSpec,
    DeckSpec,
    LintSpec,
)


@dataclass(frozen=True)
class ChartView:
    """One result slide: its spec and its main chart as planned."""

    index: int
    """Position in the spec's ``slides`` list."""
    spec: ChartSlideSpec
    slide: ChartSlide

    def path(self, *keys: str | int) -> KeyPath:
        """The key path of ``keys`` on this slide, e.g. ``path("show")``."""
        return ("slides", self.index, *keys)

    @property
    def series(self) -> tuple[str, ...]:
        """The categories the main chart draws (empty for a chart without colours)."""
        return tuple(s for s in self.slide.chart.series if s is not None)

    def x_label(self, x: object) -> str:
        """How the chart names the x value ``x`` (after ``labels:``)."""
        plan = self.slide.chart
        labels = dict(zip(plan.x_values, plan.x_labels))
        return labels.get(x) or display(x)

    @property
    def hidden(self) -> tuple[str, ...]:
        """The categories ``show`` leaves out of the main chart, named as the planner names them."""
        return self.slide.hidden


@dataclass(frozen=True)
class Text:
    """A piece of text the audience reads, and the spec key it comes from."""

    path: KeyPath
    text: str
    """The text with any ``{{ ... }}`` template replaced by a number (see :func:`plain`)."""
    what: str
    """How to name it in a message: "title", "headline", "takeaway", "callout text", ..."""


@dataclass(frozen=True)
class LintContext:
    """Everything the rules check, for one spec."""

    loaded: LoadedSpec
    tables: Mapping[str, Table]
    plan: DeckPlan
    callout_problems: Mapping[int, Problem]
    """Callouts the planner could not place (slide index -> problem); planned without them."""

    @property
    def spec(self) -> DeckSpec:
        return self.loaded.spec

    @property
    def settings(self) -> LintSpec:
        return self.loaded.spec.lint

    def ignores(self, rule_id: str, index: int) -> bool:
        """Does slide ``index`` of the spec switch ``rule_id`` off (``lint: {ignore: [...]}``)?"""
        slide_lint = getattr(self.spec.slides[index], "lint", None)
        return slide_lint is not None and rule_id in slide_lint.ignore

    @cached_property
    def slide_numbers(self) -> dict[int, int]:
        """Spec slide index -> number of its (first) slide in the built deck, from 1."""
        numbers: dict[int, int] = {}
        for number, slide in enumerate(self.plan.slides, start=1):
            index = getattr(slide, "spec_index", None)
            if index is not None and not getattr(slide, "is_backup", False):
                numbers.setdefault(index, number)
        return numbers

    def slide_of(self, path: KeyPath) -> int | None:
        """The number in the built deck of the slide showing the key at ``path``, if one does.

        ``title`` is on the title slide, ``recap`` on the (first) recap slide, a
        key under ``slides[i]`` on that slide's first page; deck-wide keys are on none.
        """
        if path and path[0] == "title":
            return 1
        if path and path[0] == "recap":
            return next(
                (n for n, s in enumerate(self.plan.slides, 1) if isinstance(s, RecapSlide)), None
            )
        if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
            return self.slide_numbers.get(path[1])
        return None

    @cached_property
    def charts(self) -> tuple[ChartView, ...]:
        """The result slides (main charts only, not their backup breakdowns), in order."""
        views = []
        for slide in self.plan.slides:
            if isinstance(slide, ChartSlide) and not slide.is_backup:
                spec = self.spec.slides[slide.spec_index]
                views.append(ChartView(slide.spec_index, spec, slide))
        return tuple(views)

    @cached_property
    def recap_takeaways(self) -> tuple[str, ...]:
        """The takeaways the recap shows: last week's, then the extra ones."""
        return tuple(t for s in self.plan.slides if isinstance(s, RecapSlide) for t in s.takeaways)

    @cached_property
    def texts(self) -> tuple[Text, ...]:
        """Every headline, takeaway, callout and bullet the audience reads, in spec order.

        Last week's takeaways shown on the recap have no line here; they point
        at ``recap.from``. Prompts and speaker notes are not included.
        """
        spec = self.spec
        texts = [Text(("title",), spec.title, "title")]
        texts += [Text(("takeaways", i), t, "takeaway") for i, t in enumerate(spec.takeaways or [])]
        if spec.recap is not None:
            extra = [
                Text(("recap", "takeaways", i), t, "recap bullet")
                for i, t in enumerate(spec.recap.takeaways)
            ]
            pulled = set(self.recap_takeaways) - {plain(t) for t in spec.recap.takeaways}
            texts += [
                Text(("recap", "from"), t, "recap bullet")
                for t in self.recap_takeaways
                if t in pulled
            ]
            texts += extra
        for i, slide in enumerate(spec.slides):
            texts += _slide_texts(i, slide)
        return tuple(Text(t.path, plain(t.text), t.what) for t in texts)


def _slide_texts(index: int, slide) -> list[Text]:
    at = ("slides", index)
    texts = []
    if slide.title:
        texts.append(Text((*at, "title"), slide.title, "headline"))
    if isinstance(slide, ChartSlideSpec):
        if slide.takeaway:
            texts.append(Text((*at, "takeaway"), slide.takeaway, "takeaway"))
        if slide.callout is not None and slide.callout.text:
            texts.append(Text((*at, "callout", "text"), slide.callout.text, "callout text"))
    elif isinstance(slide, BulletsSlideSpec):
        texts += [Text((*at, "bullets", j), b, "bullet") for j, b in enumerate(slide.bullets)]
    return texts
