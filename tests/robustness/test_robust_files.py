"""Catalog, files: where the deck goes and where the spec comes from.

A missing or read-only output folder, an output whose parent is a file, an
output that is a folder or one of the build's own inputs, a spec path that is a
folder. Each is an error before anything is written, and an existing deck
survives every failed build byte for byte.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from robust_helpers import CHART, CSV

BULLETS = "title: T\nslides: [{bullets: [a], title: b}]\n"


@pytest.fixture
def read_only_folder(project):
    """A folder of the project that cannot be written, holding last week's deck.

    Tests run as root, which ignores permissions, so the folder is bind-mounted
    read-only onto itself; a normal user gets chmod 555 instead.
    """
    folder = project.folder / "ro"
    folder.mkdir()
    (folder / "old.pptx").write_bytes(b"last week's deck")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = _succeeds("mount", "--bind", str(folder), str(folder))
    if mounted and not _succeeds("mount", "-o", "remount,bind,ro", str(folder)):
        _succeeds("umount", str(folder))
        mounted = False
    if not mounted:
        pytest.skip("running as root without the right to bind-mount a read-only folder")
    try:
        yield folder
    finally:
        _succeeds("umount", str(folder))


def _succeeds(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False, timeout=30).returncode == 0


def test_an_output_folder_that_does_not_exist_is_made(project):
    project.spec(BULLETS)
    project.build("-o", "out/decks/deck.pptx", "--to", "pptx,md")
    assert (project.folder / "out/decks/deck.pptx").is_file()
    assert (project.folder / "out/decks/deck.md").is_file()


@pytest.mark.parametrize(
    "args",
    [("--to", "md", "--to", "html"), ("--to", "md,html"), ("--to", "md, html", "--to", "md"),
     ("--to", "md,", "--to", "html")],
)
def test_to_takes_repeats_and_comma_lists_alike(project, args):
    project.spec(BULLETS)
    outcome = project.build(*args)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.startswith("wrote deck.md, deck.html (")
    assert sorted(outcome.created) == ["deck.html", "deck.md"]


def test_an_unknown_format_lists_the_known_ones(project):
    project.spec(BULLETS)
    assert project.errors("--to", "md", "--to", "docx") == [
        "slidekit: error: --to: expected one or more of pptx, pdf, png, md, html; found docx"
    ]


def test_a_failed_build_makes_no_output_folder(project):
    project.spec(BULLETS + "bogus: 1\n")
    project.errors("-o", "out/deck.pptx")
    assert not (project.folder / "out").exists()


def test_output_whose_parent_is_a_file(project):
    project.write("out", "a file, not a folder")
    project.spec(BULLETS)
    assert project.errors("-o", "out/deck.pptx") == [
        "slidekit: error: out/deck.pptx: out is a file; expected a folder to write in"
    ]


def test_output_that_is_a_folder(project):
    (project.folder / "decks").mkdir()
    project.spec(BULLETS)
    assert project.errors("-o", "decks") == [
        "slidekit: error: decks: is a folder; expected a file path for the deck"
    ]


def test_output_folder_named_like_a_deck(project):
    (project.folder / "deck.pptx").mkdir()
    project.spec(BULLETS)
    assert project.errors() == ["slidekit: error: deck.pptx: is a folder; expected a file path for the deck"]


def test_read_only_output_folder_keeps_the_old_deck(project, read_only_folder):
    project.spec(BULLETS)
    assert project.errors("-o", "ro/old.pptx") == [
        "slidekit: error: ro/old.pptx: cannot write here: Read-only file system"
        if os.geteuid() == 0 else "slidekit: error: ro/old.pptx: cannot write here: Permission denied"
    ]
    assert (read_only_folder / "old.pptx").read_bytes() == b"last week's deck"
    assert os.listdir(read_only_folder) == ["old.pptx"]


def test_spec_path_that_is_a_folder(project):
    (project.folder / "week12.yaml").mkdir()
    assert project.errors(name="week12.yaml") == [
        "slidekit: error: week12.yaml: is a folder; expected a YAML spec file"
    ]


def test_spec_that_does_not_exist(project):
    assert project.errors(name="week13.yaml") == ["slidekit: error: week13.yaml: no such file"]


@pytest.mark.parametrize(
    ("spec", "files", "output"),
    [
        pytest.param(BULLETS, {}, "deck.yaml", id="the-spec"),
        pytest.param(CHART, {"t.csv": CSV}, "t.csv", id="a-data-file"),
        pytest.param(
            CHART.replace("  t: t.csv", "  t:\n    path: t.csv"), {"t.csv": CSV}, "../project/t.csv", id="a-data-path"
        ),
        pytest.param("title: T\nslides:\n  - prompt: p.txt\n", {"p.txt": "Hi"}, "p.txt", id="a-prompt-file"),
        pytest.param(
            "title: T\nslides:\n  - prompt: {file: prompts/p.txt}\n", {"prompts/p.txt": "Hi"}, "prompts/p.txt",
            id="a-prompt-file-key",
        ),
        pytest.param(
            "title: T\nrecap: {from: week11.yaml}\nslides: [{bullets: [a], title: b}]\n",
            {"week11.yaml": BULLETS}, "week11.yaml", id="last-weeks-spec",
        ),
    ],
)
def test_output_that_would_overwrite_an_input(project, spec, files, output):
    for name, content in files.items():
        project.write(name, content)
    project.spec(spec)
    assert project.errors("-o", output) == [
        f"slidekit: error: {output}: the output would overwrite an input file; choose another -o path"
    ]


def test_failed_build_keeps_the_existing_deck_and_leaves_no_temporary_file(project):
    project.write("t.csv", CSV)
    project.spec(CHART)
    project.deck()
    before = (project.folder / "deck.pptx").read_bytes()
    project.write("t.csv", "family,cue,correct\nITC,a,right\n")  # the eval was rerun and broke
    assert project.errors() == [
        "slidekit: error: deck.yaml:8: slides[0].y: column 'correct' in t.csv: expected numbers or 0/1 values; "
        "found text ('right')"
    ]
    assert (project.folder / "deck.pptx").read_bytes() == before


def test_rebuild_replaces_the_deck_and_leaves_no_temporary_file(project):
    project.spec(BULLETS)
    project.deck()
    project.spec(BULLETS.replace("title: b", "title: c"))
    deck = project.deck()
    assert deck.slides[1].shapes.title.text_frame.text == "c"
    assert sorted(p.name for p in project.folder.iterdir()) == ["deck.pptx", "deck.yaml"]


def test_output_through_a_symlink_to_an_input_is_refused(project):
    project.write("p.txt", "Hi")
    (project.folder / "deck.pptx").symlink_to("p.txt")
    project.spec("title: T\nslides:\n  - prompt: p.txt\n")
    assert project.errors() == [
        "slidekit: error: deck.pptx: the output would overwrite an input file; choose another -o path"
    ]
    assert (project.folder / "p.txt").read_text() == "Hi"


def test_spec_in_another_folder(project):
    project.write("week12/deck.yaml", BULLETS)
    deck = project.deck(name="week12/deck.yaml", output="week12/out.pptx")
    assert len(deck.slides) == 2
