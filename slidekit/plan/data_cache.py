"""A cache of resolved chart data, so a rebuild after a text edit never touches pandas.

A chart slide's resolved points depend only on its table's file (path, size,
modification time), the table's and the chart's data settings (not its
takeaway, title, notes or callout text) and the slidekit version. When all of
those are unchanged, the aggregated points, n and intervals are read back from
the cache instead of reading and grouping the table again.

Entries are pickles checked against a digest and loaded with an unpickler that
only builds slidekit's own plan classes, so a damaged or planted file is
recomputed rather than trusted.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
from pathlib import Path

from slidekit import __version__
from slidekit.caching import BlobStore, code_fingerprint
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import ChartSlideSpec, TableSpec

MAGIC = b"slidekit-resolved-cache 1\n"
_DATA_CODE = (
    "slidekit.plan.chart", "slidekit.data.aggregate", "slidekit.data.stats", "slidekit.data.query",
    "slidekit.data.tables", "slidekit.data.read", "slidekit.data.expect", "slidekit.plan.model",
    "slidekit.data.points", "slidekit.data.compare", "slidekit.data.differences",
    "slidekit.plan.comparison", "slidekit.data.inspect_log", "slidekit.data.nested",
)
"""The modules whose code decides a chart's resolved data."""
TEXT_FIELDS = {"takeaway", "title", "notes", "lint"}
"""Chart keys that change words on the slide but not its data."""
DECK_TEXT_FIELDS = {"title", "author", "date", "takeaways", "recap", "slides", "data", "lint", "abstract"}

_SAFE_MODULES = ("slidekit.plan.", "slidekit.data.")
_SAFE_BUILTINS = {"tuple", "list", "dict", "set", "frozenset", "int", "float", "str", "bool", "complex"}


class _PlanUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module.startswith(_SAFE_MODULES) or (module == "builtins" and name in _SAFE_BUILTINS):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a plan class")


def _file_identity(path: Path) -> list | None:
    """What changes when a data file (or a folder of them) changes; None if unreadable."""
    try:
        if path.is_dir():
            return sorted(
                [str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns]
                for p in path.rglob("*") if p.is_file()
            )
        stat = path.stat()
    except OSError:
        return None
    return [str(path.resolve()), stat.st_size, stat.st_mtime_ns]


def _table_entry(loaded: LoadedSpec, name: str) -> TableSpec | None:
    entry = loaded.spec.data.get(name)
    if entry is None:
        return None
    return entry if isinstance(entry, TableSpec) else TableSpec(path=entry)


class ResolvedChartCache:
    """Resolved chart data on disk, by a key of everything it was computed from."""

    def __init__(self, folder: Path):
        self.store = BlobStore(folder / "resolved", MAGIC, ".pickle")
        self.hits = 0
        self.misses = 0

    def key(self, loaded: LoadedSpec, slide: ChartSlideSpec) -> str | None:
        """The key of a chart slide's data, or None when it cannot be cached."""
        entry = _table_entry(loaded, slide.chart)
        if entry is None:
            return None
        # Inline rows and expected rates are in the table's settings below, which the key holds.
        identity = ["inline"] if entry.path is None else _file_identity(loaded.folder / entry.path)
        if identity is None:
            return None
        chart = slide.model_dump(mode="json", by_alias=True, exclude=TEXT_FIELDS)
        if chart.get("callout"):
            chart["callout"] = {"at": chart["callout"]["at"]}
        payload = {
            "slidekit": __version__,
            "code": code_fingerprint(*_DATA_CODE),
            "table": entry.model_dump(mode="json", by_alias=True),
            # (explicitly, though the table's settings hold it: the cached footers and notes say it)
            "hypothetical": entry.hypothetical,
            "file": identity,
            "chart": chart,
            "deck": loaded.spec.model_dump(mode="json", by_alias=True, exclude=DECK_TEXT_FIELDS),
        }
        text = json.dumps(payload, sort_keys=True, default=repr)
        return hashlib.sha256(text.encode()).hexdigest()

    def peek(self, key: str | None) -> bool:
        """Is there an entry for ``key`` (without reading it)?"""
        return key is not None and self.store.exists(key)

    def get(self, key: str | None):
        body = self.store.read(key) if key is not None else None
        try:
            value = None if body is None else _PlanUnpickler(io.BytesIO(body)).load()
        except Exception:  # an entry from other code, or planted: compute it again
            value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str | None, value) -> None:
        if key is not None:
            self.store.write(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class NoResolvedCache(ResolvedChartCache):
    """Compute every chart's data afresh (``--no-cache``, and tests of the slow path)."""

    def __init__(self):
        self.hits = 0
        self.misses = 0

    def key(self, loaded: LoadedSpec, slide: ChartSlideSpec) -> str | None:
        return None

    def peek(self, key: str | None) -> bool:
        return False

    def put(self, key, value) -> None:
        pass
