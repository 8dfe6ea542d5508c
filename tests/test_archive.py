"""The archive on SQLite and on a real PostgreSQL server: storing, idempotence, reading back."""
from __future__ import annotations

from newsprism.archive import Archive, database_url
from newsprism.models import Article, Document, Outlet, ReadError, RemovedLine


def make(text: str, source: str, **meta) -> tuple[Document, Article]:
    doc = Document(source=source, content=f"raw page\n{text}\nShare this".encode(), media_type="text")
    art = Article(id=doc.key, source=source, text=text, removed=[RemovedLine("Share this", "share prompt")],
                  **meta)
    return doc, art


def test_store_and_read_back(db_url):
    doc, art = make("Talks resumed in Geneva on Monday.", "a.txt", title="Talks resume",
                    outlet=Outlet("reuters", "Reuters"), published="2021-03-01T10:00",
                    published_inferred=False, language="en")
    with Archive(db_url) as archive:
        result = archive.store([(doc, art)])
        assert result.added == 1
        back = archive.article(art.id[:6])
        assert back == art
        assert archive.raw(art.id).content == doc.content
        assert archive.sources_of(art.id) == ["a.txt"]
        assert [a.id for a in archive.articles(outlet="reuters")] == [art.id]
        assert list(archive.articles(outlet="tass")) == []


def test_same_content_twice_is_stored_once_with_both_sources(db_url):
    doc, art = make("A ceasefire was agreed late on Thursday.", "first/a.txt")
    copy = Document(source="second/a.txt", content=doc.content, media_type="text")
    with Archive(db_url) as archive:
        archive.store([(doc, art)])
        result = archive.store([(copy, art)])
        assert result.added == 0 and result.already_stored == 1
        archive.store([], seen_again=[copy])
        assert archive.count() == 1
        assert archive.sources_of(art.id) == ["first/a.txt", "second/a.txt"]


def test_failures_are_recorded_and_cleared_when_the_item_succeeds(db_url):
    doc, art = make("Shelling was reported near the border.", "late.txt")
    with Archive(db_url) as archive:
        archive.store([], errors=[ReadError("late.txt", "cannot read: Permission denied"),
                                  ReadError("blank.txt", "empty file", skipped=True)])
        assert {f.source for f in archive.failures()} == {"late.txt", "blank.txt"}
        archive.store([(doc, art)])
        assert [f.source for f in archive.failures()] == ["blank.txt"]


def test_articles_are_ordered_by_date_unknown_last(db_url):
    items = [make(f"Body number {i} about the talks.", f"{i}.txt", published=p)
             for i, p in enumerate(["2020-02-21", None, "2020-02-19T14:31"])]
    with Archive(db_url) as archive:
        archive.store(items)
        assert [a.published for a in archive.articles()] == ["2020-02-19T14:31", "2020-02-21", None]
        assert len(list(archive.articles(limit=2))) == 2


def test_database_url():
    assert database_url("x.db") == "sqlite:///x.db"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("sqlite:////tmp/a.db") == "sqlite:////tmp/a.db"
