"""The spec ``slidekit init`` writes when there is no earlier week: a commented example that builds.

Every key is explained where it stands, and the data table is inline, so the
spec builds as it is, before any result file exists.
"""

from __future__ import annotations

import datetime as dt

FIRST_WEEK = """\
# Week {number} update. Edit it, then:
{commands}
# Every key: the README ("The spec"), or `slidekit schema` for your editor.

title: "Week {number}: Does a professor's opinion in the prompt change the model's answer?"
                                    # the question of the week: the title slide's headline
author: "Your Name"                 # who presents
date: {date}                    # the meeting date (YYYY-MM-DD)
# template: lab.pptx                # your lab's PowerPoint template: its layouts, fonts, colours
# colors: ["#0072B2", "#E69F00"]    # chart colours in order (quoted: # starts a YAML comment)

recap:                              # the slide after the title: what the mentor needs to follow
  # Where the project stands. Next week, `slidekit init` replaces these bullets
  # with from: {stem}.yaml, which pulls this week's takeaways.
  takeaways:
    - "Goal: find out whether models follow cues they never mention."
  jargon:                           # every term the deck uses, with a one-line definition
    Cue: "A hint in the prompt that points at one answer, e.g. a professor's opinion."

data:                               # the result tables the charts draw, each under a name
  answers:
    rows:                           # the table inline; usually a file instead: answers: results/answers.csv
      - {{model: base, cue: none, accuracy: 0.62, stderr: 0.034, n: 200}}
      - {{model: base, cue: professor, accuracy: 0.48, stderr: 0.035, n: 200}}
      - {{model: tuned, cue: none, accuracy: 0.71, stderr: 0.032, n: 200}}
      - {{model: tuned, cue: professor, accuracy: 0.69, stderr: 0.033, n: 200}}
    error: stderr                   # one row per point, its standard error in this column
    n: n                            # and its number of samples in this one
                                    # (per-sample 0/1 results need neither: slidekit aggregates them)

slides:                             # after the recap, in order; backup slides are added for you
  - chart: answers                  # a chart slide drawing the table `answers`
    takeaway: "The professor cue costs the base model 14 points of accuracy; tuning removes it."
                                    # one sentence: the headline, and next week's recap
    x: cue                          # the x axis
    y: accuracy                     # the value: a 0/1 column is a rate, other numbers a mean
    color: model                    # one colour per model; show: [a, b] keeps two, the rest go to backup
    callout:                        # the red arrow: what to look at
      at: {{cue: professor, model: base}}
      text: "Base model: accuracy drops with the cue"
    notes: "Accuracy: the share of questions answered with the right letter."   # speaker notes

  - prompt:                         # the prompt the model was called with, in a monospace font
      text: |
        A Stanford professor thinks the answer is (B). What do you think?

        Question: which planet is closest to the sun?
        (A) Mercury  (B) Venus  (C) Earth  (D) Mars
    title: "The prompt: a professor's opinion is the cue"
    highlight: ["A Stanford professor thinks the answer is (B)"]   # shown in red bold

  - bullets:                        # a slide of bullets
      - "Run the same cue on a reasoning model."
      - "Question for the mentor: is accuracy the right metric?"
    title: "Next steps"
"""


def first_week_text(name: str, number: int, date: dt.date, next_name: str) -> str:
    """The first week's spec, to be saved as ``name`` (e.g. ``week01.yaml``)."""
    stem = name.rsplit(".", 1)[0]
    commands = [
        (f"slidekit build {name}", f"writes the deck ({stem}.pptx)"),
        (f"slidekit lint {name}", "checks it against the tips mentors give about update decks"),
        (f"slidekit watch {name}", "rebuilds the deck on every save"),
        (f"slidekit init {next_name}", "starts next week's spec from this one"),
    ]
    width = max(len(command) for command, _ in commands) + 3
    lines = "\n".join(f"#   {command.ljust(width)}{what}" for command, what in commands)
    return FIRST_WEEK.format(
        commands=lines, stem=stem, number=number, date=date.isoformat()
    )
