"""Slide geometry and text measurement, shared by the planner and the renderers.

Text is measured with the advance widths of Carlito (metrically identical to
Calibri, the deck's font) and of a 0.6 em monospace font (Courier New /
Liberation Mono), so the planner can decide line breaks, font sizes and
continuation slides before anything is drawn, and the deck never overflows.
All lengths are in inches, font sizes in points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SLIDE_WIDTH = 13.333
SLIDE_HEIGHT = 7.5
MARGIN_X = 0.6
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN_X

BODY_FONT = "Calibri"
MONO_FONT = "Courier New"

HEADLINE_SIZE = 30.0
HEADLINE_TOP = 0.3
HEADLINE_MAX_LINES = 3
SUBTITLE_SIZE = 18.0
LINE_SPACING = 1.2
# python-pptx text boxes have 0.1 in left/right and 0.05 in top/bottom insets.
INSET_X = 0.1
INSET_Y = 0.05

FOOTER_SIZE = 14.0
LINK_SIZE = 16.0
BOTTOM = 7.3
"""Lowest y any text may reach: a small safety band above the slide edge."""

BODY_SIZES = (24.0, 22.0, 20.0, 18.0)
"""Bullet and recap text: the largest that fits is used; 18 pt is the floor."""
PROMPT_SIZES = (18.0, 17.0, 16.0)
"""Monospace prompt text: shrinks to 16 pt, then continues on "(cont.)" slides."""
PARAGRAPH_GAP = 0.35
"""Space before each bullet, in lines of its font size."""
BULLET_INDENT = 0.35

# Advance widths of ASCII 32..126 in 1/1000 em (Carlito regular and bold).
_REGULAR = (
    226, 326, 401, 498, 507, 715, 682, 221, 303, 303, 498, 498, 250, 306, 252, 386, 507, 507,
    507, 507, 507, 507, 507, 507, 507, 507, 268, 268, 498, 498, 498, 463, 894, 579, 544, 533,
    615, 488, 459, 631, 623, 252, 319, 520, 420, 855, 646, 662, 517, 673, 543, 459, 487, 642,
    567, 890, 519, 487, 468, 307, 386, 307, 498, 498, 291, 479, 525, 423, 525, 498, 305, 471,
    525, 230, 239, 455, 230, 799, 525, 527, 525, 525, 349, 391, 335, 525, 452, 715, 433, 453,
    395, 314, 460, 314, 498,
)
_BOLD = (
    226, 326, 438, 498, 507, 729, 705, 233, 312, 312, 498, 498, 258, 306, 267, 430, 507, 507,
    507, 507, 507, 507, 507, 507, 507, 507, 276, 276, 498, 498, 498, 463, 898, 606, 561, 529,
    630, 488, 459, 637, 631, 267, 331, 547, 423, 874, 659, 676, 532, 686, 563, 473, 495, 653,
    591, 906, 551, 520, 478, 325, 430, 325, 498, 498, 300, 494, 537, 418, 537, 503, 316, 474,
    537, 246, 255, 480, 246, 813, 537, 538, 537, 537, 355, 399, 347, 537, 473, 745, 459, 474,
    397, 344, 475, 344, 498,
)
# Characters outside ASCII (accents, CJK, symbols) are measured generously.
_OTHER = 1000
MONO_EM = 0.6
SAFETY = 1.04
"""Measured widths are padded so a renderer with slightly different kerning never wraps earlier."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in inches at ``size`` pt in the deck's proportional font."""
    table = _BOLD if bold else _REGULAR
    units = sum(table[ord(c) - 32] if 32 <= ord(c) < 127 else _OTHER for c in text)
    return units / 1000 * size / 72 * SAFETY


def line_height(size: float) -> float:
    return size * LINE_SPACING / 72


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` inches.

    Explicit newlines are kept; lines break at spaces only, never after a
    hyphen (a model name like "gpt-3.5-turbo" stays whole: the deck puts these
    breaks in itself, so the renderer never has to break a line); a word
    longer than a line is broken inside.
    """
    lines: list[str] = []
    for raw_line in text.split("\n"):
        current = ""
        for piece in raw_line.split(" "):
            candidate = f"{current} {piece}" if current else piece
            if text_width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while len(piece) > 1:
                cut = _longest_prefix(piece, width, size, bold)
                if cut == len(piece):
                    break  # the rest fits on a line
                lines.append(piece[:cut])
                piece = piece[cut:]
            current = piece
        lines.append(current)
    return lines


def _longest_prefix(word: str, width: float, size: float, bold: bool) -> int:
    """How many leading characters of ``word`` fit in ``width`` (at least one).

    Adds one character's width at a time: measuring each prefix anew made a
    100,000-character word (a URL, a base64 blob) take minutes to wrap.
    """
    table = _BOLD if bold else _REGULAR
    units = 0
    for cut, c in enumerate(word):
        units += table[ord(c) - 32] if 32 <= ord(c) < 127 else _OTHER
        if cut and units / 1000 * size / 72 * SAFETY > width:
            return cut
    return len(word)


def mono_chars_per_line(width: float, size: float) -> int:
    """How many monospace characters fit on a line ``width`` inches wide."""
    return max(1, math.floor(width * 72 / (size * MONO_EM) / SAFETY))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


def headline_box(lines: int) -> Box:
    return Box(MARGIN_X, HEADLINE_TOP, CONTENT_WIDTH, lines * line_height(HEADLINE_SIZE) + 2 * INSET_Y)


def headline_lines(text: str) -> int:
    return fit_headline(text)[1]


def fit_headline(text: str) -> tuple[str, int, bool]:
    """The headline as shown (cut with an ellipsis past the line limit), its lines, and if cut."""
    return fit_lines(text, CONTENT_WIDTH - 2 * INSET_X, HEADLINE_SIZE, HEADLINE_MAX_LINES)


TITLE_SLIDE_MIN_SIZE = 28.0
"""The title slide's title shrinks from 40 pt to this before it is cut."""
TITLE_SLIDE_MAX_LINES = 5
"""Lines of the smallest title that fit the title slide's 2.6 in title box."""


def fit_title(text: str) -> tuple[str, bool]:
    """The title slide's title as shown (cut with an ellipsis past what fits), and if cut."""
    shown, _, cut = fit_lines(text, CONTENT_WIDTH - 0.2, TITLE_SLIDE_MIN_SIZE, TITLE_SLIDE_MAX_LINES)
    return (shown, True) if cut else (text, False)


def fit_lines(text: str, width: float, size: float, max_lines: int) -> tuple[str, int, bool]:
    """Bold ``text`` as shown in at most ``max_lines`` (cut with an ellipsis), its lines, and if cut."""
    text = " ".join(text.split())
    lines = wrap(text, width, size, bold=True)
    if len(lines) <= max_lines:
        return text, len(lines), False
    # Keep the most words that still fit, with the ellipsis, in the allowed lines.
    words = text.split(" ")
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        shown = " ".join(words[:middle]) + " \u2026"
        if len(wrap(shown, width, size, bold=True)) <= max_lines:
            low = middle
        else:
            high = middle - 1
    if low == 0:  # one enormous word: cut inside it
        first = wrap(text, width, size, bold=True)[0]
        return first[:-2] + " \u2026", 1, True
    return " ".join(words[:low]) + " \u2026", max_lines, True


def subtitle_box(headline: Box) -> Box:
    return Box(MARGIN_X, headline.bottom, CONTENT_WIDTH, line_height(SUBTITLE_SIZE) + 2 * INSET_Y)


FOOTER_HEIGHT = 2 * line_height(FOOTER_SIZE) + 2 * INSET_Y
"""Room for two lines of footer (n, error bars, data source) under a chart."""


def footer_box() -> Box:
    return Box(MARGIN_X, BOTTOM - FOOTER_HEIGHT, CONTENT_WIDTH, FOOTER_HEIGHT)


COMPARISON_SIZE = 16.0
COMPARISON_HEIGHT = line_height(COMPARISON_SIZE) + 2 * INSET_Y
"""One line for a chart's comparison ("cue - no cue: -19.2 pts [...]"), above the footer."""


def comparison_box() -> Box:
    footer = footer_box()
    return Box(MARGIN_X, footer.top - COMPARISON_HEIGHT, CONTENT_WIDTH, COMPARISON_HEIGHT)


def body_box(
    headline_line_count: int, has_subtitle: bool = False, footer: bool = False, comparison: bool = False
) -> Box:
    """The space for a slide's body: below its headline, above its footer (and comparison line)."""
    top_box = headline_box(headline_line_count)
    if has_subtitle:
        top_box = subtitle_box(top_box)
    top = top_box.bottom + 0.1
    bottom = footer_box().top - 0.05 if footer else BOTTOM
    if comparison:
        bottom = comparison_box().top - 0.02
    return Box(MARGIN_X, top, CONTENT_WIDTH, bottom - top)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph to fit: optional bold lead (a glossary term) then text."""

    text: str
    lead: str = ""
    bullet: bool = True


def paragraph_wrap(paragraph: Paragraph, width: float, size: float) -> list[str]:
    """The lines of ``lead + text`` in a box ``width`` inches wide (the deck breaks them so)."""
    indent = BULLET_INDENT if paragraph.bullet else 0.0
    # The bold lead is measured as regular text, on a line shorter by the
    # difference: wrapping the mixed run, that is right to within a character.
    lead_extra = text_width(paragraph.lead, size, True) - text_width(paragraph.lead, size)
    return wrap(paragraph.lead + paragraph.text, width - 2 * INSET_X - indent - max(lead_extra, 0.0), size)


def paragraph_lines(paragraph: Paragraph, width: float, size: float) -> int:
    return len(paragraph_wrap(paragraph, width, size))


def paragraphs_height(paragraphs: list[Paragraph], width: float, size: float) -> float:
    total = 0.0
    for i, paragraph in enumerate(paragraphs):
        gap = PARAGRAPH_GAP * line_height(size) if i else 0.0
        total += gap + paragraph_lines(paragraph, width, size) * line_height(size)
    return total + 2 * INSET_Y


def fit_paragraphs(
    paragraphs: list[Paragraph], box: Box, sizes: tuple[float, ...] = BODY_SIZES
) -> tuple[float, list[list[Paragraph]]]:
    """The largest font size at which ``paragraphs`` fit ``box``, and the pages.

    One page when they fit at some size; otherwise the smallest size, split
    greedily into as many pages as needed. A paragraph is cut in two only when
    it is taller than a whole page by itself (it continues on the next page).
    """
    for size in sizes:
        if paragraphs_height(paragraphs, box.width, size) <= box.height:
            return size, [paragraphs]
    size = sizes[-1]
    pages: list[list[Paragraph]] = [[]]
    for paragraph in (piece for whole in paragraphs for piece in _page_sized(whole, box, size)):
        if pages[-1] and paragraphs_height([*pages[-1], paragraph], box.width, size) > box.height:
            pages.append([])
        pages[-1].append(paragraph)
    return size, pages


def _page_sized(paragraph: Paragraph, box: Box, size: float) -> list[Paragraph]:
    """``paragraph``, or its pieces of one page each when it alone is taller than ``box``."""
    if paragraphs_height([paragraph], box.width, size) <= box.height:
        return [paragraph]
    full = paragraph.lead + paragraph.text
    lines = paragraph_wrap(paragraph, box.width, size)
    per_page = max(1, int((box.height - 2 * INSET_Y) // line_height(size)))
    starts, position = [], 0
    for line in lines:  # where each wrapped line starts in the text
        position = full.find(line, position)
        starts.append(position)
        position += len(line)
    ends = [starts[i] for i in range(per_page, len(lines), per_page)] + [len(full)]
    pieces = [full[start:end].strip() for start, end in zip(starts[::per_page], ends)]
    first = Paragraph(pieces[0][len(paragraph.lead):], paragraph.lead, paragraph.bullet)
    return [first] + [Paragraph(piece, "", paragraph.bullet) for piece in pieces[1:]]
