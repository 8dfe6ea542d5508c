"""Quote models trained on part of PolNeAR train and scored on the rest: the figure to tune by.

    python benchmarks/quotes_heldout.py [--fit 600] [--no-train]

The dev split is what ``benchmarks/quotes.py`` reports, so choices (a rule, a feature, a
threshold) are made here instead: the three quote models (tail, end ranker, filter) are fitted on
the first ``--fit`` training articles by ``newsprism.quotes.train.train_all`` into a temporary
file, and the extractor, reading that file, is scored on the remaining training articles with
the benchmark's own scorer (SPEECH subset: overlap P/R/F1, exact F1, speaker accuracy). The
shipped models are not touched. ``--no-train`` scores the shipped models on the same articles
(in-sample for them: they were fitted on all of train).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fit", type=int, default=600, help="training articles the models are fitted on")
    ap.add_argument("--no-train", action="store_true", help="score the shipped models instead")
    args = ap.parse_args(argv)

    from newsprism.quotes.attribution import extract
    from newsprism.quotes.component import load_pipeline
    from newsprism.quotes.fast import annotate, fast_pipeline
    from newsprism.quotes.filter import WEIGHTS, weights_from
    from newsprism.quotes.train import benchmark_module, train_all

    bench = benchmark_module()
    articles = bench.load("train")
    bench.mark_speech(articles, load_pipeline())
    nlp = fast_pipeline()
    t0 = time.perf_counter()
    docs = [annotate(a.text, nlp) for a in articles]
    print(f"{len(articles)} training articles annotated in {time.perf_counter() - t0:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:
        models = WEIGHTS if args.no_train else Path(tmp) / "models.json"
        if not args.no_train:
            train_all(articles[:args.fit], docs[:args.fit], bench, models)
        tallies = {"ALL": bench.Tally(), "SPEECH": bench.Tally()}
        with weights_from(models):
            for article, doc in zip(articles[args.fit:], docs[args.fit:]):
                quotes = extract(doc, None, doc.user_data.get("newsprism_quotations"))
                bench.score_article(article, quotes, tallies)
    t = tallies["SPEECH"]
    p, r, f = t.prf(t.tp_overlap)
    exact = t.prf(t.tp_exact)[2]
    speaker = t.speaker_right / t.speaker_total if t.speaker_total else 0.0
    print(f"held out: train[{args.fit}:] ({len(articles) - args.fit} articles, {t.n_gold} SPEECH gold), models "
          f"{'shipped' if args.no_train else f'fitted on train[:{args.fit}]'}")
    print(f"SPEECH overlap P {p:.3f} R {r:.3f} F1 {f:.3f}   exact F1 {exact:.3f}   speaker accuracy {speaker:.3f} "
          f"({t.speaker_total})")


if __name__ == "__main__":
    main()
