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

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
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


MAX_TEXT = 100_000
"""The longest text or list a template may build (a takeaway is one sentence)."""
MAX_BITS = 4_096
"""The largest integer ``**`` may build (about 1,200 digits)."""
FILTERS = (
    "pct", "num", "round", "int", "float", "abs", "string", "lower", "upper", "title",
    "capitalize", "trim", "default", "length", "first", "last", "min", "max", "sum",
)
"""The documented filters, then Jinja2's that cannot build large values."""
_STATEMENTS = {
    nodes.For: "for", nodes.Macro: "macro", nodes.CallBlock: "call", nodes.Assign: "set",
    nodes.AssignBlock: "set", nodes.With: "with", nodes.FilterBlock: "filter",
    nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from",
    nodes.Extends: "extends", nodes.Block: "block",
}


def _template_function(function: Callable) -> Callable:
    """Mark ``function`` as one a template may call."""
    function.template_function = True
    return function


class _SpecSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, calling only marked functions and bounding ``*``, ``**``, ``%``."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja2's signature)
        documented = getattr(__obj, "template_function", False)
        if not documented and not isinstance(__obj, jinja2.Undefined):  # undefined: says its name
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise SecurityError(f"calling {name}() (only the documented functions can be called)")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator: str, left, right):
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            bits = abs(left).bit_length() * right
            if bits > MAX_BITS:
                digits = right * math.log10(abs(left))
                raise SecurityError(f"'**' would make a number of about {digits:,.0f} digits")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                    if len(sequence) * times > MAX_TEXT:
                        size = f"{len(sequence) * times:,} " + ("characters" if isinstance(sequence, str) else "items")
                        raise SecurityError(f"'*' would make {size} (at most {MAX_TEXT:,})")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("'%' formatting of text (use the pct and num filters)")
        return super().call_binop(context, operator, left, right)


class TextRenderer:
    """Renders the spec's text with the documented functions and nothing else."""

    def __init__(self, tables: Mapping):
        self.tables = tables
        self.environment = _SpecSandbox(
            undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
        )
        self.environment.filters.update(pct=_pct, num=_num)
        self.environment.filters = {name: self.environment.filters[name] for name in FILTERS}
        self.environment.globals.clear()
        self.environment.globals.update(mean=self._mean, count=self._count)
        self.tables_read: list[str] = []
        """Every table ``mean`` and ``count`` read, in order (so the planner knows which
        slides quote numbers from a hypothetical table)."""

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
            tree = self.environment.parse(text)
            for node in tree.find_all(nodes.Stmt):
                if type(node) in _STATEMENTS:
                    tag = _STATEMENTS[type(node)]
                    raise TextError(
                        path,
                        f"{{% {tag} %}} is not allowed in a template; write {{{{ ... }}}} with the "
                        f"functions: {self._names(chart)}",
                    )
            rendered = self.environment.from_string(tree).render(**functions)
        except jinja2.TemplateSyntaxError as exc:
            raise TextError(path, f"template syntax error: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            hint = "" if chart is not None else " (value, lo, hi and n work on chart slides only)"
            raise TextError(path, f"{exc.message}{hint}; functions: {self._names(chart)}") from None
        except jinja2.exceptions.SecurityError as exc:
            raise TextError(path, f"not allowed in a template: {exc}") from None
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            message = exc.args[-1] if exc.args else str(exc)
            raise TextError(path, f"in {text.strip()!r}: {message}") from None
        except jinja2.TemplateError as exc:
            raise TextError(path, f"template error: {exc}") from None
        if len(rendered) > MAX_TEXT:
            raise TextError(
                path, f"the text is {len(rendered):,} characters once rendered; expected at most {MAX_TEXT:,}"
            )
        return rendered

    def _names(self, chart) -> str:
        names = ["mean", "count"] + (["value", "lo", "hi", "n"] if chart is not None else [])
        return ", ".join(names) + "; filters: pct, num"

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

        return {"value": bound("value"), "lo": bound("lo"), "hi": bound("hi"), "n": bound("n")}

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
