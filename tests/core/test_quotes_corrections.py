"""Evidence, confidence and corrections in the archive, and ``newsroom-archive quotes``: the cue
and confidence are stored with each quote; a reporter's correction reaches every story carrying
the statement, survives a new extraction and is undone exactly; the CLI prints the same in text
and JSON (in a subprocess, on a real archive of the five seeds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.operations import import_and_index
from desktop.core.quotes.store import (
    CORRECTED_CUE,
    correct_speaker,
    extract_for_archive,
    quotes_for_article,
    undo_correction,
)


@pytest.fixture
def seeded(archive: Archive, seeds_dir: Path) -> Archive:
    import_and_index(archive, [seeds_dir])
    return archive


def _esper_quotes(archive: Archive) -> list[tuple[int, int, str | None, int, float]]:
    return archive.db.execute(
        "SELECT id, article_id, speaker, confirmed, confidence FROM quotes WHERE statement_id = "
        "(SELECT id FROM statements WHERE text LIKE '%will not tolerate%') ORDER BY id").fetchall()


def test_each_stored_quote_keeps_its_cue_and_confidence(seeded: Archive) -> None:
    rows = seeded.db.execute("SELECT cue, confidence, speaker, reason FROM quotes").fetchall()
    assert rows and all(cue for cue, *_ in rows)
    assert all(0.0 <= confidence <= 1.0 for _c, confidence, *_ in rows)
    named = [r for r in rows if r[2]]
    assert all(confidence > 0 for _c, confidence, _s, _r in named)
    assert {"said after", "continuation", "pronoun"} <= {cue for cue, *_ in rows}
    pronoun = next(reason for cue, _c, _s, reason in rows if cue == "pronoun")
    assert "pronoun '" in pronoun and " -> " in pronoun


def test_a_correction_reaches_every_story_of_the_statement_sticks_and_undoes(seeded: Archive) -> None:
    before = _esper_quotes(seeded)
    assert len({article for _q, article, *_ in before}) == 5
    change = correct_speaker(seeded, before[0][0], "Defense Secretary Mark T. Esper")
    after = _esper_quotes(seeded)
    assert {speaker for _q, _a, speaker, _c, _f in after} == {"Defense Secretary Mark T. Esper"}
    assert all(confirmed == 1 and confidence == 1.0 for *_x, confirmed, confidence in after)
    assert change.stories == 5 and sorted(change.quote_ids) == [q for q, *_ in before]
    statement = seeded.db.execute("SELECT speaker FROM statements WHERE text LIKE '%will not tolerate%'").fetchone()
    assert statement[0] == "Defense Secretary Mark T. Esper"
    story = next(q for q in quotes_for_article(seeded, before[0][1]) if q.id == before[0][0])
    assert story.quote.cue == CORRECTED_CUE and story.quote.confirmed and not story.quote.needs_review
    # a new extraction of every story keeps the reporter's word
    extract_for_archive(seeded)
    again = _esper_quotes(seeded)
    assert {speaker for _q, _a, speaker, _c, _f in again} == {"Defense Secretary Mark T. Esper"}
    # Undo puts back exactly what was there (on the rows as they were when corrected)
    change = correct_speaker(seeded, again[0][0], "Mark Esper")
    assert {s for _q, _a, s, _c, _f in _esper_quotes(seeded)} == {"Mark Esper"}
    undo_correction(seeded, change)
    assert {s for _q, _a, s, _c, _f in _esper_quotes(seeded)} == {"Defense Secretary Mark T. Esper"}


def test_undo_of_a_first_correction_forgets_it(seeded: Archive) -> None:
    before = _esper_quotes(seeded)
    change = correct_speaker(seeded, before[0][0], None)  # "nobody named"
    assert {s for _q, _a, s, _c, _f in _esper_quotes(seeded)} == {None}
    undo_correction(seeded, change)
    assert _esper_quotes(seeded) == before
    assert seeded.db.execute("SELECT count(*) FROM quote_corrections").fetchone()[0] == 0
    extract_for_archive(seeded)
    assert {s for _q, _a, s, _c, _f in _esper_quotes(seeded)} == {"Mark Esper"}


def test_bad_corrections_are_refused_and_change_nothing(seeded: Archive) -> None:
    before = _esper_quotes(seeded)
    with pytest.raises(ValueError):
        correct_speaker(seeded, before[0][0], "   ")
    with pytest.raises(KeyError):
        correct_speaker(seeded, 999_999, "Somebody")
    assert _esper_quotes(seeded) == before


# -- the command line ---------------------------------------------------------------------------------

@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)

    def runner(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", *args], check=False, capture_output=True,
                              text=True, timeout=120, env=env)

    return runner


@pytest.fixture
def cli_archive(run, tmp_path: Path, seeds_dir: Path) -> str:
    folder = str(tmp_path / "arch")
    result = run("import", str(seeds_dir), "--archive", folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_cli_quotes_json_text_review_and_missing_story(run, cli_archive: str) -> None:
    result = run("quotes", "1", "--json", "--archive", cli_archive)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == 1 and data["quotes"]
    keys = {"id", "article_id", "text", "speaker", "speaker_kind", "role", "cue", "confidence", "confirmed",
            "needs_review", "evidence", "statement_id", "statement", "start", "end", "story"}
    assert all(keys <= set(q) for q in data["quotes"])
    esper = next(q for q in data["quotes"] if "will not tolerate" in q["text"])
    assert (esper["speaker"], esper["speaker_kind"], esper["needs_review"]) == ("Mark Esper", "person", False)
    assert esper["confidence"] >= 0.75 and esper["cue"] and "will not tolerate" in esper["statement"]
    whole = json.loads(run("quotes", "--json", "--archive", cli_archive).stdout)
    assert whole["id"] is None and {q["article_id"] for q in whole["quotes"]} == {1, 2, 3, 4, 5}
    text = run("quotes", "1", "--archive", cli_archive)
    assert text.returncode == 0
    assert "\u2014 Mark Esper, Defense Secretary (person;" in text.stdout
    assert text.stdout.strip().splitlines()[-1].startswith(f"{len(data['quotes'])} quotations")
    review = json.loads(run("quotes", "--review", "--json", "--archive", cli_archive).stdout)
    assert all(q["needs_review"] for q in review["quotes"])
    missing = run("quotes", "999", "--archive", cli_archive)
    assert missing.returncode == 4 and "no story #999" in missing.stderr


def test_a_briefing_takes_sure_or_confirmed_speakers_first_and_marks_the_others(seeded: Archive) -> None:
    from desktop.core.briefing.from_archive import UNCHECKED, briefing_from_articles

    story = 1
    with seeded.transaction() as db:  # every attribution of story 1 weak but one, which a reporter confirmed
        db.execute("UPDATE quotes SET confidence = 0.5 WHERE article_id = ?", [story])
    quotes = {q.quote.text: q for q in quotes_for_article(seeded, story)}
    chosen = next(t for t in quotes if t.startswith("While we are still investigating"))
    correct_speaker(seeded, quotes[chosen].id, "Kenneth McKenzie")
    briefing = briefing_from_articles(seeded, [story], title="Strikes")
    refs = briefing.stories[0].quotes
    assert refs[0].text == chosen and refs[0].speaker == "Kenneth McKenzie"  # confirmed first, unmarked
    assert refs[1:] and all(r.speaker and r.speaker.endswith(UNCHECKED) for r in refs[1:])
