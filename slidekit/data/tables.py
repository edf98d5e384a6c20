"""Load the spec's ``data:`` tables: each file read once, only the columns the spec uses.

A table is read (or taken inline from ``rows:``), gets its derived
``columns:``, then its ``where:`` filter. Chart-level shaping is applied later,
per chart, by the planner.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from slidekit.data.points import BUILT_IN_METHODS
from slidekit.data.query import apply_where, derive_columns, expression_names, missing_column
from slidekit.data.read import ALL_COLUMNS, DEFAULT_CLUSTER, read_table, readers
from slidekit.errors import DataError, SlidekitError, SpecProblem
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import ChartSlideSpec, PromptSlideSpec, PromptTextSpec, ShapingSpec, TableSpec

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class TableFacts:
    """What slides say about a table (source, filter, size), kept without its rows."""

    name: str
    path: str
    where: str | None
    rows_read: int
    all_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A data table after its derived columns and ``where:`` filter."""

    name: str
    frame: pd.DataFrame
    path: str
    """The file as written in the spec (relative to its folder), "inline rows" or "expected rates
    in the spec"; followed by "(HYPOTHETICAL)" for a table marked ``hypothetical``."""
    where: str | None
    rows_read: int
    spec: TableSpec
    all_columns: tuple[str, ...]
    """Every column the source has (the frame may hold only those the spec uses)."""
    default_cluster: tuple[str, str, str] | None = None
    """(column, units, repeats) when the reader knows rows repeat a unit (Inspect's epochs)."""

    @property
    def facts(self) -> TableFacts:
        return TableFacts(self.name, self.path, self.where, self.rows_read, self.all_columns)


class LazyTables(Mapping):
    """The spec's tables, read on first use: a rebuild whose charts are all cached reads none.

    A table that cannot be read does not stop the others: asking for it raises
    every table's problems (a build reports them with the rest), the others are
    there as usual.
    """

    def __init__(self, loaded: LoadedSpec):
        self.loaded = loaded
        self._tables: dict[str, Table] | None = None
        self._problems: dict[str, SpecProblem] = {}

    @property
    def loaded_tables(self) -> dict[str, Table]:
        """The tables that could be read (all of them, unless :attr:`problems` says otherwise)."""
        if self._tables is None:
            self._tables, self._problems = read_tables(self.loaded)
        return self._tables

    @property
    def problems(self) -> list[SpecProblem]:
        """Why tables could not be read; empty until the tables are first read."""
        return list(self._problems.values())

    def names(self) -> list[str]:
        """The table names, without reading anything."""
        return list(self.loaded.spec.data)

    def __getitem__(self, name: str) -> Table:
        tables = self.loaded_tables
        if name in self._problems:
            raise SlidekitError(self.problems)
        return tables[name]

    def __contains__(self, name: object) -> bool:
        return name in self.loaded_tables or name in self._problems

    def __iter__(self):
        return iter(self.loaded_tables)

    def __len__(self) -> int:
        return len(self.loaded_tables)


def table_specs(loaded: LoadedSpec) -> dict[str, TableSpec]:
    """The ``data:`` entries with the short form (a bare path) expanded."""
    return {
        name: entry if isinstance(entry, TableSpec) else TableSpec(path=entry)
        for name, entry in loaded.spec.data.items()
    }


def load_tables(loaded: LoadedSpec) -> dict[str, Table]:
    """Read every table of the spec; report all unreadable ones at once."""
    tables, problems = read_tables(loaded)
    if problems:
        raise SlidekitError(list(problems.values()))
    return tables


def read_tables(loaded: LoadedSpec) -> tuple[dict[str, Table], dict[str, SpecProblem]]:
    """Every table of the spec that can be read, and the problem of each that cannot."""
    import pandas as pd

    specs = table_specs(loaded)
    wanted = needed_columns(loaded, specs)
    files = _read_files(loaded, specs, wanted)
    tables: dict[str, Table] = {}
    problems: dict[str, SpecProblem] = {}
    for name, entry in specs.items():
        key = ("data", name)
        if entry.expect is not None:
            from slidekit.data.expect import draw_expected

            frame, shown = draw_expected(entry.expect), "expected rates in the spec"
        elif entry.rows is not None:
            frame, shown = pd.DataFrame.from_records(entry.rows), "inline rows"
        else:
            file_key = _file_key(loaded, entry)
            outcome = files.get(file_key)
            if outcome is None:
                problems[name] = loaded.source.problem((*key, "format"), _unknown_format(entry.format))
                continue
            if isinstance(outcome, DataError):
                where = (*key, "path") if isinstance(loaded.spec.data[name], TableSpec) else key
                if len(outcome.args) > 1:  # the nested table's keys: records or tag
                    where = (*key, outcome.args[1])
                problems[name] = loaded.source.problem(where, f"{entry.path}: {outcome.args[0]}")
                continue
            frame, shown = outcome, entry.path
        known = [str(c) for c in frame.attrs.get(ALL_COLUMNS, frame.columns)]
        default_cluster = frame.attrs.get(DEFAULT_CLUSTER)
        try:
            frame = derive_columns(frame, entry.columns, known)
        except DataError as exc:
            problems[name] = loaded.source.problem((*key, "columns", exc.args[1]), exc.args[0])
            continue
        try:
            kept = apply_where(frame, entry.where, known) if entry.where else frame
        except DataError as exc:
            problems[name] = loaded.source.problem((*key, "where"), str(exc))
            continue
        missing = _missing_shaping_columns(entry, kept)
        if missing:
            where, column = missing
            columns = known + [c for c in map(str, kept.columns) if c not in known]
            problems[name] = loaded.source.problem((*key, *where), missing_column(column, name, columns))
            continue
        if kept.empty:
            problems[name] = loaded.source.problem(
                (*key, "where"), f"keeps none of the {len(frame):,} rows of {shown}"
            )
            continue
        available = tuple(known) + tuple(c for c in map(str, frame.columns) if c not in known)
        if entry.hypothetical:
            shown = f"{shown} (HYPOTHETICAL)"  # in every footer and note that names the source
        tables[name] = Table(
            name, kept, shown, entry.where, rows_read=len(frame), spec=entry, all_columns=available,
            default_cluster=default_cluster,
        )
    return tables, problems


def _missing_shaping_columns(entry: TableSpec, frame: pd.DataFrame) -> tuple[tuple, str] | None:
    """The first column a table's error/n/labels/order settings name that it lacks."""
    if entry.error and entry.error not in BUILT_IN_METHODS and entry.error not in frame.columns:
        return ("error",), entry.error
    if entry.n and entry.n not in frame.columns:
        return ("n",), entry.n
    if entry.cluster and entry.cluster not in frame.columns:
        return ("cluster",), entry.cluster
    for key in ("labels", "order"):
        for column in getattr(entry, key):
            if column not in frame.columns:
                return (key, column), column
    return None


def _file_key(loaded: LoadedSpec, entry: TableSpec) -> tuple:
    """What is read once for every table naming it: the file, its format, the nested table."""
    tag = None if entry.tag is None else tuple((k, tuple(v)) for k, v in entry.tag.items())
    return (loaded.folder / entry.path).resolve(), entry.format, entry.records, tag, entry.index


def _unknown_format(fmt: str | None) -> str:
    return f"unknown format {fmt!r}; expected one of: {', '.join(sorted(readers()))}"


def _read_files(
    loaded: LoadedSpec, specs: dict[str, TableSpec], wanted: dict[str, set[str] | None]
) -> dict[tuple, pd.DataFrame | DataError]:
    """Read each distinct file once, with the union of the columns its tables need."""
    columns_by_file: dict[tuple, set[str] | None] = {}
    for name, entry in specs.items():
        if entry.path is None or (entry.format is not None and entry.format not in readers()):
            continue
        key = _file_key(loaded, entry)
        if key in columns_by_file and columns_by_file[key] is None:
            continue
        needed = wanted[name]
        columns_by_file[key] = None if needed is None else (columns_by_file.get(key) or set()) | needed
    files: dict[tuple, pd.DataFrame | DataError] = {}
    for key, columns in columns_by_file.items():
        path, fmt, records, tag, index = key
        try:
            if records is not None or tag is not None or index is not None:
                files[key] = _read_nested(path, fmt, records, tag, index)
            else:
                files[key] = read_table(path, fmt, columns)
        except DataError as exc:
            files[key] = exc
    return files


def _read_nested(
    path: Path, fmt: str | None, records: str | None, tag: tuple | None, index: str | None
) -> pd.DataFrame:
    from slidekit.data.nested import read_nested
    from slidekit.data.read import detect_format

    if not path.exists():
        raise DataError("no such file")
    fmt = fmt or (detect_format(path) if path.is_file() else None)
    if fmt != "json":
        key = "records" if records is not None else "tag" if tag is not None else "index"
        raise DataError(f"{key}: reads the tables inside a JSON file; found a {fmt or 'folder'} table", key)
    return read_nested(path, records, None if tag is None else {k: list(v) for k, v in tag}, index)


def needed_columns(loaded: LoadedSpec, specs: dict[str, TableSpec]) -> dict[str, set[str] | None]:
    """The columns each table must provide, from every place the spec names one.

    None means "all columns" (a table no chart uses, shown whole nowhere, still
    needs to be valid; reading it whole is the safe choice).
    """
    wanted: dict[str, set[str] | None] = {name: set() for name in specs}
    used: set[str] = set()
    # mean('t', ...) and count('t', ...) in any text may read any column of t.
    whole = set(_TEMPLATE_TABLES.findall(_all_text(loaded.source.data)))
    for slide in loaded.spec.slides:
        if isinstance(slide, ChartSlideSpec) and slide.chart in wanted:
            used.add(slide.chart)
            wanted[slide.chart] |= _chart_columns(slide)
        elif isinstance(slide, PromptSlideSpec) and isinstance(slide.prompt, PromptTextSpec):
            prompt = slide.prompt
            if prompt.data in wanted:
                used.add(prompt.data)
                wanted[prompt.data] |= {prompt.column} | expression_names(prompt.where or "")
    for name, entry in specs.items():
        if name not in used or name in whole:
            wanted[name] = None
            continue
        wanted[name] |= _shaping_columns(entry)
        wanted[name] -= set(entry.columns)  # derived here, not read
    return wanted


_TEMPLATE_TABLES = re.compile(r"\b(?:mean|count)\(\s*['\"]([^'\"]+)['\"]")


def _all_text(value: object) -> str:
    if isinstance(value, dict):
        return "\n".join(_all_text(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_all_text(v) for v in value)
    return value if isinstance(value, str) else ""


def _shaping_columns(shaping: ShapingSpec) -> set[str]:
    names = expression_names(shaping.where or "")
    for expression in shaping.columns.values():
        names |= expression_names(expression)
    names |= set(shaping.labels) | set(shaping.order)
    if shaping.error and shaping.error not in ("auto", "wilson", "t", "bootstrap", "none"):
        names.add(shaping.error)
    if shaping.n:
        names.add(shaping.n)
    if shaping.cluster:
        names.add(shaping.cluster)
    return names


def _chart_columns(slide: ChartSlideSpec) -> set[str]:
    names = {slide.x, slide.y} | {c for c in (slide.color, slide.unit) if c}
    for entry in slide.backup if isinstance(slide.backup, list) else []:
        names |= {entry} if isinstance(entry, str) else {entry.x} | ({entry.color} if entry.color else set())
    if slide.callout is not None:
        names |= set(slide.callout.at)
    if slide.compare is not None:
        names |= {slide.compare.column} | ({slide.compare.pair} if slide.compare.pair else set())
    names |= _shaping_columns(slide)
    return names - set(slide.columns)
