"""Row filters (``where:``) as pandas queries, without reaching into Python.

``DataFrame.query`` can read local variables (``@name``) and attributes; a
spec shared between collaborators must not be able to run code, so the
expression is checked first: column names, literals, comparisons, boolean
logic, arithmetic and ``in`` lists only. Nor may it hang the build: arithmetic
on constants is checked for size before pandas computes it (``10 ** 10 ** 10``,
``'a' * 10 ** 9``), and text columns cannot be repeated with ``*``.
"""

from __future__ import annotations

import ast
import io
import math
import operator
import tokenize
from collections.abc import Collection
from typing import TYPE_CHECKING

from slidekit.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

_ALLOWED = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd,
    ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn,
    ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod, ast.FloorDiv, ast.Pow,
    ast.BitAnd, ast.BitOr, ast.Invert, ast.Name, ast.Load, ast.Constant, ast.List, ast.Tuple,
)


MAX_ITEMS = 100_000
"""The longest text or list an expression may build from its constants."""
MAX_BITS = 4_096
"""The largest integer ``**`` may build from constants (about 1,200 digits)."""
_OPERATORS = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Mod: operator.mod, ast.FloorDiv: operator.floordiv, ast.Pow: operator.pow,
    ast.BitAnd: operator.and_, ast.BitOr: operator.or_,
}


def check_expression(expression: str, text_columns: Collection[str] = ()) -> None:
    """Refuse anything but a plain expression over column names, or one too large to compute.

    ``text_columns`` names the columns holding text, which ``*`` and ``**`` may not repeat.
    """
    # Backticks quote column names with spaces in pandas; replace them for the check.
    probe = _unquote_backticks(expression)
    if any(t.string == "@" for t in _tokens(probe)):
        raise DataError("'@' (Python variables) is not allowed in where:")
    try:
        tree = ast.parse(probe, mode="eval")
    except SyntaxError as exc:
        raise DataError(f"not a valid expression: {exc.msg}") from None
    except (MemoryError, RecursionError):  # CPython's parser on some long invalid texts
        raise DataError(f"not a valid expression ({len(probe):,} characters the parser cannot take)") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            what = type(node).__name__.lower()
            raise DataError(
                f"{what} is not allowed in where: (use column names, values, "
                "comparisons, and/or/not, arithmetic and 'in' lists)"
            )
        if isinstance(node, ast.Name) and node.id.startswith("__"):
            raise DataError(f"name {node.id!r} is not allowed in where:")
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Pow)):
            texts = {_probe_name(c): c for c in text_columns}
            for side in (node.left, node.right):
                if isinstance(side, ast.Name) and side.id in texts:
                    raise DataError(
                        f"'*' or '**' on a text column ({texts[side.id]}) is not allowed in where:"
                    )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                raise DataError("'%' formatting of text is not allowed in where:")
    _bounded(tree.body)


def _bounded(node: ast.AST) -> tuple[bool, object]:
    """``(True, value)`` for a subtree without columns, computed only if its size stays
    within bounds (a :class:`DataError` otherwise); ``(False, None)`` for the rest."""
    if isinstance(node, ast.Constant):
        return True, node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_bounded(item) for item in node.elts]
        return all(constant for constant, _ in items), [value for _, value in items]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        constant, value = _bounded(node.operand)
        if constant and isinstance(value, (int, float)) and not isinstance(value, bool):
            return True, -value if isinstance(node.op, ast.USub) else value
        return False, None
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        (left_constant, left), (right_constant, right) = _bounded(node.left), _bounded(node.right)
        # A list holding a column still has a known length: [1, step] * 10**9 is too long.
        _check_size(
            node.op,
            left if left_constant else _items(node.left),
            right if right_constant else _items(node.right),
        )
        if not (left_constant and right_constant):
            return False, None
        try:
            return True, _OPERATORS[type(node.op)](left, right)
        except Exception:  # noqa: BLE001 (1/0 and the like: pandas reports them)
            return False, None
    for child in ast.iter_child_nodes(node):
        _bounded(child)
    return False, None


def _items(node: ast.AST) -> list | None:
    return [None] * len(node.elts) if isinstance(node, (ast.List, ast.Tuple)) else None


def _check_size(op: ast.operator, left: object, right: object) -> None:
    if isinstance(op, ast.Pow) and isinstance(left, int) and isinstance(right, int) and right > 0:
        bits = abs(left).bit_length() * right
        if bits > MAX_BITS:
            digits = f"{right * math.log10(abs(left)):,.0f}"
            raise DataError(f"'**' would make a number of about {digits} digits; too large for where:")
    if isinstance(op, ast.Mult):
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                if len(sequence) * times > MAX_ITEMS:
                    items = f"{len(sequence) * times:,}"
                    raise DataError(f"'*' would make {items} items; too long for where:")


def _probe_name(column: str) -> str:
    """How :func:`check_expression` sees a column name (backticked names are rewritten)."""
    return column if column.isidentifier() else _quoted_name(column)


def _tokens(expression: str) -> list[tokenize.TokenInfo]:
    try:
        return list(tokenize.generate_tokens(io.StringIO(expression).readline))
    except (tokenize.TokenError, SyntaxError):
        return []  # ast.parse reports the syntax error


def _backticked(expression: str) -> list[str]:
    return expression.split("`")[1::2]


def _unquote_backticks(expression: str) -> str:
    parts = expression.split("`")
    if len(parts) % 2 == 0:
        raise DataError("unbalanced backtick in where:")
    return "".join(part if i % 2 == 0 else _quoted_name(part) for i, part in enumerate(parts))


def _quoted_name(column: str) -> str:
    return "c_" + "".join(ch if ch.isalnum() else "_" for ch in column)


def apply_where(
    frame: pd.DataFrame, expression: str, known_columns: list[str] | None = None
) -> pd.DataFrame:
    """Rows of ``frame`` for which ``expression`` holds.

    ``known_columns`` lists every column of the source for error messages,
    when ``frame`` holds only the ones the spec uses.
    """
    import pandas as pd

    check_expression(expression, _text_columns(frame))
    listing = ", ".join(known_columns) if known_columns else _columns(frame)
    names = known_columns or list(map(str, frame.columns))
    for name in _backticked(expression):
        if name not in frame.columns:
            raise DataError(_missing(name, listing, names))
    try:
        mask = _evaluate(frame, expression)
    except pd.errors.UndefinedVariableError as exc:
        name = str(exc).split("'")[1] if "'" in str(exc) else str(exc)
        raise DataError(_missing(name, listing, names, expression)) from None
    except Exception as exc:  # pandas raises many kinds for a bad expression
        raise DataError(f"cannot evaluate: {exc}") from None
    if not isinstance(mask, pd.Series) or not pd.api.types.is_bool_dtype(mask):
        raise DataError("expected a condition that is true or false for each row")
    return frame[mask]


def suggestion(name: str, columns, expression: str | None = None) -> str:
    """"; did you mean 'split'?" for a misspelt column (case slips too), and, in an expression,
    the backticks a column with spaces needs; "" when nothing is close."""
    import difflib

    columns = [str(c) for c in columns]
    if expression is not None:
        spaced = [c for c in columns if " " in c and c.split()[0] == name]
        if spaced:
            return f"; a column name with spaces goes in backticks: `{spaced[0]}`"
    same_case = [c for c in columns if c.lower() == name.lower()]
    close = same_case or difflib.get_close_matches(name, columns, n=1, cutoff=0.75) or difflib.get_close_matches(
        name.lower(), [c.lower() for c in columns], n=1, cutoff=0.75
    )
    if not close:
        return ""
    match = next((c for c in columns if c.lower() == close[0].lower()), close[0])
    return f"; did you mean {match!r}?"


def missing_column(name: str, table: str, columns) -> str:
    """"column 'x' not in t (columns: a, b); did you mean 'a'?": a chart's or table's key names
    a column the table lacks."""
    columns = [str(c) for c in columns]
    return f"column {name!r} not in {table} (columns: {', '.join(columns)}){suggestion(name, columns)}"


def _missing(name: str, listing: str, columns, expression: str | None = None) -> str:
    return f"column {name!r} does not exist (columns: {listing}){suggestion(name, columns, expression)}"


def _text_columns(frame: pd.DataFrame) -> list[str]:
    import pandas as pd

    return [str(c) for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]


def _columns(frame: pd.DataFrame) -> str:
    return ", ".join(map(str, frame.columns))


def expression_names(expression: str) -> set[str]:
    """The column names an expression refers to (empty for an unparsable one)."""
    names = set(_backticked(expression))
    try:
        tree = ast.parse(_unquote_backticks(expression), mode="eval")
    except (SyntaxError, DataError, MemoryError, RecursionError):
        return names
    return names | {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and not node.id.startswith("c_")
    } - {"True", "False", "None", "and", "or", "not", "in"}


def derive_columns(
    frame: pd.DataFrame, columns: dict[str, str], known_columns: list[str] | None = None
) -> pd.DataFrame:
    """``frame`` with each derived column added, in order (later ones may use earlier ones).

    Raises ``DataError(message, column_name)`` for an expression that fails.
    """
    if not columns:
        return frame
    import pandas as pd

    frame = frame.copy(deep=False)
    for name, expression in columns.items():
        listing = ", ".join([*(known_columns or []), *(c for c in map(str, frame.columns) if c not in (known_columns or []))])
        try:
            check_expression(expression, _text_columns(frame))
            for column in _backticked(expression):
                if column not in frame.columns:
                    raise DataError(_missing(column, listing, listing.split(", ")))
            value = _evaluate(frame, expression)
        except DataError as exc:
            raise DataError(str(exc).replace("where:", "columns:"), name) from None
        except pd.errors.UndefinedVariableError as exc:
            missing = str(exc).split("'")[1] if "'" in str(exc) else str(exc)
            raise DataError(_missing(missing, listing, listing.split(", "), expression), name) from None
        except Exception as exc:  # pandas raises many kinds for a bad expression
            raise DataError(f"cannot evaluate {expression!r}: {exc}", name) from None
        if not isinstance(value, pd.Series):
            value = pd.Series(value, index=frame.index)
        frame[name] = value
    return frame


def _evaluate(frame: pd.DataFrame, expression: str):
    """``frame.eval`` with no access to Python names.

    Text read from Parquet arrives as categories; comparing two category
    columns with different category sets raises, so on that error the
    expression is evaluated again with those columns as plain values.
    """
    try:
        return frame.eval(expression, engine="python", local_dict={}, global_dict={})
    except TypeError as exc:
        if "ategorical" not in str(exc):
            raise
    import pandas as pd

    names = expression_names(expression)
    plain = frame.copy(deep=False)
    for column in plain.columns:
        if column in names and isinstance(plain[column].dtype, pd.CategoricalDtype):
            plain[column] = plain[column].astype(object)
    return plain.eval(expression, engine="python", local_dict={}, global_dict={})
