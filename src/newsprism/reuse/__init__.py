"""Reuse detection: copies and reused passages across the archive.

Three kinds of finding, each pair of articles reported once, in the strongest kind that holds:

- ``duplicate``: the same words in the same order (case, punctuation, quotes, whitespace and
  paragraph breaks aside), or a Jaccard similarity of word-shingle sets of 0.9 or more where
  neither article has a paragraph (8 words or more) that the other lacks: words changed here
  and there, not a paragraph dropped or added;
- ``near_duplicate``: the smaller article is mostly contained in the other (containment of its
  shingles >= 0.55): a trimmed, re-headlined, reordered or edited copy, or one with boilerplate
  around it. Containment rather than Jaccard because a trimmed copy is contained in its original
  whatever share of it was kept;
- ``shared_passages``: otherwise different articles sharing one or more passages: paragraphs of
  8 words or more, the smaller at least 45% contained in the other, sharing 8 words or more
  outside quotation marks (two outlets quoting one speaker is not reuse); each pair listed.

Shingles are runs of 5 words within a paragraph. Thresholds were chosen on the dev half of
benchmarks/reuse.py (copies built from real articles), never on the sample corpus.

Candidates come from one-permutation MinHash LSH over whole articles and over each passage
(``shingles``, ``bands``); each is decided exactly on both texts (``compare``). Use
``ReuseDetector`` to add articles incrementally, or ``find_reuse`` for a one-off list.
"""
from newsprism.reuse.compare import (DUPLICATE, KINDS, NEAR_DUPLICATE, SHARED_PASSAGES, Passage,
                                     ReuseFinding, compare)
from newsprism.reuse.detector import ArticleSketch, ReuseDetector, find_reuse
from newsprism.reuse.shingles import ReuseSettings, passage_spans, shingle_sets, sketch_texts

__all__ = ["DUPLICATE", "NEAR_DUPLICATE", "SHARED_PASSAGES", "KINDS", "ArticleSketch", "Passage",
           "ReuseDetector", "ReuseFinding", "ReuseSettings", "compare", "find_reuse", "passage_spans",
           "shingle_sets", "sketch_texts"]
