"""callout-target-missing: a callout whose ``at`` selects no drawn point, or several.

Tip 4: the red arrow must point at the one point that matters. ``callout.at``
names that point by its x and colour values; when they match no point, several
points, or a category that ``show`` hides, ``slidekit build`` stops with an
error. Lint reports it as a finding instead (the rest of the deck is checked
as if the callout were not there), pointing at ``at`` or at the offending
column in it, and lists the values the chart draws.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "callout-target-missing"
SEVERITY = "error"

MAX_VALUES = 8


def check(context):
    charts = {chart.index: chart for chart in context.charts}
    for index, problem in sorted(context.callout_problems.items()):
        chart = charts.get(index)
        drawn = ""
        if chart is not None:
            xs = [chart.x_label(x) for x in chart.slide.chart.x_values]
            drawn = f" (drawn: {chart.spec.x}: {_values(xs)}"
            if chart.series:
                drawn += f"; {chart.spec.color}: {_values(chart.series)}"
            drawn += ")"
        yield Problem(
            problem.path,
            f"callout: {problem.message}{drawn}; point the arrow at exactly one drawn point",
        )


def _values(values) -> str:
    shown = list(values[:MAX_VALUES])
    more = f", ... ({len(values) - MAX_VALUES} more)" if len(values) > MAX_VALUES else ""
    return ", ".join(shown) + more
