"""Draw a :class:`ChartPlan` as a PNG with matplotlib.

The figure is rendered at exactly the size it will have on the slide, so a
16 pt label here is 16 pt in the deck. matplotlib is imported inside the
function: commands that draw no chart never pay for it.
"""

from __future__ import annotations

import io
import textwrap

from slidekit.plan.chart import display
from slidekit.plan.model import ChartPlan, Point

LABEL_SIZE = 16
TICK_SIZE = 15
CALLOUT_SIZE = 16
CALLOUT_COLOR = "#D62728"
DPI = 200


def render_chart_png(chart: ChartPlan, width: float, height: float, dpi: int = DPI) -> bytes:
    """The chart as PNG bytes, ``width`` x ``height`` inches; same input, same bytes."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    axes = figure.add_subplot()
    positions = _draw_bars(axes, chart) if chart.kind == "bar" else _draw_lines(axes, chart)

    axes.set_xlabel(chart.x_label, fontsize=LABEL_SIZE)
    axes.set_ylabel(chart.y_label, fontsize=LABEL_SIZE)
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
        legend = axes.legend(
            title=chart.legend_title, fontsize=TICK_SIZE, title_fontsize=TICK_SIZE,
            loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
        )
        legend._legend_box.align = "left"
    if chart.callout is not None:
        _draw_callout(axes, chart, positions, callout_lines)

    buffer = io.BytesIO()
    # No metadata: the same chart must give the same bytes on every build.
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


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
    x_index = {x: i for i, x in enumerate(chart.x_values)}
    positions: dict[int, tuple[float, float]] = {}
    for j, (series, color) in enumerate(zip(chart.series, chart.colors)):
        members = [(i, p) for i, p in enumerate(chart.points) if p.series == series]
        xs = [x_index[p.x] + (j - (count - 1) / 2) * width for _, p in members]
        points = [p for _, p in members]
        axes.bar(
            xs, [p.value for p in points], width=width * 0.92, color=color,
            label=series if series is not None else None,
            yerr=_errors(points), capsize=4, error_kw={"elinewidth": 1.6, "ecolor": "#333333"},
        )
        for (i, p), x in zip(members, xs):
            positions[i] = (x, p.hi if p.hi is not None else p.value)
    axes.set_xticks(range(len(chart.x_values)), [display(x) for x in chart.x_values])
    axes.set_xlim(-0.6, len(chart.x_values) - 0.4)
    return positions


def _draw_lines(axes, chart: ChartPlan) -> dict[int, tuple[float, float]]:
    positions: dict[int, tuple[float, float]] = {}
    for series, color in zip(chart.series, chart.colors):
        members = [(i, p) for i, p in enumerate(chart.points) if p.series == series]
        members.sort(key=lambda item: float(item[1].x))
        xs = [float(p.x) for _, p in members]
        ys = [p.value for _, p in members]
        axes.plot(xs, ys, color=color, linewidth=2.5, marker="o", markersize=5,
                  label=series if series is not None else None)
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
    chars = max(16, int(width * 0.45 * 72 / (CALLOUT_SIZE * 0.55)))
    return textwrap.wrap(chart.callout.text, chars) or [""]


def _draw_callout(axes, chart: ChartPlan, positions, lines: list[str]) -> None:
    x, y = positions[chart.callout.point_index]
    x_min, x_max = axes.get_xlim()
    fraction = (x - x_min) / (x_max - x_min)
    # The text sits in the free band at the top, on the side that has room,
    # and the arrow runs down to the top of the point's error bar.
    if fraction <= 0.5:
        text_x, align = max(0.02, fraction - 0.04), "left"
    else:
        text_x, align = min(0.98, fraction + 0.04), "right"
    y_min, y_max = axes.get_ylim()
    tip = y + (y_max - y_min) * 0.015
    axes.annotate(
        "\n".join(lines), xy=(x, tip), xycoords="data",
        xytext=(text_x, 0.98), textcoords="axes fraction",
        ha=align, va="top", fontsize=CALLOUT_SIZE, fontweight="bold", color=CALLOUT_COLOR,
        arrowprops={
            "arrowstyle": "-|>,head_length=0.8,head_width=0.4", "color": CALLOUT_COLOR,
            "linewidth": 2.5, "shrinkA": 6, "shrinkB": 2,
        },
    )
