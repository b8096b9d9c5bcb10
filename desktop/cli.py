"""``newsroom-archive import|list|show|check|recover|search|reindex|saved|entities|tag|export|related|link|
unlink|threads``: a thin shell over the core (entity commands in :mod:`desktop.cli_entities`,
export in :mod:`desktop.cli_export`, related stories in :mod:`desktop.cli_related`).

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
import signal
import sqlite3
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_common import (
    EXIT_ARCHIVE,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    emit_json,
    print_err,
    wants_json,
)
from .cli_entities import COMMANDS as ENTITY_COMMANDS
from .cli_entities import add_entity_commands
from .cli_export import COMMANDS as EXPORT_COMMANDS
from .cli_export import add_export_command
from .cli_related import COMMANDS as RELATED_COMMANDS
from .cli_related import add_related_commands
from .cli_quotes import COMMANDS as QUOTE_COMMANDS
from .cli_quotes import add_quotes_command
from .cli_reclean import COMMANDS as RECLEAN_COMMANDS
from .cli_reclean import add_reclean_command
from .core.archive import Archive
from .core.articles import Article
from .core.checking import check_archive
from .core.damage import damaged_message, is_damage_error
from .core.layout import DB_NAME
from .core.locking import ArchiveLocked, ArchiveReadOnly
from .core.operations import import_and_index
from .core.paths import resolve_archive_dir
from .core.recovery import recover_archive
from .core.saved_searches import SORTS, delete_saved, get_saved, list_saved, save_search
from .core.search.engine import SearchRequest, SearchResults
from .core.search.index import SearchIndex
from .core.store import ArchiveTooNew, NotAnArchive

__all__ = [
    "EXIT_ARCHIVE",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "build_parser",
    "run_cli",
]



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
    lst.add_argument("--limit", type=int, default=50, help="how many (default 50; 0 = all)")
    lst.add_argument("--offset", type=int, default=0, help="skip this many first")

    show = commands.add_parser("show", parents=[common], help="show one article with its metadata")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--no-body", action="store_true", help="metadata only")

    chk = commands.add_parser("check", parents=[common], help="verify the database and every original")
    chk.add_argument("--repair", action="store_true",
                     help="tidy leftovers of interrupted work into the archive's quarantine/ folder "
                          "and restore missing originals from their source files")

    commands.add_parser(
        "recover", parents=[common],
        help="rebuild a damaged archive: salvage the database, re-read the stored originals",
        description="Move the damaged archive.db into the archive's quarantine/ folder (it is never "
        "deleted), copy every row that still reads into a fresh database, read every stored original "
        "that no article uses into an article again, and rebuild the search index. Exit 0 when "
        "everything came back, 1 when something did not (the report says what).",
    )

    srch = commands.add_parser(
        "search", parents=[common], help="full-text search (see the README for the query language)"
    )
    srch.add_argument("query", nargs="*", help='words, "phrases", AND/OR/NOT, field:value, date:2020-03 ...')
    _search_options(srch)

    commands.add_parser("reindex", parents=[common], help="rebuild the search index from the database")
    add_entity_commands(commands, common)
    add_export_command(commands, common)
    add_related_commands(commands, common)
    add_reclean_command(commands, common)
    add_quotes_command(commands, common)

    saved = commands.add_parser("saved", parents=[common], help="saved searches: list, run, add, delete")
    saved_commands = saved.add_subparsers(dest="saved_command", metavar="ACTION", required=True)
    saved_commands.add_parser("list", parents=[common], help="list saved searches")
    run = saved_commands.add_parser("run", parents=[common], help="run a saved search")
    run.add_argument("name")
    run.add_argument("--limit", type=int, default=20)
    run.add_argument("--all-suggestions", action="store_true",
                     help="entity: also counts weakly suggested mentions")
    add = saved_commands.add_parser("add", parents=[common], help="save a search under a name")
    add.add_argument("name")
    add.add_argument("query")
    add.add_argument("--sort", choices=SORTS, default="relevance")
    add.add_argument("--filter", action="append", default=[], metavar="FACET=VALUE")
    delete = saved_commands.add_parser("delete", parents=[common], help="delete a saved search")
    delete.add_argument("name")
    return parser


def _search_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sort", choices=SORTS, default="relevance", help="result order (default relevance)")
    parser.add_argument("--limit", type=int, default=20, help="hits to show (default 20)")
    parser.add_argument("--offset", type=int, default=0, help="skip this many hits first")
    parser.add_argument("--filter", action="append", default=[], metavar="FACET=VALUE",
                        help="narrow by a facet: outlet=Newsweek, month=2020-03, tag=..., entity=...")
    parser.add_argument("--exact", action="store_true",
                        help="match names only as typed (by default an entity's name also finds its other spellings)")
    parser.add_argument("--all-suggestions", action="store_true",
                        help="entity: also counts stories where the entity is only weakly suggested")






def _cmd_import(archive: Archive, args: argparse.Namespace) -> int:
    cancel = threading.Event()

    def interrupt(signum: int, frame: object) -> None:
        cancel.set()
        print_err("interrupted: finishing the current file, then stopping")

    previous = signal.signal(signal.SIGINT, interrupt)
    show_progress = sys.stderr.isatty() and not getattr(args, "json", False)

    def progress(done: int, total: int, current: str) -> None:
        if show_progress:
            sys.stderr.write(f"\r[{done}/{total}] {current[-60:]:<60}")
            sys.stderr.flush()

    try:
        report = import_and_index(archive, args.paths, progress=progress, cancel=cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
        if show_progress:
            sys.stderr.write("\r" + " " * 80 + "\r")
    if getattr(args, "json", False):
        emit_json(report.to_json())
    else:
        for outcome in report.outcomes:
            if not args.quiet or outcome.status.value == "failed":
                print(outcome.line())
        print(report.summary())
    if report.disk_full or report.problems:
        print_err("the disk is full: free some space and import again (files already imported "
                  "are recognised as duplicates)" if report.disk_full else report.problems[0])
        return EXIT_PROBLEMS
    if report.cancelled:
        return EXIT_INTERRUPTED
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def _article_line(article: Article) -> str:
    date = article.pub_date.iso() if article.pub_date else "----------"
    review = " *" if article.needs_review else ""
    return f"{article.id:>6}  {date:<10}  {(article.outlet or '-')[:20]:<20}  {article.display_headline[:90]}{review}"


def _cmd_list(archive: Archive, args: argparse.Namespace) -> int:
    articles = archive.list(limit=args.limit if args.limit > 0 else -1, offset=args.offset)  # -1: no limit
    if getattr(args, "json", False):
        emit_json({"total": archive.count(), "articles": [a.to_json(with_body=False) for a in articles]})
        return EXIT_OK
    for article in articles:
        print(_article_line(article))
    print(f"{archive.count()} articles in {archive.folder} (* = metadata needs review)")
    return EXIT_OK


def _cmd_show(archive: Archive, args: argparse.Namespace) -> int:
    article = archive.get(args.id)
    if article is None:
        print_err(f"no article #{args.id} in {archive.folder}")
        return EXIT_NOT_FOUND
    if getattr(args, "json", False):
        from .cli_entities import article_json  # the story's entity mentions too
        emit_json(article_json(archive, article, with_body=not args.no_body))
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


def _cmd_recover(folder: Path, args: argparse.Namespace) -> int:
    show = sys.stderr.isatty() and not wants_json(args)

    def progress(done: int, total: int, what: str) -> None:
        if show:
            sys.stderr.write(f"\r{what}: {done}/{total}    ")
            sys.stderr.flush()

    try:
        report = recover_archive(folder, progress=progress)
    finally:
        if show:
            sys.stderr.write("\r" + " " * 40 + "\r")
    if wants_json(args):
        emit_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
        verdict = "recovered" if report.ok else "recovered in part"
        print(f"{verdict}: {report.articles} articles in {report.folder}, {report.indexed} indexed")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _cmd_check(archive: Archive, args: argparse.Namespace) -> int:
    report = check_archive(archive, repair=args.repair)
    if getattr(args, "json", False):
        emit_json(report.to_json())
    else:
        for finding in report.findings:
            print(f"{finding.severity:<5}  {finding.message}")
        for line in report.repaired:
            print(f"fixed  {line}")
        verdict = "OK" if report.ok else f"{len(report.errors)} problem(s)"
        print(f"{verdict}: {report.articles} articles, {report.originals} originals verified")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _parse_filters(raw: list[str]) -> list[tuple[str, str]] | None:
    filters = []
    for item in raw:
        facet, sep, value = item.partition("=")
        if not sep or not facet.strip() or not value.strip():
            print_err(f"--filter needs FACET=VALUE, got {item!r}")
            return None
        filters.append((facet.strip(), value.strip()))
    return filters


def _print_results(results: SearchResults, args: argparse.Namespace) -> None:
    if getattr(args, "json", False):
        emit_json(results.to_json())
        return
    for message in results.messages:
        print(f"note: {message}")
    for hit in results.hits:
        print(f"{hit.rank:>4}. #{hit.id:<6} {hit.date or '----------':<10}  {(hit.outlet or '-')[:24]:<24} {hit.headline or '(no headline)'}")
        if hit.snippet_text:
            print(f"       {hit.snippet_text[:300]}")
    shown = f"{results.hits[0].rank}-{results.hits[-1].rank} of " if results.hits else ""
    print(f"{shown}{results.total} article{'s' if results.total != 1 else ''} ({results.sort}, {results.elapsed_ms:.0f} ms)")
    if results.suggestions:
        print(f"Did you mean: {results.suggestions[0]}")
    for facet, values in results.facets.items():
        if values:
            print(f"  {facet}: " + ", ".join(f"{v} ({n})" for v, n in values[:8]))


def _announce(message: str) -> None:
    """Say what a search is doing while it does it (a rebuild takes a while), on a terminal."""
    if sys.stderr.isatty():
        print_err(message)


def _run_search(archive: Archive, request: SearchRequest, args: argparse.Namespace) -> int:
    from .core.search.engine import SearchFailed
    from .core.search.session import SearchUnavailable, search_with

    try:
        results, notes = search_with(archive, lambda engine: engine.search(request), announce=_announce)
    except SearchUnavailable as exc:
        print_err(f"cannot search: {exc}")
        return EXIT_PROBLEMS
    except SearchFailed as exc:
        print_err(f"{exc}; nothing in the archive was changed")
        return EXIT_PROBLEMS
    results.messages[:0] = notes
    _print_results(results, args)
    return EXIT_OK


def _cmd_search(archive: Archive, args: argparse.Namespace) -> int:
    filters = _parse_filters(args.filter)
    if filters is None:
        return EXIT_USAGE
    request = SearchRequest(query=" ".join(args.query), filters=filters, sort=args.sort,
                            offset=max(0, args.offset), limit=max(1, args.limit),
                            expand_aliases=not args.exact, all_suggestions=args.all_suggestions)
    return _run_search(archive, request, args)


def _cmd_reindex(archive: Archive, args: argparse.Namespace) -> int:
    from .core.disk_full import is_disk_full

    index = SearchIndex(archive)
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            sys.stderr.write(f"\rindexing {done}/{total}")
            sys.stderr.flush()

    try:
        count = index.rebuild(progress=progress)  # also removes half-built indexes of dead runs
    except OSError as exc:
        full = "the disk is full; " if is_disk_full(exc) else ""
        print_err(f"could not rebuild the search index: {full}{exc.strerror or exc} (the previous index is kept)")
        return EXIT_PROBLEMS
    finally:
        index.close()
        if show:
            sys.stderr.write("\n")
    if getattr(args, "json", False):
        emit_json({"indexed": count})
    else:
        print(f"indexed {count} articles")
    return EXIT_OK


def _cmd_saved(archive: Archive, args: argparse.Namespace) -> int:
    action = args.saved_command
    if action == "list":
        searches = list_saved(archive)
        if getattr(args, "json", False):
            emit_json([s.to_json() for s in searches])
        for saved in [] if getattr(args, "json", False) else searches:
            chips = " ".join(f"[{k}={v}]" for k, v in saved.filters)
            print(f"{saved.name:<30} {saved.query} {chips} ({saved.sort})")
        return EXIT_OK
    if action == "add":
        filters = _parse_filters(args.filter)
        if filters is None:
            return EXIT_USAGE
        try:
            saved = save_search(archive, args.name, args.query, filters=filters, sort=args.sort)
        except ValueError as exc:
            print_err(str(exc))
            return EXIT_USAGE
        print(f"saved {saved.name!r}")
        return EXIT_OK
    if action == "delete":
        if not delete_saved(archive, args.name):
            print_err(f"no saved search named {args.name!r}")
            return EXIT_NOT_FOUND
        return EXIT_OK
    saved = get_saved(archive, args.name)
    if saved is None:
        print_err(f"no saved search named {args.name!r}")
        return EXIT_NOT_FOUND
    request = SearchRequest(query=saved.query, filters=saved.filters, sort=saved.sort, limit=max(1, args.limit),
                            all_suggestions=getattr(args, "all_suggestions", False))
    return _run_search(archive, request, args)


_COMMANDS = {"import": _cmd_import, "list": _cmd_list, "show": _cmd_show, "check": _cmd_check,
             "search": _cmd_search, "reindex": _cmd_reindex, "saved": _cmd_saved, **ENTITY_COMMANDS,
             **EXPORT_COMMANDS, **RELATED_COMMANDS, **RECLEAN_COMMANDS, **QUOTE_COMMANDS}
#: Commands that only read, and may run while the app has the archive open.
_READ_ONLY = {"list", "show", "related", "quotes"}


#: Commands that can do their work on an archive that cannot be written (read-only media).
_CAN_READ_ONLY = {"list", "show", "related", "search", "export", "check", "quotes"}


def _open_for(folder: Path, args: argparse.Namespace) -> Archive:
    """Open the archive as the command needs it: read-only for reports, for the app's archive
    in use (search), and on read-only media (search, list, show, export)."""
    readonly = args.command in _READ_ONLY or (args.command == "check" and not args.repair)
    try:
        return Archive.open(folder, create=args.command == "import", readonly=readonly)
    except ArchiveLocked:
        # The app (or an import) has it open: searching its index and exporting only read.
        if args.command not in ("search", "saved", "export") or getattr(args, "saved_command", "run") != "run":
            raise
        return Archive.open(folder, readonly=True)
    except ArchiveReadOnly as exc:
        reading = args.command in _CAN_READ_ONLY and not getattr(args, "repair", False)
        if reading or (args.command == "saved" and args.saved_command in ("run", "list")):
            return Archive.open(folder, readonly=True)
        raise ArchiveReadOnly(f"{exc}; `{args.command}` needs to change it") from exc


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
    try:
        if args.command == "recover":
            return _cmd_recover(folder, args)
        archive = _open_for(folder, args)
    except (NotAnArchive, ArchiveTooNew, ArchiveLocked) as exc:
        print_err(f"cannot open the archive: {exc}")
        return EXIT_ARCHIVE
    except OSError as exc:
        print_err(f"cannot open the archive at {folder}: {exc.strerror or exc}")
        return EXIT_ARCHIVE
    try:
        return _COMMANDS[args.command](archive, args)
    except NotAnArchive as exc:
        print_err(str(exc))
        return EXIT_ARCHIVE
    except sqlite3.DatabaseError as exc:
        if not is_damage_error(exc):
            raise
        print_err(damaged_message(archive.folder, f"reading {DB_NAME} failed ({exc})"))
        return EXIT_ARCHIVE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        archive.close()
