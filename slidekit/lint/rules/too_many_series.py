"""too-many-series: a chart (main or backup) with more series than distinct colour-blind-safe colours.

slidekit's palette has 12 colours a colour-blind reader can still tell apart
(Okabe-Ito, then four of Paul Tol's muted ones); past them a chart gets more
colours, never a repeat, but neighbours in hue that nobody matches to a legend.
Put the many categories on x (a breakdown backup, ``backup: [{x: column}]``),
or ``show`` the few that matter and keep the rest for backup. One finding per
chart slide, at its ``color`` key (or ``backup``, for a backup slide).
"""

from __future__ import annotations

from slidekit.lint.finding import Problem
from slidekit.plan.chart import PALETTE
from slidekit.plan.model import ChartSlide

ID = "too-many-series"
SEVERITY = "warning"


def check(context):
    for slide in context.plan.slides:
        if not isinstance(slide, ChartSlide):
            continue
        series = [s for s in slide.chart.series if s is not None]
        if len(series) <= len(PALETTE):
            continue
        spec = context.spec.slides[slide.spec_index]
        key = "backup" if slide.is_backup else "color"
        what = f"backup slide {slide.headline!r}" if slide.is_backup else f"chart {spec.chart!r}"
        yield Problem(
            ("slides", slide.spec_index, key),
            f"{what} draws {len(series)} series of {slide.chart.legend_title}: past {len(PALETTE)} "
            "colours they are hard to tell apart; put them on x instead, or show: the few that "
            "matter and keep the rest for backup",
        )
