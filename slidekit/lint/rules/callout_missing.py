"""callout-missing: a chart with nothing highlighted.

Tip 4: highlight what to look at, e.g. a red arrow saying "Model loss goes
down - that's what we want!". A chart slide without ``callout:`` leaves the
mentor to find the point that matters alone. Points at the slide's ``chart`` key.
(A callout that is written but selects no point is ``callout-target-missing``.)
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "callout-missing"
SEVERITY = "warning"


def check(context):
    for chart in context.charts:
        if chart.spec.callout is not None:
            continue
        columns = [chart.spec.x] + ([chart.spec.color] if chart.spec.color else [])
        at = ", ".join(f"{column}: ..." for column in columns)
        yield Problem(
            chart.path("chart"),
            f"chart {chart.spec.chart!r} highlights nothing: add callout: {{at: {{{at}}}, "
            'text: "..."}, a red arrow on the point that matters saying what to see there',
        )
