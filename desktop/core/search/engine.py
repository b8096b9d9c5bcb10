"""Run a search: a ranked page of hits with snippets, facet counts, and suggestions.

Plain data in, plain data out (:class:`SearchRequest` -> :class:`SearchResults`), so the GUI can
call it on every pause in typing from a worker thread, and the CLI prints the same thing.

Speed comes from three choices. Article text is read from SQLite only for the page shown, and
snippets are made from it there. Facets count over the *whole* result set from per-searcher
arrays (docnum -> outlet, month), built once after each index commit, instead of reading
stored fields per hit. And the searcher is reused until the index changes.

Whatever goes wrong while searching is said in words, never as a traceback: an error raised
inside Whoosh is looked at again with a fresh searcher (another process may have committed
while this one read), and if the index then fails to read back (a sample, or all of it when
the same error comes again) it is marked damaged and
:class:`~.index.IndexDamaged` is raised (the caller rebuilds it, see :mod:`.session`); any other
failure becomes :class:`SearchFailed`.
"""

from __future__ import annotations

import functools
import os
import pickle
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from whoosh import query as wq

from .analysis import find_terms
from .bounded import BoundedFuzzyTerm, BoundedPrefix, _Bounded
from .entity_terms import AliasExpander, entity_labels, rewrite_entity_terms
from .index import IndexDamaged, describe_error
from .plan import Plan, plan_query
from .query import ParsedQuery, parse_query
from .requests import FACET_LIMIT, FACETS, FILTERS, SORT_COLUMNS, SORTS, Hit, SearchRequest, SearchResults
from .snippets import join_snippets, make_snippets

if TYPE_CHECKING:
    from ..archive import Archive
    from .index import SearchIndex

__all__ = ["FACETS", "FILTERS", "SORTS", "Hit", "SearchEngine", "SearchFailed", "SearchRequest", "SearchResults"]

_T = TypeVar("_T")
#: "Did you mean" corrects at most this many words of one query,
SUGGEST_MAX_CORRECTIONS = 3
#: looks up at most this many unknown words,
SUGGEST_MAX_LOOKUPS = 6
#: and stops looking after this many seconds, suggesting what it found by then.
SUGGEST_BUDGET_S = 0.3
#: Longer "words" (a pasted hash, a URL) are not misspellings.
SUGGEST_MAX_WORD = 30
#: Errors that come from reading damaged index files whichever code raised them.
_READ_ERRORS = (zlib.error, EOFError, struct.error, pickle.UnpicklingError)
_WHOOSH_DIR = f"{os.sep}whoosh{os.sep}"


class SearchFailed(Exception):
    """A search failed for a reason other than a damaged index; the message says what."""


def _from_index(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while Whoosh read its files (else it is our own failure)."""
    if isinstance(exc, _READ_ERRORS):
        return True
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and _WHOOSH_DIR in last.tb_frame.f_code.co_filename


def _guarded(method: Callable[..., _T]) -> Callable[..., _T]:
    """Run an engine method so that failures arrive as IndexDamaged or SearchFailed."""

    @functools.wraps(method)
    def run(self: SearchEngine, *args: Any, **kwargs: Any) -> _T:
        try:
            return method(self, *args, **kwargs)
        except (IndexDamaged, SearchFailed):
            raise
        except Exception as first:  # noqa: BLE001 - sorted into damage or a failure in words
            if not _from_index(first):
                raise SearchFailed(f"the search failed unexpectedly ({in_words(first)})") from first
            self.reset()
            problem = self.index.verify()
            if problem is None:  # readable after all: another process's commit moved files
                try:
                    return method(self, *args, **kwargs)
                except Exception as second:  # noqa: BLE001
                    self.reset()
                    # Damage the sample missed, or a query Whoosh cannot run? Read everything.
                    problem = self.index.verify(deep=True) if _from_index(second) else None
                    if problem is None:
                        raise SearchFailed(f"the search failed unexpectedly ({in_words(second)})") from second
            self.reset()
            self.index.mark_damaged(problem)
            raise IndexDamaged(problem) from first

    return run


def in_words(exc: BaseException) -> str:
    """An exception as a short phrase for a message ("zlib.error: Error -3 ...")."""
    return describe_error(exc)


class _FacetCache:
    """docnum -> value lists for one searcher generation (outlet, month), built on demand."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self._columns: dict[str, list[Any]] = {}
        self._keywords: dict[str, dict[str, frozenset[int]]] = {}
        self._everything: dict[str, list[int]] = {}
        self._global: dict[str, list[tuple[str, int]]] | None = None

    def everything(self, sort: str) -> list[int]:
        """Every live docnum in ``sort`` order (any of :data:`SORT_COLUMNS`), for searches with
        nothing to rank. Ties keep the newest first, as Whoosh's sorted searches do not promise."""
        ordered = self._everything.get(sort)
        if ordered is None:
            live = list(self.searcher.reader().all_doc_ids())
            if sort != "newest":
                live = self.everything("newest")
            column, reverse = SORT_COLUMNS.get(sort, SORT_COLUMNS["newest"])
            key = self.column(column)
            ordered = sorted(live, key=key.__getitem__, reverse=reverse)
            self._everything[sort] = ordered
        return ordered

    def global_counts(self) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over the whole archive, computed once per index generation."""
        if self._global is None:
            self._global = count_facets(set(self.searcher.reader().all_doc_ids()), self)
        return self._global

    def column(self, fieldname: str) -> list[Any]:
        values = self._columns.get(fieldname)
        if values is None:
            reader = self.searcher.reader()
            # Per segment: Whoosh's MultiColumnReader skips a segment that has no value at all
            # for the field (a segment holding only undated stories has no "month" column), which
            # shifts every later docnum; fill such a segment with the column's default instead.
            field = reader.schema[fieldname] if fieldname in reader.schema else None  # noqa: SIM401 - no .get
            column_type = getattr(field, "column_type", None)
            default = column_type.default_value() if column_type is not None else None
            if isinstance(default, bytes):  # what a translating column reader gives for "no value"
                default = default.decode("utf-8")
            values = [default] * reader.doc_count_all()
            for sub, offset in reader.leaf_readers():
                if sub.has_column(fieldname):
                    for i, value in enumerate(sub.column_reader(fieldname)):
                        values[offset + i] = value
            self._columns[fieldname] = values
        return values

    def keyword_postings(self, fieldname: str) -> dict[str, frozenset[int]]:
        postings = self._keywords.get(fieldname)
        if postings is None:
            reader = self.searcher.reader()
            postings = {}
            for term in reader.lexicon(fieldname):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                postings[text] = frozenset(reader.postings(fieldname, term).all_ids())
            self._keywords[fieldname] = postings
        return postings


def count_facets(docset: set[int], cache: _FacetCache) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value over ``docset``, most frequent first (months newest first)."""
    counted: dict[str, list[tuple[str, int]]] = {}
    for facet, fieldname in FACETS.items():
        if facet in ("tag", "entity"):
            postings = cache.keyword_postings(fieldname)
            counts = Counter({term: len(docs & docset) for term, docs in postings.items()})
        else:
            column = cache.column(fieldname)
            counts = Counter(map(column.__getitem__, docset))
        counts.pop("", None)
        counts.pop(None, None)  # type: ignore[call-overload]
        values = [(v.decode() if isinstance(v, bytes) else str(v), n) for v, n in counts.most_common(FACET_LIMIT) if n]
        if facet == "month":
            values.sort(reverse=True)
        counted[facet] = values
    return counted


class _Stored:
    """A result row for a docnum outside Whoosh's Results (the cached browsing order)."""

    score = 0.0

    def __init__(self, searcher: Any, docnum: int) -> None:
        self._searcher = searcher
        self.docnum = docnum

    def __getitem__(self, name: str) -> Any:
        return self._searcher.stored_fields(self.docnum)[name]


class SearchEngine:
    """Searches one archive's index. Whoosh searchers are not shared between threads: use an
    engine from one thread at a time (the GUI's search worker), or one engine per thread."""

    def __init__(self, archive: Archive, index: SearchIndex) -> None:
        self.archive = archive
        self.index = index
        self._lock = threading.Lock()
        self._searcher: Any = None
        self._facets: _FacetCache | None = None
        self._state_mtime: int | None = None
        self._expander: AliasExpander | None = None

    # -- searcher lifecycle ---------------------------------------------------------------

    def _current(self) -> tuple[Any, _FacetCache]:
        """The searcher for the index as it is now (reopened after a commit or rebuild)."""
        with self._lock:
            try:
                mtime = self.index.state_path.stat().st_mtime_ns
            except OSError:
                mtime = None
            if self._searcher is None or mtime != self._state_mtime:
                self.close()
                self.index.close()
                self._searcher = self.index.open_index().searcher()
                self._facets = _FacetCache(self._searcher)
                self._state_mtime = mtime
            assert self._facets is not None
            return self._searcher, self._facets

    def close(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:  # noqa: BLE001 - closing a searcher over damaged files
                pass
            self._searcher = None
            self._facets = None

    def reset(self) -> None:
        """Forget the searcher and the open index, so the next call opens them afresh."""
        with self._lock:
            self.close()
            self.index.close()
            self._state_mtime = None

    # -- searching -------------------------------------------------------------------------

    @_guarded
    def parse(self, text: str) -> ParsedQuery:
        """What the query language makes of ``text`` (for the GUI's filter chips)."""
        searcher, _ = self._current()
        return parse_query(text, searcher.schema)

    def _parse(self, request: SearchRequest, searcher: Any) -> ParsedQuery:
        """Parse the request's query, with names expanded to their entities unless asked not to."""
        text = request.query
        if request.expand_aliases and text.strip():
            text = self._expand(text)
        parsed = parse_query(text, searcher.schema)
        parsed.query = rewrite_entity_terms(parsed.query, self.archive.db, parsed.messages,
                                            include_all=request.all_suggestions)
        return parsed

    def _expand(self, text: str) -> str:
        db = self.archive.db
        try:
            if self._expander is None or self._expander.stale(db):
                self._expander = AliasExpander(db)
            return self._expander.expand(text)
        except Exception:  # noqa: BLE001 - an archive without entity tables: search as typed
            return text

    @_guarded
    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        searcher, facets = self._current()
        parsed = self._parse(request, searcher)
        sort = parsed.sort or request.sort
        if sort not in SORTS:
            parsed.messages.append(f"Unknown sort '{sort}': sorted by relevance.")
            sort = "relevance"
        if parsed.query is None and request.query.strip() and not parsed.messages and not parsed.sort:
            parsed.messages.append(f"Nothing to search for in \u201c{request.query.strip()[:40]}\u201d: showing all articles.")
        plan = plan_query(self._build_query(request, parsed), searcher.reader())
        parsed.messages.extend(plan.notes)
        if not plan.ranked:
            # Nothing to rank (browsing, dates, facets): the archive's cached date order, filtered.
            ordered, docset = self._unranked(searcher, facets, plan, sort)
            total = len(ordered)
            page = [_Stored(searcher, d) for d in ordered[request.offset : request.offset + request.limit]]
            scored = False
        else:
            limit = max(1, request.offset + request.limit)
            results, docset = self._run(searcher, facets, plan, limit, sort)
            total = len(docset)
            page = list(results)[request.offset : request.offset + request.limit]
            scored = "sortedby" not in _sorting(sort, plan.ranked)
        parsed.messages.extend(_capped_expansions(plan.scored))
        hits = self._hits(page, request.offset, parsed if request.snippets else None, searcher, scored=scored)
        found = SearchResults(total=total, hits=hits, messages=parsed.messages, sort=sort, parsed=parsed)
        if request.facets:
            everything = not plan.ranked and not plan.filters and not plan.masks
            found.facets = facets.global_counts() if everything else count_facets(docset, facets)
            if found.facets.get("entity"):
                labels = entity_labels(self.archive.db, [v for v, _ in found.facets["entity"]])
                found.facets = {**found.facets,
                                "entity": [(labels.get(v, v), n) for v, n in found.facets["entity"]]}
        if total == 0 and request.query.strip():
            found.suggestions = self.did_you_mean(request.query, parsed, searcher)
        found.elapsed_ms = (time.perf_counter() - started) * 1000
        return found

    @_guarded
    def ids(self, request: SearchRequest) -> list[int]:
        """Every matching article id in result order (for a list view of any length)."""
        searcher, facets = self._current()
        parsed = self._parse(request, searcher)
        plan = plan_query(self._build_query(request, parsed), searcher.reader())
        sort = parsed.sort or request.sort
        ids = facets.column("id")
        if not plan.ranked:
            return [ids[docnum] for docnum in self._unranked(searcher, facets, plan, sort)[0]]
        results, _ = self._run(searcher, facets, plan, None, sort)
        return [ids[docnum] for _, docnum in results.top_n]

    def _unranked(self, searcher: Any, facets: _FacetCache, plan: Plan, sort: str) -> tuple[list[int], set[int]]:
        """(docnums in date order, their set; empty set meaning "all") for a plan with no words."""
        ordered = facets.everything(sort if sort in SORT_COLUMNS else "newest")
        allowed, excluded = plan.docsets(searcher, facets.column)
        if allowed is None and not excluded:
            return ordered, set()
        if allowed is not None and excluded:
            allowed = allowed - excluded
        if allowed is not None:
            ordered = [d for d in ordered if d in allowed]
        else:
            ordered = [d for d in ordered if d not in excluded]  # type: ignore[operator]
        return ordered, set(ordered)

    def _run(
        self, searcher: Any, facets: _FacetCache, plan: Plan, limit: int | None, sort: str
    ) -> tuple[Any, set[int]]:
        """Search a plan: (the ranked Whoosh results, the set of every matching docnum)."""
        allowed, excluded = plan.docsets(searcher, facets.column)
        results = searcher.search(plan.scored, limit=limit, filter=allowed, mask=excluded,
                                  **_sorting(sort, plan.ranked))
        docset = set(searcher.docs_for_query(plan.scored))
        if allowed is not None:
            docset &= allowed
        if excluded:
            docset -= excluded
        return results, docset

    def _build_query(self, request: SearchRequest, parsed: ParsedQuery) -> wq.Query | None:
        parts: list[wq.Query] = [parsed.query] if parsed.query is not None else []
        for facet, value in request.filters:
            fieldname = FILTERS.get(facet)
            if fieldname is None:
                parsed.messages.append(f"Unknown filter '{facet}' was ignored.")
                continue
            parts.append(wq.Term(fieldname, value.lower() if facet in ("tag", "entity") else value))
        if not parts:
            return None
        query = parts[0] if len(parts) == 1 else wq.And(parts)
        return rewrite_entity_terms(query, self.archive.db, parsed.messages, include_all=request.all_suggestions)

    # -- pieces ----------------------------------------------------------------------------

    def _hits(
        self, page: list[Any], offset: int, parsed: ParsedQuery | None, searcher: Any, *, scored: bool = True
    ) -> list[Hit]:
        """Hits for a page of Whoosh results; ``scored`` False when sorted by date (no relevance)."""
        ids = [hit["id"] for hit in page]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        columns = "id, headline, outlet, pub_date" + (", body" if parsed is not None else "")
        rows = {r["id"]: r for r in self.archive.db.query(f"SELECT {columns} FROM articles WHERE id IN ({marks})", ids)}
        terms, phrases = self._highlight_terms(parsed, searcher) if parsed is not None else (set(), [])
        hits = []
        for rank, (hit, article_id) in enumerate(zip(page, ids), start=offset + 1):
            row = rows.get(article_id)
            if row is None:  # deleted since the index was written; the catch-up will drop it
                continue
            score = float(hit.score or 0.0) if scored else 0.0
            found = Hit(id=article_id, rank=rank, score=score, headline=row["headline"],
                        outlet=row["outlet"], date=row["pub_date"])
            if parsed is not None:
                snippet = join_snippets(make_snippets(row["body"], terms, phrases, max_fragments=2))
                found.snippet_html = snippet.to_html()
                found.snippet_text = snippet.to_plain()
            hits.append(found)
        return hits

    @_guarded
    def highlight_terms(self, text: str) -> tuple[set[str], list[list[str]]]:
        """Index terms and phrases to highlight in an article shown for the query ``text``
        (pass them to :func:`desktop.core.search.snippets.hit_spans`)."""
        searcher, _ = self._current()
        return self._highlight_terms(parse_query(text, searcher.schema), searcher)

    def _highlight_terms(self, parsed: ParsedQuery, searcher: Any) -> tuple[set[str], list[list[str]]]:
        """Body terms to highlight, including what wildcard and fuzzy words expanded to."""
        terms = {term for fieldname, term in parsed.terms if fieldname in ("body", "headline")}
        if parsed.query is not None:
            try:
                for fieldname, term in parsed.query.existing_terms(searcher.reader(), expand=True):
                    if fieldname in ("body", "headline"):
                        terms.add(term.decode("utf-8") if isinstance(term, bytes) else term)
            except Exception:  # noqa: BLE001 - highlighting is a nicety, never a failure
                pass
        return terms, parsed.phrases

    # -- suggestions and similar stories -------------------------------------------------------

    def did_you_mean(self, text: str, parsed: ParsedQuery, searcher: Any) -> list[str]:
        """Rewrite misspelled words with the closest words the archive actually contains.

        Bounded per query: at most :data:`SUGGEST_MAX_CORRECTIONS` words are corrected, at most
        :data:`SUGGEST_MAX_LOOKUPS` unknown words are looked up, and looking stops once
        :data:`SUGGEST_BUDGET_S` has passed (a pasted list of hundreds of unknown names would
        otherwise cost one dictionary walk each); what was found by then is suggested."""
        reader = searcher.reader()
        deadline = time.perf_counter() + SUGGEST_BUDGET_S
        rewritten = text
        corrected = looked_up = 0
        for fieldname, term in sorted(parsed.terms):
            if corrected >= SUGGEST_MAX_CORRECTIONS or looked_up >= SUGGEST_MAX_LOOKUPS:
                break
            if time.perf_counter() > deadline:
                break
            if fieldname != "body" or len(term) > SUGGEST_MAX_WORD or reader.doc_frequency("body", term):
                continue
            looked_up += 1
            candidates = list(reader.terms_within("body", term, 2, prefix=1))
            if not candidates:
                continue
            best = max(candidates, key=lambda t: reader.doc_frequency("body", t))
            surface = self._surface_form(best, searcher)
            if surface:
                replaced = _replace_word(rewritten, term, surface)
                if replaced != rewritten:
                    rewritten = replaced
                    corrected += 1
        return [rewritten] if corrected and rewritten != text else []

    def _surface_form(self, term: str, searcher: Any) -> str | None:
        """A word as written in an article for an index term ("forc" -> "forces")."""
        hits = searcher.search(wq.Term("body", term), limit=1)
        if not hits:
            return None
        row = self.archive.db.execute("SELECT body FROM articles WHERE id = ?", [hits[0]["id"]]).fetchone()
        if row is None:
            return None
        found = find_terms(row[0], {term})
        if not found:
            return None
        _, _, start, end = found[0]
        return row[0][start:end]

    @_guarded
    def more_like_this(self, article_id: int, *, limit: int = 10) -> list[Hit]:
        """Stories whose distinctive words overlap this one's most (Whoosh's key terms)."""
        searcher, _ = self._current()
        docnum = searcher.document_number(id=article_id)
        row = self.archive.db.execute("SELECT body, headline FROM articles WHERE id = ?", [article_id]).fetchone()
        if docnum is None or row is None:
            return []
        text = f"{row[1] or ''}\n{row[0]}"
        similar = searcher.more_like(docnum, "body", text=text, top=limit, numterms=25)
        return self._hits([hit for hit in similar if hit["id"] != article_id], 0, None, searcher)


def _capped_expansions(query: wq.Query) -> list[str]:
    """Notes for wildcard and fuzzy words that matched more index words than were searched."""
    notes = []
    pending = [query]
    while pending:
        node = pending.pop()
        if isinstance(node, _Bounded) and node.expanded_from > node.max_terms:
            suffix = "~" if isinstance(node, BoundedFuzzyTerm) else "*" if isinstance(node, BoundedPrefix) else ""
            shown = node.text + suffix
            kind = "closest" if isinstance(node, BoundedFuzzyTerm) else "most common"
            note = f"{shown} matches {node.expanded_from} words; searched the {node.max_terms} {kind}"
            if note not in notes:
                notes.append(note)
        pending.extend(node.children())
    return notes


def _sorting(sort: str, ranked: bool) -> dict[str, Any]:
    """Whoosh sort arguments; with nothing to rank by relevance, newest first."""
    if sort not in SORT_COLUMNS and ranked:
        return {}
    column, reverse = SORT_COLUMNS.get(sort, SORT_COLUMNS["newest"])
    return {"sortedby": column, "reverse": reverse} if reverse else {"sortedby": column}


def _replace_word(text: str, term: str, replacement: str) -> str:
    """Replace the typed word that analyses to ``term`` (case-insensitively) in ``text``."""
    for word in text.split():
        stripped = word.strip("\"'()~*+-")
        found = find_terms(stripped, {term})
        if found:
            return text.replace(stripped, replacement, 1)
    return text
