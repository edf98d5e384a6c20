"""Read a built deck back the way a viewer sees it: titles, texts, runs, notes, links."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE_TYPE


def read(text: str) -> str:
    """Text as a viewer reads it: slidekit breaks long lines itself, with a line break
    (read back as a vertical tab) where a space was."""
    return text.replace("\v", " ")


def title_of(slide) -> str:
    return read(slide.shapes.title.text_frame.text) if slide.shapes.title is not None else ""


def titles(deck) -> list[str]:
    return [title_of(slide) for slide in deck.slides]


def text_shapes(slide) -> list:
    """Every shape with text except the slide title."""
    title = slide.shapes.title
    return [
        shape for shape in slide.shapes
        if shape.has_text_frame and (title is None or shape.shape_id != title.shape_id)
    ]


def body_paragraphs(slide) -> list:
    """The paragraphs of the slide's text shapes other than its title, in order."""
    return [p for shape in text_shapes(slide) for p in shape.text_frame.paragraphs]


def body_lines(slide) -> list[str]:
    return [read(p.text) for p in body_paragraphs(slide)]


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def footer_of(slide) -> str:
    """The one text box whose text starts with "n = " (a chart slide's footer)."""
    footers = [read(s.text_frame.text) for s in text_shapes(slide) if s.text_frame.text.startswith("n = ")]
    assert len(footers) == 1, f"expected one footer on {title_of(slide)!r}; found {footers}"
    return footers[0]


def link_targets(slide) -> list[int]:
    """slide_id of every slide a shape on ``slide`` jumps to when clicked."""
    targets = []
    for shape in slide.shapes:
        target = shape.click_action.target_slide
        if target is not None:
            targets.append(target.slide_id)
    return targets


def runs(paragraph) -> list:
    return list(paragraph.runs)


def all_runs(slide) -> list:
    return [run for p in body_paragraphs(slide) for run in p.runs]
