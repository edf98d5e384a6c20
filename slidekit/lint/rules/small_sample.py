"""small-sample: a drawn point with fewer samples than ``lint.min_samples`` (default 30).

A point averaged over few samples has a wide error bar (and with n = 1, none),
so any difference it shows may be noise. Checks the points of each main
chart (backup breakdowns split the same samples finer and are not checked);
one finding per chart, pointing at its ``chart`` key, naming the smallest
point. Collect more samples, pool categories, or, when a few samples are
expected (e.g. 3 seeds per training run), ``lint: {ignore: [small-sample]}``
on the slide. Points of a pre-aggregated table without an ``n`` column have no
known sample count and are not checked.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "small-sample"
SEVERITY = "warning"


def check(context):
    minimum = context.settings.min_samples
    for chart in context.charts:
        points = chart.slide.chart.points
        small = [p for p in points if p.n is not None and p.n < minimum]
        if not small:
            continue
        least = min(small, key=lambda p: p.n)
        where = f"{chart.spec.x}={chart.x_label(least.x)}"
        if least.series is not None:
            where += f", {chart.spec.color}={least.series}"
        yield Problem(
            chart.path("chart"),
            f"{len(small)} of {len(points)} points in chart {chart.spec.chart!r} have fewer than "
            f"{minimum} samples (smallest: {where} with n = {least.n}): their error bars are "
            "wide; collect more samples or pool categories",
        )
