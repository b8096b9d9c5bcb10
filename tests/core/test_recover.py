"""``newsroom-archive recover``: a damaged archive comes back from what its database still holds
and from its stored originals, and the report says what came back (issue 13, case 3; case 7's
restore of an altered original).

Every test damages a real archive itself, runs ``recover`` as a reporter would, then checks with
the ordinary commands that the articles are back, searchable and whole, and that the damaged
database was moved aside, not deleted.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from desktop import selftest
from desktop.core.archive import Archive
from desktop.core.recovery import sniff_extension

from .damage_kit import cli, drop_wal, flip_table_pages, originals, plant_original


@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)
    return cli(env)


def _make(run, folder: Path, *paths: Path) -> Path:
    done = run("import", *map(str, paths), "--archive", str(folder), "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    drop_wal(folder)
    return folder


def _articles(folder: Path) -> dict[str, tuple]:
    """content hash -> (headline, body, original_format) of every article."""
    conn = sqlite3.connect(folder / "archive.db")
    try:
        return {row[0]: tuple(row[1:]) for row in conn.execute(
            "SELECT content_hash, headline, body, original_format FROM articles")}
    finally:
        conn.close()


def _recover(run, folder: Path) -> tuple[int, dict]:
    done = run("recover", "--json", "--archive", str(folder))
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout)


def test_an_emptied_database_is_rebuilt_from_every_original_of_every_format(run, tmp_path: Path,
                                                                            seeds_dir: Path) -> None:
    formats = selftest._write_format_files(tmp_path / "formats")
    folder = _make(run, tmp_path / "archive", seeds_dir, *formats)
    before = _articles(folder)
    kept = originals(folder)
    assert len(before) == 10
    (folder / "archive.db").write_bytes(b"")

    code, report = _recover(run, folder)
    assert code == 1, "an emptied database lost the work done in the app: not everything came back"
    assert len(report["rebuilt"]) == 10 and not report["unreadable"]
    assert report["articles"] == 10 and report["indexed"] == 10
    after = _articles(folder)
    assert set(after) == set(before), "every original is an article again"
    for digest, (headline, body, fmt) in before.items():
        assert after[digest][1] == body, f"{fmt}: the text read again differs"
        assert after[digest][2] == ("txt" if fmt == "md" else fmt)
    assert originals(folder) == kept
    [old] = list((folder / "quarantine").glob("*-recover/archive.db"))
    assert old.read_bytes() == b""  # moved aside, never deleted
    assert any("archive.db" in line for line in report["quarantined"])

    found = run("search", "convoy", "Kirkuk", "--archive", str(folder))
    assert found.returncode == 0, found.stdout + found.stderr
    assert "Aid convoy reaches Kirkuk (HTML self-test)" in found.stdout
    checked = run("check", "--archive", str(folder))
    assert checked.returncode == 0 and "OK: 10 articles, 10 originals verified" in checked.stdout


def test_a_bit_flipped_database_keeps_what_reads_and_rebuilds_the_rest(run, tmp_path: Path,
                                                                       corpora_dir: Path) -> None:
    files = sorted((corpora_dir / "fakes_syria" / "articles").iterdir())[:80]
    folder = _make(run, tmp_path / "archive", *files)
    before = _articles(folder)
    conn = sqlite3.connect(folder / "archive.db")
    conn.execute("UPDATE articles SET headline = 'Edited by the desk ' || id")
    conn.commit()
    conn.close()
    assert flip_table_pages(folder / "archive.db", "articles")
    damaged = (folder / "archive.db").read_bytes()
    assert run("list", "--limit", "1000", "--archive", str(folder)).returncode == 3

    code, report = _recover(run, folder)
    assert code == 1 and report["damaged_stretches"], "the report must say what could not be read"
    assert report["salvaged"]["articles"] > 0 and report["rebuilt"], report
    assert report["salvaged"]["articles"] + len(report["rebuilt"]) + len(report["duplicates"]) == len(before)
    after = _articles(folder)
    assert set(after) == set(before), "every article came back, from the database or its original"
    assert {digest: row[1] for digest, row in after.items()} == {d: r[1] for d, r in before.items()}
    edited = [row[0] for row in after.values() if row[0].startswith("Edited by the desk ")]
    assert len(edited) == report["salvaged"]["articles"], "a salvaged row keeps the desk's edit"
    [old] = list((folder / "quarantine").glob("*-recover/archive.db"))
    assert old.read_bytes() == damaged
    checked = run("check", "--archive", str(folder))
    assert checked.returncode == 0, checked.stdout
    assert run("search", "Aleppo", "--archive", str(folder)).returncode == 0


def test_a_healthy_archive_comes_back_whole_with_its_edits(run, tmp_path: Path, seeds_dir: Path) -> None:
    folder = _make(run, tmp_path / "archive", seeds_dir)
    conn = sqlite3.connect(folder / "archive.db")
    conn.execute("UPDATE articles SET headline = 'Edited by the desk' WHERE id = 3")
    conn.commit()
    mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    conn.close()
    code, report = _recover(run, folder)
    assert code == 0, report
    assert report["salvaged"]["articles"] == 5 and not report["rebuilt"] and report["ok"]
    shown = run("show", "3", "--no-body", "--archive", str(folder))
    assert "Edited by the desk" in shown.stdout
    conn = sqlite3.connect(folder / "archive.db")
    assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions
    conn.close()
    text = run("recover", "--archive", str(folder))
    assert text.returncode == 0 and "salvaged 5 row(s) of articles" in text.stdout
    assert "recovered: 5 articles" in text.stdout


def test_a_missing_database_and_an_unreadable_original_are_reported(run, tmp_path: Path, seeds_dir: Path) -> None:
    folder = _make(run, tmp_path / "archive", seeds_dir)
    junk = plant_original(folder, bytes(range(256)) * 64)  # binary that no importer reads
    altered = next(p for p in (folder / "originals").glob("??/*") if p != junk)
    altered.write_bytes(altered.read_bytes() + b" tampered")
    (folder / "archive.db").unlink()
    done = run("recover", "--archive", str(folder))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no database was found" in done.stdout
    assert "rebuilt 4 article(s)" in done.stdout
    assert f"could not read original {junk.relative_to(folder)}: its format could not be recognised" in done.stdout
    assert f"could not read original {altered.relative_to(folder)}: its bytes no longer match" in done.stdout
    assert junk.exists() and altered.exists(), "what cannot be read stays where it is"
    assert run("list", "--archive", str(folder)).returncode == 0


def test_recover_refuses_an_archive_that_is_open_in_another_copy(run, tmp_path: Path, seeds_dir: Path) -> None:
    folder = _make(run, tmp_path / "archive", seeds_dir)
    with Archive.open(folder):
        done = run("recover", "--archive", str(folder))
    assert done.returncode == 3 and "open in another running copy" in done.stderr
    assert not (folder / "quarantine").exists()


def test_reimporting_restores_a_missing_or_altered_original_and_check_repair_restores_from_the_source(
        run, tmp_path: Path, seed_files: dict[str, Path]) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(seed_files["001"].read_bytes())
    folder = _make(run, tmp_path / "archive", source)
    [stored] = list((folder / "originals").glob("??/*"))
    good = stored.read_bytes()

    stored.write_bytes(good[:-10] + b"tampered!!")
    assert "has been altered" in run("check", "--archive", str(folder)).stdout
    repaired = run("check", "--repair", "--archive", str(folder))
    assert repaired.returncode == 0 and "restored the original of article #1" in repaired.stdout
    assert stored.read_bytes() == good
    assert list((folder / "quarantine").glob(f"*-altered-original/originals/{stored.parent.name}/{stored.name}"))

    stored.unlink()
    with Archive.open(folder) as archive:  # what a re-import's duplicate path calls
        archive.write_original(good, stored.name)
    assert stored.read_bytes() == good
    assert run("check", "--archive", str(folder)).returncode == 0


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.4\n...", ".pdf"),
    (b"<!DOCTYPE html><html><body>x</body></html>", ".html"),
    (b"  <html lang='en'><p>x</p></html>", ".html"),
    (b"From: Desk <d@example.org>\nSubject: Strikes\nDate: Tue, 10 Mar 2020\n\nBody", ".eml"),
    (b"Baghdad (Reuters) - Rockets hit the base.\nSecond line", ".txt"),
    (b"Headline: not mail\nBody text follows here", ".txt"),
    (bytes(range(256)) * 8, None),
])
def test_originals_without_a_name_are_recognised_by_their_first_bytes(data: bytes, expected: str | None) -> None:
    assert sniff_extension(data) == expected


def test_recover_leaves_an_archive_from_a_newer_app_alone(run, tmp_path: Path, seeds_dir: Path) -> None:
    folder = _make(run, tmp_path / "archive", seeds_dir)
    conn = sqlite3.connect(folder / "archive.db")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = (folder / "archive.db").read_bytes()
    done = run("recover", "--archive", str(folder))
    assert done.returncode == 3 and "newer version" in done.stderr
    assert (folder / "archive.db").read_bytes() == before
