"""The spec's lint settings: ignore, severity, and rule ids that do not exist."""

from __future__ import annotations

from lint_decks import GOOD

NO_CALLOUTS = """\
title: T
data:
  evals: results.csv
slides:
  - chart: evals
    takeaway: "Reasoning models articulate cues more often"
    x: cue
    y: articulated
  - chart: evals
    takeaway: "Cues switch answers for every model"
    x: cue
    y: switched
"""


def test_every_rule_runs_by_default(lint_text):
    rules = {f.rule for f in lint_text(NO_CALLOUTS)}
    assert rules == {"recap-missing", "prompt-missing", "callout-missing"}


def test_the_good_deck_has_no_findings_at_all(lint_text):
    assert lint_text(GOOD) == ()


def test_lint_ignore_switches_a_rule_off(lint_text):
    spec = NO_CALLOUTS + "lint:\n  ignore: [callout-missing, prompt-missing]\n"
    assert [f.rule for f in lint_text(spec)] == ["recap-missing"]


def test_a_slide_ignores_a_rule_for_itself_only(check):
    spec = NO_CALLOUTS.replace(
        "    y: articulated\n", "    y: articulated\n    lint:\n      ignore: [callout-missing]\n"
    )
    check(spec, (11, 5, "callout-missing"))


def test_lint_severity_changes_a_rules_severity(check):
    spec = NO_CALLOUTS + "lint:\n  severity:\n    callout-missing: error\n"
    findings = check(spec, (5, 5, "callout-missing"), (9, 5, "callout-missing"))
    assert {f.severity for f in findings} == {"error"}


def test_an_unknown_rule_in_ignore_is_an_error_with_a_suggestion(check):
    spec = GOOD + "lint:\n  ignore: [callout-missing, calout-missing]\n"
    findings = check(spec, (25, 29, "unknown-rule"), rule="callout-missing")
    assert findings[0].severity == "error"
    assert findings[0].message == (
        "lint.ignore[1]: no lint rule 'calout-missing'; did you mean 'callout-missing'?"
    )


def test_an_unknown_rule_in_severity_points_at_its_key(check):
    spec = GOOD + "lint:\n  severity:\n    text-heavyy: error\n    nonsense: warning\n"
    findings = check(spec, (26, 5, "unknown-rule"), (27, 5, "unknown-rule"), rule="text-heavy")
    assert findings[0].message.endswith("did you mean 'text-heavy'?")
    assert "expected one of: callout-missing, callout-target-missing," in findings[1].message


def test_an_unknown_rule_on_a_slide_points_at_it(check):
    spec = GOOD.replace(
        '    title: "Next steps"\n', '    title: "Next steps"\n    lint: {ignore: [text_heavy]}\n'
    )
    findings = check(spec, (24, 21, "unknown-rule"), rule="text-heavy")
    assert findings[0].slide == 5
    assert findings[0].message == (
        "slides[2].lint.ignore[0]: no lint rule 'text_heavy'; did you mean 'text-heavy'?"
    )
