"""Near-duplicate texts: the same wire copy from several outlets, cuts and updated versions.

Why MinHash over word shingles, and why one-permutation hashing: a desk imports the same
Reuters or AP story from many outlets, each with its own headline, cut or update. Comparing
every new article with the whole archive is out of the question at 100k articles, so each text
gets a small fixed-size signature (128 32-bit values, 512 bytes, stored per article in SQLite)
whose bins agree with probability equal to the Jaccard similarity of the two texts' 5-word
shingle sets, and LSH banding finds the likely pairs without scanning. Classic MinHash needs
128 hash evaluations per shingle, which pure Python cannot afford; one-permutation hashing
(Li, Owen & Zhang 2012) hashes each shingle once into one of 128 bins and keeps the minimum per
bin, with rotation densification (Shrivastava & Li 2014) filling bins a short text leaves empty.
No numpy is needed (and none is installed).

Jaccard is the wrong measure for "one is a cut of the other": a 300-word cut of a 900-word story
has Jaccard 1/3 but is fully contained in it. :func:`containment` measures that exactly, and
:meth:`NearDuplicateIndex.candidates` also estimates it from the signatures and the stored
shingle counts.

:func:`diff_versions` aligns two versions sentence by sentence, then word by word inside the
sentences that changed, giving spans for a side-by-side view.
"""

from __future__ import annotations

import difflib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import blake2b
from typing import NamedTuple

__all__ = [
    "BINS", "DiffOp", "NearDuplicateIndex", "Signature", "VersionMatch", "band_keys",
    "classify_version", "containment", "diff_versions", "is_cut_of", "shingle_hashes", "signature",
]

BINS = 128  #: bins per signature (a power of two)
SHINGLE = 5  #: words per shingle
_EMPTY = 0xFFFFFFFF
_ROTATE = 0x9E3779B1  #: added per step when an empty bin borrows a neighbour's value
_FORMAT_VERSION = 1
_HEADER = struct.Struct("<BHI")  # format version, bins, shingle count
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def shingle_hashes(text: str, size: int = SHINGLE) -> set[int]:
    """64-bit hashes of the ``size``-word shingles of ``text`` (case and punctuation folded).

    A text shorter than ``size`` words is shingled with its whole length, so a one-line text
    still has a signature.
    """
    words = _words(text)
    if not words:
        return set()
    size = min(size, len(words))
    out = set()
    for i in range(len(words) - size + 1):
        digest = blake2b(" ".join(words[i:i + size]).encode(), digest_size=8).digest()
        out.add(int.from_bytes(digest, "little"))
    return out


@dataclass(frozen=True)
class Signature:
    """A text's MinHash signature and its number of distinct shingles; stored as bytes."""

    values: tuple[int, ...]
    shingles: int

    @property
    def empty(self) -> bool:
        return self.shingles == 0

    def to_bytes(self) -> bytes:
        return _HEADER.pack(_FORMAT_VERSION, len(self.values), self.shingles) + struct.pack(
            f"<{len(self.values)}I", *self.values)

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        version, bins, count = _HEADER.unpack_from(data)
        if version != _FORMAT_VERSION or len(data) != _HEADER.size + 4 * bins:
            raise ValueError("not a near-duplicate signature of this format")
        return cls(struct.unpack_from(f"<{bins}I", data, _HEADER.size), count)

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        if self.empty or other.empty:
            return 0.0
        same = sum(1 for a, b in zip(self.values, other.values) if a == b)
        return same / len(self.values)

    def containment_in(self, other: Signature, jaccard: float | None = None) -> float:
        """Estimated share of this text's shingles found in ``other``."""
        j = self.jaccard(other) if jaccard is None else jaccard
        if self.empty or j == 0.0:
            return 0.0
        return min(1.0, j * (self.shingles + other.shingles) / ((1 + j) * self.shingles))


def signature(text: str, bins: int = BINS) -> Signature:
    """The one-permutation MinHash signature of ``text``."""
    hashes = shingle_hashes(text)
    mask = bins - 1
    shift = bins.bit_length() - 1
    sig = [_EMPTY] * bins
    for h in hashes:
        b = h & mask
        v = (h >> shift) & 0xFFFFFFFF
        sig[b] = min(sig[b], v)
    if hashes and _EMPTY in sig:
        filled = list(sig)
        for j in range(bins):
            if sig[j] != _EMPTY:
                continue
            step = 1
            while sig[(j + step) % bins] == _EMPTY:
                step += 1
            filled[j] = (sig[(j + step) % bins] + step * _ROTATE) & 0xFFFFFFFF
        sig = filled
    return Signature(tuple(sig), len(hashes))


def band_keys(sig: Signature, rows: int = 4) -> list[int]:
    """LSH bucket keys of ``sig`` (one per band of ``rows`` bins), as 63-bit integers.

    The store can keep these in an indexed column to find candidates with SQL instead of
    holding :class:`NearDuplicateIndex` in memory.
    """
    keys = []
    for band, lo in enumerate(range(0, len(sig.values) - rows + 1, rows)):
        raw = struct.pack(f"<H{rows}I", band, *sig.values[lo:lo + rows])
        keys.append(int.from_bytes(blake2b(raw, digest_size=8).digest(), "little") >> 1)
    return keys


class VersionMatch(NamedTuple):
    """A candidate other version: estimated Jaccard and containments (query in it, it in query)."""

    article_id: object
    jaccard: float
    query_in_other: float
    other_in_query: float


class NearDuplicateIndex:
    """LSH index over signatures: add articles, ask for likely other versions of a text.

    With 128 bins in 32 bands of 4, pairs with Jaccard 0.5 are found 87% of the time, 0.6 99%,
    0.3 only 23%; candidates are then checked on the full signature (``min_jaccard``) or on the
    estimated containment (``min_containment``), so a long update of a short story is kept.
    """

    def __init__(self, rows: int = 4) -> None:
        self.rows = rows
        self._sigs: dict[object, bytes] = {}  # packed: a tuple of 128 ints costs 9x more
        self._buckets: dict[int, object] = {}  # key -> id, or list of ids when shared

    def __len__(self) -> int:
        return len(self._sigs)

    def signature_of(self, article_id: object) -> Signature | None:
        data = self._sigs.get(article_id)
        return Signature.from_bytes(data) if data is not None else None

    def add(self, article_id: object, text: str) -> Signature:
        """Index ``text`` under ``article_id``; returns the signature (store its bytes)."""
        sig = signature(text)
        self.add_signature(article_id, sig)
        return sig

    def add_signature(self, article_id: object, sig: Signature | bytes) -> None:
        """Index a stored signature (bytes from :meth:`Signature.to_bytes`) without the text."""
        if isinstance(sig, bytes):
            sig = Signature.from_bytes(sig)
        if article_id in self._sigs:
            self.remove(article_id)
        self._sigs[article_id] = sig.to_bytes()
        if sig.empty:
            return
        for key in band_keys(sig, self.rows):
            held = self._buckets.get(key)
            if held is None:
                self._buckets[key] = article_id
            elif isinstance(held, list):
                held.append(article_id)
            else:
                self._buckets[key] = [held, article_id]

    def remove(self, article_id: object) -> None:
        data = self._sigs.pop(article_id, None)
        if data is None:
            return
        sig = Signature.from_bytes(data)
        if sig.empty:
            return
        for key in band_keys(sig, self.rows):
            held = self._buckets.get(key)
            if isinstance(held, list):
                if article_id in held:
                    held.remove(article_id)
                if len(held) == 1:
                    self._buckets[key] = held[0]
            elif held == article_id:
                del self._buckets[key]

    def matches(self, text_or_sig: str | Signature, *, min_jaccard: float = 0.5,
                min_containment: float = 0.8, exclude: object = None) -> list[VersionMatch]:
        """Likely other versions, best first, with Jaccard and containment estimates."""
        sig = text_or_sig if isinstance(text_or_sig, Signature) else signature(text_or_sig)
        if sig.empty:
            return []
        seen: set[object] = set()
        for key in band_keys(sig, self.rows):
            held = self._buckets.get(key)
            if held is None:
                continue
            seen.update(held if isinstance(held, list) else (held,))
        seen.discard(exclude)
        out = []
        for other_id in seen:
            other = Signature.from_bytes(self._sigs[other_id])
            j = sig.jaccard(other)
            q_in, o_in = sig.containment_in(other, j), other.containment_in(sig, j)
            if j >= min_jaccard or max(q_in, o_in) >= min_containment:
                out.append(VersionMatch(other_id, round(j, 3), round(q_in, 3), round(o_in, 3)))
        out.sort(key=lambda m: (-m.jaccard, -max(m.query_in_other, m.other_in_query)))
        return out

    def candidates(self, text: str, *, min_jaccard: float = 0.5, exclude: object = None
                   ) -> list[tuple[object, float]]:
        """``(article_id, estimated_jaccard)`` of likely other versions of ``text``, best first."""
        return [(m.article_id, m.jaccard)
                for m in self.matches(text, min_jaccard=min_jaccard, exclude=exclude)]


def containment(part: str, whole: str) -> float:
    """Exact share of ``part``'s shingles that occur in ``whole`` (1.0: ``part`` is a cut)."""
    a = shingle_hashes(part)
    if not a:
        return 0.0
    return len(a & shingle_hashes(whole)) / len(a)


def is_cut_of(part: str, whole: str, threshold: float = 0.9) -> bool:
    """Is ``part`` a (possibly re-headlined) cut of ``whole``?"""
    return len(_words(part)) <= len(_words(whole)) and containment(part, whole) >= threshold


def classify_version(a_text: str, b_text: str) -> str | None:
    """How two texts relate, for the label of an "other version" link, from exact shingles:

    ``"same"`` (the same copy, perhaps re-headlined: Jaccard >= 0.9), ``"cut of"`` (``a`` is a
    shorter cut of ``b``), ``"cut from"`` (``b`` is a cut of ``a``), ``"version"`` (an update or
    rewrite sharing half the copy) or None (not versions of one text).
    """
    a, b = shingle_hashes(a_text), shingle_hashes(b_text)
    if not a or not b:
        return None
    both = len(a & b)
    jaccard = both / len(a | b)
    if jaccard >= 0.9:
        return "same"
    if both / len(a) >= 0.9 and len(a) < len(b):
        return "cut of"
    if both / len(b) >= 0.9 and len(b) < len(a):
        return "cut from"
    return "version" if jaccard >= 0.4 or max(both / len(a), both / len(b)) >= 0.6 else None


# -- differences for the side-by-side view ------------------------------------------------------

class DiffOp(NamedTuple):
    """One aligned piece: ``op`` in equal/insert/delete/replace and character spans in a and b.

    Sentence-level pieces cover whole sentences; inside sentences that changed the pieces are
    word level. Spans of one side are in order and never overlap.
    """

    op: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]


_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'”’)]*|\n|$)")
_TOKEN = re.compile(r"\S+")


def _pieces(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    out = []
    for m in pattern.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _key(text: str) -> str:
    return " ".join(_words(text))


def _span(spans: list[tuple[int, int]], i: int, j: int, fallback: int) -> tuple[int, int]:
    return (spans[i][0], spans[j - 1][1]) if i < j else (fallback, fallback)


def _align(a: str, b: str, sa: list[tuple[int, int]], sb: list[tuple[int, int]],
           word_level: bool, end_a: int, end_b: int) -> Iterable[DiffOp]:
    keys_a = [_key(a[s:e]) if not word_level else a[s:e].strip(".,;:\"'“”‘’()").casefold()
              for s, e in sa]
    keys_b = [_key(b[s:e]) if not word_level else b[s:e].strip(".,;:\"'“”‘’()").casefold()
              for s, e in sb]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        at_a = sa[i1][0] if i1 < len(sa) else end_a
        at_b = sb[j1][0] if j1 < len(sb) else end_b
        a_span, b_span = _span(sa, i1, i2, at_a), _span(sb, j1, j2, at_b)
        if tag == "replace" and not word_level:
            wa = [(a_span[0] + s, a_span[0] + e) for s, e in _pieces(a[slice(*a_span)], _TOKEN)]
            wb = [(b_span[0] + s, b_span[0] + e) for s, e in _pieces(b[slice(*b_span)], _TOKEN)]
            yield from _align(a, b, wa, wb, True, a_span[1], b_span[1])
        else:
            yield DiffOp(tag, a_span, b_span)


def diff_versions(a_text: str, b_text: str) -> list[DiffOp]:
    """Differences between two versions: sentences aligned first, then words inside changes.

    Sentences compare with case, punctuation and spacing folded, so a re-typed apostrophe does
    not count as a change.
    """
    sa, sb = _pieces(a_text, _SENTENCE), _pieces(b_text, _SENTENCE)
    return list(_align(a_text, b_text, sa, sb, False, len(a_text), len(b_text)))
