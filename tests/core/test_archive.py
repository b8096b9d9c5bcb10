"""Opening, creating and refusing archive folders; schema versions; the lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.archive import Archive
from desktop.core.locking import ArchiveLocked
from desktop.core.store import SCHEMA_VERSION, ArchiveTooNew, NotAnArchive


def test_new_archive_has_its_layout_and_settings(archive: Archive) -> None:
    assert (archive.folder / "archive.db").is_file()
    assert archive.originals_dir.is_dir()
    assert archive.index_dir.is_dir()
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert archive.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert archive.count() == 0


def test_reopening_keeps_data_and_does_not_migrate_again(archive_dir: Path) -> None:
    with Archive.open(archive_dir) as first:
        first.set_meta("note", {"kept": True})
    with Archive.open(archive_dir) as again:
        assert again.meta("note") == {"kept": True}
        assert again.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_folder_with_other_files_is_not_an_archive(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("hello")
    with pytest.raises(NotAnArchive, match="not a Newsroom Archive"):
        Archive.open(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["letter.txt"]


def test_a_file_is_not_an_archive(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(NotAnArchive, match="is a file"):
        Archive.open(target)


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "foreign"
    folder.mkdir()
    conn = sqlite3.connect(folder / "archive.db")
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAnArchive, match="not a Newsroom Archive"):
        Archive.open(folder)


def test_garbage_database_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "archive.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(NotAnArchive, match="not a readable SQLite database"):
        Archive.open(folder)


def test_archive_from_a_newer_version_is_refused_untouched(archive_dir: Path) -> None:
    with Archive.open(archive_dir):
        pass
    conn = sqlite3.connect(archive_dir / "archive.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = (archive_dir / "archive.db").read_bytes()
    with pytest.raises(ArchiveTooNew, match="newer version"):
        Archive.open(archive_dir)
    with pytest.raises(ArchiveTooNew):
        Archive.open(archive_dir, readonly=True)
    assert (archive_dir / "archive.db").read_bytes() == before


def test_open_without_create_on_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotAnArchive, match="no archive.db"):
        Archive.open(tmp_path / "nowhere", create=False)
    assert not (tmp_path / "nowhere").exists()


def test_second_writer_in_another_process_is_told_the_archive_is_in_use(archive: Archive) -> None:
    code = (
        "import sys\n"
        "from desktop.core.archive import Archive\n"
        "from desktop.core.locking import ArchiveLocked\n"
        "try:\n"
        f"    Archive.open({str(archive.folder)!r})\n"
        "except ArchiveLocked as exc:\n"
        "    print(exc); sys.exit(7)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 7, result.stderr
    assert "open in another running copy" in result.stdout


def test_lock_is_released_on_close(archive_dir: Path) -> None:
    first = Archive.open(archive_dir)
    first.close()
    second = Archive.open(archive_dir)
    second.close()


def test_same_process_second_open_is_locked_too(archive: Archive) -> None:
    with pytest.raises(ArchiveLocked):
        Archive.open(archive.folder)


def test_readonly_open_works_while_another_copy_writes(archive: Archive) -> None:
    with Archive.open(archive.folder, readonly=True) as reader:
        assert reader.count() == 0


def test_default_archive_location_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ARCHIVE_ENV, raising=False)
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    assert paths.resolve_archive_dir() == tmp_path / "data" / "archive"
    monkeypatch.setenv(paths.ARCHIVE_ENV, str(tmp_path / "env-archive"))
    assert paths.resolve_archive_dir() == tmp_path / "env-archive"
    assert paths.resolve_archive_dir(tmp_path / "flag") == tmp_path / "flag"


def test_default_data_dir_is_the_platform_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_data_path

    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    monkeypatch.delenv(paths.ARCHIVE_ENV, raising=False)
    assert paths.default_archive_dir() == user_data_path("NewsroomArchive", appauthor=False) / "archive"


def test_sample_articles_ship_with_the_app() -> None:
    samples = sorted(paths.sample_articles_dir().glob("*.txt"))
    assert len(samples) == 5
