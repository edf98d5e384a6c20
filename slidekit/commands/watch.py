"""``slidekit watch SPEC``: rebuild the deck on every save of the spec or a file it uses."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import click


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Deck to write (default: SPEC with .pptx).")
@click.option("--to", "formats", multiple=True, metavar="FORMATS",
              help="Outputs: pptx (default), pdf, png, md, html; repeat it or give a comma list.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes drawing charts (default: cores).")
@click.option("--interval", type=click.FloatRange(min=0.01), default=0.3, show_default=True,
              help="Seconds between checks for changes.")
def watch(spec: Path, output: Path | None, formats: tuple[str, ...], jobs: int | None, interval: float) -> None:
    """Build SPEC, then rebuild it whenever it or a file it uses is saved (Ctrl-C stops).

    Watched: the spec, its data and prompt files, its template and last
    week's spec. A failed build prints its errors and watching goes on.
    """
    from slidekit.commands.progress import build_counts
    from slidekit.pipeline import build
    from slidekit.workflow.watch import Built, Failed, Watching
    from slidekit.workflow.watch import watch as watch_spec

    from slidekit.cli import format_list

    to = format_list(formats)
    events = watch_spec(spec, partial(build, spec, output, to=to, jobs=jobs), interval=interval)
    try:
        for event in events:
            if isinstance(event, Watching):
                names = ", ".join(str(f) for f in event.files)
                _say(f"watching {len(event.files)} file(s) (Ctrl-C to stop): {names}")
            elif isinstance(event, Built):
                result = event.result
                written = ", ".join(str(path) for path in result.outputs)
                _say(f"{_cause(event.changed)}built {written} in {event.seconds:.1f} s ({build_counts(result)})")
            elif isinstance(event, Failed):
                _say(f"{_cause(event.changed)}build failed in {event.seconds:.1f} s")
                label = "internal error" if event.internal else "error"
                for problem in event.problems:
                    click.echo(f"slidekit: {label}: {problem}", err=True)
    except KeyboardInterrupt:
        events.close()
        _say("stopped")


def _say(message: str) -> None:
    click.echo(f"{time.strftime('%H:%M:%S')} {message}")


def _cause(changed: tuple[Path, ...]) -> str:
    return f"{', '.join(str(p) for p in changed)} changed: re" if changed else ""
