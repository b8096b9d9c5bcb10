"""What the search index needs of an article's quotations: their words and their speakers.

Kept out of :mod:`.store` so the indexer does not import the extraction code. Speakers are the
names the text gives plus, when linked, the entity's canonical name, so ``speaker:Esper`` finds
a quote attributed to "Defence Secretary Mark Esper" or to "Esper".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["quotes_by_article"]


def quotes_by_article(db: Any, article_ids: Sequence[int]) -> dict[int, tuple[list[str], list[str]]]:
    """Article id -> (quotation texts, speaker names)."""
    found: dict[int, tuple[list[str], list[str]]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        try:
            rows = db.execute(
                f"SELECT q.article_id, q.text, q.speaker, e.name FROM quotes q "
                f"LEFT JOIN entities e ON e.id = q.entity_id WHERE q.article_id IN ({marks}) ORDER BY q.start",
                chunk,
            ).fetchall()
        except Exception:  # noqa: BLE001 - an archive from before quotations: nothing to add
            return {}
        for article_id, text, speaker, entity_name in rows:
            texts, speakers = found.setdefault(article_id, ([], []))
            texts.append(text)
            speakers.extend(s for s in (speaker, entity_name) if s)
    return found
