"""Helper processes that draw charts, started before the data is read.

Drawing is matplotlib work, about 0.15 s a chart, and importing matplotlib
costs about 0.4 s; on a cold build both would otherwise wait for pandas.

On Linux the helpers are forked from a fork server whose only job is to have
imported matplotlib (:mod:`slidekit.render.warm`): one import serves every
helper, the server starts while this process is still validating the spec and
reading data, and a helper is forked from it in milliseconds. Elsewhere the
helpers are spawned, and each imports matplotlib itself while this process
reads the data (forking after macOS system libraries are loaded is not safe,
and Windows cannot fork).

This module imports no plotting, table or deck library, so starting the
helpers costs the caller nothing it would not pay anyway.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

PARALLEL_FROM = 2
"""Charts to draw before helper processes pay for their start-up (measured: benchmarks/)."""

WARM_MODULE = "slidekit.render.warm"
"""Imported by the fork server, so the helpers forked from it start with matplotlib loaded."""


def drawer_count(jobs: int | None) -> int:
    """How many processes may draw: ``--jobs``, else one per core."""
    return max(1, jobs or os.cpu_count() or 1)


class ChartDrawers:
    """A pool of chart-drawing processes, ready to be handed jobs once the plan is known.

    Not forked from this process: by the time charts are drawn it runs
    pandas/pyarrow threads, and forking a threaded process can deadlock.
    """

    def __init__(self, workers: int):
        import multiprocessing

        self.workers = workers
        self._pool = None
        self.context = _fork_server_context()
        if self.context is None:
            from slidekit.render.chart import warm_up

            self.context = multiprocessing.get_context("spawn")
            for _ in range(workers):
                self._started().submit(warm_up)

    def _started(self):
        # With a fork server the pool is made only when there is work: a
        # helper is forked once the server has finished importing matplotlib,
        # and making it earlier would block this process until then.
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self.context)
        return self._pool

    def draw(
        self, jobs: list[tuple], done: Callable[[int], None] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> list[bytes]:
        """Draw ``jobs`` (see :func:`~slidekit.render.chart.render_job`) in order;
        ``meanwhile()`` runs here once they are handed out, ``done(i)`` as each finishes."""
        from slidekit.render.chart import render_job

        drawn = self._started().map(render_job, jobs)
        if meanwhile:
            meanwhile()
        images = []
        for index, image in enumerate(drawn):
            images.append(image)
            if done:
                done(index)
        return images

    def close(self) -> None:
        """Stop the helpers and wait for them: one left running after the CLI's quick
        exit would find its pipe closed and print a traceback."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _fork_server_context():
    """A ``forkserver`` context whose server preloads matplotlib, or None where not used.

    The fork server is per process and outlives this build (``slidekit
    watch`` and notebooks reuse it, warm). It is started here without
    waiting for it to finish importing.
    """
    import multiprocessing

    if not sys.platform.startswith("linux") or "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WARM_MODULE])
    try:
        forkserver.ensure_running()
    except OSError:  # no Unix sockets here (some sandboxes): spawn instead
        return None
    return context
