"""Render every chart of a plan: from the cache when possible, in parallel when it pays."""

from __future__ import annotations

from collections.abc import Callable

from slidekit.plan.model import ChartSlide, DeckPlan
from slidekit.render.cache import ChartCache, chart_key
from slidekit.render.drawers import HELPERS, PARALLEL_FROM, ChartDrawers, drawer_count

CHART_STYLE = "default-4"
"""Bump when the look of charts changes, so cached images are not reused."""


def render_charts(
    plan: DeckPlan,
    cache: ChartCache,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
    drawers: ChartDrawers | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> dict[str, bytes]:
    """PNG bytes for every chart slide, by slide id.

    Cached images are reused; the rest are drawn by ``drawers`` (helper
    processes, possibly started early by the caller), or by new ones when
    there are at least ``PARALLEL_FROM`` charts and ``jobs`` allows more than
    one process, else here. The bytes do not depend on which path drew them.
    ``meanwhile()`` is called once, while helpers draw (or before drawing here).
    """
    images: dict[str, bytes] = {}
    todo: list[tuple[str, str, tuple]] = []
    for slide in plan.slides:
        if not isinstance(slide, ChartSlide):
            continue
        box = slide.chart_box
        key = chart_key(slide.chart, box.width, box.height, CHART_STYLE)
        cached = cache.get(key)
        if cached is not None:
            images[slide.slide_id] = cached
        else:
            todo.append((slide.slide_id, key, (slide.chart, box.width, box.height)))
    def done(finished: int, index: int) -> None:
        if progress:
            progress(f"drew {finished} of {len(todo)} charts ({todo[index][0]})")

    jobs_list = [job for _, _, job in todo]
    own_drawers = None
    if drawers is None and drawer_count(jobs) > 1 and len(todo) >= PARALLEL_FROM and HELPERS:
        try:
            drawers = own_drawers = ChartDrawers(min(drawer_count(jobs), len(todo)))
            drawers.warm(len(todo))
        except OSError:  # no helper process can start here: draw in this one
            drawers = None
    try:
        if drawers is not None and todo:
            drawn = drawers.draw(jobs_list, done, meanwhile)
        else:
            from slidekit.render.chart import render_job

            if meanwhile:
                meanwhile()
            drawn = []
            for index, job in enumerate(jobs_list):
                drawn.append(render_job(job))
                done(index + 1, index)
    finally:
        if own_drawers is not None:
            own_drawers.close()
    for (slide_id, key, _), image in zip(todo, drawn):
        images[slide_id] = image
        cache.put(key, image)
    return images
