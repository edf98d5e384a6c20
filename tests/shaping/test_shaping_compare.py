"""`compare:` on a chart slide: the difference b - a, on the slide, in the notes and in text.

The numbers are checked against scipy (an independent implementation), and
the small case below by hand.
"""

from __future__ import annotations

import math

import pytest
from scipy import stats
from shaping_helpers import notes_of, slide_texts

# Five questions, asked without and with a cue (0/1 correct):
#   no_cue: 1 1 1 1 0     cue: 0 0 1 0 0
#   per-question difference cue - no_cue: -1 -1 0 -1 0 -> mean -0.6
#   deviations -0.4 -0.4 0.6 -0.4 0.6 -> sum of squares 1.2 -> sd = sqrt(1.2 / 4) = 0.547723
#   se = 0.547723 / sqrt(5) = 0.244949; t(0.975, 4) = 2.776445 -> half = 0.680087
#   -> [-1.280087, 0.080087], cut to [-1, 0.080087]; t = -2.449490, p = 0.070484
FIVE = "question,cue,ok\n" + "".join(
    f"q{q},{cue},{v}\n"
    for cue, values in (("no_cue", (1, 1, 1, 1, 0)), ("cue", (0, 0, 1, 0, 0)))
    for q, v in enumerate(values)
)


def _spec(compare: str, takeaway: str = "The cue lowers accuracy", extra: str = "") -> str:
    return (
        "title: Compare\ndata:\n  t: t.csv\nslides:\n  - chart: t\n"
        f"    takeaway: \"{takeaway}\"\n    x: cue\n    y: ok\n    compare: {compare}\n{extra}"
    )


def _comparison_text(deck) -> str:
    (shape,) = [s for s in deck.slides[1].shapes if s.name == "Comparison"]
    return shape.text_frame.text


def test_a_paired_comparison_matches_the_hand_computation(project):
    project.write("t.csv", FIVE)
    project.spec(_spec("{column: cue, a: no_cue, b: cue, pair: question}"))
    (slide,) = project.charts()
    (c,) = slide.comparisons
    assert (c.a, c.b, c.n, c.paired, c.unmatched) == ("no_cue", "cue", 5, True, 0)
    assert c.estimate == pytest.approx(-0.6, abs=1e-12)
    assert c.lo == -1.0  # -1.280087 cut to the smallest possible difference of rates
    assert c.hi == pytest.approx(0.080087, abs=1e-6)
    assert c.p == pytest.approx(0.070484, abs=1e-6)
    deck = project.build()
    assert _comparison_text(deck) == (
        "cue \u2212 no_cue: \u221260.0 pts [\u2212100.0, 8.0], paired over 5 questions, p = 0.070"
    )


def test_paired_differences_equal_scipy_ttest_rel_with_several_rows_per_pair(project):
    # 40 questions x 3 seeds per condition: seeds are averaged per question first.
    rows = ["question,seed,cue,ok"]
    for q in range(40):
        for seed in range(3):
            rows.append(f"{q},{seed},none,{int((q * 7 + seed) % 5 != 0)}")
            rows.append(f"{q},{seed},cue,{int((q * 3 + seed) % 4 == 0 or q % 6 == 0)}")
    project.write("t.csv", "\n".join(rows) + "\n")
    project.spec(_spec("{column: cue, a: none, b: cue, pair: question}"))
    (c,) = project.charts()[0].comparisons
    per = {}
    for line in rows[1:]:
        q, _, cue, ok = line.split(",")
        per.setdefault((cue, q), []).append(int(ok))
    a = [sum(per[("none", str(q))]) / 3 for q in range(40)]
    b = [sum(per[("cue", str(q))]) / 3 for q in range(40)]
    reference = stats.ttest_rel(b, a)
    interval = reference.confidence_interval(0.95)
    assert c.n == 40
    assert c.estimate == pytest.approx(sum(b) / 40 - sum(a) / 40, abs=1e-12)
    assert (c.lo, c.hi) == (pytest.approx(interval.low, abs=1e-9), pytest.approx(interval.high, abs=1e-9))
    assert c.p == pytest.approx(reference.pvalue, rel=1e-6)
    assert c.lo <= c.estimate <= c.hi


def test_unmatched_pairs_are_dropped_and_counted_in_the_notes(project):
    project.write("t.csv", FIVE + "q9,no_cue,1\nq8,cue,0\n")
    project.spec(_spec("{column: cue, a: no_cue, b: cue, pair: question}"))
    (c,) = project.charts()[0].comparisons
    assert (c.n, c.unmatched) == (5, 2)
    deck = project.build()
    assert "2 questions seen under only one condition were left out." in notes_of(deck.slides[1])


def test_unpaired_rates_use_newcombe_and_the_pooled_z_test(project):
    project.write("t.csv", FIVE)
    project.spec(_spec("{column: cue, a: no_cue, b: cue}"))
    (c,) = project.charts()[0].comparisons
    # 4/5 vs 1/5: d = -0.6. Wilson 95% (z^2/n = 0.768292, denominator 1.768292):
    #   4/5: centre (0.8 + 0.384146) / 1.768292 = 0.669655, half 1.959964 * sqrt(0.032 + 0.038415)
    #        / 1.768292 = 0.294121 -> (0.375535, 0.963776); 1/5 mirrors it -> (0.036224, 0.624465)
    #   lo = -0.6 - sqrt((0.2 - 0.036224)^2 + (0.963776 - 0.8)^2) = -0.6 - 0.231614 = -0.831614
    #   hi = -0.6 + sqrt((0.624465 - 0.2)^2 + (0.8 - 0.375535)^2) = -0.6 + 0.600285 = 0.000285
    # pooled 5/10 = 0.5: z = -0.6 / sqrt(0.25 * 0.4) = -1.897367 -> p = 0.057780
    assert c.estimate == pytest.approx(-0.6)
    assert c.lo == pytest.approx(-0.831614, abs=2e-6)
    assert c.hi == pytest.approx(0.000285, abs=2e-6)
    assert c.p == pytest.approx(0.057780, abs=1e-6)
    assert (c.paired, c.n_a, c.n_b) == (False, 5, 5)
    deck = project.build()
    assert _comparison_text(deck) == (
        "cue \u2212 no_cue: \u221260.0 pts [\u221283.2, 0.0], unpaired, n = 5 vs 5, p = 0.058"
    )


def test_unpaired_means_use_welch(project):
    a = [0.61, 0.64, 0.58, 0.70, 0.66, 0.59]
    b = [0.30, 0.50, 0.40, 0.45]
    project.write("t.csv", "model,score\n" + "".join(f"a,{v}\n" for v in a) + "".join(f"b,{v}\n" for v in b))
    project.spec(
        "title: W\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: b scores lower\n"
        "    x: model\n    y: score\n    compare: {column: model, a: a, b: b}\n"
    )
    (c,) = project.charts()[0].comparisons
    reference = stats.ttest_ind(b, a, equal_var=False)
    interval = reference.confidence_interval(0.95)
    assert c.estimate == pytest.approx(sum(b) / 4 - sum(a) / 6, abs=1e-12)
    assert (c.lo, c.hi) == (pytest.approx(interval.low, abs=1e-9), pytest.approx(interval.high, abs=1e-9))
    assert c.p == pytest.approx(reference.pvalue, rel=1e-6)
    assert c.method == "Welch t interval"


def _grouped(models=("careful", "deferential")) -> str:
    rows = ["model,question,cue,ok"]
    for m, model in enumerate(models):
        for q in range(40):
            rows.append(f"{model},{q},none,{int(q % 10 != 0)}")
            follows = m == 1 and q % 4 != 0
            rows.append(f"{model},{q},cue,{int(q % 10 != 0 and not follows)}")
    return "\n".join(rows) + "\n"


GROUPED = (
    "title: G\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: \"{takeaway}\"\n"
    "    x: model\n    y: ok\n    color: cue\n    compare: {{column: cue, a: none, b: cue, pair: question}}\n"
    "{extra}"
)


def test_each_colour_group_gets_its_difference_and_holm_adjusted_p(project):
    project.write("t.csv", _grouped())
    project.spec(GROUPED.format(takeaway="The cue sways the deferential model", extra=""))
    careful, deferential = project.charts()[0].comparisons
    assert (careful.group, deferential.group) == ("careful", "deferential")
    assert careful.estimate == 0.0 and careful.p == 1.0
    assert deferential.estimate == pytest.approx(-28 / 40)  # see the MDE test
    # Holm over two groups: the smaller p doubled, the larger at least that and at most 1.
    assert deferential.p_holm == pytest.approx(min(1.0, 2 * deferential.p))
    assert careful.p_holm == 1.0
    notes = notes_of(project.build().slides[1])
    assert "Holm-adjusted over 2 groups: p < 0.001." in notes
    assert "Minimum detectable effect at 80% power:" in notes
    assert "Method: paired t interval over 40 questions." in notes


def test_the_minimum_detectable_effect_is_t_quantiles_times_the_standard_error(project):
    project.write("t.csv", _grouped())
    project.spec(GROUPED.format(takeaway="The cue sways the deferential model", extra=""))
    deferential = project.charts()[0].comparisons[1]
    # diffs: -1 on the 28 of 40 questions with q % 4 != 0 and q % 10 != 0, else 0
    diffs = [-1.0 if (q % 4 != 0 and q % 10 != 0) else 0.0 for q in range(40)]
    se = stats.sem(diffs)
    expected = (stats.t.ppf(0.975, 39) + stats.t.ppf(0.8, 39)) * se
    assert deferential.mde == pytest.approx(expected, rel=1e-9)


def test_the_slide_shows_the_group_the_callout_points_at(project):
    project.write("t.csv", _grouped(("careful", "deferential", "small")))
    callout = "    callout: {at: {model: deferential, cue: cue}, text: Follows the cue}\n"
    project.spec(GROUPED.format(takeaway="The cue sways the deferential model", extra=callout))
    text = _comparison_text(project.build())
    assert text.startswith("deferential: cue \u2212 none: \u221270.0 pts [")
    assert text.endswith("paired over 40 questions, p < 0.001 (+2 more in the notes)")


def test_diff_functions_quote_the_comparison_in_text(project):
    project.write("t.csv", _grouped())
    takeaway = (
        "The cue costs the deferential model {{ diff(model='deferential') | pts }} "
        "({{ diff_lo(model='deferential') | pct }} to {{ diff_hi(model='deferential') | pct }}, "
        "{{ diff_p(model='deferential') | pvalue }}, {{ diff_n(model='deferential') }} questions)"
    )
    project.spec(GROUPED.format(takeaway=takeaway, extra=""))
    (slide,) = project.charts()
    c = slide.comparisons[1]
    assert slide.headline == (
        f"The cue costs the deferential model -70.0 pts ({c.lo * 100:.0f}% to {c.hi * 100:.0f}%, "
        "p < 0.001, 40 questions)"
    )


def test_diff_without_the_group_says_what_it_needs(project):
    project.write("t.csv", _grouped())
    project.spec(GROUPED.format(takeaway="{{ diff() }}", extra=""))
    (line,) = project.errors()
    assert line.startswith(f"slidekit: error: deck.yaml:{project.line('takeaway')}: slides[0].takeaway: ")
    assert "diff() needs the group, e.g. diff(model=...); found no selector" in line


@pytest.mark.parametrize(
    ("compare", "key", "message"),
    [
        ("{column: model, a: x, b: y}", "compare.column",
         "'model' is not a column of this chart; expected one of: cue (x)"),
        ("{column: cue, a: nope, b: cue}", "compare.a",
         "'nope' is not a value of cue (values: no_cue, cue)"),
        ("{column: cue, a: cue, b: cue}", "compare.b",
         "compares 'cue' with itself; expected two different values"),
        ("{column: cue, a: no_cue, b: cue, pair: qid}", "compare.pair",
         "column 'qid' not in t (columns: question, cue, ok)"),
        ("{column: cue, a: no_cue}", "compare", "missing required key 'b'"),
    ],
)
def test_a_bad_compare_is_one_line_naming_its_key(project, compare, key, message):
    project.write("t.csv", FIVE)
    project.spec(_spec(compare))
    lines = project.errors()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"slidekit: error: deck.yaml:{project.line('compare')}:")
    assert f"slides[0].{key}" in lines[0]
    assert message in lines[0]


def test_a_comparison_line_leaves_the_chart_inside_the_slide(project):
    project.write("t.csv", FIVE)
    project.spec(_spec("{column: cue, a: no_cue, b: cue, pair: question}"))
    deck = project.build()
    picture = next(s for s in deck.slides[1].shapes if s.shape_type == 13)
    (line,) = [s for s in deck.slides[1].shapes if s.name == "Comparison"]
    footer = next(s for s in deck.slides[1].shapes if s.has_text_frame and s.text_frame.text.startswith("n = "))
    assert picture.top + picture.height <= line.top
    assert line.top + line.height <= footer.top + 1
    assert "cue \u2212 no_cue" in " ".join(slide_texts(deck.slides[1]))


def test_no_interval_with_one_pair(project):
    project.write("t.csv", "question,cue,ok\nq1,a,1\nq1,b,0\n")
    project.spec(_spec("{column: cue, a: a, b: b, pair: question}"))
    (c,) = project.charts()[0].comparisons
    assert (c.estimate, c.lo, c.hi, c.p, c.n) == (-1.0, None, None, None, 1)
    assert _comparison_text(project.build()) == (
        "b \u2212 a: \u2212100.0 pts, paired over 1 questions, too few samples for an interval"
    )
    assert not math.isnan(c.estimate)


def test_the_reports_show_the_comparison_line_too(project):
    from slidekit.pipeline import build

    project.write("t.csv", FIVE)
    spec = project.spec(_spec("{column: cue, a: no_cue, b: cue, pair: question}"))
    build(spec, to=("md", "html"))
    line = "cue \u2212 no_cue: \u221260.0 pts [\u2212100.0, 8.0], paired over 5 questions, p = 0.070"
    markdown = spec.with_suffix(".md").read_text(encoding="utf-8")
    # Markdown escapes what would start a link or emphasis.
    escaped = line.replace("[", "\\[").replace("]", "\\]").replace("_", "\\_")
    assert f"\n**{escaped}**\n" in markdown
    assert markdown.index(escaped) < markdown.index("(10 samples) \u00b7 ")
    html = spec.with_suffix(".html").read_text(encoding="utf-8")
    assert f'<p class="comparison">{line}</p>' in html
    # Each note line is one list item, not a list inside a list.
    assert "\n- cue \u2212 no\\_cue: \u221260.0 pts" in markdown
