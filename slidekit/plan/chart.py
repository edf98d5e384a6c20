"""Resolve a chart slide's spec against its table: points, colours, callout, backups."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from typing import TYPE_CHECKING

from slidekit.data.points import BUILT_IN_METHODS, Aggregate, Clustering, PointStats, unit_words
from slidekit.data.query import apply_where, derive_columns
from slidekit.errors import DataError, SlideKeyError
from slidekit.plan.model import Callout, ChartPlan, Comparison, ConstantPerUnit, Point, display
from slidekit.spec.models import BreakdownSpec, ChartSlideSpec

if TYPE_CHECKING:
    import pandas as pd

    from slidekit.data.tables import Table

# Okabe-Ito (colour-blind safe; red is kept for callouts, yellow last of them, faint on
# white), then the four of Paul Tol's "muted" scheme that none of them resembles: 12 colours
# a colour-blind reader can still tell apart. A chart with more series gets further colours
# (never a repeat) and lint's too-many-series.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#999999", "#000000", "#F0E442",
    "#332288", "#117733", "#882255", "#999933",
)
DEFAULT_LEVEL = 0.95


@dataclass(frozen=True)
class Shaping:
    """A chart's effective shaping: its own settings over its table's."""

    labels: dict[str, dict]
    order: dict[str, list]
    error: str
    level: float
    n_column: str | None
    cluster: Clustering | None = None

    def label(self, column: str | None, value: object) -> str:
        """The display name of a category value."""
        for raw, label in (self.labels.get(column) or {}).items() if column else ():
            if same_value(raw, value):
                return label
        return display(value)

    def ordered(self, column: str | None, values: tuple) -> tuple:
        """``values`` with the ones listed in ``order:`` first, in that order."""
        listed = (self.order.get(column) or []) if column else []
        first = [v for wanted in listed for v in values if same_value(wanted, v)]
        first = list(dict.fromkeys(first))
        return tuple(first + [v for v in values if v not in first])


@dataclass(frozen=True)
class Breakdown:
    """One ``backup:`` entry's chart: the main chart coloured by a column, or another column on x."""

    key: str
    """Unique within the slide, for the backup slide's id: ``by-model``, ``x-task``."""
    headline: str
    link: str
    """The main slide's link to it: ``By model \u2192``."""
    chart: ChartPlan


@dataclass(frozen=True)
class ResolvedChart:
    """A chart slide's main chart and the full breakdowns that go to backup."""

    main: ChartPlan
    comparisons: tuple[Comparison, ...]
    """``compare:``'s difference per group, in the chart's order (empty without ``compare``)."""
    hidden: tuple[str, ...]
    """Display names of the series ``show`` leaves out of the main chart."""
    full: ChartPlan | None
    """All series, when ``show`` hides some (and backups are on)."""
    breakdowns: tuple[Breakdown, ...]
    """``backup:``'s charts, in the spec's order."""
    aggregate: Aggregate
    """Every point of the main chart's grouping, hidden series included (for text and notes)."""
    shaping: Shaping
    constant_per_unit: ConstantPerUnit | None = None


def same_value(wanted: object, actual: object) -> bool:
    """Does a value from the spec name a value from the data?

    YAML and the data file may type the same value differently ("2000" vs
    2000, 2000 vs 2000.0, yes vs "Yes"), so numbers compare as numbers and
    everything else as text.
    """
    if isinstance(wanted, bool) or isinstance(actual, bool):
        truthy = {"true", "yes", "on", "1", "1.0"}
        falsy = {"false", "no", "off", "0", "0.0"}
        w, a = str(wanted).lower(), str(actual).lower()
        return (w in truthy and a in truthy) or (w in falsy and a in falsy)
    wanted_num, actual_num = _as_number(wanted), _as_number(actual)
    if wanted_num is not None and actual_num is not None:
        return math.isclose(wanted_num, actual_num, rel_tol=1e-9, abs_tol=1e-12)
    return str(wanted) == str(actual)


def _as_number(value: object) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def humanize(column: str) -> str:
    return column.replace("_", " ")


def effective_shaping(slide: ChartSlideSpec, table: Table) -> Shaping:
    """The chart's own labels, order and error settings, falling back to its table's."""
    # Per column, a chart's labels add to (and override) its table's.
    labels = {
        column: {**table.spec.labels.get(column, {}), **slide.labels.get(column, {})}
        for column in {**table.spec.labels, **slide.labels}
    }
    order = {**table.spec.order, **slide.order}
    return Shaping(
        labels=labels,
        order=order,
        error=slide.error or table.spec.error or "auto",
        level=slide.ci or table.spec.ci or DEFAULT_LEVEL,
        n_column=slide.n or table.spec.n,
        cluster=_clustering(slide, table),
    )


def _clustering(slide: ChartSlideSpec, table: Table) -> Clustering | None:
    """The chart's ``cluster:``, else its table's, else what the reader knows (Inspect's epochs)."""
    for setting in (slide.cluster, table.spec.cluster):
        if setting is False:
            return None
        if setting:
            return Clustering(setting, unit_words(setting))
    if table.default_cluster is not None:
        return Clustering(*table.default_cluster)
    return None


def chart_frame(slide: ChartSlideSpec, table: Table) -> pd.DataFrame:
    """The table's rows after the chart's own derived columns and filter."""
    frame = table.frame
    try:
        frame = derive_columns(frame, slide.columns, list(table.all_columns))
    except DataError as exc:
        raise SlideKeyError(("columns", exc.args[1]), exc.args[0]) from None
    if slide.where:
        try:
            frame = apply_where(frame, slide.where, list(table.all_columns))
        except DataError as exc:
            raise SlideKeyError(("where",), str(exc)) from None
        if frame.empty:
            raise SlideKeyError(("where",), f"keeps none of the {len(table.frame):,} rows of {table.name}")
    return frame


def resolve_chart(slide: ChartSlideSpec, table: Table) -> ResolvedChart:
    """Check the slide's columns and values against ``table`` and build its charts.

    Raises :class:`SlideKeyError` naming the slide key that is wrong.
    """
    import pandas as pd

    frame = chart_frame(slide, table)
    shaping = effective_shaping(slide, table)
    for key in ("x", "y", "color"):
        column = getattr(slide, key)
        if column is not None and column not in frame.columns:
            raise SlideKeyError((key,), _missing_column(column, table, frame))
    for key in ("error", "n", "cluster"):
        column = getattr(slide, key)
        if column and column not in BUILT_IN_METHODS and column not in frame.columns:
            raise SlideKeyError((key,), _missing_column(column, table, frame))
    if slide.unit is not None and slide.unit not in frame.columns:
        raise SlideKeyError(("unit",), _missing_column(slide.unit, table, frame))
    for key in ("labels", "order"):
        for column in getattr(slide, key):
            if column not in frame.columns:
                raise SlideKeyError((key, column), _missing_column(column, table, frame))
    if slide.kind == "line" and not pd.api.types.is_numeric_dtype(frame[slide.x]):
        raise SlideKeyError(("x",), f"a line chart needs a numeric x; column {slide.x!r} is text")
    agg = _aggregate(slide, table, frame, slide.color, shaping)
    all_series = shaping.ordered(slide.color, tuple(dict.fromkeys(p.series for p in agg.points)))
    shown = _resolve_show(slide, all_series, shaping)
    hidden = tuple(s for s in all_series if s not in shown)
    order = list(shown) + list(hidden)
    colors = dict(zip(order, _colors(len(order))))

    main = _chart_plan(slide, agg, shown, colors, slide.color, shaping)
    main = _with_callout(slide, main, agg, hidden, shaping)
    comparisons = ()
    if slide.compare is not None:
        from slidekit.plan.comparison import resolve_comparisons

        comparisons = resolve_comparisons(slide, table, frame, main, shaping)
    full = None
    if hidden and slide.backup is not False:
        full = _chart_plan(slide, agg, tuple(order), colors, slide.color, shaping)
    breakdowns = []
    for i, entry in enumerate(slide.backup if isinstance(slide.backup, list) else []):
        breakdown = _breakdown(slide, table, frame, entry, i, shaping, full is not None)
        if breakdown is not None and all(b.key != breakdown.key for b in breakdowns):
            breakdowns.append(breakdown)
    hidden_names = tuple(shaping.label(slide.color, s) for s in hidden)
    return ResolvedChart(
        main, comparisons, hidden_names, full, tuple(breakdowns), agg, shaping,
        _constant_per_unit(slide, frame),
    )


def _constant_per_unit(slide: ChartSlideSpec, frame: pd.DataFrame) -> ConstantPerUnit | None:
    """Is y one value within each unit across the chart's categories (a pair-level column)?"""
    from slidekit.data.sanity import constant_within_units

    unit = slide.unit or (slide.compare.pair if slide.compare else None)
    if unit is None:
        return None
    # A comparison pairs units across its own column; otherwise units repeat across x.
    across = slide.compare.column if slide.compare and not slide.unit else slide.x
    within = slide.color if across == slide.x else slide.x
    found = constant_within_units(frame, slide.y, across, unit, within)
    if found is None:
        return None
    return ConstantPerUnit(unit, unit_words(unit), across, found.units, found.rows)


def _breakdown(
    slide: ChartSlideSpec, table: Table, frame: pd.DataFrame, entry, index: int, shaping: Shaping,
    has_full: bool,
) -> Breakdown | None:
    """The chart of ``backup[index]``; None when it would repeat the full breakdown."""
    path = ("backup", index)
    if isinstance(entry, str):
        x, color = slide.x, entry
        if color not in frame.columns:
            raise SlideKeyError(path, _missing_column(color, table, frame))
        if color == slide.color and has_full:
            return None
        key, headline = f"by-{color}", f"Breakdown by {color}"
    else:
        x = entry.x
        color = entry.color if entry.color is not None else (slide.x if x != slide.x else slide.color)
        for name, column in (("x", x), ("color", color)):
            if column is not None and column not in frame.columns:
                raise SlideKeyError((*path, name), _missing_column(column, table, frame))
        if color == x:
            raise SlideKeyError(
                (*path, "color"), f"expected a column other than x; found {color!r} for both"
            )
        key = f"x-{x}" + (f"-by-{color}" if entry.color is not None else "")
        # "Each task, by condition": the colour-by copy of the same column is "Breakdown by task"
        headline = entry.title or (f"Each {humanize(x)}, by {humanize(color)}" if color else f"Each {humanize(x)}")
    import pandas as pd

    kind = slide.kind
    if kind == "line" and not pd.api.types.is_numeric_dtype(frame[x]):
        kind = "bar"  # a line needs a numeric x; a breakdown by task is bars
    agg = _aggregate(slide, table, frame, color, shaping, x=x)
    series = shaping.ordered(color, tuple(dict.fromkeys(p.series for p in agg.points)))
    colors = dict(zip(series, _colors(len(series))))
    chart = _chart_plan(slide, agg, series, colors, color, shaping, x=x, kind=kind)
    link = f"Each {humanize(x)} \u2192" if isinstance(entry, BreakdownSpec) else f"By {color} \u2192"
    return Breakdown(key, headline, link, chart)


def _aggregate(
    slide: ChartSlideSpec, table: Table, frame: pd.DataFrame, color: str | None, shaping: Shaping,
    x: str | None = None,
) -> Aggregate:
    from slidekit.data.aggregate import aggregate

    try:
        return aggregate(
            frame, x or slide.x, slide.y, color, level=shaping.level, error=shaping.error,
            n_column=shaping.n_column, cluster=shaping.cluster,
        )
    except DataError as exc:
        key = ("error",) if "error" in str(exc) and slide.error else ("y",)
        if "cluster column" in str(exc) and slide.cluster:
            key = ("cluster",)
        raise SlideKeyError(key, f"column {slide.y!r} in {table.path}: {exc}") from None


def _missing_column(column: str, table: Table, frame: pd.DataFrame) -> str:
    from slidekit.data.query import missing_column

    columns = list(table.all_columns) + [str(c) for c in frame.columns if str(c) not in table.all_columns]
    return missing_column(column, table.name, columns)


def _colors(count: int) -> list[str]:
    """``count`` distinct colours: the palette's, then evenly spread hues past it."""
    import colorsys

    extra: list[str] = []
    step = 0
    while len(PALETTE) + len(extra) < count:
        hue = (0.07 + step * 0.618034) % 1.0  # golden-ratio steps: each new hue far from the last
        step += 1
        if hue < 0.04 or hue > 0.94:
            continue  # red is the callout's
        red, green, blue = colorsys.hls_to_rgb(hue, 0.42, 0.65)
        color = f"#{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"
        if color not in PALETTE and color not in extra:
            extra.append(color)
    return list(PALETTE[:count]) + extra


def with_palette(chart: ChartPlan, palette: tuple[str, ...]) -> ChartPlan:
    """``chart`` with the i-th colour of ``PALETTE`` replaced by the i-th of ``palette``.

    Charts are resolved (and their data cached) in the built-in colours; the
    deck's own palette (``colors:`` or the template's accents) is applied last.
    """
    if not palette or palette == PALETTE:
        return chart
    slot = {color: i for i, color in enumerate(PALETTE)}
    colors = tuple(palette[slot[c] % len(palette)] if c in slot else c for c in chart.colors)
    return replace(chart, colors=colors)


def _resolve_show(slide: ChartSlideSpec, all_series: tuple, shaping: Shaping) -> tuple:
    if slide.show is None:
        return all_series
    if slide.color is None:
        raise SlideKeyError(("show",), "show: needs color: (the column whose categories to show)")
    shown = []
    for i, wanted in enumerate(slide.show):
        match = next(
            (
                s for s in all_series
                if same_value(wanted, s) or str(wanted) == shaping.label(slide.color, s)
            ),
            None,
        )
        if match is None:
            values = ", ".join(display(s) for s in all_series)
            raise SlideKeyError(
                ("show", i), f"{display(wanted)!r} is not a value of {slide.color} (values: {values})"
            )
        if match not in shown:
            shown.append(match)
    return tuple(shown)


def _chart_plan(
    slide: ChartSlideSpec, agg: Aggregate, series: tuple, colors: dict, color_column: str | None,
    shaping: Shaping, x: str | None = None, kind: str | None = None,
) -> ChartPlan:
    """The chart of ``agg``'s points; ``x`` and ``kind`` differ from the slide's on a breakdown."""
    x_column, kind = x or slide.x, kind or slide.kind
    keep = set(series)
    members = [p for p in agg.points if p.series in keep]
    x_values = tuple(dict.fromkeys(p.x for p in members))
    x_values = tuple(sorted(x_values)) if kind == "line" else shaping.ordered(x_column, x_values)
    if color_column is None:
        series_names: tuple = (None,)
        series_colors: tuple = (PALETTE[0],)
    else:
        series_names = tuple(shaping.label(color_column, s) for s in series)
        series_colors = tuple(colors[s] for s in series)
    rank = {s: i for i, s in enumerate(series)}
    x_rank = {x: i for i, x in enumerate(x_values)}
    members.sort(key=lambda p: (x_rank[p.x], rank.get(p.series, 0)))
    points = tuple(
        Point(
            x=p.x,
            series=None if color_column is None else shaping.label(color_column, p.series),
            n=p.n, value=p.value, lo=p.lo, hi=p.hi, clusters=p.clusters, cluster_size=p.cluster_size,
        )
        for p in members
    )
    return ChartPlan(
        kind=kind,
        x_label=(slide.x_label if x_column == slide.x else None) or humanize(x_column),
        y_label=slide.y_label or _default_y_label(slide.y, agg.measure),
        x_values=x_values,
        series=series_names,
        colors=series_colors,
        points=points,
        measure=agg.measure,
        callout=None,
        error_method=agg.method,
        legend_title=humanize(color_column) if color_column else None,
        x_labels=tuple(shaping.label(x_column, value) for value in x_values),
        pre_aggregated=agg.pre_aggregated,
        zero_width=sum(
            1 for p in members
            if p.lo is not None and p.lo == p.hi and p.value in (0.0, 1.0) and agg.zero_width
        ),
        cluster_unit=shaping.cluster.unit if agg.cluster else None,
        cluster_repeats=shaping.cluster.repeats if agg.cluster else None,
    )


def _default_y_label(column: str, measure: str) -> str:
    return f"{humanize(column)} (% of samples)" if measure == "rate" else humanize(column)


def select_point(
    slide: ChartSlideSpec, points: tuple[PointStats, ...], selector: dict, shaping: Shaping
) -> PointStats:
    """The one point ``selector`` (column -> value or label) names; ValueError says why not."""
    allowed = {slide.x: "x"} | ({slide.color: "color"} if slide.color else {})
    for key in selector:
        if key not in allowed:
            names = ", ".join(f"{column} ({role})" for column, role in allowed.items())
            raise KeyError(key, f"{key!r} is not a column of this chart; expected one of: {names}")

    def matches(column: str, value: object) -> bool:
        if column not in selector:
            return True
        wanted = selector[column]
        return same_value(wanted, value) or str(wanted) == shaping.label(column, value)

    found = [
        p for p in points
        if matches(slide.x, p.x) and (slide.color is None or matches(slide.color, p.series))
    ]
    text = ", ".join(f"{k}={display(v)}" for k, v in selector.items())
    if not found:
        raise ValueError(f"{text} matches no point of the chart")
    if len(found) > 1:
        missing = [k for k in allowed if k not in selector]
        hint = f"; add {' and '.join(missing)} to pick one" if missing else ""
        raise ValueError(f"{text} matches {len(found)} points, expected one{hint}")
    return found[0]


def _with_callout(
    slide: ChartSlideSpec, chart: ChartPlan, agg: Aggregate, hidden: tuple, shaping: Shaping
) -> ChartPlan:
    if slide.callout is None:
        return chart
    at = slide.callout.at
    try:
        target = select_point(slide, agg.points, at, shaping)
    except KeyError as exc:
        raise SlideKeyError(("callout", "at", exc.args[0]), exc.args[1]) from None
    except ValueError as exc:
        raise SlideKeyError(("callout", "at"), str(exc)) from None
    if target.series in hidden:
        text = ", ".join(f"{k}={display(v)}" for k, v in at.items())
        label = shaping.label(slide.color, target.series)
        raise SlideKeyError(
            ("callout", "at"), f"{text} points at {label!r}, which show: hides from the chart"
        )
    label = None if target.series is None else shaping.label(slide.color, target.series)
    index = next(i for i, p in enumerate(chart.points) if p.x == target.x and p.series == label)
    return replace(chart, callout=Callout(index, slide.callout.text))
