"""The rules about result slides: categories, backups, takeaways, callouts, samples."""

from __future__ import annotations

import pytest
from lint_decks import CHART, results_csv, write_deck

from slidekit.data.tables import load_tables
from slidekit.errors import SlidekitError
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec

# --- too-many-categories ------------------------------------------------------------


def test_too_many_categories_points_at_color_without_show(check):
    findings = check(CHART + "    color: model\n", (9, 5, "too-many-categories"))
    assert findings[0].message.startswith(
        "chart 'evals' draws 5 categories of model (DeepSeek-R1, QwQ-32B, GPT-4o, Claude-3.5, "
        "Llama-3.1-8B): four or more colours on one chart is confusing"
    )
    assert findings[0].severity == "warning"
    assert findings[0].slide == 2


def test_too_many_categories_points_at_show_when_show_draws_four(check):
    check(
        CHART + "    color: model\n    show: [DeepSeek-R1, QwQ-32B, GPT-4o, Claude-3.5]\n",
        (10, 5, "too-many-categories"),
    )


@pytest.mark.parametrize(
    "extra",
    [
        "    color: family\n",  # three categories
        "    color: model\n    show: [DeepSeek-R1, GPT-4o]\n",
        "",  # no colours at all
    ],
)
def test_too_many_categories_passes_three_or_fewer(check, extra):
    check(CHART + extra, rule="too-many-categories")


# --- hidden-categories-no-backup ----------------------------------------------------


def test_hidden_categories_without_backup_point_at_backup(check):
    findings = check(
        CHART + "    color: family\n    show: [ITC, Non-ITC]\n    backup: false\n",
        (11, 5, "hidden-categories-no-backup"),
    )
    assert findings[0].message.startswith("show: hides Base (family) and backup: false drops")


@pytest.mark.parametrize(
    "extra",
    [
        "    color: family\n    show: [ITC, Non-ITC]\n",  # backup on: the breakdown is kept
        "    color: family\n    show: [ITC, Non-ITC, Base]\n    backup: false\n",  # hides nothing
        "    color: family\n    backup: false\n",  # no show
    ],
)
def test_hidden_categories_with_backup_or_nothing_hidden_pass(check, extra):
    check(CHART + extra, rule="hidden-categories-no-backup")


def test_hidden_categories_respect_the_chart_filter(check):
    # The chart's own where: leaves only ITC and Non-ITC, so show hides nothing.
    spec = CHART + "    color: family\n    where: \"family != 'Base'\"\n"
    spec += "    show: [ITC, Non-ITC]\n    backup: false\n"
    check(spec, rule="hidden-categories-no-backup")


# --- takeaway-missing ---------------------------------------------------------------

NO_TAKEAWAY = """\
title: T
data:
  evals: results.csv
slides:
  - bullets: ["Intro"]
    title: Intro
  - chart: evals
    x: cue
    y: articulated
"""


def test_takeaway_missing_is_an_error_at_the_chart_key(check):
    findings = check(NO_TAKEAWAY, (7, 5, "takeaway-missing"))
    assert findings[0].severity == "error"
    assert findings[0].slide == 3
    assert findings[0].message.startswith("chart slide 3 ('evals') has no takeaway: add takeaway:")


def test_takeaway_missing_with_only_a_title_says_the_title_is_not_enough(check):
    findings = check(NO_TAKEAWAY + '    title: "Articulation by cue"\n', (7, 5, "takeaway-missing"))
    assert "title: only sets the headline" in findings[0].message


def test_takeaway_missing_flags_a_blank_takeaway(check):
    check(NO_TAKEAWAY + '    takeaway: "  "\n', (7, 5, "takeaway-missing"))


def test_takeaway_present_passes(check):
    check(CHART, rule="takeaway-missing")


# --- takeaway-off-chart -------------------------------------------------------------


def test_takeaway_sharing_no_word_with_the_chart_is_flagged(check):
    spec = CHART.replace("ITC models articulate cues more often", "Scaling helps a lot")
    findings = check(spec + "    color: family\n", (6, 5, "takeaway-off-chart"))
    assert "mentions nothing chart 'evals' shows" in findings[0].message


@pytest.mark.parametrize(
    "takeaway, extra",
    [
        ("Reasoning families articulate far more", "    color: family\n"),  # y: articulated
        ("ITC leads on every cue", "    color: family\n"),  # a category and the x column
        ("Professor is the strongest of the two", ""),  # an x value
        ("Scaling helps a lot", '    y_label: "Gains from scaling"\n'),  # the axis label
        ("Scaling helps a lot", "    callout:\n      at: {cue: Professor}\n      text: Scaling!\n"),
    ],
)
def test_takeaway_naming_anything_on_the_chart_passes(check, takeaway, extra):
    spec = CHART.replace("ITC models articulate cues more often", takeaway)
    check(spec + extra, rule="takeaway-off-chart")


def test_takeaway_with_a_number_template_is_read_without_it(check):
    spec = CHART.replace(
        "ITC models articulate cues more often",
        "ITC articulates {{ value(cue='Professor', family='ITC') | pct }} of professor cues",
    )
    check(spec + "    color: family\n", rule="takeaway-off-chart")


# --- callout-missing ----------------------------------------------------------------


def test_callout_missing_points_at_the_chart_key(check):
    findings = check(CHART + "    color: family\n", (5, 5, "callout-missing"))
    assert "add callout: {at: {cue: ..., family: ...}" in findings[0].message


def test_callout_present_passes(check):
    spec = CHART + "    callout:\n      at: {cue: Professor}\n      text: Look here\n"
    check(spec, rule="callout-missing")


# --- callout-target-missing ---------------------------------------------------------

CALLOUT = (
    CHART
    + """\
    color: family
    show: [ITC, Non-ITC]
    callout:
      at: {AT}
      text: "Look here"
  - chart: evals
    takeaway: "Switches happen for every cue"
    x: cue
    y: switched
"""
)


def test_callout_matching_no_point_is_an_error_at_at(check):
    findings = check(
        CALLOUT.replace("{AT}", "{cue: Profesor, family: ITC}"), (12, 7, "callout-target-missing")
    )
    assert findings[0].severity == "error"
    assert findings[0].message == (
        "callout: cue=Profesor, family=ITC matches no point of the chart "
        "(drawn: cue: Professor, Argument; family: ITC, Non-ITC); "
        "point the arrow at exactly one drawn point"
    )


def test_callout_matching_several_points_is_flagged(check):
    findings = check(CALLOUT.replace("{AT}", "{cue: Professor}"), (12, 7, "callout-target-missing"))
    assert "matches 3 points, expected one; add family to pick one" in findings[0].message


def test_callout_on_a_hidden_category_is_flagged(check):
    findings = check(
        CALLOUT.replace("{AT}", "{cue: Professor, family: Base}"), (12, 7, "callout-target-missing")
    )
    assert "which show: hides from the chart" in findings[0].message


def test_callout_naming_another_column_points_at_that_column(check):
    check(
        CALLOUT.replace("{AT}", "{cue: Professor, model: GPT-4o}"),
        (12, 28, "callout-target-missing"),
    )


def test_callout_target_missing_leaves_the_rest_of_the_deck_linted(lint_text):
    findings = lint_text(
        CALLOUT.replace("{AT}", "{cue: Nope, family: ITC}"),
        ["callout-target-missing", "callout-missing", "takeaway-missing"],
    )
    # The broken callout is reported once, not also as a missing callout; slide 2 is checked.
    assert [(f.line, f.column, f.rule) for f in findings] == [
        (12, 7, "callout-target-missing"),
        (14, 5, "callout-missing"),
    ]


def test_the_build_still_refuses_a_callout_that_matches_nothing(tmp_path):
    path = write_deck(tmp_path, CALLOUT.replace("{AT}", "{cue: Nope, family: ITC}"))
    loaded = load_spec(path)
    with pytest.raises(SlidekitError) as info:
        resolve_plan(loaded, load_tables(loaded))
    assert [p.line for p in info.value.problems] == [12]


def test_callout_on_a_drawn_point_passes(check):
    check(CALLOUT.replace("{AT}", "{cue: Professor, family: ITC}"), rule="callout-target-missing")


# --- small-sample -------------------------------------------------------------------


def test_small_sample_names_the_smallest_point(check):
    files = {"results.csv": results_csv(questions=20)}
    findings = check(CHART + "    color: family\n", (5, 5, "small-sample"), files=files)
    assert findings[0].message.startswith(
        "2 of 6 points in chart 'evals' have fewer than 30 samples "
        "(smallest: cue=Professor, family=Base with n = 20)"
    )


def test_small_sample_threshold_is_lint_min_samples(check):
    spec = CHART + "    color: family\nlint:\n  min_samples: 50\n"
    findings = check(spec, (5, 5, "small-sample"))
    assert "fewer than 50 samples" in findings[0].message


def test_small_sample_passes_with_enough_samples(check):
    check(CHART + "    color: model\n    show: [DeepSeek-R1, GPT-4o]\n", rule="small-sample")


ONE_ROW_PER_MODEL = """\
title: T
data:
  agg: agg.csv
slides:
  - chart: agg
    takeaway: "B is more accurate than A"
    x: model
    y: accuracy
"""


def test_small_sample_flags_a_point_of_one_sample(check):
    files = {"agg.csv": "model,accuracy\nA,0.7\nB,0.8\n"}
    findings = check(ONE_ROW_PER_MODEL, (5, 5, "small-sample"), files=files)
    assert "(smallest: model=A with n = 1)" in findings[0].message


def test_small_sample_skips_points_with_unknown_n(check):
    # A pre-aggregated table (standard errors given, no n column) does not say n.
    files = {"agg.csv": "model,accuracy,se\nA,0.7,0.02\nB,0.8,0.02\n"}
    check(ONE_ROW_PER_MODEL + "    error: se\n", rule="small-sample", files=files)
