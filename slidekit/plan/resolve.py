"""Resolve a validated spec and its tables into the deck plan.

The slide sequence of a good update deck: title, recap, the results (chart,
prompt and bullet slides in the spec's order), then a "Backup" divider and the
full breakdowns, each linked to and from its main slide.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from slidekit import layout
from slidekit.data.tables import Table
from slidekit.errors import SlideKeyError, SlidekitError, SpecProblem
from slidekit.plan.chart import ResolvedChart, display, resolve_chart
from slidekit.plan.model import (
    BulletSlide,
    ChartPlan,
    ChartSlide,
    DeckPlan,
    GlossaryEntry,
    Link,
    RecapSlide,
    SectionSlide,
    SlidePlan,
    TitleSlide,
)
from slidekit.plan.prompt import plan_prompt
from slidekit.spec.load import LoadedSpec, load_spec
from slidekit.spec.models import BulletsSlideSpec, ChartSlideSpec, DeckSpec, PromptSlideSpec


def resolve_plan(loaded: LoadedSpec, tables: dict[str, Table]) -> DeckPlan:
    """Every slide of the deck, with its numbers, in order.

    Raises :class:`SlidekitError` listing every problem found in the slides.
    """
    spec = loaded.spec
    problems: list[SpecProblem] = []
    main: list[SlidePlan] = []
    backup: list[SlidePlan] = []
    for index, slide in enumerate(spec.slides):
        try:
            if isinstance(slide, ChartSlideSpec):
                charts, backups = _chart_slides(loaded, index, slide, tables)
                main.extend(charts)
                backup.extend(backups)
            elif isinstance(slide, PromptSlideSpec):
                main.extend(plan_prompt(slide, index, loaded.folder))
            elif isinstance(slide, BulletsSlideSpec):
                main.extend(_bullet_slides(slide, index))
        except SlideKeyError as exc:
            problems.append(loaded.source.problem(("slides", index, *exc.key), str(exc)))
    recap: list[SlidePlan] = []
    try:
        recap = _recap_slides(loaded)
    except SlidekitError as exc:
        problems.extend(exc.problems)
    if problems:
        raise SlidekitError(problems)
    slides: list[SlidePlan] = [_title_slide(spec), *recap, *main]
    if backup:
        slides.append(SectionSlide("backup", "Backup", "Full breakdowns behind the results"))
        slides.extend(backup)
    return DeckPlan(
        title=spec.title,
        author=spec.author,
        date=spec.date,
        slides=tuple(slides),
        takeaways=tuple(takeaways_of(spec)),
    )


def takeaways_of(spec: DeckSpec) -> list[str]:
    """A week's takeaways: the explicit list, else its chart slides' takeaways."""
    if spec.takeaways is not None:
        return list(spec.takeaways)
    return [s.takeaway for s in spec.slides if isinstance(s, ChartSlideSpec) and s.takeaway]


def format_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _title_slide(spec: DeckSpec) -> TitleSlide:
    parts = [spec.author] if spec.author else []
    if spec.date:
        parts.append(format_date(spec.date))
    return TitleSlide("title", spec.title, " \u00b7 ".join(parts))


def _recap_slides(loaded: LoadedSpec) -> list[SlidePlan]:
    recap = loaded.spec.recap
    if recap is None:
        return []
    pulled: list[str] = []
    source = None
    if recap.from_:
        source = recap.from_
        pulled = _pulled_takeaways(loaded, recap.from_)
    # A bullet repeated in last week's list and the extra list is shown once.
    takeaways = list(dict.fromkeys([*pulled, *recap.takeaways]))
    glossary = [GlossaryEntry(term, definition) for term, definition in recap.jargon.items()]
    if not takeaways and not glossary:
        return []
    box = layout.body_box(1)
    paragraphs = _recap_paragraphs(takeaways, glossary)
    size, pages = layout.fit_paragraphs(paragraphs, box)
    if len(pages) > 1 and takeaways and glossary:
        # The glossary moves to its own slide before anything is split mid-list.
        size_a, pages_a = layout.fit_paragraphs(_recap_paragraphs(takeaways, []), box)
        size_b, pages_b = layout.fit_paragraphs(_recap_paragraphs([], glossary), box)
        size = min(size_a, size_b)
        pages = pages_a + pages_b
    slides = []
    for number, page in enumerate(pages):
        page_takeaways = tuple(p.text for p in page if p.bullet and not p.lead)
        page_glossary = tuple(
            GlossaryEntry(p.lead.removesuffix(": "), p.text) for p in page if p.lead
        )
        slides.append(
            RecapSlide(
                slide_id="recap" + (f"-{number}" if number else ""),
                title="Recap" if number == 0 else "Recap (cont.)",
                takeaways=page_takeaways,
                glossary=page_glossary,
                source=source,
                font_size=size,
            )
        )
    return slides


RECAP_TAKEAWAYS_HEADING = "Last week's takeaways"
RECAP_GLOSSARY_HEADING = "Terms used today"


def _recap_paragraphs(takeaways: list[str], glossary: list[GlossaryEntry]) -> list[layout.Paragraph]:
    paragraphs = []
    if takeaways:
        paragraphs.append(layout.Paragraph(RECAP_TAKEAWAYS_HEADING, bullet=False))
        paragraphs.extend(layout.Paragraph(t) for t in takeaways)
    if glossary:
        paragraphs.append(layout.Paragraph(RECAP_GLOSSARY_HEADING, bullet=False))
        paragraphs.extend(layout.Paragraph(g.definition, lead=f"{g.term}: ") for g in glossary)
    return paragraphs


def _pulled_takeaways(loaded: LoadedSpec, relative: str) -> list[str]:
    path = (loaded.folder / relative).resolve()
    if path == loaded.path.resolve():
        raise SlidekitError(
            loaded.source.problem(
                ("recap", "from"), "points at this spec itself; expected last week's spec"
            )
        )
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "no such file"
        raise SlidekitError(
            loaded.source.problem(("recap", "from"), f"{relative}: {what}; expected last week's spec")
        )
    shown = os.path.normpath(Path(loaded.name).parent / relative)
    return takeaways_of(load_spec(path, display=shown).spec)


def _bullet_slides(slide: BulletsSlideSpec, index: int) -> list[BulletSlide]:
    title, lines, _ = layout.fit_headline(slide.title)
    box = layout.body_box(lines)
    size, pages = layout.fit_paragraphs([layout.Paragraph(b) for b in slide.bullets], box)
    return [
        BulletSlide(
            slide_id=f"bullets-{index}" + (f"-{number}" if number else ""),
            title=title if number == 0 else f"{title} (cont.)",
            bullets=tuple(p.text for p in page),
            font_size=size,
            notes=slide.notes or "",
            spec_index=index,
        )
        for number, page in enumerate(pages)
    ]


def _chart_slides(
    loaded: LoadedSpec, index: int, slide: ChartSlideSpec, tables: dict[str, Table]
) -> tuple[list[ChartSlide], list[ChartSlide]]:
    table = tables.get(slide.chart)
    if table is None:
        names = ", ".join(tables) or "none (add a data: section)"
        raise SlideKeyError(("chart",), f"no data table {slide.chart!r}; expected one of: {names}")
    resolved = resolve_chart(slide, table)
    headline_text = slide.title or slide.takeaway or f"{slide.y} by {slide.x}"
    headline, lines, cut = layout.fit_headline(headline_text)
    main_id = f"chart-{index}"
    backups: list[ChartSlide] = []
    for_line = f"Breakdown of: {headline}"
    if resolved.full is not None:
        backups.append(
            _backup_slide(f"{main_id}-all", f"Full breakdown by {slide.color}", resolved.full,
                          table, slide, index, main_id, for_line)
        )
    for column, chart in resolved.by_column:
        backups.append(
            _backup_slide(f"{main_id}-by-{column}", f"Breakdown by {column}", chart,
                          table, slide, index, main_id, for_line)
        )
    links = tuple(
        Link(_link_text(b, slide), b.slide_id) for b in backups
    )
    notes = _chart_notes(resolved.main, table, slide, resolved)
    if cut:
        notes = f"Full headline: {headline_text}\n{notes}"
    main = ChartSlide(
        slide_id=main_id,
        headline=headline,
        headline_lines=lines,
        chart=resolved.main,
        footer=_footer(resolved.main, table),
        notes=notes,
        links=links,
        spec_index=index,
        takeaway=slide.takeaway,
    )
    return [main], backups


def _link_text(backup: ChartSlide, slide: ChartSlideSpec) -> str:
    if backup.slide_id.endswith("-all"):
        return "Full breakdown \u2192"
    return f"By {backup.slide_id.rsplit('-by-', 1)[1]} \u2192"


def _backup_slide(
    slide_id: str, headline: str, chart: ChartPlan, table: Table, slide: ChartSlideSpec,
    index: int, main_id: str, for_line: str,
) -> ChartSlide:
    headline, lines, _ = layout.fit_headline(headline)
    subtitle = layout.wrap(for_line, layout.CONTENT_WIDTH - 2 * layout.INSET_X, layout.SUBTITLE_SIZE)
    subtitle_text = subtitle[0] if len(subtitle) == 1 else subtitle[0].rstrip() + " \u2026"
    return ChartSlide(
        slide_id=slide_id,
        headline=headline,
        headline_lines=lines,
        chart=chart,
        footer=_footer(chart, table),
        notes=_chart_notes(chart, table, slide, None),
        links=(Link("\u2190 Back to the result", main_id),),
        spec_index=index,
        takeaway=None,
        is_backup=True,
        subtitle=subtitle_text,
    )


def _n_by_series(chart: ChartPlan) -> dict[str | None, int]:
    counts: dict[str | None, int] = {s: 0 for s in chart.series}
    for point in chart.points:
        counts[point.series] = counts.get(point.series, 0) + point.n
    return counts


def _footer(chart: ChartPlan, table: Table) -> str:
    total = sum(p.n for p in chart.points)
    source = table.path + (f" ({table.where})" if table.where else "")
    return f"n = {total:,} samples \u00b7 error bars: {chart.error_method} \u00b7 data: {source}"


def _chart_notes(
    chart: ChartPlan, table: Table, slide: ChartSlideSpec, resolved: ResolvedChart | None
) -> str:
    lines = [f"Data: {table.path} ({table.rows_read:,} rows)."]
    if table.where:
        lines.append(f"Filter: {table.where} ({len(table.frame):,} rows kept).")
    counts = _n_by_series(chart)
    if chart.series == (None,):
        lines.append(f"n: {counts[None]:,} samples.")
    else:
        per = ", ".join(f"{s} {n:,}" for s, n in counts.items())
        lines.append(f"n per {chart.legend_title}: {per}.")
    if resolved is not None and resolved.hidden:
        hidden_n = {display(p.series): 0 for p in resolved.aggregate.points if p.series in resolved.hidden}
        for p in resolved.aggregate.points:
            if p.series in resolved.hidden:
                hidden_n[display(p.series)] += p.n
        per = ", ".join(f"{s} {n:,}" for s, n in hidden_n.items())
        lines.append(f"Hidden from this chart (see backup): {per}.")
    lines.append(f"Error bars: {chart.error_method}, per point.")
    if resolved is not None and resolved.aggregate.rows_dropped:
        lines.append(f"Rows with no {slide.y} value, left out: {resolved.aggregate.rows_dropped:,}.")
    if chart.callout is not None:
        point = chart.points[chart.callout.point_index]
        value = f"{point.value:.1%}" if chart.measure == "rate" else f"{point.value:.4g}"
        lines.append(
            f"Callout at {display(point.x)}"
            + (f" / {point.series}" if point.series else "")
            + f": {value} (n = {point.n:,})."
        )
    if slide.notes:
        lines.append(slide.notes)
    return "\n".join(lines)

