"""Merge and split as the browser, the page and the review queue all do them.

A merge asks which entity to keep (the only question whose wrong answer costs work: the kept
entity's name, kind and notes survive), runs on the writer thread, goes on the window's Undo
stack as "merge of X into Y", and tells every entity widget through ``ctx.changed``. A split is
undone by merging the new entity back, so it goes on the same stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.entities.editing import Merge, merge_entities, split_alias, undo_merge
from ...core.entities.proposals import dismiss_proposal

if TYPE_CHECKING:
    from .context import EntityContext

__all__ = ["articles_of", "ask_which_to_keep", "dismiss", "merge", "short", "split"]

#: Names longer than this are shortened on buttons.
BUTTON_NAME_LIMIT = 36


def short(name: str, limit: int = BUTTON_NAME_LIMIT) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "\u2026"


def articles_of(archive: Any, entity_ids: list[int]) -> list[int]:
    """Stories mentioning any of the entities (for ``ctx.changed``)."""
    if not entity_ids:
        return []
    marks = ",".join("?" * len(entity_ids))
    return [r[0] for r in archive.db.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks})", entity_ids).fetchall()]


def ask_which_to_keep(parent: QWidget | None, a: tuple[int, str], b: tuple[int, str],
                      archive: Any = None) -> tuple[tuple[int, str], tuple[int, str]] | None:
    """(kept, merged) as (id, name), or None when the reporter cancels.

    With ``archive`` the fuller, better-evidenced entity is offered first and is the default
    (:func:`~desktop.core.entities.merge_choice.choose_keeper`), with the evidence shown."""
    evidence = ""
    if archive is not None:
        from ...core.entities.merge_choice import choose_keeper

        choice = choose_keeper(archive, a[0], b[0], a[1], b[1])
        if choice.keep.id != a[0]:
            a, b = b, a
        evidence = "\n\nSuggested: keep \u201c" + a[1] + "\u201d.\n" + "\n".join(choice.reasons)
    box = QMessageBox(parent)
    box.setWindowTitle("Merge entities")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"Merge \u201c{a[1]}\u201d and \u201c{b[1]}\u201d into one entity?")
    box.setInformativeText(
        "The entity you keep takes the other's names, stories and sub-entities; its own name, kind, "
        "description and notes stay. Edit \u203a Undo puts both back." + evidence
    )
    keep_a = box.addButton(f"Keep \u201c{short(a[1])}\u201d", QMessageBox.ButtonRole.AcceptRole)
    keep_b = box.addButton(f"Keep \u201c{short(b[1])}\u201d", QMessageBox.ButtonRole.AcceptRole)
    keep_a.setObjectName("keepFirst")
    keep_b.setObjectName("keepSecond")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep_a)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep_a:
        return a, b
    if clicked is keep_b:
        return b, a
    return None


def merge(ctx: EntityContext, kept: tuple[int, str], merged: tuple[int, str],
          on_done: Callable[[Merge], None] | None = None) -> None:
    """Merge ``merged`` into ``kept`` on the writer thread; push its undo; announce the change."""
    archive = ctx.archive

    def work() -> tuple[Merge, list[int]]:
        result = merge_entities(archive, kept[0], merged[0])
        return result, articles_of(archive, [kept[0]])

    def done(answer: tuple[Merge, list[int]]) -> None:
        result, articles = answer
        ctx.push_undo(f"merge of {merged[1]} into {kept[1]}", lambda: undo_merge(archive, result.id))
        ctx.changed(articles)
        if on_done is not None:
            on_done(result)

    ctx.run_write(work, done)


def split(ctx: EntityContext, entity: tuple[int, str], alias: str, *, kind: str | None = None,
          on_done: Callable[[int], None] | None = None) -> None:
    """Make ``alias`` an entity of its own; Undo merges it back into ``entity``."""
    archive = ctx.archive

    def work() -> tuple[int, list[int]]:
        new_id = split_alias(archive, entity[0], alias, kind=kind)
        return new_id, articles_of(archive, [entity[0], new_id])

    def done(answer: tuple[int, list[int]]) -> None:
        new_id, articles = answer
        ctx.push_undo(f"split of {alias} from {entity[1]}", lambda: merge_entities(archive, entity[0], new_id))
        ctx.changed(articles)
        if on_done is not None:
            on_done(new_id)

    ctx.run_write(work, done)


def dismiss(ctx: EntityContext, proposal_id: int) -> None:
    """"Not the same": the proposal is closed for good (no story changes)."""
    archive = ctx.archive
    ctx.run_write(lambda: dismiss_proposal(archive, proposal_id), lambda _result: ctx.changed([]))
