"""``newsroom-archive related ID``, ``link A B --type T``, ``unlink LINK`` and
``threads list|show|propose|accept|dismiss``: related stories from the command line.

Kept apart from :mod:`desktop.cli` like the entity and export commands, and as thin: every
command is a call into :mod:`desktop.core.related`. ``related`` builds the suggestion index for
the one run (the app keeps it in memory instead). Commands that change links or threads bring
the search index up to date afterwards, so ``related:`` and ``thread:`` searches see them.
Exit codes as elsewhere: 0 ok, 1 refused, 2 usage, 4 no such story, link, thread or proposal.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .cli_common import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_PROBLEMS,
    catch_up,
    emit_json,
    print_err,
    wants_json,
)
from .core.related.service import (
    RelatedIndex,
    accept_thread_proposal,
    dismiss_thread_proposal,
    open_thread_proposals,
    propose_threads_for_archive,
    versions_of,
)
from .core.related.store import (
    LINK_TYPES,
    LinkError,
    add_link,
    get_thread,
    links_for,
    list_threads,
    remove_link,
    thread_timeline,
    threads_for,
)

if TYPE_CHECKING:
    from .core.archive import Archive

__all__ = ["COMMANDS", "add_related_commands"]



def _link_type(text: str) -> str:
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in LINK_TYPES:
        raise argparse.ArgumentTypeError(f"unknown link type {text!r} (choose from {', '.join(LINK_TYPES)})")
    return value


def add_related_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    rel = commands.add_parser("related", parents=[common], help="a story's links, other versions and suggestions")
    rel.add_argument("id", type=int, metavar="ID")
    rel.add_argument("--limit", type=int, default=10, help="suggestions to show (default 10)")
    link = commands.add_parser("link", parents=[common], help="link two stories (typed, shown on both)")
    link.add_argument("a", type=int, metavar="A")
    link.add_argument("b", type=int, metavar="B")
    link.add_argument("--type", type=_link_type, default="same_event", metavar="TYPE",
                      help=f"one of {', '.join(LINK_TYPES)} (default same_event); A is the first end: "
                           "A follow_up B = B follows up A")
    link.add_argument("--note", default="", help="why they are linked")
    unlink = commands.add_parser("unlink", parents=[common], help="remove a link by its number")
    unlink.add_argument("link_id", type=int, metavar="LINK_ID")
    thr = commands.add_parser("threads", parents=[common], help="event threads: list, show, propose, accept")
    sub = thr.add_subparsers(dest="threads_command", metavar="ACTION", required=True)
    sub.add_parser("list", parents=[common], help="threads and open proposals")
    show = sub.add_parser("show", parents=[common], help="a thread's stories by date")
    show.add_argument("thread", help="the thread's name or number")
    sub.add_parser("propose", parents=[common], help="group the archive into proposed threads")
    accept = sub.add_parser("accept", parents=[common], help="make a proposal a thread")
    accept.add_argument("proposal", type=int, metavar="ID")
    accept.add_argument("--name", help="the thread's name (default: the proposed one)")
    dismiss = sub.add_parser("dismiss", parents=[common], help="dismiss a proposal for good")
    dismiss.add_argument("proposal", type=int, metavar="ID")










def _line(article_id: int, date: str | None, outlet: str | None, headline: str | None) -> str:
    return f"{article_id:>6}  {date or '----------':<10}  {(outlet or '-')[:20]:<20}  {headline or '(no headline)'}"


def cmd_related(archive: Archive, args: argparse.Namespace) -> int:
    if archive.get(args.id) is None:
        print_err(f"no story #{args.id}")
        return EXIT_NOT_FOUND
    index = RelatedIndex(archive)
    index.build()
    links, versions = links_for(archive, args.id), versions_of(archive, args.id)
    suggestions, threads = index.suggestions(args.id, limit=max(1, args.limit)), threads_for(archive, args.id)
    if wants_json(args):
        emit_json({"id": args.id,
               "links": [{"link": asdict(r.link), "other_id": r.other_id, "label": r.label, "headline": r.headline,
                          "outlet": r.outlet, "date": r.date} for r in links],
               "versions": [{**asdict(v), "label": v.label} for v in versions],
               "suggestions": [{**asdict(s), "score": round(s.score, 4)} for s in suggestions],
               "threads": [asdict(t) for t in threads]})
        return EXIT_OK
    print(f"Links ({len(links)}):")
    for r in links:
        note = f"  [{r.link.note}]" if r.link.note else ""
        print(f"  link #{r.link.id:<4} {r.label:<16}{_line(r.other_id, r.date, r.outlet, r.headline)}{note}")
    if versions:
        print(f"Other versions found at import ({len(versions)}):")
        for v in versions:
            print(f"  {v.label:<16} {v.jaccard:>4.0%}  {_line(v.other_id, v.date, v.outlet, v.headline)}")
    print(f"Suggestions ({len(suggestions)}):")
    for s in suggestions:
        print(f"  {s.score:5.2f} {_line(s.other_id, s.date, s.outlet, s.headline)}")
        print(f"        why: {'; '.join(s.reasons)}")
    if threads:
        print("Threads: " + ", ".join(f"#{t.id} {t.name}" for t in threads))
    return EXIT_OK


def cmd_link(archive: Archive, args: argparse.Namespace) -> int:
    missing = [i for i in (args.a, args.b) if archive.get(i) is None]
    if missing:
        print_err(f"no story #{', #'.join(map(str, missing))}")
        return EXIT_NOT_FOUND
    try:
        link = add_link(archive, args.a, args.b, args.type, note=args.note)
    except LinkError as exc:
        print_err(str(exc))
        return EXIT_PROBLEMS
    catch_up(archive)
    if wants_json(args):
        emit_json(asdict(link))
    else:
        print(f"link #{link.id}: #{link.a_id} {LINK_TYPES[link.type][0]} #{link.b_id}")
    return EXIT_OK


def cmd_unlink(archive: Archive, args: argparse.Namespace) -> int:
    try:
        link = remove_link(archive, args.link_id)
    except LinkError as exc:
        print_err(str(exc))
        return EXIT_NOT_FOUND
    catch_up(archive)
    if wants_json(args):
        emit_json(asdict(link))
    else:
        print(f"removed link #{link.id} (#{link.a_id} {LINK_TYPES[link.type][0]} #{link.b_id})")
    return EXIT_OK


def _thread(archive: Archive, text: str) -> Any:
    thread = get_thread(archive, text)
    if thread is None and text.lstrip("#").isdigit():
        thread = get_thread(archive, int(text.lstrip("#")))
    return thread


def cmd_threads(archive: Archive, args: argparse.Namespace) -> int:
    action = args.threads_command
    if action == "list":
        threads, proposals = list_threads(archive), open_thread_proposals(archive)
        if wants_json(args):
            emit_json({"threads": [asdict(t) for t in threads], "proposals": [asdict(p) for p in proposals]})
            return EXIT_OK
        for t in threads:
            print(f"#{t.id:<4} {t.stories:>4} stories  {t.first_date or '?'} .. {t.last_date or '?'}  {t.name}")
        print(f"{len(threads)} thread{'s' if len(threads) != 1 else ''}")
        for p in proposals:
            print(f"proposal #{p.id}: {p.name} ({'; '.join(p.reasons)}) stories {', '.join(map(str, p.article_ids))}")
        return EXIT_OK
    if action == "show":
        thread = _thread(archive, args.thread)
        if thread is None:
            print_err(f"no thread {args.thread!r}")
            return EXIT_NOT_FOUND
        timeline = thread_timeline(archive, thread.id)
        if wants_json(args):
            emit_json({**asdict(thread), "timeline": [asdict(s) for s in timeline]})
            return EXIT_OK
        print(f"#{thread.id} {thread.name}" + (f"\n{thread.description}" if thread.description else ""))
        for s in timeline:
            print(_line(s.article_id, s.date, s.outlet, s.headline))
        return EXIT_OK
    if action == "propose":
        count = propose_threads_for_archive(archive)
        proposals = open_thread_proposals(archive)
        if wants_json(args):
            emit_json({"new": count, "proposals": [asdict(p) for p in proposals]})
        else:
            print(f"{count} new proposal{'s' if count != 1 else ''}")
            for p in proposals:
                print(f"proposal #{p.id}: {p.name} ({len(p.article_ids)} stories)")
        return EXIT_OK
    if not any(p.id == args.proposal for p in open_thread_proposals(archive)):
        print_err(f"no open thread proposal #{args.proposal}")
        return EXIT_NOT_FOUND
    if action == "dismiss":
        dismiss_thread_proposal(archive, args.proposal)
        if wants_json(args):
            emit_json({"dismissed": args.proposal})
        else:
            print(f"dismissed proposal #{args.proposal}")
        return EXIT_OK
    try:
        thread_id = accept_thread_proposal(archive, args.proposal, args.name)
    except (LinkError, ValueError) as exc:
        print_err(str(exc))
        return EXIT_PROBLEMS
    catch_up(archive)
    thread = get_thread(archive, thread_id)
    if wants_json(args):
        emit_json(asdict(thread))  # type: ignore[arg-type]
    else:
        print(f"thread #{thread_id}: {thread.name if thread else ''}")
    return EXIT_OK


#: Top-level commands this module adds, for :data:`desktop.cli._COMMANDS`.
COMMANDS = {"related": cmd_related, "link": cmd_link, "unlink": cmd_unlink, "threads": cmd_threads}
