"""Highlighted snippets and hit positions, made from the body text that SQLite holds.

The index does not store article bodies (SQLite does), so snippets are made at search time
from the text and the query's analyzed terms. The text is run through the same analyzer as the
index, so a hit is exactly what the search matched: ``Kata’ib`` lights up for the query
``Kataib``, and ``strikes`` for ``strike``. Offsets always point into the original text
(the analyzer folds character for character; see :mod:`.analysis`), which is what the reader
pane needs to highlight hits and step from one to the next.

Speed: a results page makes 20 snippets, so the common path is a single regex scan plus a dict
lookup per token, and fragment choice works on the hits only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .analysis import NewsTokenizer, find_terms

__all__ = ["ELLIPSIS", "Snippet", "hit_spans", "join_snippets", "make_snippets"]

#: Joins fragments taken from different parts of the text.
ELLIPSIS = " … "

#: Hits considered when choosing fragments (bounds the work on huge texts; all are still found
#: by :func:`hit_spans`).
MAX_HITS_FOR_FRAGMENTS = 2000

_SPACE_RE = re.compile(r"\s+")
_LAST_SPACE_RE = re.compile(r"\s\S*\Z")
_SENTENCE_START_RE = re.compile(r"(?:[.!?][\"'”’)\]]*\s+|\n\s*)(?=\S)")

Hit = tuple[int, int, Any]  # start, end, key (a term, or a phrase as a tuple of terms)


@dataclass
class Snippet:
    """A fragment of text with hits marked by character offsets into :attr:`text`."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    #: Where the fragment came from in the source text (start, end); whitespace was collapsed.
    source_start: int = 0
    source_end: int = 0

    def _parts(self) -> Iterator[tuple[str, bool]]:
        last = 0
        for start, end in self.highlights:
            if start > last:
                yield self.text[last:start], False
            yield self.text[start:end], True
            last = end
        if last < len(self.text):
            yield self.text[last:], False

    def to_html(self) -> str:
        """Escaped HTML with each hit in ``<b>...</b>``."""
        return "".join(
            f"<b>{html.escape(part)}</b>" if hit else html.escape(part) for part, hit in self._parts()
        )

    def to_plain(self, marker_open: str = "[", marker_close: str = "]") -> str:
        return "".join(f"{marker_open}{part}{marker_close}" if hit else part for part, hit in self._parts())


def _matching_tokens(
    text: str, wanted: set[str], analyzer: Any, with_index: bool
) -> list[tuple[int, str, int, int]]:
    """(token index, term, start, end) of the tokens whose term is wanted."""
    if analyzer is None or isinstance(analyzer, NewsTokenizer):
        stem = analyzer is None or analyzer.stem
        return find_terms(text, wanted, stem=stem, with_index=with_index)
    tokens = analyzer(text, chars=True, positions=True, mode="index")
    return [(t.pos, t.text, t.startchar, t.endchar) for t in tokens if t.text in wanted]


def _find_hits(
    text: str, terms: Iterable[str], phrases: Sequence[Sequence[str]], analyzer: Any
) -> list[Hit]:
    """Every hit in ``text``, sorted by start; phrase hits span the whole phrase."""
    terms = terms if isinstance(terms, (set, frozenset)) else frozenset(terms)
    phrases = [tuple(p) for p in phrases if p]
    wanted = set(terms)
    for phrase in phrases:
        wanted.update(phrase)
    if not text or not wanted:
        return []
    found = _matching_tokens(text, wanted, analyzer, bool(phrases))
    hits: list[Hit] = [(start, end, term) for _, term, start, end in found if term in terms]
    if phrases:
        at = {index: (term, start, end) for index, term, start, end in found}
        for index, term, start, _ in found:
            for phrase in phrases:
                if phrase[0] != term:
                    continue
                ends = [at.get(index + k) for k in range(1, len(phrase))]
                if all(e is not None and e[0] == w for e, w in zip(ends, phrase[1:])):
                    hits.append((start, ends[-1][2] if ends else at[index][2], phrase))
        hits.sort(key=lambda hit: (hit[0], -hit[1]))
    return hits


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def hit_spans(
    text: str,
    terms: set[str] | frozenset[str],
    analyzer: Any = None,
    *,
    phrases: Sequence[Sequence[str]] = (),
) -> list[tuple[int, int]]:
    """Character spans of every hit in the whole ``text``, in order, overlaps merged.

    ``terms`` are analyzed index terms (``{"kataib", "strike"}``); ``phrases`` are lists of
    terms that count only where they occur together, and are returned as one span.
    """
    return _merged((start, end) for start, end, _ in _find_hits(text, terms, phrases, analyzer))


def _windows(hits: Sequence[Hit], width: int) -> list[tuple[int, int, set[Any], int]]:
    """For each hit, the run of hits from it that fits in ``width`` chars: (i, j, keys, count)."""
    out = []
    j = 0
    for i, (start, _, _) in enumerate(hits):
        j = max(j, i)
        while j + 1 < len(hits) and hits[j + 1][1] - start <= width:
            j += 1
        out.append((i, j, {hit[2] for hit in hits[i : j + 1]}, j - i + 1))
    return out


def _choose(hits: Sequence[Hit], width: int, count: int) -> list[tuple[int, int]]:
    """Runs of hits (first, last index) for the best fragments, in text order."""
    windows = _windows(hits, width)
    chosen: list[tuple[int, int]] = []
    shown: set[Any] = set()
    while windows and len(chosen) < count:
        best = max(windows, key=lambda w: (len(w[2] - shown), len(w[2]), w[3], -w[0]))
        chosen.append((best[0], best[1]))
        shown |= best[2]
        lo, hi = hits[best[0]][0] - width, hits[best[1]][1] + width
        windows = [w for w in windows if hits[w[1]][1] <= lo or hits[w[0]][0] >= hi]
    return sorted(chosen)


def _bounds(text: str, first: int, last: int, width: int) -> tuple[int, int]:
    """Fragment start/end around hits spanning ``first``..``last``, cut at word boundaries.

    About a third of the spare room goes before the first hit; a sentence start within two
    thirds of it is preferred, so fragments read from the start of a sentence where they can.
    """
    room = max(0, width - (last - first))
    reach = max(0, first - room * 2 // 3)
    start = max(0, first - room // 3)
    if reach == 0:
        start = 0
    else:
        sentence = _SENTENCE_START_RE.search(text, reach - 1, first + 1)
        if sentence is not None:
            start = sentence.end()
        elif not text[start - 1].isspace():
            space = _SPACE_RE.search(text, start, first)
            start = space.end() if space is not None else start
    end = min(len(text), max(last, start + width))
    if end < len(text) and not text[end].isspace():
        space = _LAST_SPACE_RE.search(text, last, end)
        end = space.start() if space is not None else end
    return start, end


def _fragment(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> Snippet:
    """The text from ``start`` to ``end`` with whitespace collapsed and highlights remapped."""
    pieces: list[str] = []
    highlights: list[tuple[int, int]] = []
    length = 0
    position = start
    for hit_start, hit_end in list(spans) + [(end, end)]:
        hit_start, hit_end = max(hit_start, position), min(hit_end, end)
        plain = _SPACE_RE.sub(" ", text[position:hit_start])
        if not pieces:
            plain = plain.lstrip()
        pieces.append(plain)
        length += len(plain)
        if hit_end > hit_start:
            marked = _SPACE_RE.sub(" ", text[hit_start:hit_end])
            pieces.append(marked)
            highlights.append((length, length + len(marked)))
            length += len(marked)
        position = max(position, hit_end)
    joined = "".join(pieces)
    stripped = joined.rstrip()
    highlights = [(s, min(e, len(stripped))) for s, e in highlights if s < len(stripped)]
    return Snippet(stripped, highlights, start, end)


def make_snippets(
    text: str,
    terms: set[str] | frozenset[str],
    phrases: Sequence[Sequence[str]] = (),
    *,
    analyzer: Any = None,
    max_fragments: int = 3,
    fragment_chars: int = 200,
) -> list[Snippet]:
    """Up to ``max_fragments`` fragments of ``text`` showing the hits, in text order.

    Fragments are chosen for the most distinct terms they show (counting only terms not yet
    shown by a better fragment), then the most hits. Without any hit, the opening of the text
    is returned, unhighlighted, as one fragment; an empty text gives no fragments. Use
    :func:`join_snippets` to show them as one line.
    """
    if not text or not text.strip():
        return []
    fragment_chars = max(20, fragment_chars)
    hits = _find_hits(text, terms, phrases, analyzer)[:MAX_HITS_FOR_FRAGMENTS]
    if not hits:
        start, end = _bounds(text, 0, 0, fragment_chars)
        return [_fragment(text, 0, end, [])]
    snippets = []
    previous_end = 0
    for i, j in _choose(hits, fragment_chars, max(1, max_fragments)):
        start, end = _bounds(text, hits[i][0], max(hit[1] for hit in hits[i : j + 1]), fragment_chars)
        start = max(start, previous_end)
        spans = _merged((s, e) for s, e, _ in hits if s < end and e > start)
        snippets.append(_fragment(text, start, end, spans))
        previous_end = end
    return snippets


def join_snippets(snippets: Sequence[Snippet], separator: str = ELLIPSIS) -> Snippet:
    """One snippet from several, joined by ``separator`` (highlight offsets adjusted)."""
    if not snippets:
        return Snippet("")
    texts: list[str] = []
    highlights: list[tuple[int, int]] = []
    offset = 0
    for snippet in snippets:
        if texts:
            texts.append(separator)
            offset += len(separator)
        texts.append(snippet.text)
        highlights.extend((offset + s, offset + e) for s, e in snippet.highlights)
        offset += len(snippet.text)
    return Snippet("".join(texts), highlights, snippets[0].source_start, snippets[-1].source_end)
