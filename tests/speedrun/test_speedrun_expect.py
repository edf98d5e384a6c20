"""The ``expect:`` shorthand: a seeded per-sample table within sampling error of the rates asked."""

from __future__ import annotations

import math

import pytest
from speedrun_helpers import write_spec

from slidekit.data.expect import draw_expected
from slidekit.data.tables import load_tables
from slidekit.errors import SlidekitError
from slidekit.spec.load import load_spec
from slidekit.spec.models import ExpectSpec

ROWS = [
    {"family": "ITC", "cue": "Professor", "articulated": 0.60, "switched": 0.3},
    {"family": "Non-ITC", "cue": "Professor", "articulated": 0.10, "switched": 0.3},
    {"family": "ITC", "cue": "Argument", "articulated": 0.02, "switched": 0.95},
]


def rates(frame):
    return frame.groupby(["family", "cue"], sort=False)[["articulated", "switched"]].mean()


def test_each_row_becomes_n_samples_of_0_1_outcomes_and_its_categories():
    frame = draw_expected(ExpectSpec(n=300, rows=ROWS))
    assert list(frame.columns) == ["family", "cue", "articulated", "switched"]
    assert len(frame) == 900
    assert set(frame["articulated"]) | set(frame["switched"]) <= {0, 1}
    assert frame.groupby(["family", "cue"]).size().tolist() == [300, 300, 300]


@pytest.mark.parametrize("n", [200, 2_000])
def test_the_rates_are_within_sampling_error_of_what_was_asked(n):
    frame = draw_expected(ExpectSpec(n=n, rows=ROWS))
    drawn = rates(frame)
    for row in ROWS:
        for outcome in ("articulated", "switched"):
            asked = row[outcome]
            error = math.sqrt(asked * (1 - asked) / n)
            assert abs(drawn.loc[(row["family"], row["cue"]), outcome] - asked) < 3 * error, (row, outcome)


def test_the_draw_is_the_same_every_time_and_the_seed_changes_it():
    first = draw_expected(ExpectSpec(n=200, rows=ROWS))
    assert first.equals(draw_expected(ExpectSpec(n=200, rows=ROWS)))
    assert not first.equals(draw_expected(ExpectSpec(n=200, rows=ROWS, seed=1)))


def test_editing_one_row_redraws_only_that_row():
    first = draw_expected(ExpectSpec(n=200, rows=ROWS))
    edited = draw_expected(ExpectSpec(n=200, rows=[ROWS[0], {**ROWS[1], "articulated": 0.2}, ROWS[2]]))
    assert first.iloc[:200].equals(edited.iloc[:200])
    assert first.iloc[400:].equals(edited.iloc[400:])
    assert not first.iloc[200:400].equals(edited.iloc[200:400])


def test_a_built_table_has_the_same_numbers_on_every_load(tmp_path):
    spec = write_spec(tmp_path, """\
        title: T
        data:
          pilot:
            hypothetical: true
            expect:
              n: 50
              rows: [{cue: a, correct: 0.5}, {cue: b, correct: 0.9}]
        slides: [{bullets: [x], title: B}]
        """)
    loaded = load_spec(spec)
    first, second = load_tables(loaded)["pilot"], load_tables(load_spec(spec))["pilot"]
    assert first.frame.equals(second.frame)
    assert first.path == "expected rates in the spec (HYPOTHETICAL)"


def problems(tmp_path, data: str) -> list[str]:
    spec = write_spec(tmp_path, "title: T\ndata:\n" + data + "slides: [{bullets: [x], title: B}]\n")
    with pytest.raises(SlidekitError) as caught:
        load_spec(spec)
    return [str(p) for p in caught.value.problems]


def test_expect_without_hypothetical_true_is_an_error_at_the_table(tmp_path):
    assert problems(tmp_path, "  pilot:\n    expect: {n: 10, rows: [{cue: a, correct: 0.5}]}\n") == [
        f"{tmp_path / 'deck.yaml'}:3: data.pilot: expect: draws made-up results, so the table needs "
        "hypothetical: true (every slide that uses it is then marked HYPOTHETICAL); found no hypothetical key"
    ]
    assert problems(
        tmp_path, "  pilot:\n    hypothetical: false\n    expect: {n: 10, rows: [{cue: a, correct: 0.5}]}\n"
    )[0].endswith("found hypothetical: false")


def test_expect_and_a_path_together_is_an_error(tmp_path):
    found = problems(
        tmp_path, "  pilot:\n    hypothetical: true\n    path: a.csv\n    expect: {n: 10, rows: [{c: 0.5}]}\n"
    )
    assert found == [f"{tmp_path / 'deck.yaml'}:3: data.pilot: expected exactly one of path, rows, expect; found path and expect"]


def test_a_row_without_a_rate_or_with_other_columns_is_an_error_naming_the_row(tmp_path):
    base = "  pilot:\n    hypothetical: true\n    expect:\n      n: 10\n      rows:\n"
    found = problems(tmp_path, base + "        - {cue: a, correct: 0.5}\n        - {cue: b, correct: yes}\n")
    assert found == [
        f"{tmp_path / 'deck.yaml'}:7: data.pilot.expect.rows: row 2 has no expected rate; found only "
        "categories (cue, correct); give each outcome a number from 0 to 1, e.g. correct: 0.7"
    ]
    found = problems(tmp_path, base + "        - {cue: a, correct: 0.5}\n        - {model: b, correct: 0.5}\n")
    assert "every row needs the same categories and rates; found row 1 with categories (cue)" in found[0]
    found = problems(tmp_path, base.replace("n: 10", "n: 0") + "        - {cue: a, correct: 0.5}\n")
    assert found == [f"{tmp_path / 'deck.yaml'}:6: data.pilot.expect.n: expected a number of at least 1; found 0"]
