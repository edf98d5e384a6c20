"""``--to html`` and ``--to md``: the deck's content as a written report, through Jinja2.

The report is read from the same plan as the deck, gathered into a
:class:`Report` (slides split over several pages are joined again) and
rendered with ``report.html.j2`` or ``report.md.j2`` from the package's
``templates`` folder, or with the spec's ``report_template:``. The HTML is one
file with the charts inside it (``data:`` URIs); the Markdown links its charts
from a folder beside it (``week12_files/``). Every value is escaped: HTML with
Jinja2's autoescape, Markdown with the ``md`` and ``code`` filters.

A template sees one variable, ``report`` (a :class:`Report`), and for Markdown
the filters ``md`` (text safe in a paragraph, heading or list item) and
``code`` (a monospace code span). A user's template may ``{% extends
"report.html.j2" %}`` and replace blocks of the built-in one.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import struct
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from slidekit.errors import SlidekitError, SpecProblem
from slidekit.plan.hypothetical import BANNER, RESULT_MARK, deck_notice
from slidekit.plan.model import (
    BulletSlide,
    ChartSlide,
    GlossaryEntry,
    HypotheticalData,
    PromptSlide,
    RecapSlide,
    Span,
    TitleSlide,
)
from slidekit.render.outputs import Built, FileWrite, FolderWrite, Write

TEMPLATE_KINDS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")
BUILTIN_TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}
CHART_FILE = re.compile(r".+\.png")
"""The files of a Markdown report's chart folder (a folder holding anything else is never replaced)."""


@dataclass(frozen=True)
class ReportChart:
    """A result (or a backup breakdown) with its chart."""

    id: str
    """An HTML id and file name for the chart, e.g. ``chart-0``."""
    heading: str
    """The takeaway (the headline when there is none), in full."""
    title: str | None
    """The slide's own headline when it differs from the takeaway."""
    image: str
    """Where the chart is: a ``data:`` URI (HTML) or a path relative to the report (Markdown)."""
    alt: str
    """A text description of the chart."""
    width: int
    height: int
    footer: str
    """n, what the error bars mean and the data source."""
    comparison: str | None = None
    """``compare:``'s difference in one line, as the slide shows it."""
    point_headings: tuple[str, ...] = ()
    """The columns of ``point_rows``: x, the series (if any), the value, low, high (with error
    bars) and n."""
    point_rows: tuple[tuple[str, ...], ...] = ()
    """Every plotted number, one row per point in the chart's order."""
    notes: tuple[str, ...] = ()
    """The speaker notes, line by line (data file, filter, n per category, callout value, ...)."""
    breakdowns: tuple[ReportChart, ...] = ()
    """A result's backup breakdowns (they are also in ``Report.appendix``)."""
    breakdown_of: ReportChart | None = None
    """For a backup breakdown: its result."""
    kind: str = "chart"
    hypothetical: bool = False
    """Drawn from hypothetical data (the image carries the watermark; the report says so too)."""


@dataclass(frozen=True)
class ReportPrompt:
    id: str
    title: str
    lines: tuple[tuple[Span, ...], ...]
    """Lines of spans; a span's ``style`` is ``plain``, ``highlight`` or ``role``."""
    notes: tuple[str, ...]
    kind: str = "prompt"
    hypothetical: bool = False


@dataclass(frozen=True)
class ReportBullets:
    id: str
    title: str
    bullets: tuple[str, ...]
    notes: tuple[str, ...]
    kind: str = "bullets"
    hypothetical: bool = False


@dataclass(frozen=True)
class ReportRecap:
    takeaways: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]
    source: str | None
    """Last week's spec, relative to this one."""
    takeaways_heading: str
    glossary_heading: str
    hypothetical: bool = False


@dataclass(frozen=True)
class Report:
    """What a report template sees, as ``report``."""

    title: str
    byline: str
    """Author and date as on the title slide, e.g. "A. Researcher · 20 January 2025"."""
    author: str
    date: dt.date | None
    takeaways: tuple[str, ...]
    """This week's takeaways."""
    recap: ReportRecap | None
    sections: tuple[ReportChart | ReportPrompt | ReportBullets, ...]
    """Results, prompts and bullet slides, in the deck's order; each has a ``kind``."""
    appendix: tuple[ReportChart, ...]
    """Every backup breakdown."""
    hypothetical: tuple[HypotheticalData, ...] = ()
    """The made-up data the report shows, if any (each with where its numbers come from)."""
    notice: str = ""
    """With hypothetical data: the sentence saying the report contains hypothetical results."""
    takeaways_hypothetical: tuple[bool, ...] = ()
    """For each of ``takeaways``: does it rest on hypothetical data?"""
    banner: str = BANNER
    """The mark of every section with hypothetical data ("HYPOTHETICAL DATA — not real results")."""
    result_mark: str = RESULT_MARK
    """The mark after a takeaway that rests on hypothetical data ("[HYPOTHETICAL]")."""


def make_html(built: Built, path: Path) -> list[Write]:
    """The report as one self-contained HTML file (charts as ``data:`` URIs)."""

    def image(slide: ChartSlide) -> str:
        return "data:image/png;base64," + base64.b64encode(built.images[slide.slide_id]).decode("ascii")

    text = render_report(built, "html", collect_report(built, image))
    return [FileWrite(path, text.encode("utf-8"))]


def make_markdown(built: Built, path: Path) -> list[Write]:
    """The report as Markdown, its charts as PNG files in ``<name>_files/`` beside it."""
    folder = path.with_name(f"{path.stem}_files")
    files: dict[str, bytes] = {}

    def image(slide: ChartSlide) -> str:
        name = f"{_anchor(slide.slide_id)}.png"
        files[name] = built.images[slide.slide_id]
        return quote(f"{folder.name}/{name}")

    report = collect_report(built, image)
    text = render_report(built, "md", report)
    # The charts' folder first: a report never points at charts not yet there.
    return ([FolderWrite(folder, files, CHART_FILE)] if files else []) + [FileWrite(path, text.encode("utf-8"))]


def collect_report(built: Built, image) -> Report:
    """The plan gathered for a report; ``image(slide)`` says where a chart slide's image is."""
    from slidekit.plan.recap import RECAP_GLOSSARY_HEADING, takeaways_heading

    plan = built.plan
    charts = {
        s.slide_id: _chart(s, image(s), built.images[s.slide_id])
        for s in plan.slides if isinstance(s, ChartSlide)
    }
    recaps = [s for s in plan.slides if isinstance(s, RecapSlide)]
    recap = None
    if recaps:
        recap = ReportRecap(
            takeaways=tuple(t for s in recaps for t in s.takeaways),
            glossary=tuple(g for s in recaps for g in s.glossary),
            source=recaps[0].source,
            takeaways_heading=takeaways_heading(recaps[0].source),
            glossary_heading=RECAP_GLOSSARY_HEADING,
            hypothetical=any(s.hypothetical for s in recaps),
        )
    sections: list = []
    appendix: list[ReportChart] = []
    joined: dict[tuple[str, int], int] = {}
    for slide in plan.slides:
        if isinstance(slide, ChartSlide):
            chart = charts[slide.slide_id]
            if slide.is_backup:
                main = charts[slide.links[0].target_id] if slide.links else None
                appendix.append(replace(chart, breakdown_of=main))
            else:
                backups = tuple(charts[link.target_id] for link in slide.links)
                sections.append(replace(chart, breakdowns=backups))
        elif isinstance(slide, (PromptSlide, BulletSlide)):
            key = (slide.kind, slide.spec_index)
            if key in joined:  # a "(cont.)" page: continue the section of its first page
                first = sections[joined[key]]
                if isinstance(slide, PromptSlide):
                    sections[joined[key]] = replace(first, lines=_trim(first.lines + slide.lines))
                else:
                    sections[joined[key]] = replace(first, bullets=first.bullets + slide.bullets)
                continue
            joined[key] = len(sections)
            notes = _lines(slide.notes)
            marked = bool(slide.hypothetical)
            if isinstance(slide, PromptSlide):
                sections.append(
                    ReportPrompt(_anchor(slide.slide_id), slide.title, _trim(slide.lines), notes, hypothetical=marked)
                )
            else:
                sections.append(
                    ReportBullets(_anchor(slide.slide_id), slide.title, slide.bullets, notes, hypothetical=marked)
                )
    title_slide = next((s for s in plan.slides if isinstance(s, TitleSlide)), None)
    return Report(
        title=plan.title,
        byline=title_slide.subtitle if title_slide else plan.author,
        author=plan.author,
        date=plan.date,
        takeaways=plan.takeaways,
        recap=recap,
        sections=tuple(sections),
        appendix=tuple(appendix),
        hypothetical=plan.hypothetical,
        notice=deck_notice((h.name for h in plan.hypothetical), "report") if plan.hypothetical else "",
        takeaways_hypothetical=_marks(plan),
    )


def _marks(plan) -> tuple[bool, ...]:
    """Which of the plan's takeaways rest on hypothetical data (every one, if the plan does not say)."""
    marks = plan.hypothetical_takeaways
    if len(marks) == len(plan.takeaways):
        return marks
    return tuple(bool(plan.hypothetical) for _ in plan.takeaways)


def _chart(slide: ChartSlide, image: str, png: bytes) -> ReportChart:
    notes = _lines(slide.notes)
    full_headline = slide.headline
    if notes and notes[0].startswith("Full headline: "):
        full_headline = notes[0].removeprefix("Full headline: ")
        notes = notes[1:]
    heading = slide.takeaway or full_headline
    width, height = struct.unpack(">II", png[16:24])
    headings, rows = _point_table(slide)
    return ReportChart(
        id=_anchor(slide.slide_id),
        heading=heading,
        title=full_headline if full_headline != heading else None,
        image=image,
        alt=_describe(slide),
        width=width,
        height=height,
        footer=slide.footer,
        comparison=slide.comparison,
        point_headings=headings,
        point_rows=rows,
        notes=notes,
        hypothetical=bool(slide.hypothetical),
    )


def _point_table(slide: ChartSlide) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    chart, points = slide.chart, slide.points
    with_series = chart.series != (None,)
    with_bounds = any(p.lo is not None for p in points)
    headings = (
        chart.x_label, *([chart.legend_title or "series"] if with_series else []), chart.y_label,
        *(("low", "high") if with_bounds else ()), "n",
    )
    rows = tuple(
        (p.x, *([p.series or ""] if with_series else []), p.value,
         *((p.lo or "", p.hi or "") if with_bounds else ()), "not given" if p.n is None else f"{p.n:,}")
        for p in points
    )
    return headings, rows


def _describe(slide: ChartSlide) -> str:
    chart = slide.chart
    kind = "Line chart" if chart.kind == "line" else "Bar chart"
    text = f"{kind} of {chart.y_label} by {chart.x_label}"
    if chart.series != (None,):
        text += f", one {'line' if chart.kind == 'line' else 'colour'} per {chart.legend_title or 'series'}: "
        text += ", ".join(str(s) for s in chart.series)
    if chart.callout is not None and chart.callout.text:
        text += f". Arrow: {chart.callout.text}"
    return text if text.endswith((".", "!", "?")) else text + "."


def _trim(lines: tuple[tuple[Span, ...], ...]) -> tuple[tuple[Span, ...], ...]:
    """Prompt lines without the empty lines at the start and the end."""
    filled = [i for i, line in enumerate(lines) if any(span.text.strip() for span in line)]
    return lines[filled[0] : filled[-1] + 1] if filled else ()


def _lines(notes: str) -> tuple[str, ...]:
    return tuple(line for line in notes.splitlines() if line.strip())


def _anchor(slide_id: str) -> str:
    """A slide id made safe as an HTML id and a file name (backup ids hold column names)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", slide_id).strip("-") or "slide"


def render_report(built: Built, kind: str, report: Report) -> str:
    """``report`` rendered with the spec's template for ``kind`` (html or md), else the built-in one."""
    user = built.report_template
    if user is not None and template_kind(user) != kind:
        user = None
    text = render_template(user, BUILTIN_TEMPLATES[kind], autoescape=kind == "html", report=report)
    return _one_blank_line(text) if kind == "md" else text


_FENCE = re.compile(r"^(`{3,})")


def _one_blank_line(text: str) -> str:
    """Markdown with runs of blank lines made one, except inside fenced code (a prompt's own lines)."""
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if line.strip() == fence:
                fence = ""
        elif opening:
            fence = opening.group(1)
        elif not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out)


def render_template(user: Path | None, builtin: str, *, autoescape: bool, **context) -> str:
    """The user's template ``user`` (else the built-in ``builtin``) rendered with ``context``.

    A user's template may extend or include the built-in templates; Markdown
    ones get the ``md`` and ``code`` filters. An error in a user's template is a
    :class:`SlidekitError` at its line.
    """
    import jinja2

    if user is not None:
        # The built-in names come first, so a template called report.html.j2 that
        # extends "report.html.j2" extends the built-in one, not itself; other names
        # (includes) are found beside the user's template.
        folder = jinja2.FileSystemLoader(user.parent)
        loader = jinja2.ChoiceLoader([jinja2.PrefixLoader({"@user": folder}), _builtin_loader(), folder])
        name = f"@user/{user.name}"
    else:
        loader, name = _builtin_loader(), builtin
    environment = jinja2.Environment(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_text
    environment.filters["md_cell"] = markdown_cell
    environment.filters["code"] = markdown_code
    environment.filters["code_block"] = markdown_code_block
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        if user is None:
            raise
        line = getattr(exc, "lineno", None) or _template_line(exc, user)
        raise SlidekitError(
            SpecProblem(str(user), f"template error: {exc.message or type(exc).__name__}", line=line)
        ) from None


def _template_line(exc: BaseException, template: Path) -> int | None:
    """The line of ``template`` an error was raised on (Jinja2 puts template lines in tracebacks)."""
    line = None
    frame = exc.__traceback__
    while frame is not None:
        if Path(frame.tb_frame.f_code.co_filename).resolve() == template.resolve():
            line = frame.tb_lineno
        frame = frame.tb_next
    return line


def _builtin_loader():
    import jinja2

    return jinja2.PackageLoader("slidekit", "templates")


def template_kind(path: Path) -> str | None:
    """``html`` or ``md`` from a template's name (``report.html.j2`` -> ``html``), else None."""
    name = path.name.lower()
    for suffix in TEMPLATE_SUFFIXES:
        name = name.removesuffix(suffix)
    return TEMPLATE_KINDS.get(Path(name).suffix)


def report_template_path(loaded) -> Path | None:
    """The spec's ``report_template``, resolved against its folder; a spec error if unusable."""
    name = loaded.spec.report_template
    if name is None:
        return None
    path = loaded.folder / name
    if template_kind(path) is None:
        raise SlidekitError(
            loaded.source.problem(
                ("report_template",),
                f"expected a template named *.html or *.md (optionally followed by .j2); found {name!r}",
            )
        )
    if not path.is_file():
        raise SlidekitError(
            loaded.source.problem(("report_template",), f"no such file: {name} (relative to the spec's folder)")
        )
    return path


# Markdown: characters that start markup anywhere, and markup only at a line's start.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^([#+\-=>]|\d+(?=[.)]))")


def markdown_text(value: object) -> str:
    """``value`` as literal text in Markdown: markup characters escaped, on one line."""
    text = markdown_cell(value)
    # "# x", "- x", "> x" and "1. x" would become a heading, a list or a quote.
    return _MD_LINE_START.sub(lambda m: m[1] + "\\" if m[1][0].isdigit() else "\\" + m[1], text)


def markdown_cell(value: object) -> str:
    """``value`` as literal text in a Markdown table cell (a cell starts no list or heading)."""
    return _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", " ".join(str(value).split())))


def markdown_code_block(lines) -> str:
    """A prompt's lines (of spans, or strings) as a fenced Markdown code block, exactly as written.

    The fence is longer than any run of backticks in the text, so no line of
    the prompt can close it; nothing inside is escaped or wrapped.
    """
    texts = [line if isinstance(line, str) else "".join(span.text for span in line) for line in lines]
    longest = max((len(run) for text in texts for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}text", *texts, fence])


def markdown_code(value: object) -> str:
    """``value`` as a Markdown code span (monospace), whatever backticks and spaces it holds."""
    text = str(value).replace("\n", " ")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()):
        text = f" {text} "
    return f"{fence}{text}{fence}"
