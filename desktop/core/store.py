"""The SQLite schema, its migrations, and the connection settings the archive relies on.

SQLite is the record of truth: everything else (the search index, caches) can be rebuilt from
it. The schema version lives in ``PRAGMA user_version``; :func:`migrate` applies each pending
migration in its own transaction on open, and refuses a database from a newer version of the
app instead of guessing at it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "ArchiveTooNew",
    "NotAnArchive",
    "connect",
    "migrate",
    "open_readonly_connection",
]

#: ``PRAGMA application_id`` marks the file as ours ("NwsA"), so we never adopt a stranger's db.
APPLICATION_ID = 0x4E777341


class NotAnArchive(Exception):
    """The folder or database is not a Newsroom Archive."""


class ArchiveTooNew(Exception):
    """The archive was written by a newer version of the app; opening it could damage it."""


def _migration_1(db: sqlite_utils.Database) -> None:
    """The first schema: articles with their originals, and the import history."""
    db.execute(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            files_total INTEGER NOT NULL DEFAULT 0,
            imported INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            cancelled INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            text_fingerprint TEXT NOT NULL,
            original_name TEXT NOT NULL,
            original_format TEXT NOT NULL,
            original_size INTEGER NOT NULL,
            source_path TEXT,
            encoding TEXT,
            headline TEXT,
            byline TEXT NOT NULL DEFAULT '[]',
            outlet TEXT,
            pub_date TEXT,
            dateline TEXT,
            url TEXT,
            language TEXT,
            body TEXT NOT NULL,
            word_count INTEGER NOT NULL,
            provenance TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_articles_fingerprint ON articles(text_fingerprint)")
    db.execute("CREATE INDEX idx_articles_pub_date ON articles(pub_date)")
    db.execute("CREATE INDEX idx_articles_outlet ON articles(outlet)")
    db.execute(
        """
        CREATE TABLE import_results (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'failed', 'skipped')),
            reason TEXT NOT NULL DEFAULT '',
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_import_results_batch ON import_results(batch_id)")


def _migration_2(db: sqlite_utils.Database) -> None:
    """Revisions for the search index, and saved searches.

    Every insert, update or delete of an article takes the next value of one archive-wide
    counter (kept by triggers, so even an edit made with another tool is seen). The search
    index records the revision it reflects; anything newer is what it has to catch up on, and
    ``deleted_articles`` remembers what was removed after that.
    """
    db.execute("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
    db.execute("INSERT INTO counters(name, value) VALUES ('rev', 0)")
    db.execute("ALTER TABLE articles ADD COLUMN rev INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX idx_articles_rev ON articles(rev)")
    db.execute("CREATE TABLE deleted_articles (id INTEGER PRIMARY KEY, rev INTEGER NOT NULL)")
    db.execute(
        """
        CREATE TRIGGER articles_rev_insert AFTER INSERT ON articles BEGIN
            UPDATE counters SET value = value + 1 WHERE name = 'rev';
            UPDATE articles SET rev = (SELECT value FROM counters WHERE name = 'rev')
                WHERE id = NEW.id;
            DELETE FROM deleted_articles WHERE id = NEW.id;
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_rev_update AFTER UPDATE ON articles WHEN NEW.rev = OLD.rev BEGIN
            UPDATE counters SET value = value + 1 WHERE name = 'rev';
            UPDATE articles SET rev = (SELECT value FROM counters WHERE name = 'rev')
                WHERE id = NEW.id;
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_rev_delete AFTER DELETE ON articles BEGIN
            UPDATE counters SET value = value + 1 WHERE name = 'rev';
            INSERT OR REPLACE INTO deleted_articles(id, rev)
                VALUES (OLD.id, (SELECT value FROM counters WHERE name = 'rev'));
        END
        """
    )
    db.execute("UPDATE articles SET rev = id")  # existing rows: all newer than an empty index
    db.execute("UPDATE counters SET value = (SELECT coalesce(max(id), 0) FROM articles)")
    db.execute(
        """
        CREATE TABLE saved_searches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            query TEXT NOT NULL,
            filters TEXT NOT NULL DEFAULT '[]',
            sort TEXT NOT NULL DEFAULT 'relevance',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )


def _migration_3(db: sqlite_utils.Database) -> None:
    """The trash: deleted articles are kept (row and original) until the trash is emptied,
    so a delete can be undone, even after the app was closed."""
    db.execute(
        """
        CREATE TABLE trash (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            row TEXT NOT NULL,
            deleted_at TEXT NOT NULL,
            batch TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_trash_batch ON trash(batch)")


def _migration_4(db: sqlite_utils.Database) -> None:
    """Deleting a story removes its import results: without this index each delete scanned the
    whole import history (2 ms a story at 100,000 articles, so 200 stories took half a second)."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_import_results_article ON import_results(article_id)")


def _migration_5(db: sqlite_utils.Database) -> None:
    """Entities, their aliases, mentions in articles, proposed merges, and merge history.

    A mention is a span of an article linked to an entity, or (``entity_id`` NULL) a name the
    patterns found that no entity has yet, with the kind they guessed. Its state is
    suggested, confirmed or rejected; a rejected mention stays, so the same suggestion is never
    made again. ``entity_merges`` keeps what a merge changed so it can be undone exactly.
    """
    db.execute(
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            origin TEXT NOT NULL DEFAULT 'user',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE entity_aliases (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            match_key TEXT NOT NULL,
            case_sensitive INTEGER NOT NULL DEFAULT 0,
            UNIQUE (entity_id, alias)
        )
        """
    )
    db.execute("CREATE INDEX idx_entity_aliases_key ON entity_aliases(match_key)")
    db.execute(
        """
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id INTEGER REFERENCES entities(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            surface TEXT NOT NULL,
            proposed_name TEXT,
            proposed_kind TEXT,
            state TEXT NOT NULL DEFAULT 'suggested',
            source TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            confidence REAL NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )
        """
    )
    # One row per (article, span, entity); NULL entities (new names) are one per span.
    db.execute("CREATE UNIQUE INDEX idx_mentions_span ON mentions(article_id, start, end, coalesce(entity_id, 0))")
    db.execute("CREATE INDEX idx_mentions_entity ON mentions(entity_id, state)")
    db.execute("CREATE INDEX idx_mentions_proposed ON mentions(proposed_name) WHERE entity_id IS NULL")
    db.execute(
        """
        CREATE TABLE merge_proposals (
            id INTEGER PRIMARY KEY,
            a_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            b_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL DEFAULT 'open',
            created_at TEXT NOT NULL,
            UNIQUE (a_id, b_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE entity_merges (
            id INTEGER PRIMARY KEY,
            kept_id INTEGER NOT NULL,
            merged_id INTEGER NOT NULL,
            snapshot TEXT NOT NULL,
            created_at TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0
        )
        """
    )


def _migration_6(db: sqlite_utils.Database) -> None:
    """Quotations found in articles, and statements: the same words carried by several stories.

    Statements are derived (regrouped after imports), so their ids may change; quotes keep
    theirs. ``entity_id`` is the speaker's entity when the speaker's name is one of its aliases.
    """
    db.execute(
        """
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_kind TEXT,
            first_article_id INTEGER,
            first_date TEXT,
            stories INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            outer_start INTEGER NOT NULL,
            outer_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_surface TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_kind TEXT,
            role TEXT,
            reason TEXT NOT NULL DEFAULT '',
            paragraph INTEGER NOT NULL DEFAULT 0,
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            statement_id INTEGER REFERENCES statements(id) ON DELETE SET NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_quotes_article ON quotes(article_id)")
    db.execute("CREATE INDEX idx_quotes_statement ON quotes(statement_id)")
    db.execute("CREATE INDEX idx_quotes_entity ON quotes(entity_id)")
    db.execute("CREATE INDEX idx_quotes_speaker ON quotes(speaker COLLATE NOCASE)")


def _migration_7(db: sqlite_utils.Database) -> None:
    """Briefing drafts: what a reporter laid out (stories, order, title, summary, options), as the
    briefing's own JSON, so a draft can be reopened, edited and exported again."""
    db.execute(
        """
        CREATE TABLE briefing_drafts (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            data TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            exported_to TEXT
        )
        """
    )


def _migration_8(db: sqlite_utils.Database) -> None:
    """Related stories: typed links, dismissed suggestions, event threads and their proposals,
    and each article's MinHash signature for finding other versions of the same text.

    A link is stored once, from ``a_id`` to ``b_id`` (for directed types, "b is a follow-up of
    a"), and shown on both stories. ``thread_proposals`` hold what automatic grouping proposes
    until a person accepts (it becomes a thread) or dismisses it.
    """
    db.execute(
        """
        CREATE TABLE story_links (
            id INTEGER PRIMARY KEY,
            a_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            b_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'user',
            created_at TEXT NOT NULL,
            UNIQUE (a_id, b_id, type),
            CHECK (a_id != b_id)
        )
        """
    )
    db.execute("CREATE INDEX idx_story_links_b ON story_links(b_id)")
    db.execute(
        """
        CREATE TABLE dismissed_suggestions (
            low_id INTEGER NOT NULL,
            high_id INTEGER NOT NULL,
            dismissed_at TEXT NOT NULL,
            PRIMARY KEY (low_id, high_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE threads (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'user',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE thread_stories (
            thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            added_at TEXT NOT NULL,
            PRIMARY KEY (thread_id, article_id)
        )
        """
    )
    db.execute("CREATE INDEX idx_thread_stories_article ON thread_stories(article_id)")
    db.execute(
        """
        CREATE TABLE thread_proposals (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            article_ids TEXT NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL DEFAULT 'open',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE article_signatures (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        )
        """
    )


def _migration_9(db: sqlite_utils.Database) -> None:
    """Finding other versions of a text at import: MinHash band keys (an indexed column, so a
    new article's candidates are one query even at 100,000 articles), and the version pairs found,
    offered to the reporter as "other version" links until accepted or dismissed."""
    db.execute(
        """
        CREATE TABLE signature_bands (
            band INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        )
        """
    )
    db.execute("CREATE INDEX idx_signature_bands ON signature_bands(band)")
    db.execute("CREATE INDEX idx_signature_bands_article ON signature_bands(article_id)")
    db.execute(
        """
        CREATE TABLE version_candidates (
            low_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            high_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            jaccard REAL NOT NULL,
            relation TEXT NOT NULL,
            found_at TEXT NOT NULL,
            PRIMARY KEY (low_id, high_id)
        )
        """
    )


def _migration_site_lines(db: sqlite_utils.Database) -> None:
    """Who wrote a story apart from who published it (``credit``: "Associated Press" on a story
    an outlet carries), what cleaning removed from its text and why (``cleanup``, JSON: the removed
    site lines and the section found in a title suffix), the site lines and title suffixes
    learned per outlet, and the clean-up runs that Undo can reverse."""
    db.execute("ALTER TABLE articles ADD COLUMN credit TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN cleanup TEXT NOT NULL DEFAULT '{}'")
    db.execute("CREATE INDEX idx_articles_credit ON articles(credit)")
    db.execute(
        """
        CREATE TABLE site_patterns (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            kind TEXT NOT NULL,
            pattern TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            stories INTEGER NOT NULL DEFAULT 0,
            seen INTEGER NOT NULL DEFAULT 0,
            learned_at TEXT NOT NULL,
            UNIQUE (scope, kind, pattern)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE cleanup_runs (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 0,
            undo TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0
        )
        """
    )


def _migration_quote_evidence(db: sqlite_utils.Database) -> None:
    """Why each quote has its speaker (``cue``: "said after", "pronoun", ...) and how sure the
    attribution is (``confidence``, 0-1); ``confirmed`` is 1 once a reporter set or confirmed the
    speaker. ``quote_corrections`` keeps those corrections by story and quoted words, so they
    survive a new extraction of the story."""
    db.execute("ALTER TABLE quotes ADD COLUMN cue TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE quotes ADD COLUMN confidence REAL NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE quotes ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0")
    db.execute(
        """
        CREATE TABLE quote_corrections (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_kind TEXT,
            role TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (article_id, text)
        )
        """
    )


#: Migration n (1-based) brings the schema from version n-1 to n. Append, never edit.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migration_1, _migration_2, _migration_3, _migration_4, _migration_5, _migration_6, _migration_7,
    _migration_8, _migration_9, _migration_site_lines, _migration_quote_evidence,
]
SCHEMA_VERSION = len(MIGRATIONS)


#: Reads decode text with replacement characters: one value that is not valid UTF-8 (written by
#: another tool, or a flipped bit inside a value, which ``integrity_check`` does not see) must
#: not make the whole archive unreadable. ``check`` finds and names such values.
#: A plain function: reading 300 whole article rows takes 2.3 ms against 1.8 ms with SQLite's
#: own decoding (tests/benchmarks/bench_archive_safety.py); ``functools.partial(str, ...)`` was
#: slower still (+57% against +7% for this function on 1.6 M short values).
def _decode_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def open_readonly_connection(path: Path) -> sqlite3.Connection:
    """``mode=ro``; on read-only media where SQLite cannot create the ``-shm`` file a WAL reader
    needs, ``immutable=1`` (the database as last saved, which nothing can be changing there; a
    ``-wal`` left beside it on such media cannot be read without writing, and is not)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        name = getattr(exc, "sqlite_errorname", "")
        cannot_open = name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) or any(
            text in str(exc) for text in ("unable to open", "readonly database"))
        if not cannot_open:
            return conn  # damage and the like are judged by the caller
        conn.close()
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)


def connect(path: Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open the archive database with the settings every connection must share.

    WAL lets the GUI read while an import writes; ``synchronous=NORMAL`` in WAL mode is
    safe against a killed process (every committed transaction survives) and only risks the
    last commits on power loss, which :mod:`desktop.core.checking` can detect and explain.
    """
    if readonly:
        conn = open_readonly_connection(path)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.text_factory = _decode_text
    conn.execute("PRAGMA busy_timeout = 10000")
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotAnArchive(f"{path} is not a readable SQLite database ({exc})") from exc
    return _Database(conn)


class _Database(sqlite_utils.Database):
    """sqlite-utils' Database whose :meth:`query` reads through a plain cursor.

    sqlite-utils 4 wraps every ``query()`` in ``SAVEPOINT "sqlite_utils_query"``. The archive's
    connection is shared by the GUI thread (small reads) and the writer thread (transactions),
    so one thread's COMMIT could end the other's savepoint mid-query ("no such savepoint",
    seen once in CI). Every query here is a SELECT, which needs no savepoint.
    """

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params or [])
        if cursor.description is None:
            raise ValueError("query() is for statements that return rows; use execute()")
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)


def _read_header(db: sqlite_utils.Database, path: Path) -> tuple[int, int, bool]:
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        has_tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError as exc:
        raise NotAnArchive(f"{path} is not a readable SQLite database ({exc})") from exc
    return app_id, version, has_tables


def migrate(db: sqlite_utils.Database, path: Path, *, app_version: str) -> int:
    """Bring the schema up to date; returns the version found before migrating.

    A brand-new empty database is initialised; one with someone else's tables, or from a newer
    app, raises instead of being touched.
    """
    app_id, version, has_tables = _read_header(db, path)
    if has_tables and app_id != APPLICATION_ID:
        raise NotAnArchive(f"{path} is an SQLite database, but not a Newsroom Archive")
    if version > SCHEMA_VERSION:
        raise ArchiveTooNew(
            f"this archive was written by a newer version of Newsroom Archive "
            f"(schema {version}; this version understands up to {SCHEMA_VERSION}). "
            "Update the app to open it."
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](db)
            if number == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('app_version', ?)",
                [json.dumps(app_version)],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version
