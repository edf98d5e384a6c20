"""`labels:` (display names for category values) and `order:` (category order)."""

from __future__ import annotations

import pytest
from shaping_helpers import notes_of, point_map

# First appearance: cue Professor before Squares; family ITC before Non-ITC.
#   Professor / ITC      1, 1, 0  -> 2/3
#   Professor / Non-ITC  0, 1     -> 1/2
#   Squares   / ITC      1, 1, 1, 0 -> 3/4
#   Squares   / Non-ITC  0, 0     -> 0/2
# n per family: ITC 3 + 4 = 7, Non-ITC 2 + 2 = 4.
CUES = """\
qid,cue,family,articulated
1,Professor,ITC,1
2,Professor,Non-ITC,0
3,Squares,ITC,1
4,Professor,ITC,1
5,Squares,Non-ITC,0
6,Squares,ITC,1
7,Professor,Non-ITC,1
8,Professor,ITC,0
9,Squares,ITC,1
10,Squares,Non-ITC,0
11,Squares,ITC,0
"""

TABLE_LABELS = """\
title: Labels
data:
  cues:
    path: cues.csv
    labels:
      family: {ITC: Reasoning, Non-ITC: Standard}
      cue: {Professor: "Prof. cue"}
slides:
  - chart: cues
    takeaway: Reasoning models articulate more
    x: cue
    y: articulated
    color: family
"""


def test_table_labels_name_the_legend_and_the_ticks(project):
    project.write("cues.csv", CUES)
    project.spec(TABLE_LABELS)
    (chart,) = [s.chart for s in project.charts()]
    assert chart.series == ("Reasoning", "Standard")
    assert chart.x_labels == ("Prof. cue", "Squares")
    # The points keep their raw x value but carry the display name of their series.
    assert set(point_map(chart)) == {
        ("Professor", "Reasoning"), ("Professor", "Standard"),
        ("Squares", "Reasoning"), ("Squares", "Standard"),
    }
    # The labels do not change the numbers: Professor / ITC is 2 of 3.
    assert point_map(chart)[("Professor", "Reasoning")].value == pytest.approx(2 / 3)


def test_notes_count_samples_under_the_display_names(project):
    project.write("cues.csv", CUES)
    project.spec(TABLE_LABELS)
    deck = project.build()
    # ITC 3 + 4 = 7 samples, Non-ITC 2 + 2 = 4.
    assert "n per family: Reasoning 7, Standard 4." in notes_of(deck.slides[1]).splitlines()


def test_chart_labels_win_over_the_table_labels(project):
    project.write("cues.csv", CUES)
    project.spec(TABLE_LABELS + "    labels:\n      family: {ITC: Thinking, Non-ITC: Plain}\n")
    (chart,) = [s.chart for s in project.charts()]
    assert chart.series == ("Thinking", "Plain")
    # The table's cue labels still apply: the chart set none for cue.
    assert chart.x_labels == ("Prof. cue", "Squares")


def test_chart_label_for_one_value_keeps_the_table_label_of_the_others(project):
    # The chart renames only ITC; Non-ITC keeps the table's "Standard" (a chart's
    # shaping adds to its table's, per ShapingSpec).
    project.write("cues.csv", CUES)
    project.spec(TABLE_LABELS + "    labels:\n      family: {ITC: Thinking}\n")
    (chart,) = [s.chart for s in project.charts()]
    assert chart.series == ("Thinking", "Standard")


@pytest.mark.parametrize("shown", ["Standard", "Non-ITC"])
def test_show_takes_the_raw_value_or_the_label(project, shown):
    project.write("cues.csv", CUES)
    project.spec(TABLE_LABELS + f"    show: [{shown}]\n")
    plan = project.plan()
    main = next(s for s in plan.slides if getattr(s, "chart", None) and not s.is_backup)
    assert main.chart.series == ("Standard",)
    # The hidden family goes to the backup slide, under its display name.
    assert "Hidden from this chart (see backup): Reasoning 7." in main.notes.splitlines()
    backup = next(s for s in plan.slides if getattr(s, "chart", None) and s.is_backup)
    assert backup.chart.series == ("Standard", "Reasoning")


@pytest.mark.parametrize(
    "at", ["{cue: Professor, family: ITC}", '{cue: "Prof. cue", family: Reasoning}',
           "{cue: Professor, family: Reasoning}"],
)
def test_callout_at_takes_the_raw_value_or_the_label(project, at):
    project.write("cues.csv", CUES)
    project.spec(TABLE_LABELS + f"    callout:\n      at: {at}\n      text: here\n")
    (slide,) = project.charts()
    point = slide.chart.points[slide.chart.callout.point_index]
    assert (point.x, point.series, point.n) == ("Professor", "Reasoning", 3)
    # 2 of 3 -> 66.7%
    assert "Callout at Prof. cue / Reasoning: 66.7% (n = 3)." in slide.notes.splitlines()


def test_backup_by_another_column_uses_that_columns_labels(project):
    project.write("cues.csv", CUES)
    project.spec(TABLE_LABELS.replace("x: cue", "x: family").replace("color: family", "color: family\n    backup: [cue]"))
    plan = project.plan()
    backup = next(s for s in plan.slides if getattr(s, "chart", None) and s.is_backup)
    assert backup.chart.series == ("Prof. cue", "Squares")
    assert backup.chart.x_labels == ("Reasoning", "Standard")


# First appearance: cue Professor, Squares, Argument; family ITC, Non-ITC, Base.
THREE = """\
cue,family,ok
Professor,ITC,1
Squares,Non-ITC,0
Argument,Base,1
Professor,Base,0
Squares,ITC,1
Argument,Non-ITC,1
Professor,Non-ITC,0
Squares,Base,1
Argument,ITC,0
"""


def _order_spec(table_order: str = "", chart_order: str = "") -> str:
    spec = "title: Order\ndata:\n  t:\n    path: t.csv\n"
    if table_order:
        spec += f"    order: {table_order}\n"
    spec += "slides:\n  - chart: t\n    takeaway: Order\n    x: cue\n    y: ok\n    color: family\n"
    if chart_order:
        spec += f"    order: {chart_order}\n"
    return spec


def test_without_order_categories_keep_their_first_appearance(project):
    project.write("t.csv", THREE)
    project.spec(_order_spec())
    (chart,) = [s.chart for s in project.charts()]
    assert chart.x_values == ("Professor", "Squares", "Argument")
    assert chart.series == ("ITC", "Non-ITC", "Base")


def test_listed_categories_come_first_the_rest_in_first_appearance_order(project):
    project.write("t.csv", THREE)
    project.spec(_order_spec(table_order="{cue: [Argument], family: [Base]}"))
    (chart,) = [s.chart for s in project.charts()]
    assert chart.x_values == ("Argument", "Professor", "Squares")
    assert chart.x_labels == ("Argument", "Professor", "Squares")
    assert chart.series == ("Base", "ITC", "Non-ITC")
    # The points are drawn x by x, each x in legend order.
    assert [(p.x, p.series) for p in chart.points][:3] == [
        ("Argument", "Base"), ("Argument", "ITC"), ("Argument", "Non-ITC"),
    ]


def test_several_listed_categories_keep_the_listed_order(project):
    project.write("t.csv", THREE)
    project.spec(_order_spec(chart_order="{cue: [Squares, Argument], family: [Non-ITC, Base]}"))
    (chart,) = [s.chart for s in project.charts()]
    assert chart.x_values == ("Squares", "Argument", "Professor")
    assert chart.series == ("Non-ITC", "Base", "ITC")


def test_chart_order_wins_over_the_table_order(project):
    project.write("t.csv", THREE)
    project.spec(_order_spec(table_order="{cue: [Argument]}", chart_order="{cue: [Squares]}"))
    (chart,) = [s.chart for s in project.charts()]
    assert chart.x_values == ("Squares", "Professor", "Argument")


def test_order_and_labels_together(project):
    project.write("t.csv", THREE)
    project.spec(
        _order_spec(table_order="{cue: [Argument]}")
        + "    labels: {cue: {Argument: Arg., Squares: Sq.}}\n"
    )
    (chart,) = [s.chart for s in project.charts()]
    assert chart.x_labels == ("Arg.", "Professor", "Sq.")
