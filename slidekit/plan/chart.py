"""Resolve a chart slide's spec against its table: points, colours, callout, backups."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from slidekit.data.aggregate import Aggregate, aggregate
from slidekit.data.tables import Table
from slidekit.errors import DataError, SlideKeyError
from slidekit.plan.model import Callout, ChartPlan, Point
from slidekit.spec.models import ChartSlideSpec

# Okabe-Ito, colour-blind safe; red is kept for callouts, yellow last (faint on white).
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#999999", "#000000", "#F0E442",
)
CI_LEVEL = 0.95


@dataclass(frozen=True)
class ResolvedChart:
    """A chart slide's main chart and the full breakdowns that go to backup."""

    main: ChartPlan
    hidden: tuple[str, ...]
    """Series left out of the main chart by ``show``."""
    full: ChartPlan | None
    """All series, when ``show`` hides some (and backups are on)."""
    by_column: tuple[tuple[str, ChartPlan], ...]
    """``backup: [column]`` copies: the same chart coloured by that column."""
    aggregate: Aggregate


def same_value(wanted: object, actual: object) -> bool:
    """Does a value from the spec name a value from the data?

    YAML and the data file may type the same value differently ("2000" vs
    2000, 2000 vs 2000.0, yes vs "Yes"), so numbers compare as numbers and
    everything else as text.
    """
    if isinstance(wanted, bool) or isinstance(actual, bool):
        truthy = {"true", "yes", "on", "1"}
        falsy = {"false", "no", "off", "0"}
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
        return float(str(value))
    except ValueError:
        return None


def display(value: object) -> str:
    """How a category value reads on a slide: 2000.0 -> "2000"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def humanize(column: str) -> str:
    return column.replace("_", " ")


def resolve_chart(slide: ChartSlideSpec, table: Table) -> ResolvedChart:
    """Check the slide's columns and values against ``table`` and build its charts.

    Raises :class:`SlideKeyError` naming the slide key that is wrong.
    """
    frame = table.frame
    for key in ("x", "y", "color"):
        column = getattr(slide, key)
        if column is not None and column not in frame.columns:
            raise SlideKeyError((key,), _missing_column(column, table))
    if slide.kind == "line" and not pd.api.types.is_numeric_dtype(frame[slide.x]):
        raise SlideKeyError(("x",), f"a line chart needs a numeric x; column {slide.x!r} is text")
    try:
        agg = aggregate(frame, slide.x, slide.y, slide.color, CI_LEVEL)
    except DataError as exc:
        raise SlideKeyError(("y",), f"column {slide.y!r} in {table.path}: {exc}") from None
    all_series = _ordered_unique(p.series for p in agg.points)
    shown = _resolve_show(slide, all_series)
    hidden = tuple(s for s in all_series if s not in shown)
    order = list(shown) + list(hidden)
    colors = dict(zip(order, _colors(len(order))))

    main = _chart_plan(slide, agg, shown, colors, slide.color)
    main = _with_callout(slide, main, agg, hidden)
    full = None
    backups = slide.backup if slide.backup is not False else []
    if hidden and slide.backup is not False:
        full = _chart_plan(slide, agg, tuple(order), colors, slide.color)
    by_column = []
    for i, column in enumerate(backups if isinstance(backups, list) else []):
        if column not in frame.columns:
            raise SlideKeyError(("backup", i), _missing_column(column, table))
        if column == slide.color and full is not None:
            continue
        column_agg = aggregate(frame, slide.x, slide.y, column, CI_LEVEL)
        series = _ordered_unique(p.series for p in column_agg.points)
        column_colors = dict(zip(series, _colors(len(series))))
        by_column.append((column, _chart_plan(slide, column_agg, series, column_colors, column)))
    return ResolvedChart(main, hidden, full, tuple(by_column), agg)


def _missing_column(column: str, table: Table) -> str:
    columns = ", ".join(map(str, table.frame.columns))
    return f"column {column!r} not in {table.name} (columns: {columns})"


def _ordered_unique(values) -> tuple:
    return tuple(dict.fromkeys(values))


def _colors(count: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(count)]


def _resolve_show(slide: ChartSlideSpec, all_series: tuple) -> tuple:
    if slide.show is None:
        return all_series
    if slide.color is None:
        raise SlideKeyError(("show",), "show: needs color: (the column whose categories to show)")
    shown = []
    for i, wanted in enumerate(slide.show):
        match = next((s for s in all_series if same_value(wanted, s)), None)
        if match is None:
            values = ", ".join(display(s) for s in all_series)
            raise SlideKeyError(
                ("show", i), f"{display(wanted)!r} is not a value of {slide.color} (values: {values})"
            )
        if match not in shown:
            shown.append(match)
    return tuple(shown)


def _chart_plan(
    slide: ChartSlideSpec, agg: Aggregate, series: tuple, colors: dict, color_column: str | None
) -> ChartPlan:
    keep = set(series)
    points = tuple(
        Point(
            x=p.x,
            series=None if p.series is None else display(p.series),
            n=p.n,
            value=p.value,
            lo=p.lo,
            hi=p.hi,
        )
        for p in agg.points
        if p.series in keep
    )
    x_values = _ordered_unique(p.x for p in points)
    if slide.kind == "line":
        x_values = tuple(sorted(x_values))
    if slide.color is None and color_column is None:
        series_names: tuple = (None,)
        series_colors: tuple = (PALETTE[0],)
    else:
        series_names = tuple(display(s) for s in series)
        series_colors = tuple(colors[s] for s in series)
    order = {(display(s) if s is not None else None): i for i, s in enumerate(series)}
    x_order = {x: i for i, x in enumerate(x_values)}
    points = tuple(sorted(points, key=lambda p: (x_order[p.x], order.get(p.series, 0))))
    return ChartPlan(
        kind=slide.kind,
        x_label=slide.x_label or humanize(slide.x),
        y_label=slide.y_label or _default_y_label(slide.y, agg.measure),
        x_values=x_values,
        series=series_names,
        colors=series_colors,
        points=points,
        measure=agg.measure,
        callout=None,
        error_method=_error_method(agg.measure, points),
        legend_title=humanize(color_column) if color_column else None,
    )


def _default_y_label(column: str, measure: str) -> str:
    return f"{humanize(column)} (% of samples)" if measure == "rate" else humanize(column)


def _error_method(measure: str, points: tuple[Point, ...]) -> str:
    level = f"{CI_LEVEL:.0%}"
    if measure == "rate":
        return f"{level} Wilson score interval"
    method = f"{level} interval, mean \u00b1 1.96 standard errors"
    if any(p.n < 2 for p in points):
        method += "; points with n = 1 have no bar"
    return method


def _with_callout(slide: ChartSlideSpec, chart: ChartPlan, agg: Aggregate, hidden: tuple) -> ChartPlan:
    if slide.callout is None:
        return chart
    at = slide.callout.at
    allowed = {slide.x: "x"} | ({slide.color: "color"} if slide.color else {})
    for key in at:
        if key not in allowed:
            names = ", ".join(f"{column} ({role})" for column, role in allowed.items())
            raise SlideKeyError(
                ("callout", "at", key),
                f"{key!r} is not a column of this chart; expected one of: {names}",
            )
    selector = ", ".join(f"{k}={display(v)}" for k, v in at.items())
    matches = [
        p for p in agg.points
        if same_value(at.get(slide.x, p.x), p.x)
        and (slide.color is None or same_value(at.get(slide.color, p.series), p.series))
    ]
    if not matches:
        raise SlideKeyError(("callout", "at"), f"{selector} matches no point of the chart")
    if len(matches) > 1:
        missing = [k for k in allowed if k not in at]
        hint = f"; add {' and '.join(missing)} to pick one" if missing else ""
        raise SlideKeyError(
            ("callout", "at"), f"{selector} matches {len(matches)} points, expected one{hint}"
        )
    target = matches[0]
    if target.series in hidden:
        raise SlideKeyError(
            ("callout", "at"),
            f"{selector} points at {display(target.series)!r}, which show: hides from the chart",
        )
    index = next(
        i for i, p in enumerate(chart.points)
        if p.x == target.x and p.series == (None if target.series is None else display(target.series))
    )
    return replace(chart, callout=Callout(index, slide.callout.text))


