"""Numbers in text that never go stale: spec strings as sandboxed Jinja2 templates.

Takeaways, titles, callout texts, notes and bullets may quote computed
numbers::

    takeaway: "ITC articulates {{ value(cue='Professor', family='ITC') | pct }} of professor cues"

On a chart slide ``value``, ``lo``, ``hi`` and ``n`` give a plotted point's
aggregate, interval bounds and sample count (the selector must match exactly
one point, as for callouts). With ``compare:``, ``diff``, ``diff_lo``,
``diff_hi``, ``diff_p`` and ``diff_n`` give the difference b - a, its bounds,
p-value and pairs (or rows) in one group, e.g. ``diff(model='deferential')``
(no selector for a chart without groups). Anywhere, ``mean(table, column, **filters)`` and
``count(table, **filters)`` compute over a data table after its ``where:``.
Filters: ``pct`` (0.3883 -> "39%"), ``pct(1)`` ("38.8%"), ``num(2)`` ("0.39"),
``pts`` (a difference of rates, -0.192 -> "-19.2 pts"), ``pvalue`` ("p < 0.001").

Only strings written in the spec are templates; text that comes from data
(prompts, labels, cells) is never evaluated.

A spec may come from a collaborator, so a template can do no more than that:
it runs in Jinja2's immutable sandbox, may call only the functions above, use
only the filters in ``FILTERS``, and has no statements but ``{% if %}`` (no
loops, macros or variables), and ``*``, ``**`` and ``%`` refuse results that
would take more than a moment to build. A template that tries anything else
is an error at its line, never a hang.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from slidekit.plan.chart import ResolvedChart, same_value, select_point
from slidekit.spec.models import ChartSlideSpec


class TextError(Exception):
    """A template in the spec that cannot be rendered; ``path`` is its spec key."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text


MAX_TEXT = 100_000
"""The longest text or list a template may build (a takeaway is one sentence)."""


def _template_function(function: Callable) -> Callable:
    """Mark ``function`` as one a template may call."""
    function.template_function = True
    return function


class TextRenderer:
    """Renders the spec's text with the documented functions and nothing else."""

    def __init__(self, tables: Mapping):
        self.tables = tables
        self._environment = None
        self.tables_read: list[str] = []
        """Every table ``mean`` and ``count`` read, in order (so the planner knows which
        slides quote numbers from a hypothetical table)."""

    def render(
        self, text: str | None, path: tuple, chart: tuple[ChartSlideSpec, ResolvedChart] | None = None
    ) -> str | None:
        """``text`` with its ``{{ ... }}`` filled in; :class:`TextError` names ``path`` on failure."""
        if text is None or not is_template(text):
            return text
        # Jinja2 is imported on the first text that is a template: plain text
        # (most specs) does not wait for it.
        from slidekit.plan.sandbox import render_template, spec_sandbox

        if self._environment is None:
            self._environment = spec_sandbox(mean=self._mean, count=self._count)
        functions = self._chart_functions(*chart) if chart is not None else {}
        rendered = render_template(self._environment, text, functions, path, self._names(chart), chart is not None)
        if len(rendered) > MAX_TEXT:
            raise TextError(
                path, f"the text is {len(rendered):,} characters once rendered; expected at most {MAX_TEXT:,}"
            )
        return rendered

    def _names(self, chart) -> str:
        names = ["mean", "count"] + (["value", "lo", "hi", "n"] if chart is not None else [])
        if chart is not None and chart[0].compare is not None:
            names += ["diff", "diff_lo", "diff_hi", "diff_p", "diff_n"]
        return ", ".join(names) + "; filters: pct, num, pts, pvalue"

    def _chart_functions(self, slide: ChartSlideSpec, resolved: ResolvedChart) -> dict[str, Callable]:
        def point(selector: dict):
            return select_point(slide, resolved.aggregate.points, selector, resolved.shaping)

        def bound(name: str):
            @_template_function
            def get(**selector):
                found = point(selector)
                value = getattr(found, name)
                if value is None:
                    raise ValueError(f"the point {selector} has no {name} (n = {found.n})")
                return value

            return get

        functions = {"value": bound("value"), "lo": bound("lo"), "hi": bound("hi"), "n": bound("n")}
        if slide.compare is not None:
            for name, field in (("diff", "estimate"), ("diff_lo", "lo"), ("diff_hi", "hi"),
                                ("diff_p", "p"), ("diff_n", "n")):
                functions[name] = self._difference_function(slide, resolved, name, field)
        return functions

    def _difference_function(self, slide: ChartSlideSpec, resolved: ResolvedChart, name: str, field: str):
        from slidekit.plan.comparison import group_column

        group = group_column(slide)

        @_template_function
        def get(**selector):
            if group is None:
                if selector:
                    raise ValueError(f"{name}() takes no selector: this chart compares one group")
                found = resolved.comparisons[0]
            else:
                extra = [k for k in selector if k != group]
                if extra or not selector:
                    raise ValueError(f"{name}() needs the group, e.g. {name}({group}=...); found "
                                     f"{', '.join(selector) or 'no selector'}")
                wanted = selector[group]
                matches = [
                    c for c in resolved.comparisons
                    if same_value(wanted, c.group_value) or str(wanted) == c.group
                ]
                if not matches:
                    groups = ", ".join(str(c.group) for c in resolved.comparisons)
                    raise ValueError(f"{group}={wanted!r} is not a compared group (groups: {groups})")
                found = matches[0]
            value = getattr(found, field)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                raise ValueError(f"the comparison has no {name.replace('_', ' ')} (too few samples)")
            return value

        return get

    def _rows(self, table: str, filters: dict):
        if table not in self.tables:
            names = ", ".join(self.tables) or "none (add a data: section)"
            raise ValueError(f"no data table {table!r}; expected one of: {names}")
        # (a LazyTables reads the spec's tables here, on first use)
        frame = self.tables[table].frame
        self.tables_read.append(table)
        for column, wanted in filters.items():
            if column not in frame.columns:
                raise ValueError(f"column {column!r} not in {table}")
            # astype(bool): on a category column, map() returns categories, not a mask
            frame = frame[frame[column].map(lambda v, w=wanted: same_value(w, v)).astype(bool)]
        return frame

    @_template_function
    def _mean(self, table: str, column: str, **filters) -> float:
        frame = self._rows(table, filters)
        if column not in frame.columns:
            raise ValueError(f"column {column!r} not in {table}")
        values = frame[column].astype(float).dropna()
        if values.empty:
            raise ValueError(f"mean({table!r}, {column!r}) has no rows to average")
        result = float(values.mean())
        if not math.isfinite(result):
            raise ValueError(f"mean({table!r}, {column!r}) is not finite")
        return result

    @_template_function
    def _count(self, table: str, **filters) -> int:
        return int(len(self._rows(table, filters)))
