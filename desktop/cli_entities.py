"""``newsroom-archive entities list|show|merge|undo-merge|proposals|suggest|export|import`` and ``tag``.

The entity commands of the command line, kept apart from :mod:`desktop.cli` to keep both short.
Like every command, a thin shell over :mod:`desktop.core.entities`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .cli_common import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    catch_up,
    emit_json,
    print_err,
    wants_json,
)
from .core.entities.editing import merge_entities, undo_merge
from .core.entities.exchange import export_entities, import_entities
from .core.entities.kinds import KIND_LABELS, KINDS
from .core.entities.proposals import open_proposals, refresh_proposals
from .core.entities.store import (
    EntityError,
    create_entity,
    entities_for_article,
    find_entities,
    get_entity,
    list_entities,
)
from .core.entities.suggest import suggest_for_archive

if TYPE_CHECKING:
    from .core.archive import Archive

__all__ = ["COMMANDS", "add_entity_commands", "article_json"]


def article_json(archive: Archive, article: Any, *, with_body: bool = True) -> dict[str, Any]:
    """``show ID --json``: the article's fields and its entity mentions (name, kind, state,
    confidence, span)."""
    from .core.entities.store import mentions_json

    return {**article.to_json(with_body=with_body), "mentions": mentions_json(archive, article.id)}



def add_entity_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    ent = commands.add_parser("entities", parents=[common], help="people, groups, places and weapons")
    sub = ent.add_subparsers(dest="entities_command", metavar="ACTION", required=True)
    lst = sub.add_parser("list", parents=[common], help="entities with their story counts")
    lst.add_argument("--kind", choices=KINDS)
    lst.add_argument("--search", default="", help="any name or the start of one")
    lst.add_argument("--limit", type=int, default=100)
    show = sub.add_parser("show", parents=[common], help="one entity: names, parent, stories")
    show.add_argument("entity", help="id or any name")
    merge = sub.add_parser("merge", parents=[common], help="merge the second entity into the first")
    merge.add_argument("keep")
    merge.add_argument("merged")
    undo = sub.add_parser("undo-merge", parents=[common], help="undo a merge by its number")
    undo.add_argument("merge_id", type=int)
    sub.add_parser("proposals", parents=[common], help='look for "same entity?" pairs and list them')
    sub.add_parser("suggest", parents=[common], help="suggest mentions in every story again (keeps rejections)")
    exp = sub.add_parser("export", parents=[common], help="write the entity list to a .json or .csv file")
    exp.add_argument("file")
    imp = sub.add_parser("import", parents=[common], help="add a shared .json or .csv entity list")
    imp.add_argument("file")
    tag = commands.add_parser("tag", parents=[common], help="tag a story with an entity (every place it is named)")
    tag.add_argument("id", type=int, metavar="ID", help="the story")
    tag.add_argument("entity", help="an entity id or name; a new name needs --kind")
    tag.add_argument("--kind", choices=KINDS, help="kind of a new entity")


def _resolve(archive: Archive, text: str) -> int | None:
    if text.lstrip("#e").isdigit() and get_entity(archive, int(text.lstrip("#e"))) is not None:
        return int(text.lstrip("#e"))
    found = find_entities(archive, text)
    if len(found) > 1:
        names = ", ".join(f"#{i} {get_entity(archive, i).name}" for i in found)  # type: ignore[union-attr]
        raise EntityError(f"{text!r} is a name of several entities ({names}); give the number")
    return found[0] if found else None






#: Actions that change which entities stories mention: the index catches up after them.
_CHANGING = {"merge", "undo-merge", "suggest", "import"}




def cmd_entities(archive: Archive, args: argparse.Namespace) -> int:
    try:
        status = _ENTITY_ACTIONS[args.entities_command](archive, args)
    except EntityError as exc:
        print_err(str(exc))
        return EXIT_PROBLEMS
    if args.entities_command in _CHANGING:
        catch_up(archive)
    return status


def _list(archive: Archive, args: argparse.Namespace) -> int:
    rows = list_entities(archive, kind=args.kind, search=args.search, limit=max(1, args.limit))
    if wants_json(args):
        emit_json([vars(r) for r in rows])
        return EXIT_OK
    for r in rows:
        print(f"#{r.id:<5} {KIND_LABELS[r.kind][:12]:<12} {r.stories:>5} stories  {r.name}")
    print(f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}")
    return EXIT_OK


def _show(archive: Archive, args: argparse.Namespace) -> int:
    entity_id = _resolve(archive, args.entity)
    entity = get_entity(archive, entity_id) if entity_id is not None else None
    if entity is None:
        print_err(f"no entity {args.entity!r}")
        return EXIT_NOT_FOUND
    stories = [r[0] for r in archive.db.execute(
        "SELECT DISTINCT article_id FROM mentions WHERE entity_id = ? AND state != 'rejected' ORDER BY article_id",
        [entity.id])]
    parent = get_entity(archive, entity.parent_id) if entity.parent_id else None
    if wants_json(args):
        emit_json({**vars(entity), "parent": parent.name if parent else None, "stories": stories})
        return EXIT_OK
    print(f"#{entity.id} {entity.name} ({KIND_LABELS[entity.kind]})")
    if entity.description:
        print(f"  {entity.description}")
    print(f"  also: {', '.join(entity.names[1:]) or '-'}")
    if parent:
        print(f"  part of: {parent.name}")
    print(f"  stories: {', '.join(map(str, stories)) or 'none'}")
    return EXIT_OK


def _merge(archive: Archive, args: argparse.Namespace) -> int:
    keep, merged = _resolve(archive, args.keep), _resolve(archive, args.merged)
    if keep is None or merged is None:
        print_err(f"no entity {args.keep if keep is None else args.merged!r}")
        return EXIT_NOT_FOUND
    merge = merge_entities(archive, keep, merged)
    print(f"Merged {merge.merged_name} into #{keep} (merge {merge.id}; undo with: entities undo-merge {merge.id})")
    return EXIT_OK


def _undo_merge(archive: Archive, args: argparse.Namespace) -> int:
    entity_id = undo_merge(archive, args.merge_id)
    print(f"Undone: #{entity_id} {get_entity(archive, entity_id).name} is back.")  # type: ignore[union-attr]
    return EXIT_OK


def _proposals(archive: Archive, args: argparse.Namespace) -> int:
    refresh_proposals(archive)
    found = open_proposals(archive)
    if wants_json(args):
        emit_json([vars(p) for p in found])
        return EXIT_OK
    for p in found:
        print(f"#{p.a_id} {p.a_name}  =?  #{p.b_id} {p.b_name}   ({p.score:.2f}: {'; '.join(p.reasons)})")
    print(f"{len(found)} open proposal{'s' if len(found) != 1 else ''}")
    return EXIT_OK


def _suggest(archive: Archive, args: argparse.Namespace) -> int:
    outcome = suggest_for_archive(archive)
    print(f"{outcome.articles} stories read: {outcome.mentions} new suggestions, {outcome.new_entities} new entities")
    return EXIT_OK


def _export(archive: Archive, args: argparse.Namespace) -> int:
    count = export_entities(archive, args.file)
    print(f"Wrote {count} entities to {args.file}")
    return EXIT_OK


def _import(archive: Archive, args: argparse.Namespace) -> int:
    outcome = import_entities(archive, args.file)
    print(f"{outcome.created} new, {outcome.updated} updated, {outcome.unchanged} unchanged")
    return EXIT_OK


def cmd_tag(archive: Archive, args: argparse.Namespace) -> int:
    """Confirm the entity wherever the story names it (creating it with ``--kind`` if new)."""
    from .core.entities.alias_matcher import AliasMatcher
    from .core.entities.editing import tag_span

    article = archive.get(args.id)
    if article is None:
        print_err(f"no article #{args.id}")
        return EXIT_NOT_FOUND
    try:
        entity_id = _resolve(archive, args.entity)
        if entity_id is None:
            if not args.kind:
                print_err(f"no entity {args.entity!r}; give --kind to create it")
                return EXIT_USAGE
            entity_id = create_entity(archive, args.entity, args.kind)
        entity = get_entity(archive, entity_id)
        assert entity is not None
        hits = AliasMatcher((name, entity_id, entity.kind) for name in entity.names).find(article.body)
        for hit in hits:
            tag_span(archive, article.id, hit.start, hit.end, entity_id=entity_id)
    except EntityError as exc:
        print_err(str(exc))
        return EXIT_PROBLEMS
    if not hits:
        print(f"{entity.name} is not named in story #{article.id}; nothing tagged", file=sys.stderr)
        return EXIT_PROBLEMS
    catch_up(archive)
    print(f"Tagged {entity.name} in story #{article.id} ({len(hits)} mention{'s' if len(hits) != 1 else ''}).")
    if wants_json(args):
        emit_json([{"id": i, "name": n, "kind": k, "state": s, "mentions": c}
               for i, n, k, s, c in entities_for_article(archive, article.id)])
    return EXIT_OK


_ENTITY_ACTIONS = {"list": _list, "show": _show, "merge": _merge, "undo-merge": _undo_merge,
                   "proposals": _proposals, "suggest": _suggest, "export": _export, "import": _import}
#: Top-level commands this module adds, for :data:`desktop.cli._COMMANDS`.
COMMANDS = {"entities": cmd_entities, "tag": cmd_tag}
