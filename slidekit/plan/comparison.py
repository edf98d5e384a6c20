"""Resolve a chart's ``compare:`` and say its result in words, for the slide, notes and lint.

    compare: {column: cue, a: none, b: professor, pair: question}

compares the two values of the chart's x (or colour) column within each group
of the other one: one difference per colour (or per x category), or one for a
chart without colours. The numbers come from :mod:`slidekit.data.compare`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from slidekit.errors import SlideKeyError
from slidekit.plan.model import ChartPlan, Comparison, display
from slidekit.spec.models import ChartSlideSpec

if TYPE_CHECKING:
    import pandas as pd

    from slidekit.data.tables import Table
    from slidekit.plan.chart import Shaping


def group_column(slide: ChartSlideSpec) -> str | None:
    """The column whose values are compare's groups: the chart's other category column."""
    assert slide.compare is not None
    if slide.compare.column == slide.x:
        return slide.color
    return slide.x


def resolve_comparisons(
    slide: ChartSlideSpec, table: Table, frame: pd.DataFrame, chart: ChartPlan, shaping: Shaping
) -> tuple[Comparison, ...]:
    """compare's difference in each group of ``chart``, in the chart's order, Holm-adjusted."""
    from slidekit.data.compare import Contrast, differences
    from slidekit.data.differences import holm_adjusted
    from slidekit.data.points import unit_words
    from slidekit.errors import DataError
    from slidekit.plan.chart import same_value

    spec = slide.compare
    allowed = [slide.x] + ([slide.color] if slide.color else [])
    if spec.column not in allowed:
        roles = ", ".join(f"{c} ({r})" for c, r in zip(allowed, ("x", "color")))
        raise SlideKeyError(
            ("compare", "column"), f"{spec.column!r} is not a column of this chart; expected one of: {roles}"
        )
    present = list(dict.fromkeys(v for v in frame[spec.column].dropna()))

    def actual(key: str) -> object:
        wanted = getattr(spec, key)
        for value in present:
            if same_value(wanted, value) or str(wanted) == shaping.label(spec.column, value):
                return value
        values = ", ".join(display(v) for v in present[:20])
        raise SlideKeyError(
            ("compare", key), f"{display(wanted)!r} is not a value of {spec.column} (values: {values})"
        )

    a, b = actual("a"), actual("b")
    if same_value(a, b):
        raise SlideKeyError(("compare", "b"), f"compares {display(a)!r} with itself; expected two different values")
    if spec.pair and spec.pair not in frame.columns:
        from slidekit.plan.chart import _missing_column

        raise SlideKeyError(("compare", "pair"), _missing_column(spec.pair, table, frame))
    group = group_column(slide)
    contrast = Contrast(spec.column, a, b, spec.pair, unit_words(spec.pair) if spec.pair else "pairs")
    try:
        found = differences(frame, slide.y, contrast, group, shaping.level, shaping.cluster)
    except DataError as exc:
        raise SlideKeyError(("compare", "pair" if spec.pair else "column"), str(exc)) from None
    ordered = _in_chart_order(found, chart, group, slide, shaping)
    adjusted = holm_adjusted([d.p for _, d in ordered])
    return tuple(
        Comparison(
            group=None if group is None else shaping.label(group, value),
            group_value=value,
            a=shaping.label(spec.column, a),
            b=shaping.label(spec.column, b),
            estimate=d.estimate, lo=d.lo, hi=d.hi, p=d.p, p_holm=p_holm, n=d.n, n_a=d.n_a, n_b=d.n_b,
            unmatched=d.unmatched, paired=d.paired, method=d.method, mde=d.mde,
            measure=chart.measure, pair_unit=contrast.pair_unit if spec.pair else None,
        )
        for (value, d), p_holm in zip(ordered, adjusted)
    )


def _in_chart_order(found, chart: ChartPlan, group, slide: ChartSlideSpec, shaping: Shaping) -> list:
    """Groups in the order the chart shows them (legend or x order); groups it hides last."""
    from slidekit.plan.chart import same_value

    if group is None:
        return found
    if group == slide.color:
        order = [s for s in chart.series]
        rank = lambda value: _index(order, shaping.label(group, value))  # noqa: E731
    else:
        rank = lambda value: _index(  # noqa: E731
            [x for x in chart.x_values], next((x for x in chart.x_values if same_value(x, value)), None)
        )
    return sorted(found, key=lambda item: rank(item[0]))


def _index(values: list, value: object) -> int:
    return values.index(value) if value in values else len(values)


# --- in words -------------------------------------------------------------------------------


def amount(comparison: Comparison, value: float) -> str:
    """A difference in the chart's units: rates in percentage points ("-19.2 pts")."""
    if comparison.measure == "rate":
        return f"{value * 100:+.1f} pts".replace("-", "\u2212")
    return f"{value:+.3g}".replace("-", "\u2212")


def bound(comparison: Comparison, value: float) -> str:
    if comparison.measure == "rate":
        return f"{value * 100:.1f}".replace("-", "\u2212")
    return f"{value:.3g}".replace("-", "\u2212")


def p_text(p: float | None) -> str:
    if p is None:
        return "p not computed"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def design(comparison: Comparison) -> str:
    """How the two sides were compared, briefly: "paired over 40 questions"."""
    if comparison.paired:
        return f"paired over {comparison.n:,} {comparison.pair_unit}"
    return f"unpaired, n = {comparison.n_a:,} vs {comparison.n_b:,}"


def one_line(comparison: Comparison, with_group: bool = False) -> str:
    """The difference as a mentor reads it on the slide.

    "professor cue - no cue: -75.0 pts [-97.4, -52.6], paired over 16 questions, p < 0.001"
    """
    lead = f"{comparison.b} \u2212 {comparison.a}"
    if with_group and comparison.group is not None:
        lead = f"{comparison.group}: {lead}"
    if math.isnan(comparison.estimate):
        return f"{lead}: no rows to compare"
    text = f"{lead}: {amount(comparison, comparison.estimate)}"
    if comparison.lo is not None:
        text += f" [{bound(comparison, comparison.lo)}, {bound(comparison, comparison.hi)}]"
    text += f", {design(comparison)}"
    if comparison.p is not None:
        text += f", {p_text(comparison.p)}"
    else:
        text += ", too few samples for an interval"
    return text


def slide_line(comparisons: tuple[Comparison, ...], target_group: object = None) -> str | None:
    """The comparison line under the chart: the callout's group, or every group when few."""
    if not comparisons:
        return None
    if len(comparisons) == 1:
        return one_line(comparisons[0])
    chosen = [c for c in comparisons if target_group is not None and c.group == target_group]
    if not chosen:
        chosen = list(comparisons[:3])
    line = " \u00b7 ".join(one_line(c, with_group=True) for c in chosen)
    others = len(comparisons) - len(chosen)
    if others:
        line += f" (+{others} more in the notes)"
    return line


def notes_lines(comparisons: tuple[Comparison, ...], level_text: str) -> list[str]:
    """The notes' account: each difference, its method, the MDE and (several groups) Holm's p."""
    if not comparisons:
        return []
    lines = [f"Comparison ({level_text} intervals):"]
    for c in comparisons:
        line = f"{one_line(c, with_group=True)}. Method: {c.method}."
        if c.mde is not None:
            line += f" Minimum detectable effect at 80% power: {amount(c, c.mde).lstrip('+')}."
        if c.unmatched:
            line += f" {c.unmatched:,} {c.pair_unit} seen under only one condition were left out."
        if len(comparisons) > 1 and c.p_holm is not None:
            line += f" Holm-adjusted over {len(comparisons)} groups: {p_text(c.p_holm)}."
        lines.append(line)
    return lines
