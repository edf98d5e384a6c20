"""Swapping in real data is one line, and every mark goes with it, whatever the caches hold."""

from __future__ import annotations

from speedrun_helpers import PILOT, banners, chart_images, notes_of, open_deck, slide_text, watermark_pixels, write_mixed, write_spec

from slidekit.lint.linter import lint_spec
from slidekit.pipeline import build
from slidekit.render.abstract import write_abstract


def marks(deck_path):
    """Every hypothetical mark in a built deck: banners, watermarked images, words in text and notes."""
    deck = open_deck(deck_path)
    found = []
    for number, slide in enumerate(deck.slides, start=1):
        found += [f"banner on {number}"] * len(banners(slide))
        found += [f"watermark on {number}" for image in chart_images(slide) if watermark_pixels(image)]
        if "HYPOTHETICAL" in slide_text(slide).replace("HYPOTHETICAL DATA — not real results", ""):
            found.append(f"text on {number}")
        if "HYPOTHETICAL" in notes_of(slide):
            found.append(f"notes on {number}")
    return found


def test_pointing_the_table_at_the_real_file_removes_every_mark(tmp_path):
    spec = write_mixed(tmp_path)
    build(spec, jobs=1)
    assert marks(spec.with_suffix(".pptx")) == [
        "banner on 1", "text on 1", "notes on 1",  # the title slide
        "banner on 3", "watermark on 3", "text on 3", "notes on 3",  # the pilot chart (footer, notes)
        "banner on 7", "notes on 7",  # bullets quoting the pilot
        "banner on 9", "watermark on 9", "text on 9", "notes on 9",  # the pilot's backup breakdown
    ]
    before = spec.read_text(encoding="utf-8")
    # The one-line change: the whole `pilot:` entry becomes `pilot: pilot.csv`.
    after = before.replace(PILOT, "  pilot: pilot.csv\n")
    assert len(before.splitlines()) - len(after.splitlines()) == len(PILOT.splitlines()) - 1
    spec.write_text(after, encoding="utf-8")
    build(spec, to=["pptx", "md"], jobs=1)
    assert marks(spec.with_suffix(".pptx")) == []
    assert "HYPOTHETICAL" not in spec.with_suffix(".md").read_text(encoding="utf-8")
    assert [f.rule for f in lint_spec(spec).findings if f.rule == "hypothetical-data"] == []
    abstract = write_abstract(spec)
    assert abstract.hypothetical == 0
    assert "HYPOTHETICAL" not in abstract.path.read_text(encoding="utf-8")


def test_dropping_hypothetical_from_the_same_inline_rows_serves_no_stale_mark_from_the_caches(tmp_path):
    text = """\
        title: T
        data:
          pilot:
            hypothetical: true
            rows:
              - {cue: a, correct: 0.6}
              - {cue: b, correct: 0.2}
        slides:
          - chart: pilot
            takeaway: "a beats b"
            x: cue
            y: correct
        """
    spec = write_spec(tmp_path, text)
    build(spec, jobs=1)
    assert marks(spec.with_suffix(".pptx")) == [
        "banner on 1", "text on 1", "notes on 1", "banner on 2", "watermark on 2", "text on 2", "notes on 2",
    ]
    # Same rows, same chart: only the flag differs, and both caches are warm.
    write_spec(tmp_path, text.replace("            hypothetical: true\n", ""))
    build(spec, jobs=1)
    assert marks(spec.with_suffix(".pptx")) == []
    # And back: the marks return, from the caches too.
    write_spec(tmp_path, text)
    build(spec, jobs=1)
    assert "watermark on 2" in marks(spec.with_suffix(".pptx"))


def test_a_recap_of_a_hypothetical_week_is_marked(tmp_path):
    write_spec(tmp_path, """\
        title: "Week 1: speedrun"
        data:
          pilot:
            hypothetical: true
            expect: {n: 20, rows: [{cue: a, correct: 0.6}, {cue: b, correct: 0.2}]}
        slides:
          - chart: pilot
            takeaway: "a beats b"
            x: cue
            y: correct
        """, name="week01.yaml")
    spec = write_spec(tmp_path, """\
        title: "Week 2: the real run"
        recap:
          from: week01.yaml
        slides:
          - bullets: ["Running it now"]
            title: Next
        """, name="week02.yaml")
    build(spec, jobs=1)
    deck = open_deck(spec.with_suffix(".pptx"))
    recap = deck.slides[1]
    assert "a beats b" in slide_text(recap) and len(banners(recap)) == 1
    assert notes_of(recap).startswith("HYPOTHETICAL DATA: the numbers on this slide are made up, not real "
                                      "results. week01.yaml: last week's spec, whose results came from "
                                      "hypothetical data (pilot).")
    assert len(banners(deck.slides[0])) == 1 and not banners(deck.slides[2])
    (finding,) = [f for f in lint_spec(spec).findings if f.rule == "hypothetical-data"]
    assert (finding.line, finding.column, finding.slide) == (3, 3, 2)
