"""The ``slidekit`` command: parse arguments, call the pipeline, report.

Errors the user can fix print as ``slidekit: error: file:line: key: message``
lines and exit 2; an unexpected exception is a bug and exits 1 with a hint to
rerun with ``--debug`` (which shows the traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from slidekit import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="slidekit")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Research-update decks from eval result tables and a short YAML spec."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path),
    help="Deck to write (default: SPEC with .pptx); other formats go beside it. A missing folder is made.",
)
@click.option(
    "--to", "formats", multiple=True, metavar="FORMATS",
    help="Outputs: pptx (default), pdf, png, md, html; repeat it or give a comma list (--to pdf,html).",
)
@click.option(
    "--no-cache", is_flag=True,
    help="Redraw every chart, ignoring the chart cache ($SLIDEKIT_CACHE_DIR, else "
    "$XDG_CACHE_HOME/slidekit, else ~/.cache/slidekit).",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes drawing charts (default: cores).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only: no progress, no summary.")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def build(
    ctx: click.Context, spec: Path, output: Path | None, formats: tuple[str, ...], no_cache: bool,
    jobs: int | None, quiet: bool, debug: bool,
) -> None:
    """Build the deck for SPEC: week12.yaml gives week12.pptx.

    On a terminal, a status line on stderr says what the build is doing.
    """
    from slidekit.commands.progress import build_counts, status_line
    from slidekit.pipeline import build as build_deck

    to = format_list(formats)
    status = status_line(quiet)

    def build_with_status(*args):
        try:
            return build_deck(*args, to=to, cache=not no_cache, jobs=jobs, progress=status)
        finally:
            if status is not None:
                status.close()  # before any error line is printed

    result = run_command(ctx, debug, build_with_status, spec, output)
    if quiet:
        return
    written = ", ".join(str(path) for path in result.outputs)
    click.echo(f"wrote {written} ({build_counts(result)})")


def format_list(given: tuple[str, ...]) -> list[str]:
    """``--to`` values, repeated or comma-separated, in order, each once; pptx when none."""
    names = [name.strip() for value in given for name in value.split(",") if name.strip()]
    return list(dict.fromkeys(names)) or ["pptx"]


def run() -> None:
    """The ``slidekit`` command and ``python -m slidekit``: :func:`main`, then a quick exit.

    Once a command has finished, every output is written and closed, and
    tearing down an interpreter that has loaded pandas, pyarrow and python-pptx
    would only add 0.15-0.25 s to every build (benchmarks/). So the process
    flushes its streams and leaves without that teardown. Tests and scripts
    that call :func:`main` exit the ordinary way.
    """
    try:
        main()
        status = 0
    except SystemExit as finished:
        status = finished.code
    if status is None:
        status = 0
    elif not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (slidekit lint | head): nothing left to say
            pass
    os._exit(status)


def run_command(ctx: click.Context, debug: bool, function, *args):
    """Call ``function(*args)``; user errors print as one line each and exit 2."""
    from slidekit.errors import SlidekitError, one_line

    debug = debug or ctx.obj.get("debug", False)
    try:
        return function(*args)
    except SlidekitError as exc:
        for problem in exc.problems:
            click.echo(f"slidekit: error: {problem}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("slidekit: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        message = one_line(str(exc))
        message = message if len(message) <= 300 else message[:299] + "\u2026"
        click.echo(
            f"slidekit: internal error: {type(exc).__name__}: {message} "
            "(this is a bug; rerun with --debug for the traceback and report it)",
            err=True,
        )
        sys.exit(1)


from slidekit.commands.abstract import abstract  # noqa: E402
from slidekit.commands.checklist import checklist  # noqa: E402
from slidekit.commands.init import init  # noqa: E402
from slidekit.commands.lint import lint  # noqa: E402
from slidekit.commands.schema import schema  # noqa: E402
from slidekit.commands.watch import watch  # noqa: E402

main.add_command(lint)
main.add_command(checklist)
main.add_command(abstract)
main.add_command(init)
main.add_command(watch)
main.add_command(schema)
