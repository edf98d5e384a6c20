"""Helper processes that draw charts, started before the build knows it needs them.

Drawing is matplotlib work, about 0.1 s a chart, and importing matplotlib
costs about 0.4 s. On a cold build both would otherwise wait for this
process's spec validation and pandas work, on the other core.

So a build starts a helper (:mod:`slidekit.render.helper`) first thing. It
waits, importing nothing heavy, until the build has read the spec and looked
in its caches: if every chart is cached the helper is told to leave (a rebuild
never imports matplotlib anywhere); otherwise it imports matplotlib at once,
while this process imports pandas and reads the data, and is ready to draw
when the plan is.

On Linux one helper imports matplotlib and forks into as many drawers as the
build wants, sharing that import. Elsewhere (forking after macOS system
libraries are loaded is not safe) each drawer is a helper process of its own.
Windows has no helpers: charts are drawn in this process.

The helpers are plain subprocesses talking over sockets, not a
multiprocessing pool: that would re-run the caller's ``__main__`` script in
every helper, which breaks a ``slidekit.build()`` call at the top of a script.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

PARALLEL_FROM = 2
"""Charts to draw before helper processes pay for their start-up (measured: benchmarks/)."""

MAX_DRAWERS = 8
"""A cap on drawers however many cores there are: each holds about 100 MB (benchmarks/)."""


def drawer_count(jobs: int | None) -> int:
    """How many processes may draw: ``--jobs``, else one per core (at most :data:`MAX_DRAWERS`)."""
    return max(1, jobs or min(os.cpu_count() or 1, MAX_DRAWERS))


class HelperStopped(Exception):
    """A helper process went away mid-build (killed, out of memory)."""


class ChartDrawers:
    """Up to ``workers`` chart-drawing helpers, on standby until :meth:`warm`.

    Raises ``OSError`` if no helper process can be started here.
    """

    def __init__(self, workers: int):
        import socket
        import subprocess
        from multiprocessing.connection import Connection

        _reap()
        if not sys.executable:  # embedded in an application: no Python to start (None or "")
            raise OSError("no Python executable to start chart helpers with")
        fork = FORKING
        command = [sys.executable, "-c", _HELPER_MAIN.format(path=sys.path), *(["--fork"] if fork else [])]
        self.groups: list[tuple[subprocess.Popen, list]] = []
        try:
            for size in [workers] if fork else [1] * workers:
                pairs = [socket.socketpair() for _ in range(size)]
                theirs = [helper_end.detach() for _, helper_end in pairs]
                try:
                    process = subprocess.Popen(
                        [*command, *map(str, theirs)], pass_fds=theirs,
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        env={**os.environ, **HELPER_ENVIRONMENT},
                    )
                finally:
                    for fd in theirs:
                        os.close(fd)
                self.groups.append((process, [Connection(our_end.detach()) for our_end, _ in pairs]))
        except BaseException:
            self.close()
            raise
        self.channels: list = []
        """The channels of the drawers told to warm up, in use by :meth:`draw`."""

    def warm(self, workers: int) -> None:
        """Charts will be drawn, by up to ``workers`` drawers: import matplotlib now."""
        for process, channels in self.groups:
            use = channels[: max(0, workers - len(self.channels))]
            if not use:
                for channel in channels:
                    channel.close()
                continue
            try:
                use[0].send(("warm", len(use)))
            except OSError:  # the helper is gone: draw with the others, or here
                continue
            for channel in channels[len(use):]:
                channel.close()
            self.channels += use

    def draw(
        self, jobs: list[tuple], done: Callable[[int, int], None] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> list[bytes]:
        """PNG bytes for ``jobs`` (see :func:`~slidekit.render.chart.render_job`), in order.

        Each idle drawer is handed the next job; ``meanwhile()`` runs here once
        the first are handed out, and ``done(finished, index)`` as each image
        arrives. If a helper goes away, the charts not yet drawn are drawn here.
        """
        from multiprocessing.connection import wait

        images: list[bytes | None] = [None] * len(jobs)
        waiting = list(reversed(range(len(jobs))))
        busy: dict = {}
        finished = 0

        def hand_out(channel) -> None:
            index = waiting.pop()
            busy[channel] = index
            try:
                channel.send(("draw", index, jobs[index]))
            except OSError:
                raise HelperStopped from None

        try:
            if not self.channels:
                raise HelperStopped
            for channel in self.channels[: len(jobs)]:
                hand_out(channel)
            if meanwhile:
                meanwhile()
                meanwhile = None
            while busy:
                for channel in wait(list(busy)):
                    busy.pop(channel)
                    try:
                        kind, index, payload = channel.recv()
                    except (EOFError, OSError):
                        raise HelperStopped from None
                    if kind == "error":
                        raise payload
                    images[index] = payload
                    finished += 1
                    if done:
                        done(finished, index)
                    if waiting:
                        hand_out(channel)
        except HelperStopped:
            self.close()
            from slidekit.render.chart import render_job

            if meanwhile:
                meanwhile()
            for index, image in enumerate(images):
                if image is None:
                    images[index] = render_job(jobs[index])
                    finished += 1
                    if done:
                        done(finished, index)
        return images

    def close(self) -> None:
        """Let the helpers go: each leaves as soon as its channels close. Idempotent."""
        for process, channels in self.groups:
            for channel in channels:
                channel.close()
            _LEAVING.append(process)
        self.groups = []
        self.channels = []


HELPERS = sys.platform != "win32"
"""Whether charts can be drawn in helper processes here (they need Unix sockets passed down)."""
FORKING = sys.platform.startswith("linux")
"""One helper forks into the drawers (Linux), or each drawer is a helper process."""

_HELPER_MAIN = "import sys; sys.path[:] = {path!r}; from slidekit.render.helper import run; run(sys.argv[1:])"
"""The helper's whole command: this process's import path, then the helper's entry point."""

HELPER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""Added to the helper's environment. Drawing needs no parallel linear algebra, and with no BLAS threads started by
numpy's import the helper forks as a single-threaded process."""

_LEAVING: list = []
"""Helpers told to leave. Not waited for (one may still be starting Python);
reaped when the next helpers start, so none lingers as a zombie."""


def _reap() -> None:
    _LEAVING[:] = [process for process in _LEAVING if process.poll() is None]
