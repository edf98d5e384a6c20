"""Long text is moved or continued, never pushed off the slide."""

from __future__ import annotations

import pytest
from deck_readback import body_lines, body_paragraphs, title_of, titles

TAKEAWAYS = ["Cues switch answers about 30% of the time.", "The LLM judge agrees with humans."]
TERMS = [f"Term{i:02d}" for i in range(12)]


def definition(i: int) -> str:
    return (
        f"Jargon definition number {i}: inference-time compute models articulate the cues "
        "they follow in their chains of thought far more often than non-reasoning models do."
    )


BULLETS = [
    f"Bullet {i:02d}: rerun the professor cue with the LLM judge and compare against the keyword grader"
    for i in range(20)
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fitting")


def _build(folder, name: str, spec: str):
    from pptx import Presentation

    from slidekit.pipeline import build

    (folder / f"{name}.yaml").write_text(spec)
    build(folder / f"{name}.yaml")
    return Presentation(str(folder / f"{name}.pptx"))


@pytest.fixture(scope="module")
def recap_deck(folder):
    jargon = "".join(f'    {term}: "{definition(i)}"\n' for i, term in enumerate(TERMS))
    takeaways = "".join(f'    - "{t}"\n' for t in TAKEAWAYS)
    spec = (
        "title: Jargon week\nrecap:\n  takeaways:\n" + takeaways + "  jargon:\n" + jargon
        + 'slides:\n  - bullets: ["One thing"]\n    title: Next\n'
    )
    return _build(folder, "recap", spec)


@pytest.fixture(scope="module")
def bullets_deck(folder):
    bullets = "".join(f'      - "{b}"\n' for b in BULLETS)
    return _build(folder, "bullets", "title: Many\nslides:\n  - bullets:\n" + bullets + "    title: Plans\n")


def test_recap_glossary_moves_to_a_second_recap_slide(recap_deck):
    names = titles(recap_deck)
    recaps = [i for i, name in enumerate(names) if name.startswith("Recap")]
    assert names[1] == "Recap"
    assert len(recaps) >= 2 and all(names[i] == "Recap (cont.)" for i in recaps[1:])
    assert recaps == list(range(1, 1 + len(recaps)))  # consecutive, right after the title
    # The first recap slide keeps the takeaways whole and no glossary.
    # (bullets written in the recap itself, not pulled from last week's spec)
    assert body_lines(recap_deck.slides[1]) == ["Where things stand", *TAKEAWAYS]
    # The glossary starts on the second recap slide, with its heading.
    assert body_lines(recap_deck.slides[2])[0] == "Terms used today"


def test_recap_glossary_keeps_every_term_once_in_order_with_bold_term(recap_deck):
    names = titles(recap_deck)
    entries = []
    for i, name in enumerate(names):
        if name.startswith("Recap (cont.)"):
            for paragraph in body_paragraphs(recap_deck.slides[i]):
                if paragraph.text == "Terms used today":
                    continue
                entries.append(paragraph)
    assert [p.runs[0].text.rstrip(": ") for p in entries] == TERMS
    for i, paragraph in enumerate(entries):
        assert paragraph.runs[0].font.bold is True
        # slidekit breaks long lines itself (a line break, read back as a vertical tab, for a space)
        assert paragraph.text.replace("\v", " ").removeprefix(paragraph.runs[0].text) == definition(i)
    assert names[-1] == "Next"


def test_twenty_bullets_continue_on_cont_slides(bullets_deck):
    names = titles(bullets_deck)
    assert names[1] == "Plans"
    assert len(names) > 2
    assert all(name == "Plans (cont.)" for name in names[2:])
    shown = [line for slide in list(bullets_deck.slides)[1:] for line in body_lines(slide)]
    assert shown == BULLETS


def test_body_text_stays_readable(bullets_deck, recap_deck):
    for deck in (bullets_deck, recap_deck):
        for slide in list(deck.slides)[1:]:
            sizes = {r.font.size.pt for p in body_paragraphs(slide) for r in p.runs if r.text}
            assert sizes and min(sizes) >= 18, (title_of(slide), sizes)


def _check_inside(deck, label):
    width, height = deck.slide_width, deck.slide_height
    problems = []
    for number, slide in enumerate(deck.slides):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            bottom = shape.top + shape.height
            right = shape.left + shape.width
            if shape.top < 0 or shape.left < 0 or bottom > height or right > width:
                problems.append(f"{label} slide {number} {shape.name!r}: bottom {bottom} right {right}")
    return problems


def test_every_text_shape_is_inside_the_slide(bullets_deck, recap_deck, example_deck):
    problems = []
    for deck, label in ((bullets_deck, "bullets"), (recap_deck, "recap"), (example_deck, "example")):
        problems += _check_inside(deck, label)
    assert problems == []
