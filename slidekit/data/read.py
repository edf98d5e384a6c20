"""Read result tables from files into DataFrames.

Each reader takes a path and returns a DataFrame; :data:`READERS` maps a
format name to its reader and :data:`EXTENSIONS` a file ending to its format.
Problems become :class:`DataError` with a message a user can act on; the plan
stage ties it to the spec line that named the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from slidekit.errors import DataError

Reader = Callable[[Path], pd.DataFrame]


def _read_csv(path: Path, sep: str = ",") -> pd.DataFrame:
    try:
        return pd.read_csv(path, sep=sep)
    except pd.errors.EmptyDataError:
        raise DataError("the file is empty; expected a header row and data rows") from None
    except pd.errors.ParserError as exc:
        raise DataError(f"not valid {'TSV' if sep == chr(9) else 'CSV'}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text (byte {exc.start}); is it a binary file?") from None


def _read_tsv(path: Path) -> pd.DataFrame:
    return _read_csv(path, sep="\t")


def _read_jsonl(path: Path) -> pd.DataFrame:
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
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text (byte {exc.start}); is it a binary file?") from None
    if not records:
        raise DataError("the file has no rows")
    return pd.DataFrame.from_records(records)


def _read_json(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg} (line {exc.lineno})") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text (byte {exc.start}); is it a binary file?") from None
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        return pd.DataFrame.from_records(data)
    if isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
        return pd.DataFrame(data)
    raise DataError("expected a JSON list of records or a mapping of columns")


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except ImportError:
        raise DataError("reading Parquet needs pyarrow: pip install 'slidekit[parquet]'") from None
    except Exception as exc:  # pyarrow raises many types for corrupt files
        raise DataError(f"not a readable Parquet file: {exc}") from None


READERS: dict[str, Reader] = {
    "csv": _read_csv,
    "tsv": _read_tsv,
    "json": _read_json,
    "jsonl": _read_jsonl,
    "parquet": _read_parquet,
}

EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def detect_format(path: Path) -> str:
    """The format implied by the file's extension."""
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise DataError(
            f"cannot tell the format from the extension {path.suffix or '(none)'!r}; "
            f"expected one of {known}, or set format:"
        ) from None


def read_table(path: Path, fmt: str | None = None) -> pd.DataFrame:
    """Read the table at ``path`` (format from ``fmt`` or the extension)."""
    if not path.exists():
        raise DataError("no such file")
    if path.is_dir():
        raise DataError("is a folder; expected a data file")
    fmt = fmt or detect_format(path)
    try:
        frame = READERS[fmt](path)
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}") from None
    if frame.empty:
        raise DataError("the table has no rows")
    return frame
