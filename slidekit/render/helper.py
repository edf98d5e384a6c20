"""The chart-drawing helper process (:func:`run`); its build's side is
:class:`slidekit.render.drawers.ChartDrawers`.

A build starts it before reading the spec. It then waits, having imported
nothing heavy, on its first channel (a socket to the build's process):

- the channel closes: no chart needs drawing, and it leaves without ever
  importing matplotlib;
- ``("warm", n)`` arrives: it imports matplotlib and, with ``--fork``, forks
  itself so that its first ``n`` channels each have a drawer sharing that one
  import. Each drawer answers ``("draw", index, job)`` with ``("image", index,
  png)`` or ``("error", index, exception)`` until its channel closes.

Nothing here prints: the build's terminal is the user's.
"""

from __future__ import annotations

import os
import signal
import traceback


def main(arguments: list[str]) -> None:
    from multiprocessing.connection import Connection

    # Ctrl-C reaches the whole process group; the build handles it and closes
    # the channels, which is this process's cue to leave.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    fork = arguments[:1] == ["--fork"]
    channels = [Connection(int(fd)) for fd in arguments[fork:]]
    try:
        command, workers = channels[0].recv()
    except (EOFError, OSError):
        return
    if command != "warm":
        return
    from slidekit.render.chart import warm_up

    warm_up()
    mine = 0
    if fork:
        # Forked after the import, before any drawing, and single-threaded (the
        # helper's environment keeps numpy's BLAS from starting threads).
        for number in range(1, min(workers, len(channels))):
            if os.fork() == 0:
                mine = number
                break
    for number, channel in enumerate(channels):
        if number != mine:
            channel.close()
    _serve(channels[mine])


def _serve(channel) -> None:
    from slidekit.render.chart import render_job

    while True:
        try:
            _, index, job = channel.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("image", index, render_job(job))
        except Exception as exc:  # a bug in drawing: the build re-raises it
            reply = ("error", index, _sendable(exc))
        try:
            channel.send(reply)
        except OSError:
            return


def _sendable(exc: Exception) -> Exception:
    import pickle

    exc.add_note("(raised in a chart-drawing helper process)\n" + "".join(traceback.format_exception(exc)))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}\n{exc.__notes__[-1]}")
    return exc


def run(arguments: list[str]) -> None:
    """The process's entry point: :func:`main`, then leave at once.

    No interpreter teardown (matplotlib's takes 0.15 s of a core the build
    may still be using), and a forked drawer must not run its parent's exit
    handlers.
    A failure here needs no report: the build sees the channel close and
    draws the charts itself, where any error is reported.
    """
    status = 1
    try:
        main(arguments)
        status = 0
    finally:
        os._exit(status)
