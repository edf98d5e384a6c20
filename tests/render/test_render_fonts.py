"""Chart text is set in the deck's body font, or a stand-in with its metrics, or matplotlib's own."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib import font_manager

from slidekit.plan.model import Callout, ChartPlan, Point
from slidekit.render.chart import FALLBACK_FONT, font_family, render_chart_png

INSTALLED = {font.name for font in font_manager.fontManager.ttflist}


@pytest.mark.skipif("Carlito" not in INSTALLED or "Calibri" in INSTALLED, reason="needs Carlito, not Calibri")
def test_calibri_is_drawn_in_carlito_with_the_same_metrics():
    assert font_family("Calibri") == ["Carlito", FALLBACK_FONT]


def test_a_font_not_installed_falls_back_to_matplotlibs_own():
    assert font_family("No Such Font 123") == [FALLBACK_FONT]
    assert font_family(None) == [FALLBACK_FONT]
    assert font_family(FALLBACK_FONT) == [FALLBACK_FONT]


@pytest.mark.skipif("Carlito" not in INSTALLED, reason="needs a second font")
def test_the_font_reaches_the_image():
    chart = ChartPlan(
        kind="bar", x_label="cue", y_label="accuracy", x_values=("a", "b"), series=(None,),
        colors=("#0072B2",), points=(Point(x="a", series=None, value=0.5, lo=0.4, hi=0.6, n=10),
                                     Point(x="b", series=None, value=0.3, lo=0.2, hi=0.4, n=10)),
        measure="rate", callout=None, error_method="95% Wilson interval", x_labels=("a", "b"),
    )
    plain = render_chart_png(chart, 6, 3, dpi=50)
    assert render_chart_png(dataclasses.replace(chart, font="Carlito"), 6, 3, dpi=50) != plain
    assert render_chart_png(dataclasses.replace(chart, font=FALLBACK_FONT), 6, 3, dpi=50) == plain


CJK = next((font for font in ("Noto Sans CJK JP", "Noto Sans CJK SC", "Droid Sans Fallback") if font in INSTALLED), None)


def test_a_cjk_font_joins_only_for_text_that_needs_it():
    assert font_family("Calibri", "Professor / ITC") == font_family("Calibri")
    if CJK:
        assert font_family("Calibri", "教授")[-1] == CJK


@pytest.mark.skipif(CJK is None, reason="no CJK font installed")
def test_cjk_labels_are_drawn_not_boxes_and_nothing_is_logged(capfd, caplog):
    import io

    import numpy as np
    from PIL import Image

    def ink(label: str) -> int:
        chart = ChartPlan(
            kind="bar", x_label=label, y_label="", x_values=("a",), series=(None,), colors=("#0072B2",),
            points=(Point(x="a", series=None, value=0.5, lo=None, hi=None, n=10),),
            measure="rate", callout=Callout(0, label), error_method="", x_labels=("a",),
        )  # (the callout is bold: a CJK font may have no bold, which matplotlib would log)
        pixels = np.asarray(Image.open(io.BytesIO(render_chart_png(chart, 4, 3, dpi=100))).convert("L"))
        return int((pixels < 128).sum())

    # Missing glyphs draw as identical boxes; drawn ideographs differ from each other.
    assert ink("教授教授") != ink("模型模型")
    assert capfd.readouterr().err == ""
    assert [record.getMessage() for record in caplog.records if record.name.startswith("matplotlib")] == []
