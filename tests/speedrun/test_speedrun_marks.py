"""The marks on hypothetical data: watermark, banner, title notice, notes, reports.

Built once from a deck that mixes a hypothetical table (``expect:``) with a real
one, so each test checks both that the marks are where the made-up numbers are
and that they are nowhere else.
"""

from __future__ import annotations

import dataclasses

import pytest
from speedrun_helpers import banners, chart_images, notes_of, open_deck, slide_text, watermark_pixels

from slidekit.plan.model import ChartPlan, Point
from slidekit.render.cache import chart_key
from slidekit.render.chart import render_chart_png


@pytest.fixture(scope="module")
def deck(mixed):
    return open_deck(mixed / "deck.pptx")


def by_title(deck) -> dict[str, object]:
    # slidekit breaks long titles itself: a line break (read back as \v) where a space was
    return {(s.shapes.title.text_frame.text.replace("\v", " ") if s.shapes.title else ""): s for s in deck.slides}


def test_every_hypothetical_chart_image_has_the_watermark_and_no_real_one_does(deck):
    seen = {}
    for slide in deck.slides:
        for image in chart_images(slide):
            seen[slide.shapes.title.text_frame.text] = watermark_pixels(image)
    hypothetical = {title: n for title, n in seen.items() if banners(deck.slides[_index(deck, title)])}
    assert len(seen) == 3  # the pilot, its breakdown, the real chart (no colours: no breakdown)
    assert set(hypothetical) == {t for t in seen if t.startswith(("ITC models", "Full breakdown"))}
    assert all(n > 10_000 for n in hypothetical.values()), seen
    assert all(n == 0 for t, n in seen.items() if t not in hypothetical), seen


def _index(deck, title: str) -> int:
    return next(i for i, s in enumerate(deck.slides) if s.shapes.title and s.shapes.title.text_frame.text == title)


def test_the_watermark_is_drawn_from_the_chart_plans_flag_and_changes_the_cache_key():
    chart = ChartPlan(
        kind="bar", x_label="cue", y_label="rate", x_values=("a", "b"), series=(None,),
        colors=("#0072B2",), measure="rate", callout=None, error_method="95% Wilson interval",
        points=(Point("a", None, 100, 0.6, 0.5, 0.7), Point("b", None, 100, 0.2, 0.1, 0.3)),
    )
    marked = dataclasses.replace(chart, hypothetical=True)
    assert watermark_pixels(render_chart_png(chart, 8, 4, dpi=60)) == 0
    assert watermark_pixels(render_chart_png(marked, 8, 4, dpi=60)) > 1_000
    assert chart_key(chart, 8, 4, "s") != chart_key(marked, 8, 4, "s")


def test_each_slide_with_hypothetical_numbers_has_the_banner_and_says_so_in_its_notes(deck):
    titles = by_title(deck)
    headline = "ITC models articulate 61% of professor cues"  # seed 0's draw of 200 at 60%
    marked = {headline, "Full breakdown by family", "Next steps"}
    for title, slide in titles.items():
        if title in marked or title == "Week 3: Do reasoning models articulate the cues they follow?":
            continue
        assert not banners(slide), title
        assert "HYPOTHETICAL" not in notes_of(slide) + slide_text(slide), title
    for title in (headline, "Full breakdown by family", "Next steps"):
        slide = titles[title]
        assert len(banners(slide)) == 1, title
        assert notes_of(slide).startswith(
            "HYPOTHETICAL DATA: the numbers on this slide are made up, not real results. pilot: drawn "
            "at random from the expected rates in the spec, 200 samples per row, seed 0."
        ), title
    footer = [s.text_frame.text.replace("\v", " ") for s in titles[headline].shapes
              if s.has_text_frame and "n = " in s.text_frame.text]
    assert footer[0].endswith("data: expected rates in the spec (HYPOTHETICAL)")


def test_the_banner_is_a_red_band_across_the_top_of_the_slide(deck):
    slide = deck.slides[_index(deck, "Next steps")]
    (banner,) = banners(slide)
    assert (banner.left, banner.top) == (0, 0) and banner.width == deck.slide_width
    assert str(banner.fill.fore_color.rgb) == "C00000"
    run = banner.text_frame.paragraphs[0].runs[0]
    assert run.font.bold and str(run.font.color.rgb) == "FFFFFF"


def test_the_title_slide_says_the_deck_contains_hypothetical_results(deck):
    title = deck.slides[0]
    assert len(banners(title)) == 1
    notice = ("This deck contains hypothetical results: slides marked HYPOTHETICAL DATA show made-up "
              "numbers (pilot), not real results.")
    assert notice in slide_text(title)
    assert notes_of(title) == notice


def test_a_recap_quoting_only_real_tables_is_not_marked(deck):
    recap = deck.slides[1]
    assert recap.shapes.title.text_frame.text == "Recap"
    assert not banners(recap)


def test_the_reports_mark_the_hypothetical_results(mixed):
    markdown = (mixed / "deck.md").read_text(encoding="utf-8")
    assert "> **HYPOTHETICAL DATA — not real results.** This report contains hypothetical results" in markdown
    sections = markdown.split("\n## ")
    marked = [s.splitlines()[0] for s in sections[1:] if "**HYPOTHETICAL DATA — not real results**" in s]
    assert marked == [
        "ITC models articulate 61% of professor cues", "Next steps",
        "Appendix: full breakdowns",  # the pilot's breakdown, under its ### heading
    ]
    assert "- ITC models articulate 61% of professor cues **\\[HYPOTHETICAL\\]**" in markdown
    assert "- Model b is more accurate\n" in markdown
    html = (mixed / "deck.html").read_text(encoding="utf-8")
    assert html.count('<p class="hypothetical">HYPOTHETICAL DATA — not real results</p>') == 3
    assert '<p class="hypothetical" role="alert">' in html
    assert '<span class="hypothetical-mark">[HYPOTHETICAL]</span>' in html
