"""Where slidekit keeps its caches, and a digest-checked store of cache entries.

Location: ``$SLIDEKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/slidekit``, else
``~/.cache/slidekit``. Entries carry a digest of their content, so a truncated
or altered file is treated as missing (recomputed), never trusted. Failing to
read or write the cache never fails a build: it only costs speed.
"""

from __future__ import annotations

import hashlib
from functools import cache
import os
import tempfile
from pathlib import Path


def default_cache_dir() -> Path:
    if os.environ.get("SLIDEKIT_CACHE_DIR"):
        return Path(os.environ["SLIDEKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "slidekit"


@cache
def code_fingerprint(*modules: str) -> str:
    """A hash of the source files of ``modules`` (dotted names under slidekit).

    Part of every cache key, so changed drawing or aggregation code never
    serves images or numbers made by the old code, even between releases.
    Computed once per process: every chart's key needs it.
    """
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for module in modules:
        path = root.joinpath(*module.split(".")[1:]).with_suffix(".py")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(module.encode())
    return digest.hexdigest()


class BlobStore:
    """Bytes on disk by key, each entry checked against its digest when read."""

    def __init__(self, folder: Path, magic: bytes, suffix: str):
        self.folder = folder
        self.magic = magic
        self.suffix = suffix

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def read(self, key: str) -> bytes | None:
        try:
            blob = self.path(key).read_bytes()
        except OSError:
            return None
        header = len(self.magic) + 64 + 1
        digest, body = blob[len(self.magic) : header - 1], blob[header:]
        if not blob.startswith(self.magic) or hashlib.sha256(body).hexdigest().encode() != digest:
            return None
        return body

    def write(self, key: str, body: bytes) -> None:
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(self.magic + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only or full disk costs speed, not the build
