"""Hypothetical results from expected rates: the ``expect:`` shorthand of a data table.

A speedrun states what the result would look like before the experiment runs::

    pilot:
      hypothetical: true
      expect:
        n: 200
        rows:
          - {family: ITC, cue: Professor, articulated: 0.60}
          - {family: Non-ITC, cue: Professor, articulated: 0.10}

Each row becomes ``n`` per-sample rows: its categories repeated, and for each
outcome (a value from 0 to 1) a 0/1 draw with that rate. The draws are
seeded by the ``seed``, the row's own values and the outcome's name, with
Python's Mersenne Twister, whose ``random()`` sequence for a given seed is
guaranteed across Python versions: the same spec gives the same table on every
machine and every build, and editing one row redraws only that row.
"""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING

from slidekit.spec.models import ExpectSpec, is_rate

if TYPE_CHECKING:
    import pandas as pd


def draw_expected(expect: ExpectSpec) -> pd.DataFrame:
    """The per-sample table ``expect`` describes: ``n`` rows per group, outcomes as 0/1."""
    import pandas as pd

    columns: dict[str, list] = {name: [] for name in expect.rows[0]}
    for row in expect.rows:
        for name, value in row.items():
            if is_rate(value):
                columns[name].extend(draw_outcomes(float(value), expect.n, _seed(expect.seed, row, name)))
            else:
                columns[name].extend([value] * expect.n)
    return pd.DataFrame(columns)


def draw_outcomes(rate: float, n: int, seed: str) -> list[int]:
    """``n`` independent 0/1 draws that are 1 with probability ``rate``, reproducibly from ``seed``."""
    generator = random.Random(seed)
    return [1 if generator.random() < rate else 0 for _ in range(n)]


def _seed(seed: int, row: dict, outcome: str) -> str:
    # A text seed is hashed (SHA-512) by random.seed: stable across Python versions.
    return json.dumps([seed, outcome, sorted(row.items(), key=lambda item: item[0])], default=str)
