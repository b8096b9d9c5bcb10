"""Panels that read only while they are in front: the reload bookkeeping they share.

A dock tabified behind another is moved out of sight, not hidden, so the window tells such a
panel with :meth:`ShownReload.set_shown`. While out of sight a change only marks the panel
stale; when it comes to the front, or after a short pause while in front, it reloads. A sequence
number lets a panel drop the answer of a read that a newer one has replaced.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

__all__ = ["ShownReload"]


class ShownReload:
    """Mixin for a QWidget with a ``reload()`` that starts with ``if not self._begin_reload(): return``."""

    _shown: bool
    _stale: bool
    _seq: int
    _reload_timer: QTimer

    def _init_shown_reload(self, delay_ms: int) -> None:
        self._shown, self._stale, self._seq = True, True, 0
        self._reload_timer = QTimer(self)  # type: ignore[arg-type]
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(delay_ms)
        self._reload_timer.timeout.connect(self.reload)  # type: ignore[attr-defined]

    def set_shown(self, shown: bool) -> None:
        """Read only while in front (a hidden tab costs nothing); catch up when raised."""
        self._shown = shown
        if shown and self._stale:
            self.reload()  # type: ignore[attr-defined]

    def _changed(self) -> None:
        self._stale = True
        if self._shown:
            self._reload_timer.start()

    def _has_source(self) -> bool:
        """Whether there is anything to read yet; a panel without its archive stays stale."""
        return True

    def _begin_reload(self) -> bool:
        """Start a reload: False (and stale) while out of sight or before there is anything to
        read, else a new sequence number."""
        self._reload_timer.stop()
        self._seq += 1
        if not self._shown or not self._has_source():
            self._stale = True
            return False
        self._stale = False
        return True
