"""takeaway-off-chart: a takeaway that mentions nothing the chart shows.

Tip 3: one graph, one story; the headline tells the story of *this* chart. A
takeaway is off the chart when none of its words appears among the words the
chart itself shows: its axis labels, its legend title and categories, its x
values and its callout text. Words are compared loosely (cue/cues,
articulate/articulated, val/validation, calibrated/calibration; common words
such as "the" or "more" do not count), so a takeaway that names the measure,
a category or an x value passes. What remains is a takeaway copied from
another slide, or a vague one ("Scaling helps") over axes the mentor must
decode. Fix the takeaway, or name the axes in its words (``x_label:``,
``y_label:``). Points at ``takeaway``.

Only a takeaway sharing no word at all is flagged: whether a takeaway that
does share words says something *true* about the chart is not checked, since
that cannot be judged reliably from words.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem
from slidekit.lint.words import content_words, plain, same_word
from slidekit.plan.chart import display

ID = "takeaway-off-chart"
SEVERITY = "warning"


def chart_words(chart) -> set[str]:
    """The words a chart slide shows: axis labels, legend, categories, x values, callout."""
    plan = chart.slide.chart
    shown = [plan.x_label, plan.y_label, plan.legend_title or ""]
    shown += [s for s in plan.series if s is not None]
    shown += [display(x) for x in plan.x_values] + list(plan.x_labels)
    if chart.spec.callout is not None:
        shown.append(chart.spec.callout.text)
    return set().union(*(content_words(text) for text in shown))


def check(context):
    for chart in context.charts:
        if not chart.spec.takeaway:
            continue
        words = content_words(plain(chart.spec.takeaway))
        if not words:
            continue
        on_chart = chart_words(chart)
        if any(same_word(w, c) for w in words for c in on_chart):
            continue
        plan = chart.slide.chart
        yield Problem(
            chart.path("takeaway"),
            f"the takeaway mentions nothing chart {chart.spec.chart!r} shows ({plan.y_label} by "
            f"{plan.x_label}): say what this chart shows, or label its axes in the takeaway's "
            "words (x_label:, y_label:)",
        )
