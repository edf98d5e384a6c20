"""Tables nested inside a JSON file: ``records:`` picks them, ``tag:`` names each one.

Eval scripts often save one JSON object per run, with the per-sample results
somewhere inside it: Turpin et al.'s BBH outputs are
``{config, outputs: [{gen: [...], y_pred: [...]}, {gen: [...], ...}]}``, two
column-oriented tables (the biased and the baseline prompt) in a list. So::

    data:
      snarks:
        path: snarks.json
        records: outputs                      # a dotted path: results.samples
        tag: {condition: [biased, baseline]}  # one value per table in the list

reads both tables, stacked, with a ``condition`` column saying which is which.
``index: question`` numbers each table's rows from 0: Turpin's two lists hold
the same questions in the same order, so ``compare: {..., pair: question}``
pairs each question's biased answer with its baseline one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from slidekit.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

def read_nested(
    path: Path, records: str | None, tag: dict[str, list] | None, index: str | None = None
) -> pd.DataFrame:
    """The table(s) at ``records`` inside the JSON at ``path``, tagged by ``tag``, rows numbered
    from 0 in each table into the column ``index`` (if given).

    A DataError's second argument names the spec key at fault (``records``, ``tag`` or ``index``).
    """
    import pandas as pd

    from slidekit.data.read import load_json

    data = load_json(path)
    value = _select(data, records) if records else data
    where = f"{records} in the file" if records else "the file"
    if tag is None:
        # A list of column mappings is a list of tables, not records whose fields are all lists.
        tables = isinstance(value, list) and value and all(_is_columns(v) for v in value)
        if _is_table(value) and not tables:
            return _numbered(_frame(value, where), index)
        if tables or (isinstance(value, list) and value and all(_is_table(v) for v in value)):
            raise DataError(
                f"{where} holds {len(value)} tables; name each with tag: {{column: [one value per table]}}",
                "records" if records else "path",
            )
        raise DataError(f"{where}: expected a list of records or a mapping of columns; found {_describe(value)}",
                        "records" if records else "path")
    ((column, values),) = tag.items()
    if column == index:
        raise DataError(f"{column!r} is also tag's column; name the row numbers another way", "index")
    if not (isinstance(value, list) and value and all(_is_table(v) for v in value)):
        raise DataError(f"expected {where} to be a list of tables to tag; found {_describe(value)}", "tag")
    if len(values) != len(value):
        raise DataError(
            f"{column}: expected {len(value)} values, one per table in {records or 'the file'}; "
            f"found {len(values)}",
            "tag",
        )
    frames = []
    for i, (table, label) in enumerate(zip(value, values)):
        frame = _frame(table, f"{where}[{i}]")
        if column in frame.columns:
            raise DataError(f"{column}: the tables already have a column {column!r}; pick another name", "tag")
        frames.append(_numbered(frame, index).assign(**{column: label}))
    return pd.concat(frames, ignore_index=True)


def _numbered(frame: pd.DataFrame, index: str | None) -> pd.DataFrame:
    if index is None:
        return frame
    if index in frame.columns:
        raise DataError(f"the table already has a column {index!r}; pick another name", "index")
    return frame.assign(**{index: range(len(frame))})


def _select(data: object, records: str) -> object:
    value = data
    walked: list[str] = []
    for part in records.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            at = ".".join(walked) or "the top level"
            keys = f" (keys: {', '.join(map(str, value))})" if isinstance(value, dict) else ""
            raise DataError(f"no {part!r} at {at} of the JSON; found {_describe(value)}{keys}", "records")
        walked.append(part)
    return value


def _is_columns(value: object) -> bool:
    return isinstance(value, dict) and bool(value) and all(isinstance(v, list) for v in value.values())


def _is_table(value: object) -> bool:
    if isinstance(value, list):
        return bool(value) and all(isinstance(r, dict) for r in value)
    return _is_columns(value)


def _frame(table: list | dict, where: str) -> pd.DataFrame:
    import pandas as pd

    if isinstance(table, list):
        return pd.DataFrame.from_records(table)
    lengths = {key: len(column) for key, column in table.items()}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{key} {n}" for key, n in lengths.items())
        raise DataError(f"{where}: expected columns of one length; found {shown}", "records")
    return pd.DataFrame(table)


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return f"a mapping of {len(value)}" if value else "an empty mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    return f"{type(value).__name__} {value!r}"[:80]
