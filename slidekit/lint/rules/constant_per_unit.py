"""constant-per-unit: y is the same in every row of each unit, across the chart's categories.

A paired dataset keeps some facts per pair (did the answer flip between the
biased and the baseline prompt?) and often copies them onto both rows of the
pair. Charted as a per-row outcome, such a column draws the same number under
each condition and counts every pair twice in n. The unit is ``unit:`` on the
slide, else ``compare``'s ``pair``; units are compared across ``compare``'s
column (or x, with ``unit:``), within each value of the chart's other column.
Reported when at least 10 units appear under two or more categories and y
never differs within any of them. Chart the pair-level value once per pair
(``where: condition == 'biased'``), or a per-row outcome; if the units really
do agree every time, ``lint: {ignore: [constant-per-unit]}`` on the slide.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "constant-per-unit"
SEVERITY = "warning"


def check(context):
    for chart in context.charts:
        found = chart.slide.constant_per_unit
        if found is None:
            continue
        key = ("unit",) if chart.spec.unit else ("compare", "pair")
        one = _singular(found.unit_words)
        yield Problem(
            chart.path(*key),
            f"{chart.spec.y!r} never differs within a {one} ({found.column!r}, {found.units:,} "
            f"{found.unit_words}) across {found.across!r}: a per-{one} value copied onto each row "
            f"draws the same bar for each {found.across}, and n counts its {found.rows:,} rows, "
            f"not its {found.units:,} {found.unit_words}; chart it once per {one} (a where: "
            f"keeping one {found.across}), or chart a per-row outcome",
        )


def _singular(words: str) -> str:
    return words[:-1] if words.endswith("s") and not words.endswith("ss") else words
