"""``newsroom-archive export --query Q | --ids ... | --thread NAME --out FILE.docx``: a Word briefing.

The same core as the app's briefing dialog: :func:`desktop.core.briefing.from_archive.
briefing_from_articles` lays the stories out and :func:`~desktop.core.briefing.docx_writer.
write_briefing` writes the document atomically (a failed or interrupted export leaves no file).
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cli_common import EXIT_NOT_FOUND, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, print_err

if TYPE_CHECKING:
    from .core.archive import Archive

__all__ = ["COMMANDS", "add_export_command"]

#: Stories a query export takes at most (a briefing is read by people).
QUERY_LIMIT = 200


def add_export_command(commands: Any, common: argparse.ArgumentParser) -> None:
    exp = commands.add_parser("export", parents=[common], help="write a Word briefing of some stories")
    which = exp.add_mutually_exclusive_group(required=True)
    which.add_argument("--query", help=f"the stories a search finds (best first, at most {QUERY_LIMIT})")
    which.add_argument("--ids", help="story numbers, in order: 3,1,2")
    which.add_argument("--thread", help="the stories of an event thread, by date")
    which.add_argument("--draft", type=int, help="a briefing draft saved in the app, by number")
    exp.add_argument("--out", required=True, metavar="FILE.docx")
    exp.add_argument("--title", help="the briefing's title (default: from the query or thread)")
    exp.add_argument("--author", default="")
    exp.add_argument("--full-text", action="store_true", help="each story's full text, not just its lead")
    exp.add_argument("--suggested-entities", action="store_true",
                     help="list suggested entities too, not only confirmed ones")
    exp.add_argument("--template", help="a .docx with the house styles (default: the bundled template)")


def _thread_ids(archive: Archive, name: str) -> list[int] | None:
    try:
        from .core.related.store import thread_story_ids
    except ImportError:
        return None
    return thread_story_ids(archive, name)


def _ids(archive: Archive, args: argparse.Namespace) -> tuple[list[int], str] | str:
    """(story ids, default title), or a message saying why there are none."""
    if args.ids:
        try:
            ids = [int(x) for x in args.ids.replace(" ", ",").split(",") if x]
        except ValueError:
            return f"--ids takes story numbers separated by commas, not {args.ids!r}"
        missing = [i for i in ids if archive.get(i) is None]
        if missing:
            return f"no story #{', #'.join(map(str, missing))}"
        return ids, "Briefing"
    if args.thread:
        ids = _thread_ids(archive, args.thread)
        if not ids:
            return f"no event thread called {args.thread!r}"
        return ids, args.thread
    from .core.search.engine import SearchFailed, SearchRequest
    from .core.search.session import SearchUnavailable, search_with

    try:
        found, notes = search_with(archive, lambda engine: engine.ids(SearchRequest(query=args.query)))
    except (SearchUnavailable, SearchFailed) as exc:
        return f"cannot search for the stories: {exc}"
    for note in notes:
        print_err(f"note: {note}")
    ids = found[:QUERY_LIMIT]
    if not ids:
        return f"no story matches {args.query!r}"
    return ids, args.query


def cmd_export(archive: Archive, args: argparse.Namespace) -> int:
    from .core.briefing.docx_writer import BriefingCancelled, write_briefing
    from .core.briefing.from_archive import briefing_from_articles, load_draft, save_draft
    from .core.briefing.model import BriefingOptions
    from .core.briefing.template import TemplateError

    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        print("newsroom-archive: --out must name a .docx file", file=sys.stderr)
        return EXIT_USAGE
    if args.draft is not None:
        briefing = load_draft(archive, args.draft)
        if briefing is None:
            print_err(f"no briefing draft #{args.draft}")
            return EXIT_NOT_FOUND
    else:
        found = _ids(archive, args)
        if isinstance(found, str):
            print_err(f"{found}")
            return EXIT_NOT_FOUND
        ids, default_title = found
        briefing = briefing_from_articles(
            archive, ids, title=args.title or default_title, author=args.author,
            options=BriefingOptions(full_text=args.full_text), suggested_entities=args.suggested_entities)
    cancel = threading.Event()
    try:
        path = write_briefing(briefing, out, template=args.template, cancel=cancel)
    except TemplateError as exc:
        print_err(str(exc))
        return EXIT_PROBLEMS
    except (OSError, BriefingCancelled) as exc:
        print_err(f"could not write {out}: {getattr(exc, 'strerror', None) or exc}")
        return EXIT_PROBLEMS
    except Exception as exc:  # noqa: BLE001 - an export failure in words, never a traceback
        print_err(f"could not write {out}: the export failed unexpectedly ({type(exc).__name__}: {exc})")
        return EXIT_PROBLEMS
    if args.draft is not None:
        save_draft(archive, briefing, args.draft, exported_to=str(path))
    print(f"Wrote {path} ({len(briefing.stories)} stories).")
    return EXIT_OK


#: Top-level commands this module adds, for :data:`desktop.cli._COMMANDS`.
COMMANDS = {"export": cmd_export}
