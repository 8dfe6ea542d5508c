"""Train the line classifier from the extraction benchmark and report cross-validated figures.

    python -m newsprism.clean.train [--data ../shared/bench/extraction] [--out <model.json>]

Line labels come from the gold article bodies: a line is "body" when most of its word 4-grams
occur in the gold body (short lines are judged by the 4-grams that join them to their
neighbours). Lines the hand-written rules remove are not trained on. Figures are grouped by page:
every page's lines are held out together, so the model never sees the site it is scored on, and
the two thresholds are chosen inside the training folds only.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprism.clean import clean_page
from newsprism.clean.model import MODEL_PATH, Linear, LineModel, decide
from newsprism.clean.page import Page, split_page
from newsprism.clean.rules import page_reasons

PROJECT = Path(__file__).resolve().parents[3]
DEFAULT_DATA = PROJECT.parent / "shared" / "bench" / "extraction"
_WORD = re.compile(r"\w+", re.UNICODE)


def load_scoring():
    """The benchmark's scoring module (``benchmarks/_scoring.py``), so figures match exactly."""
    path = PROJECT / "benchmarks" / "_scoring.py"
    spec = importlib.util.spec_from_file_location("_scoring", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["_scoring"] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Example:
    """One benchmark page ready for training: lines, rule verdicts, features, labels."""

    page_id: str
    page: Page
    reasons: list[str | None]
    x: np.ndarray
    y: np.ndarray  # 1 = body
    weight: np.ndarray
    gold: str


def line_labels(texts: list[str], gold: str) -> np.ndarray:
    """The share of each line's word 4-grams found in ``gold`` (joining 4-grams for short lines)."""
    g = _WORD.findall(gold.lower())
    grams = {tuple(g[i: i + 4]) for i in range(len(g) - 3)}
    gold_str = " " + " ".join(g) + " "
    toks = [_WORD.findall(t.lower()) for t in texts]
    out = np.zeros(len(texts))
    for i, ws in enumerate(toks):
        if not ws:
            continue
        if len(ws) >= 4:
            own = [tuple(ws[j: j + 4]) for j in range(len(ws) - 3)]
            out[i] = sum(s in grams for s in own) / len(own)
            continue
        prev: list[str] = []
        j = i - 1
        while j >= 0 and len(prev) < 3:
            prev = toks[j] + prev
            j -= 1
        nxt: list[str] = []
        j = i + 1
        while j < len(toks) and len(nxt) < 3:
            nxt = nxt + toks[j]
            j += 1
        prev, nxt = prev[-3:], nxt[:3]
        seq = prev + ws + nxt
        a, b = len(prev), len(prev) + len(ws)
        joins = [tuple(seq[j: j + 4]) for j in range(len(seq) - 3) if j < b and j + 4 > a]
        if joins:
            out[i] = sum(s in grams for s in joins) / len(joins)
        else:
            out[i] = 1.0 if " " + " ".join(ws) + " " in gold_str else 0.0
    return out


def load_examples(data: Path, stopwords: frozenset[str], weight_power: float = 0.5) -> list[Example]:
    """Every page of ``data``/dirty with its gold body from ``data``/ground-truth.json."""
    from newsprism.clean.features import page_features

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    examples = []
    for page_id in sorted(truth):
        path = data / "dirty" / f"{page_id}.txt"
        if not path.exists():
            continue
        gold = truth[page_id]["articleBody"]
        page = split_page(path.read_text(encoding="utf-8", errors="replace"))
        reasons = page_reasons(page.infos)
        x = page_features(page, reasons, stopwords)
        y = (line_labels(page.texts, gold) >= 0.5).astype(float)
        words = np.array([i.words for i in page.infos], dtype=float)
        weight = np.maximum(words, 1.0) ** weight_power
        examples.append(Example(page_id, page, reasons, x, y, weight, gold))
    return examples


# --- fitting -------------------------------------------------------------------------------------


def fit_linear(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> Linear:
    """An L2 logistic regression on standardised features (scikit-learn), as a ``Linear``."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit((x - mean) / scale, y, sample_weight=w)
    return Linear(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def _trainable(ex: Example) -> np.ndarray:
    return np.array([r is None for r in ex.reasons])


def _stack(examples: list[Example], xs: list[np.ndarray]):
    rows = [_trainable(ex) for ex in examples]
    x = np.vstack([xi[m] for xi, m in zip(xs, rows)])
    y = np.concatenate([ex.y[m] for ex, m in zip(examples, rows)])
    w = np.concatenate([ex.weight[m] for ex, m in zip(examples, rows)])
    return x, y, w


def _folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def _oof_probabilities(examples, c, k, seed) -> list[np.ndarray]:
    """Out-of-fold P(body) of every page's lines (grouped by page)."""
    out: list[np.ndarray | None] = [None] * len(examples)
    for fold in _folds(len(examples), k, seed):
        held = set(fold.tolist())
        train = [ex for i, ex in enumerate(examples) if i not in held]
        linear = fit_linear(*_stack(train, [ex.x for ex in train]), c)
        for i in fold:
            out[i] = linear.probabilities(examples[i].x)
    return out  # type: ignore[return-value]


GRID_THRESHOLD = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
GRID_PROSE = (0.05, 0.1, 0.15, 0.2, 0.3)


class QuickScore:
    """Shingle precision/recall of many candidate cleanings of the same pages, fast.

    Same definition as ``benchmarks/_scoring.py`` (lower-cased ``\\w+`` words, 4-gram sets, per
    page then averaged), with each line's words and each gold body's shingles computed once.
    """

    def __init__(self, examples: list[Example]):
        self.words = [[_WORD.findall(i.text.lower()) for i in ex.page.infos] for ex in examples]
        gold_words = [_WORD.findall(ex.gold.lower()) for ex in examples]
        self.gold = [self._grams(g) for g in gold_words]

    @staticmethod
    def _grams(ws: list[str]) -> set:
        if len(ws) < 4:
            return {tuple(ws)} if ws else set()
        return set(zip(ws, ws[1:], ws[2:], ws[3:]))

    def score(self, kept: list[list[bool]]) -> tuple[float, float, float]:
        """Averaged precision, recall and their F1 when only the ``kept`` lines stay."""
        tp = tr = 0.0
        for mask, words, gold in zip(kept, self.words, self.gold):
            pred = self._grams([w for keep, line in zip(mask, words) if keep for w in line])
            if not pred and not gold:
                p = r = 1.0
            elif not pred or not gold:
                p = r = 0.0
            else:
                common = len(pred & gold)
                p, r = common / len(pred), common / len(gold)
            tp += p
            tr += r
        n = len(kept) or 1
        p, r = tp / n, tr / n
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose_thresholds(examples, probas, min_recall: float = 0.92):
    """The (threshold, prose threshold) pair with the best F1 among those keeping recall high."""
    quick = QuickScore(examples)
    best = None
    for t in GRID_THRESHOLD:
        for pt in GRID_PROSE:
            if pt > t:
                continue
            kept = [[r is None for r in decide(ex.page, ex.reasons, p, t, pt)]
                    for ex, p in zip(examples, probas)]
            prec, rec, f1 = quick.score(kept)
            key = (rec >= min_recall, f1 if rec >= min_recall else rec)
            if best is None or key > best[0]:
                best = (key, t, pt, (prec, rec, f1))
    return best[1], best[2], best[3]


def fit_model(examples, stopwords, c=0.1, threshold=0.5, prose_threshold=0.3, tune=False,
              inner_k=4, seed=0, verbose=False) -> LineModel:
    """Fit the regression on ``examples``. The thresholds are fixed (0.5, the regression's own
    decision boundary, and a lower bar for prose, since losing a paragraph costs more than
    keeping a stray line) unless ``tune``: then they are chosen on inner out-of-fold
    predictions, never on the lines they will be judged on."""
    if tune:
        oof = _oof_probabilities(examples, c, inner_k, seed)
        threshold, prose_threshold, (p, r, f) = choose_thresholds(examples, oof)
        if verbose:
            print(f"  thresholds {threshold:.2f} / prose {prose_threshold:.2f} chosen on inner "
                  f"{inner_k}-fold CV: P={p:.3f} R={r:.3f} F1={f:.3f}")
    linear = fit_linear(*_stack(examples, [ex.x for ex in examples]), c)
    return LineModel(linear, threshold, prose_threshold, stopwords, {"c": c})


def cross_validate(examples, stopwords, scoring, k=5, seed=0, **kw):
    """Grouped k-fold: each page's text as cleaned by a model that never saw that page.

    Returns the benchmark's ``Score`` (shingle precision/recall averaged over pages)."""
    pred: dict[str, str] = {}
    for fold in _folds(len(examples), k, seed + 100):
        held = set(fold.tolist())
        train = [ex for i, ex in enumerate(examples) if i not in held]
        model = fit_model(train, stopwords, seed=seed, **kw)
        for i in fold:
            ex = examples[i]
            pred[ex.page_id] = clean_page(ex.page, title=None, outlet=None, model=model).text
    return scoring.score_pages(pred, {ex.page_id: ex.gold for ex in examples})


def repeated_cross_validation(examples, stopwords, scoring, k=5, repeats=3, seed=0, **kw):
    """``cross_validate`` over ``repeats`` different assignments of pages to folds (which pages
    are held out together moves the figure by about a point), and their mean as a ``Score``."""
    scores = [cross_validate(examples, stopwords, scoring, k=k, seed=seed + r, **kw)
              for r in range(repeats)]
    mean = scoring.Score(sum(s.precision for s in scores) / len(scores),
                         sum(s.recall for s in scores) / len(scores), scores[0].pages)
    return scores, mean


def english_stopwords() -> frozenset[str]:
    """A general English stop-word list (scikit-learn's), stored with the model."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3, help="fold assignments to average over")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--c", type=float, default=0.1, help="inverse L2 regularisation strength")
    ap.add_argument("--threshold", type=float, default=0.5, help="keep a line when P(body) >= this")
    ap.add_argument("--prose-threshold", type=float, default=0.3,
                    help="the (lower) bar for lines that read as prose")
    ap.add_argument("--tune", action="store_true",
                    help="choose both thresholds on inner cross-validation instead")
    ap.add_argument("--no-cv", action="store_true", help="fit and write the model only")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    scoring = load_scoring()
    stopwords = english_stopwords()
    t0 = time.perf_counter()
    examples = load_examples(args.data, stopwords)
    lines = sum(len(ex.page) for ex in examples)
    print(f"{len(examples)} pages, {lines} lines ({time.perf_counter() - t0:.1f}s to featurise)")
    kw = {"c": args.c, "threshold": args.threshold, "prose_threshold": args.prose_threshold,
          "tune": args.tune}
    if not args.no_cv:
        scores, mean = repeated_cross_validation(examples, stopwords, scoring, k=args.folds,
                                                 repeats=args.repeats, seed=args.seed, **kw)
        for r, score in enumerate(scores):
            print(f"grouped {args.folds}-fold CV, fold assignment {args.seed + r}: {score}")
        print(f"grouped {args.folds}-fold CV, mean of {len(scores)}: {mean}")
    model = fit_model(examples, stopwords, seed=args.seed, verbose=True, **kw)
    model.meta.update({"pages": len(examples), "lines": lines})
    args.out.write_text(json.dumps(model.to_dict(), indent=0) + "\n", encoding="utf-8")
    pred = {ex.page_id: clean_page(ex.page, title=None, outlet=None, model=model).text
            for ex in examples}
    ins = scoring.score_pages(pred, {ex.page_id: ex.gold for ex in examples})
    print(f"shipped model, in-sample: {ins}")
    print(f"wrote {args.out} (thresholds {model.threshold:.2f} / prose {model.prose_threshold:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
