"""The rules about the numbers: claims a comparison does not support, bars of no width."""

from __future__ import annotations

import pytest

# 40 questions per model, without and with a cue (0/1 correct). The careful model's
# difference is small and unclear (2 of 40 questions flip); the deferential model's is large.
ROWS = ["model,question,cue,ok"]
for q in range(40):
    ROWS.append(f"careful,{q},none,{int(q % 10 != 0)}")
    ROWS.append(f"careful,{q},cue,{int(q % 10 != 0 and q not in (3, 17))}")
    ROWS.append(f"deferential,{q},none,{int(q % 10 != 0)}")
    ROWS.append(f"deferential,{q},cue,{int(q % 10 != 0 and q % 4 == 0)}")
ANSWERS = {"answers.csv": "\n".join(ROWS) + "\n"}

DECK = """\
title: T
data:
  answers: answers.csv
slides:
  - chart: answers
    takeaway: "{takeaway}"
    x: model
    y: ok
    color: cue
    compare: {{column: cue, a: none, b: cue, pair: question}}
{extra}"""


@pytest.mark.parametrize("takeaway", ["The cue lowers accuracy", "The cue hurts every model",
                                      "Cued models do worse"])
def test_a_claimed_difference_whose_interval_includes_0_is_flagged(check, takeaway):
    # No callout: every group is checked, and the careful model's interval includes 0.
    (finding,) = check(DECK.format(takeaway=takeaway, extra=""), (6, 5, "claim-unsupported"),
                       files=ANSWERS)
    assert finding.message.startswith("the takeaway claims a difference (")
    assert "careful: cue \u2212 none: \u22125.0 pts [" in finding.message
    assert "the interval includes 0" in finding.message


def test_the_group_the_callout_points_at_is_the_one_checked(check):
    at_deferential = "    callout: {at: {model: deferential, cue: cue}, text: Follows the cue}\n"
    check(DECK.format(takeaway="The cue lowers the deferential model's accuracy", extra=at_deferential),
          rule="claim-unsupported", files=ANSWERS)
    at_careful = at_deferential.replace("deferential", "careful")
    check(DECK.format(takeaway="The cue lowers the careful model's accuracy", extra=at_careful),
          (6, 5, "claim-unsupported"), files=ANSWERS)


def test_a_takeaway_that_claims_no_difference_is_not_flagged(check):
    check(DECK.format(takeaway="The careful model ignores the cue", extra=""),
          rule="claim-unsupported", files=ANSWERS)


def test_a_chart_without_compare_is_not_checked(check):
    spec = DECK.format(takeaway="The cue lowers accuracy", extra="").replace(
        "    compare: {column: cue, a: none, b: cue, pair: question}\n", "")
    check(spec, rule="claim-unsupported", files=ANSWERS)


ZERO = {"z.csv": "model,ok\n" + "a,1\n" * 12 + "b,0\n" * 3 + "b,1\n" * 9}
ZERO_DECK = """\
title: T
data:
  z: z.csv
slides:
  - chart: z
    takeaway: "Model a is always right"
    x: model
    y: ok
{extra}"""


@pytest.mark.parametrize("error", ["t", "bootstrap"])
def test_a_zero_width_bar_at_100_percent_suggests_wilson(check, error):
    (finding,) = check(ZERO_DECK.format(extra=f"    error: {error}\n"), (9, 5, "zero-width-interval"),
                       files=ZERO)
    assert finding.message.startswith("1 point(s) in chart 'z' are at 0% or 100% with a zero-width error bar")
    assert finding.message.endswith("use error: wilson (the default for 0/1 columns), which is honest at the edges")


def test_wilson_is_never_zero_width(check):
    check(ZERO_DECK.format(extra=""), rule="zero-width-interval", files=ZERO)


def test_a_standard_error_column_of_0_at_100_percent_is_flagged(check):
    files = {"p.csv": "model,acc,se\na,1.0,0.0\nb,0.7,0.05\n"}
    spec = ZERO_DECK.replace("z: z.csv", "z: p.csv").replace("y: ok", "y: acc").format(extra="    error: se\n")
    (finding,) = check(spec, (9, 5, "zero-width-interval"), files=files)
    assert "chart the per-sample rows instead" in finding.message
