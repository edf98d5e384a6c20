"""too-many-categories: a chart that draws 4 or more categories (colours).

Tip 2: keep graphs simple; four or more colours on one chart is confusing.
Show the two that matter with ``show: [a, b]``; the full breakdown goes to a
backup slide automatically, in case the mentor asks. Counts the categories the
main chart draws (backup breakdowns may have more). Points at ``show`` when it
is set, else at ``color``.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "too-many-categories"
SEVERITY = "warning"

MAX_CATEGORIES = 3
MAX_NAMED = 6


def check(context):
    for chart in context.charts:
        series = chart.series
        if len(series) <= MAX_CATEGORIES:
            continue
        key = "show" if chart.spec.show is not None else "color"
        names = ", ".join(series[:MAX_NAMED]) + (", ..." if len(series) > MAX_NAMED else "")
        yield Problem(
            chart.path(key),
            f"chart {chart.spec.chart!r} draws {len(series)} categories of {chart.spec.color} "
            f"({names}): four or more colours on one chart is confusing; show the two that "
            f"matter with show: [..] and keep the rest for backup",
        )
