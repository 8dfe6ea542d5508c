"""Who said what, over the archive: quotes and entity mentions per article, then entities and
statements across articles.

Two steps, both incremental in the way their inputs allow:

1. ``analyse_archive``: each article not analysed yet (or analysed by an older extractor) goes
   through ``analyse_article``, a pure function of its text (one entity-recogniser pass gives the
   mentions and serves the quotes component's fast route). The result is stored per article, so a later
   run analyses only new articles; with several workers the articles are spread over a process
   pool (the spaCy models are loaded once, before the fork, and shared).
2. ``speech_sections``: entities resolved across every stored article, each quote's speaker
   tied to an entity, and the quotes of one speaker in one story grouped into statements
   (``newsprism.statements``). Resolution is global by nature (a new article can tell who "the
   minister" is), so it re-runs over the stored analyses, which is cheap next to step 1; the
   result is kept until new analyses or new stories make it stale.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice

from newsprism.archive import Archive
from newsprism.entities import Mention, doc_mentions, entity_pipeline
from newsprism.quotes import Quote
from newsprism.quotes.fast import analyse as analyse_quotes
from newsprism.quotes.records import plain_text
from newsprism.statements import Encoder, archive_sections

STATEMENT_GRANULARITY = "story"  # statements are grouped within the stories of this granularity


@dataclass
class ArticleAnalysis:
    """The quotes and entity mentions of one article (offsets into its clean text)."""

    article: str
    quotes: list[Quote]
    mentions: list[Mention]

    def to_json(self) -> tuple[str, str]:
        """The quotes and the mentions, each as a JSON list, for the archive."""
        return (json.dumps([asdict(q) for q in self.quotes], ensure_ascii=False),
                json.dumps([asdict(m) for m in self.mentions], ensure_ascii=False))

    @classmethod
    def from_json(cls, article: str, quotes: str, mentions: str) -> "ArticleAnalysis":
        return cls(article, [_quote_from_dict(q) for q in json.loads(quotes)],
                   [Mention(**m) for m in json.loads(mentions)])


def _quote_from_dict(row: dict) -> Quote:
    """A Quote from its ``asdict`` form: JSON turned its offset pairs into lists."""
    pair = lambda v: tuple(v) if v is not None else None  # noqa: E731
    return Quote(**(row | {"segments": tuple(tuple(s) for s in row["segments"]),
                           "cue_span": pair(row.get("cue_span")), "speaker_span": pair(row.get("speaker_span")),
                           "via_span": pair(row.get("via_span"))}))


@lru_cache(maxsize=1)
def analyser_version() -> str:
    """A fingerprint of the code and weights that make an analysis: the source and model files of
    the quotes and entities packages. Stored analyses with another fingerprint are redone, so an
    improved extractor never leaves old quotes behind (a hand-bumped number would be forgotten)."""
    digest = hashlib.sha256()
    for package in ("newsprism.quotes", "newsprism.entities"):
        for item in sorted(resources.files(package).iterdir(), key=lambda p: p.name):
            if item.name.endswith((".py", ".json")):
                digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def analyse_article(article_id: str, text: str) -> ArticleAnalysis:
    """The quotes and entity mentions of one article's clean text.

    The entity recogniser runs once, over the whole text: its entities give the mentions and
    serve the quotes' fast route too (which then parses the candidate sentences only), so
    speakers named outside those sentences are known to it as well."""
    text = plain_text(text)  # (the same length: offsets into the stored text hold)
    entities = entity_pipeline()(text)
    return ArticleAnalysis(article_id, analyse_quotes(text, entities=entities), doc_mentions(entities, article_id))


def _analyse_item(item: tuple[str, str]) -> ArticleAnalysis | tuple[str, str]:
    """``analyse_article`` for a pool: an error comes back as (article id, reason)."""
    try:
        return analyse_article(*item)
    except Exception as error:  # one bad article must never stop the batch
        return item[0], f"{type(error).__name__}: {error}"


@dataclass
class AnalysisRun:
    """What one ``analyse_archive`` call did."""

    analysed: int
    quotes: int
    failed: list[tuple[str, str]]  # (article id, reason)


def analyse_archive(archive: Archive, *, workers: int = 1, batch_size: int = 64,
                    on_article: Callable[[str], None] | None = None) -> AnalysisRun:
    """Analyse every stored article that has no analysis by the current extractor; store the
    results batch by batch (an interrupted run keeps its finished batches). Returns counts and
    the articles that failed, with the reason."""
    version = analyser_version()
    todo = archive.articles_to_analyse(version)
    run = AnalysisRun(0, 0, [])
    if not todo:
        return run
    _warm_models()  # before the fork, so that workers share the loaded models
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 and len(todo) > 8 else None
    try:
        for chunk in _chunks(todo, batch_size):  # a batch at a time: memory stays flat
            items = list(archive.texts(chunk).items())
            batch = pool.map(_analyse_item, items, chunksize=2) if pool else [_analyse_item(i) for i in items]
            done = [r for r in batch if isinstance(r, ArticleAnalysis)]
            run.failed += [r for r in batch if not isinstance(r, ArticleAnalysis)]
            archive.store_analyses([(r.article, *r.to_json()) for r in done], version)
            run.analysed += len(done)
            run.quotes += sum(len(r.quotes) for r in done)
            for r in batch:
                (on_article or (lambda _: None))(r.article if isinstance(r, ArticleAnalysis) else r[0])
    finally:
        if pool:
            pool.terminate()
            pool.join()
    return run


def _warm_models() -> None:
    analyse_article("", "Warm-up, he said.")


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def speech_sections(archive: Archive, *, encoder: Encoder | None = None) -> dict[str, list[dict]]:
    """The export's ``entities``, ``quotes`` and ``statements`` over the whole archive.

    Computed from the stored analyses and the stories at ``STATEMENT_GRANULARITY`` (articles not
    in a story yet count as a story of their own), then kept in the archive until new analyses or
    stories are stored. Articles not analysed yet are simply absent: run ``analyse_archive`` first.
    """
    saved = archive.state("speech")
    if saved is not None:
        return json.loads(saved)
    analyses = {row[0]: ArticleAnalysis.from_json(*row) for row in archive.analyses()}
    articles = [a for a in archive.articles() if a.id in analyses]
    story_of = {a: s["id"] for s in archive.stories(STATEMENT_GRANULARITY) for a in s["articles"]}
    sections = archive_sections(articles, {k: v.quotes for k, v in analyses.items()},
                                mentions={k: v.mentions for k, v in analyses.items()},
                                story_of=story_of, encoder=encoder)
    archive.save_state("speech", json.dumps(sections, ensure_ascii=False).encode())
    return sections
