"""Rebuild a deck whenever one of its inputs is saved (``slidekit watch``).

The inputs are the spec, its data files, its prompt files, its templates and
last week's spec. They are read from the spec's own text again after every
build, so a data file the spec starts using is watched from then on, and a
spec too broken to build still has its files watched.

Changes are found by polling modification times and sizes every ``interval``
seconds: no dependency, and it sees editors that save by writing a new file
and renaming it, network folders and containers alike. A change is built once
the files have stopped changing (editors often write in several steps).

Library code never prints: :func:`watch` yields events and the command prints them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from slidekit.errors import SlidekitError
from slidekit.pipeline import BuildResult

SETTLE_CHECKS = 10
"""At most this many extra checks for a change to settle before building anyway."""


@dataclass(frozen=True)
class Watching:
    """The files being watched (at the start, and whenever the list changes)."""

    files: tuple[Path, ...]


@dataclass(frozen=True)
class Built:
    changed: tuple[Path, ...]
    """The files whose change caused the build; empty for the first build."""
    seconds: float
    result: BuildResult


@dataclass(frozen=True)
class Failed:
    changed: tuple[Path, ...]
    seconds: float
    problems: tuple[str, ...]
    """One line per problem, as ``slidekit build`` prints them."""
    internal: bool = False
    """A bug in slidekit rather than a problem with the inputs."""


Event = Watching | Built | Failed


def watch(
    spec: Path,
    build: Callable[[], BuildResult],
    *,
    interval: float = 0.3,
    polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Event]:
    """Build now, then again after every change to ``spec``'s inputs; yield what happened.

    ``build`` builds the deck (it is called with no arguments). Polls forever,
    or ``polls`` times (for tests). Stop it by closing the generator or with
    Ctrl-C (KeyboardInterrupt propagates to the caller).
    """
    files = watched_files(spec)
    yield Watching(files)
    stamps = _snapshot(files)
    yield _build(build, ())
    done = 0
    while polls is None or done < polls:
        sleep(interval)
        done += 1
        now = _snapshot(files)
        if now == stamps:
            continue
        now = _settle(files, now, interval, sleep)
        changed = tuple(f for f in files if now.get(f) != stamps.get(f))
        event = _build(build, changed)
        # Stamps from before the build: a save during the build triggers another one.
        # The file list is read right after the build (not when the caller asks again).
        stamps, old_files, files = now, files, watched_files(spec)
        if files != old_files:
            added = _snapshot([f for f in files if f not in stamps])
            stamps = {f: stamps.get(f, added.get(f)) for f in files}
        yield event
        if files != old_files:
            yield Watching(files)


def _build(build: Callable[[], BuildResult], changed: tuple[Path, ...]) -> Built | Failed:
    start = time.monotonic()
    try:
        result = build()
    except SlidekitError as exc:
        return Failed(changed, time.monotonic() - start, tuple(str(p) for p in exc.problems))
    except Exception as exc:  # keep watching: the next save may well fix it
        return Failed(changed, time.monotonic() - start, (f"{type(exc).__name__}: {exc}",), internal=True)
    return Built(changed, time.monotonic() - start, result)


def _settle(files, now: dict, interval: float, sleep) -> dict:
    for _ in range(SETTLE_CHECKS):
        sleep(min(interval, 0.1))
        again = _snapshot(files)
        if again == now:
            break
        now = again
    return now


def _snapshot(files) -> dict[Path, object]:
    return {path: _stamp(path) for path in files}


def _stamp(path: Path) -> object:
    """What changes when the file (or any file in the folder) is saved; None when it is missing."""
    try:
        if path.is_dir():
            return tuple(
                sorted((str(p.relative_to(path)), p.stat().st_mtime_ns, p.stat().st_size)
                       for p in path.rglob("*") if p.is_file())
            )
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def watched_files(spec: Path) -> tuple[Path, ...]:
    """The spec and every file it names: data, prompts, templates and last week's spec."""
    files = [spec]
    try:
        data = yaml.safe_load(spec.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return tuple(files)
    if not isinstance(data, dict):
        return tuple(files)
    names: list[object] = [data.get("template"), data.get("report_template")]
    recap = data.get("recap")
    if isinstance(recap, dict):
        names.append(recap.get("from"))
    tables = data.get("data")
    if isinstance(tables, dict):
        names.extend(t.get("path") if isinstance(t, dict) else t for t in tables.values())
    slides = data.get("slides")
    for slide in slides if isinstance(slides, list) else []:
        prompt = slide.get("prompt") if isinstance(slide, dict) else None
        names.append(prompt.get("file") if isinstance(prompt, dict) else prompt)
    for name in names:
        if isinstance(name, str) and name.strip():
            path = Path(os.path.normpath(spec.parent / name))
            if path not in files:
                files.append(path)
    return tuple(files)
