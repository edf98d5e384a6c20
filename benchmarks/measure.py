"""Run commands as subprocesses, alternating, and report medians, ratios and peak memory.

Shared by the benchmark scripts: wall time per run, the child's peak resident
memory (from wait4's rusage), medians over runs, ratios against a baseline
measured in the same session (so a noisy, shared machine affects both alike).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Series:
    name: str
    command: list[str]
    env: dict[str, str] | None = None
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mb)


def run_once(series: Series, before=None) -> None:
    if before is not None:
        before()
    env = {**os.environ, **(series.env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(series.command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Done when the command has exited, every process it started has exited
    # too (they are ours to wait for: see _adopt_orphans) and its stderr is closed.
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    _wait_for_orphans()
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{series.name} failed ({process.returncode}): {' '.join(series.command)}\n{error.decode(errors='replace')}")
    process.stderr.close()
    series.seconds.append(elapsed)
    series.peak_mb.append(usage.ru_maxrss / 1024)  # Linux reports KiB


def _adopt_orphans() -> bool:
    """Make this runner the parent of any process a measured command leaves behind (Linux).

    A command's helper processes may outlive it for a moment; as their new
    parent, the runner can wait for them before it stops the clock.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    PR_SET_CHILD_SUBREAPER = 36
    return ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


ADOPTS_ORPHANS = _adopt_orphans()


def _wait_for_orphans() -> None:
    while ADOPTS_ORPHANS:
        try:
            os.wait()
        except ChildProcessError:
            return


def compile_slidekit() -> None:
    """Compile slidekit's bytecode first, as ``pip install`` did for every library the baseline imports.

    An editable install run with PYTHONDONTWRITEBYTECODE=1 (set on the
    development machine) would otherwise compile slidekit's source on every
    run: 0.08 s of a 0.5 s rebuild, measured.
    """
    import importlib.util

    package = Path(importlib.util.find_spec("slidekit").origin).parent
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, env=env)


def make_table(rows: int, out: Path) -> None:
    """Write a generated table (generate.py) in a process of its own.

    On Linux a command started by this runner inherits the runner's peak
    memory as the floor of its own (the high-water mark survives fork and
    exec), so the runner itself must never hold a large table.
    """
    generator = Path(__file__).with_name("generate.py")
    subprocess.run(
        [sys.executable, str(generator), "--rows", str(rows), "--out", str(out)], check=True,
        stdout=subprocess.DEVNULL,
    )


def alternate(all_series: list[Series], runs: int, before=None) -> None:
    """Run each series ``runs`` times, interleaved, so drift in machine load hits all alike."""
    for _ in range(runs):
        for series in all_series:
            run_once(series, before.get(series.name) if before else None)


def report(all_series: list[Series], baseline: Series) -> str:
    lines = [f"{'what':<34} {'median s':>9} {'runs':>5} {'ratio':>7} {'peak MB':>8}"]
    for series in all_series:
        ratio = series.median / baseline.median
        lines.append(
            f"{series.name:<34} {series.median:>9.3f} {len(series.seconds):>5} {ratio:>6.2f}x {series.peak:>8.0f}"
        )
    return "\n".join(lines)
