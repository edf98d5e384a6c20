"""The Inspect AI reader on real logs (tests/fixtures/inspect, made offline by make_logs.py)."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from slidekit.data.inspect_log import MISSING_EXTRA
from slidekit.data.read import detect_format, read_table
from slidekit.errors import DataError

LOGS = Path(__file__).resolve().parents[1] / "fixtures" / "inspect"
EVAL_LOG = LOGS / "capitals_alpha.eval"  # mockllm/alpha, 3 samples x 2 epochs, all right
JSON_LOG = LOGS / "capitals_beta.json"  # mockllm/beta, 3 samples x 1 epoch, wrong on australia

INSPECT_COLUMNS = {"id", "epoch", "input", "target", "score_choice", "score_confidence",
                   "metadata_region", "model", "task"}


def raw_scores(log: Path) -> dict[tuple[str, int], dict]:
    """Each sample's score values as the log stores them, read without inspect_ai."""
    if log.suffix == ".json":
        samples = json.loads(log.read_text())["samples"]
    else:
        import zipfile_zstd  # noqa: F401  (.eval entries are zstd-compressed; inspect_ai's dependency)

        with zipfile.ZipFile(log) as archive:
            names = [n for n in archive.namelist() if n.startswith("samples/")]
            samples = [json.loads(archive.read(n)) for n in names]
    return {(s["id"], s["epoch"]): {k: v["value"] for k, v in s["scores"].items()} for s in samples}


def scores_by_sample(frame, column: str) -> dict[tuple[str, int], float]:
    return {(i, e): v for i, e, v in zip(frame["id"], frame["epoch"], frame[column], strict=True)}


def test_eval_log_gives_one_row_per_sample_and_epoch():
    frame = read_table(EVAL_LOG)
    assert len(frame) == 3 * 2
    assert INSPECT_COLUMNS <= set(frame.columns)
    assert sorted(set(zip(frame["id"], frame["epoch"]))) == sorted(
        (sid, epoch) for sid in ("australia", "france", "japan") for epoch in (1, 2)
    )
    assert set(frame["model"]) == {"mockllm/alpha"}
    assert set(frame["task"]) == {"capitals"}
    assert dict(zip(frame["id"], frame["target"])) == {
        "france": "A", "japan": "B", "australia": "C",
    }
    assert dict(zip(frame["id"], frame["metadata_region"])) == {
        "france": "europe", "japan": "asia", "australia": "oceania",
    }
    assert all("What is the capital of" in text for text in frame["input"])


def test_json_log_maps_correct_and_incorrect_to_one_and_zero():
    # By hand from capitals_beta.json: "choice" is "I" for australia, "C" for france and japan.
    assert raw_scores(JSON_LOG) == {
        ("australia", 1): {"choice": "I", "confidence": 0.6},
        ("france", 1): {"choice": "C", "confidence": 0.6},
        ("japan", 1): {"choice": "C", "confidence": 0.6},
    }
    frame = read_table(JSON_LOG)
    assert len(frame) == 3
    assert set(frame["model"]) == {"mockllm/beta"}
    assert scores_by_sample(frame, "score_choice") == {
        ("australia", 1): 0.0, ("france", 1): 1.0, ("japan", 1): 1.0,
    }
    assert frame["score_choice"].dtype == "float64"


def test_numeric_scores_are_kept():
    frame = read_table(EVAL_LOG)
    raw = raw_scores(EVAL_LOG)
    assert {v["choice"] for v in raw.values()} == {"C"}
    stated = {k: v["confidence"] for k, v in raw.items()}
    assert scores_by_sample(frame, "score_confidence") == stated
    assert scores_by_sample(frame, "score_choice") == {k: 1.0 for k in raw}


def test_a_folder_of_logs_reads_every_log():
    frame = read_table(LOGS)  # also holds make_logs.py and README.md, which are not logs
    assert len(frame) == 3 * 2 + 3 * 1
    assert frame.groupby("model")["score_choice"].mean().to_dict() == {
        "mockllm/alpha": 1.0, "mockllm/beta": pytest.approx(2 / 3),
    }


def test_logs_are_detected_by_content_and_extension(tmp_path):
    assert detect_format(EVAL_LOG) == "inspect"
    assert detect_format(JSON_LOG) == "inspect"  # a .json, recognised by its content
    assert detect_format(LOGS) == "inspect"
    # A log renamed to any .json name is still a log (Inspect's samples_df alone skips it).
    renamed = shutil.copy(JSON_LOG, tmp_path / "results.json")
    assert detect_format(Path(renamed)) == "inspect"
    assert len(read_table(Path(renamed))) == 3


@pytest.mark.parametrize(
    "content",
    [
        '[{"model": "m1", "version": 2, "eval": 1}]',  # records
        '{"version": [1, 2], "eval": [0.5, 0.7]}',  # columns
    ],
)
def test_plain_json_still_reads_as_plain_json(tmp_path, content):
    path = tmp_path / "log.json"
    path.write_text(content)
    assert detect_format(path) == "json"
    assert list(read_table(path)["eval"]) in ([1], [0.5, 0.7])


def test_format_override_on_something_that_is_no_log(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('[{"a": 1}]')
    with pytest.raises(DataError, match=r"no Inspect log here; expected a \.eval file"):
        read_table(path, "inspect")
    with pytest.raises(DataError, match="no Inspect log in this folder"):
        read_table(tmp_path, "inspect")


def test_missing_inspect_ai_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "inspect_ai.analysis", None)  # import fails
    with pytest.raises(DataError) as info:
        read_table(EVAL_LOG)
    assert str(info.value) == MISSING_EXTRA
    assert str(info.value) == (
        "reading Inspect logs needs inspect_ai: pip install 'slidekit[inspect]'"
    )


def test_partial_and_unmappable_scores(tmp_path):
    """P is 0.5 as in Inspect's score_to_float; a column it cannot map stays as it is, not 0."""
    from inspect_ai.log import read_eval_log, write_eval_log

    log = read_eval_log(str(JSON_LOG))
    partial = {"australia": "P", "france": "N", "japan": "C"}
    for sample in log.samples:
        sample.scores["choice"].value = partial[sample.id]
        sample.scores["confidence"].value = "high"  # not a score Inspect can map
    edited = tmp_path / "edited.json"
    write_eval_log(log, str(edited))
    frame = read_table(edited)
    assert scores_by_sample(frame, "score_choice") == {
        ("australia", 1): 0.5, ("france", 1): 0.0, ("japan", 1): 1.0,
    }
    assert set(frame["score_confidence"]) == {"high"}
