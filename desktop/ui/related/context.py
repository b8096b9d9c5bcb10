"""What the related-stories widgets need from the window, and the writes they share.

The widgets get a :class:`RelatedContext`: the window's :class:`~desktop.ui.entities.context.
EntityContext` (archive, read and write threads, open a story, Undo, "stories changed") plus the
related-stories services only the window can give: the in-memory :class:`RelatedIndex` (built
once in the background, then refreshed), the stories selected in the results, and the search
engine for the story picker. Link writes live here, not in each widget, because three places make
links (the picker, the results selection, an accepted suggestion) and all of them must push the
same kind of Undo step and tell the window which stories to re-index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ...core.related.store import LINK_TYPES, Link, add_link, remove_link, restore_link

if TYPE_CHECKING:
    from ...core.related.service import RelatedIndex
    from ..entities.context import EntityContext

__all__ = ["RelatedContext", "RelatedSignals", "link_pairs", "type_label"]

#: Most stories "Link selected stories" takes at once (every pair is linked: 12 -> 66 links).
MAX_LINKED_TOGETHER = 12


def type_label(link_type: str) -> str:
    """The name of a link type in menus: "Follow-up", "Same event"."""
    return {"same_event": "Same event", "follow_up": "Follow-up", "background": "Background",
            "contradicts": "Contradicts", "version": "Other version", "other": "Related"}.get(link_type, link_type)


def link_pairs(ids_by_date: Sequence[int]) -> list[tuple[int, int]]:
    """Every pair of the stories, the earlier first (so "followed up by" reads forwards in time)."""
    ids = list(dict.fromkeys(ids_by_date))
    return [(a, b) for n, a in enumerate(ids) for b in ids[n + 1:]]


class RelatedSignals(QObject):
    """Emitted in the GUI thread."""

    #: The RelatedIndex finished building (suggestions can be read now).
    index_ready = Signal()
    #: Threads or proposals changed (the thread browser and pages reload).
    threads_changed = Signal()


@dataclass
class RelatedContext:
    """The window's services for the related-stories widgets."""

    entities: EntityContext
    #: ``ensure_index()``: True when the index is built; otherwise starts building it (once)
    #: and emits ``signals.index_ready`` when done.
    ensure_index: Callable[[], bool]
    #: The index once built (None before); read only on the read thread.
    index: Callable[[], RelatedIndex | None]
    #: Stories selected in the results, in the results' order.
    selected_ids: Callable[[], list[int]]
    #: ``find_stories(query)`` -> rows of (id, headline, outlet, date); runs on the read thread.
    find_stories: Callable[[str], list[tuple[int, str | None, str | None, str | None]]]
    #: ``new_briefing(ids, title=)`` when the window can make briefings.
    new_briefing: Callable[..., Any] | None = None
    #: Show a message in the window's status bar.
    message: Callable[[str], None] = lambda _text: None
    signals: RelatedSignals = field(default_factory=RelatedSignals)
    #: Stories changed since the index was last refreshed.
    stale: bool = False

    @property
    def archive(self) -> Any:
        return self.entities.archive

    def open_story(self, article_id: int) -> None:
        self.entities.open_story(article_id)

    def index_for_read(self) -> RelatedIndex | None:
        """On the read thread: the built index, refreshed first if stories changed."""
        index = self.index()
        if index is not None and self.stale:
            self.stale = False
            index.refresh()
        return index

    # -- writes, each with its Undo step ------------------------------------------------------

    def link(self, pairs: Sequence[tuple[int, int]], link_type: str, *, note: str = "", origin: str = "user",
             on_done: Callable[[list[Link]], None] | None = None) -> None:
        """Link each (a, b) pair on the writer thread; one Undo step removes the new links."""
        archive = self.entities.archive

        def work() -> list[Link]:
            made = []
            for a, b in pairs:
                before = {r.link.id for r in _links(archive, a)}
                link = add_link(archive, a, b, link_type, note=note, origin=origin)
                if link.id not in before:
                    made.append(link)
            return made

        def done(made: list[Link]) -> None:
            if made:
                what = type_label(link_type).lower()
                label = f"link ({what})" if len(made) == 1 else f"{len(made)} links ({what})"
                self.entities.push_undo(label, lambda: [remove_link(archive, k.id) for k in made])
            self.entities.changed(sorted({i for k in made for i in (k.a_id, k.b_id)}))
            if on_done is not None:
                on_done(made)

        self.entities.run_write(work, done)

    def unlink(self, link_id: int, on_done: Callable[[Link], None] | None = None) -> None:
        """Remove a link; Undo puts it back (same note and date)."""
        archive = self.entities.archive

        def done(link: Link) -> None:
            self.entities.push_undo(f"removal of a link ({type_label(link.type).lower()})",
                                    lambda: restore_link(archive, link))
            self.entities.changed([link.a_id, link.b_id])
            if on_done is not None:
                on_done(link)

        self.entities.run_write(lambda: remove_link(archive, link_id), done)

    def write(self, fn: Callable[[], Any], ids: Sequence[int] | None = (), *, threads: bool = False,
              on_done: Callable[[Any], None] | None = None) -> None:
        """Any other write (dismiss, thread edits) on the writer thread, then re-index ``ids``
        (None: nothing searchable changed, e.g. a dismissed suggestion). A refusal
        (:class:`LinkError`, ``ValueError``) goes to the status bar and ``on_done`` gets it."""

        def done(result: Any) -> None:
            if isinstance(result, Exception):
                self.message(str(result))
            else:
                if ids is not None:
                    self.entities.changed(list(ids))
                if threads:
                    self.signals.threads_changed.emit()
            if on_done is not None:
                on_done(result)

        def guarded() -> Any:
            from ...core.related.store import LinkError

            try:
                return fn()
            except (LinkError, ValueError) as exc:  # a refusal the reporter should read
                return exc

        self.entities.run_write(guarded, done)


def _links(archive: Any, article_id: int) -> list[Any]:
    from ...core.related.store import links_for

    return links_for(archive, article_id)


#: Link types in menu order, the default first.
TYPE_ORDER = ["same_event", "follow_up", "background", "contradicts", "version", "other"]
assert set(TYPE_ORDER) == set(LINK_TYPES)
