"""The deck-level rules: recap, prompt, and text-heavy slides."""

from __future__ import annotations

import pytest
from lint_decks import GOOD, RESULTS

# --- recap-missing ------------------------------------------------------------------


def test_no_recap_points_at_the_top_of_the_spec(check):
    findings = check("# Week 3\ntitle: T\n" + RESULTS, (2, 1, "recap-missing"))
    assert findings[0].message.startswith("no recap: add recap: {from: <last week's spec>}")
    assert findings[0].slide is None


def test_a_recap_with_only_jargon_points_at_recap(check):
    spec = "title: T\nrecap:\n  jargon:\n    ITC: Reasoning models.\n" + RESULTS
    findings = check(spec, (2, 1, "recap-missing"))
    assert "add recap.from (last week's spec) or recap.takeaways" in findings[0].message
    assert findings[0].slide == 2  # the recap slide, which shows the glossary


def test_a_recap_from_a_week_without_takeaways_is_flagged(check):
    last_week = 'title: Week 2\nslides:\n  - bullets: ["Set up the eval."]\n    title: Status\n'
    spec = "title: T\nrecap:\n  from: week2.yaml\n" + RESULTS
    findings = check(spec, (2, 1, "recap-missing"), files={"week2.yaml": last_week})
    assert "week2.yaml has none, so add recap.takeaways" in findings[0].message


@pytest.mark.parametrize(
    "recap",
    [
        'recap:\n  takeaways: ["Cues switch answers."]\n',
        "recap:\n  from: week2.yaml\n",
    ],
)
def test_a_recap_with_takeaways_passes(check, recap):
    last_week = 'title: Week 2\ntakeaways: ["Cues switch answers."]\nslides:\n  - bullets: ["x"]\n    title: S\n'
    check("title: T\n" + recap + RESULTS, rule="recap-missing", files={"week2.yaml": last_week})


def test_a_deck_without_results_needs_no_recap(check):
    check('title: T\nslides:\n  - bullets: ["Plan"]\n    title: Plan\n', rule="recap-missing")


# --- prompt-missing -----------------------------------------------------------------


def test_eval_results_without_a_prompt_point_at_slides(check):
    findings = check("title: T\n" + RESULTS, (4, 1, "prompt-missing"))
    assert findings[0].message.startswith(
        "the deck charts eval results ('evals') but shows no prompt"
    )


def test_a_prompt_slide_passes(check):
    check(GOOD, rule="prompt-missing")


def test_charts_of_means_alone_need_no_prompt(check):
    spec = """\
    title: T
    data:
      loss: loss.jsonl
    slides:
      - chart: loss
        kind: line
        takeaway: "Loss goes down"
        x: step
        y: loss
        color: run
    """
    check(spec, rule="prompt-missing")


# --- prompt-highlight-missing -------------------------------------------------------


def test_a_prompt_without_highlight_points_at_prompt(check):
    spec = "title: T\nslides:\n  - title: The prompt\n    prompt: prompt.txt\n"
    findings = check(spec, (4, 5, "prompt-highlight-missing"))
    assert findings[0].slide == 2


def test_a_highlighted_prompt_passes(check):
    check(GOOD, rule="prompt-highlight-missing")


# --- text-heavy ---------------------------------------------------------------------

SIXTEEN = " ".join(f"word{i}" for i in range(16))
FIFTEEN = " ".join(f"word{i}" for i in range(15))


def test_more_than_six_bullets_points_at_bullets(check):
    bullets = "".join(f"      - Point {i}\n" for i in range(7))
    spec = f"title: T\nslides:\n  - title: Next steps\n    bullets:\n{bullets}"
    findings = check(spec, (4, 5, "text-heavy"))
    assert findings[0].message.startswith("7 bullets and 14 words on one slide: keep to 6 bullets")


def test_more_than_sixty_words_on_a_bullet_slide_is_flagged(check):
    bullets = "".join(f"      - {' '.join(['word'] * 20)} end\n" for _ in range(3))
    check(f"title: T\nslides:\n  - bullets:\n{bullets}    title: Notes\n", (3, 5, "text-heavy"))


def test_six_bullets_of_sixty_words_pass(check):
    bullets = "".join(f"      - {' '.join(['word'] * 10)}\n" for _ in range(6))
    check(f"title: T\nslides:\n  - bullets:\n{bullets}    title: Notes\n", rule="text-heavy")


def test_long_headlines_takeaways_and_callouts_are_flagged_where_written(check):
    spec = f"""\
    title: "{SIXTEEN}"
    takeaways: ["{SIXTEEN}"]
    data:
      evals: results.csv
    slides:
      - chart: evals
        title: "{SIXTEEN}"
        takeaway: "{SIXTEEN}"
        x: cue
        y: articulated
        callout:
          at: {{cue: Professor}}
          text: "{SIXTEEN}"
      - bullets: [x]
        title: "{SIXTEEN}"
    """
    findings = check(
        spec,
        (1, 1, "text-heavy"),
        (2, 13, "text-heavy"),
        (7, 5, "text-heavy"),
        (8, 5, "text-heavy"),
        (13, 7, "text-heavy"),
        (15, 5, "text-heavy"),
    )
    assert findings[0].message.startswith("title has 16 words: say it in 15 or fewer")
    assert [f.slide for f in findings] == [1, None, 2, 2, 2, 3]
    assert findings[4].message.startswith("callout text has 16 words")


def test_fifteen_word_headlines_pass(check):
    spec = f'title: "{FIFTEEN}"\nslides:\n  - bullets: [x]\n    title: "{FIFTEEN}"\n'
    check(spec, rule="text-heavy")


def test_a_recap_of_more_than_six_takeaways_is_flagged(check):
    takeaways = "".join(f"    - Takeaway {i}\n" for i in range(7))
    spec = f"title: T\nrecap:\n  takeaways:\n{takeaways}slides:\n  - bullets: [x]\n    title: S\n"
    check(spec, (2, 1, "text-heavy"))


def test_the_example_style_deck_is_not_text_heavy(check):
    check(GOOD, rule="text-heavy")
