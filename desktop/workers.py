"""Running core functions off the GUI thread, with progress, cancel and results by signal.

Core functions take plain ``progress(done, total, current)`` and ``cancel`` arguments (see
:mod:`desktop.core.operations`); :func:`start_job` runs one on its own :class:`QThread` and hands
back a :class:`Job` that lives in the GUI thread and emits everything there::

    job = start_job(import_and_index, archive, paths, durable=True)
    job.progress.connect(bar.set_progress)
    job.succeeded.connect(show_report)
    job.failed.connect(show_error)
    ...
    job.cancel()

How signals cross threads: the worker thread never emits a public signal. It stores the latest
progress value under a lock and, if no notice is already on its way, emits one private signal
that is *queued* to the Job (a GUI-thread object). The Job then emits the public ``progress``
at most every :data:`PROGRESS_INTERVAL` seconds, with a trailing GUI-thread timer so the latest
value always arrives even when the worker stalls after it; the last value is flushed before
``succeeded``/``failed``. Results are delivered from ``QThread.finished`` (also queued), so by
the time ``finished`` is emitted the thread is done. Slots connected to a Job's public signals
therefore always run in the GUI thread, which is what pytest-qt's ``waitSignal`` needs too.

Running jobs are kept in a module-level set so they are not garbage-collected mid-run;
:func:`wait_for_all` is for clean shutdown.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

__all__ = [
    "PROGRESS_INTERVAL",
    "Job",
    "running_jobs",
    "start_job",
    "wait_for_all",
]

log = logging.getLogger(__name__)


#: Minimum seconds between two public ``progress`` signals of one job (about 20 a second).
PROGRESS_INTERVAL = 0.05

#: Jobs started and not yet finished (their ``finished`` signal not yet emitted).
_running: set[Job] = set()


def _one_line(exc: BaseException) -> str:
    """A message a reporter can read: the exception's first line, or its type's name."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return first or type(exc).__name__


class _JobThread(QThread):
    """Runs the job's function; everything it learns goes back through the Job's lock."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run_in_worker()


class Job(QObject):
    """One function running on a worker thread. Create with :func:`start_job`.

    All public signals are emitted in the thread the Job was created in (the GUI thread).
    """

    #: ``(done, total, current)``: throttled to about 20 a second; the last value always arrives.
    progress = Signal(int, int, str)
    #: The function's return value.
    succeeded = Signal(object)
    #: A one-line message; the traceback went to the log.
    failed = Signal(str)
    #: After ``succeeded`` or ``failed``; the worker thread has ended.
    finished = Signal()

    #: Private: "a new progress value is waiting" (worker thread -> GUI thread, queued).
    _progress_ready = Signal()

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._notice_pending = False
        self._last_emitted: tuple[int, int, str] | None = None
        self._last_emit_time = 0.0
        self._result: Any = None
        self._error: str | None = None
        self._done = False
        self.name = getattr(fn, "__name__", repr(fn))

        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self._emit_latest)
        # Explicitly queued: the slots run in this object's (the GUI) thread.
        self._progress_ready.connect(self._on_progress_ready, Qt.ConnectionType.QueuedConnection)
        self._thread = _JobThread(self)
        self._thread.finished.connect(self._on_thread_finished, Qt.ConnectionType.QueuedConnection)

    # -- public ----------------------------------------------------------------------------

    def cancel(self) -> None:
        """Ask the function to stop (it sees ``cancel.is_set()``); results still arrive."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        """True once ``finished`` has been emitted."""
        return self._done

    def is_running(self) -> bool:
        return not self._done

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread ends (not until signals are delivered)."""
        if timeout is None:
            return self._thread.wait()
        return self._thread.wait(max(0, int(timeout * 1000)))

    # -- worker thread ---------------------------------------------------------------------

    def _start(self) -> None:
        _running.add(self)
        self._thread.start()

    def _report_progress(self, done: int, total: int, current: str = "", *_: Any) -> None:
        """The ``progress`` callable handed to the core function; called on the worker thread."""
        value = (int(done), int(total), str(current) if current is not None else "")
        with self._lock:
            self._latest = value
            if self._notice_pending:
                return
            self._notice_pending = True
        self._progress_ready.emit()

    def _run_in_worker(self) -> None:
        try:
            result = self._fn(*self._args, progress=self._report_progress, cancel=self._cancel, **self._kwargs)
        except BaseException as exc:  # any failure becomes a message; never a dead thread
            log.exception("background job %s failed", self.name)
            with self._lock:
                self._error = _one_line(exc)
        else:
            with self._lock:
                self._result = result

    # -- GUI thread ------------------------------------------------------------------------

    @Slot()
    def _on_progress_ready(self) -> None:
        with self._lock:
            self._notice_pending = False
        if self._throttle.isActive():
            return  # the timer will emit the newest value
        wait = PROGRESS_INTERVAL - (time.monotonic() - self._last_emit_time)
        if wait <= 0:
            self._emit_latest()
        else:
            self._throttle.start(max(1, int(wait * 1000)))

    @Slot()
    def _emit_latest(self) -> None:
        with self._lock:
            value = self._latest
        if value is None or value == self._last_emitted:
            return
        self._last_emitted = value
        self._last_emit_time = time.monotonic()
        self.progress.emit(*value)

    @Slot()
    def _on_thread_finished(self) -> None:
        self._thread.wait()  # finished() is emitted just before the thread fully ends
        self._throttle.stop()
        self._emit_latest()  # the final value always arrives, before the result
        with self._lock:
            error, result = self._error, self._result
            self._result = None
        try:
            if error is not None:
                self.failed.emit(error)
            else:
                self.succeeded.emit(result)
        finally:
            self._done = True
            try:
                self.finished.emit()
            finally:
                _running.discard(self)


def start_job(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Job:
    """Run ``fn(*args, progress=..., cancel=..., **kwargs)`` on a worker thread.

    Call from the GUI thread; connect to the returned Job's signals right away (nothing is
    delivered before control returns to the event loop).
    """
    job = Job(fn, args, kwargs)
    job._start()
    return job


def running_jobs() -> list[Job]:
    return [job for job in _running if not job.done]


def wait_for_all(timeout: float = 10.0, *, cancel: bool = False) -> bool:
    """Wait up to ``timeout`` seconds for every running job's thread to end (for shutdown).

    With ``cancel`` the jobs are asked to stop first. Returns False if some are still running.
    Results of jobs that ended are delivered when the event loop next runs.
    """
    jobs = list(_running)
    if cancel:
        for job in jobs:
            job.cancel()
    deadline = time.monotonic() + timeout
    ok = True
    for job in jobs:
        remaining = max(0.0, deadline - time.monotonic())
        if not job.wait(remaining):
            log.warning("background job %s still running at shutdown", job.name)
            ok = False
    return ok
