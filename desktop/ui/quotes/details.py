"""The details box under each ledger table: the selected row in full, as compact HTML.

The tables elide (the dock is narrow); here the whole wording, the attribution and the source
are shown and can be selected. No colours are set, so the box follows the light or dark palette.
"""

from __future__ import annotations

import html

from ...core.quotes.ledger import evidence_label
from .models import UNDATED, UNKNOWN, attribution
from .queries import CarriedBy, StatementRow, StoryQuote

__all__ = ["carried_html", "evidence_html", "quote_html", "statement_html", "stories_text"]


def stories_text(n: int) -> str:
    """"1 story", "5 stories"."""
    return f"{n:,} stor{'y' if n == 1 else 'ies'}"


def _who(speaker: str | None, role: str | None = None) -> str:
    return html.escape(attribution(speaker, role)) if speaker else f"<i>{UNKNOWN}</i>"


def _block(text: str, who: str, *lines: str) -> str:
    rest = "".join(f"<br>{line}" for line in lines if line)
    return (f"<p style='margin:0'>\u201c{html.escape(text)}\u201d</p>"
            f"<p style='margin-top:4px'>\u2014 {who}{rest}</p>")


def _source(*parts: str | None) -> str:
    return html.escape(", ".join(p for p in parts if p))


def statement_html(row: StatementRow) -> str:
    return _block(row.text, _who(row.speaker), f"Carried by {stories_text(row.stories)}; first: "
                  f"{_source(row.first_outlet, row.first_date or UNDATED)}")


def evidence_html(row: CarriedBy | StoryQuote) -> str:
    """"Evidence: <how> (<cue>, 65%) - check before citing"."""
    label = html.escape(evidence_label(row.speaker, row.cue, row.confidence, row.confirmed))
    reason = html.escape(row.reason or "")
    line = f"Evidence: {reason} ({label})" if reason and not row.confirmed else f"Evidence: {label}"
    return f"<b>{line} \u2014 check before citing</b>" if row.needs_review else line


def carried_html(row: CarriedBy) -> str:
    headline = html.escape(row.headline or "(no headline)")
    return _block(row.text, _who(row.speaker, row.role), f"{_source(row.outlet, row.date or UNDATED)}: "
                  f"<i>{headline}</i>", evidence_html(row))


def quote_html(row: StoryQuote) -> str:
    also = (f"Carried by {stories_text(row.stories)}: All stories lists them." if row.stories > 1
            else "Only this story carries it.")
    return _block(row.text, _who(row.speaker, row.role), also, evidence_html(row))
