"""Entities in the archive: suggestions at import, entity searches, review states, merges and
their undo, splitting, tagging by hand, merge proposals, and sharing the list as JSON or CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.editing import delete_articles, restore_deleted
from desktop.core.entities.editing import accept_proposed, merge_entities, split_alias, tag_span, undo_merge
from desktop.core.entities.exchange import export_entities, import_entities
from desktop.core.entities.proposals import dismiss_proposal, open_proposals, refresh_proposals
from desktop.core.entities.store import (
    EntityError, create_entity, entities_for_article, find_entities, get_entity, list_entities,
    mentions_for_article, set_mention_state,
)
from desktop.core.entities.suggest import suggest_for_archive
from desktop.core.operations import import_and_index
from tests.core.conftest import search_ids

#: What importing the seeds must suggest (the issue's list), by canonical name.
SEED_ACTORS = [
    "Kataib Hezbollah", "Popular Mobilization Forces", "Mark Esper", "Kenneth F. McKenzie", "Qassem Soleimani",
    "Abu Mahdi al-Muhandis", "Camp Taji", "Baghdad", "Karbala", "Najaf", "Jurf al-Nasr", "Katyusha rocket",
]

LEBANON = """Hezbollah fighters fire on Israeli post as border tension rises

BEIRUT (Reuters) - Lebanon's Hezbollah said on Sunday its fighters fired anti-tank missiles at an
Israeli army post near the border, and Israel answered with artillery on villages in south Lebanon.
Hassan Nasrallah, the group's leader, said Hezbollah would not accept new rules of engagement.
"""


@pytest.fixture
def seeded(archive: Archive, seeds_dir: Path, tmp_path: Path) -> Archive:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "lebanon-hezbollah.txt").write_text(LEBANON, encoding="utf-8")
    import_and_index(archive, [seeds_dir, extra])
    return archive


def _entity(archive: Archive, name: str) -> int:
    rows = archive.db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchall()
    assert rows, f"no entity {name!r}"
    return rows[0][0]


def _stories(archive: Archive, entity_id: int) -> set[int]:
    return {r[0] for r in archive.db.execute(
        "SELECT article_id FROM mentions WHERE entity_id = ? AND state != 'rejected'", [entity_id])}


def _state(archive: Archive) -> list[tuple]:
    return sorted(archive.db.execute(
        "SELECT m.id, m.article_id, m.entity_id, m.start, m.end, m.state, e.name FROM mentions m "
        "LEFT JOIN entities e ON e.id = m.entity_id").fetchall(), key=repr) + sorted(
        archive.db.execute("SELECT entity_id, alias FROM entity_aliases").fetchall()) + sorted(
        archive.db.execute("SELECT id, name, kind, parent_id FROM entities").fetchall())


def test_importing_the_seeds_suggests_the_actors_with_their_spellings(seeded: Archive) -> None:
    for name in SEED_ACTORS:
        stories = _stories(seeded, _entity(seeded, name))
        assert stories & {1, 2, 3, 4, 5}, f"{name} suggested in no seed story"
    kh = _entity(seeded, "Kataib Hezbollah")
    surfaces = {r[0] for r in seeded.db.execute("SELECT surface FROM mentions WHERE entity_id = ?", [kh])}
    assert {"Kataib Hezbollah", "Kata'ib Hizbollah", "Kataeb Hezbollah", "KH"} <= surfaces
    assert _stories(seeded, kh) == {1, 2, 3, 4, 5}
    jurf = _entity(seeded, "Jurf al-Nasr")
    assert "Jurf al-Sakher" in get_entity(seeded, jurf).aliases  # type: ignore[union-attr]
    pmf = get_entity(seeded, _entity(seeded, "Popular Mobilization Forces"))
    assert get_entity(seeded, kh).parent_id == pmf.id  # type: ignore[union-attr]
    # Lebanon's Hezbollah is its own entity, only in the Lebanon story
    assert _stories(seeded, _entity(seeded, "Hezbollah")) == {6}


def test_entity_search_finds_every_spelling_and_never_the_other_hezbollah(seeded: Archive) -> None:
    assert search_ids(seeded, 'entity:"Kataib Hezbollah"') == [1, 2, 3, 4, 5]
    assert search_ids(seeded, "entity:KH") == [1, 2, 3, 4, 5]
    assert search_ids(seeded, 'entity:"Kata\u2019ib Hizbollah"') == [1, 2, 3, 4, 5]
    assert search_ids(seeded, "entity:Hezbollah") == [6]
    # A plain search for one spelling finds the others; --exact does not expand
    assert search_ids(seeded, '"Kataeb Hezbollah"') == [1, 2, 3, 4, 5]
    assert len(search_ids(seeded, '"Kataeb Hezbollah"', expand_aliases=False)) < 5
    assert 6 not in search_ids(seeded, '"Kataib Hezbollah"')


def test_rejected_suggestions_stay_rejected(seeded: Archive) -> None:
    esper = _entity(seeded, "Mark Esper")
    ids = [m.id for m in mentions_for_article(seeded, 2) if m.entity_id == esper]
    assert set_mention_state(seeded, ids, "rejected") == len(ids)
    assert 2 not in search_ids(seeded, "entity:Esper")
    outcome = suggest_for_archive(seeded)
    assert outcome.articles == 6
    assert all(m.entity_id != esper for m in mentions_for_article(seeded, 2))
    assert {m.state for m in mentions_for_article(seeded, 2, include_rejected=True) if m.entity_id == esper} == {
        "rejected"}
    assert 2 not in search_ids(seeded, "entity:Esper")


def test_merge_and_undo_lose_nothing(seeded: Archive) -> None:
    kh, pmf = _entity(seeded, "Kataib Hezbollah"), _entity(seeded, "Popular Mobilization Forces")
    set_mention_state(seeded, [m.id for m in mentions_for_article(seeded, 3) if m.entity_id == kh], "confirmed")
    before = _state(seeded)
    merge = merge_entities(seeded, pmf, kh)
    assert get_entity(seeded, kh) is None
    merged = get_entity(seeded, pmf)
    assert "KH" in merged.aliases and find_entities(seeded, "Kata'ib Hizbollah") == [pmf]  # type: ignore[union-attr]
    assert search_ids(seeded, "entity:PMF") == [1, 2, 3, 4, 5]
    assert search_ids(seeded, "entity:KH") == [1, 2, 3, 4, 5]
    assert undo_merge(seeded, merge.id) == kh
    assert _state(seeded) == before
    assert search_ids(seeded, "entity:KH") == [1, 2, 3, 4, 5]
    with pytest.raises(EntityError, match="already undone"):
        undo_merge(seeded, merge.id)


def test_split_an_alias_into_its_own_entity(seeded: Archive) -> None:
    jurf = _entity(seeded, "Jurf al-Nasr")
    sakher = split_alias(seeded, jurf, "Jurf al-Sakher")
    assert get_entity(seeded, sakher).name == "Jurf al-Sakher"  # type: ignore[union-attr]
    assert "Jurf al-Sakher" not in get_entity(seeded, jurf).aliases  # type: ignore[union-attr]
    assert all(m.lower().startswith("jurf al-sakher") or "sakher" in m.lower() for m in
               [r[0] for r in seeded.db.execute("SELECT surface FROM mentions WHERE entity_id = ?", [sakher])])
    assert _stories(seeded, sakher)
    with pytest.raises(EntityError):
        split_alias(seeded, jurf, "Jurf al-Nasr")


def test_tag_by_hand_and_accept_a_proposed_name(seeded: Archive) -> None:
    article = seeded.get(4)
    start = article.body.index("Media Security Cell")  # type: ignore[union-attr]
    entity_id, mention_id = tag_span(seeded, 4, start, start + len("Media Security Cell"),
                                     name="Security Media Cell", kind="organisation")
    assert "Media Security Cell" in get_entity(seeded, entity_id).aliases  # type: ignore[union-attr]
    assert 4 in search_ids(seeded, 'entity:"Security Media Cell"')
    proposed = seeded.db.execute("SELECT id, proposed_name FROM mentions WHERE entity_id IS NULL AND "
                                 "proposed_kind = 'person' ORDER BY id").fetchone()
    assert proposed is not None
    new_id = accept_proposed(seeded, proposed[0])
    assert get_entity(seeded, new_id).name == proposed[1]  # type: ignore[union-attr]
    assert not seeded.db.execute("SELECT 1 FROM mentions WHERE entity_id IS NULL AND proposed_name = ?",
                                 [proposed[1]]).fetchone(), "every mention of the name is linked"
    with pytest.raises(EntityError):
        tag_span(seeded, 4, 5, 5, name="nothing")


def test_merge_proposals_with_evidence_and_dismissal(seeded: Archive) -> None:
    user = create_entity(seeded, "Kataeb Hizbullah", "armed_group")
    sayyid = create_entity(seeded, "Kataib Sayyid al-Shuhada", "armed_group")
    assert refresh_proposals(seeded) >= 1
    kh = _entity(seeded, "Kataib Hezbollah")
    pairs = {frozenset((p.a_id, p.b_id)): p for p in open_proposals(seeded)}
    assert frozenset((kh, user)) in pairs
    assert "Kataeb Hizbullah" in " ".join(pairs[frozenset((kh, user))].reasons), "the evidence is shown"
    hezbollah = _entity(seeded, "Hezbollah")
    for other in (sayyid, hezbollah):
        assert frozenset((kh, other)) not in pairs, "groups that share a word are not the same"
    dismiss_proposal(seeded, pairs[frozenset((kh, user))].id)
    refresh_proposals(seeded)
    assert frozenset((kh, user)) not in {frozenset((p.a_id, p.b_id)) for p in open_proposals(seeded)}


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_share_the_entity_list_between_laptops(seeded: Archive, tmp_path: Path, suffix: str) -> None:
    kh = _entity(seeded, "Kataib Hezbollah")
    create_entity(seeded, "Tahrir Square", "place", aliases=["Tahrir"], description="Baghdad square")
    path = tmp_path / f"desk{suffix}"
    count = export_entities(seeded, path)
    assert count == len(list_entities(seeded))
    other = Archive.open(tmp_path / "laptop2")
    try:
        first = import_entities(other, path)
        assert first.created == count
        again = import_entities(other, path)
        assert again.created == 0 and again.updated == 0, "importing twice changes nothing"
        (got,) = find_entities(other, "Kata'ib Hizbollah")
        entity = get_entity(other, got)
        assert entity.name == "Kataib Hezbollah" and entity.kind == "armed_group"  # type: ignore[union-attr]
        assert set(get_entity(seeded, kh).aliases) <= set(entity.aliases)  # type: ignore[union-attr]
        parent = get_entity(other, entity.parent_id)  # type: ignore[union-attr, arg-type]
        assert parent is not None and parent.name == "Popular Mobilization Forces"
    finally:
        other.close()


def test_bad_entity_files_are_refused_with_a_reason(archive: Archive, tmp_path: Path) -> None:
    cases = {
        "broken.json": ('{"entities": [', "not valid JSON"),
        "nameless.json": ('[{"kind": "person"}]', "has no name"),
        "odd.json": ('[{"name": "X", "kind": "planet"}]', "unknown entity kind"),
        "noheader.csv": ("Esper,person\n", "header row"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(EntityError, match=message):
            import_entities(archive, tmp_path / name)
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(EntityError, match="not UTF-8"):
        import_entities(archive, tmp_path / "binary.json")
    assert list_entities(archive) == []


def test_deleting_a_story_keeps_its_mentions_for_undo(seeded: Archive) -> None:
    esper = _entity(seeded, "Mark Esper")
    set_mention_state(seeded, [m.id for m in mentions_for_article(seeded, 3) if m.entity_id == esper], "confirmed")
    before = entities_for_article(seeded, 3)
    deletion = delete_articles(seeded, [3])
    assert 3 not in _stories(seeded, esper)
    restore_deleted(seeded, deletion)
    assert entities_for_article(seeded, 3) == before
    assert 3 in search_ids(seeded, "entity:Esper")
