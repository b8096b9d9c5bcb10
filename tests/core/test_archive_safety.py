"""An archive folder that is damaged or hostile never loses work and never touches files outside
it (issue 13, cases 1, 2, 4, 5 and the archive parts of 11).

Each test builds the damage itself on a real archive made by the real CLI, runs the commands a
reporter runs, and asserts what they print and that nothing was lost or touched.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import selftest
from desktop.core.archive import Archive, ArchiveDamaged, UnsafeArchive

from .damage_kit import (
    cli,
    drop_file_permission_override,
    drop_wal,
    flip_table_pages,
    originals,
    plant_original,
    set_writable,
    tree,
)

RECOVER = "newsroom-archive recover"


@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)
    return cli(env)


@pytest.fixture
def seeded(run, tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "archive"
    done = run("import", str(seeds_dir), "--archive", str(folder), "--quiet")
    assert done.returncode == 0, done.stderr
    drop_wal(folder)
    return folder


@pytest.fixture
def larger(run, tmp_path: Path, corpora_dir: Path) -> Path:
    """60 real stories: enough pages that a flipped bit hits articles, not only the header."""
    files = sorted((corpora_dir / "fakes_syria" / "articles").iterdir())[:60]
    folder = tmp_path / "larger"
    done = run("import", *map(str, files), "--archive", str(folder), "--quiet")
    assert done.returncode == 0, done.stderr
    drop_wal(folder)
    return folder


def _refused_for_damage(done, what: str) -> None:
    assert done.returncode == 3, done.stdout + done.stderr
    assert what in done.stderr and RECOVER in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


# -- case 1: a database that is empty, missing, cut short or bit-flipped ---------------------------

@pytest.mark.parametrize("damage", ["empty", "missing", "truncated"])
def test_a_lost_database_is_refused_by_every_command_and_nothing_is_lost(run, seeded: Path, seeds_dir: Path,
                                                                          damage: str) -> None:
    db = seeded / "archive.db"
    if damage == "empty":
        db.write_bytes(b"")
        what = "archive.db is empty (0 bytes)"
    elif damage == "missing":
        db.unlink()
        what = "archive.db is missing, but originals/ holds 5 stored file(s)"
    else:
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 2 + 100])
        what = "archive.db is cut short"
    before = tree(seeded)
    for command in (["list"], ["search", "militia"], ["show", "1"], ["check"], ["check", "--repair"],
                    ["import", str(seeds_dir)], ["saved", "list"], ["reindex"]):
        _refused_for_damage(run(*command, "--archive", str(seeded)), what)
    with pytest.raises(ArchiveDamaged, match="recover"):  # the GUI opens through the same door
        Archive.open(seeded)
    with pytest.raises(ArchiveDamaged):
        Archive.open(seeded, readonly=True)
    assert tree(seeded) == before, "a refused open must change nothing (no new empty database)"


def test_a_bit_flipped_database_says_it_is_damaged_and_check_repair_keeps_every_original(run, larger: Path) -> None:
    kept = originals(larger)
    assert flip_table_pages(larger / "archive.db", "articles")
    listed = run("list", "--limit", "1000", "--archive", str(larger))
    _refused_for_damage(listed, "damaged")
    checked = run("check", "--archive", str(larger))
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    assert "damaged" in checked.stdout and RECOVER in checked.stdout
    repaired = run("check", "--repair", "--archive", str(larger))
    assert repaired.returncode == 1 and "Traceback" not in repaired.stderr, repaired.stderr
    assert "none was touched" in repaired.stdout
    assert originals(larger) == kept
    assert not (larger / "quarantine").exists() or not any((larger / "quarantine").rglob("originals"))


def test_check_repair_moves_leftovers_into_a_dated_quarantine_and_lists_them(run, seeded: Path) -> None:
    orphan = plant_original(seeded, b"an original whose article was never committed")
    (seeded / "originals" / ".incoming").mkdir(exist_ok=True)
    (seeded / "originals" / ".incoming" / "half-written").write_bytes(b"half")
    (seeded / "index" / "building-4242").mkdir()
    (seeded / "index" / "building-4242" / "seg").write_bytes(b"x")
    (seeded / ".briefing.docx.part").write_bytes(b"PK")
    checked = run("check", "--archive", str(seeded))
    assert checked.returncode == 0, checked.stdout
    for words in ("belong to no article", "index/building-4242", ".briefing.docx.part", "partly written original"):
        assert words in checked.stdout, checked.stdout
    repaired = run("check", "--repair", "--archive", str(seeded))
    assert repaired.returncode == 0, repaired.stdout
    moved = [line for line in repaired.stdout.splitlines() if line.startswith("fixed  moved ")]
    assert len(moved) == 2, repaired.stdout
    # A partly written original is a temporary copy of a file still being imported, and a half
    # built index is derived data: opening the archive for writing removes both (check said so).
    assert not list((seeded / "originals" / ".incoming").iterdir())
    assert not (seeded / "index" / "building-4242").exists()
    assert not orphan.exists()
    [kept] = list((seeded / "quarantine").glob(f"*-repair/originals/{orphan.parent.name}/{orphan.name}"))
    assert kept.read_bytes() == b"an original whose article was never committed"
    after = run("check", "--archive", str(seeded))
    assert after.returncode == 0 and "OK: 5 articles, 5 originals verified" in after.stdout
    assert "quarantine/ holds 1 folder(s)" in after.stdout and "2 file(s)" in after.stdout
    assert "belong to no article" not in after.stdout and "building-" not in after.stdout


def test_the_interrupted_import_note_goes_after_a_finished_import_and_after_a_repair(run, seeded: Path,
                                                                                    seeds_dir: Path) -> None:
    def interrupt() -> None:  # what a killed import leaves: a batch that never finished
        conn = sqlite3.connect(seeded / "archive.db")
        conn.execute("INSERT INTO import_batches(started_at) VALUES ('2026-01-01T00:00:00+00:00')")
        conn.commit()
        conn.close()

    interrupt()
    assert "was interrupted" in run("check", "--archive", str(seeded)).stdout
    assert run("import", str(seeds_dir), "--archive", str(seeded), "--quiet").returncode == 0
    assert "interrupted" not in run("check", "--archive", str(seeded)).stdout
    interrupt()
    repaired = run("check", "--repair", "--archive", str(seeded))
    assert "closed the record of interrupted import" in repaired.stdout
    assert "interrupted" not in run("check", "--archive", str(seeded)).stdout


# -- case 2: links out of the archive ------------------------------------------------------------

def test_links_inside_a_received_archive_are_refused_and_outside_files_stay_untouched(
        run, seeded: Path, tmp_path: Path, seeds_dir: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.txt").write_bytes(b"a reporter's notes")
    (outside / "passwords").write_bytes(b"secret\n")
    before = tree(outside)
    shutil.rmtree(seeded / "originals" / ".incoming", ignore_errors=True)
    (seeded / "originals" / ".incoming").symlink_to(outside, target_is_directory=True)
    for command in (["search", "militia"], ["list"], ["check", "--repair"], ["import", str(seeds_dir)]):
        done = run(*command, "--archive", str(seeded))
        assert done.returncode == 3 and "originals/.incoming is a symbolic link" in done.stderr, done.stderr
    with pytest.raises(UnsafeArchive):
        Archive.open(seeded)
    assert tree(outside) == before
    (seeded / "originals" / ".incoming").unlink()

    (seeded / "archive.lock").unlink(missing_ok=True)
    (seeded / "archive.lock").symlink_to(outside / "passwords")
    for command in (["search", "militia"], ["import", str(seeds_dir)], ["list"]):
        done = run(*command, "--archive", str(seeded))
        assert done.returncode == 3 and "archive.lock is a symbolic link" in done.stderr, done.stderr
    with pytest.raises(UnsafeArchive):
        Archive.open(seeded)
    assert tree(outside) == before
    (seeded / "archive.lock").unlink()

    shard = next(p for p in (seeded / "originals").iterdir() if p.name != ".incoming")
    shutil.move(str(shard), str(outside / shard.name))
    shard.symlink_to(outside / shard.name, target_is_directory=True)
    before = tree(outside)
    done = run("import", str(seeds_dir), "--archive", str(seeded))
    assert done.returncode == 3 and f"originals/{shard.name} is a symbolic link" in done.stderr
    assert tree(outside) == before


# -- case 4: text that is not valid UTF-8 --------------------------------------------------------

def test_text_that_is_not_utf8_is_shown_with_replacement_characters_and_flagged_by_check(
        run, seeded: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(seeded / "archive.db")
    conn.execute("UPDATE articles SET headline = CAST(x'4d696c69746961ff20737472696b65' AS TEXT), "
                 "body = body || CAST(x'20c328ff' AS TEXT) WHERE id = 2")
    conn.commit()
    conn.close()
    listed = run("list", "--archive", str(seeded))
    assert listed.returncode == 0 and "Militia\ufffd strike" in listed.stdout, listed.stderr
    shown = run("show", "2", "--archive", str(seeded))
    assert shown.returncode == 0 and "Militia\ufffd strike" in shown.stdout, shown.stderr
    assert run("reindex", "--archive", str(seeded)).returncode == 0
    found = run("search", "militia", "--archive", str(seeded))
    assert found.returncode == 0 and "#2" in found.stdout, found.stderr
    out = tmp_path / "briefing.docx"
    exported = run("export", "--ids", "1,2", "--out", str(out), "--archive", str(seeded))
    assert exported.returncode == 0 and out.stat().st_size > 0, exported.stderr
    checked = run("check", "--archive", str(seeded))
    assert checked.returncode == 1
    assert "articles row 2 (article #2), column headline: the text is not valid UTF-8" in checked.stdout
    assert "articles row 2 (article #2), column body" in checked.stdout


# -- case 5: read-only media ---------------------------------------------------------------------

def test_a_read_only_archive_can_be_searched_listed_shown_and_exported(run, seeded: Path, tmp_path: Path,
                                                                       seeds_dir: Path) -> None:
    assert run("search", "militia", "--archive", str(seeded)).returncode == 0  # the index is current
    drop_wal(seeded)
    before = tree(seeded)
    set_writable(seeded, False)
    try:
        readonly = drop_file_permission_override
        probe = run("import", str(seeds_dir), "--archive", str(seeded), preexec=readonly)
        assert probe.returncode == 3, probe.stdout + probe.stderr
        assert "is read-only" in probe.stderr and "`import` needs to change it" in probe.stderr
        listed = run("list", "--archive", str(seeded), preexec=readonly)
        assert listed.returncode == 0 and "5 articles" in listed.stdout, listed.stderr
        shown = run("show", "3", "--no-body", "--archive", str(seeded), preexec=readonly)
        assert shown.returncode == 0 and "Article #3" in shown.stdout, shown.stderr
        found = run("search", "militia", "--archive", str(seeded), preexec=readonly)
        assert found.returncode == 0 and "of 5 articles" in found.stdout, found.stdout + found.stderr
        out = tmp_path / "out" / "briefing.docx"
        out.parent.mkdir()
        exported = run("export", "--ids", "1,2", "--out", str(out), "--archive", str(seeded), preexec=readonly)
        assert exported.returncode == 0 and out.is_file(), exported.stdout + exported.stderr
        repair = run("check", "--repair", "--archive", str(seeded), preexec=readonly)
        assert repair.returncode == 3 and "`check` needs to change it" in repair.stderr
    finally:
        set_writable(seeded, True)
    assert tree(seeded) == before


# -- case 11: --self-test --archive looks at the archive -----------------------------------------

def test_self_test_with_a_broken_archive_fails_and_says_why(seeded: Path) -> None:
    (seeded / "archive.db").write_bytes(b"")
    out = io.StringIO()
    assert selftest.run_self_test(out, archive=str(seeded)) == 1
    report = out.getvalue()
    assert "FAIL archive" in report and "archive.db is empty" in report
    assert (seeded / "archive.db").read_bytes() == b""


def test_self_test_with_a_healthy_archive_checks_it(seeded: Path) -> None:
    out = io.StringIO()
    assert selftest.run_self_test(out, archive=str(seeded)) == 0
    assert "ok   archive" in out.getvalue() and "5 articles, 5 originals verified" in out.getvalue()


def test_check_repair_leaves_originals_whose_articles_were_lost_and_points_to_recover(run, seeded: Path) -> None:
    """A database that reads but lost its articles (replaced by an empty one, say) does not prove
    the originals unneeded: repair moves none of them, and recover reads them in again."""
    kept = originals(seeded)
    conn = sqlite3.connect(seeded / "archive.db")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM articles")
    conn.commit()
    conn.close()
    for n in range(25):  # and crash leftovers on top, more than a tenth of nothing (images)
        plant_original(seeded, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes([n]) * 64)
    repaired = run("check", "--repair", "--archive", str(seeded))
    assert repaired.returncode == 1, repaired.stdout
    assert "30 stored original(s) belong to no article" in repaired.stdout and "Nothing was moved" in repaired.stdout
    assert "newsroom-archive recover" in repaired.stdout
    assert all(path in originals(seeded) for path in kept) and not (seeded / "quarantine").exists()
    recovered = run("recover", "--archive", str(seeded))
    assert "rebuilt 5 article(s)" in recovered.stdout, recovered.stdout + recovered.stderr
    assert "5 articles" in run("list", "--archive", str(seeded)).stdout


def test_a_linked_trash_folder_is_refused(run, seeded: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (seeded / "trash").symlink_to(outside, target_is_directory=True)
    done = run("list", "--archive", str(seeded))
    assert done.returncode == 3 and "trash is a symbolic link" in done.stderr
    assert list(outside.iterdir()) == []


def test_an_archive_on_a_full_disk_says_the_disk_is_full_not_damaged(run, tmp_path: Path, seeds_dir: Path) -> None:
    """A full disk makes SQLite fail to create its journal ("disk I/O error"): that is not damage,
    and the advice must be to free space, not to run recover. Needs a small real tmpfs (root)."""
    import shutil
    import subprocess

    disk = tmp_path / "usb-stick"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                             capture_output=True, timeout=30).returncode == 0 if shutil.which("mount") else False
    if not mounted:
        pytest.skip("cannot mount a tmpfs here")
    try:
        folder = disk / "archive"
        assert run("import", str(seeds_dir), "--archive", str(folder), "--quiet").returncode == 0
        drop_wal(folder)
        with open(disk / "filler.bin", "wb") as filler:  # fill the disk to the last byte
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        done = run("search", "Kataib", "--archive", str(folder))
        assert done.returncode == 3, done.stdout + done.stderr
        assert "is full" in done.stderr and "recover" not in done.stderr, done.stderr
        (disk / "filler.bin").unlink()
        assert run("search", "Kataib", "--archive", str(folder)).returncode == 0
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True, timeout=60)
