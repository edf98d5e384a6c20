"""Numbers in text that never go stale: spec strings as sandboxed Jinja2 templates.

Takeaways, titles, callout texts, notes and bullets may quote computed
numbers::

    takeaway: "ITC articulates {{ value(cue='Professor', family='ITC') | pct }} of professor cues"

On a chart slide ``value``, ``lo``, ``hi`` and ``n`` give a plotted point's
aggregate, interval bounds and sample count (the selector must match exactly
one point, as for callouts). Anywhere, ``mean(table, column, **filters)`` and
``count(table, **filters)`` compute over a data table after its ``where:``.
Filters: ``pct`` (0.3883 -> "39%"), ``pct(1)`` ("38.8%"), ``num(2)`` ("0.39").

Only strings written in the spec are templates; text that comes from data
(prompts, labels, cells) is never evaluated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from slidekit.plan.chart import ResolvedChart, same_value, select_point
from slidekit.spec.models import ChartSlideSpec


class TextError(Exception):
    """A template in the spec that cannot be rendered; ``path`` is its spec key."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text


def _pct(value: float, digits: int = 0) -> str:
    return f"{_number(value) * 100:.{digits}f}%"


def _num(value: float, digits: int = 2) -> str:
    return f"{_number(value):,.{digits}f}"


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number; found {value!r}")
    return float(value)


class TextRenderer:
    """Renders the spec's text with the documented functions and nothing else."""

    def __init__(self, tables: Mapping):
        self.tables = tables
        self.environment = ImmutableSandboxedEnvironment(
            undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
        )
        self.environment.filters.update(pct=_pct, num=_num)
        self.environment.globals.clear()
        self.environment.globals.update(mean=self._mean, count=self._count)

    def render(
        self, text: str | None, path: tuple, chart: tuple[ChartSlideSpec, ResolvedChart] | None = None
    ) -> str | None:
        """``text`` with its ``{{ ... }}`` filled in; :class:`TextError` names ``path`` on failure."""
        if text is None or not is_template(text):
            return text
        functions: dict[str, Callable] = {}
        if chart is not None:
            functions = self._chart_functions(*chart)
        try:
            template = self.environment.from_string(text)
            return template.render(**functions)
        except jinja2.TemplateSyntaxError as exc:
            raise TextError(path, f"template syntax error: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            hint = "" if chart is not None else " (value, lo, hi and n work on chart slides only)"
            raise TextError(path, f"{exc.message}{hint}; functions: {self._names(chart)}") from None
        except jinja2.exceptions.SecurityError as exc:
            raise TextError(path, f"not allowed in a template: {exc}") from None
        except (ValueError, KeyError, TypeError) as exc:
            message = exc.args[-1] if exc.args else str(exc)
            raise TextError(path, f"in {text.strip()!r}: {message}") from None

    def _names(self, chart) -> str:
        names = ["mean", "count"] + (["value", "lo", "hi", "n"] if chart is not None else [])
        return ", ".join(names) + "; filters: pct, num"

    def _chart_functions(self, slide: ChartSlideSpec, resolved: ResolvedChart) -> dict[str, Callable]:
        def point(selector: dict):
            return select_point(slide, resolved.aggregate.points, selector, resolved.shaping)

        def bound(name: str):
            def get(**selector):
                found = point(selector)
                value = getattr(found, name)
                if value is None:
                    raise ValueError(f"the point {selector} has no {name} (n = {found.n})")
                return value

            return get

        return {"value": bound("value"), "lo": bound("lo"), "hi": bound("hi"), "n": bound("n")}

    def _rows(self, table: str, filters: dict):
        if table not in self.tables:
            raise ValueError(f"no data table {table!r}; expected one of: {', '.join(self.tables)}")
        # (a LazyTables reads the spec's tables here, on first use)
        frame = self.tables[table].frame
        for column, wanted in filters.items():
            if column not in frame.columns:
                raise ValueError(f"column {column!r} not in {table}")
            frame = frame[frame[column].map(lambda v, w=wanted: same_value(w, v))]
        return frame

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

    def _count(self, table: str, **filters) -> int:
        return int(len(self._rows(table, filters)))
