"""Write a :class:`DeckPlan` as a .pptx with python-pptx.

The only module that touches python-pptx. Slides use the template's layouts
by name (title, title only, section header) with every box placed from
:mod:`slidekit.layout`, so what the planner measured is what gets drawn.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from slidekit import layout
from slidekit.plan.model import (
    BulletSlide,
    ChartSlide,
    DeckPlan,
    PromptSlide,
    RecapSlide,
    SectionSlide,
    SlidePlan,
    TitleSlide,
)
from slidekit.plan.recap import RECAP_GLOSSARY_HEADING, RECAP_TAKEAWAYS_HEADING

TEXT = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x66, 0x66, 0x66)
LINK = RGBColor(0x1F, 0x5F, 0xBF)
HIGHLIGHT = RGBColor(0xD6, 0x27, 0x28)
ROLE = RGBColor(0x1F, 0x4E, 0x79)
PROMPT_FILL = RGBColor(0xF4, 0xF4, 0xF4)

# XML 1.0 forbids most control characters; python-pptx would raise on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text safe to put in the deck's XML (forbidden characters become U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)


def chart_box(slide: ChartSlide) -> layout.Box:
    """Where a chart slide's image goes (the chart is rendered at exactly this size)."""
    return layout.body_box(slide.headline_lines, has_subtitle=slide.subtitle is not None, footer=True)


def render_deck(
    plan: DeckPlan, chart_images: Mapping[str, bytes], timestamp: dt.datetime | None = None
) -> bytes:
    """The deck as .pptx bytes; ``chart_images`` maps chart slide ids to PNG bytes.

    The same plan, images and ``timestamp`` give the same bytes: the package's
    dates and every zip entry's time are ``timestamp`` (default: the plan's
    date at midnight UTC), never the time of the build.
    """
    presentation = Presentation()
    presentation.slide_width = Inches(layout.SLIDE_WIDTH)
    presentation.slide_height = Inches(layout.SLIDE_HEIGHT)
    layouts = {item.name: item for item in presentation.slide_layouts}
    slides = {}
    for plan_slide in plan.slides:
        slides[plan_slide.slide_id] = _add_slide(presentation, layouts, plan_slide, chart_images)
    for plan_slide in plan.slides:
        if isinstance(plan_slide, ChartSlide):
            _add_links(slides[plan_slide.slide_id], plan_slide, slides)
    stamp = timestamp or default_timestamp(plan)
    properties = presentation.core_properties
    properties.title = clean(plan.title)
    properties.author = clean(plan.author)
    properties.last_modified_by = clean(plan.author) or "slidekit"
    properties.comments = "Made with slidekit"
    properties.created = properties.modified = stamp.replace(tzinfo=None)
    properties.revision = 1
    buffer = io.BytesIO()
    presentation.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), stamp)


def default_timestamp(plan: DeckPlan) -> dt.datetime:
    """The deck's own date at midnight UTC (1 Jan 2000 when it has none)."""
    date = plan.date or dt.date(2000, 1, 1)
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def _fixed_zip_times(package: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the zip with every entry dated ``stamp`` (zip stores local build time otherwise)."""
    date_time = max(stamp.astimezone(dt.timezone.utc).timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item))
    return out.getvalue()


def _add_slide(presentation, layouts, plan_slide: SlidePlan, chart_images):
    if isinstance(plan_slide, TitleSlide):
        slide = presentation.slides.add_slide(layouts["Title Slide"])
        _title_slide(slide, plan_slide)
    elif isinstance(plan_slide, SectionSlide):
        slide = presentation.slides.add_slide(layouts["Section Header"])
        _section_slide(slide, plan_slide)
    else:
        slide = presentation.slides.add_slide(layouts["Title Only"])
        if isinstance(plan_slide, ChartSlide):
            _chart_slide(slide, plan_slide, chart_images[plan_slide.slide_id])
        elif isinstance(plan_slide, RecapSlide):
            _headline(slide, plan_slide.title, 1)
            _recap_body(slide, plan_slide)
        elif isinstance(plan_slide, BulletSlide):
            _headline(slide, plan_slide.title, layout.headline_lines(plan_slide.title))
            _bullets_body(slide, plan_slide)
        elif isinstance(plan_slide, PromptSlide):
            _headline(slide, plan_slide.title, layout.headline_lines(plan_slide.title))
            _prompt_body(slide, plan_slide)
    notes = getattr(plan_slide, "notes", "")
    if notes:
        slide.notes_slide.notes_text_frame.text = clean(notes)
    return slide


def _place(shape, box: layout.Box) -> None:
    shape.left, shape.top = Inches(box.left), Inches(box.top)
    shape.width, shape.height = Inches(box.width), Inches(box.height)


def _frame(shape, anchor=MSO_ANCHOR.TOP):
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(layout.INSET_X)
    frame.margin_top = frame.margin_bottom = Inches(layout.INSET_Y)
    return frame


def _run(paragraph, text: str, size: float, *, bold=False, color=TEXT, font=layout.BODY_FONT):
    run = paragraph.add_run()
    run.text = clean(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    run.font.color.rgb = color
    return run


def _line_pitch(paragraph, size: float) -> None:
    # Exact points, not a multiple: a multiple scales the font's own line
    # height (about 1.2-1.45 em), which would break the planner's arithmetic.
    paragraph.line_spacing = Pt(size * layout.LINE_SPACING)


def _spacing(paragraph, gap_lines: float, size: float) -> None:
    _line_pitch(paragraph, size)
    if gap_lines:
        paragraph.space_before = Pt(gap_lines * size * layout.LINE_SPACING)


def _headline(slide, text: str, lines: int) -> None:
    shape = slide.shapes.title
    _place(shape, layout.headline_box(lines))
    frame = _frame(shape)
    frame.text = ""
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _spacing(paragraph, 0, layout.HEADLINE_SIZE)
    _run(paragraph, text, layout.HEADLINE_SIZE, bold=True)


def _textbox(slide, box: layout.Box, anchor=MSO_ANCHOR.TOP):
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    return shape, _frame(shape, anchor)


def _title_slide(slide, plan_slide: TitleSlide) -> None:
    title = slide.shapes.title
    _place(title, layout.Box(layout.MARGIN_X, 1.8, layout.CONTENT_WIDTH, 2.6))
    frame = _frame(title, MSO_ANCHOR.BOTTOM)
    frame.text = ""
    size = 40.0
    while size > 28 and len(layout.wrap(plan_slide.title, layout.CONTENT_WIDTH - 0.2, size, True)) > 3:
        size -= 4
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _spacing(paragraph, 0, size)
    _run(paragraph, plan_slide.title, size, bold=True)
    subtitle = slide.placeholders[1]
    _place(subtitle, layout.Box(layout.MARGIN_X, 4.6, layout.CONTENT_WIDTH, 0.8))
    frame = _frame(subtitle)
    frame.text = ""
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _run(paragraph, plan_slide.subtitle, 24, color=MUTED)


def _section_slide(slide, plan_slide: SectionSlide) -> None:
    title = slide.shapes.title
    _place(title, layout.Box(layout.MARGIN_X, 2.6, layout.CONTENT_WIDTH, 1.2))
    frame = _frame(title, MSO_ANCHOR.BOTTOM)
    frame.text = ""
    _run(frame.paragraphs[0], plan_slide.title, 44, bold=True)
    body = slide.placeholders[1]
    _place(body, layout.Box(layout.MARGIN_X, 3.9, layout.CONTENT_WIDTH, 0.8))
    frame = _frame(body)
    frame.text = ""
    _run(frame.paragraphs[0], plan_slide.subtitle, 24, color=MUTED)


def _set_bullet(paragraph, indent: float) -> None:
    """A real bullet (hanging indent and a bullet character) on a text box paragraph."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Inches(indent)))
    properties.set("indent", str(-Inches(indent)))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    bullet = properties.makeelement(qn("a:buChar"), {"char": "\u2022"})
    properties.append(bullet)


def _no_bullet(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(properties.makeelement(qn("a:buNone"), {}))


def _paragraph(frame, first: bool):
    return frame.paragraphs[0] if first else frame.add_paragraph()


def _recap_body(slide, plan_slide: RecapSlide) -> None:
    _, frame = _textbox(slide, layout.body_box(1))
    size = plan_slide.font_size
    first = True
    sections = []
    if plan_slide.takeaways:
        sections.append((RECAP_TAKEAWAYS_HEADING, [("", t) for t in plan_slide.takeaways]))
    if plan_slide.glossary:
        sections.append((RECAP_GLOSSARY_HEADING, [(f"{g.term}: ", g.definition) for g in plan_slide.glossary]))
    for heading, items in sections:
        paragraph = _paragraph(frame, first)
        _no_bullet(paragraph)
        _spacing(paragraph, 0 if first else layout.PARAGRAPH_GAP, size)
        _run(paragraph, heading, size, bold=True, color=MUTED)
        first = False
        for lead, text in items:
            paragraph = frame.add_paragraph()
            _set_bullet(paragraph, layout.BULLET_INDENT)
            _spacing(paragraph, layout.PARAGRAPH_GAP, size)
            if lead:
                _run(paragraph, lead, size, bold=True)
            _run(paragraph, text, size)


def _bullets_body(slide, plan_slide: BulletSlide) -> None:
    _, frame = _textbox(slide, layout.body_box(layout.headline_lines(plan_slide.title)))
    for i, bullet in enumerate(plan_slide.bullets):
        paragraph = _paragraph(frame, i == 0)
        _set_bullet(paragraph, layout.BULLET_INDENT)
        _spacing(paragraph, layout.PARAGRAPH_GAP if i else 0, plan_slide.font_size)
        _run(paragraph, bullet, plan_slide.font_size)


def _prompt_body(slide, plan_slide: PromptSlide) -> None:
    body = layout.body_box(layout.headline_lines(plan_slide.title))
    used = len(plan_slide.lines) * layout.line_height(plan_slide.font_size) + 2 * layout.INSET_Y + 0.1
    # The grey code box hugs a short prompt instead of filling the slide.
    box = layout.Box(body.left, body.top, body.width, min(body.height, used))
    shape, frame = _textbox(slide, box)
    shape.fill.solid()
    shape.fill.fore_color.rgb = PROMPT_FILL
    frame.word_wrap = False  # lines are already wrapped to the box width
    size = plan_slide.font_size
    for i, line in enumerate(plan_slide.lines or ((),)):
        paragraph = _paragraph(frame, i == 0)
        _line_pitch(paragraph, size)
        if not line:
            _run(paragraph, "", size, font=layout.MONO_FONT)
        for span in line:
            if span.style == "highlight":
                _run(paragraph, span.text, size, bold=True, color=HIGHLIGHT, font=layout.MONO_FONT)
            elif span.style == "role":
                _run(paragraph, span.text, size, bold=True, color=ROLE, font=layout.MONO_FONT)
            else:
                _run(paragraph, span.text, size, font=layout.MONO_FONT)


def _chart_slide(slide, plan_slide: ChartSlide, image: bytes) -> None:
    headline = layout.headline_box(plan_slide.headline_lines)
    _headline(slide, plan_slide.headline, plan_slide.headline_lines)
    if plan_slide.subtitle:
        _, frame = _textbox(slide, layout.subtitle_box(headline))
        _run(frame.paragraphs[0], plan_slide.subtitle, layout.SUBTITLE_SIZE, color=MUTED)
    box = chart_box(plan_slide)
    slide.shapes.add_picture(
        io.BytesIO(image), Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    footer = layout.footer_box()
    links_width = _links_width(plan_slide)
    text_box = layout.Box(footer.left, footer.top, footer.width - links_width, footer.height)
    size = layout.FOOTER_SIZE
    while size > 11 and len(layout.wrap(plan_slide.footer, text_box.width - 0.2, size)) > 2:
        size -= 1
    _, frame = _textbox(slide, text_box, MSO_ANCHOR.BOTTOM)
    _run(frame.paragraphs[0], plan_slide.footer, size, color=MUTED)


def _link_width(text: str) -> float:
    return layout.text_width(text, layout.LINK_SIZE) + 2 * layout.INSET_X + 0.1


def _links_width(plan_slide: ChartSlide) -> float:
    return sum(_link_width(link.text) for link in plan_slide.links)


def _add_links(slide, plan_slide: ChartSlide, slides) -> None:
    footer = layout.footer_box()
    right = footer.left + footer.width
    height = layout.line_height(layout.LINK_SIZE) + 2 * layout.INSET_Y
    for link in reversed(plan_slide.links):
        width = _link_width(link.text)
        right -= width
        box = layout.Box(right, footer.bottom - height, width, height)
        shape, frame = _textbox(slide, box, MSO_ANCHOR.BOTTOM)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.RIGHT
        run = _run(paragraph, link.text, layout.LINK_SIZE, bold=True, color=LINK)
        run.font.underline = True
        shape.click_action.target_slide = slides[link.target_id]
        shape.name = f"Link: {link.text}"
