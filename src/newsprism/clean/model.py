"""The learned line classifier: two stacked logistic regressions stored as JSON, run with numpy.

Stage 1 scores every line from its features (``features.py``). Stage 2 re-scores it from the same
features plus its neighbours' stage-1 scores, which smooths the decision along the page (a lone
"body" line inside a menu, or a subheading inside the article). Lines the rules already removed
are not re-judged. Lines that read as prose get a lower bar than the rest, because losing a body
paragraph costs more than keeping a stray line.

The model file holds only coefficients, feature names, a general English stop-word list and the
thresholds; ``python -m newsprism.clean.train`` writes it.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.clean.features import FEATURE_NAMES, page_features
from newsprism.clean.page import Page
from newsprism.clean.rules import is_sentence_like

MODEL_PATH = Path(__file__).with_name("line_model.json")

_CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)
STAGE2_EXTRA = (
    [f"p1@{k:+d}" for k in _CONTEXT_OFFSETS]
    + ["p1", "p1~2", "p1~5", "p1_max_before", "p1_max_after", "p1_min_around"]
)


@dataclass
class Linear:
    """A standardised logistic regression: ``sigmoid(((x - mean) / scale) @ coef + intercept)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_dict(cls, d: dict) -> "Linear":
        return cls(np.asarray(d["mean"]), np.asarray(d["scale"]), np.asarray(d["coef"]),
                   float(d["intercept"]))

    def to_dict(self) -> dict:
        return {"mean": _rounded(self.mean), "scale": _rounded(self.scale),
                "coef": _rounded(self.coef), "intercept": round(float(self.intercept), 6)}

    def logit(self, x: np.ndarray) -> np.ndarray:
        """The decision value of each row of ``x``."""
        # Folding the standardisation into the weights keeps inference to one product.
        w = self.coef / self.scale
        return x @ w + (self.intercept - float(self.mean @ w))


def _rounded(a: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in a]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def _shift(col: np.ndarray, k: int, fill: float) -> np.ndarray:
    out = np.full_like(col, fill)
    if k > 0:
        out[:-k] = col[k:]
    elif k < 0:
        out[-k:] = col[:k]
    return out


def _window_mean(col: np.ndarray, w: int) -> np.ndarray:
    c = np.concatenate(([0.0], np.cumsum(col)))
    n = len(col)
    idx = np.arange(n)
    lo = np.maximum(idx - w, 0)
    hi = np.minimum(idx + w + 1, n)
    return (c[hi] - c[lo]) / (hi - lo)


def stage2_features(x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Stage-1 features plus the neighbours' stage-1 probabilities (see ``STAGE2_EXTRA``)."""
    shifted = [_shift(p1, k, 0.0) for k in _CONTEXT_OFFSETS]
    before = np.maximum.reduce(shifted[:3])
    after = np.maximum.reduce(shifted[3:])
    around = np.minimum(np.maximum(shifted[2], shifted[3]), p1)
    extra = np.column_stack(
        shifted + [p1, _window_mean(p1, 2), _window_mean(p1, 5), before, after, around]
    )
    return np.hstack([x, extra])


@dataclass
class LineModel:
    """The shipped classifier: two stages, thresholds, and the stop-word list features use."""

    stage1: Linear
    stage2: Linear
    threshold: float  # keep a line when P(body) >= threshold ...
    prose_threshold: float  # ... or this lower bar for lines that read as prose
    stopwords: frozenset[str]
    meta: dict

    @classmethod
    def from_dict(cls, d: dict) -> "LineModel":
        if d.get("features") != FEATURE_NAMES:
            raise ValueError("line model was trained on other features; retrain it with "
                             "python -m newsprism.clean.train")
        return cls(Linear.from_dict(d["stage1"]), Linear.from_dict(d["stage2"]),
                   float(d["threshold"]), float(d["prose_threshold"]),
                   frozenset(d["stopwords"]), d.get("meta", {}))

    def to_dict(self) -> dict:
        return {
            "format": "newsprism line model 1",
            "features": FEATURE_NAMES,
            "stage2_extra": STAGE2_EXTRA,
            "stage1": self.stage1.to_dict(),
            "stage2": self.stage2.to_dict(),
            "threshold": self.threshold,
            "prose_threshold": self.prose_threshold,
            "stopwords": sorted(self.stopwords),
            "meta": self.meta,
        }

    def features(self, page: Page, reasons: list[str | None]) -> np.ndarray:
        """The stage-1 feature matrix of ``page`` given the rules' verdicts."""
        return page_features(page, [r is not None for r in reasons], self.stopwords)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(body) of each line after both stages."""
        p1 = _sigmoid(self.stage1.logit(x))
        return _sigmoid(self.stage2.logit(stage2_features(x, p1)))

    def apply(self, page: Page, reasons: list[str | None], *, title: str | None = None
              ) -> list[str | None]:
        """``reasons`` with a reason added for every line the model judges to be furniture."""
        n = len(page)
        if n == 0:
            return reasons
        proba = self.probabilities(self.features(page, reasons))
        return decide(page, reasons, proba, self.threshold, self.prose_threshold, title=title)


def decide(page: Page, reasons: list[str | None], proba: np.ndarray, threshold: float,
           prose_threshold: float, *, title: str | None = None) -> list[str | None]:
    """Turn P(body) into removal reasons for the lines the rules left alone."""
    out = list(reasons)
    infos = page.infos
    n = len(infos)
    kept = [i for i in range(n) if reasons[i] is None]
    if not kept:
        return out
    # A standfirst right under a known headline is part of the article whatever the model says.
    standfirst = -1
    if title:
        head = next((i for i in range(n) if reasons[i] in ("headline",)), -1)
        if head >= 0:
            standfirst = next((i for i in range(head + 1, n) if reasons[i] is None), -1)
            if standfirst >= 0 and not is_sentence_like(infos[standfirst], 8):
                standfirst = -1
    first_keep = last_keep = -1
    for i in kept:
        bar = prose_threshold if _reads_as_prose(infos[i]) else threshold
        if proba[i] >= bar or i == standfirst:
            if first_keep < 0:
                first_keep = i
            last_keep = i
    for i in kept:
        bar = prose_threshold if _reads_as_prose(infos[i]) else threshold
        if proba[i] >= bar or i == standfirst:
            continue
        if first_keep < 0 or i < first_keep:
            out[i] = "page header"
        elif i > last_keep:
            out[i] = "page footer"
        else:
            out[i] = "boilerplate inside the page"
    return out


def _reads_as_prose(info) -> bool:
    return is_sentence_like(info, 15) and info.text[-1:] in ".!?\"”’'»)…"


@lru_cache(maxsize=1)
def default_model() -> LineModel | None:
    """The shipped model, loaded once; ``None`` if the model file is missing."""
    if not MODEL_PATH.exists():
        return None
    return LineModel.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
