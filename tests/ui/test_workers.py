"""Tests for desktop.workers: results, failures, throttled progress and cancel, on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from desktop import workers
from desktop.workers import start_job, wait_for_all


@pytest.fixture(autouse=True)
def no_leftover_jobs():
    yield
    assert wait_for_all(5, cancel=True)


def add(a, b, *, progress, cancel, scale=1):
    progress(1, 1, "adding")
    return (a + b) * scale


def test_result_arrives_on_the_gui_thread(qtbot):
    gui = QThread.currentThread()
    seen = {}

    def on_success(value):
        seen["value"] = value
        seen["thread"] = QThread.currentThread()

    job = start_job(add, 2, 3, scale=10)
    job.succeeded.connect(on_success)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert seen["value"] == 50
    assert seen["thread"] is gui
    assert job.done
    assert job not in workers._running


def test_exception_becomes_a_one_line_failure(qtbot, caplog):
    def boom(*, progress, cancel):
        raise ValueError("the file is broken\nsecond line of detail")

    job = start_job(boom)
    failures = []
    job.failed.connect(failures.append)
    successes = []
    job.succeeded.connect(successes.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert failures == ["the file is broken"]
    assert successes == []
    assert "Traceback" in caplog.text or any(r.exc_info for r in caplog.records)


def test_progress_is_throttled_but_the_last_value_arrives(qtbot):
    total = 200_000

    def busy(*, progress, cancel):
        for i in range(total + 1):
            progress(i, total, f"item {i}")
        return "ok"

    received = []
    job = start_job(busy)
    job.progress.connect(lambda d, t, c: received.append((d, t, c)))
    with qtbot.waitSignal(job.finished, timeout=120000):
        pass
    assert received[-1] == (total, total, f"item {total}")
    # Throttled to one value per progress interval (50 ms), not one per call: 200,000 calls would need
    # 1,000 s of work at that pace to reach this many deliveries.
    assert len(received) < total / 10
    assert [d for d, _, _ in received] == sorted(d for d, _, _ in received)


def test_latest_progress_arrives_while_the_worker_waits(qtbot):
    """Trailing delivery: a value reported just before a long pause is not held back."""
    release = threading.Event()

    def stalls(*, progress, cancel):
        progress(1, 3, "a")
        time.sleep(0.01)
        progress(2, 3, "b")  # within the throttle interval of the first
        release.wait(5)

    received = []
    job = start_job(stalls)
    job.progress.connect(lambda d, t, c: received.append(d))
    qtbot.waitUntil(lambda: bool(received) and received[-1] == 2, timeout=3000)
    release.set()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass


def test_cancel_sets_the_event_the_function_sees(qtbot):
    def until_cancelled(*, progress, cancel):
        steps = 0
        while not cancel.is_set():
            steps += 1
            progress(steps, 0, "")
            time.sleep(0.001)
        return "stopped"

    job = start_job(until_cancelled)
    results = []
    job.succeeded.connect(results.append)
    received = []
    job.progress.connect(lambda *a: received.append(a))
    qtbot.waitUntil(lambda: len(received) >= 2, timeout=5000)
    assert job.is_running()
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == ["stopped"]
    assert job.cancelled


def test_wait_for_all_cancels_and_joins(qtbot):
    def forever(*, progress, cancel):
        cancel.wait(10)

    job = start_job(forever)
    assert job in workers.running_jobs()
    assert wait_for_all(5, cancel=True)
    assert job.wait(0)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert workers.running_jobs() == []


def test_emit_does_not_lose_a_reference_to_true(qtbot):
    """PySide6 6.12.0 on CPython 3.11 drops a reference to ``True`` on every emit(); a few
    hundred emits abort the interpreter ("Fatal Python error: bool_dealloc"). pyproject.toml
    keeps PySide6 below 6.12 for that; this fails if an upgrade brings the bug back."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal(int)

    emitter = Emitter()
    got = []
    emitter.ping.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(2000):
        emitter.ping.emit(i)
    assert len(got) == 2000
    assert sys.getrefcount(True) >= before - 5
