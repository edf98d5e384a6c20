"""slidekit from Python, for notebooks and scripts.

    import slidekit
    paths = slidekit.build("week12.yaml", to=["pptx", "pdf"])

Imported by ``import slidekit`` itself, so it imports nothing heavy: pandas,
matplotlib and python-pptx load only when a build runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path


def build(
    spec: str | Path,
    output: str | Path | None = None,
    *,
    to: str | Sequence[str] = ("pptx",),
    cache: bool = True,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Build the deck for ``spec``, as ``slidekit build`` does; return the paths written.

    ``to`` is a list of formats (``pptx``, ``pdf``, ``png``, ``md``, ``html``)
    or one comma-separated string. ``output`` is the .pptx path (default: the
    spec's, with .pptx); other formats go beside it. ``progress`` is called
    with a short message at each stage. Raises
    :class:`~slidekit.errors.SlidekitError` for a problem with the spec or its
    data; ``str(error)`` has one line per problem.
    """
    from slidekit.pipeline import build as build_deck

    formats = [f.strip() for f in to.split(",")] if isinstance(to, str) else list(to)
    result = build_deck(spec, output, to=formats, cache=cache, jobs=jobs, progress=progress)
    return list(result.outputs)
