"""Clickable links between a result slide and its backup breakdowns."""

from __future__ import annotations

from deck_readback import link_targets, title_of

CUES, LOSS, BACKUP, FULL, BY_MODEL = 2, 3, 6, 7, 8


def test_main_cues_slide_links_to_each_backup_slide(example_deck):
    slides = example_deck.slides
    assert title_of(slides[FULL]) == "Full breakdown by family"
    assert title_of(slides[BY_MODEL]) == "Breakdown by model"
    assert sorted(link_targets(slides[CUES])) == sorted(
        [slides[FULL].slide_id, slides[BY_MODEL].slide_id]
    )


def test_each_backup_slide_links_back_to_the_main_slide(example_deck):
    slides = example_deck.slides
    for index in (FULL, BY_MODEL):
        assert link_targets(slides[index]) == [slides[CUES].slide_id], title_of(slides[index])


def test_link_shapes_read_as_links(example_deck):
    slides = example_deck.slides
    texts = {
        shape.text_frame.text
        for shape in slides[CUES].shapes
        if shape.click_action.target_slide is not None
    }
    assert texts == {"Full breakdown \u2192", "By model \u2192"}
    for index in (FULL, BY_MODEL):
        back = [s.text_frame.text for s in slides[index].shapes if s.click_action.target_slide is not None]
        assert back == ["\u2190 Back to the result"]


def test_slides_without_backups_have_no_links(example_deck):
    for index, slide in enumerate(example_deck.slides):
        if index not in (CUES, FULL, BY_MODEL):
            assert link_targets(slide) == [], title_of(slide)
