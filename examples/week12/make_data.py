"""Write the synthetic result files used by the week12 example deck.

The data is SYNTHETIC, but shaped like real per-sample eval logs:

* results/articulation.csv -- one row per (question, model, cue) where the cue
  switched the model's answer (so `switched` is always 1), with `articulated`
  = 1 if the chain of thought says the cue influenced the answer. Rates are
  loosely based on Chua & Evans (2025), "Inference-Time-Compute: More
  Faithful?" (arXiv 2501.08156). The non-ITC Professor rates are set a bit
  higher than in the paper so that "ITC articulates ~3x more" holds.
  The number of 1s in each group is exact (round(rate * n)), so the rates do
  not drift with the seed.
* results/train_log.jsonl -- loss curves for a `baseline` and a `finetuned`
  run, 3 seeds each, train and val splits, logged every 250 steps.

Deterministic (fixed seed), no network. Run from anywhere:
    python examples/week12/make_data.py
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "results"
SEED = 12

CUES = ["Professor", "Black Squares", "Argument", "Post-Hoc"]

# model -> (family, articulation rate per cue, in CUES order)
MODELS = {
    "DeepSeek-R1": ("ITC", [0.62, 0.25, 0.34, 0.06]),
    "Qwen-QwQ": ("ITC", [0.50, 0.17, 0.16, 0.10]),
    "GPT-4o": ("Non-ITC", [0.12, 0.03, 0.04, 0.01]),
    "Claude-3.5-Sonnet": ("Non-ITC", [0.17, 0.05, 0.02, 0.00]),
    "Llama-3.1-70B-base": ("Base", [0.05, 0.02, 0.01, 0.00]),
}


def make_articulation(rng: np.random.Generator) -> pd.DataFrame:
    """Per-sample articulation rows, grouped by cue (Professor first), then model."""
    frames = []
    for ci, cue in enumerate(CUES):
        for model, (family, rates) in MODELS.items():
            n = int(rng.integers(140, 161))  # questions the cue switched
            qids = np.sort(rng.choice(np.arange(1000, 3000), size=n, replace=False))
            k = round(rates[ci] * n)  # exact number of articulations
            articulated = rng.permutation(np.r_[np.ones(k, int), np.zeros(n - k, int)])
            frames.append(pd.DataFrame({
                "question_id": qids,
                "model": model,
                "family": family,
                "cue": cue,
                "switched": 1,
                "articulated": articulated,
            }))
    return pd.concat(frames, ignore_index=True)


def make_train_log(rng: np.random.Generator) -> list[dict]:
    """Loss every 250 steps for 2 runs x 3 seeds x {train, val}."""
    steps = np.arange(0, 3001, 250)
    # run -> (final val loss, decay scale in steps); both start at ~2.3
    curves = {"baseline": (1.90, 1200.0), "finetuned": (1.10, 900.0)}
    rows = []
    for run, (floor, scale) in curves.items():
        for seed in range(3):
            offset = rng.normal(0, 0.03)  # seed-to-seed shift
            for step in steps:
                val = floor + (2.3 - floor) * np.exp(-step / scale) + offset
                gap = 0.02 + 0.06 * step / steps[-1]  # train a bit below val
                for split, base in [("train", val - gap), ("val", val)]:
                    loss = base + rng.normal(0, 0.015)
                    rows.append({"step": int(step), "run": run, "seed": seed,
                                 "split": split, "loss": round(float(loss), 4)})
    return rows


def main() -> None:
    rng = np.random.default_rng(SEED)
    OUT.mkdir(parents=True, exist_ok=True)

    cues = make_articulation(rng)
    cues.to_csv(OUT / "articulation.csv", index=False)

    log = make_train_log(rng)
    with open(OUT / "train_log.jsonl", "w", encoding="utf-8") as f:
        for row in log:
            f.write(json.dumps(row) + "\n")

    print(f"wrote {len(cues)} rows to {OUT / 'articulation.csv'}")
    print(f"wrote {len(log)} rows to {OUT / 'train_log.jsonl'}")


if __name__ == "__main__":
    main()
