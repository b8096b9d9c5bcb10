"""GUI responsiveness benchmark: event-loop stalls while importing, typing and scrolling, and
start-up time against a bare PySide6 window. A script that prints figures, not a test.

Part 1 (stalls) opens the real :class:`~desktop.ui.main_window.MainWindow` on a fresh archive
and imports the 804 fakes_syria files *through the window* (``import_paths``, i.e. the
ImportController), while a 5 ms QTimer records the gaps between its timeouts. Any gap well over
5 ms is time the GUI thread spent on something else: the longest gap, the 99th percentile, and
how many gaps exceeded 50 ms and 100 ms are printed, with the import time. The same is measured
while typing a query one key at a time (search-as-you-type, ~8 keys a second) and while
scrolling the results list, on the small archive and (with part 2) on the big one.

Part 2 (start-up) builds once a ~100,000-article archive (Reuters-21578 imported with
``import_and_index(durable=False)``, dates from its CSV, ``bench_search.multiply(archive, 5)``,
index rebuild), cached in ``--big-archive DIR`` (reused when ``DIR/READY`` exists), then times
in fresh subprocesses, each several times (median reported), from just before ``Popen`` to the
first painted frame of (i) a bare ``QMainWindow`` started the same way and (ii) the app
(``desktop.app.main(["--archive", BIG])``, what ``newsroom-archive --archive BIG`` runs). The
child finds its first frame with an event filter on the window (first ``QEvent.Paint``, with a
``singleShot(0)`` after show as a fallback) and prints a wall-clock timestamp; the app's child
also reports when its first results were shown. The goal: app start-up under 2x the bare window.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_gui.py                       # everything (minutes)
    .venv/bin/python tests/benchmarks/bench_gui.py --big-archive /tmp/big  # keep the big archive
    .venv/bin/python tests/benchmarks/bench_gui.py --quick                 # fewer runs, no big GUI part
    .venv/bin/python tests/benchmarks/bench_gui.py --skip-startup          # part 1 only
    .venv/bin/python tests/benchmarks/bench_gui.py --platform xcb           # on a real display
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_IMPORT = ROOT.parent / "shared" / "corpora" / "fakes_syria" / "articles"
DEFAULT_REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles"
QUERY = "damascus ceasefire talks"

# -- stall recording -----------------------------------------------------------------------------


class StallRecorder:
    """A 5 ms QTimer; the gaps between its timeouts show how long the GUI thread was busy."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def __enter__(self) -> StallRecorder:  # noqa: PYI034
        self.gaps = []
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.stop()

    def summary(self) -> str:
        gaps = sorted(self.gaps) or [0.0]
        p99 = gaps[min(len(gaps) - 1, round(0.99 * (len(gaps) - 1)))]
        return (f"longest stall {gaps[-1]:6.0f} ms | p99 gap {p99:5.0f} ms | "
                f"stalls >50 ms: {sum(g > 50 for g in gaps):3d} | >100 ms: {sum(g > 100 for g in gaps):3d}")


def pump(ms: float) -> None:
    """Run the event loop for ``ms`` milliseconds."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def wait_until(condition, timeout: float = 600.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("benchmark step did not finish in time")
        pump(5)


# -- part 1: stalls --------------------------------------------------------------------------------


def open_window(archive, settings_path: Path):
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = MainWindow(archive, settings)
    built = (time.perf_counter() - started) * 1000
    window.show()
    wait_until(lambda: window._index_is_ready and window._last is not None)
    return window, built


def measure_typing(window, label: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.search_bar.edit.clear()
    window.search_now()
    pump(500)
    searches = []
    window.search_finished.connect(searches.append)
    with StallRecorder() as rec:
        for char in QUERY:
            QTest.keyClick(window.search_bar.edit, char)
            pump(400 if char == " " else 120)  # ~8 keys a second; the debounce fires between words
        pump(400)
        wait_until(lambda: window._last is not None and window._last.request.query == QUERY)
        pump(200)
    window.search_finished.disconnect(searches.append)
    print(f"  typing '{QUERY}' ({label}, {len(searches)} searches): {rec.summary()}")
    QTest.keyClick(window.search_bar.edit, Qt.Key.Key_Escape)
    wait_until(lambda: window._last is not None and window._last.request.query == "")


def measure_scrolling(window, label: str) -> None:
    bar = window.table.verticalScrollBar()
    rows = window.model.rowCount()
    bar.setValue(0)
    pump(100)
    steps = 0
    with StallRecorder() as rec:
        while bar.value() < bar.maximum() and steps < 400:
            bar.setValue(bar.value() + bar.pageStep())
            steps += 1
            pump(15)
        for row in range(min(rows, 40)):  # arrow keys through the first rows: the reader follows
            window.select_row(row)
            pump(15)
    print(f"  scrolling {rows:,} rows ({label}, {steps} pages + 40 rows read): {rec.summary()}")


def part_stalls(corpus: Path, platform_note: str) -> None:
    from desktop.core.archive import Archive

    print(f"\n== Part 1: GUI-thread stalls ({platform_note}) ==")
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as tmp:
        archive = Archive.open(Path(tmp) / "archive")
        window, built = open_window(archive, Path(tmp) / "settings.ini")
        print(f"  window constructed in {built:.0f} ms on an empty archive")
        done = []
        window.import_finished.connect(done.append)
        with StallRecorder() as rec:
            started = time.perf_counter()
            window.import_paths([str(corpus)])
            wait_until(lambda: bool(done))
            wait_until(lambda: window._last is not None and not window._importing)
            pump(300)  # the results refresh and report dialog after the import
            elapsed = time.perf_counter() - started
        print(f"  import of {corpus.name} ({archive.count()} articles) through the window: {elapsed:.1f} s")
        print(f"  during the import: {rec.summary()}")
        dialog = getattr(window._controller, "report_dialog", None)
        if dialog is not None:
            dialog.close()
        measure_typing(window, "small archive")
        measure_scrolling(window, "small archive")
        window.shutdown()
        window.close()
        window.deleteLater()
        pump(50)
        archive.close()


def part_big_gui(big: Path) -> None:
    """Typing and scrolling on the 100k archive (a copy of the settings only; read mostly)."""
    from desktop.core.archive import Archive

    print("\n== Part 1b: stalls on the ~100k archive ==")
    with tempfile.TemporaryDirectory(prefix="bench-gui-big-") as tmp:
        archive = Archive.open(big)
        rec = StallRecorder()
        with rec:
            window, built = open_window(archive, Path(tmp) / "settings.ini")
        print(f"  window constructed in {built:.0f} ms; open until first results: {rec.summary()}")
        measure_typing(window, "100k archive")
        measure_scrolling(window, "100k archive")
        window.shutdown()
        window.close()
        window.deleteLater()
        pump(50)
        archive.close()


# -- part 2: start-up ----------------------------------------------------------------------------------


def build_big_archive(folder: Path, reuters: Path, copies: int = 5) -> Path:
    """The ~100k archive, built once: READY marks a finished build."""
    from bench_search import dates_from_metadata, multiply

    from desktop.core.archive import Archive
    from desktop.core.operations import import_and_index
    from desktop.core.search.index import SearchIndex

    big = folder / "archive"
    if (folder / "READY").exists():
        return big
    shutil.rmtree(big, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Archive.open(big) as archive:
        import_and_index(archive, [reuters], durable=False)
        dates_from_metadata(archive, reuters)
        multiply(archive, copies)
        index = SearchIndex(archive)
        index.rebuild()
        index.close()
        count = archive.count()
    (folder / "READY").write_text(str(count))
    print(f"  built the big archive ({count:,} articles) in {time.perf_counter() - started:.0f} s")
    return big


_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class _FirstPaint(QObject):
        def __init__(self, window):
            super().__init__()
            self.window, self.seen = window, False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.report()
            return False
        def report(self, how="paint"):
            if not self.seen:
                self.seen = True
                print(f"FIRST_FRAME {time.time():.6f} {how}", flush=True)
                if os.environ.get("BENCH_WAIT_RESULTS") != "1" or not hasattr(self.window, "search_finished"):
                    QTimer.singleShot(0, QApplication.quit)

    _show = QMainWindow.show
    def show(self):
        _show(self)
        hook = self._bench_hook = _FirstPaint(self)
        self.installEventFilter(hook)
        QTimer.singleShot(0, lambda: hook.report("singleShot"))
        if hasattr(self, "search_finished"):
            def results(_total):
                print(f"FIRST_RESULTS {time.time():.6f}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            self.search_finished.connect(results)
            QTimer.singleShot(60000, QApplication.quit)
    QMainWindow.show = show

    if sys.argv[1] == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        app.exec()
    else:
        from desktop.app import main
        sys.exit(main(["--archive", sys.argv[2]]))
    """
)


def time_child(kind: str, big: Path, env: dict[str, str]) -> tuple[float, float | None]:
    started = time.time()
    proc = subprocess.run([sys.executable, "-c", _CHILD, kind, str(big)], capture_output=True, text=True, check=False,
                          env=env, cwd=str(ROOT), timeout=180)
    frame = results = None
    for line in proc.stdout.splitlines():
        if line.startswith("FIRST_FRAME"):
            frame = float(line.split()[1]) - started
        elif line.startswith("FIRST_RESULTS"):
            results = float(line.split()[1]) - started
    if frame is None:
        raise RuntimeError(f"{kind} child printed no frame:\n{proc.stdout}\n{proc.stderr}")
    return frame, results


def part_startup(big: Path, runs: int, platform: str) -> None:
    print(f"\n== Part 2: start-up to first frame, median of {runs} runs ({platform}) ==")
    # An installed app starts from compiled bytecode (pip and PyInstaller compile it); this
    # machine sets PYTHONDONTWRITEBYTECODE, which would make every run compile our modules anew.
    compileall.compile_dir(str(ROOT / "desktop"), quiet=1)
    print("  (desktop/ compiled to bytecode first, as an installed app is)")
    with tempfile.TemporaryDirectory(prefix="bench-gui-profile-") as profile:
        env = {**os.environ, "QT_QPA_PLATFORM": platform, "NEWSROOM_DATA_DIR": profile,
               "PYTHONPATH": str(ROOT), "BENCH_WAIT_RESULTS": "1"}
        env.pop("NEWSROOM_ARCHIVE", None)
        time_child("app", big, env)  # warm the OS file cache and write the settings once
        bare = [time_child("bare", big, env)[0] for _ in range(runs)]
        app_runs = [time_child("app", big, env) for _ in range(runs)]
    frames = [f for f, _ in app_runs]
    results = [r for _, r in app_runs if r is not None]
    bare_ms, app_ms = statistics.median(bare) * 1000, statistics.median(frames) * 1000
    print(f"  bare QMainWindow first frame: {bare_ms:6.0f} ms  (runs: {', '.join(f'{b*1000:.0f}' for b in bare)})")
    print(f"  newsroom-archive first frame: {app_ms:6.0f} ms  (runs: {', '.join(f'{f*1000:.0f}' for f in frames)})")
    if results:
        print(f"  newsroom-archive first results shown: {statistics.median(results) * 1000:6.0f} ms")
    ratio = app_ms / bare_ms
    print(f"  ratio app / bare: {ratio:.2f}x  -> {'OK (under 2x)' if ratio < 2 else 'OVER the 2x goal'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--platform", default=None, help="Qt platform (default: xcb with a display, else offscreen)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_IMPORT, help="folder imported in part 1")
    parser.add_argument("--reuters", type=Path, default=DEFAULT_REUTERS)
    parser.add_argument("--big-archive", type=Path, default=None, help="cache folder for the ~100k archive")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each kind")
    parser.add_argument("--quick", action="store_true", help="3 start-up runs, no GUI stalls on the big archive")
    parser.add_argument("--skip-stalls", action="store_true")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    platform = args.platform or ("xcb" if os.environ.get("DISPLAY") else "offscreen")
    os.environ["QT_QPA_PLATFORM"] = platform
    profile = tempfile.mkdtemp(prefix="bench-gui-data-")
    os.environ["NEWSROOM_DATA_DIR"] = profile
    os.environ.pop("NEWSROOM_ARCHIVE", None)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - lives until exit
    if not args.skip_stalls:
        part_stalls(args.corpus, platform)
    if not args.skip_startup or not args.quick:
        cache = args.big_archive or Path(tempfile.mkdtemp(prefix="bench-gui-big-"))
        big = build_big_archive(cache, args.reuters)
        if not args.quick and not args.skip_stalls:
            part_big_gui(big)
        if not args.skip_startup:
            part_startup(big, 3 if args.quick else args.runs, platform)
        if args.big_archive is None:
            shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
