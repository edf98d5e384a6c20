"""Write a :class:`DeckPlan` as a .pptx with python-pptx.

With :mod:`slidekit.render.template`, the only modules that touch python-pptx.
Slides use the template's layouts by role (title, title only, section header)
with every box placed from :mod:`slidekit.layout`, so what the planner
measured is what gets drawn. A lab template's fonts replace Calibri, its
text colours replace slidekit's greys, and a 16:9 template of another size
scales every box and font (:class:`Style`).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from slidekit import layout
from slidekit.plan.model import (
    BulletSlide,
    ChartSlide,
    DeckPlan,
    LookPlan,
    PromptSlide,
    RecapSlide,
    SectionSlide,
    SlidePlan,
    TitleSlide,
)
from slidekit.plan.hypothetical import BANNER
from slidekit.plan.prompt import measured_rows
from slidekit.plan.recap import RECAP_GLOSSARY_HEADING, takeaways_heading
from slidekit.render import template as templates

TEXT = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x66, 0x66, 0x66)
LINK = RGBColor(0x1F, 0x5F, 0xBF)
HIGHLIGHT = RGBColor(0xD6, 0x27, 0x28)
ROLE = RGBColor(0x1F, 0x4E, 0x79)
PROMPT_FILL = RGBColor(0xF4, 0xF4, 0xF4)
BANNER_FILL = RGBColor(0xC0, 0x00, 0x00)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
BANNER_HEIGHT = layout.HEADLINE_TOP
"""The hypothetical-data banner fills the band above the headline."""
BANNER_SIZE = 14.0

DECK_TEXT, DECK_MUTED = "text", "muted"
"""The deck's text colours: slidekit's greys, or the template's own text colour."""
MUTED_BRIGHTNESS = 0.4
"""With a template, muted text is its text colour this much lighter."""
HEADING, BODY, MONO = "heading", "body", "mono"

# XML 1.0 forbids most control characters; python-pptx would raise on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>slidekit</Application></Properties>"
)
"""A template's app.xml lists its own sample slides and company; the deck gets this instead."""


def clean(text: str) -> str:
    """Text safe to put in the deck's XML (forbidden characters become U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)


CORE_PROPERTY_LIMIT = 255
"""The longest title or author a .pptx file's core properties hold (python-pptx refuses more)."""


def _property(text: str) -> str:
    """``text`` for a core property: clean, and cut with an ellipsis at the limit."""
    text = clean(text)
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "\u2026"


@dataclass(frozen=True)
class Style:
    """Lengths, fonts and text colours of one deck: the built-in look, or a template's."""

    scale: float = 1.0
    """Template slide width / 13.333 in: every box and font grows or shrinks with it."""
    heading_font: str = layout.BODY_FONT
    body_font: str = layout.BODY_FONT
    themed: bool = False
    """Take the template's text colours instead of slidekit's greys."""

    @classmethod
    def of(cls, look: LookPlan, presentation) -> Style:
        return cls(
            scale=templates.scale_of(presentation, look.template),
            heading_font=look.heading_font,
            body_font=look.body_font,
            themed=look.template is not None,
        )

    def inches(self, value: float) -> int:
        return Inches(value * self.scale)

    def font(self, role: str) -> str:
        return {HEADING: self.heading_font, BODY: self.body_font, MONO: layout.MONO_FONT}[role]

    def size(self, size: float, role: str) -> int:
        """A planned font size as set: scaled, and smaller for a font wider than Calibri (by 0.5 pt)."""
        width = 1.0 if role == MONO else templates.font_width(self.font(role))
        return Pt(math.floor(size * self.scale / width * 2 + 1e-9) / 2)

    def pitch(self, size: float) -> int:
        """Line pitch for planned ``size``: exact points, as the planner counted them."""
        return Pt(size * layout.LINE_SPACING * self.scale)


def render_deck(
    plan: DeckPlan, chart_images: Mapping[str, bytes], timestamp: dt.datetime | None = None
) -> bytes:
    """The deck as .pptx bytes; ``chart_images`` maps chart slide ids to PNG bytes.

    The same plan, images, template and ``timestamp`` give the same bytes: the
    package's dates and every zip entry's time are ``timestamp`` (default: the
    plan's date at midnight UTC), never the time of the build.
    """
    presentation = templates.open_template(plan.look.template)
    style = Style.of(plan.look, presentation)
    layouts = templates.find_layouts(presentation)
    slides = {}
    for plan_slide in plan.slides:
        slides[plan_slide.slide_id] = _add_slide(presentation, layouts, style, plan_slide, chart_images)
    for plan_slide in plan.slides:
        if isinstance(plan_slide, ChartSlide):
            _add_links(slides[plan_slide.slide_id], style, plan_slide, slides)
    stamp = timestamp or default_timestamp(plan)
    _set_properties(presentation, plan, stamp, from_template=plan.look.template is not None)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), stamp)


def _set_properties(presentation, plan: DeckPlan, stamp: dt.datetime, from_template: bool) -> None:
    properties = presentation.core_properties
    if from_template:
        # Only what slidekit sets: not the template author's name, keywords or print date.
        for child in list(properties._element):
            properties._element.remove(child)
        for part in presentation.part.package.iter_parts():
            if part.partname == "/docProps/app.xml":
                part._blob = _APP_PROPERTIES
    properties.title = _property(plan.title)
    properties.author = _property(plan.author)
    properties.last_modified_by = _property(plan.author) or "slidekit"
    properties.comments = "Made with slidekit"
    properties.created = properties.modified = stamp.replace(tzinfo=None)
    properties.revision = 1


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


def _add_slide(presentation, layouts, style: Style, plan_slide: SlidePlan, chart_images):
    if isinstance(plan_slide, TitleSlide):
        slide = presentation.slides.add_slide(layouts[templates.TITLE])
        used = _title_slide(slide, style, plan_slide)
    elif isinstance(plan_slide, SectionSlide):
        slide = presentation.slides.add_slide(layouts[templates.SECTION])
        used = _section_slide(slide, style, plan_slide)
    else:
        slide = presentation.slides.add_slide(layouts[templates.TITLE_ONLY])
        if isinstance(plan_slide, ChartSlide):
            used = _chart_slide(slide, style, plan_slide, chart_images[plan_slide.slide_id])
        elif isinstance(plan_slide, RecapSlide):
            used = _headline(slide, style, plan_slide.title, 1)
            _recap_body(slide, style, plan_slide)
        elif isinstance(plan_slide, BulletSlide):
            used = _headline(slide, style, plan_slide.title, layout.headline_lines(plan_slide.title))
            _bullets_body(slide, style, plan_slide)
        elif isinstance(plan_slide, PromptSlide):
            used = _headline(slide, style, plan_slide.title, layout.headline_lines(plan_slide.title))
            _prompt_body(slide, style, plan_slide)
    templates.remove_unused_placeholders(slide, used)
    if getattr(plan_slide, "hypothetical", ()):
        _hypothetical_banner(slide, style)
    notes = plan_slide.speaker_notes if isinstance(plan_slide, ChartSlide) else getattr(plan_slide, "notes", "")
    if notes:
        slide.notes_slide.notes_text_frame.text = clean(notes)
    return slide


def _place(shape, style: Style, box: layout.Box) -> None:
    shape.left, shape.top = style.inches(box.left), style.inches(box.top)
    shape.width, shape.height = style.inches(box.width), style.inches(box.height)


def _frame(shape, style: Style, anchor=MSO_ANCHOR.TOP):
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = style.inches(layout.INSET_X)
    frame.margin_top = frame.margin_bottom = style.inches(layout.INSET_Y)
    return frame


def _run(paragraph, style: Style, text: str, size: float, *, bold=False, color=DECK_TEXT, font=BODY):
    run = paragraph.add_run()
    run.text = clean(text)
    run.font.size = style.size(size, font)
    run.font.bold = bold
    run.font.name = style.font(font)
    _color(run, style, color)
    return run


def _color(run, style: Style, color) -> None:
    if color == DECK_TEXT:
        if not style.themed:  # else the template's own colour (its title or text colour)
            run.font.color.rgb = TEXT
    elif color == DECK_MUTED:
        if style.themed:
            run.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
            run.font.color.brightness = MUTED_BRIGHTNESS
        else:
            run.font.color.rgb = MUTED
    else:
        run.font.color.rgb = color


def _line_pitch(paragraph, style: Style, size: float) -> None:
    # Exact points, not a multiple: a multiple scales the font's own line
    # height (about 1.2-1.45 em), which would break the planner's arithmetic.
    paragraph.line_spacing = style.pitch(size)


def _spacing(paragraph, style: Style, gap_lines: float, size: float) -> None:
    _line_pitch(paragraph, style, size)
    if gap_lines:
        paragraph.space_before = Pt(gap_lines * size * layout.LINE_SPACING * style.scale)


def _title_shape(slide, style: Style, box: layout.Box):
    """The slide's title placeholder, or a text box when the layout has none."""
    shape = slide.shapes.title
    if shape is None:
        shape = slide.shapes.add_textbox(0, 0, 0, 0)
    _place(shape, style, box)
    return shape


def _headline(slide, style: Style, text: str, lines: int) -> list:
    shape = _title_shape(slide, style, layout.headline_box(lines))
    frame = _frame(shape, style)
    frame.text = ""
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _spacing(paragraph, style, 0, layout.HEADLINE_SIZE)
    lines = layout.wrap(text, layout.CONTENT_WIDTH - 2 * layout.INSET_X, layout.HEADLINE_SIZE, bold=True)
    _broken_runs(paragraph, style, lines, layout.HEADLINE_SIZE, bold=True, font=HEADING)
    return [shape]


def _broken_runs(paragraph, style: Style, lines: list[str], size: float, **run) -> None:
    """``lines`` (slidekit's own wrap, at spaces) as runs with line breaks between them.

    The text box still word-wraps, but never needs to: each line was measured
    to fit, so a renderer never breaks a line itself (PowerPoint and
    LibreOffice would break after a hyphen, splitting "gpt-3.5-turbo").
    """
    for i, line in enumerate(lines):
        if i:
            paragraph.add_line_break()
        _run(paragraph, style, line, size, **run)


def _lead_runs(paragraph, style: Style, lines: list[str], lead: str, text: str, size: float) -> None:
    """``lines`` of ``lead + text`` as runs (see :func:`_broken_runs`), the lead (a term) bold."""
    full, start = lead + text, 0
    for i, line in enumerate(lines):
        if i:
            paragraph.add_line_break()
            # A break replaces one space, unless it cut a word too long for a line.
            start += full[start:start + 1] in (" ", "\n") and not full.startswith(line, start)
        bold = max(0, min(len(line), len(lead) - start))
        if bold:
            _run(paragraph, style, line[:bold], size, bold=True)
        if line[bold:]:
            _run(paragraph, style, line[bold:], size)
        start += len(line)


def _wrapped_runs(paragraph, style: Style, text: str, width: float, size: float, **run) -> None:
    """``text`` broken by slidekit into lines of ``width`` inches (see :func:`_broken_runs`)."""
    _broken_runs(paragraph, style, layout.wrap(text, width, size, run.get("bold", False)), size, **run)


def _textbox(slide, style: Style, box: layout.Box, anchor=MSO_ANCHOR.TOP):
    shape = slide.shapes.add_textbox(
        style.inches(box.left), style.inches(box.top), style.inches(box.width), style.inches(box.height)
    )
    return shape, _frame(shape, style, anchor)


def _second_line(slide, style: Style, box: layout.Box):
    """The subtitle (title slide) or body (section slide) placeholder, else a new text box."""
    shape = templates.text_placeholder(slide)
    if shape is None:
        return _textbox(slide, style, box)
    _place(shape, style, box)
    return shape, _frame(shape, style)


def _title_slide(slide, style: Style, plan_slide: TitleSlide) -> list:
    title = _title_shape(slide, style, layout.Box(layout.MARGIN_X, 1.8, layout.CONTENT_WIDTH, 2.6))
    frame = _frame(title, style, MSO_ANCHOR.BOTTOM)
    frame.text = ""
    size = 40.0
    while size > 28 and len(layout.wrap(plan_slide.title, layout.CONTENT_WIDTH - 0.2, size, True)) > 3:
        size -= 4
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _spacing(paragraph, style, 0, size)
    _wrapped_runs(paragraph, style, plan_slide.title, layout.CONTENT_WIDTH - 0.2, size, bold=True, font=HEADING)
    subtitle, frame = _second_line(slide, style, layout.Box(layout.MARGIN_X, 4.6, layout.CONTENT_WIDTH, 0.8))
    frame.text = ""
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _wrapped_runs(paragraph, style, plan_slide.subtitle, layout.CONTENT_WIDTH - 0.2, 24, color=DECK_MUTED)
    if plan_slide.notice:
        _title_notice(slide, style, plan_slide.notice)
    return [title, subtitle]


def _title_notice(slide, style: Style, notice: str) -> None:
    """The title slide's sentence saying the deck contains hypothetical results, in red under the subtitle."""
    size = 20.0
    while size > 14 and len(layout.wrap(notice, layout.CONTENT_WIDTH - 0.2, size, True)) > 2:
        size -= 2
    lines = len(layout.wrap(notice, layout.CONTENT_WIDTH - 0.2, size, True))
    box = layout.Box(layout.MARGIN_X, 5.6, layout.CONTENT_WIDTH, lines * layout.line_height(size) + 0.1)
    shape, frame = _textbox(slide, style, box)
    shape.name = "Hypothetical results notice"
    _spacing(frame.paragraphs[0], style, 0, size)
    _wrapped_runs(frame.paragraphs[0], style, notice, layout.CONTENT_WIDTH - 0.2, size, bold=True, color=BANNER_FILL)


def _hypothetical_banner(slide, style: Style) -> None:
    """A red band across the top of a slide that shows hypothetical numbers (see slidekit.plan.hypothetical)."""
    shape = slide.shapes.add_shape(
        MSO_AUTO_SHAPE_TYPE.RECTANGLE, 0, 0, style.inches(layout.SLIDE_WIDTH), style.inches(BANNER_HEIGHT)
    )
    shape.name = "Hypothetical data banner"
    shape.fill.solid()
    shape.fill.fore_color.rgb = BANNER_FILL
    shape.line.fill.background()
    # No theme style: its effect (a shadow, in LibreOffice too) would blur the band's edge.
    shape._element.remove(shape._element.find(qn("p:style")))
    frame = shape.text_frame
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_top = frame.margin_bottom = 0
    frame.text = ""
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    _run(paragraph, style, BANNER, BANNER_SIZE, bold=True, color=WHITE)


def _section_slide(slide, style: Style, plan_slide: SectionSlide) -> list:
    title = _title_shape(slide, style, layout.Box(layout.MARGIN_X, 2.6, layout.CONTENT_WIDTH, 1.2))
    frame = _frame(title, style, MSO_ANCHOR.BOTTOM)
    frame.text = ""
    width = layout.CONTENT_WIDTH - 2 * layout.INSET_X
    _wrapped_runs(frame.paragraphs[0], style, plan_slide.title, width, 44, bold=True, font=HEADING)
    body, frame = _second_line(slide, style, layout.Box(layout.MARGIN_X, 3.9, layout.CONTENT_WIDTH, 0.8))
    frame.text = ""
    _wrapped_runs(frame.paragraphs[0], style, plan_slide.subtitle, width, 24, color=DECK_MUTED)
    return [title, body]


def _set_bullet(paragraph, style: Style, indent: float) -> None:
    """A real bullet (hanging indent and a bullet character) on a text box paragraph."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(style.inches(indent)))
    properties.set("indent", str(-style.inches(indent)))
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


def _recap_body(slide, style: Style, plan_slide: RecapSlide) -> None:
    body = layout.body_box(1)
    _, frame = _textbox(slide, style, body)
    size = plan_slide.font_size
    first = True
    sections = []
    if plan_slide.takeaways:
        sections.append((takeaways_heading(plan_slide.source), [("", t) for t in plan_slide.takeaways]))
    if plan_slide.glossary:
        sections.append((RECAP_GLOSSARY_HEADING, [(f"{g.term}: ", g.definition) for g in plan_slide.glossary]))
    for heading, items in sections:
        paragraph = _paragraph(frame, first)
        _no_bullet(paragraph)
        _spacing(paragraph, style, 0 if first else layout.PARAGRAPH_GAP, size)
        _run(paragraph, style, heading, size, bold=True, color=DECK_MUTED)
        first = False
        for lead, text in items:
            paragraph = frame.add_paragraph()
            _set_bullet(paragraph, style, layout.BULLET_INDENT)
            _spacing(paragraph, style, layout.PARAGRAPH_GAP, size)
            lines = layout.paragraph_wrap(layout.Paragraph(text, lead), body.width, size)
            _lead_runs(paragraph, style, lines, lead, text, size)


def _bullets_body(slide, style: Style, plan_slide: BulletSlide) -> None:
    _, frame = _textbox(slide, style, layout.body_box(layout.headline_lines(plan_slide.title)))
    for i, bullet in enumerate(plan_slide.bullets):
        paragraph = _paragraph(frame, i == 0)
        _set_bullet(paragraph, style, layout.BULLET_INDENT)
        _spacing(paragraph, style, layout.PARAGRAPH_GAP if i else 0, plan_slide.font_size)
        width = layout.CONTENT_WIDTH - 2 * layout.INSET_X - layout.BULLET_INDENT
        _broken_runs(paragraph, style, layout.wrap(bullet, width, plan_slide.font_size), plan_slide.font_size)


def _prompt_body(slide, style: Style, plan_slide: PromptSlide) -> None:
    body = layout.body_box(layout.headline_lines(plan_slide.title))
    rows = measured_rows(plan_slide.lines, plan_slide.font_size)
    used = rows * layout.line_height(plan_slide.font_size) + 2 * layout.INSET_Y + 0.1
    # The grey code box hugs a short prompt instead of filling the slide.
    box = layout.Box(body.left, body.top, body.width, min(body.height, used))
    shape, frame = _textbox(slide, style, box)
    shape.fill.solid()
    shape.fill.fore_color.rgb = PROMPT_FILL
    # One paragraph per line of the prompt, as written: the box wraps a long
    # one (the planner counted the rows), so copying the text gives the prompt.
    size = plan_slide.font_size
    # Dark text on the light grey box whatever the template's text colour.
    for i, line in enumerate(plan_slide.lines or ((),)):
        paragraph = _paragraph(frame, i == 0)
        _line_pitch(paragraph, style, size)
        if not line:
            _run(paragraph, style, "", size, color=TEXT, font=MONO)
        for span in line:
            if span.style == "highlight":
                _run(paragraph, style, span.text, size, bold=True, color=HIGHLIGHT, font=MONO)
            elif span.style == "role":
                _run(paragraph, style, span.text, size, bold=True, color=ROLE, font=MONO)
            else:
                _run(paragraph, style, span.text, size, color=TEXT, font=MONO)


def _chart_slide(slide, style: Style, plan_slide: ChartSlide, image: bytes) -> list:
    headline = layout.headline_box(plan_slide.headline_lines)
    used = _headline(slide, style, plan_slide.headline, plan_slide.headline_lines)
    if plan_slide.subtitle:
        _, frame = _textbox(slide, style, layout.subtitle_box(headline))
        _run(frame.paragraphs[0], style, plan_slide.subtitle, layout.SUBTITLE_SIZE, color=DECK_MUTED)
    box = plan_slide.chart_box
    slide.shapes.add_picture(
        io.BytesIO(image), style.inches(box.left), style.inches(box.top),
        style.inches(box.width), style.inches(box.height),
    )
    if plan_slide.comparison:
        _comparison_line(slide, style, plan_slide.comparison)
    footer = layout.footer_box()
    links_width = _links_width(plan_slide)
    text_box = layout.Box(footer.left, footer.top, footer.width - links_width, footer.height)
    size = layout.FOOTER_SIZE
    while size > 11 and len(layout.wrap(plan_slide.footer, text_box.width - 0.2, size)) > 2:
        size -= 1
    _, frame = _textbox(slide, style, text_box, MSO_ANCHOR.BOTTOM)
    _wrapped_runs(frame.paragraphs[0], style, plan_slide.footer, text_box.width - 0.2, size, color=DECK_MUTED)
    return used


def _comparison_line(slide, style: Style, text: str) -> None:
    """The difference a mentor asks about, in one bold line between the chart and its footer."""
    box = layout.comparison_box()
    size = layout.COMPARISON_SIZE
    while size > 11 and len(layout.wrap(text, box.width - 0.2, size, bold=True)) > 1:
        size -= 1
    shape, frame = _textbox(slide, style, box, MSO_ANCHOR.MIDDLE)
    shape.name = "Comparison"
    _wrapped_runs(frame.paragraphs[0], style, text, box.width - 0.2, size, bold=True, color=DECK_TEXT)


def _link_width(text: str) -> float:
    return layout.text_width(text, layout.LINK_SIZE) + 2 * layout.INSET_X + 0.1


def _links_width(plan_slide: ChartSlide) -> float:
    return sum(_link_width(link.text) for link in plan_slide.links)


def _add_links(slide, style: Style, plan_slide: ChartSlide, slides) -> None:
    footer = layout.footer_box()
    right = footer.left + footer.width
    height = layout.line_height(layout.LINK_SIZE) + 2 * layout.INSET_Y
    for link in reversed(plan_slide.links):
        width = _link_width(link.text)
        right -= width
        box = layout.Box(right, footer.bottom - height, width, height)
        shape, frame = _textbox(slide, style, box, MSO_ANCHOR.BOTTOM)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.RIGHT
        run = _run(paragraph, style, link.text, layout.LINK_SIZE, bold=True, color=LINK)
        run.font.underline = True
        shape.click_action.target_slide = slides[link.target_id]
        shape.name = f"Link: {link.text}"
