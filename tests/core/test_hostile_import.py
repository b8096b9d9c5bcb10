"""Hostile files, hostile folders and full disks during import (issue 13, import side).

Every case builds the file, the folder or the full disk itself: files that cost a naive reader
minutes and gigabytes, a file swapped for a FIFO after the folder was listed, links out of a
dropped folder, an original deleted or altered in the archive, and a disk that fills up in the
middle of a batch. Each asserts what the reporter sees (the report line, the CLI's output and
exit code) and that nothing is lost, left half-written or read from outside the dropped folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.checking import check_archive
from desktop.core.importing.formats import sniff_format
from desktop.core.importing.limits import Limits
from desktop.core.importing.pipeline import import_paths
from desktop.core.importing.report import FileOutcome, ImportReport, Status
from tests.hostile_files import (deep_html, docx_bytes, heavy_page_pdf, long_line_text, many_page_pdf,
                                 nested_docx, pdf_bytes)

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = (
    "Rockets hit Baghdad's Green Zone\n\n"
    "BAGHDAD (Reuters) - Three rockets struck near the U.S. embassy in Baghdad on Sunday, "
    "security sources said, the latest in a series of attacks on the fortified district.\n\n"
    "No group claimed responsibility for the attack, which caused no casualties.\n"
)
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Aid convoy reaches Deir ez-Zor</title></head><body>"
    "<article><h1>Aid convoy reaches Deir ez-Zor</h1><p>A United Nations convoy carrying food and "
    "medicine reached the besieged city of Deir ez-Zor on Thursday, aid workers said, the first "
    "delivery by road in nearly three years.</p><p>The convoy of forty trucks crossed the desert "
    "from Homs under escort, officials of the Syrian Arab Red Crescent said.</p></article></body></html>"
)
MAIL = (
    b"From: Layla Nasser <layla@example.org>\r\nTo: desk@example.org\r\nSubject: Ceasefire holds in Idlib\r\n"
    b"Date: Tue, 12 Mar 2024 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"The ceasefire in Idlib held for a third day on Tuesday, residents and monitors said, "
    b"though shelling was reported near Saraqeb.\r\n"
)


def article(n: int) -> str:
    return ARTICLE.replace("Three rockets", f"{n + 3} rockets").replace("Sunday", f"day {n}")


def by_name(report: ImportReport) -> dict[str, FileOutcome]:
    return {Path(o.path).name: o for o in report.outcomes}


def run_cli(*args: str | os.PathLike[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


# -- formats from bytes alone ------------------------------------------------------------------


def test_sniff_format_names_every_readable_format_and_nothing_else(tmp_path: Path) -> None:
    import zipfile

    assert sniff_format(docx_bytes(["A paragraph."])) == "docx"
    assert sniff_format(pdf_bytes([["A line of text."]])) == "pdf"
    assert sniff_format(PAGE.encode()) == "html"
    assert sniff_format(b"\xef\xbb\xbf\n<!-- saved -->\n<html><body><p>x</p></body></html>") == "html"
    assert sniff_format(MAIL) == "eml"
    assert sniff_format(ARTICLE.encode()) == "txt"
    assert sniff_format(ARTICLE.encode("utf-16")) == "txt"
    assert sniff_format("Date: 3 March\nSubject lines are not mail on their own".encode()) == "txt"
    other_zip = tmp_path / "photos.zip"
    with zipfile.ZipFile(other_zip, "w") as package:
        package.writestr("a.txt", "not a word document")
    assert sniff_format(other_zip.read_bytes()) is None
    assert sniff_format(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40) is None
    assert sniff_format(b"") is None


def test_originals_in_an_archive_sniff_as_the_format_recorded_for_them(archive: Archive, tmp_path: Path,
                                                                      seeds_dir: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "report.docx").write_bytes(docx_bytes(["Aid convoy reaches Deir ez-Zor", ARTICLE]))
    (drop / "brief.pdf").write_bytes(pdf_bytes([["Ceasefire holds in Idlib", "", ARTICLE.split("\n")[2]]]))
    (drop / "page.html").write_text(PAGE)
    (drop / "alert.eml").write_bytes(MAIL)
    report = import_paths(archive, [drop, seeds_dir])
    assert report.imported == 9, [o.line() for o in report.outcomes]
    for row in archive.db.execute("SELECT content_hash, original_format FROM articles"):
        original = archive.original_path(row[0]).read_bytes()
        assert sniff_format(original) == row[1]


def test_a_file_without_an_extension_is_read_by_its_bytes(archive: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "convoy").write_bytes(docx_bytes(["Aid convoy reaches Deir ez-Zor", ARTICLE]))
    (drop / "README").write_text("Notes for the desk: these are the files from Amman.\n")
    (drop / "blob").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    named = tmp_path / "wire-copy"
    named.write_text(article(1))
    report = import_paths(archive, [drop, named])
    outcomes = by_name(report)
    assert outcomes["convoy"].status is Status.IMPORTED
    assert outcomes["wire-copy"].status is Status.IMPORTED  # named explicitly: plain text is read
    assert outcomes["README"].status is Status.SKIPPED  # plain text in a folder: not assumed an article
    assert outcomes["README"].reason == "skipped: not an article format (no extension)"
    assert outcomes["blob"].status is Status.SKIPPED
    formats = {a.original_name: a.original_format for a in archive.list()}
    assert formats == {"convoy": "docx", "wire-copy": "txt"}


def test_importing_an_archives_originals_folder_points_to_recover(archive: Archive, tmp_path: Path,
                                                                  seeds_dir: Path) -> None:
    with Archive.open(tmp_path / "other") as other:
        import_paths(other, [seeds_dir])
        originals = other.originals_dir
    report = import_paths(archive, [originals])
    assert len(report.outcomes) == 1
    outcome = report.outcomes[0]
    assert outcome.status is Status.SKIPPED
    assert "archive's originals folder" in outcome.reason and "newsroom-archive recover" in outcome.reason
    assert archive.count() == 0

    result = run_cli("import", tmp_path / "other", "--archive", tmp_path / "third")
    assert "newsroom-archive recover" in result.stdout, result.stdout + result.stderr


# -- files that cost a naive reader minutes and gigabytes -----------------------------------------


def test_docx_with_paragraphs_nested_245_deep_is_refused_for_its_depth(
        archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "nested.docx"
    nested_docx(path, 245)
    assert path.stat().st_size < 5000  # a small file: the cost is all in its shape
    outcome = import_paths(archive, [path]).outcomes[0]
    assert outcome.status is Status.FAILED
    assert outcome.reason == "Word document nested too deeply (251 levels; the limit is 200)"
    assert archive.count() == 0


def test_docx_with_nested_paragraphs_under_the_limit_is_read_once_each(
        archive: Archive, tmp_path: Path) -> None:
    """Each paragraph's text is read once: the old reader repeated every deeper level's text in
    each enclosing paragraph (4.5 million characters for these 150 levels)."""
    path = tmp_path / "nested.docx"
    nested_docx(path, 150)
    outcome = import_paths(archive, [path]).outcomes[0]
    assert outcome.status is Status.IMPORTED, outcome.line()
    body = archive.get(outcome.article_id or 0).body  # type: ignore[union-attr]
    assert body.count("Shelling resumed overnight") <= 150 * 5
    assert body.count("Shelling resumed overnight") >= 140 * 5
    assert len(body) < 150 * 700


def test_html_nested_100000_deep_is_refused_for_its_depth(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    deep_html(path, 100_000)
    outcome = import_paths(archive, [path]).outcomes[0]
    assert outcome.status is Status.FAILED
    assert outcome.reason == "HTML page nested too deeply (100,003 levels; the limit is 200)"


def test_html_nested_just_over_the_limit_is_refused_and_under_it_read(
        archive: Archive, tmp_path: Path) -> None:
    over, under = tmp_path / "over.html", tmp_path / "under.html"
    deep_html(over, 210)
    deep_html(under, 150)
    report = import_paths(archive, [over, under])
    outcomes = by_name(report)
    assert outcomes["over.html"].reason == "HTML page nested too deeply (213 levels; the limit is 200)"
    assert outcomes["under.html"].status is Status.IMPORTED


_PEAK_CHILD = r"""
import json, resource, sys
from pathlib import Path
from desktop.core.archive import Archive
from desktop.core.importing.pipeline import import_paths
with Archive.open(Path(sys.argv[1])) as archive:
    outcome = import_paths(archive, [sys.argv[2]], durable=False).outcomes[0]
print(json.dumps({"status": outcome.status.value, "reason": outcome.reason,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_a_20_mb_single_line_text_is_refused_at_bounded_memory(tmp_path: Path) -> None:
    """Measured in a child process, so the peak is this import's alone (2.4 GB before the fix)."""
    path = tmp_path / "one-line.txt"
    long_line_text(path, 19_900_000)
    result = subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(tmp_path / "a"), str(path)],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["status"] == "failed"
    assert found["reason"] == "text too long (19,900,000 bytes: more than the limit of 2,000,000 characters)"
    assert found["peak_mb"] < 400, found


def test_text_just_under_four_bytes_a_character_is_decoded_then_refused(
        archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    long_line_text(path, 3_500_000)
    outcome = import_paths(archive, [path], limits=Limits(max_text_chars=1_000_000)).outcomes[0]
    assert outcome.reason == "text too long (3,500,000 characters; limit 1,000,000)"


def test_a_saved_page_mostly_markup_is_held_to_the_limit_by_its_text_not_its_size(
        archive: Archive, tmp_path: Path) -> None:
    """3 MB of inline script and style around one article: the text limit is for the article."""
    path = tmp_path / "saved.html"
    path.write_text(PAGE.replace("</head>", "<script>" + "var tracking = [1, 2, 3];\n" * 120_000
                                 + "</script></head>"))
    assert path.stat().st_size > 3_000_000
    outcome = import_paths(archive, [path], limits=Limits(max_text_chars=1_000_000)).outcomes[0]
    assert outcome.status is Status.IMPORTED, outcome.line()
    assert "forty trucks" in archive.get(outcome.article_id or 0).body  # type: ignore[union-attr]


def test_text_damaged_throughout_is_repaired_byte_by_byte() -> None:
    from desktop.core.importing.decode import decode_text

    damaged = ("Le cessez-le-feu à Idlib tient toujours. ".encode() + b"\x93") * 20_000
    decoded = decode_text(damaged)
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ["20000 invalid UTF-8 bytes read as Windows-1252"]
    assert decoded.text.count("à Idlib tient toujours. \u201c") == 20_000


def test_pdf_beyond_the_page_limit_keeps_the_first_pages_and_says_so(
        archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "many-pages.pdf"
    many_page_pdf(path, 2100)
    outcome = import_paths(archive, [path]).outcomes[0]
    assert outcome.status is Status.IMPORTED, outcome.line()
    assert "read only the first 2,000 of 2,100 pages" in outcome.reason
    body = archive.get(outcome.article_id or 0).body  # type: ignore[union-attr]
    assert "Report 2000:" in body and "Report 2001:" not in body


def test_pdf_with_more_text_than_an_article_keeps_the_pages_within_the_limit(
        archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    many_page_pdf(path, 40)
    outcome = import_paths(archive, [path], limits=Limits(max_text_chars=2_000)).outcomes[0]
    assert outcome.status is Status.IMPORTED, outcome.line()
    assert "read only the first" in outcome.reason and "text limit of 2,000 characters" in outcome.reason
    assert len(archive.get(outcome.article_id or 0).body) <= 2_000  # type: ignore[union-attr]


def test_the_time_budget_is_checked_inside_the_readers(archive: Archive, tmp_path: Path) -> None:
    """A budget of no time at all: each reader stops at its first check, inside its loop."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "long.docx").write_bytes(docx_bytes([f"Paragraph {n} of a long report." for n in range(400)]))
    (drop / "long.html").write_text("<html><body>" + "<p>A paragraph of a long page.</p>" * 400
                                    + "</body></html>")
    many_page_pdf(drop / "long.pdf", 5)
    report = import_paths(archive, [drop], limits=Limits(max_seconds_per_file=0.0))
    outcomes = by_name(report)
    assert outcomes["long.docx"].reason == "took too long (reading the Word document took over 0 s); refused"
    assert outcomes["long.html"].reason == "took too long (reading the HTML page took over 0 s); refused"
    assert outcomes["long.pdf"].status is Status.FAILED
    assert outcomes["long.pdf"].reason.startswith("PDF took too long to read")
    assert archive.count() == 0


def test_the_time_budget_stops_a_pdf_inside_a_slow_page(archive: Archive, tmp_path: Path) -> None:
    """150,000 drawing operators on one page (a 4 KB file) take pypdf seconds; the budget is
    checked at each operator, so reading stops inside the page, not after it."""
    path = tmp_path / "heavy.pdf"
    heavy_page_pdf(path, pages=3, operators=150_000)
    outcome = import_paths(archive, [path], limits=Limits(max_seconds_per_file=0.5)).outcomes[0]
    assert outcome.status is Status.FAILED
    assert outcome.reason == "PDF took too long to read (time limit of 0.5 s, reached inside page 1)"


def test_a_pdf_page_with_too_many_drawing_instructions_is_skipped(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "huge-page.pdf"
    heavy_page_pdf(path, pages=2, operators=1_000_000)  # 54 KB, 22 MB of instructions per page
    outcome = import_paths(archive, [path]).outcomes[0]
    assert outcome.status is Status.FAILED
    assert outcome.reason.startswith("PDF too complex to read")
    assert "skipped page 1, 2: its drawing instructions are over 4.0 MB" in outcome.reason


def test_email_nested_too_deeply_is_refused_for_its_depth(archive: Archive, tmp_path: Path) -> None:
    body = b"Content-Type: text/plain\r\n\r\nThe ceasefire held.\r\n"
    for level in range(5000):
        body = (b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
                + body + b"\r\n--b%d--\r\n" % level)
    path = tmp_path / "nested.eml"
    path.write_bytes(b"From: Desk <desk@example.org>\r\nSubject: nested\r\nMIME-Version: 1.0\r\n" + body)
    outcome = import_paths(archive, [path]).outcomes[0]
    assert outcome.status is Status.FAILED
    assert outcome.reason.startswith("e-mail nested too deeply")


# -- FIFOs, devices and links -----------------------------------------------------------------


def _import_in_thread(archive: Archive, paths: list[Path], **kwargs: object) -> ImportReport:
    """Run the import on a thread and wait generously: a blocked open would never return."""
    result: list[ImportReport] = []
    worker = threading.Thread(target=lambda: result.append(import_paths(archive, paths, **kwargs)),
                              daemon=True)
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive(), "the import blocked (a FIFO was opened for reading and waited on)"
    return result[0]


def test_a_file_swapped_for_a_fifo_after_listing_is_refused_not_waited_on(
        archive: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    for n, name in enumerate(["a.txt", "b.txt", "c.txt"]):
        (drop / name).write_text(article(n))

    def swap(done: int, total: int, current: str) -> None:
        if current.endswith("b.txt"):  # listed as a regular file; a pipe by the time it is opened
            (drop / "b.txt").unlink()
            os.mkfifo(drop / "b.txt")

    report = _import_in_thread(archive, [drop], progress=swap)
    outcomes = by_name(report)
    assert outcomes["b.txt"].status is Status.FAILED
    assert outcomes["b.txt"].reason == "not a regular file (a device, pipe or socket)"
    assert outcomes["a.txt"].status is outcomes["c.txt"].status is Status.IMPORTED


def test_a_fifo_or_device_named_explicitly_is_refused_not_waited_on(archive: Archive, tmp_path: Path) -> None:
    fifo = tmp_path / "named-pipe.txt"
    os.mkfifo(fifo)
    report = _import_in_thread(archive, [fifo, Path("/dev/zero"), Path("/dev/null")])
    assert [o.status for o in report.outcomes] == [Status.FAILED] * 3
    assert {o.reason for o in report.outcomes} == {"not a regular file (a device, pipe or socket)"}


@pytest.fixture
def linked_drop(tmp_path: Path) -> Path:
    """A dropped folder with links out of it (to /etc/passwd and to an article elsewhere) and a
    link that stays inside it (to a file in a hidden folder, which the walk itself skips)."""
    drop = tmp_path / "drop"
    (drop / ".drafts").mkdir(parents=True)
    (drop / ".drafts" / "draft.txt").write_text(article(1))
    (drop / "story.txt").write_text(article(2))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "private.txt").write_text(article(3).replace("Baghdad", "Basra"))
    (drop / "passwd.txt").symlink_to("/etc/passwd")
    (drop / "private.txt").symlink_to(elsewhere / "private.txt")
    (drop / "draft-link.txt").symlink_to(Path(".drafts") / "draft.txt")
    return drop


def test_links_out_of_a_dropped_folder_are_skipped_with_the_reason(
        archive: Archive, linked_drop: Path) -> None:
    report = import_paths(archive, [linked_drop])
    outcomes = by_name(report)
    for name in ("passwd.txt", "private.txt"):
        assert outcomes[name].status is Status.SKIPPED
        assert outcomes[name].reason == "skipped: link to a file outside the dropped folder"
    assert outcomes["draft-link.txt"].status is Status.IMPORTED
    assert outcomes["story.txt"].status is Status.IMPORTED
    bodies = " ".join(a.body for a in archive.list())
    assert "root:" not in bodies and "Basra" not in bodies
    assert archive.count() == 2


def test_links_out_of_a_dropped_folder_are_followed_when_the_setting_allows(archive: Archive,
                                                                           linked_drop: Path) -> None:
    (linked_drop / "passwd.txt").unlink()
    report = import_paths(archive, [linked_drop], limits=Limits(follow_outside_links=True))
    assert by_name(report)["private.txt"].status is Status.IMPORTED
    assert "Basra" in " ".join(a.body for a in archive.list())


def test_a_link_named_explicitly_is_followed(archive: Archive, linked_drop: Path) -> None:
    report = import_paths(archive, [linked_drop / "private.txt"])
    assert report.outcomes[0].status is Status.IMPORTED


def test_a_link_redirected_out_of_the_folder_after_listing_is_not_followed(archive: Archive,
                                                                          linked_drop: Path) -> None:
    def redirect(done: int, total: int, current: str) -> None:
        if current.endswith("draft-link.txt"):
            (linked_drop / "draft-link.txt").unlink()
            (linked_drop / "draft-link.txt").symlink_to(linked_drop.parent / "elsewhere" / "private.txt")
        if current.endswith("story.txt"):  # a regular file when listed, a link when opened
            (linked_drop / "story.txt").unlink()
            (linked_drop / "story.txt").symlink_to("/etc/passwd")

    report = import_paths(archive, [linked_drop], progress=redirect)
    outcomes = by_name(report)
    assert outcomes["draft-link.txt"].status is Status.FAILED
    assert outcomes["draft-link.txt"].reason == "link to a file outside the dropped folder"
    assert outcomes["story.txt"].status is Status.FAILED
    assert outcomes["story.txt"].reason == (
        "the file was replaced by a link while being imported; not followed")
    assert archive.count() == 0


# -- a missing or altered original is restored by importing the file again ----------------------


def test_reimporting_restores_a_missing_original(archive: Archive, tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(ARTICLE)
    first = import_paths(archive, [source]).outcomes[0]
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    archive.original_path(digest).unlink()
    assert not check_archive(archive).ok

    again = import_paths(archive, [source]).outcomes[0]
    assert again.status is Status.DUPLICATE
    assert again.reason.endswith(f"restored the missing original of #{first.article_id}")
    assert archive.original_path(digest).read_bytes() == ARTICLE.encode()
    assert check_archive(archive).ok
    assert archive.count() == 1


def test_reimporting_restores_an_altered_original(archive: Archive, tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(ARTICLE)
    first = import_paths(archive, [source]).outcomes[0]
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    stored = archive.original_path(digest)
    stored.write_bytes(ARTICLE.replace("Three", "Seven").encode())  # same size, other bytes
    assert not check_archive(archive).ok

    again = import_paths(archive, [source]).outcomes[0]
    assert again.reason.endswith(f"restored the altered original of #{first.article_id}")
    assert stored.read_bytes() == ARTICLE.encode()
    assert check_archive(archive).ok

    intact = import_paths(archive, [source]).outcomes[0]
    assert "restored" not in intact.reason


# -- a full disk ---------------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A real, small file system: a tmpfs mounted at ``folder`` (needs root, as in the sandbox
    and CI containers this project runs in). The test is skipped, saying why, elsewhere; the
    RLIMIT_FSIZE test below covers the same path without mounting."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _stories(folder: Path, count: int, size: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    filler = " ".join(f"word{n}" for n in range(size // 8))
    for n in range(count):
        (folder / f"story-{n:03d}.txt").write_text(f"{article(n)}\n{n} {filler}\n")


def test_disk_full_during_import_stops_cleanly_with_a_report(tmp_path: Path) -> None:
    """The archive lives on a 3 MB tmpfs; 60 stories of 60 KB cannot all fit."""
    _stories(tmp_path / "drop", 60, 60_000)
    with small_disk(tmp_path / "disk", "3m") as disk:
        folder = disk / "archive"
        result = run_cli("import", tmp_path / "drop", "--archive", folder)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "the disk is full" in result.stderr
        lines = result.stdout.splitlines()
        imported = [line for line in lines if line.startswith("imported")]
        assert 0 < len(imported) < 60
        assert f"disk full: {len(imported)} imported, the rest not started" in lines
        failed = [line for line in lines if line.startswith("failed")]
        assert len(failed) == 1 and "disk full" in failed[0]
        listed = [line.split()[1].rstrip(":") for line in imported + failed]
        assert [Path(name).name for name in listed] == [f"story-{n:03d}.txt" for n in range(len(listed))]
        assert not list((folder / "originals" / ".incoming").iterdir())

        check = run_cli("check", "--archive", folder)
        assert check.returncode == 0, check.stdout + check.stderr
        assert f"OK: {len(imported)} articles" in check.stdout
        with Archive.open(folder, readonly=True) as archive:
            assert archive.count() == len(imported)
            finished = archive.db.execute("SELECT finished_at, imported FROM import_batches").fetchall()
            assert finished == [(finished[0][0], len(imported))] and finished[0][0]


_FSIZE_CHILD = r"""
import json, resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
from desktop.core.archive import Archive
from desktop.core.importing.pipeline import import_paths
with Archive.open(Path(sys.argv[1])) as archive:
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), resource.RLIM_INFINITY))
    report = import_paths(archive, [sys.argv[2]])
print(json.dumps(report.to_json()))
"""


def test_a_file_too_big_for_the_file_system_stops_the_import_cleanly(tmp_path: Path) -> None:
    """Without mounting anything: RLIMIT_FSIZE in a child process makes writing a file past
    1.5 MB fail with EFBIG (SIGXFSZ ignored), as a file system that cannot take it would."""
    drop = tmp_path / "drop"
    _stories(drop, 4, 5_000)
    big = drop / "story-002.txt"
    big.write_text(big.read_text() + ("More words of a very long report. " * 50_000))  # 1.7 MB
    folder = tmp_path / "archive"
    result = subprocess.run([sys.executable, "-c", _FSIZE_CHILD, str(folder), str(drop), str(1_500_000)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["disk_full"] is True
    assert report["stopped"] == "disk full: 2 imported, the rest not started"
    assert [(Path(f["path"]).name, f["status"]) for f in report["files"]] == [
        ("story-000.txt", "imported"), ("story-001.txt", "imported"), ("story-002.txt", "failed")]
    assert report["files"][2]["reason"] == (
        "disk full: the original could not be stored; nothing of this file was kept")
    with Archive.open(folder) as archive:
        assert not list(archive.incoming_dir.iterdir())
        assert archive.count() == 2
        assert check_archive(archive).ok


def test_database_full_stops_the_import_and_takes_back_the_original(archive: Archive, tmp_path: Path) -> None:
    """SQLite's own "database or disk is full", made real with ``PRAGMA max_page_count``."""
    drop = tmp_path / "drop"
    _stories(drop, 30, 20_000)
    pages = archive.db.execute("PRAGMA page_count").fetchone()[0]
    archive.db.execute(f"PRAGMA max_page_count = {pages + 40}")
    report = import_paths(archive, [drop])
    assert report.disk_full
    assert 0 < report.imported < 30
    assert report.outcomes[-1].status is Status.FAILED
    assert report.outcomes[-1].reason == (
        "disk full: the database could not grow; nothing of this file was kept")
    assert report.summary().splitlines()[-1] == f"disk full: {report.imported} imported, the rest not started"
    assert len(report.outcomes) == report.imported + 1
    assert archive.count() == report.imported
    archive.db.execute("PRAGMA max_page_count = 1073741823")
    stored = {p.name for p in archive.originals_dir.glob("??/*")}
    assert len(stored) == report.imported  # the original of the file that did not fit was taken back
    assert check_archive(archive).ok

    again = import_paths(archive, [drop])
    assert not again.disk_full
    assert again.duplicates == report.imported and again.imported == 30 - report.imported
