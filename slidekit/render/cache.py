"""A content-addressed cache of rendered chart images.

The key is a hash of everything the image depends on: the chart's resolved
points and settings, its size on the slide, the chart style, and the versions
of slidekit and matplotlib. A hit therefore gives the very bytes a fresh render
would. Entries carry a digest of their image, so a truncated or corrupted file
is detected and rendered again rather than trusted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from slidekit import __version__
from slidekit.caching import BlobStore, code_fingerprint, default_cache_dir
from slidekit.plan.model import ChartPlan

MAGIC = b"slidekit-chart-cache 1\n"


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
            "code": code_fingerprint("slidekit.render.chart"),
            "matplotlib": _matplotlib_version(),
        },
        sort_keys=True,
        default=repr,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class ChartCache:
    """Chart images on disk, by key."""

    def __init__(self, folder: Path | None = None):
        self.store = BlobStore((folder or default_cache_dir()) / "charts", MAGIC, ".png")
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> bytes | None:
        image = self.store.read(key)
        if image is None:
            self.misses += 1  # missing or corrupt: the caller draws it and put() replaces it
        else:
            self.hits += 1
        return image

    def put(self, key: str, image: bytes) -> None:
        self.store.write(key, image)


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
