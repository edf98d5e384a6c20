"""A content-addressed cache of rendered chart images.

The key is a hash of everything the image depends on: the chart's resolved
points and settings, its size on the slide, the chart style, and the versions
of slidekit and matplotlib. A hit therefore gives the very bytes a fresh render
would. Entries carry a digest of their image, so a truncated or corrupted file
is detected and rendered again rather than trusted.

Location: ``$SLIDEKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/slidekit``, else
``~/.cache/slidekit``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from slidekit import __version__
from slidekit.plan.model import ChartPlan

MAGIC = b"slidekit-chart-cache 1\n"


def default_cache_dir() -> Path:
    if os.environ.get("SLIDEKIT_CACHE_DIR"):
        return Path(os.environ["SLIDEKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "slidekit"


def _matplotlib_version() -> str:
    # Read from package metadata: importing matplotlib here would cost the
    # very time a cache hit is meant to save.
    try:
        return version("matplotlib")
    except PackageNotFoundError:
        return "unknown"


def chart_key(chart: ChartPlan, width: float, height: float, style: str) -> str:
    """The cache key of one chart image."""
    payload = json.dumps(
        {
            "chart": dataclasses.asdict(chart),
            "size": [round(width, 6), round(height, 6)],
            "style": style,
            "slidekit": __version__,
            "matplotlib": _matplotlib_version(),
        },
        sort_keys=True,
        default=repr,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class ChartCache:
    """Chart images on disk, by key. Failing to read or write the cache never fails a build."""

    def __init__(self, folder: Path | None = None):
        self.folder = (folder or default_cache_dir()) / "charts"
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.png"

    def get(self, key: str) -> bytes | None:
        try:
            blob = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        header_end = len(MAGIC) + 64 + 1
        digest, image = blob[len(MAGIC) : header_end - 1].decode(errors="replace"), blob[header_end:]
        if not blob.startswith(MAGIC) or hashlib.sha256(image).hexdigest() != digest:
            self.misses += 1
            return None  # corrupt: the caller renders it again and put() replaces it
        self.hits += 1
        return image

    def put(self, key: str, image: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + hashlib.sha256(image).hexdigest().encode() + b"\n" + image)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only or full disk costs speed, not the build


class NoCache(ChartCache):
    """``--no-cache``: render everything, store nothing."""

    def __init__(self):
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> bytes | None:
        self.misses += 1
        return None

    def put(self, key: str, image: bytes) -> None:
        pass
