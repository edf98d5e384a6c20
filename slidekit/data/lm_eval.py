"""Read lm-evaluation-harness output (``format: lm-eval``).

Two kinds of file, both as the harness writes them (v0.4):

- ``results_<timestamp>.json``: one row per (model, task, metric, filter),
  with columns ``model, task, alias, metric, filter, value, stderr, n``. The
  harness keys its numbers ``"acc,none"`` / ``"acc_stderr,none"``; a stderr
  of ``"N/A"`` becomes missing. ``n`` is the number of samples behind the value
  (for a group, its aggregated count). A folder reads every results file
  below it, e.g. an ``--output_path`` with one sub-folder per model.
- ``samples_<task>_<timestamp>.jsonl`` (``--log_samples``): one row per sample,
  with ``task`` (from the file name), ``doc_id``, ``target``, ``filter``, each
  per-sample metric (``acc``, ``exact_match``, ...), ``input`` (the prompt),
  ``response`` (for generation tasks), ``doc_<field>`` for the document's
  scalar fields, and ``model`` when the run's results file is beside it.

Both are recognised by their content, whatever their names: a results file
opens with a ``"results"`` mapping, a samples line has ``doc_id`` and
``filtered_resps``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from slidekit.data.read import JSONL, Reader
from slidekit.errors import DataError

_SAMPLES_NAME = re.compile(r"^samples_(?P<task>.+?)_(?P<stamp>\d{4}-\d\d-\d\dT[\d.-]+)\.jsonl$")
_RESULTS_HEAD = re.compile(rb'^\s*\{\s*"results"\s*:\s*\{')
_HEAD_BYTES = 256


def is_results_file(path: Path) -> bool:
    """A ``.json`` whose first key is ``"results"``, a mapping (what the harness writes first)."""
    if not (path.is_file() and path.suffix.lower() == ".json"):
        return False
    try:
        with path.open("rb") as handle:
            return bool(_RESULTS_HEAD.match(handle.read(_HEAD_BYTES)))
    except OSError:
        return False


def is_samples_file(path: Path) -> bool:
    """A ``.jsonl`` whose first record has a ``doc_id`` and the model's ``filtered_resps``."""
    if not (path.is_file() and path.suffix.lower() == ".jsonl"):
        return False
    try:
        with path.open(encoding="utf-8") as handle:
            first = json.loads(handle.readline())
    except (OSError, ValueError):
        return False
    return isinstance(first, dict) and "doc_id" in first and "filtered_resps" in first


def sniff_lm_eval(path: Path) -> bool:
    """A results or samples file, or a folder with a results file below it."""
    if path.is_dir():
        return any(is_results_file(p) for p in path.rglob("results*.json"))
    return is_results_file(path) or is_samples_file(path)


def read_lm_eval(path: Path, columns: Collection[str] | None = None) -> pd.DataFrame:
    """The rows of a results file (or a folder of them) or of a samples file."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("results*.json") if is_results_file(p))
        if not files:
            raise DataError("no lm-eval results_*.json file in this folder")
        return pd.DataFrame.from_records([row for f in files for row in results_rows(_load(f))])
    if path.suffix.lower() == ".jsonl":
        return pd.DataFrame.from_records(samples_rows(path))
    return pd.DataFrame.from_records(results_rows(_load(path)))


def results_rows(data: dict) -> list[dict]:
    """One row per (task, metric, filter) of a parsed results file."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        raise DataError('not an lm-eval results file: expected a "results" mapping of tasks')
    model = model_name(data)
    counts = data.get("n-samples") or {}
    rows = []
    for task, entries in data["results"].items():
        for key, value in entries.items():
            metric, comma, filter_ = key.partition(",")
            if not comma or metric.endswith("_stderr") or _as_float(value) is None:
                continue
            stderr = _as_float(entries.get(f"{metric}_stderr,{filter_}"))
            rows.append({
                "model": model,
                "task": task,
                # the harness indents subtasks' aliases (" - abstract_algebra") for its table
                "alias": str(entries.get("alias", task)).strip().lstrip("- ").strip(),
                "metric": metric,
                "filter": filter_,
                "value": _as_float(value),
                "stderr": math.nan if stderr is None else stderr,
                "n": (entries.get("sample_count") or {}).get(key)
                or (counts.get(task) or {}).get("effective")
                or entries.get("sample_len"),
            })
    return rows


def model_name(data: dict) -> str | None:
    """The model as the harness names it: ``model_name``, else ``pretrained=`` or the model type."""
    if data.get("model_name"):
        return str(data["model_name"])
    config = data.get("config") or {}
    args = config.get("model_args")
    if isinstance(args, dict) and args.get("pretrained"):
        return str(args["pretrained"])
    if isinstance(args, str) and "pretrained=" in args:
        return args.split("pretrained=", 1)[1].split(",", 1)[0]
    return config.get("model")


def samples_rows(path: Path) -> list[dict]:
    """One row per line of a ``samples_*.jsonl`` file."""
    named = _SAMPLES_NAME.match(path.name)
    model = _run_model(path, named["stamp"]) if named else None
    records = JSONL.read(path, None).to_dict("records")  # its errors name the bad line
    return [_sample_row(record, named and named["task"], model) for record in records]


def _sample_row(record: dict, task: str | None, model: str | None) -> dict:
    row: dict = {}
    if model is not None:
        row["model"] = model
    if task is not None:
        row["task"] = task
    row.update({key: record.get(key) for key in ("doc_id", "target", "filter")})
    names = record.get("metrics")
    if not isinstance(names, list):  # older harness versions do not list them
        names = [k for k, v in record.items() if k != "doc_id" and _is_number(v)]
    row.update({name: record[name] for name in names if _is_number(record.get(name))})
    prompt = _first_context(record.get("arguments"))
    if prompt is not None:
        row["input"] = prompt
    responses = record.get("filtered_resps")
    if isinstance(responses, list) and len(responses) == 1 and isinstance(responses[0], str):
        row["response"] = responses[0]
    doc = record.get("doc")
    if isinstance(doc, dict):
        for key, value in doc.items():
            scalar = value is None or isinstance(value, str | int | float | bool)
            if scalar and f"doc_{key}" not in row:
                row[f"doc_{key}"] = value
    return row


def _first_context(arguments: object) -> str | None:
    """The prompt of a sample's first request: ``gen_args_0.arg_0`` (``[0][0]`` in older files)."""
    if isinstance(arguments, dict):
        arguments = list(arguments.values())
    first = arguments[0] if isinstance(arguments, list) and arguments else None
    if isinstance(first, dict):
        context = first.get("arg_0")
    else:
        context = first[0] if isinstance(first, list) and first else None
    return context if isinstance(context, str) else None


def _run_model(samples: Path, stamp: str) -> str | None:
    """The model of the run that wrote ``samples``, from its results file beside it."""
    results = samples.with_name(f"results_{stamp}.json")
    if not is_results_file(results):
        return None
    try:
        return model_name(_load(results))
    except DataError:
        return None


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path.name}: not valid JSON: {exc.msg} (line {exc.lineno})") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None


def _is_number(value: object) -> bool:
    """A number or boolean (a 0/1 metric); not NaN, which stands for a key a line lacks."""
    return isinstance(value, int | float) and value == value


def _as_float(value: object) -> float | None:
    """A results number as a float; ``"N/A"`` (or null) is NaN; anything else is not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if value is None or value == "N/A":
        return math.nan
    return None


LM_EVAL = Reader("lm-eval", read_lm_eval, (), sniff=sniff_lm_eval)
