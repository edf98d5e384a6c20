"""zero-width-interval: error bars of no width at 0% or 100%.

A rate of 0/30 or 30/30 is not known exactly: with 30 samples the true rate
may well be 10%. The Student-t interval, the bootstrap and a standard-error
column (sqrt(p(1 - p) / n)) all collapse to nothing there, so the bar says
"certain" where the data say "at most about 12%". The Wilson interval (the
default for 0/1 columns, ``error: auto``) stays honest at the edges. One
finding per main chart, pointing at its ``error`` key (or ``chart``).
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "zero-width-interval"
SEVERITY = "warning"


def check(context):
    for chart in context.charts:
        count = chart.slide.chart.zero_width
        if not count:
            continue
        key = "error" if chart.spec.error else "chart"
        if chart.slide.chart.pre_aggregated:
            fix = ("chart the per-sample rows instead, whose default Wilson interval is honest "
                   "at the edges")
        else:
            fix = "use error: wilson (the default for 0/1 columns), which is honest at the edges"
        yield Problem(
            chart.path(key),
            f"{count} point(s) in chart {chart.spec.chart!r} are at 0% or 100% with a zero-width "
            f"error bar ({chart.slide.chart.error_method.split(';')[0]}); {fix}",
        )
