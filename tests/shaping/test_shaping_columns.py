"""`columns:` (derived columns) and `where:` on a table and on a chart."""

from __future__ import annotations

import pytest
from shaping_helpers import footer_of, notes_of

# correct = (answer == target), by hand:
#   id model split answer target correct
#    1   a   test    A      A      1
#    2   a   test    B      A      0
#    3   a   test    C      C      1
#    4   a   val     A      A      1
#    5   b   test    A      B      0
#    6   b   test    D      D      1
#    7   a   test    D      D      1
#    8   b   val     B      A      0
#    9   b   test    C      C      1
#   10   a   test    A      B      0
# all rows:        a 1+0+1+1+1+0 = 4 of 6, b 0+1+0+1 = 2 of 4
# split == 'test': a 1+0+1+1+0 = 3 of 5,   b 0+1+1 = 2 of 3   (n = 8)
LOG = """\
id,model,split,answer,target,seed
1,a,test,A,A,0
2,a,test,B,A,0
3,a,test,C,C,0
4,a,val,A,A,0
5,b,test,A,B,0
6,b,test,D,D,0
7,a,test,D,D,0
8,b,val,B,A,0
9,b,test,C,C,0
10,a,test,A,B,0
"""


def _values(chart) -> dict:
    return {p.x: (p.n, p.value) for p in chart.points}


def test_derived_column_on_the_table_gives_a_hand_counted_rate(project):
    project.write("log.csv", LOG)
    project.spec("""\
        title: Derived
        data:
          log:
            path: log.csv
            columns: {correct: "answer == target"}
        slides:
          - chart: log
            takeaway: Accuracy
            x: model
            y: correct
        """)
    (slide,) = project.charts()
    assert slide.chart.measure == "rate"
    assert slide.chart.y_label == "correct (% of samples)"
    assert _values(slide.chart) == {"a": (6, pytest.approx(4 / 6)), "b": (4, pytest.approx(2 / 4))}
    assert slide.footer.startswith("n = 4\u20136 per bar (10 samples) \u00b7 ")


def test_derived_column_on_the_chart_and_a_later_one_built_on_it(project):
    project.write("log.csv", LOG)
    project.spec("""\
        title: Derived
        data:
          log: log.csv
        slides:
          - chart: log
            takeaway: Errors
            x: model
            y: wrong
            columns:
              correct: "answer == target"
              wrong: "correct == False"
        """)
    (slide,) = project.charts()
    # wrong = 1 - correct: a 2 of 6, b 2 of 4
    assert _values(slide.chart) == {"a": (6, pytest.approx(2 / 6)), "b": (4, pytest.approx(2 / 4))}


TWO_FILTERS = """\
title: Filters
data:
  log:
    path: log.csv
    where: "split == 'test'"
    columns: {correct: "answer == target"}
slides:
  - chart: log
    takeaway: Model a on the test split
    x: model
    y: correct
    where: "model == 'a'"
"""


def test_chart_where_narrows_the_table_rows(project):
    project.write("log.csv", LOG)
    project.spec(TWO_FILTERS)
    (slide,) = project.charts()
    # split == 'test' and model == 'a': correct 1, 0, 1, 1, 0 -> 3 of 5
    assert _values(slide.chart) == {"a": (5, pytest.approx(0.6))}
    # Wilson 3/5, z = 1.959964, z^2 = 3.841459: denominator 1 + 3.841459/5 = 1.768292;
    #   centre (0.6 + 3.841459/10)/1.768292 = 0.984146/1.768292 = 0.556552
    #   half 1.959964 * sqrt(0.24/5 + 3.841459/100)/1.768292 = 1.959964*0.293963/1.768292 = 0.325827
    (point,) = slide.chart.points
    assert point.lo == pytest.approx(0.230724, abs=1e-5)
    assert point.hi == pytest.approx(0.882379, abs=1e-5)


def test_footer_and_notes_give_n_after_both_filters_and_name_them(project):
    project.write("log.csv", LOG)
    project.spec(TWO_FILTERS)
    deck = project.build()
    assert footer_of(deck.slides[1]) == (
        "n = 5 samples \u00b7 error bars: 95% Wilson score interval \u00b7 "
        "data: log.csv ((split == 'test') and (model == 'a'))"
    )
    notes = notes_of(deck.slides[1]).splitlines()
    assert "Data: log.csv (10 rows)." in notes
    assert "Filter: (split == 'test') and (model == 'a')." in notes
    assert "n: 5 samples." in notes


def test_table_where_alone_is_named_in_the_footer(project):
    project.write("log.csv", LOG)
    project.spec(TWO_FILTERS.replace("    where: \"model == 'a'\"\n", ""))
    (slide,) = project.charts()
    # split == 'test': a 5 rows, b 3 rows -> n = 8
    assert slide.footer.startswith("n = 3\u20135 per bar (8 samples) \u00b7 ")
    assert slide.footer.endswith("data: log.csv (split == 'test')")
    assert _values(slide.chart) == {"a": (5, pytest.approx(3 / 5)), "b": (3, pytest.approx(2 / 3))}


def test_chart_where_alone_is_named_in_the_footer(project):
    project.write("log.csv", LOG)
    project.spec(TWO_FILTERS.replace("    where: \"split == 'test'\"\n", ""))
    (slide,) = project.charts()
    # model == 'a', both splits: correct 1, 0, 1, 1, 1, 0 -> 4 of 6
    assert _values(slide.chart) == {"a": (6, pytest.approx(4 / 6))}
    assert slide.footer.startswith("n = 6 samples \u00b7 ")
    assert slide.footer.endswith("data: log.csv (model == 'a')")


def test_where_on_a_derived_column(project):
    project.write("log.csv", LOG)
    project.spec("""\
        title: Derived filter
        data:
          log:
            path: log.csv
            columns: {correct: "answer == target"}
            where: "correct"
        slides:
          - chart: log
            takeaway: Only the right answers
            x: model
            y: seed
        """)
    (slide,) = project.charts()
    # correct rows: a ids 1, 3, 4, 7 (4 rows), b ids 6, 9 (2 rows)
    assert {p.x: p.n for p in slide.chart.points} == {"a": 4, "b": 2}


# JSONL booleans with one missing value:
#   a: true, false, true -> 2 of 3;  b: true, (null), false -> 1 of 2; 1 row left out
BOOLS = """\
{"model": "a", "correct": true}
{"model": "b", "correct": true}
{"model": "a", "correct": false}
{"model": "b", "correct": null}
{"model": "a", "correct": true}
{"model": "b", "correct": false}
"""


def test_boolean_column_is_a_rate_and_missing_values_are_left_out(project):
    project.write("log.jsonl", BOOLS)
    project.spec(
        "title: Bools\ndata:\n  log: log.jsonl\nslides:\n  - chart: log\n    takeaway: Bools\n"
        "    x: model\n    y: correct\n    labels: {model: {a: Model A}}\n"
    )
    deck = project.build()
    (slide,) = project.charts()
    assert slide.chart.measure == "rate"
    assert _values(slide.chart) == {"a": (3, pytest.approx(2 / 3)), "b": (2, pytest.approx(0.5))}
    assert slide.chart.x_labels == ("Model A", "b")
    assert footer_of(deck.slides[1]).startswith("n = 2\u20133 per bar (5 samples) \u00b7 ")
    assert "Rows with no correct value, left out: 1." in notes_of(deck.slides[1]).splitlines()


def test_labels_for_true_and_false(project):
    project.write("log.jsonl", BOOLS)
    project.spec(
        "title: Bools\ndata:\n  log: log.jsonl\nslides:\n  - chart: log\n    takeaway: Bools\n"
        "    x: model\n    y: correct\n    color: correct\n"
        "    labels: {correct: {true: Right, false: Wrong}}\n    order: {correct: [false]}\n"
    )
    (slide,) = project.charts()
    assert slide.chart.series == ("Wrong", "Right")
