"""Text columns read from Parquet (as categories, for speed) behave like any other text."""

from __future__ import annotations

from textwrap import dedent

import pandas as pd

from slidekit.data.tables import LazyTables
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec


def test_parquet_text_columns_group_filter_and_compare_like_csv(tmp_path):
    rows = pd.DataFrame(
        {
            "model": ["b", "a", "b", "a", "b", "c"],
            "answer": ["A", "B", "A", "A", "C", "A"],
            "target": ["A", "A", "A", "A", "A", "B"],
            "split": ["val", "val", "val", "val", "train", "val"],
        }
    )
    rows.to_parquet(tmp_path / "log.parquet")
    (tmp_path / "deck.yaml").write_text(
        dedent(
            """\
            title: T
            data:
              log:
                path: log.parquet
                where: "split == 'val'"
                columns: {correct: "answer == target"}
            slides:
              - chart: log
                takeaway: "b is right more often."
                x: model
                y: correct
            """
        )
    )
    loaded = load_spec(tmp_path / "deck.yaml")
    chart = next(s for s in resolve_plan(loaded, LazyTables(loaded)).slides if s.kind == "chart").chart
    # val rows: b A/A ok, a B/A wrong, b A/A ok, a A/A ok, c A/B wrong
    # first appearance order b, a, c; b 2 of 2, a 1 of 2, c 0 of 1
    assert [(p.x, p.n, p.value) for p in chart.points] == [("b", 2, 1.0), ("a", 2, 0.5), ("c", 1, 0.0)]
