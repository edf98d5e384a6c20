"""Issue 3's scale check: a 3-chart deck from a 10M-row per-sample Parquet table.

Compares `slidekit build` with a hand-written pandas script doing the same
three groupbys on the same file, reading only the columns it needs. Reports
median wall time over alternating runs, the ratio, and peak memory.

    python benchmarks/scale.py --rows 10_000_000 --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from measure import Series, alternate, compile_slidekit, make_table, report  # noqa: E402

SPEC = """\
title: "Scale check: articulation over {rows:,} samples"
data:
  log: {data}
slides:
  - chart: log
    takeaway: "ITC models articulate the cues more often."
    x: cue
    y: articulated
    color: family
    callout: {{at: {{cue: Professor, family: ITC}}, text: "the gap that matters"}}
  - chart: log
    takeaway: "Per model, the reasoning models lead."
    x: model
    y: articulated
  - chart: log
    takeaway: "The professor cue is articulated most."
    x: cue
    y: articulated
    color: model
"""

GROUPBY_SCRIPT = """\
import sys
import pandas as pd

frame = pd.read_parquet(sys.argv[1], columns=["model", "family", "cue", "articulated"])
for keys in (["cue", "family"], ["model"], ["cue", "model"]):
    print(frame.groupby(keys, sort=False)["articulated"].agg(["count", "mean", "std"]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=lambda s: int(s.replace("_", "")), default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "slidekit-bench")
    args = parser.parse_args()
    compile_slidekit()
    args.work.mkdir(parents=True, exist_ok=True)
    data = args.work / f"log-{args.rows}.parquet"
    if not data.exists():
        print(f"generating {args.rows:,} rows -> {data}", file=sys.stderr)
        make_table(args.rows, data)
    spec = args.work / "scale.yaml"
    spec.write_text(SPEC.format(rows=args.rows, data=data))
    script = args.work / "groupby.py"
    script.write_text(GROUPBY_SCRIPT)
    baseline = Series("pandas groupby script (baseline)", [sys.executable, str(script), str(data)])
    cache = args.work / "cache"
    slidekit = Series(
        "slidekit build (3 charts), cold cache", [sys.executable, "-m", "slidekit", "build", str(spec)],
        env={"SLIDEKIT_CACHE_DIR": str(cache)},
    )
    # Every slidekit run starts from an empty cache: it must read and group all rows.
    alternate([baseline, slidekit], args.runs, {slidekit.name: lambda: shutil.rmtree(cache, ignore_errors=True)})
    print(f"{args.rows:,} rows, {data.stat().st_size / 1e6:.0f} MB Parquet, {args.runs} runs each")
    print(report([baseline, slidekit], baseline))


if __name__ == "__main__":
    main()
