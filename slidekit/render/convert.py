"""``--to pdf`` and ``--to png``: the deck converted by LibreOffice, its pages drawn by pdftoppm.

Each conversion runs in a temporary folder of its own, with a private
LibreOffice profile (``-env:UserInstallation``), so two builds can convert at
once (LibreOffice otherwise hands the job to an instance already running with
the shared profile, or refuses). It is stopped after ``SLIDEKIT_SOFFICE_TIMEOUT``
seconds (default 180). The result is moved into place only once it is complete.

The PDF is made reproducible: LibreOffice stamps it with the time of the
conversion and a random document id; both are replaced by the deck's own date
(the spec's ``date`` or ``SOURCE_DATE_EPOCH``, as for the .pptx) and a hash of
the content, so the same deck gives the same PDF and the same PNG files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import weakref
from pathlib import Path

from slidekit.errors import SlidekitError, SpecProblem
from slidekit.render.outputs import Built, FileWrite, FolderWrite, Write

SOFFICE_ENV = "SLIDEKIT_SOFFICE"
TIMEOUT_ENV = "SLIDEKIT_SOFFICE_TIMEOUT"
DEFAULT_TIMEOUT = 180.0
PNG_DPI = 100
SLIDE_PNG = re.compile(r"slide-\d+\.png")
"""The files of a PNG output folder (a folder holding anything else is never replaced)."""


def make_pdf(built: Built, path: Path) -> list[Write]:
    """The deck as a PDF for ``path`` (one page per slide)."""
    soffice = find_soffice("pdf")
    timeout = conversion_timeout()
    with tempfile.TemporaryDirectory(prefix="slidekit-pdf-") as work:
        pdf = convert_to_pdf(built, Path(work), path.stem, soffice, timeout, path)
    return [FileWrite(path, pdf)]


def make_png(built: Built, path: Path) -> list[Write]:
    """One PNG per slide (``slide-01.png``, ...) for the folder ``path``, to replace it whole."""
    soffice = find_soffice("png")
    pdftoppm = find_pdftoppm()
    timeout = conversion_timeout()
    with tempfile.TemporaryDirectory(prefix="slidekit-png-") as work:
        folder = Path(work)
        pdf = folder / f"{path.stem}.pdf"
        pdf.write_bytes(convert_to_pdf(built, folder, path.stem, soffice, timeout, path))
        pages = folder / "pages"
        pages.mkdir()
        _run(
            [pdftoppm, "-png", "-r", str(PNG_DPI), str(pdf), str(pages / "page")],
            timeout, "pdftoppm", path,
        )
        images = sorted(pages.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        width = max(2, len(str(len(images))))
        files = {f"slide-{number:0{width}d}.png": image.read_bytes() for number, image in enumerate(images, 1)}
    if len(files) != len(built.plan.slides):
        raise SlidekitError(
            SpecProblem(str(path), f"pdftoppm drew {len(files)} pages for {len(built.plan.slides)} slides")
        )
    return [FolderWrite(path, files, SLIDE_PNG)]


def check_pdf() -> None:
    """Fail before anything is built when ``--to pdf`` cannot work (no LibreOffice)."""
    find_soffice("pdf")
    conversion_timeout()


def check_png() -> None:
    """Fail before anything is built when ``--to png`` cannot work (no LibreOffice or pdftoppm)."""
    find_soffice("png")
    find_pdftoppm()
    conversion_timeout()


def find_soffice(output: str) -> str:
    """The LibreOffice command: ``SLIDEKIT_SOFFICE`` when set, else ``soffice`` (or ``libreoffice``) on PATH."""
    needed = f"LibreOffice (soffice) is needed for --to {output}"
    configured = os.environ.get(SOFFICE_ENV, "").strip()
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise SlidekitError(
                SpecProblem(
                    "soffice",
                    f"{needed}: {SOFFICE_ENV}={configured} is not an executable file; "
                    f"fix or unset {SOFFICE_ENV}, or apt-get install libreoffice-impress",
                )
            )
        return found
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SlidekitError(
            SpecProblem("soffice", f"{needed}: apt-get install libreoffice-impress, or set {SOFFICE_ENV}")
        )
    return found


def find_pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        raise SlidekitError(
            SpecProblem("pdftoppm", "pdftoppm is needed for --to png: apt-get install poppler-utils")
        )
    return found


def conversion_timeout() -> float:
    """Seconds a conversion may take: ``SLIDEKIT_SOFFICE_TIMEOUT``, default 180."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise SlidekitError(SpecProblem(TIMEOUT_ENV, f"expected a number of seconds above 0; found {value!r}"))
    return seconds


def convert_to_pdf(built: Built, work: Path, name: str, soffice: str, timeout: float, target: Path) -> bytes:
    """The deck as reproducible PDF bytes, converted by LibreOffice inside the folder ``work``.

    ``name`` names the deck file LibreOffice reads (it does not reach the
    PDF); ``target`` is the output the errors are about.
    """
    from slidekit.render.deck import default_timestamp

    global _last_pdf
    if _last_pdf is not None and _last_pdf[0]() is built:  # --to pdf,png converts once
        return _last_pdf[1]
    deck = work / f"{name}.pptx"
    deck.write_bytes(built.deck)
    out = work / "pdf"
    out.mkdir()
    profile = work / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck",
        "--convert-to", "pdf", "--outdir", str(out), str(deck),
    ]
    # TZ=UTC: LibreOffice writes the creation time in local time; in UTC it always
    # has the same shape, which reproducible_pdf rewrites in place.
    output = _run(command, timeout, "LibreOffice", target, env={**os.environ, "TZ": "UTC"})
    pdf = out / f"{name}.pdf"
    if not pdf.is_file():
        raise SlidekitError(
            SpecProblem(str(target), f"LibreOffice did not convert the deck (no PDF written){_last_line(output)}")
        )
    result = reproducible_pdf(pdf.read_bytes(), built.timestamp or default_timestamp(built.plan))
    _last_pdf = (weakref.ref(built), result)
    return result


_last_pdf: tuple[weakref.ref, bytes] | None = None
"""The build converted last and its PDF, so that ``--to pdf,png`` converts the deck once."""


def _run(command: list[str], timeout: float, tool: str, target: Path, env: dict | None = None) -> str:
    """Run ``command`` in a process group of its own; on timeout kill the whole group.

    Returns its output (stdout and stderr); a failure or a timeout is a
    :class:`SlidekitError` about ``target``.
    """
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=env, start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise SlidekitError(
            SpecProblem(
                str(target),
                f"{tool} did not finish within {timeout:g} s and was stopped "
                f"(raise the limit with {TIMEOUT_ENV}=seconds)",
            )
        ) from None
    except BaseException:
        _kill_group(process)
        raise
    text = output.decode("utf-8", "replace")
    if process.returncode != 0:
        raise SlidekitError(
            SpecProblem(str(target), f"{tool} failed (exit status {process.returncode}){_last_line(text)}")
        )
    return text


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip() and "javaldx" not in line]
    return f": {lines[-1]}" if lines else ""


_CREATION = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def reproducible_pdf(pdf: bytes, stamp: dt.datetime) -> bytes:
    """``pdf`` with its dates set to ``stamp`` and its ids derived from its content.

    Every replacement has the length of what it replaces, so the byte offsets
    in the PDF's cross-reference table stay right.
    """
    utc = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp
    date = utc.strftime("%Y%m%d%H%M%S").encode()
    pdf = _CREATION.sub(lambda m: m.group(0)[: -14] + date, pdf)
    digest = hashlib.md5(_ID.sub(b"", _CHECKSUM.sub(b"", pdf))).hexdigest().upper().encode()

    def same_length(hex_value: bytes) -> bytes:
        return (digest * (len(hex_value) // len(digest) + 1))[: len(hex_value)]

    pdf = _ID.sub(
        lambda m: m.group(0).replace(m.group(1), same_length(m.group(1))).replace(m.group(2), same_length(m.group(2))),
        pdf,
    )
    return _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), same_length(m.group(1))), pdf)
