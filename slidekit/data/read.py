"""Read result tables from files into DataFrames, through a registry of readers.

A :class:`Reader` names a format, the file endings it claims and, optionally,
a ``sniff`` that recognises its files by content (an Inspect log is also a
``.json``). Readers are found through the ``slidekit.readers`` entry-point
group, so a lab can ship its own format as a separate package; the built-in
ones below register the same way (see pyproject.toml).

Problems become :class:`DataError` with a message a user can act on; the plan
stage ties it to the spec line that named the file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from slidekit.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

ENTRY_POINT_GROUP = "slidekit.readers"
WHOLE_CSV_BYTES = 64 * 2**20
"""CSV files up to this size are parsed whole, so malformed rows are caught; larger
ones are parsed for the spec's columns only (memory and speed first), after a
field count of every row (:func:`_check_field_counts`)."""
ALL_COLUMNS = "slidekit_all_columns"
DEFAULT_CLUSTER = "slidekit_default_cluster"
"""A reader's hint in ``frame.attrs``: (column, units, repeats) when rows repeat one unit."""
"""``frame.attrs`` key where a reader that skipped columns lists every column of the file."""
_NOT_UTF8 = "not UTF-8 text; is it a binary file, or saved in another encoding?"


@dataclass(frozen=True)
class Reader:
    """A table format slidekit can read."""

    name: str
    """What users write as ``format:``."""
    read: Callable[[Path, Collection[str] | None], pd.DataFrame]
    """Read ``path``; the columns the spec needs are passed as a hint (None: all)."""
    extensions: tuple[str, ...] = ()
    """File endings (lower case, with the dot) that mean this format."""
    sniff: Callable[[Path], bool] | None = None
    """Recognise a file (or folder) of this format by its content, before extensions count."""


def _read_csv(path: Path, columns: Collection[str] | None = None, sep: str = ",") -> pd.DataFrame:
    import pandas as pd

    what = "TSV" if sep == "\t" else "CSV"
    with path.open("rb") as handle:
        start = handle.read(8192)
    # pandas can read binary bytes as odd column names instead of failing.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start, final=False)
    except UnicodeDecodeError:
        raise DataError(_NOT_UTF8) from None
    if b"\0" in start:
        raise DataError(f"a binary file (it holds NUL bytes); expected {what} text")
    try:
        if columns is None:
            return pd.read_csv(path, sep=sep)
        header = list(pd.read_csv(path, sep=sep, nrows=0).columns)
        # Keep one column at least, so a table whose named columns are all
        # missing still reports those columns, not "no rows".
        keep = [c for c in header if c in columns] or header[:1]
        if path.stat().st_size <= WHOLE_CSV_BYTES:
            # Read every field: with usecols pandas drops a row's surplus fields
            # silently, and an unquoted comma would shift values unnoticed.
            frame = pd.read_csv(path, sep=sep)[keep]
        else:
            _check_field_counts(path, sep, len(header), what)
            frame = pd.read_csv(path, sep=sep, usecols=keep)
        frame.attrs[ALL_COLUMNS] = header
        return frame
    except pd.errors.EmptyDataError:
        raise DataError("the file is empty; expected a header row and data rows") from None
    except pd.errors.ParserError as exc:
        raise DataError(f"not valid {what}: {str(exc).strip()}") from None
    except UnicodeDecodeError:
        raise DataError(_NOT_UTF8) from None


def _check_field_counts(path: Path, sep: str, fields: int, what: str) -> None:
    """Raise a DataError for a row with more fields than the header (an unquoted comma).

    pandas, reading only some columns, drops a row's surplus fields silently;
    pyarrow's parser, keeping one column, still counts every row's fields, at a
    fraction of a read's time. Without pyarrow (an optional dependency) no check.
    A short row is not an error, as when the whole file is read: its missing
    fields are empty.
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:
        return
    surplus = []

    def on_bad_row(row) -> str:
        if row.actual_columns > row.expected_columns and not surplus:
            surplus.append(row)
        return "skip"

    names = [f"field{i}" for i in range(fields)]
    try:
        reader = pa_csv.open_csv(
            path,
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(delimiter=sep, newlines_in_values=True, invalid_row_handler=on_bad_row),
            convert_options=pa_csv.ConvertOptions(include_columns=names[:1], column_types={names[0]: pa.string()}),
        )
        for _ in reader:
            if surplus:
                break
    except (pa.ArrowInvalid, OSError):
        return  # pandas, reading next, reports what is wrong in its own words
    if surplus:
        row = surplus[0]
        text = row.text if len(row.text) <= 80 else row.text[:79] + "\u2026"
        raise DataError(
            f"not valid {what}: a row has {row.actual_columns} fields where the header has "
            f"{row.expected_columns} (an unquoted separator in a value?): {text!r}"
        )


def _read_tsv(path: Path, columns: Collection[str] | None = None) -> pd.DataFrame:
    return _read_csv(path, columns, sep="\t")


def _read_jsonl(path: Path, columns: Collection[str] | None = None) -> pd.DataFrame:
    import pandas as pd

    records = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"line {number}: not valid JSON ({exc.msg})") from None
                if not isinstance(record, dict):
                    raise DataError(f"line {number}: expected a JSON object; found {type(record).__name__}")
                records.append(record)
    except UnicodeDecodeError:
        raise DataError(_NOT_UTF8) from None
    if not records:
        raise DataError("the file has no rows")
    return pd.DataFrame.from_records(records)


def load_json(path: Path) -> object:
    """The parsed JSON file; a DataError with the line for bad JSON or bytes that are not UTF-8."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg} (line {exc.lineno})") from None
    except UnicodeDecodeError:
        raise DataError(_NOT_UTF8) from None


def _read_json(path: Path, columns: Collection[str] | None = None) -> pd.DataFrame:
    import pandas as pd

    data = load_json(path)
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        return pd.DataFrame.from_records(data)
    if isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
        return pd.DataFrame(data)
    if isinstance(data, dict):
        keys = ", ".join(map(str, list(data)[:8])) + (", ..." if len(data) > 8 else "")
        raise DataError(
            f"expected a JSON list of records or a mapping of columns; found a mapping with keys "
            f"{keys}: pick the table inside with records: KEY (and tag: for a list of tables)"
        )
    raise DataError("expected a JSON list of records or a mapping of columns")


def _read_parquet(path: Path, columns: Collection[str] | None = None) -> pd.DataFrame:
    import pandas as pd

    try:
        if columns is not None:
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = pq.ParquetDataset(path).schema
            present = schema.names
            wanted = [c for c in present if c in columns] or present[:1]
            # Text columns come back as categories straight from Parquet's
            # dictionary encoding: no 10M Python strings to build, and
            # grouping by them needs no hashing of strings.
            text = [
                f.name for f in schema
                if f.name in wanted and (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))
            ]
            frame = pq.read_table(path, columns=wanted, read_dictionary=text).to_pandas()
            frame.attrs[ALL_COLUMNS] = list(present)
            return frame
        return pd.read_parquet(path)
    except ImportError:
        raise DataError("reading Parquet needs pyarrow: pip install 'slidekit[parquet]'") from None
    except Exception as exc:  # pyarrow raises many types for corrupt files
        raise DataError(f"not a readable Parquet file: {exc}") from None


CSV = Reader("csv", _read_csv, (".csv",))
TSV = Reader("tsv", _read_tsv, (".tsv", ".tab"))
JSON = Reader("json", _read_json, (".json",))
JSONL = Reader("jsonl", _read_jsonl, (".jsonl", ".ndjson"))
PARQUET = Reader(
    "parquet", _read_parquet, (".parquet", ".pq"),
    sniff=lambda path: path.is_dir() and any(path.glob("*.parquet")),
)
BUILT_IN = (CSV, TSV, JSON, JSONL, PARQUET)


@cache
def readers() -> dict[str, Reader]:
    """Every registered reader by format name (built-ins, then installed plugins)."""
    found = {reader.name: reader for reader in BUILT_IN}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name in found and found[entry.name] in BUILT_IN:
            continue
        reader = entry.load()
        if isinstance(reader, Reader):
            found[reader.name] = reader
    return found


def detect_format(path: Path) -> str:
    """The format of ``path``: a reader that recognises it, else its extension."""
    registry = readers()
    for reader in registry.values():
        if reader.sniff is not None and reader.sniff(path):
            return reader.name
    suffix = path.suffix.lower()
    for reader in registry.values():
        if suffix in reader.extensions:
            return reader.name
    known = ", ".join(sorted(ext for r in registry.values() for ext in r.extensions))
    raise DataError(
        f"cannot tell the format from the extension {path.suffix or '(none)'!r}; "
        f"expected one of {known}, or set format:"
    )


def read_table(path: Path, fmt: str | None = None, columns: Collection[str] | None = None) -> pd.DataFrame:
    """Read the table at ``path`` (format from ``fmt`` or detected).

    ``columns`` names the columns the spec needs; readers that can skip the
    others (CSV, Parquet) do, which matters for wide per-sample logs.
    """
    if not path.exists():
        raise DataError("no such file")
    registry = readers()
    if fmt is not None and fmt not in registry:
        raise DataError(f"unknown format {fmt!r}; expected one of: {', '.join(sorted(registry))}")
    if path.is_dir() and fmt is None:
        fmt = detect_format(path) if any(r.sniff and r.sniff(path) for r in registry.values()) else None
        if fmt is None:
            raise DataError("is a folder; expected a data file (or a folder of Parquet files or logs)")
    fmt = fmt or detect_format(path)
    try:
        frame = registry[fmt].read(path, columns)
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}") from None
    if len(frame) == 0:
        raise DataError("the table has no rows")
    return frame
