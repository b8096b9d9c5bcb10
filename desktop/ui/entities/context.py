"""What the entity widgets need from the window, as one small object.

The browser, the entity page and the story's entity panel do not know the main window: they get
an :class:`EntityContext`, which the window fills in (and tests can build around a real archive
with a real thread pool). Writes run through :meth:`EntityContext.run_write`, on the window's one
writer thread; merges are pushed on the window's Undo stack through :meth:`push_undo`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from ...core.archive import Archive

__all__ = ["EntityContext", "EntitySignals"]


class EntitySignals(QObject):
    """Emitted in the GUI thread after entity data changed (widgets then reload what they show)."""

    #: Entities or mentions changed; the ids of the stories affected (empty: unknown / many).
    changed = Signal(object)


@dataclass
class EntityContext:
    """The window's services for entity widgets."""

    #: The archive (its connection may be read from the GUI thread: small queries only).
    archive: Archive
    #: ``run_write(fn, on_done)``: run ``fn()`` on the writer thread, then ``on_done(result)``
    #: in the GUI thread (errors are shown by the window).
    run_write: Callable[[Callable[[], Any], Callable[[Any], None]], None]
    #: ``run_read(fn, on_done)``: run a query off the GUI thread (search thread), same contract.
    run_read: Callable[[Callable[[], Any], Callable[[Any], None]], None]
    #: Show a story in the window's reader (selecting it in the results when it is there).
    open_story: Callable[[int], None]
    #: ``push_undo(label, undo)``: add "Undo <label>" to Edit > Undo; ``undo()`` runs on the
    #: writer thread when chosen.
    push_undo: Callable[[str, Callable[[], Any]], None]
    signals: EntitySignals = field(default_factory=EntitySignals)

    def changed(self, article_ids: Any = ()) -> None:
        """Tell every entity widget (and the window, which re-indexes) that entities changed."""
        self.signals.changed.emit(list(article_ids))
