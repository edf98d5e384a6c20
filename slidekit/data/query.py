"""Row filters (``where:``) as pandas queries, without reaching into Python.

``DataFrame.query`` can read local variables (``@name``) and attributes; a
spec shared between collaborators must not be able to run code, so the
expression is checked first: column names, literals, comparisons, boolean
logic, arithmetic and ``in`` lists only.
"""

from __future__ import annotations

import ast
import io
import tokenize
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


def check_expression(expression: str) -> None:
    """Refuse anything but a plain expression over column names."""
    # Backticks quote column names with spaces in pandas; replace them for the check.
    probe = _unquote_backticks(expression)
    if any(t.string == "@" for t in _tokens(probe)):
        raise DataError("'@' (Python variables) is not allowed in where:")
    try:
        tree = ast.parse(probe, mode="eval")
    except SyntaxError as exc:
        raise DataError(f"not a valid expression: {exc.msg}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            what = type(node).__name__.lower()
            raise DataError(
                f"{what} is not allowed in where: (use column names, values, "
                "comparisons, and/or/not, arithmetic and 'in' lists)"
            )
        if isinstance(node, ast.Name) and node.id.startswith("__"):
            raise DataError(f"name {node.id!r} is not allowed in where:")


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
    return "".join(
        part if i % 2 == 0 else "c_" + "".join(ch if ch.isalnum() else "_" for ch in part)
        for i, part in enumerate(parts)
    )


def apply_where(
    frame: pd.DataFrame, expression: str, known_columns: list[str] | None = None
) -> pd.DataFrame:
    """Rows of ``frame`` for which ``expression`` holds.

    ``known_columns`` lists every column of the source for error messages,
    when ``frame`` holds only the ones the spec uses.
    """
    import pandas as pd

    check_expression(expression)
    listing = ", ".join(known_columns) if known_columns else _columns(frame)
    for name in _backticked(expression):
        if name not in frame.columns:
            raise DataError(f"column {name!r} does not exist (columns: {listing})")
    try:
        mask = frame.eval(expression, engine="python", local_dict={}, global_dict={})
    except pd.errors.UndefinedVariableError as exc:
        name = str(exc).split("'")[1] if "'" in str(exc) else str(exc)
        raise DataError(f"column {name!r} does not exist (columns: {listing})") from None
    except Exception as exc:  # pandas raises many kinds for a bad expression
        raise DataError(f"cannot evaluate: {exc}") from None
    if not isinstance(mask, pd.Series) or not pd.api.types.is_bool_dtype(mask):
        raise DataError("expected a condition that is true or false for each row")
    return frame[mask]


def _columns(frame: pd.DataFrame) -> str:
    return ", ".join(map(str, frame.columns))


def expression_names(expression: str) -> set[str]:
    """The column names an expression refers to (empty for an unparsable one)."""
    names = set(_backticked(expression))
    try:
        tree = ast.parse(_unquote_backticks(expression), mode="eval")
    except (SyntaxError, DataError):
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
            check_expression(expression)
            for column in _backticked(expression):
                if column not in frame.columns:
                    raise DataError(f"column {column!r} does not exist (columns: {listing})")
            value = frame.eval(expression, engine="python", local_dict={}, global_dict={})
        except DataError as exc:
            raise DataError(str(exc).replace("where:", "columns:"), name) from None
        except pd.errors.UndefinedVariableError as exc:
            missing = str(exc).split("'")[1] if "'" in str(exc) else str(exc)
            raise DataError(f"column {missing!r} does not exist (columns: {listing})", name) from None
        except Exception as exc:  # pandas raises many kinds for a bad expression
            raise DataError(f"cannot evaluate {expression!r}: {exc}", name) from None
        if not isinstance(value, pd.Series):
            value = pd.Series(value, index=frame.index)
        frame[name] = value
    return frame
