"""The learned line classifier: a logistic regression stored as JSON, run with numpy.

Each line the rules left alone is scored from its features (``features.py``): its own form, its
neighbours' (up to three lines either side, and window means), and where it sits relative to
the page's blocks of prose and its rule-marked furniture. The context features do the smoothing
along the page that a second-stage model would otherwise do (a second stage over the
neighbours' scores was tried and added nothing in cross-validation).

Losing a body paragraph costs more than keeping a stray line, so ``decide`` leans to keeping:
lines that read as prose get a lower bar than the rest; the standfirst under the headline and a
short line between two kept paragraphs (a subheading) are kept; and if the model would drop
most of the page's longest run of paragraphs, that run is kept after all.

The model file holds only coefficients, feature names, a general English stop-word list and the
two thresholds; ``python -m newsprism.clean.train`` writes it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.clean.features import FEATURE_NAMES, page_features
from newsprism.clean.page import Page
from newsprism.clean.rules import LineInfo, is_sentence_like

MODEL_PATH = Path(__file__).with_name("line_model.json")
FORMAT = "newsprism line model 2"


@dataclass
class Linear:
    """A standardised logistic regression: ``sigmoid(((x - mean) / scale) @ coef + intercept)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    _w: np.ndarray = field(init=False, repr=False)
    _b: float = field(init=False, repr=False)

    def __post_init__(self):
        # Folding the standardisation into the weights keeps inference to one product.
        self._w = self.coef / self.scale
        self._b = self.intercept - float(self.mean @ self._w)

    @classmethod
    def from_dict(cls, d: dict) -> "Linear":
        return cls(np.asarray(d["mean"]), np.asarray(d["scale"]), np.asarray(d["coef"]),
                   float(d["intercept"]))

    def to_dict(self) -> dict:
        return {"mean": _rounded(self.mean), "scale": _rounded(self.scale),
                "coef": _rounded(self.coef), "intercept": round(float(self.intercept), 6)}

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(class 1) for each row of ``x``."""
        z = x @ self._w + self._b
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def _rounded(a: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in a]


@dataclass
class LineModel:
    """The shipped classifier: the regression, its thresholds, and the stop words it reads."""

    linear: Linear
    threshold: float  # keep a line when P(body) >= threshold ...
    prose_threshold: float  # ... or this lower bar for lines that read as prose
    stopwords: frozenset[str]
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict) -> "LineModel":
        if d.get("format") != FORMAT or d.get("features") != FEATURE_NAMES:
            raise ValueError("the line model was trained for other features; retrain it with "
                             "python -m newsprism.clean.train")
        return cls(Linear.from_dict(d["weights"]), float(d["threshold"]),
                   float(d["prose_threshold"]), frozenset(d["stopwords"]), d.get("meta", {}))

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "features": FEATURE_NAMES,
            "weights": self.linear.to_dict(),
            "threshold": self.threshold,
            "prose_threshold": self.prose_threshold,
            "stopwords": sorted(self.stopwords),
            "meta": self.meta,
        }

    def features(self, page: Page, reasons: list[str | None]) -> np.ndarray:
        """The feature matrix of ``page`` given the rules' verdicts."""
        return page_features(page, reasons, self.stopwords)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(body) of each line."""
        return self.linear.probabilities(x)

    def apply(self, page: Page, reasons: list[str | None]) -> list[str | None]:
        """``reasons`` with a reason added for every line the model judges to be furniture."""
        if not len(page) or all(r is not None for r in reasons):
            return reasons
        proba = self.probabilities(self.features(page, reasons))
        return decide(page, reasons, proba, self.threshold, self.prose_threshold)


def decide(page: Page, reasons: list[str | None], proba: np.ndarray, threshold: float,
           prose_threshold: float) -> list[str | None]:
    """Turn P(body) into removal reasons for the lines the rules left alone: "page header"
    before the first kept line, "page footer" after the last, "boilerplate inside the page"
    between them."""
    out = list(reasons)
    infos = page.infos
    kept = [i for i, r in enumerate(reasons) if r is None]
    if not kept:
        return out
    p = proba.tolist()
    prose = [_reads_as_prose(info) for info in infos]
    standfirst = find_standfirst(infos, reasons, prose)
    keep_line = {i: p[i] >= (prose_threshold if prose[i] else threshold) or i == standfirst
                 or attributed_quotation(infos[i].text) for i in kept}
    # A short line right between two kept paragraphs is an in-body subheading.
    for i in kept:
        if not keep_line[i] and 0 < i < len(infos) - 1 and infos[i].words <= 15 \
                and prose[i - 1] and prose[i + 1] and keep_line.get(i - 1) and keep_line.get(i + 1):
            keep_line[i] = True
    _keep_main_block(infos, [prose[i] and reasons[i] is None for i in range(len(infos))],
                     keep_line)
    keep = [keep_line[i] for i in kept]
    kept_lines = [i for i, k in zip(kept, keep) if k]
    first_keep = kept_lines[0] if kept_lines else len(infos)
    last_keep = kept_lines[-1] if kept_lines else -1
    for i, k in zip(kept, keep):
        if k:
            continue
        if i < first_keep:
            out[i] = "page header"
        elif i > last_keep:
            out[i] = "page footer"
        else:
            out[i] = "boilerplate inside the page"
    return out


def _keep_main_block(infos: list[LineInfo], prose: list[bool], keep_line: dict[int, bool]) -> None:
    """A safety net: when the model would keep less text in all than half the longest run of
    prose paragraphs on the page (the article, almost always), keep that run after all. An
    empty or gutted article is the worst outcome of cleaning; a few stray lines are not.

    ``prose[i]`` tells whether line i reads as prose and no rule removed it; a run may skip
    over up to two other lines (a subheading, a caption) between its paragraphs."""
    best: list[int] = []
    best_words = words = 0
    run: list[int] = []
    for i, is_prose in enumerate(prose):
        if not is_prose:
            continue
        if run and i - run[-1] > 3:
            run, words = [], 0
        run.append(i)
        words += infos[i].words
        if words > best_words:
            best, best_words = run[:], words
    kept = sum(infos[i].words for i, keep in keep_line.items() if keep)
    if kept < 0.5 * best_words:
        for i in best:
            keep_line[i] = True
    elif not kept:  # a short text with no paragraph of prose: keep its sentences
        for i in keep_line:
            keep_line[i] = infos[i].ends


def find_standfirst(infos: list[LineInfo], reasons: list[str | None],
                    prose: list[bool] | None = None) -> int:
    """The index of the standfirst (the summary sentence between headline and article), or -1.

    ``prose[i]`` (computed if not given) tells whether line i reads as prose. The standfirst
    is the last line the rules left before the first paragraph of prose, written as a
    sentence, and directly under the headline (a line the rules marked as headline, or a
    title-like line). It is kept whatever the model says: the gold bodies the model learnt
    from often leave standfirsts out, but they belong to the article.
    """
    n = len(infos)
    if prose is None:
        prose = [_reads_as_prose(info) for info in infos]
    first_prose = next((i for i in range(n) if reasons[i] is None and prose[i]), n)
    cand = next((i for i in range(first_prose - 1, -1, -1) if reasons[i] is None), -1)
    if cand < 0 or cand > max(12, n // 3) or not is_sentence_like(infos[cand], 8) \
            or infos[cand].text.endswith(":"):
        return -1
    prev = next((i for i in range(cand - 1, -1, -1)
                 if reasons[i] in (None, "headline", "repeated headline")), -1)
    if prev < 0:
        return -1
    if reasons[prev] is None and not _headline_like(infos[prev]):
        return -1
    return cand


def _headline_like(info: LineInfo) -> bool:
    # headlines are short and unpunctuated, in title case or (wires, AA) sentence case
    return 3 <= info.words <= 20 and not info.ends


# A paragraph that is a quotation followed by a short attribution ('"...," the mayor warned.').
# Short ones look like furniture to the model (few words, often last on the page), but a quote is
# article text by definition; a teaser headline built on a quote does not end in a full stop.
_ATTRIBUTED_QUOTATION = re.compile(
    r"""^["“„«‘'].{15,}?[,.?!…]["”»’']\s+(?:[\w.'’-]+\s+){0,5}[a-z][\w'’-]+\.$""")


def attributed_quotation(line: str) -> bool:
    """Whether a line is a quotation with its speaker after it: '"We stay," she said.'"""
    return _ATTRIBUTED_QUOTATION.match(line) is not None


def _reads_as_prose(info: LineInfo) -> bool:
    return is_sentence_like(info, 15) and info.ends


@lru_cache(maxsize=1)
def default_model() -> LineModel | None:
    """The shipped model, loaded once; ``None`` if the model file is missing."""
    if not MODEL_PATH.exists():
        return None
    return LineModel.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
