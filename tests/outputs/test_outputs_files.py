"""The pieces under the converters: folders swapped whole, PDFs made reproducible."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from slidekit.errors import SlidekitError
from slidekit.render.convert import SLIDE_PNG, reproducible_pdf
from slidekit.render.folders import write_folder_atomically

PDF = (
    b"%PDF-1.6\n1 0 obj\n<</Title<FEFF0041>/CreationDate(D:20261129012014Z')/ModDate(D:20261129012015Z')>>\n"
    b"endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2/Info 1 0 R\n"
    b"/ID [ <F05BE8A35072A76F309670C80D9B060F>\n<F05BE8A35072A76F309670C80D9B060F> ]\n"
    b"/DocChecksum /955EC17B5891524A09FDD6EC5F598153\n>>\nstartxref\n120\n%%EOF\n"
)
STAMP = dt.datetime(2025, 1, 20, tzinfo=dt.UTC)


def test_a_pdf_gets_the_decks_date_and_content_ids_in_place():
    fixed = reproducible_pdf(PDF, STAMP)
    assert len(fixed) == len(PDF)  # the cross-reference offsets stay right
    assert b"/CreationDate(D:20250120000000Z')/ModDate(D:20250120000000Z')" in fixed
    ids = re.search(rb"/ID \[ <([0-9A-F]{32})>\n<([0-9A-F]{32})> \]", fixed).groups()
    assert ids[0] == ids[1] != b"F05BE8A35072A76F309670C80D9B060F"
    # Two conversions that differ only in their time and random ids become the same bytes.
    other = PDF.replace(b"20261129012014", b"20270101000000").replace(b"F05BE8A3", b"0123ABCD")
    assert reproducible_pdf(other, STAMP) == fixed
    # Different content, different ids.
    assert re.search(rb"/ID \[ <([0-9A-F]{32})>", reproducible_pdf(PDF.replace(b"0041", b"0042"), STAMP))[1] != ids[0]


def test_a_folder_is_written_whole_and_replaced_whole(tmp_path):
    target = tmp_path / "deck-slides"
    write_folder_atomically(target, {"slide-01.png": b"a", "slide-02.png": b"b"}, SLIDE_PNG)
    write_folder_atomically(target, {"slide-01.png": b"c"}, SLIDE_PNG)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == {"slide-01.png": b"c"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck-slides"]  # nothing left beside it


def test_a_folder_holding_other_files_is_left_alone(tmp_path):
    target = tmp_path / "deck-slides"
    target.mkdir()
    (target / "slide-01.png").write_bytes(b"old")
    (target / "keep.txt").write_text("mine")
    with pytest.raises(SlidekitError, match=r"holds files slidekit did not write \(keep.txt\)"):
        write_folder_atomically(target, {"slide-01.png": b"new"}, SLIDE_PNG)
    assert (target / "slide-01.png").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck-slides"]


def test_a_file_in_the_way(tmp_path):
    target = tmp_path / "deck-slides"
    target.write_text("a file")
    with pytest.raises(SlidekitError, match="exists and is not a folder"):
        write_folder_atomically(target, {"slide-01.png": b"new"}, SLIDE_PNG)
    assert target.read_text() == "a file"
