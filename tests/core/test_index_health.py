"""A damaged search index heals itself, and ``check`` sees what counts cannot (issue 13, case 6).

Each test damages the real Whoosh files of a real archive the way a disk or a bad copy does
(bits flipped in a segment, a file cut short, the table of contents deleted, the bytes of one
word's posting list scrambled) and asserts what a reporter sees: ``check`` names the damage as
an error with advice, a search answers correctly (the index rebuilt from archive.db) with a
note saying so, and a read-only search while another process holds the archive says the index
is damaged instead of printing a traceback. Killed rebuilds leave ``index/building-<pid>``,
which ``check`` mentions (as a note) and the next search that may write removes.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.search.index import SearchIndex

from .damage_kit import scramble_postings

WORD = "iraq"  # in several seed stories, with its postings in the segment file (not inlined)


def _cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                              timeout=300, env=env)

    return run


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    return _cli(tmp_path)


@pytest.fixture
def seeded(tmp_path: Path, seeds_dir: Path, run: Callable[..., subprocess.CompletedProcess[str]]) -> Path:
    folder = tmp_path / "archive"
    done = run("import", str(seeds_dir), "--archive", str(folder), "-q")
    assert done.returncode == 0, done.stderr
    return folder


def _ids(stdout: str) -> list[int]:
    return sorted(int(m) for m in re.findall(r"^\s*\d+\. #(\d+)", stdout, re.M))


def _whoosh(folder: Path) -> Path:
    return folder / "index" / "whoosh"


def _flip_bits(path: Path, *, every: int = 97) -> None:
    data = bytearray(path.read_bytes())
    for i in range(16, len(data), every):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _largest(folder: Path, pattern: str) -> Path:
    return max(_whoosh(folder).glob(pattern), key=lambda p: p.stat().st_size)


def _flip_segment(folder: Path) -> None:
    _flip_bits(_largest(folder, "*.pst"))


def _truncate_segment(folder: Path) -> None:
    path = _largest(folder, "*.pst")
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def _delete_toc(folder: Path) -> None:
    tocs = list(_whoosh(folder).glob("_MAIN_*.toc"))
    assert tocs
    for toc in tocs:
        toc.unlink()


def _scramble_one_word(folder: Path, word: str = WORD) -> None:
    scramble_postings(folder, word)


DAMAGE = {
    "bit-flipped segment": _flip_segment,
    "truncated segment": _truncate_segment,
    "deleted table of contents": _delete_toc,
    "one word's postings scrambled": _scramble_one_word,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_check_reports_a_damaged_index_and_a_search_rebuilds_it(seeded: Path, run, damage: str) -> None:
    before = run("search", WORD, "--archive", str(seeded))
    assert before.returncode == 0
    expected = _ids(before.stdout)
    assert expected

    DAMAGE[damage](seeded)

    checked = run("check", "--archive", str(seeded))
    assert checked.returncode == 1, checked.stdout
    assert "error  the search index is damaged" in checked.stdout
    assert "newsroom-archive reindex" in checked.stdout
    assert "Traceback" not in checked.stderr

    searched = run("search", WORD, "--archive", str(seeded))
    assert searched.returncode == 0, searched.stderr
    assert "Traceback" not in searched.stderr
    assert _ids(searched.stdout) == expected
    assert re.search(r"note: the search index was damaged.*rebuilt from the archive", searched.stdout)

    again = run("check", "--archive", str(seeded))
    assert again.returncode == 0, again.stdout
    assert "index" not in again.stdout.split("OK:")[0]
    assert _ids(run("search", WORD, "--archive", str(seeded)).stdout) == expected


@pytest.mark.parametrize("damage", ["bit-flipped segment", "one word's postings scrambled"])
def test_a_read_only_search_says_the_index_is_damaged_while_another_process_holds_it(
    seeded: Path, run, damage: str
) -> None:
    DAMAGE[damage](seeded)
    with Archive.open(seeded) as holder:  # the app has the archive open: the CLI is a guest
        searched = run("search", WORD, "--archive", str(seeded))
        assert searched.returncode == 1, searched.stdout
        assert "Traceback" not in searched.stderr
        assert "the search index is damaged" in searched.stderr
        assert "will rebuild it" in searched.stderr
        assert holder.count() == 5
    # The holder (here: the next process that may write) rebuilds it.
    healed = run("search", WORD, "--archive", str(seeded))
    assert healed.returncode == 0 and _ids(healed.stdout), healed.stderr


def test_the_engine_marks_damage_it_meets_so_the_next_update_rebuilds(seeded: Path) -> None:
    """The GUI searches with the engine directly: damage is an IndexDamaged in words, and the
    app's next index update (bring_index_up_to_date at open or after an import) rebuilds."""
    from desktop.core.operations import bring_index_up_to_date
    from desktop.core.search.engine import SearchEngine, SearchRequest
    from desktop.core.search.index import IndexDamaged, IndexStatus

    _scramble_one_word(seeded)
    with Archive.open(seeded) as archive:
        index = SearchIndex(archive)
        assert index.status() is IndexStatus.CURRENT  # counts and the quick sample look fine
        engine = SearchEngine(archive, index)
        with pytest.raises(IndexDamaged):
            engine.search(SearchRequest(query=WORD))
        engine.close()
        index.close()
        outcome = bring_index_up_to_date(archive)
        assert outcome.found is IndexStatus.CORRUPT
        engine = SearchEngine(archive, index)
        assert engine.search(SearchRequest(query=WORD)).total >= 1
        engine.close()
        index.close()


_KILLED_REINDEX = """
import os, signal, sys
from desktop.core.archive import Archive
from desktop.core.search.index import SearchIndex

class KillMidway:
    def is_set(self):
        os.kill(os.getpid(), signal.SIGKILL)  # as a reporter's kill -9 or a power cut would

with Archive.open(sys.argv[1]) as archive:
    SearchIndex(archive).rebuild(cancel=KillMidway())
"""


def test_a_killed_reindex_leaves_a_folder_that_check_reports_and_the_next_writer_removes(
    seeded: Path, run
) -> None:
    killed = subprocess.run([sys.executable, "-c", _KILLED_REINDEX, str(seeded)], capture_output=True,
                            text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    leftovers = list((seeded / "index").glob("building-*"))
    assert len(leftovers) == 1

    checked = run("check", "--archive", str(seeded))
    assert checked.returncode == 0, checked.stdout  # a leftover loses nothing: a note
    notes = [line for line in checked.stdout.splitlines() if line.startswith("note")]
    assert any(f"index/{leftovers[0].name}" in line for line in notes), checked.stdout

    searched = run("search", WORD, "--archive", str(seeded))
    assert searched.returncode == 0 and _ids(searched.stdout)
    assert not leftovers[0].exists()


def test_an_unexpected_search_failure_is_answered_in_words(seeded: Path, run) -> None:
    """A revision counter another tool overwrote with text: the search cannot compare the index
    with the archive; it says so in a sentence, not a traceback, and changes nothing."""
    with sqlite3.connect(seeded / "archive.db") as db:
        db.execute("UPDATE counters SET value = 'not a number' WHERE name = 'rev'")
    db.close()
    searched = run("search", WORD, "--archive", str(seeded))
    assert "Traceback" not in searched.stderr, searched.stderr
    assert searched.returncode == 1
    assert "the search could not compare the index with the archive" in searched.stderr
    assert "nothing in the archive was changed" in searched.stderr
