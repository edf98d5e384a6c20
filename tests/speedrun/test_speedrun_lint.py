"""hypothetical-data: one warning per slide that shows hypothetical numbers, at the key that brings them in."""

from __future__ import annotations

from speedrun_helpers import banners, open_deck, write_mixed, write_spec

from slidekit.lint.linter import lint_spec
from slidekit.lint.registry import rules
from slidekit.pipeline import build


def findings(spec):
    return [f for f in lint_spec(spec).findings if f.rule == "hypothetical-data"]


def test_each_slide_using_hypothetical_data_is_a_warning_at_its_kind_key(tmp_path):
    spec = write_mixed(tmp_path)
    found = findings(spec)
    assert [(f.line, f.column, f.slide, f.severity) for f in found] == [
        (22, 5, 3, "warning"),  # the pilot chart (slides[0].chart)
        (43, 5, 7, "warning"),  # the bullets quoting mean('pilot', ...) (slides[4].bullets)
    ]
    assert found[0].message == (
        "chart slide 3 ('ITC models articulate 61% of professor cues') shows hypothetical data (pilot: "
        "drawn at random from the expected rates in the spec, 200 samples per row, seed 0) and so do its "
        "1 backup slide(s); it is marked HYPOTHETICAL DATA in the deck: before presenting it as a "
        "result, point pilot at the real results and drop hypothetical: true"
    )
    assert rules()["hypothetical-data"].severity == "warning"


def test_a_prompt_taken_from_a_hypothetical_table_is_marked_and_reported(tmp_path):
    spec = write_spec(tmp_path, """\
        title: T
        data:
          drafts:
            hypothetical: true
            rows: [{id: 1, input: "A professor thinks (B).", correct: 1}]
        slides:
          - prompt: {data: drafts, where: "id == 1"}
            highlight: ["A professor"]
        """)
    (finding,) = findings(spec)
    assert (finding.line, finding.column, finding.slide) == (7, 5, 2)
    assert finding.message.startswith("prompt slide 2 ('Prompt') shows hypothetical data (drafts: the inline rows")
    build(spec, jobs=1)
    assert len(banners(open_deck(spec.with_suffix(".pptx")).slides[1])) == 1


def test_ignoring_the_rule_silences_the_reminder_not_the_marks(tmp_path):
    spec = write_spec(tmp_path, """\
        title: T
        lint: {ignore: [hypothetical-data]}
        data:
          pilot:
            hypothetical: true
            rows: [{cue: a, correct: 1}, {cue: b, correct: 0}]
        slides:
          - bullets: ["{{ count('pilot') }} rows"]
            title: B
        """)
    assert findings(spec) == []
    build(spec, jobs=1)
    deck = open_deck(spec.with_suffix(".pptx"))
    assert [len(banners(slide)) for slide in deck.slides] == [1, 1]
