"""A real Inspect AI log with 3 epochs: slidekit's clustered intervals match Inspect's own numbers.

The log (tests/fixtures/inspect_epochs/epochs.eval, made offline by make_log.py there with
inspect_ai 0.3.285 and its mock model): 30 arithmetic questions, each asked without a cue and
with a professor's wrong hint (60 samples, ids "q07-none" / "q07-professor"), 3 epochs each
(180 sample records), scored by ``choice()``, whose metrics are accuracy and stderr.
"""

from __future__ import annotations

import math
import shutil
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest
from pptx import Presentation
from scipy import stats

from slidekit.data.read import read_table
from slidekit.data.tables import load_tables
from slidekit.pipeline import build
from slidekit.plan.model import ChartSlide
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec

LOG = Path(__file__).resolve().parents[1] / "fixtures" / "inspect_epochs" / "epochs.eval"
SAMPLES, EPOCHS, QUESTIONS = 60, 3, 30


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path) -> Path:
    """A project folder holding a copy of the log (builds never write next to the fixture)."""
    shutil.copy(LOG, tmp_path / "epochs.eval")
    return tmp_path


def spec(folder: Path, chart: str, table: str = "") -> Path:
    """deck.yaml with one table ``log`` over epochs.eval and one chart slide."""
    text = textwrap.dedent(
        """\
        title: Epochs
        data:
          log:
            path: epochs.eval
        """
    ) + textwrap.indent(textwrap.dedent(table), "    ") + "slides:\n  - chart: log\n"
    text += textwrap.indent(textwrap.dedent(chart), "    ")
    path = folder / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def chart_slide(path: Path) -> ChartSlide:
    loaded = load_spec(path)
    slides = resolve_plan(loaded, load_tables(loaded)).slides
    (found,) = [s for s in slides if isinstance(s, ChartSlide) and not s.is_backup]
    return found


def footer_in_deck(path: Path) -> str:
    """The footer as the built .pptx shows it: the one text of the chart slide starting "n = "."""
    build(path, path.with_suffix(".pptx"))
    slides = list(Presentation(str(path.with_suffix(".pptx"))).slides)
    texts = [p.text for slide in slides for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs if p.text.startswith("n = ")]
    assert len(texts) == 1, texts
    return texts[0]


def inspect_log():
    from inspect_ai.log import read_eval_log

    return read_eval_log(str(LOG))


def sample_scores(log, cue: str | None = None) -> list:
    """Inspect's SampleScore per sample record (one per sample and epoch), as its metrics see them."""
    from inspect_ai.scorer import SampleScore, Score

    return [
        SampleScore(
            score=Score(value=s.scores["choice"].value),
            sample_id=s.id,
            sample_metadata={**s.metadata, "id": s.id},
        )
        for s in log.samples
        if cue is None or s.metadata["cue"] == cue
    ]


def log_metric(name: str) -> float:
    return inspect_log().results.scores[0].metrics[name].value


# --- a. the table -----------------------------------------------------------------------------


def test_the_log_is_what_make_log_wrote():
    log = inspect_log()
    assert log.status == "success"
    assert log.eval.config.epochs == EPOCHS
    assert len(log.samples) == SAMPLES * EPOCHS
    (scores,) = log.results.scores
    assert scores.name == "choice"
    assert set(scores.metrics) == {"accuracy", "stderr"}
    # Per-sample means over the 3 epochs take every value a 3-epoch mean can.
    means = defaultdict(list)
    for s in log.samples:
        means[s.id].append(s.scores["choice"].value == "C")
    assert {round(sum(v) / EPOCHS, 6) for v in means.values()} == {0.0, round(1 / 3, 6), round(2 / 3, 6), 1.0}


def test_one_row_per_sample_and_epoch():
    frame = read_table(LOG)
    assert len(frame) == SAMPLES * EPOCHS
    assert {"id", "epoch", "score_choice", "metadata_cue", "metadata_question"} <= set(frame.columns)
    assert sorted(set(zip(frame["id"], frame["epoch"]))) == sorted(
        (f"q{q:02d}-{cue}", epoch)
        for q in range(1, QUESTIONS + 1) for cue in ("none", "professor") for epoch in (1, 2, 3)
    )
    assert frame["score_choice"].dtype == "float64"
    assert set(frame["score_choice"]) == {0.0, 1.0}
    assert frame.groupby("metadata_cue").size().to_dict() == {"none": 90, "professor": 90}
    assert all(i.startswith(q + "-") for i, q in zip(frame["id"], frame["metadata_question"]))
    assert all(i.endswith("-" + c) for i, c in zip(frame["id"], frame["metadata_cue"]))
    # The same scores as the log itself, record by record.
    expected = {(s.id, s.epoch): float(s.scores["choice"].value == "C") for s in inspect_log().samples}
    assert dict(zip(zip(frame["id"], frame["epoch"]), frame["score_choice"])) == expected
    # The mean of the 180 rows is Inspect's accuracy (all samples have 3 epochs).
    assert frame["score_choice"].mean() == pytest.approx(log_metric("accuracy"), abs=1e-12)


# --- b. the footer ----------------------------------------------------------------------------


def test_footer_of_one_point_over_every_row(folder):
    path = spec(folder, "takeaway: Accuracy over all samples\nx: task\ny: score_choice\n")
    slide = chart_slide(path)
    assert slide.footer == (
        "n = 60 samples \u00d7 3 epochs \u00b7 error bars: 95% clustered t interval (60 samples)"
        " \u00b7 data: epochs.eval"
    )
    assert footer_in_deck(path) == slide.footer


def test_footer_of_one_point_per_cue(folder):
    path = spec(folder, "takeaway: Accuracy per cue\nx: metadata_cue\ny: score_choice\n")
    slide = chart_slide(path)
    assert [(p.x, p.n, p.clusters, p.cluster_size) for p in slide.chart.points] == [
        ("none", 90, 30, 3), ("professor", 90, 30, 3),
    ]
    assert slide.footer == (
        "n = 60 samples \u00d7 3 epochs \u00b7 error bars: 95% clustered t interval (30 samples)"
        " \u00b7 data: epochs.eval"
    )
    assert footer_in_deck(path) == slide.footer


# --- c. the overall interval against Inspect's logged stderr ----------------------------------


def test_overall_interval_is_t59_times_inspects_logged_stderr(folder):
    """Inspect reduces each sample's 3 epochs to their mean, then takes the plain stderr of the
    60 means: sd(means) / sqrt(60). slidekit's clustered standard error over the 180 rows, with
    60 clusters of 3, is sqrt(C / (C - 1) * sum_c (3 (m_c - m))^2) / 180 = sd(means) / sqrt(60),
    the same number, so the interval is mean +/- t(59) * stderr exactly (to rounding)."""
    (point,) = chart_slide(spec(folder, "takeaway: All\nx: task\ny: score_choice\n")).chart.points
    accuracy, stderr = log_metric("accuracy"), log_metric("stderr")
    t59 = stats.t.ppf(0.975, SAMPLES - 1)
    assert point.n == SAMPLES * EPOCHS and point.clusters == SAMPLES and point.cluster_size == EPOCHS
    assert point.value == pytest.approx(accuracy, abs=1e-12)
    assert 0 < accuracy - t59 * stderr and accuracy + t59 * stderr < 1  # no clipping involved
    assert point.lo == pytest.approx(accuracy - t59 * stderr, abs=1e-9)
    assert point.hi == pytest.approx(accuracy + t59 * stderr, abs=1e-9)


# --- d. per-cue points against Inspect's ci(cluster=...) --------------------------------------


def test_per_cue_points_match_inspects_clustered_ci(folder):
    from inspect_ai.scorer import ci, value_to_float

    log = inspect_log()
    to_float = value_to_float()
    chart = chart_slide(spec(folder, "takeaway: Per cue\nx: metadata_cue\ny: score_choice\n")).chart
    points = {p.x: p for p in chart.points}
    assert chart.cluster_unit == "samples" and chart.cluster_repeats == "epochs"
    for cue in ("none", "professor"):
        scores = sample_scores(log, cue)
        assert len(scores) == QUESTIONS * EPOCHS
        interval = ci(level=0.95, cluster="id")(scores)
        mean = sum(to_float(s.score.value) for s in scores) / len(scores)
        point = points[cue]
        assert point.value == pytest.approx(mean, abs=1e-12)
        assert point.lo == pytest.approx(max(0.0, interval["lower"]), abs=1e-9)
        assert point.hi == pytest.approx(min(1.0, interval["upper"]), abs=1e-9)


def test_all_rows_match_inspects_clustered_ci_too(folder):
    from inspect_ai.scorer import ci

    (point,) = chart_slide(spec(folder, "takeaway: All\nx: task\ny: score_choice\n")).chart.points
    interval = ci(level=0.95, cluster="id")(sample_scores(inspect_log()))
    assert (point.lo, point.hi) == (
        pytest.approx(interval["lower"], abs=1e-9), pytest.approx(interval["upper"], abs=1e-9),
    )


# --- e. cluster: false, and a paired comparison -----------------------------------------------


def wilson(k: float, n: int, z: float) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_cluster_false_treats_rows_as_independent(folder):
    path = spec(folder, "takeaway: Per cue\nx: metadata_cue\ny: score_choice\ncluster: false\n")
    slide = chart_slide(path)
    assert slide.chart.cluster_unit is None
    assert slide.footer == "n = 90 per bar (180 samples) \u00b7 error bars: 95% Wilson score interval \u00b7 data: epochs.eval"
    frame = read_table(LOG)
    z = stats.norm.ppf(0.975)
    for point in slide.chart.points:
        rows = frame[frame["metadata_cue"] == point.x]["score_choice"]
        assert point.n == 90 and point.clusters is None
        lo, hi = wilson(float(rows.sum()), len(rows), z)
        assert (point.lo, point.hi) == (pytest.approx(lo, abs=1e-9), pytest.approx(hi, abs=1e-9))


def test_paired_comparison_is_ttest_rel_over_question_means(folder):
    path = spec(
        folder,
        """\
        takeaway: The professor's hint lowers accuracy
        x: cue
        y: score_choice
        compare: {column: cue, a: none, b: professor, pair: question}
        """,
        table="columns: {cue: metadata_cue, question: metadata_question}\n",
    )
    slide = chart_slide(path)
    (comparison,) = slide.comparisons
    frame = read_table(LOG)
    means = frame.groupby(["metadata_question", "metadata_cue"])["score_choice"].mean().unstack()
    assert len(means) == QUESTIONS
    test = stats.ttest_rel(means["professor"], means["none"])
    low, high = test.confidence_interval(0.95)
    assert comparison.paired and comparison.n == QUESTIONS and comparison.unmatched == 0
    assert comparison.estimate == pytest.approx((means["professor"] - means["none"]).mean(), abs=1e-6)
    assert comparison.lo == pytest.approx(low, abs=1e-6)
    assert comparison.hi == pytest.approx(high, abs=1e-6)
    assert comparison.p == pytest.approx(test.pvalue, abs=1e-6)
    build(path, folder / "deck.pptx")  # and the deck builds
    assert (folder / "deck.pptx").stat().st_size > 0
