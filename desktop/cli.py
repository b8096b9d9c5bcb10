"""``newsroom-archive import|list|show|check``: a thin command-line shell over the core.

Every command does exactly what the GUI does through the same :mod:`desktop.core` calls, so
scripts and the desktop app never disagree. Exit codes are stable for scripts:

====  ==============================================================
0     success
1     the command ran but found problems (files failed to import, check found errors)
2     the command line was wrong
3     the archive could not be opened (not an archive, newer version, in use)
4     the requested article does not exist
130   interrupted (Ctrl-C); what was done before is kept
====  ==============================================================
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from . import __version__
from .core.archive import Archive
from .core.articles import Article
from .core.checking import check_archive
from .core.importing.pipeline import import_paths
from .core.locking import ArchiveLocked
from .core.paths import resolve_archive_dir
from .core.store import ArchiveTooNew, NotAnArchive

__all__ = ["build_parser", "run_cli", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "EXIT_ARCHIVE",
           "EXIT_NOT_FOUND", "EXIT_INTERRUPTED"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_ARCHIVE = 3
EXIT_NOT_FOUND = 4
EXIT_INTERRUPTED = 130


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--archive", metavar="DIR", default=argparse.SUPPRESS,
        help="archive folder (default: $NEWSROOM_ARCHIVE, else the archive in your data folder)",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print machine-readable JSON")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="newsroom-archive",
        description="Newsroom Archive: import, search and brief from your conflict-coverage files. "
        "Without a command, opens the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"Newsroom Archive {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser("import", parents=[common], help="import article files and folders")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (folders are read recursively)")
    imp.add_argument("--quiet", "-q", action="store_true", help="print only the summary and failures")

    lst = commands.add_parser("list", parents=[common], help="list articles, newest import first")
    lst.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    lst.add_argument("--offset", type=int, default=0, help="skip this many first")

    show = commands.add_parser("show", parents=[common], help="show one article with its metadata")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--no-body", action="store_true", help="metadata only")

    chk = commands.add_parser("check", parents=[common], help="verify the database and every original")
    chk.add_argument("--repair", action="store_true", help="remove harmless leftovers of interrupted imports")
    return parser


def _emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_err(message: str) -> None:
    print(f"newsroom-archive: {message}", file=sys.stderr)


def _cmd_import(archive: Archive, args: argparse.Namespace) -> int:
    cancel = threading.Event()

    def interrupt(signum: int, frame: object) -> None:
        cancel.set()
        _print_err("interrupted: finishing the current file, then stopping")

    previous = signal.signal(signal.SIGINT, interrupt)
    show_progress = sys.stderr.isatty() and not getattr(args, "json", False)

    def progress(done: int, total: int, current: str) -> None:
        if show_progress:
            sys.stderr.write(f"\r[{done}/{total}] {current[-60:]:<60}")
            sys.stderr.flush()

    try:
        report = import_paths(archive, args.paths, progress=progress, cancel=cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
        if show_progress:
            sys.stderr.write("\r" + " " * 80 + "\r")
    if getattr(args, "json", False):
        _emit_json(report.to_json())
    else:
        for outcome in report.outcomes:
            if not args.quiet or outcome.status.value == "failed":
                print(outcome.line())
        print(report.summary())
    if report.cancelled:
        return EXIT_INTERRUPTED
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def _article_line(article: Article) -> str:
    date = article.pub_date.iso() if article.pub_date else "----------"
    review = " *" if article.needs_review else ""
    return f"{article.id:>6}  {date:<10}  {(article.outlet or '-')[:20]:<20}  {article.display_headline[:90]}{review}"


def _cmd_list(archive: Archive, args: argparse.Namespace) -> int:
    articles = archive.list(limit=args.limit, offset=args.offset)
    if getattr(args, "json", False):
        _emit_json({"total": archive.count(), "articles": [a.to_json(with_body=False) for a in articles]})
        return EXIT_OK
    for article in articles:
        print(_article_line(article))
    print(f"{archive.count()} articles in {archive.folder} (* = metadata needs review)")
    return EXIT_OK


def _cmd_show(archive: Archive, args: argparse.Namespace) -> int:
    article = archive.get(args.id)
    if article is None:
        _print_err(f"no article #{args.id} in {archive.folder}")
        return EXIT_NOT_FOUND
    if getattr(args, "json", False):
        _emit_json(article.to_json(with_body=not args.no_body))
        return EXIT_OK
    values = {
        "headline": article.headline, "byline": ", ".join(article.byline) or None,
        "outlet": article.outlet, "date": article.pub_date.iso() if article.pub_date else None,
        "dateline": article.dateline, "url": article.url, "language": article.language,
    }
    print(f"Article #{article.id}  ({article.original_name}, {article.original_format}, {article.word_count} words)")
    for name, value in values.items():
        state = article.provenance.get(name, "missing")
        print(f"  {name:<9} {value if value is not None else '(unknown)'}   [{state}]")
    print(f"  imported  {article.imported_at}   sha256 {article.content_hash}")
    if not args.no_body:
        print()
        print(article.body)
    return EXIT_OK


def _cmd_check(archive: Archive, args: argparse.Namespace) -> int:
    report = check_archive(archive, repair=args.repair)
    if getattr(args, "json", False):
        _emit_json(report.to_json())
    else:
        for finding in report.findings:
            print(f"{finding.severity:<5}  {finding.message}")
        for line in report.repaired:
            print(f"fixed  {line}")
        verdict = "OK" if report.ok else f"{len(report.errors)} problem(s)"
        print(f"{verdict}: {report.articles} articles, {report.originals} originals verified")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


_COMMANDS = {"import": _cmd_import, "list": _cmd_list, "show": _cmd_show, "check": _cmd_check}
#: Commands that only read, and may run while the app has the archive open.
_READ_ONLY = {"list", "show"}


def run_cli(argv: Sequence[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    folder = resolve_archive_dir(getattr(args, "archive", None))
    readonly = args.command in _READ_ONLY or (args.command == "check" and not args.repair)
    try:
        archive = Archive.open(folder, create=args.command == "import", readonly=readonly)
    except (NotAnArchive, ArchiveTooNew, ArchiveLocked) as exc:
        _print_err(f"cannot open the archive: {exc}")
        return EXIT_ARCHIVE
    except OSError as exc:
        _print_err(f"cannot open the archive at {folder}: {exc.strerror or exc}")
        return EXIT_ARCHIVE
    try:
        return _COMMANDS[args.command](archive, args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        archive.close()
