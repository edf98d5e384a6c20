"""aggregate: per-sample rows -> one point per group, checked against hand counts.

z = 1.959964 and z^2 = 3.841459 throughout (95% intervals).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from slidekit.data.aggregate import aggregate
from slidekit.data.read import read_table
from slidekit.errors import DataError


def summary(result):
    """(x, series, n, value) of every point, in order."""
    return [(p.x, p.series, p.n, p.value) for p in result.points]


def test_rate_per_group_with_wilson_interval():
    # model b: 1, 0, 0, 0     -> 1 of 4
    # model a: 1, 1, 0, 1, 0  -> 3 of 5
    frame = pd.DataFrame(
        {
            "model": ["b", "a", "a", "b", "a", "b", "a", "b", "a"],
            "correct": [1, 1, 1, 0, 0, 0, 1, 0, 0],
        }
    )
    result = aggregate(frame, x="model", y="correct")
    assert result.measure == "rate"
    assert result.rows_dropped == 0
    # b is written first, so it comes first.
    assert summary(result) == [("b", None, 4, 0.25), ("a", None, 5, 0.6)]
    b, a = result.points
    # Wilson 1/4 (p = 0.25): denominator 1 + 3.841459/4 = 1.960365;
    #   centre = (0.25 + 0.480182)/1.960365 = 0.372473;
    #   half = 1.959964*sqrt(0.046875 + 0.060023)/1.960365 = 0.640815/1.960365 = 0.326885
    assert b.lo == pytest.approx(0.0456, abs=1e-4)  # 0.372473 - 0.326885 = 0.045587
    assert b.hi == pytest.approx(0.6994, abs=1e-4)  # 0.372473 + 0.326885 = 0.699358
    # Wilson 3/5 (p = 0.6): denominator 1 + 3.841459/5 = 1.768292;
    #   centre = (0.6 + 0.384146)/1.768292 = 0.556552;
    #   half = 1.959964*sqrt(0.048 + 0.038415)/1.768292 = 0.576158/1.768292 = 0.325827
    assert a.lo == pytest.approx(0.2307, abs=1e-4)  # 0.556552 - 0.325827 = 0.230724
    assert a.hi == pytest.approx(0.8824, abs=1e-4)  # 0.556552 + 0.325827 = 0.882379


def test_numeric_y_is_a_mean_with_a_student_t_interval():
    # a: 1, 2, 3, 6 -> mean 12/4 = 3
    #   deviations -2, -1, 0, 3 -> squares 4 + 1 + 0 + 9 = 14 -> sample var 14/3 = 4.666667
    #   sd = 2.160247; t(0.975, df=3) = 3.182446 (t table)
    #   half = 3.182446 * 2.160247 / sqrt(4) = 6.874870 / 2 = 3.437435
    # b: 10 alone -> no spread to estimate, no interval
    frame = pd.DataFrame({"run": ["a", "a", "b", "a", "a"], "loss": [1.0, 2.0, 10.0, 3.0, 6.0]})
    result = aggregate(frame, x="run", y="loss")
    assert result.measure == "mean"
    assert summary(result) == [("a", None, 4, 3.0), ("b", None, 1, 10.0)]
    a, b = result.points
    assert a.lo == pytest.approx(-0.4374, abs=1e-4)  # 3 - 3.437435 = -0.437435
    assert a.hi == pytest.approx(6.4374, abs=1e-4)  # 3 + 3.437435 = 6.437435
    assert (b.lo, b.hi) == (None, None)


def test_whole_numbers_other_than_0_1_are_a_mean():
    frame = pd.DataFrame({"m": ["a", "a"], "tokens": [0, 2]})
    result = aggregate(frame, x="m", y="tokens")
    assert result.measure == "mean"
    assert summary(result) == [("a", None, 2, 1.0)]


def test_missing_y_rows_are_dropped_and_counted():
    # a: 1, NaN, 0, 1 -> 2 of 3 present;  b: NaN, 0 -> 0 of 1 present
    frame = pd.DataFrame(
        {"m": ["a", "a", "b", "a", "b", "a"], "ok": [1, None, None, 0, 0, 1]}
    )
    result = aggregate(frame, x="m", y="ok")
    assert result.measure == "rate"
    assert result.rows_dropped == 2
    assert summary(result) == [("a", None, 3, pytest.approx(2 / 3)), ("b", None, 1, 0.0)]
    # b rests on one sample: no error bar (the footer says so)
    b = result.points[1]
    assert (b.lo, b.hi) == (None, None)


def test_group_whose_y_is_all_missing_disappears():
    frame = pd.DataFrame({"m": ["a", "b", "b"], "loss": [0.5, None, None]})
    result = aggregate(frame, x="m", y="loss")
    assert summary(result) == [("a", None, 1, 0.5)]
    assert result.rows_dropped == 2


def test_groups_follow_first_appearance_of_x_and_colour():
    # (cue, family) pairs in the order first written:
    #   (Teacher, ITC), (Professor, ITC), (Teacher, Base), (Professor, Base)
    frame = pd.DataFrame(
        {
            "cue": ["Teacher", "Professor", "Teacher", "Professor", "Teacher", "Professor"],
            "family": ["ITC", "ITC", "Base", "Base", "ITC", "ITC"],
            "articulated": [1, 0, 0, 1, 1, 1],
        }
    )
    result = aggregate(frame, x="cue", y="articulated", color="family")
    assert summary(result) == [
        ("Teacher", "ITC", 2, 1.0),  # rows 0 and 4: 1, 1
        ("Professor", "ITC", 2, 0.5),  # rows 1 and 5: 0, 1
        ("Teacher", "Base", 1, 0.0),
        ("Professor", "Base", 1, 1.0),
    ]


def test_numeric_x_values_come_back_as_plain_python_numbers():
    frame = pd.DataFrame({"step": [2000, 1000, 2000], "loss": [0.5, 0.9, 0.7]})
    result = aggregate(frame, x="step", y="loss")
    assert [p.x for p in result.points] == [2000, 1000]
    assert type(result.points[0].x) is int


def test_boolean_y_is_a_rate():
    # a: True, False -> 1 of 2;  b: True -> 1 of 1
    frame = pd.DataFrame({"m": ["a", "a", "b"], "ok": [True, False, True]})
    result = aggregate(frame, x="m", y="ok")
    assert result.measure == "rate"
    assert summary(result) == [("a", None, 2, 0.5), ("b", None, 1, 1.0)]
    a, b = result.points
    # Wilson 1/2: centre 0.5; half = 1.959964*sqrt(0.125 + 3.841459/16)/(1 + 3.841459/2)
    #   = 1.959964*0.604228/2.920729 = 0.405469
    assert (a.lo, a.hi) == (pytest.approx(0.0945, abs=1e-4), pytest.approx(0.9055, abs=1e-4))
    # b: one sample, no interval
    assert (b.lo, b.hi) == (None, None)


def test_boolean_y_with_a_missing_value_is_still_a_rate(tmp_path):
    # BUG: one null in a true/false column (common in JSONL evals) makes the column
    # 'object' dtype, and aggregate calls it text: "found text (True, False)".
    path = tmp_path / "results.jsonl"
    path.write_text(
        '{"model": "a", "correct": true}\n'
        '{"model": "a", "correct": null}\n'
        '{"model": "a", "correct": false}\n'
        '{"model": "b", "correct": true}\n'
    )
    result = aggregate(read_table(path), x="model", y="correct")
    assert result.measure == "rate"
    assert result.rows_dropped == 1
    assert summary(result) == [("a", None, 2, 0.5), ("b", None, 1, 1.0)]


def test_text_y_is_refused_with_examples_of_the_text():
    frame = pd.DataFrame({"m": ["a", "a", "b", "b"], "answer": ["yes", "no", "yes", "maybe"]})
    with pytest.raises(DataError) as info:
        aggregate(frame, x="m", y="answer")
    assert str(info.value) == "expected numbers or 0/1 values; found text ('yes', 'no', 'maybe')"


@pytest.mark.parametrize("bad", [math.inf, -math.inf])
def test_infinite_y_is_refused(bad):
    frame = pd.DataFrame({"m": ["a", "a", "b"], "loss": [0.5, bad, 0.7]})
    with pytest.raises(DataError) as info:
        aggregate(frame, x="m", y="loss")
    assert str(info.value) == "contains infinite values; expected finite numbers"
