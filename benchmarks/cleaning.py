"""Benchmark of the text route: ``newsprism.clean.clean_text`` on whole-page plain text.

Scores on the 91 pages of ../shared/bench/extraction/dirty (word 4-gram shingle P/R/F1 against
ground-truth.json), in one run:

* whole-page text (no cleaning) and C4-style line rules (keep lines of 3+ words ending in
  terminal punctuation): the baselines;
* newsprism's hand-written rules alone (``use_model=False``);
* rules + the shipped line model: an in-sample figure, since the model was trained on these pages;
* rules + a model retrained without the page: grouped k-fold cross-validation, the honest figure
  (each page's lines are held out together), for three assignments of pages to folds and
  their mean (which pages are held out together moves the figure by about a point).

Then speed, in CPU seconds of this process (one core): lines/s and pages/s on the benchmark
pages, and articles/s on the sample corpus (../shared/corpora/idlib-2020, typical 3-5 KB
articles) repeated.

    python benchmarks/cleaning.py [--folds 5] [--cv-repeats 3] [--no-cv] [--repeat 400]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scoring import EXTRACTION, SHARED, load_gold, score_pages  # noqa: E402

IDLIB = SHARED / "corpora" / "idlib-2020"
_TERMINAL = re.compile(r"[.!?…]['\"’”»)]*$")


def c4_rules(text: str) -> str:
    """The line rules of the C4 corpus: lines of 3+ words ending in terminal punctuation,
    no "javascript"."""
    kept = [line.strip() for line in text.splitlines()
            if len(line.split()) >= 3 and _TERMINAL.search(line.strip())
            and "javascript" not in line.lower()]
    return "\n\n".join(kept)


def load_dirty() -> dict[str, str]:
    """Whole-page text of every benchmark page by page id."""
    return {path.name.removesuffix(".txt"): path.read_text(encoding="utf-8", errors="replace")
            for path in sorted((EXTRACTION / "dirty").glob("*.txt"))}


def _cpu_rate(func, items: list[str], repeat: int) -> float:
    """Items per CPU second of ``func`` over ``items`` repeated ``repeat`` times."""
    start = time.process_time()
    for _ in range(repeat):
        for item in items:
            func(item)
    seconds = time.process_time() - start
    return len(items) * repeat / seconds if seconds else float("inf")


def run(folds: int = 5, cv: bool = True, repeat: int = 400, repeats: int = 3) -> dict:
    """Score and time the cleaning; print and return the figures (``{"skipped": ...}`` without
    ../shared)."""
    if not (EXTRACTION / "ground-truth.json").exists():
        message = f"skipped: {EXTRACTION} is absent (the shared benchmark data lives in ../shared)"
        print(message)
        return {"skipped": message}

    from newsprism.clean import clean_text
    from newsprism.clean.model import default_model

    gold = load_gold()
    pages = {page: text for page, text in load_dirty().items() if page in gold}
    figures: dict = {"pages": len(pages)}

    def report(name: str, texts: dict[str, str], note: str = "") -> None:
        score = score_pages(texts, gold)
        figures[name] = {"precision": round(score.precision, 4), "recall": round(score.recall, 4),
                         "f1": round(score.f1, 4)}
        print(f"{name:34s} {score}{note}")

    report("whole-page text", pages)
    report("C4-style line rules", {p: c4_rules(t) for p, t in pages.items()})
    report("newsprism rules only", {p: clean_text(t, use_model=False).text for p, t in pages.items()})
    if default_model() is None:
        print("no shipped line model: run python -m newsprism.clean.train")
    else:
        report("newsprism rules + shipped model", {p: clean_text(t).text for p, t in pages.items()},
               "  <- in-sample (trained on these pages)")
    if cv:
        from newsprism.clean import train

        stopwords = train.english_stopwords()
        examples = train.load_examples(EXTRACTION, stopwords)
        scoring = sys.modules["_scoring"]
        start = time.perf_counter()
        scores, mean = train.repeated_cross_validation(examples, stopwords, scoring, k=folds,
                                                       repeats=repeats)
        for r, score in enumerate(scores):
            print(f"{f'rules + model, {folds}-fold CV #{r}':34s} {score}  <- held-out pages")
        figures["cv"] = {"precision": round(mean.precision, 4), "recall": round(mean.recall, 4),
                         "f1": round(mean.f1, 4), "folds": folds, "repeats": repeats,
                         "f1_each": [round(s.f1, 4) for s in scores]}
        print(f"{f'rules + model, {folds}-fold CV mean':34s} {mean}  <- grouped by page, mean of "
              f"{repeats} fold assignments ({time.perf_counter() - start:.0f}s)")

    # Speed: steady state, one core. A fixed pure-Python loop is timed too, so that figures from
    # machines of different speed (or a busy shared machine) can be compared.
    start = time.process_time()
    for _ in range(2000):
        sum(range(1000))
    reference_us = (time.process_time() - start) / 2000 * 1e6
    figures["reference_loop_us"] = round(reference_us, 2)
    print(f"reference: sum(range(1000)) takes {reference_us:.1f} us of CPU here "
          "(about 6-8 us on a current desktop core)")
    texts = list(pages.values())
    clean_text(texts[0])
    lines = sum(sum(1 for line in t.splitlines() if line.strip()) for t in texts)
    page_rate = _cpu_rate(clean_text, texts, max(1, repeat // 100))
    figures["dirty_pages_per_sec"] = round(page_rate, 1)
    figures["dirty_lines_per_sec"] = round(page_rate * lines / len(texts))
    print(f"speed on benchmark pages (avg {sum(map(len, texts)) / len(texts) / 1000:.1f} KB, "
          f"{lines / len(texts):.0f} lines): {page_rate:,.0f} pages/s, "
          f"{figures['dirty_lines_per_sec']:,} lines/s per core")
    if IDLIB.is_dir():
        articles = [p.read_text(encoding="utf-8") for p in sorted(IDLIB.glob("*.txt"))]
        rate = _cpu_rate(clean_text, articles, repeat)
        rules_rate = _cpu_rate(lambda t: clean_text(t, use_model=False), articles, repeat)
        figures["idlib_articles_per_sec"] = round(rate, 1)
        figures["idlib_articles_per_sec_rules_only"] = round(rules_rate, 1)
        size = sum(map(len, articles)) / len(articles) / 1000
        print(f"speed on sample articles (avg {size:.1f} KB) x{repeat}: {rate:,.0f} articles/s "
              f"with model, {rules_rate:,.0f} rules only, per core")
        try:  # as the pipeline calls it: with the headline and outlet the metadata module found
            from newsprism.metadata import extract_metadata
        except ImportError:
            return figures
        metas = {id(text): extract_metadata(text) for text in articles}
        with_meta = _cpu_rate(lambda t: clean_text(t, title=metas[id(t)].title,
                                                   outlet=metas[id(t)].outlet), articles, repeat)
        figures["idlib_articles_per_sec_with_metadata"] = round(with_meta, 1)
        print(f"  ... given headline and outlet: {with_meta:,.0f} articles/s per core")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--cv-repeats", type=int, default=3,
                        help="assignments of pages to folds to average the CV over")
    parser.add_argument("--repeat", type=int, default=400, help="repetitions for the speed runs")
    args = parser.parse_args()
    run(args.folds, not args.no_cv, args.repeat, args.cv_repeats)
