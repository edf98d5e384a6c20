"""The build, as a flat sequence of named stages.

    load_spec -> load_tables -> resolve_plan -> render charts -> render_deck -> write

Each stage takes plain data and returns plain data; errors the user can fix
are :class:`~slidekit.errors.SlidekitError`, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from slidekit.errors import SlidekitError, SpecProblem


@dataclass(frozen=True)
class BuildResult:
    output: Path
    slides: int
    charts: int
    charts_cached: int = 0


def default_output(spec_path: Path) -> Path:
    """``week12.yaml`` -> ``week12.pptx`` next to the spec."""
    return spec_path.with_suffix(".pptx")


def build(
    spec_path: str | Path,
    output: str | Path | None = None,
    *,
    cache: bool = True,
    jobs: int | None = None,
) -> BuildResult:
    """Build the deck for the spec at ``spec_path`` and write it to ``output``.

    The output file is replaced only once the whole deck has been built: a
    failed build leaves an existing deck untouched.
    """
    from slidekit.data.tables import load_tables
    from slidekit.plan.resolve import resolve_plan
    from slidekit.render.cache import ChartCache, NoCache
    from slidekit.render.charts import render_charts
    from slidekit.render.deck import render_deck
    from slidekit.spec.load import load_spec

    spec_path = Path(spec_path)
    loaded = load_spec(spec_path)
    output = Path(output) if output is not None else default_output(spec_path)
    _check_output(output, loaded)
    tables = load_tables(loaded)
    plan = resolve_plan(loaded, tables)
    chart_cache = ChartCache() if cache else NoCache()
    images = render_charts(plan, chart_cache, jobs)
    deck = render_deck(plan, images, build_timestamp())
    write_atomically(output, deck, loaded.name)
    return BuildResult(
        output=output, slides=len(plan.slides), charts=len(images), charts_cached=chart_cache.hits
    )


def build_timestamp() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` when set (reproducible-builds convention), else None (the spec's date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise SlidekitError(
            SpecProblem("SOURCE_DATE_EPOCH", f"expected seconds since 1970 (an integer); found {epoch!r}")
        ) from None


def _check_output(output: Path, loaded) -> None:
    inputs = {loaded.path.resolve()}
    inputs |= {(loaded.folder / str(getattr(e, "path", e))).resolve() for e in loaded.spec.data.values()}
    if output.resolve() in inputs:
        raise SlidekitError(
            SpecProblem(str(output), "the output would overwrite an input file; choose another -o path")
        )
    if output.is_dir():
        raise SlidekitError(SpecProblem(str(output), "is a folder; expected a .pptx file path"))
    if not output.parent.exists():
        raise SlidekitError(SpecProblem(str(output), f"folder {output.parent} does not exist"))


def write_atomically(path: Path, data: bytes, spec_name: str) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SlidekitError(SpecProblem(str(path), f"cannot write here: {exc.strerror}")) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp creates 0600; a deck should get the permissions any new file gets.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise SlidekitError(SpecProblem(str(path), f"cannot write: {exc.strerror}")) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
