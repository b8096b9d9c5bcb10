"""Importing files and folders into a real archive: records, originals, duplicates, progress."""

from __future__ import annotations

import codecs
import hashlib
import shutil
import threading
from pathlib import Path

from desktop.core.archive import Archive
from desktop.core.checking import check_archive
from desktop.core.importing.pipeline import import_paths
from desktop.core.importing.report import Status

ARTICLE = (
    "Rockets hit Baghdad's Green Zone\n\n"
    "BAGHDAD (Reuters) - Three rockets struck near the U.S. embassy in Baghdad on Sunday, "
    "security sources said, the latest in a series of attacks on the fortified district.\n\n"
    "No group claimed responsibility for the attack, which caused no casualties.\n"
)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_seeds_import_with_metadata_and_byte_exact_originals(archive: Archive, seeds_dir: Path) -> None:
    report = import_paths(archive, [seeds_dir])
    assert [o.status for o in report.outcomes] == [Status.IMPORTED] * 5
    assert archive.count() == 5
    by_name = {a.original_name[:3]: a for a in archive.list(limit=10)}
    assert by_name["001"].headline == "US Hits Back in Iraq, Targeting Militia Behind Deadly Rocket Attack"
    assert by_name["001"].byline == ["Carla Babb", "Jeff Seldin"]
    assert by_name["001"].pub_date is not None and by_name["001"].pub_date.iso() == "2020-03-12"
    assert by_name["002"].pub_date is not None and by_name["002"].pub_date.iso() == "2020-03-13"
    assert by_name["003"].headline is None and "headline" in by_name["003"].needs_review
    assert by_name["004"].outlet == "MPR News"
    for article in by_name.values():
        source = seeds_dir / article.original_name
        original = archive.original_path(article.content_hash)
        assert original.read_bytes() == source.read_bytes()
        assert hashlib.sha256(original.read_bytes()).hexdigest() == article.content_hash
        assert article.word_count > 300
        assert article.original_format == "txt"
    assert check_archive(archive).ok


def test_same_bytes_again_is_a_duplicate_and_not_stored_twice(archive: Archive, tmp_path: Path) -> None:
    first = write(tmp_path / "in", "story.txt", ARTICLE)
    copy = write(tmp_path / "in2", "renamed copy.txt", ARTICLE)
    import_paths(archive, [first])
    report = import_paths(archive, [copy])
    (outcome,) = report.outcomes
    assert outcome.status is Status.DUPLICATE
    assert outcome.reason.startswith("same file as #1")
    assert archive.count() == 1
    assert len(list(archive.originals_dir.glob("??/*"))) == 1


def test_same_article_in_other_bytes_is_recognised_as_duplicate(archive: Archive, tmp_path: Path) -> None:
    import_paths(archive, [write(tmp_path, "a.txt", ARTICLE)])
    variants = {
        "crlf.txt": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        "utf16.txt": ARTICLE.encode("utf-16"),
        "bom.txt": codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        "spacing.txt": ("  " + ARTICLE.replace(" ", "  ").replace("\n\n", "\n\n\n") + "\n\n").encode(),
        "cp1252.txt": ARTICLE.replace("'", "\u2019").encode("cp1252"),
    }
    for name, data in variants.items():
        write(tmp_path / "variants", name, data)
    report = import_paths(archive, [tmp_path / "variants"])
    assert {o.path.rsplit("/", 1)[-1]: o.status for o in report.outcomes} == {
        name: Status.DUPLICATE for name in variants
    }
    assert all("different bytes" in o.reason for o in report.outcomes)
    assert archive.count() == 1


def test_folders_are_walked_recursively_skipping_hidden_and_system_files(archive: Archive, tmp_path: Path) -> None:
    root = tmp_path / "drop"
    write(root, "one.txt", ARTICLE)
    write(root, "sub/deeper/two.md", "# Second story\n\nA different article about Mosul and the dam.\n")
    write(root, ".hidden.txt", "hidden article text that should not be imported")
    write(root, ".git/config.txt", "not an article")
    write(root, "Thumbs.db", b"\x00\x01")
    write(root, "~$draft.docx", b"lock")
    write(root, "photo.jpg", b"\xff\xd8\xff\xe0")
    report = import_paths(archive, [root])
    statuses = {Path(o.path).name: (o.status, o.reason) for o in report.outcomes}
    ids = {Path(o.path).name: o.article_id for o in report.outcomes}
    assert statuses["one.txt"][0] is Status.IMPORTED
    assert statuses["two.md"][0] is Status.IMPORTED
    assert statuses["photo.jpg"] == (Status.SKIPPED, "skipped: not an article format (.jpg)")
    assert set(statuses) == {"one.txt", "two.md", "photo.jpg"}
    assert archive.get(ids["two.md"] or 0).headline == "Second story"  # type: ignore[union-attr]


def test_progress_reports_each_file_and_the_end(archive: Archive, seeds_dir: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    import_paths(archive, [seeds_dir], progress=lambda d, t, c: calls.append((d, t, c)))
    assert [c[:2] for c in calls] == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert calls[0][2].endswith("000_d918bb49963c7c78.txt")
    assert calls[-1][2] == ""


def test_cancel_stops_after_the_current_file_and_keeps_what_was_done(
    archive: Archive, seeds_dir: Path
) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int, current: str) -> None:
        if done == 2:
            cancel.set()  # set while file 3 is about to be read: it still completes

    report = import_paths(archive, [seeds_dir], progress=progress, cancel=cancel)
    assert report.cancelled
    assert report.imported == 3
    assert archive.count() == 3
    assert "cancelled" in report.summary()
    assert check_archive(archive).ok

    again = import_paths(archive, [seeds_dir])
    assert [o.status for o in again.outcomes] == [Status.DUPLICATE] * 3 + [Status.IMPORTED] * 2
    assert archive.count() == 5


def test_a_file_that_vanishes_mid_import_is_reported_and_the_batch_goes_on(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    names = ["a.txt", "b.txt", "c.txt"]
    for i, name in enumerate(names):
        write(folder, name, ARTICLE.replace("Three", f"{i + 3} more"))

    def progress(done: int, total: int, current: str) -> None:
        if done == 1:  # b.txt was listed, and disappears just before it is read
            (folder / "b.txt").unlink()

    report = import_paths(archive, [folder], progress=progress)
    assert [(Path(o.path).name, o.status) for o in report.outcomes] == [
        ("a.txt", Status.IMPORTED), ("b.txt", Status.FAILED), ("c.txt", Status.IMPORTED)
    ]
    assert report.outcomes[1].reason == "file disappeared before it could be read"


def test_odd_file_names_are_imported_and_reported_readably(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    names = [
        "with spaces and (brackets) [1].txt",
        "عاجل بغداد.txt",
        "-rf --all.txt",
        "line\nbreak.txt",
        "tab\there.txt",
        ("x" * 240) + ".txt",
    ]
    for i, name in enumerate(names):
        write(folder, name, ARTICLE.replace("Three", f"Number {i}"))
    raw = bytes(folder) + b"/latin1-\xe9t\xe9.txt"  # not valid UTF-8: common on old USB sticks
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.replace("Three", "Eleven").encode())
    report = import_paths(archive, [folder])
    assert report.imported == len(names) + 1, report.to_json()
    shown = [o.path for o in report.outcomes]
    assert any(p.endswith("latin1-\ufffdt\ufffd.txt") for p in shown)
    assert any(p.endswith("line\\nbreak.txt") for p in shown)
    assert all(p.isprintable() for p in shown)
    for article in archive.list(limit=20):
        assert archive.original_path(article.content_hash).is_file()


def test_every_import_is_kept_in_the_history(archive: Archive, tmp_path: Path, seeds_dir: Path) -> None:
    report = import_paths(archive, [seeds_dir, tmp_path / "missing.txt"])
    rows = list(archive.db.query("SELECT * FROM import_results WHERE batch_id = ?", [report.batch_id]))
    assert [r["status"] for r in rows] == ["imported"] * 5 + ["failed"]
    assert rows[-1]["reason"] == "no such file or folder"
    batch = next(archive.db.query("SELECT * FROM import_batches WHERE id = ?", [report.batch_id]))
    assert (batch["imported"], batch["failed"], batch["cancelled"]) == (5, 1, 0)
    assert batch["finished_at"]


def test_report_exports_csv_with_one_row_per_file(archive: Archive, seeds_dir: Path, tmp_path: Path) -> None:
    shutil.copy(next(seeds_dir.glob("000_*")), tmp_path / "dup.txt")
    report = import_paths(archive, [seeds_dir, tmp_path / "dup.txt"])
    lines = report.to_csv().strip().splitlines()
    assert lines[0] == "path,status,reason,article_id,headline"
    assert len(lines) == 7
    assert ",duplicate,same file as #1" in lines[-1]
