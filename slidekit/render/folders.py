"""Write a folder of files all at once: beside the target first, then swapped into place.

The folder outputs (``week12-slides/`` for ``--to png``, ``week12_files/`` beside
a Markdown report) are replaced as a whole, like a single file written with
:func:`slidekit.pipeline.write_atomically`: a reader sees the old folder or the
new one, never a half-written mix, and a failed write leaves the old one as it was.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from slidekit.errors import SlidekitError, SpecProblem


def write_folder_atomically(path: Path, files: Mapping[str, bytes], replaceable: re.Pattern[str]) -> None:
    """Make ``path`` a folder holding exactly ``files`` (name -> bytes).

    The files are written to a temporary folder beside ``path``, which is then
    exchanged with the old folder in one step where the system allows it
    (Linux ``renameat2``), else renamed over it right after the old one is moved
    aside. An existing folder is only replaced when every file in it has a name
    matching ``replaceable`` (files slidekit writes), so a user's own folder that
    happens to have the output's name is never deleted.
    """
    check_replaceable(path, replaceable)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise SlidekitError(SpecProblem(str(path), f"cannot write here: {exc.strerror}")) from None
    try:
        umask = _umask()
        for name, data in files.items():
            (staging / name).write_bytes(data)
            os.chmod(staging / name, 0o666 & ~umask)
        # mkdtemp creates 0700; the output should get the permissions any new folder gets.
        os.chmod(staging, 0o777 & ~umask)
        if path.is_dir():
            if _exchange(staging, path):
                shutil.rmtree(staging, ignore_errors=True)
                return
            old = staging.with_name(staging.name + ".old")
            os.replace(path, old)
            try:
                os.replace(staging, path)
            except OSError:
                os.replace(old, path)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, path)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SlidekitError(SpecProblem(str(path), f"cannot write: {exc.strerror}")) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def check_replaceable(path: Path, replaceable: re.Pattern[str]) -> None:
    """Raise a SlidekitError if ``path`` is a file, or a folder holding files slidekit did not write."""
    if not path.exists():
        return
    if not path.is_dir():
        raise SlidekitError(SpecProblem(str(path), "exists and is not a folder; move it or choose another -o"))
    foreign = sorted(child.name for child in path.iterdir() if not replaceable.fullmatch(child.name))
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise SlidekitError(
            SpecProblem(
                str(path),
                f"the folder holds files slidekit did not write ({shown}); move them or choose another -o",
            )
        )


def _umask() -> int:
    """The process's umask, read without changing it where possible (other threads may be writing)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^Umask:\s*([0-7]+)", status, re.MULTILINE).group(1), 8)
    except (OSError, AttributeError):
        umask = os.umask(0)
        os.umask(umask)
        return umask


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
