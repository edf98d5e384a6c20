"""`error:` and `ci:`: what the error bars are, checked against hand-computed values.

Critical values used below (from tables, not from slidekit):
  z(0.975) = 1.959964   z(0.95) = 1.644854   t(0.975, df=2) = 4.302653
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from shaping_helpers import footer_of, notes_of, point_map

# model a: 1, 0, 1, 1, 0 -> 3 of 5;  model b: 1, 1, 0 -> 2 of 3
RATES = """\
model,ok
a,1
b,1
a,0
a,1
b,1
a,1
b,0
a,0
"""


def _rate_spec(extra: str = "") -> str:
    return (
        "title: Rates\ndata:\n  t: t.csv\nslides:\n  - chart: t\n    takeaway: Rates\n"
        "    x: model\n    y: ok\n" + extra
    )


def test_error_none_draws_no_bars(project):
    project.write("t.csv", RATES)
    project.spec(_rate_spec("    error: none\n"))
    (slide,) = project.charts()
    assert [(p.x, p.n, p.value, p.lo, p.hi) for p in slide.chart.points] == [
        ("a", 5, pytest.approx(0.6), None, None),
        ("b", 3, pytest.approx(2 / 3), None, None),
    ]
    assert slide.footer == "n = 3\u20135 per bar (8 samples) \u00b7 error bars: none drawn \u00b7 data: t.csv"


def test_ci_0_9_gives_a_90_percent_wilson_interval(project):
    project.write("t.csv", RATES)
    project.spec(_rate_spec("    ci: 0.9\n"))
    deck = project.build()
    (slide,) = project.charts()
    a, b = slide.chart.points
    # Wilson, z = 1.644854, z^2 = 2.705545
    # 3/5: denominator 1 + 2.705545/5 = 1.541109
    #   centre (0.6 + 2.705545/10)/1.541109 = 0.870555/1.541109 = 0.564888
    #   half 1.644854 * sqrt(0.24/5 + 2.705545/100)/1.541109
    #      = 1.644854 * sqrt(0.075055)/1.541109 = 1.644854 * 0.273962/1.541109 = 0.292405
    assert (a.lo, a.hi) == (pytest.approx(0.272483, abs=1e-5), pytest.approx(0.857293, abs=1e-5))
    # 2/3: denominator 1 + 2.705545/3 = 1.901848
    #   centre (0.666667 + 2.705545/6)/1.901848 = 1.117591/1.901848 = 0.587634
    #   half 1.644854 * sqrt(0.222222/3 + 2.705545/36)/1.901848
    #      = 1.644854 * sqrt(0.149228)/1.901848 = 1.644854 * 0.386300/1.901848 = 0.334100
    assert (b.lo, b.hi) == (pytest.approx(0.253534, abs=1e-5), pytest.approx(0.921734, abs=1e-5))
    assert "90% Wilson score interval" in footer_of(deck.slides[1])
    assert "Error bars: 90% Wilson score interval, per point." in notes_of(deck.slides[1]).splitlines()


def test_ci_on_the_table_applies_to_its_charts(project):
    project.write("t.csv", RATES)
    project.spec(_rate_spec().replace("  t: t.csv\n", "  t: {path: t.csv, ci: 0.9}\n"))
    (slide,) = project.charts()
    assert slide.chart.points[0].lo == pytest.approx(0.272483, abs=1e-5)  # as above
    assert "error bars: 90% Wilson score interval" in slide.footer


# Three seeds per model for a and b; c ran once.
#   a: 0.70, 0.74, 0.78 -> mean 0.74; deviations -0.04, 0, 0.04;
#      sample variance (0.0016 + 0 + 0.0016)/2 = 0.0016 -> sd 0.04
#      half = 4.302653 * 0.04 / sqrt(3) = 0.172106 / 1.732051 = 0.099366
#   b: 0.50, 0.60, 0.55 -> mean 0.55; deviations -0.05, 0.05, 0;
#      variance (0.0025 + 0.0025)/2 = 0.0025 -> sd 0.05
#      half = 4.302653 * 0.05 / 1.732051 = 0.124207
#   c: 0.40 alone -> no spread, no bar
SEEDS = """\
model,seed,score
a,1,0.70
b,1,0.50
a,2,0.74
c,1,0.40
b,2,0.60
a,3,0.78
b,3,0.55
"""


def test_numeric_y_uses_a_student_t_interval(project):
    project.write("runs.csv", SEEDS)
    project.spec(
        "title: Seeds\ndata:\n  runs: runs.csv\nslides:\n  - chart: runs\n    takeaway: Seeds\n"
        "    x: model\n    y: score\n"
    )
    (slide,) = project.charts()
    points = {p.x: p for p in slide.chart.points}
    assert slide.chart.measure == "mean"
    assert points["a"].n == 3 and points["a"].value == pytest.approx(0.74)
    assert points["a"].lo == pytest.approx(0.74 - 0.099366, abs=1e-5)
    assert points["a"].hi == pytest.approx(0.74 + 0.099366, abs=1e-5)
    assert points["b"].lo == pytest.approx(0.55 - 0.124207, abs=1e-5)
    assert points["b"].hi == pytest.approx(0.55 + 0.124207, abs=1e-5)


def test_a_point_with_one_sample_has_no_bar_and_the_footer_says_so(project):
    project.write("runs.csv", SEEDS)
    project.spec(
        "title: Seeds\ndata:\n  runs: runs.csv\nslides:\n  - chart: runs\n    takeaway: Seeds\n"
        "    x: model\n    y: score\n"
    )
    deck = project.build()
    (slide,) = project.charts()
    c = next(p for p in slide.chart.points if p.x == "c")
    assert (c.n, c.value, c.lo, c.hi) == (1, pytest.approx(0.40), None, None)
    assert footer_of(deck.slides[1]) == (
        "n = 1\u20133 per bar (7 samples) \u00b7 error bars: 95% Student-t interval of the mean; "
        "points with n = 1 have no bar \u00b7 data: runs.csv"
    )
    assert "1 point(s) rest on a single sample and have no error bar." in notes_of(deck.slides[1]).splitlines()


def test_a_rate_point_with_one_sample_has_no_bar_either(project):
    # model c has a single 0/1 sample: the footer says "points with n = 1 have
    # no bar", so the point must not carry an interval (a Wilson interval for
    # 1 of 1 would be drawn as a bar from 0.21 to 1).
    project.write("t.csv", RATES + "c,1\n")
    project.spec(_rate_spec())
    (slide,) = project.charts()
    assert "points with n = 1 have no bar" in slide.footer
    c = next(p for p in slide.chart.points if p.x == "c")
    assert (c.n, c.lo, c.hi) == (1, None, None)


# 24 runs of model a: 0.61 0.64 0.58 0.70 0.66 0.59 0.72 0.62 three times -> mean 0.64;
# 21 of model b: 0.30 0.50 0.40 seven times -> mean 0.4. One task, as the colour. Both are
# at least BOOTSTRAP_MIN_N (20), so both are bootstrapped.
BOOT = "model,task,score\n" + "".join(
    f"a,arc,{v}\n" for v in (0.61, 0.64, 0.58, 0.70, 0.66, 0.59, 0.72, 0.62) * 3
) + "".join(f"b,arc,{v}\n" for v in (0.30, 0.50, 0.40) * 7)

BOOT_SPEC = (
    "title: Boot\ndata:\n  runs: runs.csv\nslides:\n  - chart: runs\n    takeaway: Boot\n"
    "    x: model\n    y: score\n    color: task\n    error: bootstrap\n"
)

PRINT_BOUNDS = """
import json, sys
from slidekit.data.tables import load_tables
from slidekit.plan.model import ChartSlide
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec
loaded = load_spec(sys.argv[1])
plan = resolve_plan(loaded, load_tables(loaded))
chart = next(s for s in plan.slides if isinstance(s, ChartSlide)).chart
print(json.dumps([[p.x, p.lo, p.hi] for p in chart.points]))
"""


def _check_bootstrap_points(a, b):
    assert a.value == pytest.approx(0.64) and b.value == pytest.approx(0.4)
    for point, smallest, largest in ((a, 0.58, 0.72), (b, 0.30, 0.50)):
        # A resampled mean lies between the smallest and largest value.
        assert smallest <= point.lo < point.value < point.hi <= largest


def test_bootstrap_is_reproducible_and_brackets_the_mean(project):
    project.write("runs.csv", BOOT)
    spec = project.spec(BOOT_SPEC)
    (slide,) = project.charts()
    a, b = slide.chart.points
    _check_bootstrap_points(a, b)
    assert slide.footer == (
        "n = 21\u201324 per bar (45 samples) \u00b7 error bars: 95% bootstrap interval of the mean "
        "(2,000 resamples, seeded) \u00b7 data: runs.csv"
    )
    # The same bounds in-process, and in a fresh process with another hash seed.
    again = project.charts()[0].chart.points
    assert [(p.lo, p.hi) for p in again] == [(a.lo, a.hi), (b.lo, b.hi)]
    out = subprocess.run(
        [sys.executable, "-c", PRINT_BOUNDS, str(spec)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONHASHSEED": "12345"}, check=True,
    ).stdout
    assert json.loads(out) == [["a", a.lo, a.hi], ["b", b.lo, b.hi]]


def test_bootstrap_on_a_chart_without_colour(project):
    # Same data, no color: key. Must build like the coloured chart does.
    project.write("runs.csv", BOOT)
    project.spec(BOOT_SPEC.replace("    color: task\n", ""))
    result = project.run()
    assert result.exit_code == 0, result.output
    a, b = project.charts()[0].chart.points
    _check_bootstrap_points(a, b)


# A pre-aggregated table (lm-eval style), with an extra column no chart uses.
#   a: 0.70 +/- 1.959964 * 0.020 = 0.70 +/- 0.039199 -> [0.660801, 0.739199]
#   b: 0.55 +/- 1.959964 * 0.025 = 0.55 +/- 0.048999 -> [0.501001, 0.598999]
RESULTS = """\
model,task,acc,acc_stderr,n,version
a,arc,0.70,0.020,500,1
b,arc,0.55,0.025,400,1
"""


@pytest.mark.parametrize("where", ["table", "chart"])
def test_stderr_column_gives_value_plus_minus_z_stderr(project, where):
    project.write("results.csv", RESULTS)
    shaping = "error: acc_stderr\n    n: n\n"
    table = "  results: {path: results.csv, error: acc_stderr, n: n}\n" if where == "table" else (
        "  results: results.csv\n"
    )
    project.spec(
        "title: Pre\ndata:\n" + table + "slides:\n  - chart: results\n    takeaway: Pre\n"
        "    x: model\n    y: acc\n" + ("    " + shaping if where == "chart" else "")
    )
    deck = project.build()
    (slide,) = project.charts()
    points = {p.x: p for p in slide.chart.points}
    assert points["a"].n == 500 and points["a"].value == pytest.approx(0.70)
    assert (points["a"].lo, points["a"].hi) == (
        pytest.approx(0.660801, abs=1e-6), pytest.approx(0.739199, abs=1e-6)
    )
    assert points["b"].n == 400
    assert (points["b"].lo, points["b"].hi) == (
        pytest.approx(0.501001, abs=1e-6), pytest.approx(0.598999, abs=1e-6)
    )
    # n = 500 and 400 from the n column: pre-aggregated points may share samples, so per point
    assert footer_of(deck.slides[1]) == (
        "n = 400\u2013500 per point \u00b7 error bars: 95% interval, \u00b1 1.96 \u00d7 standard error "
        "from column acc_stderr \u00b7 data: results.csv"
    )


def test_stderr_column_without_n_says_n_is_not_given(project):
    project.write("results.csv", RESULTS)
    project.spec(
        "title: Pre\ndata:\n  results: results.csv\nslides:\n  - chart: results\n    takeaway: Pre\n"
        "    x: model\n    y: acc\n    error: acc_stderr\n"
    )
    (slide,) = project.charts()
    assert slide.footer.startswith("n not given \u00b7 ")
    assert [p.n for p in slide.chart.points] == [None, None]


def test_stderr_column_at_90_percent(project):
    project.write("results.csv", RESULTS)
    project.spec(
        "title: Pre\ndata:\n  results: results.csv\nslides:\n  - chart: results\n    takeaway: Pre\n"
        "    x: model\n    y: acc\n    error: acc_stderr\n    n: n\n    ci: 0.9\n"
    )
    (slide,) = project.charts()
    a = slide.chart.points[0]
    # 0.70 +/- 1.644854 * 0.020 = 0.70 +/- 0.032897
    assert (a.lo, a.hi) == (pytest.approx(0.667103, abs=1e-6), pytest.approx(0.732897, abs=1e-6))
    assert "error bars: 90% interval, \u00b1 1.64 \u00d7 standard error from column acc_stderr" in slide.footer


def test_stderr_column_with_two_rows_for_one_point_is_an_error(project):
    project.write("results.csv", RESULTS + "a,hellaswag,0.60,0.010,800,1\n")
    project.spec(
        "title: Pre\ndata:\n  results: results.csv\nslides:\n  - chart: results\n    takeaway: Pre\n"
        "    x: model\n    y: acc\n    error: acc_stderr\n    n: n\n"
    )
    line = project.line("error: acc_stderr")
    assert project.errors() == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].error: column 'acc' in results.csv: "
        "error: acc_stderr needs one row per point; found 2 rows for model=a")
    ]


def test_stderr_column_with_two_rows_is_fine_once_colour_separates_them(project):
    project.write("results.csv", RESULTS + "a,hellaswag,0.60,0.010,800,1\n")
    project.spec(
        "title: Pre\ndata:\n  results: results.csv\nslides:\n  - chart: results\n    takeaway: Pre\n"
        "    x: model\n    y: acc\n    color: task\n    error: acc_stderr\n    n: n\n"
    )
    (slide,) = project.charts()
    p = point_map(slide.chart)[("a", "hellaswag")]
    # 0.60 +/- 1.959964 * 0.010 = 0.60 +/- 0.019600
    assert (p.n, p.lo, p.hi) == (800, pytest.approx(0.580400, abs=1e-6), pytest.approx(0.619600, abs=1e-6))


def test_negative_stderr_is_an_error(project):
    project.write("results.csv", RESULTS.replace("0.025", "-0.025"))
    project.spec(
        "title: Pre\ndata:\n  results: results.csv\nslides:\n  - chart: results\n    takeaway: Pre\n"
        "    x: model\n    y: acc\n    error: acc_stderr\n"
    )
    line = project.line("error: acc_stderr")
    assert project.errors() == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].error: column 'acc' in results.csv: "
        "error column 'acc_stderr' has a negative standard error (-0.025)")
    ]


def test_inline_rows_build_a_chart(project):
    project.spec("""\
        title: Inline
        data:
          t:
            rows:
              - {model: a, ok: 1}
              - {model: a, ok: 0}
              - {model: b, ok: 1}
              - {model: a, ok: 1}
              - {model: b, ok: 1}
          pre:
            rows:
              - {model: a, acc: 0.7, acc_stderr: 0.02}
              - {model: b, acc: 0.5, acc_stderr: 0.05}
            error: acc_stderr
        slides:
          - chart: t
            takeaway: Inline samples
            x: model
            y: ok
          - chart: pre
            takeaway: Inline aggregates
            x: model
            y: acc
        """)
    deck = project.build()
    first, second = project.charts()
    # a: 1, 0, 1 -> 2 of 3; b: 1, 1 -> 2 of 2
    assert [(p.x, p.n, p.value) for p in first.chart.points] == [
        ("a", 3, pytest.approx(2 / 3)), ("b", 2, pytest.approx(1.0)),
    ]
    assert first.footer.endswith("data: inline rows")
    # b: 0.5 +/- 1.959964 * 0.05 = 0.5 +/- 0.097998
    b = second.chart.points[1]
    assert (b.lo, b.hi) == (pytest.approx(0.402002, abs=1e-6), pytest.approx(0.597998, abs=1e-6))
    assert [s.shapes.title.text_frame.text for s in deck.slides] == ["Inline", "Inline samples", "Inline aggregates"]
    # each chart slide carries a picture of its chart
    assert all(any(sh.shape_type == 13 for sh in s.shapes) for s in list(deck.slides)[1:])
