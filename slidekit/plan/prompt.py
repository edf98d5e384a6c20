"""Prompt slides: the exact text the model saw, measured, highlighted and paginated.

The text keeps its own lines: slidekit wraps a long line only to count the rows it
takes (for the font size and the pages); the slide's text box wraps it on screen.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from slidekit import layout
from slidekit.data.query import apply_where
from slidekit.errors import DataError, SlideKeyError
from slidekit.plan.model import PromptSlide, Span
from slidekit.spec.models import PromptSlideSpec, PromptTextSpec

MAX_PAGES = 40
"""A prompt longer than this (about 900 lines) is cut; the last slide and the notes say how much."""


@dataclass(frozen=True)
class PromptSource:
    """Where the prompt came from, and its messages as (role, text) pairs."""

    origin: str
    messages: tuple[tuple[str | None, str], ...]
    note: str = ""
    """How the text was read, when that is worth a line in the notes (an encoding fallback)."""


def read_prompt(slide: PromptSlideSpec, folder: Path, tables: Mapping) -> PromptSource:
    """The prompt's text from a file, inline text, chat messages or a data table."""
    prompt = slide.prompt
    if isinstance(prompt, PromptTextSpec) and prompt.data is not None:
        return _prompt_from_data(prompt, tables)
    if isinstance(prompt, str) or (isinstance(prompt, PromptTextSpec) and prompt.file):
        relative = prompt if isinstance(prompt, str) else prompt.file
        key = ("prompt",) if isinstance(prompt, str) else ("prompt", "file")
        text, note = _read_text_file(folder / relative, relative, key)
        return PromptSource(relative, ((None, text),), note)
    if prompt.messages is not None:
        return PromptSource("the spec", tuple((m.role, m.content) for m in prompt.messages))
    return PromptSource("the spec", ((None, prompt.text or ""),))


def _prompt_from_data(prompt: PromptTextSpec, tables: Mapping) -> PromptSource:
    table = tables.get(prompt.data)
    if table is None:
        names = ", ".join(tables) or "none"
        raise SlideKeyError(("prompt", "data"), f"no data table {prompt.data!r}; expected one of: {names}")
    frame = table.frame
    if prompt.where:
        try:
            frame = apply_where(frame, prompt.where, list(table.all_columns))
        except DataError as exc:
            raise SlideKeyError(("prompt", "where"), str(exc)) from None
    if prompt.column not in frame.columns:
        columns = ", ".join(table.all_columns)
        raise SlideKeyError(
            ("prompt", "column"), f"column {prompt.column!r} not in {table.name} (columns: {columns})"
        )
    values = frame[prompt.column].dropna()
    distinct = list(dict.fromkeys(map(str, values)))
    selector = f" where {prompt.where}" if prompt.where else ""
    if not distinct:
        raise SlideKeyError(
            ("prompt", "where"), f"no row of {table.name}{selector} has a value in column {prompt.column}"
        )
    if len(distinct) > 1:
        raise SlideKeyError(
            ("prompt", "where"),
            f"{len(distinct)} different prompts in {table.name}{selector}; narrow where: to one sample",
        )
    origin = f"{table.path}, column {prompt.column}{selector}"
    return PromptSource(origin, _messages(values.iloc[0]))


def _messages(value: object) -> tuple[tuple[str | None, str], ...]:
    """A cell as prompt messages: chat messages (a list, or JSON of one) or plain text."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return ((None, value),)
    if isinstance(value, (list, tuple)) and value and all(
        isinstance(m, dict) and "content" in m for m in value
    ):
        return tuple((str(m.get("role", "message")), _content_text(m["content"])) for m in value)
    return ((None, str(value)),)


def _content_text(content: object) -> str:
    """Chat content as text; multi-part content keeps its text parts."""
    if isinstance(content, list):
        return "\n".join(str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def _read_text_file(path: Path, shown: str, key: tuple) -> tuple[str, str]:
    """The file's text, and a note when it was not UTF-8 (or a :class:`SlideKeyError`)."""
    if path.is_dir():
        raise SlideKeyError(key, f"{shown} is a folder; expected a text file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SlideKeyError(key, f"{shown}: no such file") from None
    except OSError as exc:
        raise SlideKeyError(key, f"{shown}: cannot read: {exc.strerror}") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        try:
            return raw.decode("utf-16"), ""
        except UnicodeDecodeError:
            pass
    if b"\0" in raw:
        raise SlideKeyError(key, f"{shown}: a binary file (it holds NUL bytes); expected a text file")
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        # Prompts saved by Windows tools are often cp1252; decoding with it never fails.
        note = (
            f"{shown} is not UTF-8 (byte {exc.start:,}); it was read as Windows-1252, so check "
            "accented letters and symbols against the file."
        )
        return raw.decode("cp1252", errors="replace"), note


def _normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)


def _highlight_mask(text: str, spans: list[str]) -> list[bool]:
    mask = [False] * len(text)
    for span in spans:
        start = text.find(span)
        while start != -1:
            for i in range(start, start + len(span)):
                mask[i] = True
            start = text.find(span, start + 1)
    return mask


def _wrap_marked(text: str, mask: list[bool], width: int) -> list[Row]:
    """Wrap at ``width`` characters (at a space when there is one) keeping highlights.

    Each row says whether it continues the line before (a wrap, not a newline
    of the prompt): rows measure the slide, lines are what it shows.
    """
    lines: list[Row] = []
    offset = 0
    for raw in text.split("\n"):
        start = 0
        while True:
            rest = len(raw) - start
            if rest <= width:
                end = len(raw)
            else:
                cut = raw.rfind(" ", start, start + width + 1)
                end = cut + 1 if cut > start else start + width
            lines.append(Row(_spans(raw, mask, offset, start, end), start > 0))
            start = end
            if start >= len(raw):
                break
        offset += len(raw) + 1
    return lines


def _spans(raw: str, mask: list[bool], offset: int, start: int, end: int) -> tuple[Span, ...]:
    spans: list[Span] = []
    i = start
    while i < end:
        marked = mask[offset + i]
        j = i
        while j < end and mask[offset + j] == marked:
            j += 1
        spans.append(Span(raw[i:j], "highlight" if marked else "plain"))
        i = j
    return tuple(spans)


@dataclass(frozen=True)
class Row:
    """One measured row of a prompt slide: its spans, and if it continues the row before."""

    spans: tuple[Span, ...]
    continued: bool = False


def _lines_for(source: PromptSource, highlights: list[str], width: int) -> list[Row]:
    lines: list[Row] = []
    for number, (role, text) in enumerate(source.messages):
        if role is not None:
            if number:
                lines.append(Row(()))
            lines.append(Row((Span(role.upper(), "role"),)))
        # A file's final newline is not a line of the prompt (it drew an empty last row).
        text = _normalize(text).rstrip("\n")
        lines.extend(_wrap_marked(text, _highlight_mask(text, highlights), width))
    return lines


def _paged(rows: list[Row], per_page: int) -> list[list[Row]]:
    """``rows`` in pages of at most ``per_page``; a line of several rows moves whole to the next
    page when it does not fit the rest of this one (it is split only when longer than a page)."""
    pages: list[list[Row]] = [[]]
    starts = [i for i, row in enumerate(rows) if not row.continued] + [len(rows)]
    for start, end in zip(starts, starts[1:]):
        line = rows[start:end]
        if pages[-1] and len(pages[-1]) + len(line) > per_page and len(line) <= per_page:
            pages.append([])
        for row in line:
            if len(pages[-1]) >= per_page:
                pages.append([])
            pages[-1].append(row)
    return pages


def _joined(page: list[Row]) -> tuple[tuple[Span, ...], ...]:
    """A page's rows as the prompt's own lines: wrapped rows joined again (the text box wraps them)."""
    lines: list[list[Span]] = []
    for row in page:
        if row.continued and lines:
            for span in row.spans:
                if lines[-1] and lines[-1][-1].style == span.style:
                    lines[-1][-1] = Span(lines[-1][-1].text + span.text, span.style)
                else:
                    lines[-1].append(span)
        else:
            lines.append(list(row.spans))
    return tuple(tuple(line) for line in lines)


def measured_rows(lines: tuple[tuple[Span, ...], ...], size: float) -> int:
    """How many rows ``lines`` (a prompt slide's) take at ``size`` pt when the text box wraps them."""
    width = layout.mono_chars_per_line(layout.CONTENT_WIDTH - 2 * layout.INSET_X, size)
    rows = 0
    for line in lines:
        text = "".join(span.text for span in line)
        rows += len(_wrap_marked(text, [False] * len(text), width))
    return rows


def plan_prompt(
    slide: PromptSlideSpec, index: int, folder: Path, tables: Mapping,
    title: str | None = None, notes: str | None = None,
) -> list[PromptSlide]:
    """The prompt slide(s) for ``slide``: one, or several marked "(cont.)".

    ``title`` and ``notes`` are the slide's texts after template rendering.
    """
    source = read_prompt(slide, folder, tables)
    full_text = "\n".join(_normalize(text) for _, text in source.messages)
    for i, span in enumerate(slide.highlight):
        if _normalize(span) not in full_text:
            raise SlideKeyError(("highlight", i), f"{span!r} does not occur in the prompt")
    highlights = [_normalize(s) for s in slide.highlight]
    title, _, _ = layout.fit_headline(title or "Prompt")
    box = layout.body_box(layout.headline_lines(f"{title} (cont.)"))
    text_width = box.width - 2 * layout.INSET_X
    text_height = box.height - 2 * layout.INSET_Y
    # The largest size at which the prompt fits one slide, preferring a size
    # that needs no wrapped lines (a wrapped prompt line reads as two lines).
    layouts = []
    longest = max((len(line) for _, text in source.messages for line in _normalize(text).split("\n")), default=0)
    for size in layout.PROMPT_SIZES:
        width = layout.mono_chars_per_line(text_width, size)
        per_page = int(text_height // layout.line_height(size))
        lines = _lines_for(source, highlights, width)
        layouts.append((size, per_page, lines, longest <= width))
    fitting = [item for item in layouts if len(item[2]) <= item[1]]
    unwrapped = [item for item in fitting if item[3]]
    size, per_page, lines, _ = (unwrapped or fitting or layouts[-1:])[0]
    pages = _paged(lines, per_page)
    omitted = 0
    if len(pages) > MAX_PAGES:
        omitted = sum(len(p) for p in pages[MAX_PAGES:]) + 1  # +1: the line the marker replaces
        pages = pages[:MAX_PAGES]
        pages[-1] = pages[-1][:-1] + [Row((Span(f"[... {omitted:,} more lines omitted: see the notes]", "role"),))]
    user_notes = notes
    notes = [f"Prompt from {source.origin}."] + ([source.note] if source.note else [])
    if slide.highlight:
        notes.append("Highlighted: " + "; ".join(repr(s) for s in slide.highlight) + ".")
    if omitted:
        notes.append(
            f"The prompt is too long for {MAX_PAGES} slides: the last {omitted:,} wrapped lines "
            f"are not shown; the full text is in {source.origin}."
        )
    if user_notes:
        notes.append(user_notes)
    return [
        PromptSlide(
            slide_id=f"prompt-{index}" + (f"-{number}" if number else ""),
            title=title if number == 0 else f"{title} (cont.)",
            lines=_joined(page),
            font_size=size,
            page=number + 1,
            pages=len(pages),
            notes="\n".join(notes),
            spec_index=index,
        )
        for number, page in enumerate(pages)
    ]
