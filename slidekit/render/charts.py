"""Render every chart of a plan: from the cache when possible, in parallel when it pays."""

from __future__ import annotations

import os
from collections.abc import Callable

from slidekit.plan.model import ChartSlide, DeckPlan
from slidekit.render.cache import ChartCache, chart_key
from slidekit.render.deck import chart_box

CHART_STYLE = "default-1"
"""Bump when the look of charts changes, so cached images are not reused."""

PARALLEL_FROM = 2
"""Charts to draw before helper processes pay for their start-up (measured: benchmarks/)."""


class ChartDrawers:
    """Helper processes that draw charts; started early, they import matplotlib while
    this process is still reading data, so drawing starts at full speed.

    spawn, not fork: this process runs pandas/pyarrow threads, and forking a
    threaded process can deadlock. A spawned helper imports only the chart
    module (matplotlib), not pandas or python-pptx.
    """

    def __init__(self, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from slidekit.render.chart import warm_up

        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        for _ in range(workers):
            self.pool.submit(warm_up)

    def draw(self, jobs: list[tuple], done: Callable[[int], None] | None = None) -> list[bytes]:
        """Draw ``jobs`` in order; ``done(i)`` is called as each one finishes."""
        from slidekit.render.chart import render_job

        images = []
        for index, image in enumerate(self.pool.map(render_job, jobs)):
            images.append(image)
            if done:
                done(index)
        return images

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def drawer_count(jobs: int | None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


def render_charts(
    plan: DeckPlan,
    cache: ChartCache,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
    drawers: ChartDrawers | None = None,
) -> dict[str, bytes]:
    """PNG bytes for every chart slide, by slide id.

    Cached images are reused; the rest are drawn by ``drawers`` (helper
    processes, possibly started early by the caller), or by new ones when
    there are at least ``PARALLEL_FROM`` charts and ``jobs`` allows more than
    one process, else here. The bytes do not depend on which path drew them.
    """
    images: dict[str, bytes] = {}
    todo: list[tuple[str, str, tuple]] = []
    for slide in plan.slides:
        if not isinstance(slide, ChartSlide):
            continue
        box = chart_box(slide)
        key = chart_key(slide.chart, box.width, box.height, CHART_STYLE)
        cached = cache.get(key)
        if cached is not None:
            images[slide.slide_id] = cached
        else:
            todo.append((slide.slide_id, key, (slide.chart, box.width, box.height)))
    def done(index: int) -> None:
        if progress:
            progress(f"drew chart {index + 1} of {len(todo)} ({todo[index][0]})")

    jobs_list = [job for _, _, job in todo]
    if drawers is None and drawer_count(jobs) > 1 and len(todo) >= PARALLEL_FROM:
        drawers = ChartDrawers(min(drawer_count(jobs), len(todo)))
    if drawers is not None and todo:
        drawn = drawers.draw(jobs_list, done)
    else:
        from slidekit.render.chart import render_job

        drawn = []
        for index, job in enumerate(jobs_list):
            drawn.append(render_job(job))
            done(index)
    for (slide_id, key, _), image in zip(todo, drawn):
        images[slide_id] = image
        cache.put(key, image)
    return images
