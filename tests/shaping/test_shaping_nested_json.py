"""Tables nested inside a JSON file: `records:` picks them and `tag:` names each one.

On a real file: Turpin et al.'s BBH outputs, two column-oriented tables (biased, baseline)
in a list under `outputs` (tests/fixtures/turpin_bbh/SOURCE.md has the counts).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from shaping_helpers import notes_of
from statsmodels.stats.proportion import proportion_confint

SNARKS = Path(__file__).resolve().parents[1] / "fixtures" / "turpin_bbh" / "snarks.json"

SPEC = """\
title: Suggested answers
data:
  snarks:
    path: snarks.json
    records: outputs
    tag: {condition: [biased, baseline]}
    columns:
      correct: y_pred == y_true
      follows_cue: y_pred == random_ans_idx
slides:
  - chart: snarks
    takeaway: "A suggested answer lowers accuracy on snarks."
    x: condition
    y: correct
"""


def _project(project, spec: str = SPEC):
    shutil.copy(SNARKS, project.folder / "snarks.json")
    project.spec(spec)
    return project


def _wilson(k: int, n: int) -> str:
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return f"{k / n:.1%} [{lo:.1%}, {hi:.1%}], n = {n}"


def test_the_tagged_tables_are_read_directly_with_the_published_counts(project):
    (slide,) = _project(project).charts()
    points = {p.x: (p.value, p.n) for p in slide.chart.points}
    assert points == {"biased": (93 / 151, 151), "baseline": (111 / 151, 151)}
    notes = notes_of(project.build().slides[1]).splitlines()
    assert f"biased: {_wilson(93, 151)}" in notes and f"baseline: {_wilson(111, 151)}" in notes


def test_a_second_column_of_the_same_file_follows_the_cue(project):
    (slide,) = _project(project, SPEC.replace("y: correct", "y: follows_cue")).charts()
    assert {p.x: p.value for p in slide.chart.points} == {"biased": 128 / 151, "baseline": 78 / 151}


def test_a_dotted_path_and_a_list_index_reach_one_table(project):
    data = json.loads(SNARKS.read_text())
    project.write("nested.json", json.dumps({"run": {"tables": data["outputs"]}}))
    spec = SPEC.replace("snarks.json", "nested.json").replace("records: outputs", "records: run.tables.1")
    spec = spec.replace("    tag: {condition: [biased, baseline]}\n", "").replace("x: condition", "x: y_true")
    project.spec(spec)
    (slide,) = project.charts()
    assert sum(p.n for p in slide.chart.points) == 151
    correct = sum(p.value * p.n for p in slide.chart.points)
    assert correct == pytest.approx(111)


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ("records: outputs", "records: outputz", "records",
         "snarks.json: no 'outputz' at the top level of the JSON; found a mapping of 4 "
         "(keys: config, canary, failed_idx, outputs)"),
        ("[biased, baseline]", "[biased]", "tag",
         "snarks.json: condition: expected 2 values, one per table in outputs; found 1"),
        ("tag: {condition: [biased, baseline]}", "tag: {y_true: [a, b]}", "tag",
         "snarks.json: y_true: the tables already have a column 'y_true'; pick another name"),
        ("records: outputs", "records: config", "tag",
         "snarks.json: expected config in the file to be a list of tables to tag; found a mapping of 5"),
        ("records: outputs", "records: outputs\n    index: condition", "index",
         "snarks.json: 'condition' is also tag's column; name the row numbers another way"),
        ("records: outputs", "records: outputs\n    index: y_true", "index",
         "snarks.json: the table already has a column 'y_true'; pick another name"),
        ("    tag: {condition: [biased, baseline]}\n", "", "records",
         "snarks.json: outputs in the file holds 2 tables; name each with tag: {column: [one value per table]}"),
    ],
)
def test_a_wrong_records_or_tag_is_one_line_at_its_key(project, old, new, key, message):
    spec = SPEC.replace(old, new)
    _project(project, spec)
    line = project.line(f"{key}:")
    assert project.errors() == [f"slidekit: error: deck.yaml:{line}: data.snarks.{key}: {message}"]


def test_an_unreadable_json_names_the_keys_that_pick_a_table(project):
    spec = SPEC.replace("    records: outputs\n    tag: {condition: [biased, baseline]}\n", "")
    _project(project, spec)
    assert project.errors() == [
        f"slidekit: error: deck.yaml:{project.line('path: snarks.json')}: data.snarks.path: snarks.json: "
        "expected a JSON list of records or a mapping of columns; found a mapping with keys config, canary, "
        "failed_idx, outputs: pick the table inside with records: KEY (and tag: for a list of tables)"
    ]


def test_records_on_a_csv_says_it_is_for_json(project):
    project.write("t.csv", "condition,correct\na,1\nb,0\n")
    project.spec(SPEC.replace("snarks.json", "t.csv").replace("    columns:\n      correct: y_pred == y_true\n"
                                                              "      follows_cue: y_pred == random_ans_idx\n", ""))
    assert project.errors() == [
        f"slidekit: error: deck.yaml:{project.line('records:')}: data.snarks.records: t.csv: "
        "records: reads the tables inside a JSON file; found a csv table"
    ]


PAIRED = SPEC.replace("records: outputs", "records: outputs\n    index: question") + (
    "    compare: {column: condition, a: baseline, b: biased, pair: question}\n"
)


def test_index_numbers_each_tables_rows_so_the_two_prompts_pair(project):
    # The two lists hold the same 151 questions in the same order (y_true agrees row by row).
    from scipy import stats

    data = json.loads(SNARKS.read_text())
    biased, baseline = ([float(p == t) for p, t in zip(o["y_pred"], o["y_true"])] for o in data["outputs"])
    differences = [b - a for b, a in zip(biased, baseline)]
    interval = stats.t.interval(0.95, 150, loc=sum(differences) / 151, scale=stats.sem(differences))
    test = stats.ttest_rel(biased, baseline)

    (slide,) = _project(project, PAIRED).charts()
    (comparison,) = slide.comparisons
    assert comparison.paired and comparison.n == 151 and comparison.unmatched == 0
    assert comparison.estimate == pytest.approx(-18 / 151, abs=1e-12)
    assert (comparison.lo, comparison.hi) == pytest.approx(interval, abs=1e-12)
    assert comparison.p == pytest.approx(test.pvalue, rel=1e-9)
    assert slide.comparison == "biased \u2212 baseline: \u221211.9 pts [\u221221.2, \u22122.7], paired over 151 questions, p = 0.012"


def test_a_pair_level_column_of_the_pairs_is_linted(project):
    # random_ans_idx (the suggested answer) and y_true are the same in both lists: per question.
    from slidekit.lint.linter import lint_spec

    spec = PAIRED.replace("      follows_cue:", "      suggests_truth: random_ans_idx == y_true\n      follows_cue:")
    _project(project, spec.replace("y: correct", "y: suggests_truth"))
    (finding,) = [f for f in lint_spec(project.folder / "deck.yaml").findings if f.rule == "constant-per-unit"]
    assert finding.line == project.line("compare:")
    assert "within a question ('question', 151 questions) across 'condition'" in finding.message
    assert "n counts its 302 rows, not its 151 questions" in finding.message

    _project(project, PAIRED)
    assert not [f for f in lint_spec(project.folder / "deck.yaml").findings if f.rule == "constant-per-unit"]
