"""Open the deck's template and find its layouts by role, not by index or name.

A lab's template names and orders its layouts as it likes ("Titel", "Nur Titel",
"Abschnitt"), so each role is found by what the layout is: first PowerPoint's
own layout type, then the placeholders it holds, then its name, then a
fallback. The sample slides a template usually carries are removed.

Text is fitted with Calibri's widths (:mod:`slidekit.layout`). A theme font that
is wider is set smaller by its width relative to Calibri, so every line still
breaks where the planner measured it (see :func:`font_width`).
"""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches

from slidekit import layout

TITLE, TITLE_ONLY, SECTION = "title", "title-only", "section"

_FRAME_PARTS = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_TEXT = {PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
_SECTION_NAME = re.compile(r"section|abschnitt|divider|chapter|kapitel|secci|partie|sezione", re.I)
_SECTIONS_EXTENSION = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"

# Width of a typical English sentence in the font (regular and bold, the wider
# of the two) relative to Calibri, measured on the metric-compatible free fonts.
FONT_WIDTHS = {
    "calibri": 1.0, "calibri light": 1.0, "carlito": 1.0,
    "arial": 1.15, "helvetica": 1.15, "liberation sans": 1.15, "arimo": 1.15, "nimbus sans": 1.15,
    "arial narrow": 1.0, "liberation sans narrow": 1.0,
    "times new roman": 1.04, "times": 1.04, "liberation serif": 1.04, "tinos": 1.04,
    "cambria": 1.04, "caladea": 1.04,
    "palatino": 1.1, "palatino linotype": 1.1, "book antiqua": 1.1,
    "century gothic": 1.18, "century schoolbook": 1.25, "bookman old style": 1.27,
    "verdana": 1.38, "dejavu sans": 1.38, "dejavu serif": 1.37,
}
UNKNOWN_FONT_WIDTH = 1.25
"""For a font not in the table: as wide as the wide book fonts, so text set in it never overflows."""


def font_width(font: str) -> float:
    """How much wider than Calibri ``font`` sets the same text (at least 1)."""
    return max(1.0, FONT_WIDTHS.get(font.strip().lower(), UNKNOWN_FONT_WIDTH))


def open_template(path: Path | None):
    """The presentation to add slides to: the template without its slides, or the built-in one."""
    if path is None:
        presentation = Presentation()
        presentation.slide_width = Inches(layout.SLIDE_WIDTH)
        presentation.slide_height = Inches(layout.SLIDE_HEIGHT)
        return presentation
    presentation = Presentation(str(path))
    _drop_slides(presentation)
    return presentation


def scale_of(presentation, template: Path | None) -> float:
    """How much larger the template's slides are than slidekit's 13.333 in (1.0 built in)."""
    if template is None:
        return 1.0
    return presentation.slide_width / (layout.SLIDE_WIDTH * 914400)


def _drop_slides(presentation) -> None:
    """Remove the template's own slides (and the sections listing them)."""
    id_list = presentation.slides._sldIdLst
    for slide_id in list(id_list):
        presentation.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
    root = presentation.part._element
    for custom_shows in root.findall(qn("p:custShowLst")):
        root.remove(custom_shows)
    extensions = root.find(qn("p:extLst"))
    if extensions is not None:
        for extension in extensions.findall(qn("p:ext")):
            if extension.get("uri") == _SECTIONS_EXTENSION:
                extensions.remove(extension)


def find_layouts(presentation) -> dict[str, object]:
    """The layout for each role: title slide, title only, section header."""
    layouts = list(presentation.slide_layouts)
    title = _first(layouts, _is_type("title"), _has(PP_PLACEHOLDER.CENTER_TITLE), _has_title) or layouts[0]
    title_only = _first(
        layouts,
        _is_type("titleOnly"),
        lambda lay: _kinds(lay) == {PP_PLACEHOLDER.TITLE},
        _is_type("obj"),
        lambda lay: PP_PLACEHOLDER.TITLE in _kinds(lay) and len(_kinds(lay)) == 2,
        _has(PP_PLACEHOLDER.TITLE),
    ) or title
    section = _first(
        layouts, _is_type("secHead"), lambda lay: _has_title(lay) and bool(_SECTION_NAME.search(lay.name))
    ) or title
    return {TITLE: title, TITLE_ONLY: title_only, SECTION: section}


def _first(layouts, *tests):
    """The first layout passing the first test any layout passes (tests in order of trust)."""
    for test in tests:
        for candidate in layouts:
            if test(candidate):
                return candidate
    return None


def _is_type(kind: str):
    return lambda lay: lay.element.get("type") == kind


def _kinds(lay) -> set:
    return {p.placeholder_format.type for p in lay.placeholders} - _FRAME_PARTS


def _has(kind):
    return lambda lay: kind in _kinds(lay)


def _has_title(lay) -> bool:
    return bool(_kinds(lay) & _TITLES)


def text_placeholder(slide):
    """The slide's subtitle or body placeholder (a title slide's second line), if it has one."""
    for placeholder in slide.placeholders:
        if placeholder.placeholder_format.type in _TEXT:
            return placeholder
    return None


def remove_unused_placeholders(slide, used: list) -> None:
    """Delete placeholders slidekit did not fill ("Click to add text" boxes of the layout)."""
    keep = {shape.shape_id for shape in used if shape is not None}
    for placeholder in list(slide.placeholders):
        if placeholder.shape_id not in keep:
            placeholder.element.getparent().remove(placeholder.element)
