"""Read Inspect AI eval logs into one row per sample (``format: inspect``).

A log is a ``.eval`` file (a zip), a ``.json`` log, or a folder of them. The
rows come from Inspect's own ``inspect_ai.analysis.samples_df``, so the
columns are the ones Inspect users already know: ``id``, ``epoch``,
``input``, ``target``, ``score_<scorer>``, ``metadata_<key>`` and the rest of
its sample summary, plus ``model`` and ``task``. Scores become numbers the way
Inspect's ``score_to_float`` maps them (C/I/P/N to 1/0/0.5/0, numbers kept),
so a ``score_<scorer>`` column charts as a rate. A log with several epochs
per sample is clustered by sample id (``id``) by default, as Inspect reduces
epochs per sample before its metrics.

inspect_ai is an optional extra (``pip install 'slidekit[inspect]'``),
imported only when a log is read; recognising a log needs nothing but the
standard library.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from slidekit.data.read import DEFAULT_CLUSTER, Reader
from slidekit.errors import DataError

MISSING_EXTRA = "reading Inspect logs needs inspect_ai: pip install 'slidekit[inspect]'"

_HEAD_BYTES = 4096
# A JSON log opens with {"version": 2, "status": ..., "eval": {..., "task": ...}, ...}.
_JSON_LOG_HEAD = re.compile(rb'^\s*\{\s*"version"\s*:\s*\d+\s*,')
_EVAL_KEY = re.compile(rb'"eval"\s*:\s*\{')
# Score values Inspect's value_to_float maps without guessing (anything else it turns into 0).
_SCORE_WORDS = {"C", "I", "P", "N", "yes", "no", "true", "false"}


def is_log_file(path: Path) -> bool:
    """Whether ``path`` is an Inspect log: a ``.eval`` zip, or a ``.json`` that opens like one."""
    suffix = path.suffix.lower()
    if not path.is_file() or suffix not in (".eval", ".json"):
        return False
    if suffix == ".eval":
        return zipfile.is_zipfile(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    return bool(_JSON_LOG_HEAD.match(head) and _EVAL_KEY.search(head))


def log_files(path: Path) -> list[Path]:
    """The Inspect logs at ``path``: the file itself, or every log below a folder."""
    if not path.is_dir():
        return [path] if is_log_file(path) else []
    return sorted(p for p in path.rglob("*") if is_log_file(p))


def sniff_inspect(path: Path) -> bool:
    """A log file, or a folder with at least one log in it."""
    if path.is_dir():
        return any(is_log_file(p) for p in path.rglob("*"))
    return is_log_file(path)


def read_inspect(path: Path, columns: Collection[str] | None = None) -> pd.DataFrame:
    """One row per sample and epoch of every log at ``path`` (all columns; the hint is unused)."""
    try:
        import pyarrow  # noqa: F401  (inspect_ai.analysis needs it but does not install it)
        from inspect_ai.analysis import EvalModel, EvalTask, SampleSummary, samples_df
        from inspect_ai.log import read_eval_log
        from inspect_ai.scorer import value_to_float
    except ImportError:
        raise DataError(MISSING_EXTRA) from None
    logs = log_files(path)
    if not logs:
        where = "in this folder" if path.is_dir() else "here"
        raise DataError(f"no Inspect log {where}; expected a .eval file or an Inspect .json log")
    columns = SampleSummary + [c for c in EvalModel if c.name == "model"]
    columns += [c for c in EvalTask if c.name == "task_name"]
    # samples_df reads a .eval file's sample summaries without loading the samples, but
    # skips a .json log whose name does not start with a timestamp (a renamed log):
    # those are read whole first, as samples_df would read them anyway.
    parts = [[str(p) for p in logs if p.suffix.lower() == ".eval"]]
    try:
        parts.append([read_eval_log(str(p)) for p in logs if p.suffix.lower() == ".json"])
        with warnings.catch_warnings():  # inspect_ai's own pandas deprecations are not ours
            warnings.filterwarnings("ignore", module=r"inspect_ai\.")
            frames = [samples_df(part, columns=columns, quiet=True) for part in parts if part]
    except Exception as exc:  # noqa: BLE001  (inspect_ai raises many types for unreadable logs)
        raise DataError(f"not a readable Inspect log: {exc}") from None
    frame = pd.concat([_plain_dtypes(f) for f in frames], ignore_index=True)
    frame = frame.rename(columns={"task_name": "task"})
    to_float = value_to_float()
    for column in [c for c in frame.columns if c.startswith("score_")]:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values):  # numbers (or booleans) already
            frame[column] = values.astype("float64")
        elif values.notna().any() and all(_is_score(v) for v in values.dropna()):
            frame[column] = [to_float(v) if pd.notna(v) else math.nan for v in values]
        # else (e.g. a scorer whose value is a dict): left as Inspect gives it, not turned into 0s
    if "epoch" in frame.columns and "id" in frame.columns and frame["epoch"].max() > 1:
        # Inspect reduces a sample's epochs before its metrics: its rows are not independent.
        frame.attrs[DEFAULT_CLUSTER] = ("id", "samples", "epochs")
    return frame


def _plain_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Arrow-backed columns (what samples_df returns) as the numpy dtypes other readers give."""
    import pyarrow as pa

    return pa.Table.from_pandas(frame, preserve_index=False).to_pandas(ignore_metadata=True)


def _is_score(value: object) -> bool:
    """Whether Inspect's value_to_float maps ``value`` to a meaningful number."""
    if isinstance(value, int | float):  # booleans too
        return True
    if not isinstance(value, str):
        return False
    if value in _SCORE_WORDS or value.lower() in _SCORE_WORDS:
        return True
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


INSPECT = Reader("inspect", read_inspect, (".eval",), sniff=sniff_inspect)
