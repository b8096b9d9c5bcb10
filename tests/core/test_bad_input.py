"""Everything a reporter can throw at the importer: a reason per file, the batch goes on, and
nothing already in the archive is touched."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.checking import check_archive
from desktop.core.importing.pipeline import import_paths
from desktop.core.importing.report import Status
from tests.core.conftest import snapshot
from tests.hostile_files import build_hostile_files

GOOD = (
    "Shelling resumes in Idlib\n\n"
    "Government forces shelled villages in southern Idlib on Tuesday, residents said, "
    "despite a ceasefire agreed last week.\n"
)


def _text_cases(folder: Path) -> dict[str, tuple[Path, str]]:
    """Bad plain-text files, built here; the binary formats come from tests/hostile_files.py."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    cases: dict[str, tuple[Path, str]] = {}

    def add(name: str, data: bytes, reason: str) -> None:
        path = folder / name
        path.write_bytes(data)
        cases[name] = (path, reason)

    add("empty.txt", b"", "empty file")
    add("blank.txt", b"\n\n   \r\n\t\n", "only white space")
    add("random-binary.txt", bytes(rng.randrange(256) for _ in range(20000)), "binary file")
    add("nul-filled.txt", b"\x00" * 5000 + b"text", "binary file")
    add("invalid-bytes.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(8000)), "not readable text")
    add("program.exe.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 400, "binary file")
    huge = folder / "huge.txt"
    with open(huge, "wb") as handle:  # 200 MB, sparse: costs no disk and no time to make
        handle.write(GOOD.encode())
        handle.truncate(200 * 1024 * 1024)
    cases["huge.txt"] = (huge, "file too large (200.0 MB; the limit is 50.0 MB)")
    add("photo.png.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000)), "binary file")
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    cases["pipe.txt"] = (fifo, "not a regular file")
    link = folder / "dangling.txt"
    link.symlink_to(folder / "nowhere.txt")
    cases["dangling.txt"] = (link, "disappeared")
    return cases


@pytest.fixture
def populated(archive: Archive, seeds_dir: Path) -> Archive:
    import_paths(archive, [seeds_dir])
    return archive


def test_bad_files_are_reported_and_nothing_in_the_archive_is_touched(populated: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    cases = build_hostile_files(drop / "formats")
    cases.update(_text_cases(drop / "text"))
    (drop / "good-1.txt").write_text(GOOD)
    (drop / "zz-good-2.txt").write_text(GOOD.replace("Tuesday", "Wednesday").replace("Idlib", "Hama"))
    before = snapshot(populated)

    named = tmp_path / "named" / "notes.rtf"  # named explicitly (not found in a folder): tried, refused
    named.parent.mkdir()
    named.write_bytes(b"{\\rtf1 hello}")
    cases["notes.rtf"] = (named, "unsupported file type (.rtf)")
    report = import_paths(populated, [drop, named])
    outcomes = {Path(outcome.path).name: outcome for outcome in report.outcomes}

    for name, (path, expected) in cases.items():
        outcome = outcomes[path.name]
        assert outcome.status is Status.FAILED, (name, outcome)
        assert expected.lower() in outcome.reason.lower(), (name, outcome.reason)
        assert "\n" not in outcome.reason and len(outcome.reason) < 300
    assert outcomes["good-1.txt"].status is Status.IMPORTED
    assert outcomes["zz-good-2.txt"].status is Status.IMPORTED

    after = snapshot(populated)
    assert after["rows"][: len(before["rows"])] == before["rows"]
    assert {k: v for k, v in after["originals"].items() if k in before["originals"]} == before["originals"]
    assert len(after["rows"]) == len(before["rows"]) + 2
    assert len(after["originals"]) == len(before["originals"]) + 2
    assert check_archive(populated).ok


def test_text_with_a_few_invalid_bytes_or_controls_is_imported_with_a_warning(archive: Archive, tmp_path: Path) -> None:
    stray = tmp_path / "stray.txt"
    stray.write_bytes(GOOD.encode().replace(b"residents", b"\x93residents\x94") + "Mosul \u2013 Erbil".encode())
    nul = tmp_path / "nul.txt"
    nul.write_bytes(GOOD.replace("Shelling", "More shelling").encode().replace(b"villages", b"vil\x00lages\x07"))
    report = import_paths(archive, [stray, nul])
    first, second = report.outcomes
    assert first.status is Status.IMPORTED and first.reason == "2 invalid UTF-8 bytes read as Windows-1252"
    assert second.status is Status.IMPORTED and second.reason == "removed 2 NUL/control characters"
    assert "\u201cresidents\u201d" in (archive.get(first.article_id or 0).body)  # type: ignore[union-attr]
    assert "villages" in archive.get(second.article_id or 0).body  # type: ignore[union-attr]


def test_unreadable_file_is_reported_as_permission_denied(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a-readable.txt").write_text(GOOD)
    locked = drop / "b-locked.txt"
    locked.write_text(GOOD.replace("Idlib", "Daraa"))
    locked.chmod(0)
    command = [sys.executable, "-m", "desktop", "import", str(drop), "--archive", str(tmp_path / "a"), "--json"]
    if os.geteuid() == 0:
        # root reads everything; drop the capabilities that let it, as a reporter's account lacks them
        if shutil.which("setpriv") is None:
            pytest.fail("setpriv (util-linux) is needed to test permissions as root")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["a-readable.txt"]["status"] == "imported"
    assert files["b-locked.txt"]["status"] == "failed"
    assert files["b-locked.txt"]["reason"] == "permission denied: the file cannot be read"
