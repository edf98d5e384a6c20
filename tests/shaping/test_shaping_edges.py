"""Decks at the edges eval results live on: 0% and 100%, tiny and huge n, odd levels and values.

Each of these once crashed a build (matplotlib refusing a negative error bar)
or said something untrue in the footer.
"""

from __future__ import annotations

import pytest
from shaping_helpers import footer_of

EDGE_NS = (1, 2, 3, 5, 10, 13, 30, 100, 393, 1000, 2000)


def _edge_deck(error: str) -> tuple[str, str]:
    """A table with, per n, a model at 0%, one at 100% and one at 1/n; one chart slide per n."""
    rows = ["n,model,ok"]
    for n in EDGE_NS:
        rows += [f"{n},none,0"] * n + [f"{n},all,1"] * n + [f"{n},one,{int(i == 0)}" for i in range(n)]
    slides = "".join(
        f"  - chart: t\n    takeaway: Edge {n}\n    x: model\n    y: ok\n    where: n == {n}\n"
        f"    error: {error}\n    backup: false\n"
        for n in EDGE_NS
    )
    return "\n".join(rows) + "\n", f"title: Edges\ndata:\n  t: t.csv\nslides:\n{slides}"


@pytest.mark.parametrize("error", ["auto", "t", "bootstrap"])
def test_rates_at_0_and_100_percent_build_at_every_n_with_bars_inside_0_1(project, error):
    table, spec = _edge_deck(error)
    project.write("t.csv", table)
    project.spec(spec)
    project.build()  # drawing the bars is what used to fail
    charts = project.charts()
    assert len(charts) == len(EDGE_NS)
    for n, slide in zip(EDGE_NS, charts):
        for p in slide.chart.points:
            assert p.n == n
            if n == 1:
                assert (p.lo, p.hi) == (None, None)
                continue
            assert 0.0 <= p.lo <= p.value <= p.hi <= 1.0, (n, p)
            if error == "auto":  # Wilson: the bound at the edge is the edge, exactly
                assert (p.lo == 0.0) == (p.value == 0.0) and (p.hi == 1.0) == (p.value == 1.0)


def test_zero_width_bars_at_the_edges_are_named_in_the_footer(project):
    table, spec = _edge_deck("t")
    project.write("t.csv", table)
    project.spec(spec)
    deck = project.build()
    footer = footer_of(deck.slides[2])  # n = 2: none (0/2), all (2/2), one (1/2)
    assert footer == (
        "n = 2 per bar (6 samples) \u00b7 error bars: 95% Student-t interval of the mean; clipped to 0\u2013100%; "
        "2 point(s) at 0% or 100% have a zero-width bar (Wilson would not) \u00b7 data: t.csv (n == 2)"
    )


def test_t_on_a_0_1_column_is_clipped_to_0_100_percent(project):
    # 3 of 4: mean 0.75, sd 0.5, t(0.975, 3) = 3.182446 -> 0.75 +/- 0.795612 = [-0.046, 1.546]
    project.write("t.csv", "model,ok\na,1\na,1\na,1\na,0\n")
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: ok\n    error: t\n")
    (point,) = project.charts()[0].chart.points
    assert (point.lo, point.value, point.hi) == (0.0, 0.75, 1.0)
    assert "clipped to 0\u2013100%" in project.charts()[0].footer


@pytest.mark.parametrize(
    ("level", "words"),
    [(0.95, "95%"), (0.9, "90%"), (0.975, "97.5%"), (0.9999, "99.99%"), (0.5, "50%"), (0.999999, "99.9999%")],
)
def test_the_footer_states_the_level_as_given(project, level, words):
    project.write("t.csv", "model,ok\na,1\na,0\na,1\nb,0\nb,0\n")
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 f"    x: model\n    y: ok\n    ci: {level}\n")
    assert f"error bars: {words} Wilson score interval" in project.charts()[0].footer


def test_a_stderr_column_is_clipped_to_0_1_for_proportions(project):
    # 0.98 +/- 1.959964 * 0.05 = [0.882, 1.078] -> [0.882, 1]
    project.write("t.csv", "model,acc,se\na,0.98,0.05\nb,0.5,0.1\n")
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: acc\n    error: se\n")
    a, b = project.charts()[0].chart.points
    assert a.hi == 1.0 and a.lo == pytest.approx(0.98 - 1.959964 * 0.05, abs=1e-6)
    assert b.hi == pytest.approx(0.5 + 1.959964 * 0.1, abs=1e-6)
    assert "clipped to 0\u2013100%" in project.charts()[0].footer


def test_bootstrap_with_blank_x_cells_builds(project):
    # A numeric x with blank cells: the blanks are a category of their own.
    rows = "".join(f"1,{v}\n" for v in range(25)) + "".join(f",{v}\n" for v in range(25))
    project.write("t.csv", "step,loss\n" + rows)
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: step\n    y: loss\n    error: bootstrap\n")
    project.build()
    points = project.charts()[0].chart.points
    assert [p.n for p in points] == [25, 25]
    assert all(p.lo <= p.value == 12.0 <= p.hi for p in points)


def test_bootstrap_does_not_depend_on_the_order_of_the_rows(project):
    values = [0.1 * ((i * 37) % 23) for i in range(40)]
    project.write("a.csv", "model,score\n" + "".join(f"m,{v}\n" for v in values))
    project.write("b.csv", "model,score\n" + "".join(f"m,{v}\n" for v in reversed(values)))
    spec = ("title: T\ndata:\n  t: {}\nslides:\n  - chart: t\n    takeaway: T\n"
            "    x: model\n    y: score\n    error: bootstrap\n")
    project.spec(spec.format("a.csv"), "a.yaml")
    project.spec(spec.format("b.csv"), "b.yaml")
    (a,) = project.charts("a.yaml")[0].chart.points
    (b,) = project.charts("b.yaml")[0].chart.points
    assert (a.lo, a.hi) == (b.lo, b.hi)


def test_bootstrap_of_a_constant_column_is_the_value(project):
    project.write("t.csv", "model,score\n" + "m,0.1\n" * 30)
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: score\n    error: bootstrap\n")
    project.build()
    (p,) = project.charts()[0].chart.points
    assert p.lo <= p.value <= p.hi and p.hi - p.lo < 1e-15


def test_values_near_1e300_get_their_bar(project):
    project.write("t.csv", "model,y\n" + "".join(f"a,{v}e300\n" for v in (1, 2, 3, 4)))
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: y\n")
    project.build()
    (p,) = project.charts()[0].chart.points
    # mean 2.5e300, sd 1.290994e300, t(0.975, 3) = 3.182446 -> half = 2.054259e300
    assert p.value == pytest.approx(2.5e300, rel=1e-12)
    assert p.hi - p.value == pytest.approx(2.054259e300, rel=1e-6)
    assert "Student-t" in project.charts()[0].footer


def test_values_near_1e308_are_a_clean_error(project):
    project.write("t.csv", "model,y\na,1e308\na,1.7e308\n")
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: y\n")
    assert project.errors() == [
        f"slidekit: error: deck.yaml:{project.line('y: y')}: slides[0].y: column 'y' in t.csv: has values "
        "up to 1.7e+308, too large to draw (expected magnitudes up to 1e+306); rescale it with a "
        "derived column (columns: {scaled: ... / 1e300})"
    ]


def test_a_jsonl_column_mixing_true_and_numbers_says_so(project):
    project.write("t.jsonl", '{"m": "a", "ok": true}\n{"m": "a", "ok": 0}\n{"m": "b", "ok": 1}\n')
    project.spec("title: T\ndata:\n  t: t.jsonl\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: m\n    y: ok\n")
    assert project.errors() == [
        f"slidekit: error: deck.yaml:{project.line('y: ok')}: slides[0].y: column 'ok' in t.jsonl: mixes "
        "true/false (1 row, e.g. True) with numbers (2 rows, e.g. 0); expected one kind: 0/1 or true/false"
    ]


# 4 questions x 3 seeds of one model: per-question means 1, 2/3, 1/3, 0 (0/1 outcomes).
SEEDS = "model,question,ok\n" + "".join(
    f"m,q{q},{v}\n" for q, values in enumerate(((1, 1, 1), (1, 1, 0), (0, 1, 0), (0, 0, 0)))
    for v in values
)


def test_cluster_draws_the_clustered_t_interval_and_says_so(project):
    # mean 0.5; per-question deviation sums 3*(1-0.5)=1.5, 2-1.5=0.5, 1-1.5=-0.5, -1.5
    #   -> sum of squares 5.0; C/(C-1) = 4/3 -> variance 6.666667; sqrt = 2.581989; / N=12
    #   -> se = 0.215166; t(0.975, 3) = 3.182446 -> half 0.684750 -> [-0.184750, 1.184750] -> [0, 1]
    project.write("t.csv", SEEDS)
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: ok\n    cluster: question\n    error: t\n    ci: 0.8\n")
    (slide,) = project.charts()
    (p,) = slide.chart.points
    # at 80%: t(0.9, 3) = 1.637744 -> half = 0.352386 -> [0.147614, 0.852386]
    assert (p.lo, p.hi) == (pytest.approx(0.147614, abs=1e-6), pytest.approx(0.852386, abs=1e-6))
    assert (p.n, p.clusters, p.cluster_size) == (12, 4, 3)
    assert slide.footer == (
        "n = 12 rows in 4 questions \u00b7 error bars: 80% clustered t interval (4 questions) \u00b7 data: t.csv"
    )


def test_cluster_at_95_percent_is_clipped_to_0_1(project):
    project.write("t.csv", SEEDS)
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: ok\n    cluster: question\n")
    (p,) = project.charts()[0].chart.points
    assert (p.lo, p.value, p.hi) == (0.0, 0.5, 1.0)


def test_cluster_with_wilson_is_refused_with_the_fix(project):
    project.write("t.csv", SEEDS)
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: ok\n    cluster: question\n    error: wilson\n")
    (line,) = project.errors()
    assert line == (
        f"slidekit: error: deck.yaml:{project.line('error: wilson')}: slides[0].error: column 'ok' in t.csv: "
        "error: wilson cannot be clustered; cluster: question draws clustered t intervals "
        "(remove error:, or set it to t)"
    )


def test_a_missing_cluster_column_names_the_key(project):
    project.write("t.csv", SEEDS)
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: T\n"
                 "    x: model\n    y: ok\n    cluster: qid\n")
    assert project.errors() == [
        f"slidekit: error: deck.yaml:{project.line('cluster: qid')}: slides[0].cluster: column 'qid' not in t "
        "(columns: model, question, ok)"
    ]
