"""The deck's look: the lab's template (its theme fonts, accent colours, slide size) or the built-in one.

A .pptx is a zip of XML parts; the theme is read straight from it, so the
planner and the linter learn the chart colours without python-pptx. Which of
the template's layouts each slide uses is the deck renderer's business
(:mod:`slidekit.render.template`).

Slides are laid out for 16:9 (:mod:`slidekit.layout` measures every line on a
13.333 x 7.5 in slide). A 16:9 template of another size (10 x 5.625 in, say)
is used as it is and the renderer scales every box and font with it, which
keeps every line break the planner measured; a template of another shape
(4:3, 16:10) is refused, since fitting text and charts to it would need a
different plan, not a scaled one.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

from slidekit import layout
from slidekit.errors import SlidekitError
from slidekit.plan.chart import PALETTE, with_palette
from slidekit.plan.model import ChartSlide, DeckPlan, LookPlan
from slidekit.spec.load import LoadedSpec

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_EMU_PER_INCH = 914400
_MAX_PART = 20 * 1024 * 1024
"""Bytes read from one XML part at most (a theme is a few kB; this bounds a zip bomb)."""

ASPECT = layout.SLIDE_WIDTH / layout.SLIDE_HEIGHT
ASPECT_TOLERANCE = 0.01
MIN_CONTRAST = 1.5
"""Accent colours fainter than this on white (WCAG contrast ratio) are not used for charts."""


class TemplateError(Exception):
    """The template cannot be used; the message says why, for the spec line of ``template:``."""


@dataclass(frozen=True)
class Theme:
    """What a template's first slide master and its theme say about the look."""

    heading_font: str | None
    """The theme's major (headings) latin typeface."""
    body_font: str | None
    """The theme's minor (body) latin typeface."""
    accents: tuple[str, ...]
    """accent1..accent6 as ``#RRGGBB``."""
    width: float
    """Slide width, in inches."""
    height: float


def resolve_look(loaded: LoadedSpec) -> LookPlan:
    """The look the spec asks for: ``template:`` and ``colors:``, checked.

    Raises :class:`SlidekitError` at the ``template`` line when the file is
    missing, not a PowerPoint file, or not 16:9.
    """
    spec = loaded.spec
    theme = None
    template = None
    if spec.template is not None:
        template = (loaded.folder / spec.template).resolve()
        try:
            theme = read_theme(template)
        except TemplateError as exc:
            raise SlidekitError(
                loaded.source.problem(("template",), f"{spec.template}: {exc}")
            ) from None
    return LookPlan(
        template=template,
        heading_font=(theme and theme.heading_font) or layout.BODY_FONT,
        body_font=(theme and theme.body_font) or layout.BODY_FONT,
        palette=chart_palette(spec.colors, theme.accents if theme else ()),
    )


def apply_look(plan: DeckPlan, look: LookPlan) -> DeckPlan:
    """``plan`` with ``look``: its charts coloured from the look's palette, in its body font."""
    slides = tuple(
        replace(s, chart=replace(with_palette(s.chart, look.palette), font=look.body_font))
        if isinstance(s, ChartSlide) else s
        for s in plan.slides
    )
    return replace(plan, slides=slides, look=look)


def chart_palette(colors: list[str] | None, accents: tuple[str, ...]) -> tuple[str, ...]:
    """The series colours in order: ``colors:``, else the theme's visible accents, then the built-in ones.

    The built-in palette always follows, so a chart with more series than
    the chosen colours still gets distinct colours.
    """
    chosen = list(colors or [a for a in accents if contrast_on_white(a) >= MIN_CONTRAST])
    return tuple(dict.fromkeys([*chosen, *PALETTE]))


def contrast_on_white(color: str) -> float:
    """WCAG contrast ratio of ``#RRGGBB`` against white (1 = invisible, 21 = black)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def read_theme(path: Path) -> Theme:
    """The fonts, accent colours and slide size of the .pptx at ``path``.

    Raises :class:`TemplateError` when it is missing, not a .pptx, or not 16:9.
    """
    if not path.is_file():
        raise TemplateError("is a folder; expected a .pptx file" if path.is_dir() else "no such file")
    try:
        with zipfile.ZipFile(path) as package:
            theme = _read_package(package)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, TypeError) as exc:
        raise TemplateError(f"not a PowerPoint .pptx file ({_why(exc)})") from None
    except OSError as exc:
        raise TemplateError(f"cannot read: {exc.strerror or exc}") from None
    if abs(theme.width / theme.height / ASPECT - 1) > ASPECT_TOLERANCE:
        raise TemplateError(
            f"its slides are {theme.width:.3g} x {theme.height:.3g} in ({_shape(theme)}); slidekit lays "
            "slides out for 16:9: make a 16:9 copy of the template (Design > Slide Size > Widescreen)"
        )
    return theme


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"no part {exc.args[0]}"
    if isinstance(exc, zipfile.BadZipFile):
        return "not a zip package"
    return str(exc)


def _shape(theme: Theme) -> str:
    ratio = theme.width / theme.height
    for name, value in (("4:3", 4 / 3), ("16:10", 16 / 10), ("A4", 297 / 210)):
        if abs(ratio / value - 1) <= ASPECT_TOLERANCE:
            return name
    return f"{ratio:.2f}:1"


def _read_package(package: zipfile.ZipFile) -> Theme:
    presentation_name = _related(package, "", "/officeDocument")
    presentation = _xml(package, presentation_name)
    size = presentation.find(f"{_P}sldSz")
    master_id = presentation.find(f"{_P}sldMasterIdLst/{_P}sldMasterId")
    if size is None or master_id is None:
        raise ValueError("no slide size or slide master in the presentation")
    master_name = _related(package, presentation_name, master_id.get(f"{_R}id"))
    theme = _xml(package, _related(package, master_name, "/theme"))
    elements = theme.find(f"{_A}themeElements")
    if elements is None:
        raise ValueError("the theme has no themeElements")
    return Theme(
        heading_font=_typeface(elements, "majorFont"),
        body_font=_typeface(elements, "minorFont"),
        accents=_accents(elements),
        width=int(size.get("cx")) / _EMU_PER_INCH,
        height=int(size.get("cy")) / _EMU_PER_INCH,
    )


def _xml(package: zipfile.ZipFile, name: str) -> ElementTree.Element:
    info = package.getinfo(name)
    if info.file_size > _MAX_PART:
        raise ValueError(f"part {name} is implausibly large")
    return ElementTree.fromstring(package.read(info))


def _related(package: zipfile.ZipFile, source: str, wanted: str) -> str:
    """The part ``source`` relates to by relationship id, or by a type ending in ``wanted``."""
    folder, name = posixpath.split(source)
    rels = _xml(package, posixpath.join(folder, "_rels", f"{name}.rels"))
    for rel in rels.iter(f"{_RELS}Relationship"):
        if rel.get("Id") == wanted or (wanted.startswith("/") and rel.get("Type", "").endswith(wanted)):
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(folder, target))
    raise ValueError(f"{source or 'the package'} has no {wanted.lstrip('/')} relationship")


def _typeface(elements: ElementTree.Element, which: str) -> str | None:
    latin = elements.find(f"{_A}fontScheme/{_A}{which}/{_A}latin")
    typeface = (latin.get("typeface") or "").strip() if latin is not None else ""
    # "+mj-lt"-style values refer back to the theme itself; they name no font.
    return typeface if typeface and not typeface.startswith("+") else None


def _accents(elements: ElementTree.Element) -> tuple[str, ...]:
    scheme = elements.find(f"{_A}clrScheme")
    accents = []
    for i in range(1, 7):
        slot = scheme.find(f"{_A}accent{i}") if scheme is not None else None
        color = next(iter(slot), None) if slot is not None else None
        value = None
        if color is not None and color.tag == f"{_A}srgbClr":
            value = color.get("val")
        elif color is not None and color.tag == f"{_A}sysClr":
            value = color.get("lastClr")
        if value and len(value) == 6:
            accents.append("#" + value.upper())
    return tuple(accents)
