"""takeaway-missing: a chart slide with no takeaway.

Tip 3: one graph, one story. Every chart slide needs ``takeaway:``, the one
sentence the mentor should remember: it is the slide's headline (unless
``title:`` replaces it) and next week's recap collects it. ``title:`` alone is not
enough, since the recap never sees it. Points at the slide's ``chart`` key.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "takeaway-missing"
SEVERITY = "error"


def check(context):
    for chart in context.charts:
        if (chart.spec.takeaway or "").strip():
            continue
        instead = (
            "; title: only sets the headline, add takeaway: too (next week's recap collects it)"
            if chart.spec.title
            else ": add takeaway: with the one sentence the mentor should remember"
        )
        yield Problem(
            chart.path("chart"),
            f"chart slide {context.slide_numbers[chart.index]} ({chart.spec.chart!r}) has no "
            f"takeaway{instead} (one graph, one story)",
        )
