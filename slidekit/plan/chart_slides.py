"""A chart slide and its backup slides: headline, chart, footer, notes, links."""

from __future__ import annotations

from dataclasses import replace

from slidekit import layout
from slidekit.data.tables import TableFacts
from slidekit.errors import SlideKeyError
from slidekit.plan.chart import ResolvedChart, display, resolve_chart
from slidekit.plan.comparison import group_column, notes_lines, slide_line
from slidekit.plan.data_cache import ResolvedChartCache
from slidekit.plan.model import ChartPlan, ChartSlide, Link, PointRow, index_of
from slidekit.plan.text import TextRenderer
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import ChartSlideSpec


def resolved_chart_data(
    loaded: LoadedSpec, slide: ChartSlideSpec, tables, cache: ResolvedChartCache
) -> tuple[ResolvedChart, TableFacts]:
    """The chart's resolved points and its table's facts: cached, or computed from the table."""
    if slide.chart not in loaded.spec.data:
        names = ", ".join(loaded.spec.data) or "none (add a data: section)"
        raise SlideKeyError(("chart",), f"no data table {slide.chart!r}; expected one of: {names}")
    key = cache.key(loaded, slide)
    cached = cache.get(key)
    if cached is not None:
        return cached
    table = tables[slide.chart]
    value = (resolve_chart(slide, table), table.facts)
    cache.put(key, value)
    return value


def plan_chart_slides(
    index: int, slide: ChartSlideSpec, data: tuple[ResolvedChart, TableFacts], text: TextRenderer
) -> tuple[ChartSlide, list[ChartSlide]]:
    """The result slide for ``slide`` and its backup breakdowns (linked both ways)."""
    resolved, table = data
    context = (slide, resolved)
    path = ("slides", index)
    takeaway = text.render(slide.takeaway, (*path, "takeaway"), context)
    title = text.render(slide.title, (*path, "title"), context)
    user_notes = text.render(slide.notes, (*path, "notes"), context)
    main_chart = resolved.main
    if main_chart.callout is not None:
        # From the spec, not the resolved chart: cached data may carry an older text.
        callout_text = text.render(slide.callout.text, (*path, "callout", "text"), context)
        main_chart = replace(main_chart, callout=replace(main_chart.callout, text=callout_text))
    headline_text = title or takeaway or f"{slide.y} by {slide.x}"
    headline, lines, cut = layout.fit_headline(headline_text)
    main_id = f"chart-{index}"
    for_line = f"Breakdown of: {headline}"
    backups: list[ChartSlide] = []
    links: list[Link] = []
    if resolved.full is not None:
        backups.append(
            _backup_slide(f"{main_id}-all", f"Full breakdown by {slide.color}", resolved.full,
                          table, slide, index, main_id, for_line)
        )
        links.append(Link("Full breakdown \u2192", f"{main_id}-all"))
    for breakdown in resolved.breakdowns:
        backups.append(
            _backup_slide(f"{main_id}-{breakdown.key}", breakdown.headline, breakdown.chart,
                          table, slide, index, main_id, for_line)
        )
        links.append(Link(breakdown.link, f"{main_id}-{breakdown.key}"))
    notes = chart_notes(main_chart, table, slide, resolved, user_notes)
    comparison = slide_line(resolved.comparisons, _callout_group(slide, main_chart))
    if cut:
        notes = f"Full headline: {headline_text}\n{notes}"
    main = ChartSlide(
        slide_id=main_id,
        headline=headline,
        headline_lines=lines,
        chart=main_chart,
        footer=footer(main_chart, table, slide),
        notes=notes,
        points=point_rows(main_chart),
        links=tuple(links),
        spec_index=index,
        takeaway=takeaway,
        hidden=resolved.hidden,
        comparisons=resolved.comparisons,
        comparison=comparison,
        constant_per_unit=resolved.constant_per_unit,
    )
    return main, backups


def _callout_group(slide: ChartSlideSpec, chart: ChartPlan) -> str | None:
    """The display name of the compare group the callout points into, if any."""
    if slide.compare is None or chart.callout is None:
        return None
    point = chart.points[chart.callout.point_index]
    if group_column(slide) == slide.color:
        return point.series
    return chart.x_labels[index_of(chart.x_values, point.x)] if chart.x_labels else display(point.x)


def _backup_slide(
    slide_id: str, headline: str, chart: ChartPlan, table: TableFacts, slide: ChartSlideSpec,
    index: int, main_id: str, for_line: str,
) -> ChartSlide:
    # The main slide's own notes describe the main chart, so they stay there.
    headline, lines, _ = layout.fit_headline(headline)
    subtitle = layout.wrap(for_line, layout.CONTENT_WIDTH - 2 * layout.INSET_X, layout.SUBTITLE_SIZE)
    subtitle_text = subtitle[0] if len(subtitle) == 1 else subtitle[0].rstrip() + " \u2026"
    return ChartSlide(
        slide_id=slide_id,
        headline=headline,
        headline_lines=lines,
        chart=chart,
        footer=footer(chart, table, slide),
        notes=f"{for_line}\n{chart_notes(chart, table, slide, None, None)}",
        points=point_rows(chart),
        links=(Link("\u2190 Back to the result", main_id),),
        spec_index=index,
        takeaway=None,
        is_backup=True,
        subtitle=subtitle_text,
    )


def n_by_series(chart: ChartPlan) -> dict[str | None, int | None]:
    """Samples per series; None for a series whose points do not say (pre-aggregated)."""
    counts: dict[str | None, int | None] = {s: 0 for s in chart.series}
    for point in chart.points:
        known = counts.get(point.series, 0)
        counts[point.series] = None if known is None or point.n is None else known + point.n
    return counts


def _count(n: int | None) -> str:
    return "n not given" if n is None else f"{n:,}"


def _filters(table: TableFacts, slide: ChartSlideSpec) -> str:
    return " and ".join(f"({w})" if table.where and slide.where else w for w in (table.where, slide.where) if w)


def _x_name(chart: ChartPlan, point) -> str:
    return chart.x_labels[index_of(chart.x_values, point.x)] if chart.x_labels else display(point.x)


def _point_name(chart: ChartPlan, point) -> str:
    x = _x_name(chart, point)
    return f"{x} / {point.series}" if point.series else x


def footer(chart: ChartPlan, table: TableFacts, slide: ChartSlideSpec) -> str:
    """n, what the error bars mean, and the data source, for the small line under a chart."""
    ns = [p.n for p in chart.points]
    if any(n is None for n in ns):
        total = "n not given"
    elif chart.pre_aggregated:
        low, high = min(ns), max(ns)
        total = f"n = {low:,} per point" if low == high else f"n = {low:,}\u2013{high:,} per point"
    elif chart.cluster_unit is not None:
        total = _clustered_total(chart)
    else:
        total = _per_point_total(chart, ns)
    filters = _filters(table, slide)
    source = table.path + (f" ({filters})" if filters else "")
    return f"{total} \u00b7 error bars: {chart.error_method} \u00b7 data: {source}"


def _per_point_total(chart: ChartPlan, ns: list[int]) -> str:
    """n per bar first (the sum of two bars' n is neither's sample size), then the total."""
    if len(ns) == 1:
        return f"n = {ns[0]:,} samples"
    per = "per bar" if chart.kind == "bar" else "per point"
    low, high = min(ns), max(ns)
    each = f"{low:,}" if low == high else f"{low:,}\u2013{high:,}"
    return f"n = {each} {per} ({sum(ns):,} samples)"


def _level(resolved: ResolvedChart) -> str:
    from slidekit.data.points import level_percent

    return level_percent(resolved.shaping.level)


def _clustered_total(chart: ChartPlan) -> str:
    """ "n = 60 samples x 3 epochs" (equal repeats the log names), else "n = 240 rows in 40 questions"."""
    units = sum(p.clusters or 0 for p in chart.points)
    sizes = {p.cluster_size for p in chart.points}
    if chart.cluster_repeats and len(sizes) == 1 and None not in sizes:
        return f"n = {units:,} {chart.cluster_unit} \u00d7 {sizes.pop():,} {chart.cluster_repeats}"
    rows = sum(p.n or 0 for p in chart.points)
    return f"n = {rows:,} rows in {units:,} {chart.cluster_unit}"


def number(value: float, measure: str) -> str:
    """A plotted number as the notes and reports print it: 45.0% for rates, 4 digits for means."""
    return f"{value:.1%}" if measure == "rate" else f"{value:.4g}"


def point_rows(chart: ChartPlan) -> tuple[PointRow, ...]:
    """Every plotted point as text, in the chart's order."""
    def bound(value: float | None) -> str | None:
        return None if value is None else number(value, chart.measure)

    return tuple(
        PointRow(_x_name(chart, p), p.series, number(p.value, chart.measure), bound(p.lo), bound(p.hi), p.n)
        for p in chart.points
    )


def chart_notes(
    chart: ChartPlan, table: TableFacts, slide: ChartSlideSpec, resolved: ResolvedChart | None,
    user_notes: str | None,
) -> str:
    """Speaker notes: where the numbers come from and how many samples are behind them."""
    lines = [f"Data: {table.path} ({table.rows_read:,} rows)."]
    filters = _filters(table, slide)
    if filters:
        lines.append(f"Filter: {filters}.")
    counts = n_by_series(chart)
    if chart.pre_aggregated:
        per = ", ".join(f"{_point_name(chart, p)} {_count(p.n)}" for p in chart.points)
        lines.append(f"n per point (from the table): {per}.")
    elif chart.series == (None,):
        lines.append(f"n: {_count(counts[None])} samples.")
    else:
        per = ", ".join(f"{s} {_count(n)}" for s, n in counts.items())
        lines.append(f"n per {chart.legend_title}: {per}.")
    if resolved is not None and resolved.hidden:
        hidden: dict[str, int | None] = {}
        for p in resolved.aggregate.points:
            name = resolved.shaping.label(slide.color, p.series)
            if name in resolved.hidden:
                known = hidden.get(name, 0)
                hidden[name] = None if known is None or p.n is None else known + p.n
        per = ", ".join(f"{s} {_count(n)}" for s, n in hidden.items())
        lines.append(f"Hidden from this chart (see backup): {per}.")
    lines.append(f"Error bars: {chart.error_method}, per point.")
    if chart.cluster_unit is not None:
        lines.append(
            f"Intervals are clustered by {chart.cluster_unit}: the rows of one unit are not "
            "independent, so n counts units."
        )
    if resolved is not None:
        lines.extend(notes_lines(resolved.comparisons, _level(resolved)))
    single = [p for p in chart.points if p.n == 1]
    if single:
        lines.append(f"{len(single)} point(s) rest on a single sample and have no error bar.")
    if resolved is not None and resolved.aggregate.rows_dropped:
        lines.append(f"Rows with no {slide.y} value, left out: {resolved.aggregate.rows_dropped:,}.")
    if chart.callout is not None:
        point = chart.points[chart.callout.point_index]
        value = number(point.value, chart.measure)
        lines.append(
            f"Callout at {_point_name(chart, point)}: {value} ({_count(point.n) if point.n is None else f'n = {point.n:,}'})."
        )
    if user_notes:
        lines.append(user_notes)
    return "\n".join(lines)
