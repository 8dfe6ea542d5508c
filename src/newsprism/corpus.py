"""Corpus analysis over the archive: copies and reused passages, and stories.

Both stages are incremental. Reuse detection keeps each article's MinHash sketch in the archive,
so a later run checks only the new articles against the stored sketches. Story clustering keeps
the clusterer's state per granularity, so new articles join the stories already there (or start
new ones) without re-clustering what was stored before.
"""
from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass

from newsprism.archive import Archive
from newsprism.reuse import ArticleSketch, ReuseDetector
from newsprism.stories import GRANULARITIES, StoryClusterer, StoryInput


@dataclass
class ReuseRun:
    """What one reuse run did: articles checked and the findings among them."""

    checked: int
    findings: list[dict]


def detect_reuse(archive: Archive, *, workers: int = 1) -> ReuseRun:
    """Check the articles not yet checked against every article checked before; store the
    sketches and findings. Returns the new findings as export entries."""
    new = list(archive.articles_without_sketch())
    if not new:
        return ReuseRun(0, [])
    detector = ReuseDetector(keep_texts=False, text_of=lambda i: archive.texts([i]).get(i))
    settings = detector.settings
    detector.restore((i, ArticleSketch.from_bytes(blob, settings)) for i, blob in archive.reuse_sketches())
    findings = detector.add_many([(a.id, a.text) for a in new], workers=workers)
    sketches = [(a.id, detector.sketch(a.id).to_bytes(settings)) for a in new]
    entries = [f.to_export() for f in findings]
    archive.store_reuse(sketches, entries)
    return ReuseRun(len(new), entries)


def cluster_stories(archive: Archive, granularity: str = "story", threshold: float | None = None) -> list[dict]:
    """Cluster the articles not yet in a story at ``granularity`` into the stored stories (or new
    ones). A ``threshold`` other than the stored clusterer's starts that granularity afresh.
    Returns every story at this granularity as export entries."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"unknown granularity {granularity!r}: use one of {', '.join(GRANULARITIES)}")
    saved = archive.state(f"stories:{granularity}")
    try:
        clusterer = StoryClusterer.load(io.BytesIO(saved)) if saved else None
    except ValueError:  # a state saved by an older clusterer: start this granularity afresh
        clusterer, saved = None, b"stale"
    replace = bool(saved) and (clusterer is None or (threshold is not None and clusterer.threshold != threshold))
    if clusterer is None or replace:
        clusterer = StoryClusterer(granularity=granularity, threshold=threshold)
    new = list(archive.articles()) if replace else archive.articles_without_story(granularity)
    if new or replace:
        clusterer.partial_fit([StoryInput.from_article(a) for a in new])
        # Memberships come from the stories themselves, not from partial_fit's labels: a later
        # batch may merge stories it bridges, which moves earlier articles with them.
        entries = [_entry(granularity, s.to_export()) for s in clusterer.stories]
        members = {a: e["id"] for e in entries for a in e["articles"]}
        archive.store_stories(granularity, entries, members, _state_bytes(clusterer), replace=True)
    return archive.stories(granularity)


def story_id(granularity: str, label: str) -> str:
    """A story id unique across granularities: ``story-s3``, ``event-s12``."""
    return f"{granularity}-{label}"


def _entry(granularity: str, entry: dict) -> dict:
    return entry | {"id": story_id(granularity, entry["id"]), "granularity": granularity}


def _state_bytes(clusterer: StoryClusterer) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".npz") as spool:
        clusterer.save(spool.name)
        return spool.read()
