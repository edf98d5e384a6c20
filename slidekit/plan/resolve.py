"""Resolve a validated spec and its tables into the deck plan.

The slide sequence of a good update deck: title, recap, the results (chart,
prompt and bullet slides in the spec's order), then a "Backup" divider and the
full breakdowns, each linked to and from its main slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from slidekit import layout
from slidekit.data.tables import Table
from slidekit.errors import SlideKeyError, SlidekitError, SpecProblem
from slidekit.plan.chart_slides import plan_chart_slides, resolved_chart_data
from slidekit.plan.data_cache import NoResolvedCache, ResolvedChartCache
from slidekit.plan.look import apply_look, resolve_look
from slidekit.plan.model import (
    BulletSlide,
    ChartSlide,
    DeckPlan,
    LookPlan,
    SectionSlide,
    SlidePlan,
    TitleSlide,
)
from slidekit.plan.prompt import plan_prompt
from slidekit.plan.recap import plan_recap
from slidekit.plan.text import TextError, TextRenderer, is_template
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import BulletsSlideSpec, ChartSlideSpec, PromptSlideSpec

def resolve_plan(
    loaded: LoadedSpec,
    tables: Mapping[str, Table],
    *,
    with_recap: bool = True,
    cache: ResolvedChartCache | None = None,
) -> DeckPlan:
    """Every slide of the deck, with its numbers, in order.

    Raises :class:`SlidekitError` listing every problem found in the slides.
    ``tables`` may be a :class:`~slidekit.data.tables.LazyTables`, read only if
    a chart's data is not in ``cache``. ``with_recap=False`` skips last week's
    spec (used when this spec is itself someone's last week, so a chain of
    recaps is never followed).
    """
    spec = loaded.spec
    cache = cache or NoResolvedCache()
    text = TextRenderer(tables)
    problems: list[SpecProblem] = []
    main: list[SlidePlan] = []
    backup: list[SlidePlan] = []
    for index, slide in enumerate(spec.slides):
        try:
            if isinstance(slide, ChartSlideSpec):
                data = resolved_chart_data(loaded, slide, tables, cache)
                chart, backups = plan_chart_slides(index, slide, data, text)
                main.append(chart)
                backup.extend(backups)
            elif isinstance(slide, PromptSlideSpec):
                path = ("slides", index)
                main.extend(
                    plan_prompt(
                        slide, index, loaded.folder, tables,
                        title=text.render(slide.title, (*path, "title")),
                        notes=text.render(slide.notes, (*path, "notes")),
                    )
                )
            elif isinstance(slide, BulletsSlideSpec):
                main.extend(_bullet_slides(slide, index, text))
        except SlideKeyError as exc:
            problems.append(loaded.source.problem(("slides", index, *exc.key), str(exc)))
        except TextError as exc:
            problems.append(loaded.source.problem(exc.path, str(exc)))
    recap: list[SlidePlan] = []
    takeaways: list[str] = []
    title = spec.title
    try:
        title = text.render(spec.title, ("title",))
        takeaways = _takeaways(loaded, main, text)
        if with_recap:
            recap = plan_recap(loaded, text.render, week_takeaways)
    except TextError as exc:
        problems.append(loaded.source.problem(exc.path, str(exc)))
    except SlidekitError as exc:
        problems.extend(exc.problems)
    look = LookPlan()
    try:
        # Last week's spec is resolved only for its takeaways: its look does not matter.
        look = resolve_look(loaded) if with_recap else look
    except SlidekitError as exc:
        problems.extend(exc.problems)
    if problems:
        raise SlidekitError(problems)
    slides: list[SlidePlan] = [_title_slide(title, spec.author, spec.date), *recap, *main]
    if backup:
        slides.append(SectionSlide("backup", "Backup", "Full breakdowns behind the results"))
        slides.extend(backup)
    plan = DeckPlan(
        title=title, author=spec.author, date=spec.date, slides=tuple(slides), takeaways=tuple(takeaways)
    )
    return apply_look(plan, look)


def _takeaways(loaded: LoadedSpec, main: list[SlidePlan], text: TextRenderer) -> list[str]:
    """This week's takeaways: the spec's list, else the chart slides' takeaways."""
    if loaded.spec.takeaways is not None:
        return [text.render(t, ("takeaways", i)) for i, t in enumerate(loaded.spec.takeaways)]
    return [s.takeaway for s in main if isinstance(s, ChartSlide) and s.takeaway]


def week_takeaways(loaded: LoadedSpec) -> list[str]:
    """Another week's takeaways as that week's deck says them (numbers from its own data)."""
    spec = loaded.spec
    raw = list(spec.takeaways) if spec.takeaways is not None else [
        s.takeaway for s in spec.slides if isinstance(s, ChartSlideSpec) and s.takeaway
    ]
    if not any(is_template(t) for t in raw):
        return raw
    from slidekit.data.tables import load_tables

    return list(resolve_plan(loaded, load_tables(loaded), with_recap=False).takeaways)


def format_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _title_slide(title: str, author: str, date: dt.date | None) -> TitleSlide:
    parts = [author] if author else []
    if date:
        parts.append(format_date(date))
    return TitleSlide("title", title, " \u00b7 ".join(parts))


def _bullet_slides(slide: BulletsSlideSpec, index: int, text: TextRenderer) -> list[BulletSlide]:
    path = ("slides", index)
    title, lines, _ = layout.fit_headline(text.render(slide.title, (*path, "title")))
    bullets = [text.render(b, (*path, "bullets", i)) for i, b in enumerate(slide.bullets)]
    box = layout.body_box(lines)
    size, pages = layout.fit_paragraphs([layout.Paragraph(b) for b in bullets], box)
    notes = text.render(slide.notes, (*path, "notes")) or ""
    return [
        BulletSlide(
            slide_id=f"bullets-{index}" + (f"-{number}" if number else ""),
            title=title if number == 0 else f"{title} (cont.)",
            bullets=tuple(p.text for p in page),
            font_size=size,
            notes=notes,
            spec_index=index,
        )
        for number, page in enumerate(pages)
    ]
