"""Resolve a validated spec and its tables into the deck plan.

The slide sequence of a good update deck: title, recap, the results (chart,
prompt and bullet slides in the spec's order), then a "Backup" divider and the
full breakdowns, each linked to and from its main slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from functools import partial

from slidekit import layout
from slidekit.data.tables import LazyTables, Table
from slidekit.errors import SlideKeyError, SlidekitError, SpecProblem
from slidekit.plan.chart_slides import plan_chart_slides, resolved_chart_data
from slidekit.plan.data_cache import NoResolvedCache, ResolvedChartCache
from slidekit.plan.hypothetical import deck_notice, hypothetical_sources, mark, slide_sources, used_sources
from slidekit.plan.look import apply_look, resolve_look
from slidekit.plan.model import (
    BulletSlide,
    ChartSlide,
    DeckPlan,
    Link,
    LookPlan,
    SectionSlide,
    SlidePlan,
    TitleSlide,
)
from slidekit.plan.prompt import plan_prompt
from slidekit.plan.recap import plan_recap
from slidekit.plan.text import TextError, TextRenderer, is_template
from slidekit.spec.load import InvalidSpec, LoadedSpec
from slidekit.spec.models import BulletsSlideSpec, ChartSlideSpec, PromptSlideSpec, RecapSpec

def load_for_planning(path, display: str | None = None) -> LoadedSpec:
    """:func:`load_spec`, whose error on an invalid spec lists every problem planning finds too."""
    from slidekit.spec.load import load_spec

    try:
        return load_spec(path, display)
    except InvalidSpec as exc:
        raise every_problem(exc) from None


def every_problem(invalid: InvalidSpec) -> SlidekitError:
    """An invalid spec's problems with those planning its valid slides finds (tables, columns,
    categories, files), in line order: the user fixes them all in one go."""
    problems = list(invalid.problems)
    if invalid.stand_in is not None:
        try:
            resolve_plan(invalid.stand_in, LazyTables(invalid.stand_in))
        except SlidekitError as exc:
            known = {(p.line, p.key) for p in problems}
            problems += [p for p in exc.problems if (p.line, p.key) not in known]
    return SlidekitError(problems)


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
    sources = hypothetical_sources(loaded)
    for index, slide in enumerate(spec.slides):
        first_main, first_backup, first_read = len(main), len(backup), len(text.tables_read)
        try:
            if isinstance(slide, ChartSlideSpec):
                data = resolved_chart_data(loaded, slide, tables, cache)
                chart, backups = plan_chart_slides(index, slide, data, text)
                if slide.section == "backup":
                    backup.extend(_in_backup(chart, main, backups))
                else:
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
        except SlidekitError as exc:  # its table could not be read: the next slides are still checked
            problems.extend(exc.problems)
        used = slide_sources(slide, text.tables_read[first_read:], sources)
        if used:
            chart = isinstance(slide, ChartSlideSpec) and slide.chart in sources
            main[first_main:] = [mark(s, used, sources, chart=chart) for s in main[first_main:]]
            backup[first_backup:] = [mark(s, used, sources, chart=chart) for s in backup[first_backup:]]
    recap: list[SlidePlan] = []
    takeaways: list[str] = []
    marks: list[bool] = []
    title = spec.title
    try:
        title = text.render(spec.title, ("title",))
        takeaways, marks = _takeaways(loaded, main, text, sources)
        if with_recap:
            first_read = len(text.tables_read)
            recap = plan_recap(loaded, text.render, partial(_week_takeaways, sources, spec.recap))
            used = slide_sources(None, [*text.tables_read[first_read:], *_last_weeks(loaded, sources)], sources)
            recap = [mark(s, used, sources) for s in recap] if used else recap
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
    # Tables that could not be read first (the data: section comes before the
    # slides), each once, though several slides may have asked for it.
    unreadable = tables.problems if isinstance(tables, LazyTables) else []
    problems = list(dict.fromkeys([*unreadable, *problems]))
    if problems:
        raise SlidekitError(problems)
    hypothetical = used_sources([*recap, *main, *backup], sources)
    title_slide = _title_slide(title, spec.author, spec.date)
    if hypothetical:
        names = tuple(h.name for h in hypothetical)
        notice = deck_notice(names)
        notes = "\n".join(filter(None, (notice, title_slide.notes)))
        title_slide = replace(title_slide, hypothetical=names, notice=notice, notes=notes)
    slides: list[SlidePlan] = [title_slide, *recap, *main]
    if backup:
        slides.append(SectionSlide("backup", "Backup", "Full breakdowns behind the results"))
        slides.extend(backup)
    plan = DeckPlan(
        title=title, author=spec.author, date=spec.date, slides=tuple(slides), takeaways=tuple(takeaways),
        hypothetical=hypothetical, hypothetical_takeaways=tuple(marks),
    )
    return apply_look(plan, look)


def _in_backup(chart: ChartSlide, main: list[SlidePlan], backups: list[ChartSlide]) -> list[ChartSlide]:
    """A ``section: backup`` chart, linked both ways with the result slide before it, as an
    automatic breakdown is (and its own breakdowns after it)."""
    result = next((s for s in reversed(main) if isinstance(s, ChartSlide)), None)
    links = chart.links
    if result is not None:
        link = Link(f"{_short(chart.headline)} \u2192", chart.slide_id)
        main[main.index(result)] = replace(result, links=(*result.links, link))
        links = (Link("\u2190 Back to the result", result.slide_id), *links)
    return [replace(chart, is_backup=True, links=links), *backups]


def _short(headline: str, words: int = 4) -> str:
    """A link's text from a headline: its first few words."""
    parts = headline.split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")


def _takeaways(
    loaded: LoadedSpec, main: list[SlidePlan], text: TextRenderer, sources: dict[str, str]
) -> tuple[list[str], list[bool]]:
    """This week's takeaways: the spec's list, else the chart slides' takeaways; and for each,
    whether it rests on hypothetical data.

    A takeaway of the spec's list rests on hypothetical data when it is a marked chart
    slide's takeaway or quotes a hypothetical table; a plain sentence that is neither
    could summarize any result, so in a deck showing hypothetical data it is marked too.
    """
    charts = [s for s in main if isinstance(s, ChartSlide) and s.takeaway]
    if loaded.spec.takeaways is None:
        return [s.takeaway for s in charts], [bool(s.hypothetical) for s in charts]
    of_chart = {s.takeaway: bool(s.hypothetical) for s in charts}
    deck_hypothetical = any(getattr(s, "hypothetical", ()) for s in main)
    takeaways, marks = [], []
    for i, raw in enumerate(loaded.spec.takeaways):
        first_read = len(text.tables_read)
        takeaway = text.render(raw, ("takeaways", i))
        quotes = bool(slide_sources(None, text.tables_read[first_read:], sources))
        if takeaway in of_chart:
            marks.append(of_chart[takeaway] or quotes)
        else:
            marks.append(quotes if is_template(raw) else deck_hypothetical)
        takeaways.append(takeaway)
    return takeaways, marks


def _week_takeaways(sources: dict[str, str], recap: RecapSpec, week: LoadedSpec) -> list[str]:
    """Last week's takeaways (for the recap); notes in ``sources`` when its data was hypothetical."""
    used = hypothetical_sources(week)
    if used:
        sources[recap.from_] = f"last week's spec, whose results came from hypothetical data ({', '.join(used)})"
    return week_takeaways(week)


def _last_weeks(loaded: LoadedSpec, sources: dict[str, str]) -> list[str]:
    """The names in ``sources`` that are last week's spec (added by :func:`_week_takeaways`)."""
    return [name for name in sources if name not in loaded.spec.data]


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
    shown, cut = layout.fit_title(title)
    return TitleSlide("title", shown, " \u00b7 ".join(parts), notes=f"Full title: {title}" if cut else "")


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
