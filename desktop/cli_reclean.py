"""``newsroom-archive reclean [--dry-run] [--undo] [--json]``: clean up stories already imported.

A thin shell over :mod:`desktop.core.reclean`, like the GUI's Archive > Clean up imported
stories: re-read the stored originals with today's rules and the site lines learned over the
archive, list what changes (``--dry-run`` stops there), change it, and bring the search index up
to date. ``--undo`` puts back what the last clean-up changed. Values a person confirmed or edited
are never changed. Exit codes as elsewhere: 0 ok (also when nothing needed cleaning), 1 nothing
to undo.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .cli_common import EXIT_OK, EXIT_PROBLEMS, catch_up, emit_json, print_err, wants_json
from .core.reclean import apply_cleanup, learn_rules, plan_cleanup, undo_cleanup

if TYPE_CHECKING:
    from .core.archive import Archive

__all__ = ["COMMANDS", "add_reclean_command"]


def add_reclean_command(commands: Any, common: argparse.ArgumentParser) -> None:
    rec = commands.add_parser(
        "reclean", parents=[common],
        help="clean up imported stories with the rules and site lines learned since (undoable)",
        description="Re-read every stored original with today's rules and the site lines learned over the "
        "archive (lines that open or close many stories of one outlet, title suffixes such as ' | Site "
        "Politics'), and update headline, outlet, credit, date and body where they are still the "
        "importer's guess. Values confirmed or edited by a person are never changed.",
    )
    rec.add_argument("--dry-run", action="store_true", help="only list what would change")
    rec.add_argument("--undo", action="store_true", help="put back what the last clean-up changed")


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r{done}/{total} stories", end="", file=sys.stderr, flush=True)


def cmd_reclean(archive: Archive, args: argparse.Namespace) -> int:
    if args.undo:
        restored = undo_cleanup(archive)
        if not restored:
            print_err("no clean-up to undo")
            return EXIT_PROBLEMS
        catch_up(archive)
        if wants_json(args):
            emit_json({"undone": restored})
        else:
            shown = f"{restored} {'story' if restored == 1 else 'stories'}"
            print(f"Put back {shown} as they were before the clean-up.")
        return EXIT_OK
    book = learn_rules(archive)
    plan = plan_cleanup(archive, progress=_progress, book=book)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    run_id = None
    if not args.dry_run and plan.changes:
        run_id = apply_cleanup(archive, plan, progress=_progress)
        catch_up(archive)
    if wants_json(args):
        emit_json({"dry_run": bool(args.dry_run), "examined": plan.examined, "unreadable": plan.unreadable,
                   "changed": 0 if args.dry_run else len(plan.changes), "run": run_id,
                   "changes": [c.to_json() for c in plan.changes]})
        return EXIT_OK
    for change in plan.changes:
        print(f"{change.article_id:>6}  {change.describe()}")
    n = len(plan.changes)
    stories = f"{n} {'story' if n == 1 else 'stories'}"
    if args.dry_run:
        print(f"Would change {stories} of {plan.examined}. "
              "Run without --dry-run to apply (undo: reclean --undo).")
    else:
        undo = " Undo with: newsroom-archive reclean --undo" if n else ""
        print(f"Changed {stories} of {plan.examined}.{undo}")
    if plan.unreadable:
        print(f"{plan.unreadable} stories could not be re-read (original missing or unreadable): "
              "left as they are.")
    return EXIT_OK


COMMANDS = {"reclean": cmd_reclean}
