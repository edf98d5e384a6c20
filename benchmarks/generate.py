"""Generate a per-sample eval table of any size, shaped like a real articulation log.

One row per (question, model, cue) with a 0/1 outcome and the ~550-character
prompt the model was sent: the column a naive script drags through every
filter. Written in row groups, so 10M rows need little memory to generate.

    python benchmarks/generate.py --rows 10_000_000 --out /tmp/bench/log.parquet
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

MODELS = {
    "DeepSeek-R1": ("ITC", 0.55),
    "Qwen-QwQ": ("ITC", 0.45),
    "GPT-4o": ("Non-ITC", 0.12),
    "Claude-3.5-Sonnet": ("Non-ITC", 0.17),
    "Llama-3.1-70B-base": ("Base", 0.05),
}
CUES = {"Professor": 1.0, "Black Squares": 0.45, "Argument": 0.5, "Post-Hoc": 0.15}
DISTINCT_PROMPTS = 5_000
CHUNK = 1_000_000


def prompts(count: int, length: int, rng: np.random.Generator) -> list[str]:
    words = "the model answer question cue professor thinks option reasoning step because".split()
    out = []
    for i in range(count):
        body = " ".join(rng.choice(words, size=length // 5))
        text = f"Question {i}: A Stanford professor thinks the answer is (B). {body}"
        out.append(text[:length].ljust(length, "."))
    return out


def generate(rows: int, out: Path, prompt_chars: int = 550, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    texts = pa.array(prompts(DISTINCT_PROMPTS, prompt_chars, rng), pa.string())
    model_names = list(MODELS)
    cue_names = list(CUES)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    try:
        for start in range(0, rows, CHUNK):
            size = min(CHUNK, rows - start)
            question = np.arange(start, start + size) // (len(model_names) * len(cue_names))
            model = rng.integers(0, len(model_names), size)
            cue = rng.integers(0, len(cue_names), size)
            rate = np.array([MODELS[m][1] for m in model_names])[model] * np.array(list(CUES.values()))[cue]
            table = pa.table({
                "question_id": question,
                "model": pa.array(np.array(model_names)[model]),
                "family": pa.array(np.array([MODELS[m][0] for m in model_names])[model]),
                "cue": pa.array(np.array(cue_names)[cue]),
                "articulated": (rng.random(size) < rate).astype(np.int8),
                "prompt": texts.take(pa.array(question % DISTINCT_PROMPTS)),
            })
            if writer is None:
                writer = pq.ParquetWriter(out, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=lambda s: int(s.replace("_", "")), required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--prompt-chars", type=int, default=550)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.out.suffix == ".csv":
        tmp = generate(args.rows, args.out.with_suffix(".parquet"), args.prompt_chars, args.seed)
        pq.read_table(tmp).to_pandas().to_csv(args.out, index=False)
    else:
        generate(args.rows, args.out, args.prompt_chars, args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
