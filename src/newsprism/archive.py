"""The archive: raw inputs and clean articles in SQLite (default) or PostgreSQL, via SQLAlchemy.

The archive is the source of truth. Every raw input is kept (compressed) beside its clean article,
so any later stage can be re-run from it. Articles are keyed by their content
(``Document.key``): storing the same bytes twice adds nothing but a note of the second place they
were found. Each batch is written in one transaction, so a run killed midway leaves only whole
batches behind, and running it again stores each article exactly once.
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKey, Integer, LargeBinary, MetaData,
                        String, Table, Text, create_engine, event, exc, func, select)
from sqlalchemy.engine import Connection, Engine

from newsprism.models import Article, Document, Outlet, ReadError, RemovedLine

DEFAULT_DB = "newsprism.db"

schema = MetaData()

raw_items = Table(
    "raw_items", schema,
    Column("key", String(16), primary_key=True),
    Column("media_type", String(8), nullable=False),
    Column("encoding", String(40)),
    Column("url", Text),
    Column("record_id", Text),
    Column("hints", Text, nullable=False),  # JSON object
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),  # zlib-compressed bytes as read
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles", schema,
    Column("id", String(16), ForeignKey("raw_items.key"), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("record_id", Text),
    Column("title", Text),
    Column("outlet_id", String(64), index=True),
    Column("outlet_name", Text),
    Column("published", String(32), index=True),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False),  # JSON list of [text, reason] pairs
    Column("processed_at", DateTime(timezone=True), nullable=False),
)

sources = Table(
    "sources", schema,
    Column("article_id", String(16), ForeignKey("raw_items.key"), primary_key=True),
    Column("source", Text, primary_key=True),
)

failures = Table(
    "failures", schema,
    Column("source", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("skipped", Boolean, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)


# -- corpus analysis: reuse and stories ---------------------------------------------------------

reuse_sketches = Table(
    "reuse_sketches", schema,  # MinHash signatures, so later runs check new articles only
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("sketch", LargeBinary, nullable=False),
)

reuse_findings = Table(
    "reuse_findings", schema,
    Column("article_a", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("article_b", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("similarity", Float, nullable=False),
    Column("finding", Text, nullable=False),  # the export entry as JSON
)

stories = Table(
    "stories", schema,
    Column("granularity", String(8), primary_key=True),
    Column("id", String(32), primary_key=True),
    Column("story", Text, nullable=False),  # the export entry as JSON
)

story_members = Table(
    "story_members", schema,
    Column("granularity", String(8), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("story_id", String(32), nullable=False),
)

# -- article analysis: who said what ----------------------------------------------------------

article_analysis = Table(
    "article_analysis", schema,  # quotes and entity mentions per article (newsprism.speech)
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("version", String(16), nullable=False),  # the analyser's fingerprint: redo when it changes
    Column("quotes", Text, nullable=False),  # JSON list of Quote fields
    Column("mentions", Text, nullable=False),  # JSON list of Mention fields
)

stage_state = Table(
    "stage_state", schema,  # a stage's saved model (the story clusterer), to continue online
    Column("name", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def database_url(db: str) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as given, or a file path for SQLite."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    if db.startswith(("postgres://", "postgresql://")):
        # Use psycopg 3, the driver we install, rather than SQLAlchemy's default psycopg2.
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't block the ingest, crash-safe
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at each commit in WAL mode, much faster
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@dataclass
class StoreResult:
    """What one ``Archive.store`` call changed."""

    added: int
    already_stored: int


class Archive:
    """An archive at a SQLite path or a database URL; creates its tables on first use."""

    def __init__(self, db: str = DEFAULT_DB):
        self.url = database_url(db)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            schema.create_all(self.engine)
        except exc.OperationalError:
            # Another process created the tables between our check and our CREATE: fine.
            schema.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def known(self, keys: Iterable[str]) -> set[str]:
        """The subset of ``keys`` already stored."""
        keys = list(set(keys))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                found.update(conn.scalars(select(raw_items.c.key).where(raw_items.c.key.in_(chunk))))
        return found

    def store(self, stored: list[tuple[Document, Article]], *, seen_again: list[Document] = (),
              errors: list[ReadError] = ()) -> StoreResult:
        """Write one batch in one transaction: new articles with their raw input, further sources
        of articles already stored, and the errors of this batch. Returns what was added."""
        now = datetime.now(timezone.utc)
        with self.engine.begin() as conn:
            new_keys = {doc.key for doc, _ in stored} - self._known_in(conn, [d.key for d, _ in stored])
            fresh = [(doc, art) for doc, art in stored if doc.key in new_keys]
            fresh = list({doc.key: (doc, art) for doc, art in fresh}.values())
            if fresh:
                conn.execute(raw_items.insert(), [_raw_row(doc, now) for doc, _ in fresh])
                conn.execute(articles.insert(), [_article_row(art, now) for _, art in fresh])
            source_rows = {(doc.key, doc.source) for doc, _ in stored} | {(d.key, d.source) for d in seen_again}
            self._insert_ignoring_existing(conn, sources, [{"article_id": k, "source": s} for k, s in source_rows])
            done = [s for _, s in source_rows]
            if done:
                conn.execute(failures.delete().where(failures.c.source.in_(done)))
            if errors:
                # The latest reason for a source replaces an older one.
                by_source = {e.source: e for e in errors}
                conn.execute(failures.delete().where(failures.c.source.in_(list(by_source))))
                conn.execute(failures.insert(), [{"source": e.source, "reason": e.reason,
                                                  "skipped": e.skipped, "at": now}
                                                 for e in by_source.values()])
        return StoreResult(added=len(fresh), already_stored=len(stored) - len(fresh) + len(seen_again))

    def _known_in(self, conn: Connection, keys: list[str]) -> set[str]:
        if not keys:
            return set()
        return set(conn.scalars(select(raw_items.c.key).where(raw_items.c.key.in_(keys))))

    def _insert_ignoring_existing(self, conn: Connection, table: Table, rows: list[dict]) -> None:
        if not rows:
            return
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(insert(table).on_conflict_do_nothing(), rows)

    # -- reading ----------------------------------------------------------------------------
    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(articles))

    def articles(self, *, outlet: str | None = None, limit: int | None = None) -> Iterator[Article]:
        """Stored articles ordered by publication date (unknown last), then id."""
        query = select(articles).order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)
        if outlet:
            query = query.where((articles.c.outlet_id == outlet) | (articles.c.outlet_name == outlet))
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=500)):
                yield _article_from_row(row)

    def article(self, id_or_prefix: str) -> Article | None:
        """The article with this id, or the only one whose id starts with it."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(articles).where(articles.c.id.startswith(id_or_prefix)).limit(2)).all()
        if len(rows) != 1:
            exact = [r for r in rows if r.id == id_or_prefix]
            return _article_from_row(exact[0]) if exact else None
        return _article_from_row(rows[0])

    def sources_of(self, article_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return sorted(conn.scalars(select(sources.c.source).where(sources.c.article_id == article_id)))

    def raw(self, key: str) -> Document | None:
        """The raw input an article was built from, exactly as read."""
        with self.engine.connect() as conn:
            row = conn.execute(select(raw_items).where(raw_items.c.key == key)).first()
            first = conn.scalar(select(articles.c.source).where(articles.c.id == key))
        if row is None:
            return None
        return Document(source=first or "", content=zlib.decompress(row.content), media_type=row.media_type,
                        url=row.url, record_id=row.record_id, encoding=row.encoding, hints=json.loads(row.hints))

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Clean texts of the given article ids."""
        ids, found = list(ids), {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                query = select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids[start:start + 500]))
                found.update((row.id, row.text) for row in conn.execute(query))
        return found

    # -- reuse --------------------------------------------------------------------------------
    def articles_without_sketch(self) -> Iterator[Article]:
        """Articles reuse detection has not seen yet, in the order they were stored."""
        query = (select(articles).outerjoin(reuse_sketches, reuse_sketches.c.article_id == articles.c.id)
                 .where(reuse_sketches.c.article_id.is_(None))
                 .order_by(articles.c.processed_at, articles.c.id))
        with self.engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=500)):
                yield _article_from_row(row)

    def reuse_sketches(self) -> Iterator[tuple[str, bytes]]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(reuse_sketches).execution_options(yield_per=2000)):
                yield row.article_id, row.sketch

    def store_reuse(self, sketches: list[tuple[str, bytes]], findings: list[dict]) -> None:
        """Store the sketches of newly checked articles and their findings, in one transaction."""
        with self.engine.begin() as conn:
            self._insert_ignoring_existing(conn, reuse_sketches,
                                           [{"article_id": i, "sketch": b} for i, b in sketches])
            self._insert_ignoring_existing(conn, reuse_findings, [
                {"article_a": f["articles"][0], "article_b": f["articles"][1], "kind": f["kind"],
                 "similarity": f["similarity"], "finding": json.dumps(f, ensure_ascii=False)}
                for f in findings])

    def reuse_findings(self) -> list[dict]:
        """Every finding, strongest kind first, then by similarity."""
        order = {"duplicate": 0, "near_duplicate": 1, "shared_passages": 2}
        with self.engine.connect() as conn:
            found = [json.loads(r) for r in conn.scalars(select(reuse_findings.c.finding))]
        return sorted(found, key=lambda f: (order.get(f["kind"], 3), -f["similarity"], f["articles"]))

    # -- stories ------------------------------------------------------------------------------
    def articles_without_story(self, granularity: str) -> list[Article]:
        """Articles not yet clustered at this granularity."""
        joined = story_members.c.article_id == articles.c.id
        query = (select(articles).outerjoin(story_members, joined & (story_members.c.granularity == granularity))
                 .where(story_members.c.article_id.is_(None)).order_by(articles.c.id))
        with self.engine.connect() as conn:
            return [_article_from_row(row) for row in conn.execute(query)]

    def store_stories(self, granularity: str, entries: list[dict], members: dict[str, str],
                      state: bytes | None, *, replace: bool = False) -> None:
        """Save the stories of one granularity (all of them: titles and dates change as stories
        grow), the memberships, and the clusterer's state, in one transaction.
        ``replace`` forgets earlier memberships first (stories may have merged)."""
        now = datetime.now(timezone.utc)
        with self.engine.begin() as conn:
            conn.execute(stories.delete().where(stories.c.granularity == granularity))
            if replace:
                conn.execute(story_members.delete().where(story_members.c.granularity == granularity))
            if entries:
                conn.execute(stories.insert(), [{"granularity": granularity, "id": e["id"],
                                                 "story": json.dumps(e, ensure_ascii=False)} for e in entries])
            self._insert_ignoring_existing(conn, story_members, [
                {"granularity": granularity, "article_id": a, "story_id": s} for a, s in members.items()])
            self._put_state(conn, f"stories:{granularity}", state, now)
            self._put_state(conn, "speech", None, now)  # statements are grouped by story: stale now

    def stories(self, granularity: str | None = None) -> list[dict]:
        """Stored stories (export entries with their ``granularity``), largest first."""
        query = select(stories)
        if granularity:
            query = query.where(stories.c.granularity == granularity)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        found = [json.loads(r.story) | {"granularity": r.granularity} for r in rows]
        return sorted(found, key=lambda s: (-len(s["articles"]), s["first"] or "", s["id"]))

    # -- article analysis ---------------------------------------------------------------------
    def articles_to_analyse(self, version: str) -> list[str]:
        """Ids of the articles with no analysis by the analyser of this ``version``, oldest first."""
        joined = article_analysis.c.article_id == articles.c.id
        query = (select(articles.c.id).outerjoin(article_analysis, joined)
                 .where(article_analysis.c.article_id.is_(None) | (article_analysis.c.version != version))
                 .order_by(articles.c.processed_at, articles.c.id))
        with self.engine.connect() as conn:
            return list(conn.scalars(query))

    def store_analyses(self, rows: list[tuple[str, str, str]], version: str) -> None:
        """Store (article id, quotes JSON, mentions JSON) rows in one transaction, replacing older
        analyses of those articles; what was derived from analyses (``speech``) is stale after."""
        if not rows:
            return
        with self.engine.begin() as conn:
            ids = [r[0] for r in rows]
            conn.execute(article_analysis.delete().where(article_analysis.c.article_id.in_(ids)))
            conn.execute(article_analysis.insert(), [{"article_id": a, "version": version, "quotes": q,
                                                      "mentions": m} for a, q, m in rows])
            self._put_state(conn, "speech", None, datetime.now(timezone.utc))

    def analyses(self) -> Iterator[tuple[str, str, str]]:
        """Every stored analysis as (article id, quotes JSON, mentions JSON)."""
        with self.engine.connect() as conn:
            for row in conn.execute(select(article_analysis).execution_options(yield_per=500)):
                yield row.article_id, row.quotes, row.mentions

    # -- saved stage state -------------------------------------------------------------------
    def save_state(self, name: str, data: bytes | None) -> None:
        """Keep (or, with None, forget) a stage's saved state under ``name``."""
        with self.engine.begin() as conn:
            self._put_state(conn, name, data, datetime.now(timezone.utc))

    @staticmethod
    def _put_state(conn: Connection, name: str, data: bytes | None, now: datetime) -> None:
        conn.execute(stage_state.delete().where(stage_state.c.name == name))
        if data is not None:
            conn.execute(stage_state.insert(), {"name": name, "data": data, "updated_at": now})

    def state(self, name: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(stage_state.c.data).where(stage_state.c.name == name))

    def failures(self) -> list[ReadError]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.source)).all()
        return [ReadError(r.source, r.reason, r.skipped) for r in rows]


def _raw_row(doc: Document, now: datetime) -> dict:
    return {"key": doc.key, "media_type": doc.media_type, "encoding": doc.encoding, "url": doc.url,
            "record_id": doc.record_id, "hints": json.dumps(doc.hints, ensure_ascii=False),
            "size": len(doc.content), "content": zlib.compress(doc.content, 1), "ingested_at": now}


def _article_row(art: Article, now: datetime) -> dict:
    return {"id": art.id, "source": art.source, "url": art.url, "record_id": art.record_id,
            "title": art.title, "outlet_id": art.outlet.id if art.outlet else None,
            "outlet_name": art.outlet.name if art.outlet else None, "published": art.published,
            "published_inferred": art.published_inferred, "language": art.language, "text": art.text,
            "removed": json.dumps([[r.text, r.reason] for r in art.removed], ensure_ascii=False),
            "processed_at": now}


def _article_from_row(row) -> Article:
    outlet = Outlet(row.outlet_id, row.outlet_name) if row.outlet_id else None
    removed = [RemovedLine(text, reason) for text, reason in json.loads(row.removed)]
    return Article(id=row.id, source=row.source, url=row.url, record_id=row.record_id, text=row.text,
                   title=row.title, outlet=outlet, published=row.published,
                   published_inferred=row.published_inferred, language=row.language, removed=removed)
