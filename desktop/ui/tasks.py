"""Running small jobs off the GUI thread on a QThreadPool, with the answer back in the GUI thread.

A :class:`TaskRunner` lives in the GUI thread. Each job runs as a :class:`QRunnable`; when it
ends the worker emits on the runner's relay, a QObject of the GUI thread, so the queued signal
runs the caller's ``on_done`` / ``on_error`` there. pytest-qt never waits on a signal emitted
from a worker thread (see ARCHITECTURE.md): tests wait on what the callbacks change.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

__all__ = ["TaskRunner"]


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits on it, so slots run in the GUI thread."""

    done = Signal(object, object)  # (token, result)
    failed = Signal(object, str)  # (token, message)


class _Task(QRunnable):
    def __init__(self, relay: _Relay, token: object, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.relay, self.token, self.fn = relay, token, fn
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, never lost
            traceback.print_exc()
            self.relay.failed.emit(self.token, f"{type(exc).__name__}: {exc}")
        else:
            self.relay.done.emit(self.token, result)


class TaskRunner(QObject):
    """Starts jobs on a pool and calls back in the GUI thread; :meth:`stop` silences late answers."""

    def __init__(self, default_error: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._default_error = default_error
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)
        self._callbacks: dict[object, tuple[Callable[[Any], None], Callable[[str], None]]] = {}
        self.active = True

    def run(self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[str], None] | None = None, token: object | None = None) -> None:
        token = token if token is not None else object()
        self._callbacks[token] = (on_done, on_error or self._default_error)
        pool.start(_Task(self._relay, token, fn))

    def forget(self) -> None:
        """Drop the callbacks of jobs already started (their answers are about to be stale)."""
        self._callbacks.clear()

    def stop(self) -> None:
        self.active = False
        self.forget()

    @Slot(object, object)
    def _done(self, token: object, result: object) -> None:
        callbacks = self._callbacks.pop(token, None)
        if callbacks is not None and self.active:
            callbacks[0](result)

    @Slot(object, str)
    def _failed(self, token: object, message: str) -> None:
        callbacks = self._callbacks.pop(token, None)
        if callbacks is not None and self.active:
            callbacks[1](message)
