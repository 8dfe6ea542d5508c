"""Train the quote models on the PolNeAR training split: the tail model and the candidate filter
(``filter.py``) and the content-end ranker (``ends.py``).

    python -m newsprism.quotes.train [--split train] [--limit N] [--out PATH]

A developer tool: it needs the shared benchmark data and reuses the benchmark's reader and
scorer (``benchmarks/quotes.py``), so that "a right candidate" means what the benchmark counts.
The tail model learns where a content should be cut (``fit_tails``); the end ranker, which of a
content's possible ends the gold attribution sharing its cue matches best (``fit_ends``). Then
each candidate the parse rules propose on a training article is labelled 1 when the benchmark
pairs it with a gold attribution of its SPEECH subset (content overlap >= 0.5, one to one), 0
when it pairs it with none; a candidate paired with an attribution outside the subset (a belief,
a poll) is left out, as it counts neither way in the subset's scores. A logistic
regression (scikit-learn) over the candidates' binary features is fitted; its regularisation
and the decision threshold are chosen by grouped cross-validation on the training split only,
maximising F1 on the benchmark's SPEECH subset. Only feature names and weights are written.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def benchmark_module():
    """The benchmark script as a module (reader, scorer, SPEECH subset)."""
    path = ROOT / "benchmarks" / "quotes.py"
    spec = importlib.util.spec_from_file_location("newsprism_quotes_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def collect(articles, docs, bench) -> list[dict]:
    """One row per candidate: features, label (paired with any gold), speech (paired with a
    gold of the SPEECH subset), article index; plus one row per gold of the subset no candidate
    reached (``features`` None), so that recall can be estimated."""
    from newsprism.quotes.attribution import candidates

    rows = []
    for k, (art, doc) in enumerate(zip(articles, docs)):
        text = art.text
        # nested statements are dropped before the filter whatever it says: not its business
        cands = [(q, f) for q, f in candidates(doc, None, doc.user_data.get("newsprism_quotations"))
                 if f is None or "nested" not in f]
        gold = [bench.words(text, g.content) for g in art.gold]
        pred = [bench.words(text, q.segments) for q, _ in cands]
        pairs = bench.pair(pred, gold)
        for i, (q, f) in enumerate(cands):
            j = pairs.get(i)
            rows.append({"features": f, "label": j is not None, "speech": j is not None and art.gold[j].speech,
                         "article": k})
        reached = set(pairs.values())
        for j, g in enumerate(art.gold):
            if g.speech and j not in reached:
                rows.append({"features": None, "label": False, "speech": True, "article": k})
    return rows


def collect_tails(articles, docs, bench) -> list[dict]:
    """One row per possible cut point of a proposed content whose cue is a gold cue: features,
    and whether the gold content holds most words from that point to the next one."""
    import re

    from newsprism.quotes.attribution import tail_examples

    word = re.compile(r"\w+")
    rows = []
    for art, doc in zip(articles, docs):
        text = art.text
        for cue, points, content in tail_examples(doc, None, doc.user_data.get("newsprism_quotations")):
            if not points:
                continue
            gold = next((g for g in art.gold if any(s < cue[1] and cue[0] < e for s, e in g.cue)), None)
            if gold is None:
                continue
            gw = bench.words(text, gold.content)
            starts = [m.start() for m in word.finditer(text, content[0], content[-1] + 1)] if content else []
            if not gw or not (set(starts) & gw):
                continue
            bounds = [x for x, _ in points] + [content[-1] + 1]
            for k, (x, feats) in enumerate(points):
                unit = [w for w in starts if x <= w < bounds[k + 1]]
                if not unit:
                    continue
                inside = sum(1 for w in unit if w in gw) / len(unit)
                rows.append({"features": feats, "label": inside >= 0.5})
    return rows


def collect_ends(articles, docs, bench) -> list[dict]:
    """One row per possible end of a proposed content that can match a gold attribution (the
    gold sharing its cue, else the one its content overlaps most): features, whether that end
    gives the best overlap with the gold there is, and the content it belongs to (``group``);
    ``content`` (start, end offsets) and ``gold`` (its index) are kept for error analysis."""
    from newsprism.quotes.attribution import end_examples

    rows = []
    for k, (art, doc) in enumerate(zip(articles, docs)):
        text = art.text
        golds = [bench.words(text, g.content) for g in art.gold]
        for n, (cue, segments, options) in enumerate(end_examples(doc, None, doc.user_data.get("newsprism_quotations"))):
            if len(options) < 2:
                continue
            current = bench.words(text, segments)
            j = next((j for j, g in enumerate(art.gold) if any(s < cue[1] and cue[0] < e for s, e in g.cue)), None)
            if j is None:
                j = max(range(len(golds)), key=lambda j: bench.overlap(current, golds[j]), default=None)
            if j is None or not golds[j] & current:
                continue
            scores = [bench.overlap(bench.words(text, segments[:-1] + [(segments[-1][0], end)]), golds[j])
                      for end, _ in options]
            best = max(scores)
            if best < 0.5:
                continue
            for (end, feats), score in zip(options, scores):
                rows.append({"features": feats, "label": score == best, "good": score >= 0.5,
                             "orig": "rel=orig" in feats, "group": (k, n), "article": k,
                             "content": (segments[-1][0], end), "gold": j})
    return rows


def fit_ends(rows: list[dict], folds: int = 5, cs=(0.03, 0.1, 0.3, 1.0)) -> tuple[dict[str, float], dict]:
    """(weights, report) of the end model, a linear ranker: logistic regression on feature
    differences between an end with the best overlap and each end the benchmark would not
    match (overlap < 0.5), within one content. Its regularisation is chosen by grouped
    cross-validation on how many contents then end where the benchmark matches them, against
    keeping the rules' ends: the strongest within 0.1% of the best count."""
    import numpy
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in r["features"]} for r in rows]).tocsr()
    groups: dict = {}
    for n, r in enumerate(rows):
        groups.setdefault(r["group"], []).append(n)
    fold_of = {g: rows[ns[0]]["article"] % folds for g, ns in groups.items()}

    def pairs(selected):
        left, right = [], []
        for g in selected:
            ns = groups[g]
            best = [n for n in ns if rows[n]["label"]]
            bad = [n for n in ns if not rows[n]["good"]]
            for b in best[:1]:
                for n in bad:
                    left.append(b)
                    right.append(n)
        diff = X[left] - X[right]
        return sp.vstack([diff, -diff]), numpy.r_[numpy.ones(len(left)), numpy.zeros(len(left))]

    def good_after_choice(scores, selected) -> int:
        return sum(rows[max(groups[g], key=lambda n: scores[n])]["good"] for g in selected)

    everything = list(groups)
    kept = good_after_choice([1.0 if r["orig"] else 0.0 for r in rows], everything)
    results = {}
    for c in cs:
        found = 0
        for f in range(folds):
            train = [g for g in everything if fold_of[g] != f]
            model = LogisticRegression(C=c, max_iter=3000, fit_intercept=False).fit(*pairs(train))
            scores = X @ model.coef_[0]
            found += good_after_choice(scores, [g for g in everything if fold_of[g] == f])
        results[c] = found
    # CV differences of a few contents in thousands are noise (refits swing the held-out figure
    # by more): the most regularised C within 0.1% of the best is taken
    best = max(results.values())
    c = min(k for k in cs if results[k] >= best - max(1, round(0.001 * len(groups))))
    model = LogisticRegression(C=c, max_iter=3000, fit_intercept=False).fit(*pairs(everything))
    weights = {str(n): round(float(w), 4) for n, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-4}
    report = {"end_C": c, "end_contents": len(groups), "end_rules_good": kept, "end_cv_good": results[c],
              "end_cv_by_C": {str(k): v for k, v in results.items()}}
    return weights, report


def fit_tails(rows: list[dict], c: float = 0.3) -> dict[str, float]:
    """Logistic regression weights of the tail model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in r["features"]} for r in rows])
    y = [int(r["label"]) for r in rows]
    model = LogisticRegression(C=c, max_iter=2000).fit(X, y)
    weights = {str(n): round(float(w), 4) for n, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-4}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    return weights


def _speech_f1(rows: list[dict], probs, threshold: float) -> tuple[float, float, float]:
    """Estimated SPEECH precision/recall/F1 when candidates below ``threshold`` are dropped
    (candidates without features, i.e. layout and continuation quotes, always stay)."""
    gold = sum(1 for r in rows if r["speech"])
    tp = fp = 0
    for r, p in zip(rows, probs):
        if r["features"] is None and r["speech"] and not r["label"]:
            continue  # a gold nobody reached
        if r["features"] is not None and p < threshold:
            continue
        if r["speech"]:
            tp += 1
        elif not r["label"]:
            fp += 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / gold if gold else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _stable_choice(scored: list[tuple[float, float, tuple[float, float, float]]], tolerance: float = 0.001):
    """The filter setting (C, threshold, (P, R, F1)) to keep: cross-validated F1 is flat over a
    wide range of settings (within 0.001 on PolNeAR train), and which one is highest there is
    chance that swings held-out scores both ways. So: the most regularised C whose best F1 is
    within ``tolerance`` of the best, and the middle one of its thresholds within that
    tolerance, which moves least when the data change."""
    best = max(f1 for _, _, (_, _, f1) in scored)
    near = [(c, t, prf) for c, t, prf in scored if prf[2] >= best - tolerance]
    c = min(c for c, _, _ in near)
    mine = sorted((t, prf) for c2, t, prf in near if c2 == c)
    t, prf = mine[len(mine) // 2]
    return c, t, prf


def fit(rows: list[dict], folds: int = 5, cs=(0.03, 0.1, 0.3, 1.0)) -> tuple[dict[str, float], float, dict]:
    """(weights, threshold, report) fitted on the rows with features."""
    import numpy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # a candidate paired with an attribution outside the SPEECH subset neither helps nor hurts
    # the subset's scores: the model learns from the others, SPEECH matches against nothing
    train = [r for r in rows if r["features"] is not None and (r["speech"] or not r["label"])]
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in r["features"]} for r in train])
    y = numpy.array([r["speech"] for r in train], dtype=int)
    groups = numpy.array([r["article"] for r in train]) % folds
    index_of = {id(r): i for i, r in enumerate(train)}
    scored = []  # (C, threshold, (P, R, F1)) of each setting, cross-validated
    for c in cs:
        probs = numpy.zeros(len(train))
        for f in range(folds):
            model = LogisticRegression(C=c, max_iter=2000)
            model.fit(X[groups != f], y[groups != f])
            probs[groups == f] = model.predict_proba(X[groups == f])[:, 1]
        all_probs = [probs[index_of[id(r)]] if id(r) in index_of else 1.0 for r in rows]
        for t in numpy.arange(0.2, 0.71, 0.02):
            scored.append((c, round(float(t), 2), _speech_f1(rows, all_probs, float(t))))
    c, threshold, (p, r_, f1) = _stable_choice(scored)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(X, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    # the intercept goes on the "bias" feature every candidate has
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    no_filter = _speech_f1(rows, [1.0] * len(rows), 0.0)
    report = {"C": c, "threshold": threshold, "cv_speech_prf": [round(p, 4), round(r_, 4), round(f1, 4)],
              "unfiltered_speech_prf": [round(x, 4) for x in no_filter], "candidates": len(train)}
    return weights, threshold, report


def main(argv: list[str] | None = None) -> None:
    from newsprism.quotes.filter import WEIGHTS
    from newsprism.quotes.component import load_pipeline
    from newsprism.quotes.fast import annotate, fast_pipeline

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    args = ap.parse_args(argv)
    bench = benchmark_module()
    articles = bench.load(args.split, args.limit)
    bench.mark_speech(articles, load_pipeline())
    nlp = fast_pipeline()
    docs = [annotate(a.text, nlp) for a in articles]
    train_all(articles, docs, bench, args.out)


def train_all(articles, docs, bench, out: Path) -> dict:
    """Fit the tail model, then the end ranker, then the candidate filter, each with the ones
    before it in place; write them to ``out`` and return the filter's report."""
    from newsprism.quotes.filter import weights_from

    with weights_from(out):  # each model is trained with the ones before it in place
        return _train_all(articles, docs, bench, out)


def _train_all(articles, docs, bench, out: Path) -> dict:
    from newsprism.quotes.filter import reload

    out.unlink(missing_ok=True)
    reload()
    tails = fit_tails(collect_tails(articles, docs, bench))
    out.write_text(json.dumps({"tail_weights": tails}), encoding="utf-8")
    reload()
    ends, end_report = fit_ends(collect_ends(articles, docs, bench))
    print(json.dumps(end_report))
    out.write_text(json.dumps({"tail_weights": tails, "end_weights": ends}), encoding="utf-8")
    reload()
    rows = collect(articles, docs, bench)
    weights, threshold, report = fit(rows)
    report["tail_points"] = len(tails)
    report.update(end_report)
    out.write_text(json.dumps({"about": "newsprism quote models: logistic regression weights by feature "
                                       "name (candidate filter, content-tail and content-end models), trained on PolNeAR "
                                       "train by python -m newsprism.quotes.train", "threshold": threshold,
                               "report": report, "weights": dict(sorted(weights.items())),
                               "tail_weights": dict(sorted(tails.items())),
                               "end_weights": dict(sorted(ends.items()))},
                              indent=0, ensure_ascii=False), encoding="utf-8")
    reload()
    print(json.dumps(report))
    return report


if __name__ == "__main__":
    main()
