"""Render every chart of a plan: from the cache when possible, in parallel when it pays."""

from __future__ import annotations

import os
from collections.abc import Callable

from slidekit.plan.model import ChartSlide, DeckPlan
from slidekit.render.cache import ChartCache, chart_key
from slidekit.render.deck import chart_box

CHART_STYLE = "default-1"
"""Bump when the look of charts changes, so cached images are not reused."""

PARALLEL_FROM = 4
"""Charts to draw before a helper process pays for its start-up (measured: benchmarks/)."""


def render_charts(
    plan: DeckPlan,
    cache: ChartCache,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, bytes]:
    """PNG bytes for every chart slide, by slide id.

    Cached images are reused; the rest are drawn, in ``jobs`` processes
    (default: one per core) when there are at least ``PARALLEL_FROM`` of them.
    The bytes do not depend on which path drew them.
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
    workers = min(jobs or os.cpu_count() or 1, len(todo)) - 1
    if todo:
        from slidekit.render.chart import render_job

        if progress:
            progress(f"drawing {len(todo)} chart(s)")
    if workers >= 1 and len(todo) >= PARALLEL_FROM:
        drawn = _render_parallel([job for _, _, job in todo], workers)
    else:
        drawn = [render_job(job) for _, _, job in todo]
    for (slide_id, key, _), image in zip(todo, drawn):
        images[slide_id] = image
        cache.put(key, image)
    return images


def _render_parallel(jobs: list[tuple], workers: int) -> list[bytes]:
    """Draw in helper processes and in this one at once.

    Helpers take jobs from the front of the queue while this process takes
    them from the back (by cancelling those no helper has started), so the
    helpers' start-up time is not wasted waiting and no job is drawn twice.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from slidekit.render.chart import render_job

    # spawn, not fork: this process runs pandas/pyarrow threads, and forking a
    # threaded process can deadlock. A spawned helper imports only the chart
    # module (matplotlib), not pandas or python-pptx.
    context = multiprocessing.get_context("spawn")
    results: list[bytes | None] = [None] * len(jobs)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(render_job, job) for job in jobs]
        for index in reversed(range(len(jobs))):
            if not futures[index].cancel():
                break
            results[index] = render_job(jobs[index])
        for index, future in enumerate(futures):
            if results[index] is None:
                results[index] = future.result()
    return results
