"""Scoring shared by the benchmarks: word 4-gram shingle precision and recall.

This is the measure of the Scrapinghub article-extraction benchmark: each text becomes the set of
its lower-cased word 4-grams; precision and recall are computed per page, averaged over pages, and
F1 is taken of the two averages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXTRACTION = SHARED / "bench" / "extraction"

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    """Return the set of lower-cased word ``size``-grams of ``text`` (one n-gram if shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    """Shingle precision and recall of one page; both 1.0 when both texts are empty."""
    pred, true = shingles(predicted), shingles(gold)
    if not pred and not true:
        return 1.0, 1.0
    if not pred or not true:
        return 0.0, 0.0
    common = len(pred & true)
    return common / len(pred), common / len(true)


@dataclass
class Score:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} (pages={self.pages})"


def score_pages(predicted: dict[str, str], gold: dict[str, str]) -> Score:
    """Average per-page precision and recall over the pages of ``gold``; missing pages score 0."""
    pairs = [precision_recall(predicted.get(page, ""), body) for page, body in gold.items()]
    n = len(pairs) or 1
    return Score(sum(p for p, _ in pairs) / n, sum(r for _, r in pairs) / n, len(pairs))


def load_gold() -> dict[str, str]:
    """Gold article bodies by page id from ../shared/bench/extraction/ground-truth.json."""
    import json

    data = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    return {page: entry["articleBody"] for page, entry in data.items()}
