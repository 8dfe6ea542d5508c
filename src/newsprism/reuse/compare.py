"""Exact comparison of two articles: is this pair a copy, a near copy, or do they share passages?

The index only proposes candidate pairs from signatures; every finding is decided here, on the
exact shingle sets of both texts, so the figures in a finding are exact, not estimates.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsprism.reuse.shingles import ReuseSettings, Shingled, shingle_sets

DUPLICATE = "duplicate"
NEAR_DUPLICATE = "near_duplicate"
SHARED_PASSAGES = "shared_passages"
KINDS = (DUPLICATE, NEAR_DUPLICATE, SHARED_PASSAGES)  # strongest first


@dataclass(frozen=True)
class Passage:
    """A passage of the first article (``a``) matched with one of the second (``b``), with
    character offsets into each text and the share of the smaller passage's shingles found in
    the other."""

    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float

    def to_export(self) -> dict:
        return {"a": self.a, "b": self.b, "a_start": self.a_start, "a_end": self.a_end,
                "b_start": self.b_start, "b_end": self.b_end, "similarity": round(self.similarity, 4)}


@dataclass
class ReuseFinding:
    """Reuse between two articles (the one added first is ``articles[0]``).

    ``similarity`` is the measure that decided ``kind``: the Jaccard similarity of the two
    shingle sets for a duplicate, otherwise the containment (share of the smaller article's
    shingles found in the other). Both are also given on their own."""

    articles: tuple[str, str]
    kind: str
    similarity: float
    passages: list[Passage] = field(default_factory=list)
    jaccard: float = 0.0
    containment: float = 0.0

    def to_export(self) -> dict:
        """The finding as the export contract's ``reuse`` entry (see docs/export.md)."""
        return {"articles": list(self.articles), "kind": self.kind,
                "similarity": round(self.similarity, 4), "jaccard": round(self.jaccard, 4),
                "containment": round(self.containment, 4),
                "passages": [p.to_export() for p in self.passages]}


def compare(a_id: str, a_text: str | Shingled, b_id: str, b_text: str | Shingled,
            settings: ReuseSettings = ReuseSettings()) -> ReuseFinding | None:
    """The reuse between two articles, or ``None`` when they share nothing worth reporting.

    - duplicate: the same words in the same order (case, punctuation, whitespace and paragraph
      breaks aside), or a Jaccard similarity of shingle sets of ``duplicate_threshold`` or more
      with no paragraph of either missing from the other (``_has_lone_passage``);
    - near_duplicate: the smaller article's shingles are at least ``near_duplicate_threshold``
      contained in the other's (a trimmed, re-headlined, reordered, edited copy, or one with
      boilerplate around it);
    - shared_passages: otherwise, one or more passage pairs where the smaller passage is at least
      ``passage_threshold`` contained in the other, both of at least ``min_passage_words`` words
      and sharing at least that many words' worth of shingles.
    Either text may be given already shingled (``shingle_sets``) to save hashing it again.
    """
    a = a_text if isinstance(a_text, Shingled) else shingle_sets(a_text, settings)
    b = b_text if isinstance(b_text, Shingled) else shingle_sets(b_text, settings)
    if a.words < settings.min_passage_words or b.words < settings.min_passage_words:
        return None
    passages = matched_passages(a, b, settings)
    if a.fingerprint == b.fingerprint:
        return ReuseFinding((a_id, b_id), DUPLICATE, 1.0, passages, 1.0, 1.0)
    if not a.distinct.size or not b.distinct.size:
        return None
    shared = np.intersect1d(a.distinct, b.distinct, assume_unique=True).size
    jaccard = shared / (a.distinct.size + b.distinct.size - shared)
    containment = shared / min(a.distinct.size, b.distinct.size)
    if jaccard >= settings.duplicate_threshold and not (_has_lone_passage(a, b, settings)
                                                         or _has_lone_passage(b, a, settings)):
        kind, similarity = DUPLICATE, jaccard
    elif containment >= settings.near_duplicate_threshold:
        kind, similarity = NEAR_DUPLICATE, containment
    elif passages:
        kind, similarity = SHARED_PASSAGES, containment
    else:
        return None
    return ReuseFinding((a_id, b_id), kind, similarity, passages, jaccard, containment)


def _has_lone_passage(a: Shingled, b: Shingled, settings: ReuseSettings) -> bool:
    """Whether ``a`` has a paragraph that ``b`` lacks: a passage of ``min_passage_words`` words
    or more, less than ``passage_threshold`` of whose shingles are in ``b``, and more than
    ``shingle_words`` of them missing (one word changed breaks at most that many).

    A copy with a paragraph dropped or added is a trimmed or extended copy, a near duplicate,
    even when the paragraph is short enough for the Jaccard similarity to stay above
    ``duplicate_threshold``; a copy with a word changed here and there stays a duplicate."""
    found = np.bincount(a.passage[np.isin(a.shingles, b.distinct)], minlength=len(a.spans))
    missing = a.sizes - found
    lone = ((a.passage_words >= settings.min_passage_words) & (missing > settings.shingle_words)
            & (found < settings.passage_threshold * a.sizes))
    return bool(lone.any())


def matched_passages(a: Shingled, b: Shingled, settings: ReuseSettings) -> list[Passage]:
    """Passage pairs of ``a`` and ``b`` that pass the passage test, in ``a``'s order.

    A passage is also tried against two consecutive passages of the other article, so that text
    laid out differently (a long line cut into chunks here, paragraphs there) still matches."""
    shared, unquoted = _shared_counts(a, b)
    if not shared.any():
        return []
    min_words = settings.min_passage_words
    min_shared = min_words - settings.shingle_words + 1  # shingles of a run of min_words words
    if not settings.ignore_quotes:
        unquoted = shared
    ok_a = (a.passage_words >= min_words) & (a.sizes > 0)
    ok_b = (b.passage_words >= min_words) & (b.sizes > 0)
    # Each passage against each: containment of the smaller in the other. Two reports quoting
    # the same speaker share the quotation, not each other's text, so what they share outside
    # quotation marks must make the passage on its own.
    single = _passes(shared, unquoted, a.sizes[:, None], b.sizes[None, :], min_shared, settings)
    single &= ok_a[:, None] & ok_b[None, :]
    found = [(i, i, j, j, shared[i, j], a.sizes[i], b.sizes[j]) for i, j in zip(*np.nonzero(single))]
    # A passage of a against two consecutive passages of b, where neither alone passes.
    pair_b = _passes(shared[:, :-1] + shared[:, 1:], unquoted[:, :-1] + unquoted[:, 1:],
                     a.sizes[:, None], (b.sizes[:-1] + b.sizes[1:])[None, :], min_shared, settings)
    pair_b &= ok_a[:, None] & (ok_b[:-1] & ok_b[1:])[None, :] & ~single[:, :-1] & ~single[:, 1:]
    pair_b &= (shared[:, :-1] > 0) & (shared[:, 1:] > 0)
    found += [(i, i, j, j + 1, shared[i, j] + shared[i, j + 1], a.sizes[i], b.sizes[j] + b.sizes[j + 1])
              for i, j in zip(*np.nonzero(pair_b))]
    # And a passage of b against two consecutive passages of a.
    pair_a = _passes(shared[:-1, :] + shared[1:, :], unquoted[:-1, :] + unquoted[1:, :],
                     (a.sizes[:-1] + a.sizes[1:])[:, None], b.sizes[None, :], min_shared, settings)
    pair_a &= (ok_a[:-1] & ok_a[1:])[:, None] & ok_b[None, :] & ~single[:-1, :] & ~single[1:, :]
    pair_a &= (shared[:-1, :] > 0) & (shared[1:, :] > 0)
    found += [(i, i + 1, j, j, shared[i, j] + shared[i + 1, j], a.sizes[i] + a.sizes[i + 1], b.sizes[j])
              for i, j in zip(*np.nonzero(pair_a))]
    passages = []
    for i0, i1, j0, j1, count, size_a, size_b in sorted(found):
        a_start, a_end = a.spans[i0][0], a.spans[i1][1]
        b_start, b_end = b.spans[j0][0], b.spans[j1][1]
        passages.append(Passage(a.text[a_start:a_end], b.text[b_start:b_end], a_start, a_end, b_start, b_end,
                                float(count) / float(min(size_a, size_b))))
    return passages


def _passes(shared: np.ndarray, unquoted: np.ndarray, size_a: np.ndarray, size_b: np.ndarray,
            min_shared: int, settings: ReuseSettings) -> np.ndarray:
    smaller = np.maximum(np.minimum(size_a, size_b), 1)
    return (shared >= min_shared) & (unquoted >= min_shared) & (shared >= settings.passage_threshold * smaller)


def _shared_counts(a: Shingled, b: Shingled) -> tuple[np.ndarray, np.ndarray]:
    """``(shared, unquoted)``: matrices of how many shingles each passage of ``a`` shares with
    each passage of ``b``, in all and outside quotations (in both)."""
    shape = (len(a.spans), len(b.spans))
    if not a.shingles.size or not b.shingles.size:
        return np.zeros(shape, dtype=np.int64), np.zeros(shape, dtype=np.int64)
    order = np.argsort(b.shingles, kind="stable")
    b_sorted = b.shingles[order]
    low = np.searchsorted(b_sorted, a.shingles, "left")
    count = np.searchsorted(b_sorted, a.shingles, "right") - low
    # Every (entry of a, entry of b) with the same shingle: usually one b entry per a entry.
    in_a = np.repeat(np.arange(a.shingles.size), count)
    offset = np.arange(in_a.size) - np.repeat(np.cumsum(count) - count, count)
    in_b = order[low[in_a] + offset]
    cell = a.passage[in_a] * shape[1] + b.passage[in_b]
    outside = ~(a.quoted[in_a] | b.quoted[in_b])
    size = shape[0] * shape[1]
    shared = np.bincount(cell, minlength=size).reshape(shape)
    unquoted = np.bincount(cell[outside], minlength=size).reshape(shape)
    return shared, unquoted
