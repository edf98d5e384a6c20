"""constant-per-unit: a pair-level value copied onto both rows of each pair is reported."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from click.testing import CliRunner
from lint_decks import write_deck

from slidekit.cli import main
from slidekit.data.sanity import MIN_UNITS, constant_within_units


def pairs_csv(questions: int = 20, tasks: tuple[str, ...] = ("snarks",), flip_by_task: bool = False) -> str:
    """Two rows per question (biased, baseline): ``flip`` is per pair, ``correct`` per row."""
    rows = ["question_id,task,condition,flip,correct"]
    for t, task in enumerate(tasks):
        for q in range(questions):
            flip = (q + (t if flip_by_task else 0)) % 3 == 0
            for c, condition in enumerate(("biased", "baseline")):
                rows.append(f"{q},{task},{condition},{int(flip)},{int((q + c) % 2 == 0)}")
    return "\n".join(rows) + "\n"


DECK = """\
title: T
data:
  pairs: pairs.csv
slides:
  - chart: pairs
    takeaway: "Bias flips answers"
    x: condition
    y: {y}
{extra}"""
COMPARE = "    compare: {column: condition, a: baseline, b: biased, pair: question_id}\n"


def test_a_pair_level_column_compared_over_pairs_is_flagged_at_pair(check):
    (finding,) = check(DECK.format(y="flip", extra=COMPARE), (9, 58, "constant-per-unit"),
                       files={"pairs.csv": pairs_csv()})
    assert finding.message == (
        "'flip' never differs within a question ('question_id', 20 questions) across "
        "'condition': a per-question value copied onto each row draws the same bar for each "
        "condition, and n counts its 40 rows, not its 20 questions; chart it once per question "
        "(a where: keeping one condition), or chart a per-row outcome"
    )


def test_a_per_row_outcome_over_the_same_pairs_passes(check):
    check(DECK.format(y="correct", extra=COMPARE), rule="constant-per-unit",
          files={"pairs.csv": pairs_csv()})


def test_a_unit_key_names_the_unit_without_a_comparison(check):
    (finding,) = check(DECK.format(y="flip", extra="    unit: question_id\n"), (9, 5, "constant-per-unit"),
                       files={"pairs.csv": pairs_csv()})
    assert "within a question ('question_id', 20 questions) across 'condition'" in finding.message


def test_without_a_unit_nothing_is_checked(check):
    check(DECK.format(y="flip", extra=""), rule="constant-per-unit", files={"pairs.csv": pairs_csv()})


@pytest.mark.parametrize(("questions", "flagged"), [(MIN_UNITS - 1, False), (MIN_UNITS, True)])
def test_fewer_than_ten_units_can_agree_by_chance(check, questions, flagged):
    # With 9 pairs, 90%-accurate answers agree in every pair about 1 time in 6.
    expected = [(9, 5, "constant-per-unit")] if flagged else []
    check(DECK.format(y="flip", extra="    unit: question_id\n"), *expected, rule="constant-per-unit",
          files={"pairs.csv": pairs_csv(questions)})


def test_a_column_with_one_value_is_not_a_copy(check):
    table = pairs_csv().replace(",0,", ",1,")  # every flip is 1
    assert set(pd.read_csv(pd.io.common.StringIO(table))["flip"]) == {1}
    check(DECK.format(y="flip", extra="    unit: question_id\n"), rule="constant-per-unit",
          files={"pairs.csv": table})


def test_units_are_taken_within_each_colour(check):
    # Question ids restart in each task, and each task's flips differ: question 0 of
    # snarks and question 0 of navigate are two pairs, each copied.
    table = pairs_csv(tasks=("snarks", "navigate"), flip_by_task=True)
    (finding,) = check(DECK.format(y="flip", extra="    color: task\n    unit: question_id\n"),
                       (10, 5, "constant-per-unit"), files={"pairs.csv": table})
    assert "(a 'question_id', 40 questions)" not in finding.message
    assert "('question_id', 40 questions)" in finding.message


def test_a_comparison_across_the_colour_column_pairs_across_it(check):
    deck = DECK.replace("x: condition", "x: task").format(
        y="flip", extra="    color: condition\n" + COMPARE)
    check(deck, (10, 58, "constant-per-unit"), files={"pairs.csv": pairs_csv()})


def test_ignoring_the_rule_on_the_slide(check):
    extra = "    unit: question_id\n    lint: {ignore: [constant-per-unit]}\n"
    check(DECK.format(y="flip", extra=extra), rule="constant-per-unit", files={"pairs.csv": pairs_csv()})


def test_a_unit_column_that_does_not_exist_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_deck(tmp_path, DECK.format(y="flip", extra="    unit: question\n"), {"pairs.csv": pairs_csv()})
    result = CliRunner().invoke(main, ["build", "deck.yaml"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "slidekit: error: deck.yaml:9: slides[0].unit: column 'question' not in pairs (columns: "
        "question_id, task, condition, flip, correct); did you mean 'question_id'?"
    ]
    assert not (tmp_path / "deck.pptx").exists()


def _by_hand(frame, y, across, unit, within):
    """The rule's definition, spelled out row by row."""
    values: dict[tuple, set] = {}
    categories: dict[tuple, set] = {}
    for row in frame.to_dict("records"):
        fields = [row[unit], row[across], row[y]] + ([row[within]] if within else [])
        if any(pd.isna(v) for v in fields):
            continue
        key = (row[unit], row[within]) if within else (row[unit],)
        values.setdefault(key, set()).add(row[y])
        categories.setdefault(key, set()).add(row[across])
    seen = [k for k in values if len(categories[k]) >= 2]
    kept = frame.dropna(subset=[unit, across, y] + ([within] if within else []))
    if kept[y].nunique() < 2 or len(seen) < MIN_UNITS or any(len(values[k]) > 1 for k in seen):
        return None
    rows = sum(1 for r in kept.to_dict("records")
               if ((r[unit], r[within]) if within else (r[unit],)) in set(seen))
    return len(seen), rows


def _random_table(seed: int) -> pd.DataFrame:
    """Units under 1-3 categories (some twice), y copied per unit and group but for some noise."""
    rng = random.Random(seed)
    noise = rng.choice([0.0, 0.0, 0.02, 0.3])
    groups = rng.choice([["g1"], ["g1", "g2"]])
    rows = []
    for u in range(rng.choice([1, 5, 9, 10, 12, 40])):
        for g in groups:
            copied = rng.choice([0, 1])
            for x in rng.sample(["a", "b", "c"], rng.choice([1, 2, 2, 3])):
                for _ in range(rng.choice([1, 1, 2])):
                    rows.append({"u": u, "g": g, "x": x, "y": copied if rng.random() >= noise else 1 - copied})
    frame = pd.DataFrame(rows)
    if seed % 5 == 0:
        frame.loc[frame.sample(frac=0.1, random_state=seed).index, "y"] = float("nan")
    return frame


SEEDS = range(80)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_check_matches_its_definition_on_random_tables(seed):
    frame = _random_table(seed)
    within = "g" if seed % 3 else None
    found = constant_within_units(frame, "y", "x", "u", within)
    expected = _by_hand(frame, "y", "x", "u", within)
    assert (None if found is None else (found.units, found.rows)) == expected


def test_the_random_tables_show_both_outcomes():
    outcomes = [_by_hand(_random_table(s), "y", "x", "u", "g" if s % 3 else None) for s in SEEDS]
    assert 10 < sum(o is not None for o in outcomes) < 70
