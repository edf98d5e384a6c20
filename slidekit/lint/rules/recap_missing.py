"""recap-missing: a deck with results but no recap of last week's takeaways.

Tip 1: mentors run many projects at once, so open with a recap of last week's
takeaways. A deck with at least one chart slide needs a recap slide with at
least one takeaway: ``recap: {from: week11.yaml}`` pulls them from last week's
spec, ``recap.takeaways`` adds more. A recap with only a glossary does not count.

Points at ``recap`` when there is one, else at the top of the spec. For a
project's very first update there is no last week: ``lint: {ignore: [recap-missing]}``.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "recap-missing"
SEVERITY = "warning"

TIP = "mentors run many projects at once: open with a recap of last week's takeaways"


def check(context):
    if not context.charts or context.recap_takeaways:
        return
    recap = context.spec.recap
    if recap is None:
        yield Problem((), f"no recap: add recap: {{from: <last week's spec>}} ({TIP})")
    elif recap.from_:
        yield Problem(
            ("recap",),
            f"the recap has no takeaways: {recap.from_} has none, so add recap.takeaways ({TIP})",
        )
    else:
        yield Problem(
            ("recap",),
            f"the recap has no takeaways: add recap.from (last week's spec) or recap.takeaways ({TIP})",
        )
