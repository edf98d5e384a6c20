"""--to pdf/png without LibreOffice, with a LibreOffice that hangs or fails: one clear line, exit 2.

These run everywhere: a fake ``soffice`` (a shell script) stands in for LibreOffice.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from outputs_helpers import build_fails

SPEC = 'title: T\nslides:\n  - bullets: ["x"]\n    title: B\n'
HINT = "LibreOffice (soffice) is needed for --to pdf: apt-get install libreoffice-impress, or set SLIDEKIT_SOFFICE"


@pytest.fixture
def deck(tmp_path, monkeypatch) -> Path:
    """A one-slide spec in an otherwise empty folder (the current directory)."""
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "deck.yaml").write_text(SPEC)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("SLIDEKIT_SOFFICE", raising=False)
    monkeypatch.delenv("SLIDEKIT_SOFFICE_TIMEOUT", raising=False)
    return folder


def fake_tool(folder: Path, name: str, script: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


def test_no_soffice_on_path_gives_the_install_hint_and_writes_nothing(deck, tmp_path, monkeypatch, cli):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    # Not even the .pptx is written: the check comes before anything is built.
    assert build_fails(cli, deck, "deck.yaml", "pptx,pdf") == f"soffice: {HINT}"


def test_slidekit_soffice_pointing_nowhere(deck, tmp_path, monkeypatch, cli):
    missing = tmp_path / "no" / "soffice"
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(missing))
    assert build_fails(cli, deck, "deck.yaml", "png,html") == (
        f"soffice: LibreOffice (soffice) is needed for --to png: SLIDEKIT_SOFFICE={missing} "
        "is not an executable file; fix or unset SLIDEKIT_SOFFICE, or apt-get install libreoffice-impress"
    )


def test_no_pdftoppm_for_png(deck, tmp_path, monkeypatch, cli):
    bin_folder = tmp_path / "bin"
    fake_tool(bin_folder, "soffice", "exit 0\n")
    monkeypatch.setenv("PATH", str(bin_folder))
    assert build_fails(cli, deck, "deck.yaml", "png") == (
        "pdftoppm: pdftoppm is needed for --to png: apt-get install poppler-utils"
    )


def _state(pid: int) -> str | None:
    """A process's state letter (R, S, Z, ...), None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_a_hanging_conversion_is_stopped_with_its_children(deck, tmp_path, monkeypatch, cli):
    pids = tmp_path / "pids"
    hang = fake_tool(tmp_path / "bin", "soffice", f"sleep 60 &\necho $$ $! > {pids}\nwait\n")
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(hang))
    monkeypatch.setenv("SLIDEKIT_SOFFICE_TIMEOUT", "1")
    started = time.monotonic()
    assert build_fails(cli, deck, "deck.yaml", "pdf") == (
        "deck.pdf: LibreOffice did not finish within 1 s and was stopped "
        "(raise the limit with SLIDEKIT_SOFFICE_TIMEOUT=seconds)"
    )
    assert time.monotonic() - started < 30
    # The whole process group was killed: the script and the sleep it started.
    for pid in map(int, pids.read_text().split()):
        for _ in range(50):
            if _state(pid) in (None, "Z", "X"):
                break
            time.sleep(0.1)
        assert _state(pid) in (None, "Z", "X"), pid


def test_a_failing_conversion_says_why(deck, tmp_path, monkeypatch, cli):
    failing = fake_tool(tmp_path / "bin", "soffice", "echo 'Error: source file could not be loaded' >&2\nexit 3\n")
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(failing))
    assert build_fails(cli, deck, "deck.yaml", "pdf") == (
        "deck.pdf: LibreOffice failed (exit status 3): Error: source file could not be loaded"
    )


def test_a_conversion_that_writes_no_pdf(deck, tmp_path, monkeypatch, cli):
    silent = fake_tool(tmp_path / "bin", "soffice", "echo 'convert deck.pptx'\nexit 0\n")
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(silent))
    assert build_fails(cli, deck, "deck.yaml", "pdf") == (
        "deck.pdf: LibreOffice did not convert the deck (no PDF written): convert deck.pptx"
    )


@pytest.mark.parametrize("value", ["soon", "0", "-5", "inf"])
def test_a_bad_timeout(deck, tmp_path, monkeypatch, cli, value):
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(fake_tool(tmp_path / "bin", "soffice", "exit 0\n")))
    monkeypatch.setenv("SLIDEKIT_SOFFICE_TIMEOUT", value)
    assert build_fails(cli, deck, "deck.yaml", "pdf") == (
        f"SLIDEKIT_SOFFICE_TIMEOUT: expected a number of seconds above 0; found {value!r}"
    )


def test_the_conversion_gets_a_private_profile_and_its_own_folder(deck, tmp_path, monkeypatch, cli):
    """What LibreOffice is asked to do, recorded by a fake that writes a PDF where it is told to."""
    record = tmp_path / "args"
    script = (
        f'printf "%s\\n" "$@" > {record}\n'
        'while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; done\n'
        'name=$(basename "$1" .pptx)\n'
        'printf "%%PDF-1.6\\n/CreationDate(D:20991231235959Z\')>>\\n" > "$out/$name.pdf"\n'
    )
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(fake_tool(tmp_path / "bin", "soffice", script)))
    result = cli("build", "deck.yaml", "--to", "pdf")
    assert result.exit_code == 0, result.output
    args = record.read_text().splitlines()
    profile = args[0]
    assert profile.startswith("-env:UserInstallation=file:///")
    work = Path(profile.removeprefix("-env:UserInstallation=file://")).parent
    assert not work.exists()  # the temporary folder is gone
    assert deck not in work.parents and args[-1] == str(work / "deck.pptx")
    assert ["--convert-to", "pdf"] == args[args.index("--convert-to"):args.index("--convert-to") + 2]
    assert "--headless" in args
    assert (deck / "deck.pdf").read_bytes() == b"%PDF-1.6\n/CreationDate(D:20000101000000Z')>>\n"
    assert os.stat(deck / "deck.pdf").st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def test_a_failed_conversion_leaves_the_existing_deck_as_it_was(deck, tmp_path, monkeypatch, cli):
    assert cli("build", "deck.yaml").exit_code == 0
    before = (deck / "deck.pptx").read_bytes()
    spec = deck / "deck.yaml"
    text = spec.read_text()
    spec.write_text(text.replace("title: ", "title: Changed - ", 1))
    assert spec.read_text() != text  # the rebuilt deck would differ from the old one
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(fake_tool(tmp_path / "bin", "soffice", "exit 3\n")))
    result = cli("build", "deck.yaml", "--to", "pptx,pdf")
    assert result.exit_code == 2, result.output
    assert (deck / "deck.pptx").read_bytes() == before
    assert not (deck / "deck.pdf").exists()


def test_a_failed_second_conversion_leaves_the_first_output_as_it_was(deck, tmp_path, monkeypatch, cli):
    """--to pdf,png: the PDF converts, pdftoppm then fails; the old PDF (and deck) stay, not a new PDF beside no PNGs."""
    bin_folder = tmp_path / "bin"
    # A PDF that says which deck it came from (its size), so a new one differs from the old.
    soffice = fake_tool(
        bin_folder, "soffice",
        'while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; done\n'
        'printf "%%PDF-1.6 deck of %s bytes\\n" "$(wc -c < "$1")" > "$out/$(basename "$1" .pptx).pdf"\n',
    )
    monkeypatch.setenv("SLIDEKIT_SOFFICE", str(soffice))
    assert cli("build", "deck.yaml", "--to", "pptx,pdf").exit_code == 0
    before = {name: (deck / name).read_bytes() for name in ("deck.pptx", "deck.pdf")}
    spec = deck / "deck.yaml"
    spec.write_text(spec.read_text().replace("title: T", "title: A longer title this week", 1))
    fake_tool(bin_folder, "pdftoppm", "echo 'pdftoppm: broken' >&2\nexit 1\n")
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    result = cli("build", "deck.yaml", "--to", "pptx,pdf,png")
    assert result.exit_code == 2, result.output
    assert "pdftoppm" in result.output
    assert {name: (deck / name).read_bytes() for name in ("deck.pptx", "deck.pdf")} == before
    assert not (deck / "deck-slides").exists()
    assert sorted(p.name for p in deck.iterdir()) == ["deck.pdf", "deck.pptx", "deck.yaml"]  # no temporary files left
