"""Searching from the command line while another process imports (issue 13, case 10).

The import holds the archive and indexes in a second process that commits again and again;
a search from another shell opens the archive read-only and must answer from the index's last
committed state (saying it is behind), never refuse with advice it cannot follow. Real
processes, a real archive, real files.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.search.index import IndexStatus, SearchIndex
from desktop.core.search.session import prepare_index, search_with

#: Files in the big import: over the size at which indexing runs in a second process (300).
FILES = 900
WORDS = ("militia convoy shelling ceasefire province border refugees airstrike brigade council "
         "minister parliament talks envoy village checkpoint hospital rebels troops coalition").split()


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)
    return env


def _stories(folder: Path, count: int) -> Path:
    """Distinct short stories, each with "ceasefire" and its own serial word."""
    rng = random.Random(13)
    folder.mkdir()
    for n in range(count):
        body = " ".join(rng.choice(WORDS) for _ in range(80))
        text = (f"Ceasefire talks continue in sector {n}\n\nDispatch{n:05d}: the ceasefire held "
                f"overnight. {body}.\n")
        (folder / f"story-{n:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def _wait_for_articles(folder: Path, *, more_than: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        with Archive.open(folder, readonly=True) as archive:
            if archive.count() > more_than:
                return
        time.sleep(0.2)


def _total(stdout: str) -> int:
    found = re.search(r"(?:of )?(\d+) articles? \(", stdout)
    assert found, stdout
    return int(found.group(1))


def test_cli_search_answers_during_a_large_import_by_another_process(tmp_path: Path, seeds_dir: Path) -> None:
    archive = tmp_path / "archive"
    env = _env(tmp_path)
    cli = [sys.executable, "-m", "desktop"]
    first = subprocess.run([*cli, "import", str(seeds_dir), "--archive", str(archive), "-q"],
                           capture_output=True, text=True, timeout=300, env=env)
    assert first.returncode == 0, first.stderr
    stories = _stories(tmp_path / "incoming", FILES)

    importer = subprocess.Popen([*cli, "import", str(stories), "--archive", str(archive), "-q"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    searches: list[subprocess.CompletedProcess[str]] = []
    during = 0
    try:
        _wait_for_articles(archive, more_than=5, process=importer)  # the importer holds the archive
        while importer.poll() is None and len(searches) < 40:
            result = subprocess.run([*cli, "search", "ceasefire", "--archive", str(archive), "--limit", "3"],
                                    capture_output=True, text=True, timeout=300, env=env)
            searches.append(result)
            during += importer.poll() is None
            time.sleep(0.2)
        out, err = importer.communicate(timeout=600)
    finally:
        if importer.poll() is None:
            importer.kill()
    assert importer.returncode == 0, err
    assert during >= 2, "the import ended before the searches could overlap it"

    totals = []
    for result in searches:
        assert result.returncode == 0, (result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "reindex" not in result.stderr, result.stderr
        totals.append(_total(result.stdout))
    # Each answer is a committed state of the index: never more than there is, never shrinking.
    assert all(0 <= n <= FILES + 5 for n in totals), totals
    assert totals == sorted(totals), totals
    behind = [r for r in searches if "note: " in r.stdout and ("behind" in r.stdout or "updating" in r.stdout)]
    assert behind, [r.stdout[:300] for r in searches]

    final = subprocess.run([*cli, "search", "ceasefire", "--archive", str(archive), "--limit", "1"],
                           capture_output=True, text=True, timeout=300, env=env)
    assert final.returncode == 0 and _total(final.stdout) >= FILES, final.stdout


def _seeded(folder: Path, seeds_dir: Path) -> None:
    from desktop.core.operations import import_and_index

    with Archive.open(folder, create=True) as archive:
        import_and_index(archive, [str(seeds_dir)], durable=False)


def test_a_commit_whose_state_was_never_written_is_searched_read_only_and_rebuilt_by_a_writer(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """A writer that died between Whoosh's commit and ``state.json`` (or is in that instant):
    a read-only search answers with a note; a writer rebuilds the index."""
    folder = tmp_path / "archive"
    _seeded(folder, seeds_dir)
    with Archive.open(folder) as archive:
        index = SearchIndex(archive)
        whoosh = index.open_index()
        writer = whoosh.writer()
        writer.add_document(id=999, body="a commit nobody recorded")  # Whoosh commits, state.json does not follow
        writer.commit()
        index.close()
        assert index.status() is IndexStatus.INTERRUPTED
        index.close()

    with Archive.open(folder, readonly=True) as guest:
        results, notes = search_with(guest, lambda engine: engine.search(_request("iraq")))
        assert results.total >= 1
        assert any("another process is updating the index" in n for n in notes), notes

    with Archive.open(folder) as owner:
        index, notes = prepare_index(owner)
        try:
            assert index.status() is IndexStatus.CURRENT
            assert any("rebuilt" in n for n in notes), notes
        finally:
            index.close()


def _request(query: str):  # noqa: ANN202 - the engine's own request type
    from desktop.core.search.engine import SearchRequest

    return SearchRequest(query=query)


@pytest.mark.parametrize("words", [200])
def test_did_you_mean_is_bounded_for_a_long_list_of_unknown_words(tmp_path: Path, seeds_dir: Path,
                                                                  words: int) -> None:
    """A pasted OR-list of hundreds of unknown words still answers, with a few corrections at
    most (the lookups are budgeted per query; tests/benchmarks/bench_suggest.py has the times)."""
    from desktop.core.search.engine import SUGGEST_MAX_CORRECTIONS

    folder = tmp_path / "archive"
    _seeded(folder, seeds_dir)
    rng = random.Random(7)
    misspelt = ["militai", "goverment", "attacck", "presidnet", "ministr"]
    unknown = ["".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(9)) for _ in range(words)]
    query = " OR ".join(misspelt + unknown)
    with Archive.open(folder) as archive:
        results, _notes = search_with(archive, lambda engine: engine.search(_request(query)))
    assert results.total == 0
    assert results.suggestions, "the misspelt words at the start get corrections"
    changed = [a for a, b in zip(query.split(), results.suggestions[0].split()) if a != b]
    assert 1 <= len(changed) <= SUGGEST_MAX_CORRECTIONS, changed
