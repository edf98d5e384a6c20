"""Draw a :class:`ChartPlan` as a PNG with matplotlib.

The figure is rendered at exactly the size it will have on the slide, so a
16 pt label here is 16 pt in the deck. matplotlib is imported inside the
function: commands that draw no chart never pay for it.
"""

from __future__ import annotations

import logging
import math
import re
import textwrap
import warnings

from slidekit.plan.model import ChartPlan, Point, category_key, display
from slidekit.render.png import encode_png

LABEL_SIZE = 16
TICK_SIZE = 15
CALLOUT_SIZE = 16
CALLOUT_COLOR = "#D62728"
WATERMARK = "HYPOTHETICAL"
"""Across every chart drawn from a table marked ``hypothetical`` (``ChartPlan.hypothetical``)."""
WATERMARK_COLOR = "#C00000"
WATERMARK_ALPHA = 0.2
WATERMARK_SPAN = 0.7
"""The watermark's length, as a share of the chart's diagonal."""
WATERMARK_EM = 0.72
"""The average width of its (bold, capital) letters, in em."""
DPI = 200
CALLOUT_TRIES = 4
"""How many times the callout may raise the y axis's top to find a spot that covers no data."""


def warm_up() -> None:
    """Import what drawing needs (run first in a helper process, while the data loads)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.figure  # noqa: F401
    from matplotlib.backends import backend_agg  # noqa: F401


def render_job(job: tuple[ChartPlan, float, float]) -> bytes:
    """:func:`render_chart_png` for one ``(chart, width, height)``; a worker process's task."""
    return render_chart_png(*job)


def render_chart_png(chart: ChartPlan, width: float, height: float, dpi: int = DPI) -> bytes:
    """The chart as PNG bytes, ``width`` x ``height`` inches; same input, same bytes.

    Text is drawn as written: a category "$5 and $6" is money, not TeX math
    (matplotlib's mathtext would mangle it, or fail on a lone "$").
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    style = {"text.parse_math": False, "font.family": font_family(chart.font, _chart_text(chart))}
    fonts_log = logging.getLogger("matplotlib.font_manager")
    level = fonts_log.level
    with matplotlib.rc_context(style), warnings.catch_warnings():
        # An emoji or rare script in a label draws as a box, and a CJK font
        # without bold draws bold text regular; a line about it per glyph on
        # the user's terminal says nothing they can act on.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        fonts_log.setLevel(logging.ERROR)
        try:
            return _draw_png(chart, width, height, dpi)
        finally:
            fonts_log.setLevel(level)


def _draw_png(chart: ChartPlan, width: float, height: float, dpi: int) -> bytes:
    import numpy as np

    canvas = _draw_canvas(chart, width, height, dpi)
    return encode_png(np.asarray(canvas.buffer_rgba()), dpi)


def draw_figure(chart: ChartPlan, width: float, height: float, dpi: int = DPI):
    """The chart's drawn matplotlib canvas (with the same settings as :func:`render_chart_png`),
    for measuring what is on it: tick labels, the callout, the bars."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    style = {"text.parse_math": False, "font.family": font_family(chart.font, _chart_text(chart))}
    with matplotlib.rc_context(style), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        return _draw_canvas(chart, width, height, dpi)


def _draw_canvas(chart: ChartPlan, width: float, height: float, dpi: int):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    canvas = FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = _draw_bars(axes, chart) if chart.kind == "bar" else _draw_lines(axes, chart)

    axes.set_xlabel(_text(chart.x_label), fontsize=LABEL_SIZE)
    axes.set_ylabel(_text(chart.y_label), fontsize=LABEL_SIZE)
    axes.tick_params(labelsize=TICK_SIZE)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)

    tops = [p.hi if p.hi is not None else p.value for p in chart.points]
    bottoms = [p.lo if p.lo is not None else p.value for p in chart.points]
    data_top = max(tops) if tops else 1.0
    data_bottom = min(bottoms) if bottoms else 0.0
    lower = 0.0 if chart.kind == "bar" or chart.measure == "rate" or data_bottom >= 0 else data_bottom
    if chart.kind == "line" and chart.measure == "mean" and data_bottom > 0:
        lower = 0.0
    callout_lines = _callout_lines(chart, width)
    # Keep the top of the axes free for the callout text: the data ends below it.
    axes_height = max(height - 1.3, 1.0)
    reserve = min(0.5, (0.3 * len(callout_lines) + 0.45) / axes_height) if chart.callout else 0.08
    span = (data_top - lower) or abs(data_top) or 1.0
    axes.set_ylim(lower, lower + span / (1 - reserve))
    if chart.measure == "rate":
        axes.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}" if v <= 1.0001 else ""))

    if chart.series != (None,):
        _draw_legend(axes, chart, height)
    if chart.kind == "bar":
        _fit_tick_labels(canvas, axes, _tick_labels(chart))
    if chart.callout is not None:
        _draw_callout(canvas, axes, chart, positions, callout_lines)
    if chart.hypothetical:
        _draw_watermark(figure, width, height)

    canvas.draw()
    return canvas


LONGEST_LEGEND_ENTRY = 40
"""Characters of a series name the legend keeps: a longer one would squeeze the plot away."""


def _draw_legend(axes, chart: ChartPlan, height: float) -> None:
    """The legend beside the plot, as many entries as the figure's height holds.

    Past that (a chart of 200 models, which lint's too-many-series flags) the
    last row says how many more there are; the notes list every bar.
    """
    from matplotlib.patches import Patch

    handles, labels = axes.get_legend_handles_labels()
    labels = [
        label if len(label) <= LONGEST_LEGEND_ENTRY else label[:LONGEST_LEGEND_ENTRY - 1].rstrip() + "\u2026"
        for label in labels
    ]
    rows = max(2, int((height * 72 - 2 * TICK_SIZE) // (TICK_SIZE * 1.45)) - 1)
    if len(handles) > rows:
        more = len(handles) - (rows - 1)
        handles = [*handles[:rows - 1], Patch(visible=False)]
        labels = [*labels[:rows - 1], f"+ {more:,} more"]
    legend = axes.legend(
        handles, labels, title=_text(chart.legend_title), fontsize=TICK_SIZE, title_fontsize=TICK_SIZE,
        loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
    )
    legend._legend_box.align = "left"


STAND_INS = {
    "Calibri": ("Carlito",), "Cambria": ("Caladea",),
    "Arial": ("Liberation Sans", "Arimo"), "Helvetica": ("Liberation Sans", "Arimo"),
    "Times New Roman": ("Liberation Serif", "Tinos"), "Courier New": ("Liberation Mono", "Cousine"),
}
"""Fonts with the same metrics as common deck fonts, often installed where those are not."""
FALLBACK_FONT = "DejaVu Sans"
"""matplotlib's own font: always there, and it has the glyphs a deck font may lack."""
CJK_FONTS = (
    "Noto Sans CJK JP", "Noto Sans CJK SC", "Source Han Sans", "Droid Sans Fallback",
    "WenQuanYi Zen Hei", "PingFang SC", "Hiragino Sans", "Microsoft YaHei", "Yu Gothic", "Malgun Gothic",
)
"""Fonts with Chinese, Japanese and Korean glyphs, which neither the deck font nor DejaVu has."""
_CJK_START = 0x2E80
"""Characters from here on (CJK radicals, kana, ideographs, hangul) need a CJK font."""


def font_family(name: str | None, text: str = "") -> list[str]:
    """The font list for a chart in the deck's font ``name`` showing ``text``: that font, or an
    installed stand-in with its metrics, then matplotlib's own, then (only when ``text``
    needs one) an installed CJK font, each taking the glyphs the ones before lack."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    candidates = [name, *STAND_INS.get(name, ())] if name else []
    family = [font for font in candidates if font in installed][:1]
    family += [FALLBACK_FONT] if family != [FALLBACK_FONT] else []
    if any(ord(character) >= _CJK_START for character in text):
        family += [font for font in CJK_FONTS if font in installed][:1]
    return family


def _chart_text(chart: ChartPlan) -> str:
    """Every text the chart shows (labels, categories, legend, callout)."""
    texts = [chart.x_label, chart.y_label, chart.legend_title or "", *chart.x_labels]
    texts += [display(value) for value in chart.x_values] + [series or "" for series in chart.series]
    texts += [chart.callout.text] if chart.callout else []
    return "".join(str(text) for text in texts)


def _draw_watermark(figure, width: float, height: float) -> None:
    """A diagonal HYPOTHETICAL across the whole chart: over the data, translucent, unmissable."""
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height) * 72  # points
    size = WATERMARK_SPAN * diagonal / (len(WATERMARK) * WATERMARK_EM)
    figure.text(
        0.5, 0.5, WATERMARK, rotation=angle, rotation_mode="anchor", ha="center", va="center",
        fontsize=size, fontweight="bold", color=WATERMARK_COLOR, alpha=WATERMARK_ALPHA, zorder=100,
    )


_NOT_DRAWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _text(text: str | None) -> str | None:
    """Text safe to draw: control characters (from data or a spec) become U+FFFD, not missing glyphs."""
    return text if text is None else _NOT_DRAWABLE.sub("\ufffd", text)


def _errors(points: list[Point]) -> list[list[float]] | None:
    if all(p.lo is None for p in points):
        return None
    low = [p.value - p.lo if p.lo is not None else 0.0 for p in points]
    high = [p.hi - p.value if p.hi is not None else 0.0 for p in points]
    return [low, high]


def _draw_bars(axes, chart: ChartPlan) -> dict[int, tuple[float, float]]:
    """Grouped bars; returns each point's (x position, top of its bar or error bar)."""
    count = len(chart.series)
    width = 0.8 / count
    x_index = {category_key(x): i for i, x in enumerate(chart.x_values)}
    positions: dict[int, tuple[float, float]] = {}
    for j, (series, color) in enumerate(zip(chart.series, chart.colors)):
        members = [(i, p) for i, p in enumerate(chart.points) if p.series == series]
        xs = [x_index[category_key(p.x)] + (j - (count - 1) / 2) * width for _, p in members]
        points = [p for _, p in members]
        axes.bar(
            xs, [p.value for p in points], width=width * 0.92, color=color,
            label=_text(series) if series is not None else None,
            yerr=_errors(points), capsize=4, error_kw={"elinewidth": 1.6, "ecolor": "#333333"},
        )
        for (i, p), x in zip(members, xs):
            positions[i] = (x, p.hi if p.hi is not None else p.value)
    axes.set_xticks(range(len(chart.x_values)), _tick_labels(chart))
    axes.set_xlim(-0.6, len(chart.x_values) - 0.4)
    return positions


def _tick_labels(chart: ChartPlan) -> list[str]:
    labels = list(chart.x_labels) or [display(x) for x in chart.x_values]
    return [_text(label) for label in labels]


TICK_FLOOR = 10
"""The smallest tick label size: long or many categories shrink to it, then turn upright."""
TICK_MAX_LINES = 3
"""A horizontal tick label wraps to at most this many lines (then it shrinks, then it turns)."""
TICK_MIN_AXES = 0.45
"""Tick labels that leave the axes less than this share of the chart's height are too big."""
TICK_GAP = 3
"""Pixels (at 200 dpi) kept free between two tick labels."""
TICK_CHOICES = (
    *((0, size) for size in (TICK_SIZE, 14, 13, 12, 11, TICK_FLOOR)),
    (45, 13), (45, 11),
    *((90, size) for size in (13, 12, 11, TICK_FLOOR)),
)
"""(rotation, size) of the x tick labels, tried in order until no two labels overlap."""
_BREAK_AFTER = re.compile(r"(?<=[_/\-])(?=[^_/\-])|(?<= )(?=[^ ])")
"""Where a tick label may wrap: after an underscore, slash or hyphen, or at a space."""


def _fit_tick_labels(canvas, axes, labels: list[str]) -> None:
    """Bar chart categories that never overlap nor leave the figure.

    Each label wraps (at underscores, hyphens and spaces) to the width of its
    category's slot; when a label still needs more than ``TICK_MAX_LINES``
    lines or two labels touch, the labels shrink to ``TICK_FLOOR``, then turn
    (45 degrees, then upright), each choice checked on the drawn labels.
    """
    from matplotlib.font_manager import FontProperties

    if not labels:
        return
    figure = canvas.figure
    engine = figure.get_layout_engine()
    renderer = canvas.get_renderer()
    count = len(labels)
    best = None  # the clear choice that leaves the axes tallest, when none leaves them tall enough
    with warnings.catch_warnings():  # a choice too big for the figure is just not taken
        warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)
        best = _try_tick_choices(figure, engine, renderer, axes, labels, count)
    if best is not None:
        _set_tick_labels(axes, *best)
        engine.execute(figure)


def _try_tick_choices(figure, engine, renderer, axes, labels, count):
    """Set the first choice that fits; else return the clear one that leaves the axes tallest."""
    from matplotlib.font_manager import FontProperties

    best, best_height = None, -1.0
    for rotation, size in TICK_CHOICES:
        engine.execute(figure)
        font = FontProperties(size=size)
        slot = axes.get_window_extent(renderer).width / count
        if rotation == 0:
            texts = [_wrap_label(label, slot - TICK_GAP, renderer, font) for label in labels]
            if any(text.count("\n") >= TICK_MAX_LINES for text in texts):
                continue
        else:  # turned: as short as the lines that fit side by side in the slot allow
            pitch = renderer.points_to_pixels(size) * 1.2
            fits = max(1, int((slot - TICK_GAP) // pitch)) if rotation == 90 else 2
            texts = [_wrap_turned(label, 0.25 * figure.bbox.height, fits, renderer, font) for label in labels]
        _set_tick_labels(axes, texts, rotation, size)
        engine.execute(figure)
        if not _ticks_clear(figure, axes, renderer):
            continue
        height = axes.get_window_extent(renderer).height
        if height >= TICK_MIN_AXES * figure.bbox.height:
            return None
        if height > best_height:
            best, best_height = (texts, rotation, size), height
    return best


def _set_tick_labels(axes, texts: list[str], rotation: float, size: float) -> None:
    turned = {"ha": "right", "va": "center" if rotation == 90 else "top", "rotation_mode": "anchor"}
    axes.set_xticks(
        range(len(texts)), texts, fontsize=size, rotation=rotation,
        **(turned if rotation else {"ha": "center"}),
    )


def _wrap_turned(label: str, room: float, lines: int, renderer, font) -> str:
    """``label`` in at most ``lines`` lines, as short as that allows from ``room`` pixels on."""
    for _ in range(8):
        text = _wrap_label(label, room, renderer, font)
        if text.count("\n") < lines:
            return text
        room *= 1.25
    return _wrap_label(label, room, renderer, font)


LONGEST_TICK = 120
"""Characters of a tick label kept (the whole name is in the notes' point list)."""


def _wrap_label(label: str, room: float, renderer, font) -> str:
    """``label`` on lines no wider than ``room`` pixels where it can break (a longer piece stays whole)."""

    def width(text: str) -> float:
        return renderer.get_text_width_height_descent(text, font, ismath=False)[0]

    lines: list[str] = []
    for raw in label.split("\n"):
        # No tick can show more; measuring a 10,000-character name piece by piece took a minute.
        raw = raw if len(raw) <= LONGEST_TICK else raw[: LONGEST_TICK - 1] + "\u2026"
        current = ""
        for piece in _BREAK_AFTER.split(raw):
            candidate = current + piece
            if current and width(candidate.rstrip()) > room:
                lines.append(current.rstrip())
                current = piece
            else:
                current = candidate
        lines.append(current.rstrip())
    return "\n".join(lines)


def _ticks_clear(figure, axes, renderer) -> bool:
    """Do the drawn x tick labels keep apart from each other, and inside the figure (with the y label)?"""
    boxes = [
        label.get_window_extent(renderer)
        for label in axes.get_xticklabels() if label.get_visible() and label.get_text()
    ]
    edge = figure.bbox
    if axes.yaxis.label.get_text():  # the axes, shortened by the labels, must still hold the y label
        label = axes.yaxis.label.get_window_extent(renderer)
        if label.y0 < edge.y0 or label.y1 > edge.y1:
            return False
    for i, box in enumerate(boxes):
        if box.x0 < edge.x0 or box.x1 > edge.x1 or box.y0 < edge.y0 or box.y1 > edge.y1:
            return False
        for other in boxes[i + 1:]:
            if (box.x0 < other.x1 + TICK_GAP and other.x0 < box.x1 + TICK_GAP
                    and box.y0 < other.y1 and other.y0 < box.y1):
                return False
    return True


def _draw_lines(axes, chart: ChartPlan) -> dict[int, tuple[float, float]]:
    positions: dict[int, tuple[float, float]] = {}
    for series, color in zip(chart.series, chart.colors):
        members = [(i, p) for i, p in enumerate(chart.points) if p.series == series]
        members.sort(key=lambda item: float(item[1].x))
        xs = [float(p.x) for _, p in members]
        ys = [p.value for _, p in members]
        axes.plot(xs, ys, color=color, linewidth=2.5, marker="o", markersize=5,
                  label=_text(series) if series is not None else None)
        banded = [(x, p.lo, p.hi) for x, (_, p) in zip(xs, members) if p.lo is not None]
        if banded:
            axes.fill_between(
                [b[0] for b in banded], [b[1] for b in banded], [b[2] for b in banded],
                color=color, alpha=0.2, linewidth=0,
            )
        for x, (i, p) in zip(xs, members):
            positions[i] = (x, p.value)
    return positions


def _callout_lines(chart: ChartPlan, width: float) -> list[str]:
    if chart.callout is None or not chart.callout.text.strip():
        return [] if chart.callout is None else [""]
    chars = max(16, int(width * 0.4 * 72 / (CALLOUT_SIZE * 0.6)))
    return textwrap.wrap(_text(chart.callout.text), chars) or [""]


def _draw_callout(canvas, axes, chart: ChartPlan, positions, lines: list[str]) -> None:
    """Put the callout text where it covers no data and its arrow crosses none."""
    figure = canvas.figure
    x, y = positions[chart.callout.point_index]
    y_min, y_max = axes.get_ylim()
    # Bars: stop just above the error bar; lines: point at the marker itself.
    tip = (x, y + (y_max - y_min) * 0.015) if chart.kind == "bar" else (x, y)
    text = "\n".join(lines)
    # No background: the text is placed where it covers no data, and gridlines show through it.
    style = {"fontsize": CALLOUT_SIZE, "fontweight": "bold", "color": CALLOUT_COLOR}
    # Solve the constrained layout before measuring anything (only the layout:
    # a full draw_without_rendering costs 10% of a chart more, same result),
    # then freeze it: the callout sits inside the axes and changes no margin,
    # so savefig need not solve the layout a second time.
    figure.get_layout_engine().execute(figure)
    figure.set_layout_engine("none")
    renderer = canvas.get_renderer()
    probe = axes.text(0, 0, text, transform=axes.transAxes, **style)
    box = probe.get_window_extent(renderer).transformed(axes.transAxes.inverted())
    probe.remove()
    for _ in range(CALLOUT_TRIES):
        to_axes = axes.transData + axes.transAxes.inverted()
        target = tuple(to_axes.transform(tip))
        obstacles, segments = _obstacles(axes, to_axes, chart, positions)
        left, top, covers = _best_spot(box.width, box.height, target, obstacles, segments)
        if not covers:
            break
        # Every spot covers data: give the text more room above the data, and look again.
        y_min, y_max = axes.get_ylim()
        axes.set_ylim(y_min, y_min + (y_max - y_min) * 1.25)
        tip = (x, y + (y_max - y_min) * 1.25 * 0.015) if chart.kind == "bar" else (x, y)
    axes.annotate(
        text, xy=tip, xycoords="data", xytext=(left, top), textcoords="axes fraction",
        ha="left", va="top", **style,
        arrowprops={
            "arrowstyle": "-|>,head_length=0.8,head_width=0.4", "color": CALLOUT_COLOR,
            "linewidth": 2.5, "shrinkA": 4, "shrinkB": 2,
        },
    )


def _obstacles(axes, to_axes, chart: ChartPlan, positions):
    """Drawn data in axes fractions: boxes (bars with their error bars) and line segments."""
    boxes, segments = [], []
    for patch in axes.patches:
        (x0, y0), (x1, y1) = to_axes.transform(patch.get_bbox().get_points())
        boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    for i, point in enumerate(chart.points):
        if point.hi is not None and chart.kind == "bar":
            x, _ = positions[i]
            (ax, ay_lo), (_, ay_hi) = to_axes.transform([(x, point.lo), (x, point.hi)])
            boxes.append((ax - 0.01, ay_lo, ax + 0.01, ay_hi))
    target = to_axes.transform([positions[chart.callout.point_index]])[0]
    for line in axes.get_lines():
        xy = to_axes.transform(line.get_xydata())
        if line.get_linestyle() in ("None", "none", "", " "):  # markers only: error bar caps
            half = axes.figure.dpi_scale_trans.transform((line.get_markersize() / 72, line.get_markersize() / 72))
            wide, tall = axes.transAxes.inverted().transform(half) - axes.transAxes.inverted().transform((0, 0))
            boxes.extend((px - wide / 2, py - tall / 2, px + wide / 2, py + tall / 2) for px, py in xy)
            continue
        for a, b in zip(xy[:-1], xy[1:]):
            # The segments meeting at the target cannot be avoided by the arrow.
            if not (_near(a, target) or _near(b, target)):
                segments.append((a, b))
    for collection in axes.collections:  # confidence bands of line charts
        for path in collection.get_paths():
            xy = to_axes.transform(path.vertices)
            if len(xy):
                boxes.append((xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()))
    return boxes, segments


def _best_spot(width: float, height: float, target, boxes, segments) -> tuple[float, float]:
    """The text box's top-left corner (axes fraction) with the least collision, and if it covers data.

    Candidates on a grid are scored: covering data is worst, then an arrow
    crossing data, then an arrow much shorter or longer than a fifth of the axes.
    All candidates are scored at once with numpy (this runs for every chart).
    """
    import numpy as np

    lefts = 0.01 + (0.98 - width - 0.01) * np.arange(13) / 12
    tops = 0.99 - (0.98 - height) * np.arange(11) / 10
    left, top = (a.ravel() for a in np.meshgrid(lefts, tops))
    pad = 0.01
    rects = np.stack([left - pad, top - height - pad, left + width + pad, top + pad], axis=1)  # C x 4
    target = np.asarray(target, dtype=float)
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    segments = np.asarray(segments, dtype=float).reshape(-1, 2, 2)

    covers = _rects_overlap(rects[:, None, :], boxes[None, :, :]).sum(axis=1)
    covers += _segment_hits_rect(segments[None, :, 0], segments[None, :, 1], rects[:, None, :]).sum(axis=1)
    inside = (rects[:, 0] <= target[0]) & (target[0] <= rects[:, 2]) & (rects[:, 1] <= target[1]) & (
        target[1] <= rects[:, 3]
    )
    start = np.stack([np.clip(target[0], rects[:, 0], rects[:, 2]), np.clip(target[1], rects[:, 1], rects[:, 3])], axis=1)
    crossings = _segment_crosses_rect(start[:, None, :], target, boxes[None, :, :]).sum(axis=1)
    crossings += _segments_cross(start[:, None, :], target, segments[None, :, 0], segments[None, :, 1]).sum(axis=1)
    length = np.hypot(*(start - target).T)
    cost = 100 * covers + 100 * inside + 10 * crossings + np.abs(length - 0.2) * 5
    best = int(np.argmin(cost))  # first minimum: ties go to the top-left, deterministically
    return float(left[best]), float(top[best]), bool(covers[best])


def _near(a, b) -> bool:
    return abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6


def _rects_overlap(a, b):
    return (a[..., 0] < b[..., 2]) & (b[..., 0] < a[..., 2]) & (a[..., 1] < b[..., 3]) & (b[..., 1] < a[..., 3])


def _orient(a, b, c):
    return (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0])


def _segments_cross(p1, p2, q1, q2):
    """Do segments p1-p2 and q1-q2 properly cross (broadcast over leading axes)?"""
    import numpy as np

    p1, p2, q1, q2 = (np.asarray(v, dtype=float) for v in (p1, p2, q1, q2))
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    return ((d1 > 0) != (d2 > 0)) & ((d3 > 0) != (d4 > 0))


def _edges(rect):
    import numpy as np

    x0, y0, x1, y1 = (rect[..., k] for k in range(4))
    corners = [np.stack(c, axis=-1) for c in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    return [(corners[k], corners[(k + 1) % 4]) for k in range(4)]


def _inside(point, rect):
    return (rect[..., 0] <= point[..., 0]) & (point[..., 0] <= rect[..., 2]) & (
        rect[..., 1] <= point[..., 1]
    ) & (point[..., 1] <= rect[..., 3])


def _segment_hits_rect(a, b, rect):
    """Does segment a-b touch the rectangle (an end inside, or crossing an edge)?"""
    import numpy as np

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    hit = _inside(a, rect) | _inside(b, rect)
    for q1, q2 in _edges(rect):
        hit = hit | _segments_cross(a, b, q1, q2)
    return hit


def _segment_crosses_rect(a, b, rect):
    """Does segment a-b pass through the rectangle (its end b inside does not count)?"""
    import numpy as np

    a, b = np.asarray(a, dtype=float), np.broadcast_to(np.asarray(b, dtype=float), np.shape(a))
    crossed = np.zeros(np.broadcast_shapes(a.shape[:-1], rect.shape[:-1]), dtype=bool)
    for q1, q2 in _edges(rect):
        crossed = crossed | _segments_cross(a, b, q1, q2)
    return crossed & ~_inside(b, rect)
