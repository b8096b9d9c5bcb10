"""Ctrl+C in the results: the selected stories as citation lines a reporter can paste.

``Headline. Outlet, 2020-03-12. [#id]``, one story per line, in the order of the results. The
reader's text keeps the standard copy of whatever text is selected in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from ..core.articles import Article
    from .main_window import MainWindow

__all__ = ["citation_line", "copy_citations"]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!", "\u2026")) else text + "."


def citation_line(article: Article) -> str:
    """``Headline. Outlet, 2020-03-12. [#id]``; a missing outlet or date is left out."""
    headline = _sentence(article.headline or "(no headline)")
    source = ", ".join(part for part in (article.outlet, article.pub_date.iso() if article.pub_date else None)
                       if part)
    middle = f" {_sentence(source)}" if source else ""
    return f"{headline}{middle} [#{article.id}]"


def copy_citations(window: MainWindow) -> str:
    """Put the selected stories' citation lines on the clipboard; returns the text."""
    lines = []
    for article_id in window.selected_ids():
        article = window.archive.get(article_id)
        if article is not None:
            lines.append(citation_line(article))
    text = "\n".join(lines)
    if text:
        QGuiApplication.clipboard().setText(text)
        window.statusBar().showMessage(
            f"Copied {len(lines)} citation{'s' if len(lines) != 1 else ''}.", 4000)
    return text
