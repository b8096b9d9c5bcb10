"""Reads for the related-stories widgets, run on the window's read thread.

Each function takes the archive (and the built :class:`RelatedIndex`, when there is one) and
returns plain dataclasses the widgets put in their models; none touches Qt. A story's related
view is read in one go (links, other versions, suggestions, threads: a few ms), so the dock
never shows half of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...core.related.service import Suggestion, VersionCandidate, versions_of
from ...core.related.store import (
    StoryLinkRow,
    Thread,
    ThreadStory,
    get_thread,
    links_for,
    thread_timeline,
    threads_for,
)

if TYPE_CHECKING:
    from ...core.archive import Archive
    from ...core.related.service import RelatedIndex

__all__ = [
    "GraphData", "StoryRelated", "ThreadEntity", "ThreadPageData", "find_by_headline", "load_graph",
    "load_story", "load_thread", "story_meta",
]

#: Suggestions the dock shows, and the lighter suggestion nodes of the graph.
SUGGESTIONS = 10
GRAPH_SUGGESTIONS = 5


@dataclass
class StoryRelated:
    article_id: int
    links: list[StoryLinkRow] = field(default_factory=list)
    versions: list[VersionCandidate] = field(default_factory=list)
    #: None while the index is not built yet (the dock says it is being read).
    suggestions: list[Suggestion] | None = None
    threads: list[Thread] = field(default_factory=list)


def load_story(archive: Archive, index: RelatedIndex | None, article_id: int) -> StoryRelated:
    suggestions = index.suggestions(article_id, limit=SUGGESTIONS) if index is not None else None
    return StoryRelated(article_id, links_for(archive, article_id), versions_of(archive, article_id),
                        suggestions, threads_for(archive, article_id))


def story_meta(archive: Archive, article_id: int) -> tuple[str | None, str | None, str | None] | None:
    """(headline, outlet, date) of a story, or None when it is gone."""
    row = archive.db.execute("SELECT headline, outlet, pub_date FROM articles WHERE id = ?", [article_id]).fetchone()
    return tuple(row) if row else None  # type: ignore[return-value]


def find_by_headline(archive: Archive, words: str, limit: int = 50) -> list[tuple[int, Any, Any, Any]]:
    """The picker's fallback when the search engine cannot answer: headlines containing every word."""
    terms = [w for w in words.split() if w]
    where = " AND ".join("headline LIKE ?" for _ in terms) or "1"
    rows = archive.db.execute(
        f"SELECT id, headline, outlet, pub_date FROM articles WHERE {where} ORDER BY pub_date DESC LIMIT ?",
        [*(f"%{t}%" for t in terms), limit]).fetchall()
    return [tuple(r) for r in rows]  # type: ignore[misc]


@dataclass
class ThreadEntity:
    id: int
    name: str
    kind: str
    stories: int
    mentions: int


@dataclass
class ThreadPageData:
    thread: Thread
    timeline: list[ThreadStory]
    entities: list[ThreadEntity]


def load_thread(archive: Archive, thread_id: int, entities: int = 15) -> ThreadPageData | None:
    """The thread, its stories by date and its main entities (named in most of its stories)."""
    thread = get_thread(archive, thread_id)
    if thread is None:
        return None
    timeline = thread_timeline(archive, thread_id)
    ids = [s.article_id for s in timeline]
    rows: list[Any] = []
    if ids:
        marks = ",".join("?" * len(ids))
        rows = archive.db.execute(
            f"""SELECT e.id, e.name, e.kind, count(DISTINCT m.article_id), count(*) FROM mentions m
                JOIN entities e ON e.id = m.entity_id
                WHERE m.article_id IN ({marks}) AND m.state != 'rejected'
                GROUP BY e.id ORDER BY count(DISTINCT m.article_id) DESC, count(*) DESC, e.name LIMIT ?""",
            [*ids, entities]).fetchall()
    return ThreadPageData(thread, timeline, [ThreadEntity(*r) for r in rows])


@dataclass
class GraphNode:
    article_id: int
    headline: str | None
    outlet: str | None
    date: str | None
    kind: str  #: "centre", "linked" or "suggested"
    #: The edge's label to the centre ("same event", "suggested 0.42").
    label: str = ""


@dataclass
class GraphData:
    centre: GraphNode
    neighbours: list[GraphNode]
    #: Links among the neighbours themselves: (a, b, label).
    cross: list[tuple[int, int, str]] = field(default_factory=list)


def load_graph(archive: Archive, index: RelatedIndex | None, article_id: int) -> GraphData | None:
    """The story, its linked stories and its top suggestions (fewer than the dock shows)."""
    meta = story_meta(archive, article_id)
    if meta is None:
        return None
    centre = GraphNode(article_id, *meta, kind="centre")
    neighbours: list[GraphNode] = []
    seen = {article_id}
    for row in links_for(archive, article_id):
        if row.other_id in seen:  # two links to the same story: one node, labels joined
            node = next(n for n in neighbours if n.article_id == row.other_id)
            node.label = f"{node.label}, {row.label}"
            continue
        seen.add(row.other_id)
        neighbours.append(GraphNode(row.other_id, row.headline, row.outlet, row.date, "linked", row.label))
    if index is not None:
        for s in index.suggestions(article_id, limit=GRAPH_SUGGESTIONS):
            if s.other_id not in seen:
                seen.add(s.other_id)
                neighbours.append(GraphNode(s.other_id, s.headline, s.outlet, s.date, "suggested",
                                            f"suggested {s.score:.2f}"))
    cross = []
    linked = {n.article_id for n in neighbours if n.kind == "linked"}
    for n in neighbours:
        if n.kind != "linked":
            continue
        for row in links_for(archive, n.article_id):
            if row.other_id in seen and row.other_id != article_id and (row.other_id not in linked
                                                                         or n.article_id < row.other_id):
                cross.append((n.article_id, row.other_id, row.label))
    return GraphData(centre, neighbours, cross)
