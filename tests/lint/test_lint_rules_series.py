"""too-many-series, and the colours behind it: never a repeated colour on one chart."""

from __future__ import annotations

from lint_decks import write_deck

from slidekit.data.tables import load_tables
from slidekit.plan.chart import PALETTE
from slidekit.plan.model import ChartSlide
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec

TASKS = [f"task{i:02d}" for i in range(13)]
TABLE = {"bbh.csv": "condition,task,ok\n" + "".join(
    f"{c},{t},{(i + j) % 2}\n" for i, t in enumerate(TASKS) for c in ("biased", "baseline") for j in range(4)
)}

DECK = """\
title: T
data:
  bbh: bbh.csv
slides:
  - chart: bbh
    takeaway: "Bias by task"
    x: condition
    y: ok
    color: task
{extra}"""


def test_thirteen_series_get_thirteen_distinct_colours(tmp_path):
    loaded = load_spec(write_deck(tmp_path, DECK.format(extra=""), TABLE))
    plan = resolve_plan(loaded, load_tables(loaded))
    chart = next(s for s in plan.slides if isinstance(s, ChartSlide)).chart
    assert len(chart.colors) == 13 == len(set(chart.colors))
    assert chart.colors[:12] == PALETTE


def test_thirteen_series_are_flagged(check):
    (finding,) = check(DECK.format(extra=""), (9, 5, "too-many-series"), files=TABLE)
    assert finding.message == (
        "chart 'bbh' draws 13 series of task: past 12 colours they are hard to tell apart; put them "
        "on x instead, or show: the few that matter and keep the rest for backup"
    )


def test_twelve_series_are_not(check):
    table = {"bbh.csv": "\n".join(line for line in TABLE["bbh.csv"].splitlines() if "task12" not in line) + "\n"}
    check(DECK.format(extra=""), rule="too-many-series", files=table)


def test_the_full_breakdown_backup_is_flagged_too(check):
    # show: keeps two tasks on the main chart; the full breakdown backup draws all 13.
    (finding,) = check(DECK.format(extra="    show: [task00, task01]\n"), (5, 5, "too-many-series"),
                       files=TABLE)
    assert finding.message.startswith("backup slide 'Full breakdown by task' draws 13 series of task")
