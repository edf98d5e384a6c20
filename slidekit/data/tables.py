"""Load the spec's ``data:`` tables, each file read once, filters applied."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from slidekit.data.query import apply_where
from slidekit.data.read import read_table, readers
from slidekit.errors import DataError, SlidekitError
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import TableSpec


@dataclass(frozen=True)
class Table:
    """A data table after its ``where:`` filter."""

    name: str
    frame: pd.DataFrame
    path: str
    """The file as written in the spec (relative to the spec's folder)."""
    where: str | None
    rows_read: int


def table_specs(loaded: LoadedSpec) -> dict[str, TableSpec]:
    """The ``data:`` entries with the short form (a bare path) expanded."""
    return {
        name: entry if isinstance(entry, TableSpec) else TableSpec(path=entry)
        for name, entry in loaded.spec.data.items()
    }


def load_tables(loaded: LoadedSpec) -> dict[str, Table]:
    """Read every table of the spec; report all unreadable ones at once."""
    files: dict[tuple[Path, str | None], pd.DataFrame] = {}
    tables: dict[str, Table] = {}
    problems = []
    for name, entry in table_specs(loaded).items():
        path = (loaded.folder / entry.path).resolve()
        if entry.format is not None and entry.format not in readers():
            known = ", ".join(sorted(readers()))
            problems.append(
                loaded.source.problem(
                    ("data", name, "format"), f"unknown format {entry.format!r}; expected one of: {known}"
                )
            )
            continue
        try:
            key = (path, entry.format)
            if key not in files:
                files[key] = read_table(path, entry.format)
            frame = files[key]
        except DataError as exc:
            problems.append(loaded.source.problem(_path_key(loaded, name), f"{entry.path}: {exc}"))
            continue
        try:
            kept = apply_where(frame, entry.where) if entry.where else frame
        except DataError as exc:
            problems.append(loaded.source.problem(("data", name, "where"), str(exc)))
            continue
        if kept.empty:
            problems.append(
                loaded.source.problem(
                    ("data", name, "where"), f"keeps none of the {len(frame):,} rows of {entry.path}"
                )
            )
            continue
        tables[name] = Table(name, kept, entry.path, entry.where, rows_read=len(frame))
    if problems:
        raise SlidekitError(problems)
    return tables


def _path_key(loaded: LoadedSpec, name: str) -> tuple:
    entry = loaded.spec.data[name]
    return ("data", name, "path") if isinstance(entry, TableSpec) else ("data", name)
