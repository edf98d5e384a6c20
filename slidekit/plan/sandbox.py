"""The sandbox spec templates run in (see :mod:`slidekit.plan.text`); imports Jinja2.

Kept apart so that a spec with no template never imports Jinja2.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from slidekit.plan.text import MAX_TEXT, TextError

def _pct(value: float, digits: int = 0) -> str:
    return f"{_number(value) * 100:.{digits}f}%"


def _num(value: float, digits: int = 2) -> str:
    return f"{_number(value):,.{digits}f}"


def _pts(value: float, digits: int = 1) -> str:
    """A difference of rates in percentage points, signed: -0.192 -> "-19.2 pts"."""
    return f"{_number(value) * 100:+.{digits}f} pts"


def _pvalue(value: float) -> str:
    """A p-value as papers print it: "p < 0.001", "p = 0.012", "p = 0.43"."""
    from slidekit.plan.comparison import p_text

    return p_text(_number(value))


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number; found {value!r}")
    return float(value)


MAX_BITS = 4_096
"""The largest integer ``**`` may build (about 1,200 digits)."""
FILTERS = (
    "pct", "num", "pts", "pvalue", "round", "int", "float", "abs", "string", "lower", "upper", "title",
    "capitalize", "trim", "default", "length", "first", "last", "min", "max", "sum",
)
"""The documented filters, then Jinja2's that cannot build large values."""
_STATEMENTS = {
    nodes.For: "for", nodes.Macro: "macro", nodes.CallBlock: "call", nodes.Assign: "set",
    nodes.AssignBlock: "set", nodes.With: "with", nodes.FilterBlock: "filter",
    nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from",
    nodes.Extends: "extends", nodes.Block: "block",
}


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


def spec_sandbox(**functions: Callable) -> _SpecSandbox:
    """An environment with the documented filters, and ``functions`` as its only globals."""
    environment = _SpecSandbox(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    environment.filters.update(pct=_pct, num=_num, pts=_pts, pvalue=_pvalue)
    environment.filters = {name: environment.filters[name] for name in FILTERS}
    environment.globals.clear()
    environment.globals.update(functions)
    return environment


def render_template(
    environment: _SpecSandbox, text: str, functions: dict[str, Callable], path: tuple, names: str, on_chart: bool
) -> str:
    """``text`` rendered with ``functions``; :class:`TextError` at ``path`` on any failure.

    ``names`` lists the functions a template may use, for the error message.
    """
    try:
        tree = environment.parse(text)
        for node in tree.find_all(nodes.Stmt):
            if type(node) in _STATEMENTS:
                tag = _STATEMENTS[type(node)]
                raise TextError(
                    path,
                    f"{{% {tag} %}} is not allowed in a template; write {{{{ ... }}}} with the functions: {names}",
                )
        return environment.from_string(tree).render(**functions)
    except jinja2.TemplateSyntaxError as exc:
        raise TextError(path, f"template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        hint = "" if on_chart else " (value, lo, hi and n work on chart slides only)"
        raise TextError(path, f"{exc.message}{hint}; functions: {names}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TextError(path, f"not allowed in a template: {exc}") from None
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        message = exc.args[-1] if exc.args else str(exc)
        raise TextError(path, f"in {text.strip()!r}: {message}") from None
    except jinja2.TemplateError as exc:
        raise TextError(path, f"template error: {exc}") from None
