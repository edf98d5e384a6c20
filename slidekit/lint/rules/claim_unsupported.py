"""claim-unsupported: a takeaway states a difference that the chart's comparison does not support.

"Is that difference real?" is a mentor's first question. On a chart slide
with ``compare:``, when the takeaway says one condition is more, better,
lower, hurts, beats ... than the other, and the difference's interval for the
group the callout points at (every group, without a callout) includes 0, the
data do not show the claimed difference at this level: collect more samples,
pair them (``compare.pair``), or say "no clear difference". Slides without
``compare`` are not checked (there is no difference to check against).
"""

from __future__ import annotations

import re

from slidekit.lint.finding import Problem
from slidekit.plan.comparison import one_line

ID = "claim-unsupported"
SEVERITY = "warning"

_CLAIM = re.compile(
    r"\b(more|less|fewer|better|worse|higher|lower|greater|smaller|larger|beats?|beating|beaten"
    r"|outperform\w*|underperform\w*|improv\w*|hurts?|hurting|drops?|dropped|dropping|lowers?|lowered"
    r"|raises?|raised|costs?|increas\w*|decreas\w*|reduc\w*|boosts?|boosted|exceeds?|exceeded"
    r"|gains?|gained|loses|lost|halves|halved|doubles|doubled|sways?|swayed|shifts?|shifted)\b",
    re.IGNORECASE,
)


def claims_difference(text: str) -> str | None:
    """The word in ``text`` that claims a difference, if any."""
    found = _CLAIM.search(text)
    return found.group(0) if found else None


def check(context):
    for chart in context.charts:
        slide = chart.slide
        if not slide.comparisons or not slide.takeaway:
            continue
        word = claims_difference(slide.takeaway)
        if word is None:
            continue
        for comparison in _checked(chart):
            unsupported = comparison.lo is None or comparison.lo <= 0 <= comparison.hi
            if unsupported:
                yield Problem(
                    chart.path("takeaway"),
                    f"the takeaway claims a difference ({word!r}) but {one_line(comparison, True)}: "
                    "the interval includes 0; collect more samples, pair them (compare.pair), "
                    "or say the difference is not clear",
                )


def _checked(chart):
    """The comparison of the group the callout points at; every group without a callout."""
    slide = chart.slide
    callout = slide.chart.callout
    if callout is None:
        return slide.comparisons
    point = slide.chart.points[callout.point_index]
    names = {point.series, chart.x_label(point.x)}
    chosen = [c for c in slide.comparisons if c.group is None or c.group in names]
    return chosen or slide.comparisons
