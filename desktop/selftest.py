"""``newsroom-archive --self-test``: prove an installed copy works, end to end, in a few seconds.

Run by the installer builds (``packaging/build.py``, CI) against the frozen app and usable by a
reporter or the help desk on any install. It works in a temporary folder and never touches the
user's archive or settings:

1. checks the bundled resources are there (samples, gazetteer, name lists, Word template, icons),
2. creates a temporary archive and imports the bundled sample articles,
   then one small file of every other supported format (HTML, Markdown, Word, PDF, e-mail), so
   a frozen build missing a reader's library (trafilatura, lxml, python-docx, pypdf) fails here,
3. runs the search indexer in a second process, as large imports do,
4. tags: checks the import suggested entities in the samples and tags a word by hand
   (:func:`tag_articles` reads the archive's tags for the briefing),
   then searches (a query, an ``entity:`` search for the hand-made tag, "show everything"),
5. exports a Word briefing of every article, with its entities, and reads it back,
6. with ``--gui``: builds the main window on that archive (offscreen unless ``QT_QPA_PLATFORM``
   says otherwise), shows it, waits for the first paint, and closes it,
7. with ``--archive DIR``: opens that archive read-only (it is never changed) and checks it as
   ``newsroom-archive check`` does; a damaged, unsafe or unreadable archive fails this step.

Each step prints one ``ok``/``FAIL`` line; the exit status is 0 only when every step passed.
``--self-test --startup`` only opens the window on an empty temporary archive and prints the
moment of its first paint (``first-paint-epoch: <seconds since the epoch>``); the build script
uses it to compare the start-up time of the frozen app with the app run from source.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

__all__ = ["main", "run_self_test", "run_startup_probe", "tag_articles"]

#: A query every sample article answers (they all report the March 2020 strikes in Iraq).
SAMPLE_QUERY = "rocket militia"
#: How long the GUI step waits for the first paint before failing.
PAINT_TIMEOUT_S = 20.0


class StepFailed(Exception):
    """A check inside a step did not hold; the message says what was expected."""


def _check(condition: object, message: str) -> None:
    if not condition:
        raise StepFailed(message)


@contextmanager
def _scratch(keep: bool) -> Iterator[Path]:
    """A temporary folder that also holds the app's settings (NEWSROOM_DATA_DIR) meanwhile."""
    from .core.paths import DATA_ENV

    root = Path(tempfile.mkdtemp(prefix="newsroom-selftest-"))
    saved = os.environ.get(DATA_ENV)
    os.environ[DATA_ENV] = str(root / "data")
    try:
        yield root
    finally:
        if saved is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = saved
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


# -- the steps -------------------------------------------------------------------------------


def _step_resources(ctx: dict[str, Any]) -> str:
    from .core.entities.gazetteer import load_gazetteer
    from .core.entities.namelists import name_lists
    from .core.paths import resources_dir, sample_articles_dir

    folder = resources_dir()
    _check(folder.is_dir(), f"no resources folder at {folder}")
    samples = sorted(p for p in sample_articles_dir().iterdir() if p.is_file())
    _check(samples, f"no sample articles in {sample_articles_dir()}")
    needed = ("briefing-template.docx", "outlets.json", "gazetteer.json", "icons/app.svg",
              "icons/app-256.png")
    for name in needed:
        _check((folder / name).is_file(), f"{name} is missing from {folder}")
    entries = load_gazetteer()
    _check(entries, "the gazetteer is empty")
    name_lists()
    ctx["samples"] = samples
    return f"{folder}: {len(samples)} samples, {len(entries)} gazetteer entries, name lists, template, icons"


def _step_import(ctx: dict[str, Any]) -> str:
    from .core.archive import Archive
    from .core.operations import import_and_index
    from .core.paths import sample_articles_dir

    archive = Archive.open(ctx["root"] / "archive", create=True)
    ctx["archive"] = archive
    report = import_and_index(archive, [sample_articles_dir()])
    _check(not report.failed, f"{report.failed} sample(s) failed: {report.summary()}")
    expected = len(ctx["samples"])
    _check(report.imported == expected, f"expected {expected} imported: {report.summary()}")
    _check(archive.count() == report.imported, f"the archive holds {archive.count()} articles")
    ctx["ids"] = ctx["sample_ids"] = report.imported_ids
    return f"{report.imported} sample articles into {archive.folder} ({report.seconds:.2f} s)"


#: Words for the made-up stories of the formats step (one distinct story per format).
_FORMAT_STORY = (
    "{place} — Officials in {place} said on Tuesday that a convoy carrying medical supplies "
    "reached the district after three days of delays at checkpoints. Aid workers described "
    "shortages of fuel and clean water, and local councils asked for safe passage for families "
    "leaving the area. The self-test wrote this {fmt} story to check that the {fmt} reader works."
)


def _story(fmt: str, place: str) -> tuple[str, str]:
    return f"Aid convoy reaches {place} ({fmt} self-test)", _FORMAT_STORY.format(place=place, fmt=fmt)


def _pdf_bytes(headline: str, body: str) -> bytes:
    """A one-page PDF with a text layer (Helvetica), written by hand: no PDF writer is shipped."""
    import textwrap

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    lines = [headline, ""] + textwrap.wrap(body.replace("\u2014", "-"), 80)
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"] + [f"({esc(line)}) Tj T*" for line in lines] + ["ET"]
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body_obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body_obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _write_format_files(folder: Path) -> list[Path]:
    """One made-up story per non-text format the importer reads."""
    from email.message import EmailMessage
    from html import escape

    from docx import Document

    folder.mkdir(parents=True, exist_ok=True)
    headline, body = _story("HTML", "Kirkuk")
    html = folder / "story.html"
    html.write_text(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(headline)}</title>"
        "<meta property='og:site_name' content='Self-test Times'></head><body><nav>Home | World</nav>"
        f"<article><h1>{escape(headline)}</h1><p>{escape(body)}</p><p>{escape(body)}</p></article>"
        "<footer>Subscribe now</footer></body></html>", encoding="utf-8")
    headline, body = _story("Markdown", "Basra")
    (folder / "story.md").write_text(f"# {headline}\n\n{body}\n", encoding="utf-8")
    headline, body = _story("Word", "Mosul")
    document = Document()
    document.add_heading(headline, level=1)
    document.add_paragraph(body)
    document.save(str(folder / "story.docx"))
    headline, body = _story("PDF", "Erbil")
    (folder / "story.pdf").write_bytes(_pdf_bytes(headline, body))
    headline, body = _story("e-mail", "Najaf")
    message = EmailMessage()
    message["Subject"], message["From"] = headline, "Desk <desk@example.org>"
    message["Date"] = "Tue, 10 Mar 2020 09:00:00 +0000"
    message.set_content(body)
    (folder / "story.eml").write_bytes(bytes(message))
    return sorted(folder.iterdir())


def _step_formats(ctx: dict[str, Any]) -> str:
    from .core.operations import import_and_index

    files = _write_format_files(ctx["root"] / "formats")
    report = import_and_index(ctx["archive"], files)
    problems = [o.line() for o in report.outcomes if o.status.value != "imported"]
    _check(not problems, "; ".join(problems) or "nothing imported")
    ctx["ids"] = list(ctx["ids"]) + report.imported_ids
    ctx["format_ids"] = {Path(o.path).suffix.lstrip("."): o.article_id for o in report.outcomes}
    return f"{report.imported} files: " + ", ".join(p.suffix.lstrip(".") for p in files)


def _step_indexer(ctx: dict[str, Any]) -> str:
    """The search indexer that large imports run in a second (spawned) process: in a frozen
    build the child must start the bundled interpreter, not another copy of the app."""
    from .core.search.background import BackgroundIndexer

    indexer = BackgroundIndexer(ctx["archive"].folder).start()
    indexer.poke()
    _check(indexer.finish(timeout=120), "the indexer process did not start, or did not end cleanly")
    return "a second process started, caught up with the archive and exited cleanly"


#: The entity the tag step creates by hand, and the word of the Word-format story it tags.
HAND_TAG_NAME, HAND_TAG_WORD = "Selftest Convoy", "convoy"


def tag_articles(archive: Any, article_ids: Sequence[int]) -> dict[int, list[Any]]:
    """The entities each article mentions, as briefing ``EntityRef``s: the archive's tagging
    (suggested at import from its aliases, the starter gazetteer and name patterns, or confirmed
    by hand), as the briefing dialog takes them."""
    from .core.briefing.model import EntityRef
    from .core.entities.store import entities_for_article

    return {article_id: [EntityRef(name, kind) for _id, name, kind, _state, _count
                         in entities_for_article(archive, article_id)]
            for article_id in article_ids}


def _step_tag(ctx: dict[str, Any]) -> str:
    from .core.entities.editing import tag_span
    from .core.entities.store import entities_for_article

    archive = ctx["archive"]
    suggested = tag_articles(archive, ctx["sample_ids"])
    names = sorted({e.name for refs in suggested.values() for e in refs})
    _check(names, "the import suggested no entity in the sample articles")
    # A reporter's "Tag as...": a word of the Word story becomes a confirmed mention of a new entity.
    story = ctx["format_ids"]["docx"]
    start = (archive.get(story).body or "").find(HAND_TAG_WORD)
    _check(start >= 0, f"no {HAND_TAG_WORD!r} in the Word story")
    entity_id, _mention = tag_span(archive, story, start, start + len(HAND_TAG_WORD), name=HAND_TAG_NAME,
                                   kind="other")
    confirmed = [row for row in entities_for_article(archive, story) if row[0] == entity_id]
    _check(confirmed and confirmed[0][3] == "confirmed", "the hand-made tag was not stored as confirmed")
    ctx["tags"] = tag_articles(archive, ctx["ids"])
    return (f"{len(names)} entities suggested at import in the samples ({', '.join(names[:3])}, ...); "
            f"tagged {HAND_TAG_WORD!r} as {HAND_TAG_NAME!r} by hand")


def _step_search(ctx: dict[str, Any]) -> str:
    from .core.search.engine import SearchEngine, SearchRequest
    from .core.search.index import SearchIndex

    archive = ctx["archive"]
    index = SearchIndex(archive)
    engine = SearchEngine(archive, index)
    try:
        found = index.ensure_current()  # the hand-made tag left the index one edit behind
        hits = engine.search(SearchRequest(query=SAMPLE_QUERY, limit=50))
        everything = engine.search(SearchRequest(query="", limit=50))
        tagged = engine.search(SearchRequest(query=f'entity:"{HAND_TAG_NAME}"', limit=50))
    finally:
        engine.close()
        index.close()
    _check(hits.total >= 1, f"{SAMPLE_QUERY!r} found nothing")
    _check(all(h.id in ctx["ids"] for h in hits.hits), "a hit is not one of the imported articles")
    _check(everything.total == archive.count(),
           f"the empty search shows {everything.total} of {archive.count()}")
    _check([h.id for h in tagged.hits] == [ctx["format_ids"]["docx"]],
           f"entity:\"{HAND_TAG_NAME}\" found {[h.id for h in tagged.hits]}, not the tagged story")
    top = hits.hits[0]
    return (f"index {found.value}, caught up; {SAMPLE_QUERY!r}: {hits.total} hits "
            f"in {hits.elapsed_ms:.0f} ms, "
            f"top #{top.id} {(top.headline or '')[:40]!r}; entity:\"{HAND_TAG_NAME}\": the tagged story; "
            f"all articles: {everything.total}")


def _step_briefing(ctx: dict[str, Any]) -> str:
    from docx import Document

    from .core.briefing.docx_writer import write_briefing
    from .core.briefing.model import SECTION_TITLES, Briefing, BriefingStory

    archive = ctx["archive"]
    stories = [BriefingStory.from_article(archive.get(i), entities=ctx["tags"].get(i, []))
               for i in ctx["ids"]]
    briefing = Briefing(title="Newsroom Archive self-test", author="self-test",
                        summary="Every bundled sample article.", stories=stories)
    out = write_briefing(briefing, ctx["root"] / "briefing.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    _check(briefing.title in text, "the briefing has no title")
    for story in stories:
        _check(story.headline[:40] in text, f"story #{story.article_id} is missing from the briefing")
    _check(SECTION_TITLES["entity_table"] in text, "the briefing has no table of entities")
    tags = sum(len(story.entities) for story in stories)
    size = out.stat().st_size // 1024
    return f"{len(stories)} stories, {tags} entities -> {out.name} ({size} KB), read back"


def _paint_watcher(widget: Any) -> Callable[[], float | None]:
    """Install an event filter on ``widget``; the returned function gives the first paint time."""
    from PySide6.QtCore import QEvent, QObject

    class Watcher(QObject):
        painted_at: float | None = None

        def eventFilter(self, obj: Any, event: Any) -> bool:  # Qt's name
            if event.type() == QEvent.Type.Paint and self.painted_at is None:
                self.painted_at = time.time()
            return False

    watcher = Watcher(widget)
    widget.installEventFilter(watcher)
    return lambda: watcher.painted_at


def _open_window(archive: Any) -> tuple[Any, Any, float]:
    """The QApplication and main window, shown and painted; the epoch time of the first paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .ui.main import _application
    from .ui.main_window import MainWindow

    app = _application([])
    window = MainWindow(archive)
    painted_at = _paint_watcher(window)
    window.show()
    deadline = time.monotonic() + PAINT_TIMEOUT_S
    while painted_at() is None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    first = painted_at()
    if first is None:
        _close_window(app, window)
        raise StepFailed(f"the window was not painted within {PAINT_TIMEOUT_S:.0f} s")
    return app, window, first


def _close_window(app: Any, window: Any) -> None:
    window.shutdown()
    window.close()
    app.processEvents()


def _step_gui(ctx: dict[str, Any]) -> str:
    started = time.time()
    app, window, first = _open_window(ctx["archive"])
    try:
        settle = time.monotonic() + 0.5  # let the results load and the first refresh run
        while time.monotonic() < settle:
            app.processEvents()
            time.sleep(0.01)
        _check(window.isVisible(), "the window is not visible")
        title = window.windowTitle()
    finally:
        _close_window(app, window)
    return (f"main window on {app.platformName()}: {title!r}, first paint after "
            f"{(first - started) * 1000:.0f} ms, closed")


STEPS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("resources", _step_resources),
    ("import", _step_import),
    ("formats", _step_formats),
    ("indexer", _step_indexer),
    ("tag", _step_tag),
    ("search", _step_search),
    ("briefing", _step_briefing),
]


def _archive_step(folder: str) -> Callable[[dict[str, Any]], str]:
    def step(ctx: dict[str, Any]) -> str:
        from .core.archive import Archive
        from .core.checking import check_archive
        from .core.locking import ArchiveLocked
        from .core.store import ArchiveTooNew, NotAnArchive

        try:
            archive = Archive.open(folder, readonly=True)
        except (NotAnArchive, ArchiveTooNew, ArchiveLocked, OSError) as exc:
            raise StepFailed(f"cannot open {folder}: {exc}") from None
        try:
            report = check_archive(archive)
        finally:
            archive.close()
        _check(report.ok, f"{folder}: " + "; ".join(f.message for f in report.errors[:3]))
        return f"{folder}: {report.articles} articles, {report.originals} originals verified"

    return step


def run_self_test(out: TextIO = sys.stdout, *, gui: bool = False, keep: bool = False,
                  archive: str | None = None) -> int:
    """Run every step, printing one line each; 0 when all passed, 1 otherwise."""
    from . import __version__

    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"Newsroom Archive {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, "
          f"{sys.platform})", file=out, flush=True)
    steps = STEPS + ([("gui", _step_gui)] if gui else [])
    if archive:
        steps = [*steps, ("archive", _archive_step(archive))]
    failed = 0
    started = time.perf_counter()
    with _scratch(keep) as root:
        ctx: dict[str, Any] = {"root": root}
        try:
            for name, step in steps:
                t0 = time.perf_counter()
                try:
                    detail = step(ctx)
                except Exception as exc:  # noqa: BLE001 - report every failure, then go on
                    failed += 1
                    print(f"FAIL {name:<9} {type(exc).__name__}: {exc}", file=out, flush=True)
                    if not isinstance(exc, StepFailed):
                        traceback.print_exc(file=out)
                    if name in ("resources", "import"):
                        break  # nothing after these can work
                    continue
                print(f"ok   {name:<9} {detail} [{time.perf_counter() - t0:.2f} s]", file=out, flush=True)
        finally:
            if "archive" in ctx:
                ctx["archive"].close()
        if keep:
            print(f"kept {root}", file=out)
    verdict = "PASSED" if not failed else f"FAILED ({failed} step(s))"
    print(f"self-test {verdict} in {time.perf_counter() - started:.1f} s", file=out, flush=True)
    return 0 if not failed else 1


def run_startup_probe(out: TextIO = sys.stdout) -> int:
    """Open the window on an empty temporary archive; print when it was first painted."""
    from .core.archive import Archive

    with _scratch(keep=False) as root:
        archive = Archive.open(root / "archive", create=True)
        try:
            app, window, first = _open_window(archive)
            _close_window(app, window)
        finally:
            archive.close()
    print(f"first-paint-epoch: {first:.6f}", file=out, flush=True)
    return 0


class _Tee:
    """Write to the console (when there is one) and to a file."""

    def __init__(self, *streams: TextIO | None) -> None:
        self.streams = [s for s in streams if s is not None]

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """``--self-test [--gui] [--keep] [--out FILE]`` or ``--self-test --startup``.

    A Windows build has no console (``sys.stdout`` is None): the report then goes to ``--out``
    or, without it, to ``newsroom-archive-selftest.log`` in the temporary folder.
    """
    parser = argparse.ArgumentParser(prog="newsroom-archive --self-test", add_help=False)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--gui", action="store_true", help="also open and close the main window")
    parser.add_argument("--startup", action="store_true", help="only time the window's first paint")
    parser.add_argument("--keep", action="store_true", help="keep the temporary archive")
    parser.add_argument("--out", metavar="FILE", help="also write the report to FILE")
    parser.add_argument("--archive", metavar="DIR", help="also check this archive (read-only)")
    args, _ = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    out_path = args.out or (None if sys.stdout is not None else
                            str(Path(tempfile.gettempdir()) / "newsroom-archive-selftest.log"))
    with open(out_path, "w", encoding="utf-8") if out_path else _nowhere() as log:
        out: Any = _Tee(sys.stdout, log)
        if args.startup:
            return run_startup_probe(out)
        return run_self_test(out, gui=args.gui, keep=args.keep, archive=args.archive)


@contextmanager
def _nowhere() -> Iterator[None]:
    yield None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
