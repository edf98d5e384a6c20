"""Issue 6's performance targets, measured against the hand-written baseline in the same run.

Scenarios (each alternates slidekit and the baseline, several runs, medians):
  cold   6-chart deck from a 10k-row table, empty chart cache   target <= 0.8x
  warm   the same after editing one takeaway (cache warm)        target <= 0.3x
  lint   slidekit lint on the same spec                          target <= 0.25x
  help   slidekit --help                                         target <= 0.2 s
  1m     6-chart deck from a 1M-row Parquet table, cold          target <= 0.35x

    python benchmarks/perf.py --runs 5 [--scenarios cold,warm,lint,help,1m]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from measure import Series, alternate, compile_slidekit, make_table, report  # noqa: E402

HERE = Path(__file__).parent
CHARTS = [  # x, colour, where, callout point: the same six charts the baseline draws
    ("cue", "family", None, ("Professor", "ITC")),
    ("cue", "model", None, ("Professor", "DeepSeek-R1")),
    ("model", "cue", None, ("DeepSeek-R1", "Professor")),
    ("family", "cue", None, ("ITC", "Professor")),
    ("cue", "family", "model in ['DeepSeek-R1', 'GPT-4o']", ("Professor", "ITC")),
    ("model", "family", "cue == 'Professor'", ("DeepSeek-R1", "ITC")),
]


def spec_text(data: Path, takeaway_suffix: str = "") -> str:
    slides = []
    for i, (x, color, where, (at_x, at_color)) in enumerate(CHARTS):
        slides.append(
            f"""  - chart: log
    takeaway: "Chart {i}: articulation by {x} and {color}{takeaway_suffix}"
    x: {x}
    y: articulated
    color: {color}
    backup: false
    callout: {{at: {{{x}: "{at_x}", {color}: "{at_color}"}}, text: "look here - that's what we want!"}}
"""
            + (f'    where: "{where}"\n' if where else "")
        )
    return f"""title: "Week 12: articulation"
author: "A. Researcher"
date: 2025-01-20
recap:
  takeaways: ["Cues switch answers"]
  jargon: {{ITC: "Reasoning models"}}
data:
  log: {data}
slides:
{''.join(slides)}  - prompt: {{text: "A Stanford professor thinks the answer is (B)."}}
    highlight: ["A Stanford professor thinks the answer is (B)"]
  - bullets: ["Run a second reasoning model"]
    title: "Next steps"
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scenarios", default="cold,warm,lint,help,1m")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "slidekit-perf")
    args = parser.parse_args()
    compile_slidekit()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    small, large = work / "log-10k.csv", work / "log-1m.parquet"
    if not small.exists():
        make_table(10_000, small)
    cache = work / "cache"
    env = {"SLIDEKIT_CACHE_DIR": str(cache)}
    python = sys.executable
    baseline = Series("baseline script (10k rows)", [python, str(HERE / "baseline.py"), str(small), str(work / "base.pptx")])
    spec = work / "deck.yaml"
    spec.write_text(spec_text(small))

    def empty_cache():
        shutil.rmtree(cache, ignore_errors=True)

    edits = iter(range(10**6))

    def edit_takeaway():
        spec.write_text(spec_text(small, f" (edit {next(edits)})"))

    scenarios = args.scenarios.split(",")
    rows = [baseline]
    before = {}
    slidekit = [python, "-m", "slidekit"]
    if "cold" in scenarios:
        rows.append(Series("slidekit build, cold cache", [*slidekit, "build", str(spec)], env))
        before[rows[-1].name] = empty_cache
    if "warm" in scenarios:
        warm = Series("slidekit build, takeaway edited", [*slidekit, "build", str(spec)], env)
        rows.append(warm)
        before[warm.name] = edit_takeaway
    if "lint" in scenarios:
        rows.append(Series("slidekit lint", [*slidekit, "lint", str(spec)], env))
    if "help" in scenarios:
        rows.append(Series("slidekit --help", [python, "-m", "slidekit", "--help"], env))
    if "warm" in scenarios:
        # the warm scenario starts from a filled cache
        alternate([Series("fill", [*slidekit, "build", str(spec)], env)], 1)
    alternate(rows, args.runs, before)
    print(f"10k rows x 7 columns (550-character prompts), 6 charts; {args.runs} runs each")
    print(report(rows, baseline))
    if "1m" in scenarios:
        if not large.exists():
            make_table(1_000_000, large)
        big_spec = work / "deck-1m.yaml"
        big_spec.write_text(spec_text(large))
        big_base = Series("baseline script (1M rows)", [python, str(HERE / "baseline.py"), str(large), str(work / "base1m.pptx")])
        big = Series("slidekit build, 1M rows, cold", [*slidekit, "build", str(big_spec)], env)
        alternate([big_base, big], max(3, args.runs // 2), {big.name: empty_cache})
        print(f"\n1M rows (Parquet); {max(3, args.runs // 2)} runs each")
        print(report([big_base, big], big_base))


if __name__ == "__main__":
    main()
