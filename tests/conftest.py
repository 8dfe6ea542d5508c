"""Shared test fixtures: the ../shared data (skipped where absent) and archives on both databases."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# rich wraps output at 80 columns when there is no terminal; tests read whole lines.
os.environ.setdefault("COLUMNS", "200")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IDLIB = SHARED / "corpora" / "idlib-2020"


@pytest.fixture(scope="session")
def idlib_dir() -> Path:
    """The sample corpus; tests using it skip where ../shared is not beside the project."""
    if not IDLIB.is_dir():
        pytest.skip(f"sample corpus not found at {IDLIB} (../shared is absent)")
    return IDLIB


def _pg_url() -> str | None:
    return os.environ.get("NEWSPRISM_TEST_PG_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """An empty archive location: a SQLite file, and a real PostgreSQL database when
    NEWSPRISM_TEST_PG_URL is set (scripts/test.sh starts a server and sets it)."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    url = _pg_url()
    if not url:
        pytest.skip("NEWSPRISM_TEST_PG_URL is not set: run the suite with scripts/test.sh to test PostgreSQL")
    from newsprism.archive import Archive, schema

    archive = Archive(url)
    schema.drop_all(archive.engine)
    archive.close()
    return url


@pytest.fixture(scope="session")
def idlib_articles(idlib_dir) -> dict:
    """The sample corpus as clean articles, built by the ingest's own ``build_article``, keyed by
    the file's number ("000" ... "004") and carrying that number as their id."""
    from dataclasses import replace

    from newsprism.articles import build_article
    from newsprism.readers import read_paths

    found = {}
    for doc in read_paths([str(idlib_dir)]):
        key = Path(doc.source).name[:3]
        found[key] = replace(build_article(doc), id=key)
    return dict(sorted(found.items()))


@pytest.fixture(scope="session")
def idlib_archive(idlib_dir, tmp_path_factory):
    """The sample corpus through every stage into a SQLite archive: ``(archive path, sections,
    file number of each article id)``, sections being the export's entities, quotes, statements."""
    from newsprism.archive import Archive
    from newsprism.corpus import cluster_stories
    from newsprism.ingest import ingest
    from newsprism.speech import analyse_archive, speech_sections

    path = str(tmp_path_factory.mktemp("idlib") / "idlib.db")
    with Archive(path) as archive:
        ingest([str(idlib_dir)], archive, workers=1)
        cluster_stories(archive)
        analyse_archive(archive)
        sections = speech_sections(archive)
        key_of = {a.id: Path(a.source).name[:3] for a in archive.articles()}
    return path, sections, key_of
