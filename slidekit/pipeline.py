"""The build, as a flat sequence of named stages.

    load_spec -> load_tables -> resolve_plan -> render charts -> render_deck -> write

Each stage takes plain data and returns plain data; errors the user can fix
are :class:`~slidekit.errors.SlidekitError`, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from slidekit.errors import SlidekitError, SpecProblem


@dataclass(frozen=True)
class BuildResult:
    outputs: tuple[Path, ...]
    """Every file or folder written, in the order of ``to``."""
    slides: int
    charts: int
    charts_cached: int = 0

    @property
    def output(self) -> Path:
        """The first output (the deck, unless ``to`` says otherwise)."""
        return self.outputs[0]


def default_output(spec_path: Path) -> Path:
    """``week12.yaml`` -> ``week12.pptx`` next to the spec."""
    return spec_path.with_suffix(".pptx")


def build(
    spec_path: str | Path,
    output: str | Path | None = None,
    *,
    to: tuple[str, ...] | list[str] = ("pptx",),
    cache: bool = True,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the deck for the spec at ``spec_path`` and write it in the formats ``to``.

    ``output`` is where the .pptx goes (default: beside the spec); the other
    formats go beside it (``week12.pdf``, ``week12.html``, ``week12-slides/``).
    An output is replaced only once it has been completely built: a failed
    build leaves existing files untouched. ``progress`` is told what each
    stage is doing (the CLI shows it on a terminal).
    """
    # Before anything else: a chart-drawing helper starting Python while this
    # process validates the spec (see slidekit.render.drawers).
    standby = _standby_drawers(jobs)
    try:
        return _build(Path(spec_path), output, to, cache, jobs, progress or (lambda message: None), standby)
    finally:
        if standby is not None:
            standby.close()


def _build(spec_path: Path, output, to, cache: bool, jobs: int | None, say, standby) -> BuildResult:
    from slidekit.caching import default_cache_dir
    from slidekit.plan.data_cache import NoResolvedCache, ResolvedChartCache
    from slidekit.render.outputs import OUTPUTS
    from slidekit.plan.resolve import load_for_planning

    formats = _formats(to, OUTPUTS)
    loaded = load_for_planning(spec_path)
    base = Path(output) if output is not None else default_output(spec_path)
    if base.is_dir():
        raise SlidekitError(SpecProblem(str(base), "is a folder; expected a file path for the deck"))
    targets = [OUTPUTS[name].target(base) for name in formats]
    for target in targets:
        _check_output(target, loaded)
    for name in formats:
        OUTPUTS[name].check()
    say("planning slides")
    data_cache = ResolvedChartCache(default_cache_dir()) if cache else NoResolvedCache()
    drawers = _drawers_for(loaded, data_cache, jobs, standby)
    # Imported only now, once the chart helpers are starting (their matplotlib
    # import overlaps this process's pandas import); python-pptx is imported
    # while they draw.
    from slidekit.data.tables import LazyTables
    from slidekit.plan.resolve import resolve_plan
    from slidekit.render.cache import ChartCache, NoCache
    from slidekit.render.charts import render_charts
    from slidekit.render.outputs import Built
    from slidekit.render.report import report_template_path

    try:
        plan = resolve_plan(loaded, LazyTables(loaded), cache=data_cache)
        chart_cache = ChartCache() if cache else NoCache()
        images = render_charts(
            plan, chart_cache, jobs, progress=say, drawers=drawers, meanwhile=_import_deck_code,
        )
    finally:
        if drawers is not None:
            drawers.close()  # (helpers are done: they leave now, not at the end of the build)
    from slidekit.render.deck import render_deck

    timestamp = build_timestamp()
    built = Built(
        plan=plan, images=images, deck=render_deck(plan, images, timestamp),
        spec_folder=loaded.folder, report_template=report_template_path(loaded), timestamp=timestamp,
    )
    # Every output is made in memory first (a LibreOffice conversion may
    # still fail or time out), and written only once all are made: a failure
    # leaves every existing output as it was.
    writes = []
    for name, target in sorted(zip(formats, targets), key=lambda item: WRITE_ORDER.index(item[0])):
        say(f"making {target}")
        writes += OUTPUTS[name].make(built, target)
    for write in writes:
        write.check()
    make_folders(write.path for write in writes)
    for write in writes:
        say(f"writing {write.path}")
        write.commit()
    return BuildResult(
        outputs=tuple(targets), slides=len(plan.slides), charts=len(images),
        charts_cached=chart_cache.hits,
    )


WRITE_ORDER = ("pdf", "png", "html", "md", "pptx")
"""The order outputs are made and written in: the deck last, so a failed write (a full
disk) is most likely to leave the existing deck as it was."""


def _import_deck_code() -> None:
    import slidekit.render.deck  # noqa: F401


def _standby_drawers(jobs: int | None):
    """Chart-drawing helpers on standby, where one helper forks into all drawers (Linux).

    On standby a helper has only started Python; elsewhere starting a process
    per drawer before knowing any is needed would cost too much.
    """
    from slidekit.render.drawers import FORKING, ChartDrawers, drawer_count

    if not FORKING or drawer_count(jobs) < 2:
        return None
    try:
        return ChartDrawers(drawer_count(jobs))
    except OSError:
        return None


def _drawers_for(loaded, data_cache, jobs, standby):
    """Warm up chart-drawing helpers now if this build will read data and draw charts.

    Charts whose data is not cached are new or changed, so they will be drawn;
    warming the helpers before the data is read lets their matplotlib import
    overlap with this process's pandas work. Otherwise the helpers on standby
    leave without importing it.
    """
    from slidekit.render.drawers import HELPERS, PARALLEL_FROM, ChartDrawers, drawer_count
    from slidekit.spec.models import ChartSlideSpec

    charts = [s for s in loaded.spec.slides if isinstance(s, ChartSlideSpec)]
    count = min(drawer_count(jobs), len(charts))
    if (
        count < PARALLEL_FROM or not HELPERS
        or all(data_cache.peek(data_cache.key(loaded, slide)) for slide in charts)
    ):
        if standby is not None:
            standby.close()
        return None
    try:
        drawers = standby if standby is not None else ChartDrawers(count)
    except OSError:  # no helper process can start here: charts are drawn in this one
        return None
    drawers.warm(count)
    return drawers


def _formats(to, outputs) -> list[str]:
    names = list(dict.fromkeys(to))
    unknown = [name for name in names if name not in outputs or name not in WRITE_ORDER]
    if unknown or not names:
        raise SlidekitError(
            SpecProblem(
                "--to", f"expected one or more of {', '.join(outputs)}; found {', '.join(unknown) or 'none'}"
            )
        )
    return names


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
    if overwrites_input(output, loaded):
        raise SlidekitError(
            SpecProblem(str(output), "the output would overwrite an input file; choose another -o path")
        )
    if output.is_dir() and output.suffix:
        raise SlidekitError(SpecProblem(str(output), "is a folder; expected a file path"))
    # A missing folder is made, once every output is built (as mkdocs build -d does); a
    # file where a folder should be cannot be.
    existing = next(parent for parent in output.parents if parent.exists())
    if not existing.is_dir():
        raise SlidekitError(
            SpecProblem(str(output), f"{existing} is a file; expected a folder to write in")
        )


def make_folders(paths) -> None:
    """The folders ``paths`` go in, made if missing (after every output has been built)."""
    for path in paths:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SlidekitError(SpecProblem(str(path), f"cannot make folder {path.parent}: {exc.strerror}")) from None


PATH_KEYS = frozenset({"path", "file", "from", "template", "report_template"})
"""Spec keys whose text names a file the build reads (besides data: and prompt: short forms)."""


def check_sheet_output(output: Path, loaded, what: str) -> None:
    """Refuse ``-o`` for a Markdown sheet written from a spec (``what``: "the checklist"):
    over a file the spec reads, onto a folder, or into a folder that is not there."""
    if overwrites_input(output, loaded):
        named = "the spec" if output.resolve() == loaded.path.resolve() else "a file the spec reads"
        raise SlidekitError(SpecProblem(str(output), f"{what} would overwrite {named}; choose another -o path"))
    if output.is_dir():
        raise SlidekitError(SpecProblem(str(output), "is a folder; expected a .md file path"))
    if not output.parent.is_dir():
        raise SlidekitError(SpecProblem(str(output), f"folder {output.parent} does not exist"))


def overwrites_input(output: Path, loaded) -> bool:
    """Whether writing ``output`` would replace a file the spec reads (itself included)."""
    return output.resolve() in input_files(loaded)


def input_files(loaded) -> set[Path]:
    """Every file the spec names (data, prompts, last week's spec, templates), resolved.

    Found by key name over the whole spec, so a key added later is covered too.
    """
    named: list[str] = [loaded.path.name]
    data = loaded.spec.model_dump(by_alias=True)

    def walk(value: object, key: object = None) -> None:
        if isinstance(value, str) and key in PATH_KEYS:
            named.append(value)
        elif isinstance(value, dict):
            for child_key, child in value.items():
                walk(child, child_key)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(data)
    named += [entry for entry in data["data"].values() if isinstance(entry, str)]
    named += [slide["prompt"] for slide in data["slides"] if isinstance(slide.get("prompt"), str)]
    return {(loaded.folder / name).resolve() for name in named}


def write_atomically(path: Path, data: bytes) -> None:
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
