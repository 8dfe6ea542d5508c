"""Ingest: read inputs, build clean articles (in a process pool), store them batch by batch.

Memory stays flat however large the input: documents are read lazily and handled in batches of
``batch_size``; while one batch is being processed by the workers, the next is read.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsprism.archive import Archive
from newsprism.articles import build_article
from newsprism.models import Article, Document, ReadError
from newsprism.readers import DEFAULT_MAX_BYTES, read_paths

Processed = Article | ReadError


@dataclass
class IngestReport:
    """The outcome of one ingest: counts, and every item that was skipped or failed."""

    ingested: int = 0
    already_stored: int = 0
    skipped: list[ReadError] = field(default_factory=list)
    failed: list[ReadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def process_document(doc: Document) -> Processed:
    """``build_article`` with its errors turned into a ``ReadError`` naming the item."""
    try:
        return build_article(doc)
    except Exception as err:  # one bad item must never stop the batch
        reason = str(err) or type(err).__name__
        skipped = type(err).__name__ in ("NoArticle", "NotText")
        return ReadError(doc.source, reason if skipped else f"could not process: {reason}", skipped=skipped)


def ingest(paths: Iterable[str], archive: Archive, *, workers: int | None = None, batch_size: int = 400,
           max_bytes: int = DEFAULT_MAX_BYTES,
           on_item: Callable[[Processed | Document], None] | None = None) -> IngestReport:
    """Store every article under ``paths`` in ``archive``; returns an ``IngestReport``.

    ``workers`` processes build the articles (default: one per core; 1 runs in-process).
    ``on_item`` is called once per input item (an ``Article``, a ``ReadError``, or the
    ``Document`` of an article already stored), for progress display.
    """
    workers = workers or os.cpu_count() or 1
    report = IngestReport()
    items = read_paths(paths, max_bytes=max_bytes)
    batches = _batches(items, batch_size)
    notify = on_item or (lambda item: None)

    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        pending = None  # (documents, async result) of the batch being processed
        for batch in batches:
            new_docs, seen_again, errors = _triage(batch, archive)
            job = (pool.map_async(process_document, new_docs, chunksize=max(1, len(new_docs) // (4 * workers)))
                   if pool and len(new_docs) > 8 else None)
            if pending:
                _finish(*pending, archive, report, notify)
            results = job if job else [process_document(d) for d in new_docs]
            pending = (new_docs, results, seen_again, errors)
        if pending:
            _finish(*pending, archive, report, notify)
    finally:
        if pool:
            pool.terminate()
            pool.join()
    return report


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


def _triage(batch: list, archive: Archive) -> tuple[list[Document], list[Document], list[ReadError]]:
    """Split a batch into new documents, documents already stored (or repeated), and read errors."""
    docs = [item for item in batch if isinstance(item, Document)]
    errors = [item for item in batch if isinstance(item, ReadError)]
    known = archive.known(d.key for d in docs)
    new_docs, seen_again, keys = [], [], set()
    for doc in docs:
        if doc.key in known or doc.key in keys:
            seen_again.append(doc)
        else:
            keys.add(doc.key)
            new_docs.append(doc)
    return new_docs, seen_again, errors


def _finish(new_docs, results, seen_again, errors, archive: Archive, report: IngestReport, notify) -> None:
    results = results.get() if hasattr(results, "get") else results
    stored, problems = [], list(errors)
    for doc, result in zip(new_docs, results):
        if isinstance(result, Article):
            stored.append((doc, result))
        else:
            problems.append(result)
    outcome = archive.store(stored, seen_again=seen_again, errors=problems)
    report.ingested += outcome.added
    report.already_stored += outcome.already_stored
    for problem in problems:
        (report.skipped if problem.skipped else report.failed).append(problem)
    for item in [*errors, *seen_again, *results]:
        notify(item)
