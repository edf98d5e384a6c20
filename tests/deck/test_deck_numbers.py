"""Numbers on the slides, checked against counts done by hand on a tiny CSV."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner
from deck_readback import footer_of, notes_of, titles
from pptx import Presentation

from slidekit.cli import main
from slidekit.data.tables import load_tables
from slidekit.plan.model import ChartSlide
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec

# 2 cues x 3 families, rows interleaved so no group is contiguous.
#   Professor / ITC      5 rows, 3 articulated  -> 3/5 = 0.6
#   Professor / Non-ITC  4 rows, 1 articulated  -> 1/4 = 0.25
#   Professor / Base     3 rows, 0 articulated  (hidden)
#   Squares   / ITC      4 rows, 2 articulated  -> 2/4 = 0.5
#   Squares   / Non-ITC  3 rows, 0 articulated  -> 0/3 = 0
#   Squares   / Base     2 rows, 1 articulated  (hidden)
# Shown (ITC, Non-ITC): n = 5 + 4 + 4 + 3 = 16; ITC 9, Non-ITC 7; hidden Base 3 + 2 = 5.
CSV = """\
qid,cue,family,articulated
1,Professor,ITC,1
2,Professor,Non-ITC,0
3,Squares,ITC,1
4,Professor,Base,0
5,Professor,ITC,0
6,Squares,Non-ITC,0
7,Professor,ITC,1
8,Squares,Base,1
9,Professor,Non-ITC,1
10,Squares,ITC,0
11,Professor,ITC,0
12,Professor,Base,0
13,Squares,Non-ITC,0
14,Professor,Non-ITC,0
15,Squares,ITC,1
16,Professor,ITC,1
17,Squares,Base,0
18,Professor,Base,0
19,Professor,Non-ITC,0
20,Squares,Non-ITC,0
21,Squares,ITC,0
"""

SPEC = textwrap.dedent("""\
    title: "Tiny"
    data:
      cues: tiny.csv
    slides:
      - chart: cues
        takeaway: "ITC articulates more."
        x: cue
        y: articulated
        color: family
        show: [ITC, Non-ITC]
        callout:
          at: {cue: Professor, family: ITC}
          text: "Look here"
        notes: "My own note."
    """)

# Wilson score interval, 95% (z = 1.959964), worked out by hand:
#   centre = (p + z^2/2n) / (1 + z^2/n),  half = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n)
#   3/5: centre 0.556551, half 0.325828 -> [0.2307, 0.8824]
#   1/4: centre 0.372438, half 0.326942 -> [0.0456, 0.6994]
#   2/4: centre 0.5,      half 0.349961 -> [0.1500, 0.8500]
#   0/3: centre 0.280748, half 0.280748 -> [0.0000, 0.5615]
EXPECTED = {
    ("Professor", "ITC"): (5, 0.6, 0.2307, 0.8824),
    ("Professor", "Non-ITC"): (4, 0.25, 0.0456, 0.6994),
    ("Squares", "ITC"): (4, 0.5, 0.1500, 0.8500),
    ("Squares", "Non-ITC"): (3, 0.0, 0.0000, 0.5615),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "tiny.csv").write_text(CSV)
    (folder / "tiny.yaml").write_text(SPEC)
    result = CliRunner().invoke(main, ["build", str(folder / "tiny.yaml")])
    assert result.exit_code == 0, result.output
    return folder, Presentation(str(folder / "tiny.pptx"))


def test_deck_has_main_chart_then_full_breakdown(tiny):
    _, deck = tiny
    assert titles(deck) == ["Tiny", "ITC articulates more.", "Backup", "Full breakdown by family"]


def test_footer_n_counts_only_the_shown_families(tiny):
    _, deck = tiny
    assert footer_of(deck.slides[1]).startswith("n = 3\u20135 per bar (16 samples) \u00b7 ")


def test_full_breakdown_footer_counts_every_family(tiny):
    _, deck = tiny
    assert footer_of(deck.slides[3]).startswith("n = 2\u20135 per bar (21 samples) \u00b7 ")


def test_notes_list_n_per_shown_family_and_the_hidden_family(tiny):
    _, deck = tiny
    notes = notes_of(deck.slides[1]).splitlines()
    assert "Data: tiny.csv (21 rows)." in notes
    assert "n per family: ITC 9, Non-ITC 7." in notes
    assert "Hidden from this chart (see backup): Base 5." in notes
    assert "Callout at Professor / ITC: 60.0% (n = 5)." in notes
    assert "My own note." in notes


def test_full_breakdown_notes_list_every_family(tiny):
    _, deck = tiny
    assert "n per family: ITC 9, Non-ITC 7, Base 5." in notes_of(deck.slides[3]).splitlines()


@pytest.fixture(scope="module")
def tiny_plan(tiny):
    folder, _ = tiny
    loaded = load_spec(folder / "tiny.yaml")
    return resolve_plan(loaded, load_tables(loaded))


def test_show_hides_the_third_family_from_the_main_chart(tiny_plan):
    main = next(s for s in tiny_plan.slides if isinstance(s, ChartSlide) and not s.is_backup)
    assert main.chart.series == ("ITC", "Non-ITC")
    assert {p.series for p in main.chart.points} == {"ITC", "Non-ITC"}


def test_point_rates_and_wilson_bounds(tiny_plan):
    main = next(s for s in tiny_plan.slides if isinstance(s, ChartSlide) and not s.is_backup)
    got = {
        (p.x, p.series): (p.n, round(p.value, 4), round(p.lo, 4), round(p.hi, 4))
        for p in main.chart.points
    }
    assert got == EXPECTED


def test_callout_points_at_professor_itc(tiny_plan):
    main = next(s for s in tiny_plan.slides if isinstance(s, ChartSlide) and not s.is_backup)
    point = main.chart.points[main.chart.callout.point_index]
    assert (point.x, point.series, point.n) == ("Professor", "ITC", 5)
    assert main.chart.callout.text == "Look here"


def test_full_breakdown_includes_the_hidden_family(tiny_plan):
    full = next(s for s in tiny_plan.slides if isinstance(s, ChartSlide) and s.is_backup)
    got = {(p.x, p.series): (p.n, round(p.value, 4)) for p in full.chart.points}
    assert got[("Professor", "Base")] == (3, 0.0)
    assert got[("Squares", "Base")] == (2, 0.5)
    assert full.chart.series == ("ITC", "Non-ITC", "Base")
