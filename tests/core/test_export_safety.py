"""Export and search on a full disk, exports that were killed, and briefings of enormous paragraphs
(issue 13, cases 7 and 11).

A full disk is simulated honestly in one of two ways, whichever this machine allows:

* a real, small **tmpfs** mounted for the test (``mount -t tmpfs -o size=...``; needs root and
  the mount capability, as in the development sandbox): writes fail with ENOSPC, exactly as on a
  full USB stick;
* otherwise, for the export, a child process with **RLIMIT_FSIZE** set (and SIGXFSZ ignored):
  writes past the limit fail with EFBIG, which the app treats as a full disk.

The search test needs the tmpfs (an index catch-up must run out of room) and is skipped where
mounting is not allowed. A killed export is made by the kernel itself: a child exports under
RLIMIT_FSIZE with SIGXFSZ left at its default, so it is killed in the middle of writing its
temporary file, as a power cut or ``kill -9`` would.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.core.archive import Archive

FAKES = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "fakes_syria" / "articles"


#: The CLI, with SIGXFSZ back at its default (Python ignores it at start-up): the kernel kills
#: the process the moment a write passes RLIMIT_FSIZE.
_KILLABLE_CLI = """
import signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
from desktop.cli import run_cli
sys.exit(run_cli(sys.argv[1:]))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)
    return env


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = _env(tmp_path)

    def runner(*args: str, preexec: Callable[[], None] | None = None,
               killable: bool = False) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", _KILLABLE_CLI] if killable else [sys.executable, "-m", "desktop"]
        return subprocess.run([*command, *args], capture_output=True, text=True,
                              timeout=300, env=env, preexec_fn=preexec)

    return runner


@pytest.fixture
def seeded(tmp_path: Path, seeds_dir: Path, run) -> Path:
    folder = tmp_path / "archive"
    done = run("import", str(seeds_dir), "--archive", str(folder), "-q")
    assert done.returncode == 0, done.stderr
    return folder


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, timeout=30)
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], capture_output=True, timeout=60)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 64 KB tmpfs (None where mounting is not allowed)."""
    folder = tmp_path / "usb-stick"
    mounted = _mount_tmpfs(folder, "64k")
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            _unmount(folder)


def _limit_file_size(limit: int, *, killed: bool) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL if killed else signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("how", ["tmpfs", "file size limit"])
def test_export_to_a_full_disk_says_so_exits_1_and_leaves_nothing(seeded: Path, run, small_disk: Path | None,
                                                                  tmp_path: Path, how: str) -> None:
    if how == "tmpfs" and small_disk is None:
        pytest.skip("cannot mount a tmpfs here; the file size limit variant runs instead")
    if how == "tmpfs":
        assert small_disk is not None
        target_dir, preexec = small_disk, None
        filler = small_disk / "filler.bin"
        filler.write_bytes(b"\0" * 40 * 1024)  # what is left is less than a briefing needs
    else:
        target_dir = tmp_path / "out"
        target_dir.mkdir()
        preexec = _limit_file_size(40 * 1024, killed=False)
    earlier = target_dir / "briefing.docx"
    earlier.write_bytes(b"an earlier export the reporter keeps")
    exported = run("export", "--ids", "1,2,3,4,5", "--full-text", "--out", str(earlier), "--archive", str(seeded),
                   preexec=preexec)
    assert exported.returncode == 1, exported.stdout
    assert "Traceback" not in exported.stderr
    assert "the disk is full" in exported.stderr
    assert _leftovers(target_dir) == []
    assert earlier.read_bytes() == b"an earlier export the reporter keeps"


def test_a_killed_exports_part_file_is_removed_by_the_next_export_and_nothing_else(seeded: Path, run,
                                                                                  tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "briefing.docx"
    killed = run("export", "--ids", "1,2,3,4,5", "--full-text", "--out", str(target), "--archive", str(seeded),
                 preexec=_limit_file_size(40 * 1024, killed=True), killable=True)
    assert killed.returncode == -signal.SIGXFSZ, killed.stderr
    left = _leftovers(out_dir)
    assert len(left) == 1 and not left[0].startswith("."), left  # visible, naming its process
    assert re.fullmatch(r"briefing\.docx\.\d+-[0-9a-f]{8}\.part", left[0])
    assert not target.exists()

    # Not the app's to remove: a user's file, another live export's file, a link.
    (out_dir / "notes.docx.part").write_text("mine")
    live = out_dir / f"other.docx.{os.getpid()}-0badc0de.part"
    live.write_text("being written by a running export")
    (out_dir / "link.docx.999999-deadbeef.part").symlink_to(out_dir / "notes.docx.part")

    again = run("export", "--ids", "1,2", "--out", str(target), "--archive", str(seeded))
    assert again.returncode == 0, again.stderr
    assert zipfile.is_zipfile(target)
    assert _leftovers(out_dir) == sorted(["notes.docx.part", live.name, "link.docx.999999-deadbeef.part"])


@pytest.fixture
def full_archive_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "disk"
    if not _mount_tmpfs(folder, "24m"):
        pytest.skip("cannot mount a tmpfs here: the full-disk search needs a real small filesystem")
    try:
        yield folder
    finally:
        _unmount(folder)


def test_a_search_that_cannot_write_its_catch_up_answers_from_the_committed_index(
    full_archive_disk: Path, seeds_dir: Path, run
) -> None:
    from desktop.core.importing.pipeline import import_paths

    folder = full_archive_disk / "archive"
    assert run("import", str(seeds_dir), "--archive", str(folder), "-q").returncode == 0
    with Archive.open(folder) as archive:  # stories the index has not taken in yet
        import_paths(archive, sorted(str(p) for p in FAKES.glob("*.txt"))[:250])
        pending = archive.count() - 5
    assert pending > 200
    stat = os.statvfs(full_archive_disk)
    room = stat.f_bavail * stat.f_frsize
    (full_archive_disk / "filler.bin").write_bytes(b"\0" * max(0, room - 400 * 1024))

    searched = run("search", "iraq", "--archive", str(folder))
    assert searched.returncode == 0, searched.stderr
    assert "Traceback" not in searched.stderr
    assert "note: the disk is full: the index could not be brought up to date" in searched.stdout
    assert re.search(r"of \d+ articles|\b\d+ articles? \(", searched.stdout)
    assert not list((folder / "index").glob("building-*"))

    (full_archive_disk / "filler.bin").unlink()  # room again: the next search catches up
    caught_up = run("search", "iraq", "--archive", str(folder))
    assert caught_up.returncode == 0 and "disk is full" not in caught_up.stdout


def test_a_one_megabyte_paragraph_is_written_once_in_bounded_paragraphs(tmp_path: Path, libreoffice) -> None:
    """A story stored as one 1 MB paragraph (a PDF without line breaks): its text appears once,
    in paragraphs of bounded size, the lead and summary carry a marked excerpt, and LibreOffice
    converts the briefing (it could not in five minutes when the paragraph was written whole,
    twice)."""
    import random

    from desktop.core.briefing.docx_writer import write_briefing
    from desktop.core.briefing.from_archive import default_summary
    from desktop.core.briefing.model import Briefing, BriefingOptions, BriefingStory, first_paragraph
    from desktop.core.briefing.text import MAX_PARAGRAPH

    rng = random.Random(3)
    words = "the convoy was shelled near the border crossing while ceasefire talks resumed in the capital".split()
    sentences = []
    while sum(map(len, sentences)) < 1_000_000:
        sentences.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + ".")
    body = " ".join(sentences)
    story = BriefingStory(article_id=1, headline="One enormous paragraph", outlet="Wire",
                          lead=first_paragraph(body), full_text=body)
    briefing = Briefing(title="Big", stories=[story], options=BriefingOptions(full_text=True))
    briefing.summary = default_summary(briefing)
    out = write_briefing(briefing, tmp_path / "big.docx")

    from docx import Document

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert max(map(len, texts)) <= MAX_PARAGRAPH
    written = "".join(texts)
    assert len(written) < 1.05 * len(body)  # once, not twice
    assert written.count(body[:120]) <= 3  # the full text, plus the lead's excerpt in story and summary
    assert any(t.endswith("[\u2026]") for t in texts)  # the shortened lead is marked
    story_text = " ".join(t for t in texts if t and t in body)
    assert len(story_text) > 0.95 * len(body)  # nothing of the story was dropped
    assert libreoffice(out).stat().st_size > 1000


def test_export_works_while_the_app_has_the_archive_open(seeded: Path, run, tmp_path: Path) -> None:
    """Exporting only reads: it must not be refused because another copy holds the archive."""
    out = tmp_path / "briefing.docx"
    with Archive.open(seeded):  # this process holds the archive, as the running app would
        done = run("export", "--query", "Kataib", "--out", str(out), "--archive", str(seeded))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as package:
        assert "Kataib" in package.read("word/document.xml").decode("utf-8")
