"""``newsroom-archive quotes [ID] [--json]``: the quotations of one story, or of the whole archive,
each with its words, speaker, speaker kind, role, the cue it was attributed by, the confidence of
that attribution and the statement it belongs to.

As thin as the other command modules: rows come from the quotes table the importer and the
ledger share. ``--review`` lists only the quotations a reporter should check before citing
(low confidence, or no speaker). Exit codes as elsewhere: 0 ok, 2 usage, 4 no such story.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .cli_common import EXIT_NOT_FOUND, EXIT_OK, emit_json, print_err, wants_json
from .core.quotes.ledger import evidence_label, needs_review

if TYPE_CHECKING:
    from .core.archive import Archive

__all__ = ["COMMANDS", "add_quotes_command", "quote_rows"]

_FIELDS = ("q.id, q.article_id, q.text, q.speaker, q.speaker_kind, q.role, q.cue, q.confidence, q.confirmed, "
           "q.reason, q.statement_id, q.start, q.end, a.headline, a.outlet, a.pub_date, s.text")


def add_quotes_command(commands: Any, common: argparse.ArgumentParser) -> None:
    cmd = commands.add_parser("quotes", parents=[common],
                              help="quotations of a story (or of the archive) with speaker, cue and confidence")
    cmd.add_argument("id", type=int, nargs="?", metavar="ID", help="a story's number (default: every story)")
    cmd.add_argument("--review", action="store_true", help="only quotations to check before citing")
    cmd.add_argument("--limit", type=int, default=0, help="at most this many quotations (default: all)")


def quote_rows(archive: Archive, article_id: int | None = None, *, review: bool = False,
               limit: int = 0) -> list[dict[str, Any]]:
    """The quotations as plain dicts, in story then reading order."""
    where, params = ("WHERE q.article_id = ?", [article_id]) if article_id is not None else ("", [])
    rows = archive.db.execute(
        f"SELECT {_FIELDS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"LEFT JOIN statements s ON s.id = q.statement_id {where} ORDER BY q.article_id, q.start", params).fetchall()
    found = []
    for (quote_id, story, text, speaker, kind, role, cue, confidence, confirmed, reason, statement_id, start, end,
         headline, outlet, date, statement_text) in rows:
        check = needs_review(speaker, float(confidence or 0), bool(confirmed))
        if review and not check:
            continue
        found.append({
            "id": quote_id, "article_id": story, "text": text, "speaker": speaker, "speaker_kind": kind,
            "role": role, "cue": cue or "", "confidence": round(float(confidence or 0), 2), "confirmed": bool(confirmed),
            "needs_review": check, "evidence": reason, "statement_id": statement_id,
            "statement": statement_text, "start": start, "end": end,
            "story": {"headline": headline, "outlet": outlet, "date": date},
        })
        if limit and len(found) >= limit:
            break
    return found


def cmd_quotes(archive: Archive, args: argparse.Namespace) -> int:
    if args.id is not None and archive.get(args.id) is None:
        print_err(f"no story #{args.id}")
        return EXIT_NOT_FOUND
    rows = quote_rows(archive, args.id, review=args.review, limit=max(0, args.limit))
    if wants_json(args):
        emit_json({"id": args.id, "quotes": rows})
        return EXIT_OK
    story = None
    for r in rows:
        if r["article_id"] != story:
            story = r["article_id"]
            s = r["story"]
            print(f"#{story}  {s['date'] or 'undated'}  {s['outlet'] or ''}  {s['headline'] or '(no headline)'}")
        who = r["speaker"] or "speaker unknown"
        if r["speaker"] and r["role"]:
            who += f", {r['role']}"
        mark = "! " if r["needs_review"] else "  "
        label = evidence_label(r["speaker"], r["cue"], r["confidence"], r["confirmed"])
        statement = f"  [statement {r['statement_id']}]" if r["statement_id"] is not None else ""
        print(f"{mark}\u201c{_short(r['text'])}\u201d \u2014 {who} ({r['speaker_kind'] or '-'}; {label}){statement}")
    noun = "quotation" if len(rows) == 1 else "quotations"
    checks = sum(1 for r in rows if r["needs_review"])
    print(f"{len(rows)} {noun}" + (f", {checks} to check before citing (marked !)" if checks else ""))
    return EXIT_OK


def _short(text: str, width: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"


#: Top-level commands this module adds, for :data:`desktop.cli._COMMANDS`.
COMMANDS = {"quotes": cmd_quotes}
