"""Reuse detection quality on syndicated copies built from real articles.

    .venv/bin/python benchmarks/reuse.py                 # test half, 3 seeds
    .venv/bin/python benchmarks/reuse.py --split dev --sweep   # figures used to choose thresholds

Source: ../shared/bench/clusters/articles.jsonl (1,587 real articles from DUC 2003, TAC 2011,
ECB+ and BASIL, with gold event clusters), read at run time; skipped cleanly if absent.

1. The pool. Real news reuses itself (the set holds AP updates of one story, the same wire copy
   on several sites), which no gold label marks. So the pool keeps articles greedily, in a
   seeded random order, only if they share no run of 12 words with an article already kept.
   Pairs that share no run of 8 words count as unrelated; pairs sharing a run of 8-11 words (a
   quote, a stock phrase, but also a lightly edited copied sentence) are *ambiguous*: a finding
   on them is counted apart, neither right nor wrong. Same-cluster articles (different reports
   of one event) stay in the pool as hard negatives. Articles under 80 words are left out.
2. The split. Clusters are split in two halves by a hash of their name: ``dev`` was used to
   choose the detector's thresholds (``--sweep``), ``test`` is reported.
3. The copies, each pool article used at most once (fractions of the pool):
   - duplicate (12%): exact copy; the same words re-typed (spacing, quotes, case of the first
     line, paragraph breaks moved); one word changed and one short boilerplate line added
     (articles of 200+ words, layout kept);
   - near_duplicate (24%): trimmed to 40-75% of its paragraphs; re-headlined with its tail cut
     and boilerplate lines added; paragraphs reordered with some dropped; edited (a new headline,
     a word changed in about one of 15 in half of the paragraphs, the last paragraph cut);
   - shared_passages (8% sources + 8% receivers): one paragraph of a source (or 2-4 closing
     paragraphs, sometimes with a word changed) inserted into an unrelated receiver, making at
     most 35% of the receiver and 40% of the source. Moved paragraphs have 15 words or more
     outside quotation marks: by definition the detector does not count shared quotations (two
     outlets quoting one statement is not reuse; on the unmodified set, counting them adds about
     250 pairs whose only common text is a quotation). ``--grid`` shows both settings.
   Boilerplate lines are short (< 8 words: share prompts, "Advertisement") plus a credit line
   with invented names; a long boilerplate line shared by unrelated articles would be a shared
   passage by definition, and is the cleaner's to remove.
   Everything else in the pool is included unchanged. Copies, sources and unrelated articles are
   shuffled together, so a copy may come before its original.
4. Scores: precision and recall per finding kind over unordered pairs (findings on ambiguous
   pairs left out of precision, and counted), a kind confusion table,
   the same-cluster pairs reported, and for transplants whether the moved paragraphs are listed.
5. Also, informative only: the detector on all 1,587 originals, its findings grouped by the
   longest word run each pair shares (an independent sign of real reuse).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from newsprism.reuse import KINDS, ReuseDetector, ReuseSettings, compare, shingle_sets

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "bench" / "clusters" / "articles.jsonl"
RUN = 12  # pool articles share no run of this many words
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018]?[A-Z0-9])")

SHORT_BOILERPLATE = ["Share this article", "Advertisement", "Follow us on Twitter", "Read more:",
                     "Sign up for our newsletter", "Related coverage", "All rights reserved.",
                     "Click here to subscribe", "Comments", "Print this page", "Most read",
                     "Share on Facebook", "Email this story", "Top stories"]
FIRST = ["Anna", "Marek", "Lucia", "Tomas", "Ines", "Oskar", "Petra", "Emil", "Sara", "Jonas",
         "Mira", "Karel", "Vera", "Ivo", "Nadia", "Felix"]
LAST = ["Novak", "Brandt", "Ferreira", "Kowal", "Lindqvist", "Moretti", "Haas", "Dvorak",
        "Almeida", "Berger", "Sousa", "Wolff", "Rossi", "Varga", "Costa", "Keller"]


# -- data ---------------------------------------------------------------------------------------
def load(path: Path = ARTICLES) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        row["text"] = row["text"].replace("\r\n", "\n").replace("\r", "\n").strip()
        rows.append(row)
    return rows


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def grams(text: str, n: int = RUN) -> set[int]:
    w = words(text)
    return {hash(tuple(w[i:i + n])) for i in range(len(w) - n + 1)}


def longest_shared_run(a: str, b: str) -> int:
    """Length of the longest run of words the two texts share (an independent reuse sign)."""
    wa, wb = words(a), words(b)
    best = 0
    for n in (4, 8, 12, 16, 20, 30, 50, 100):
        grams_a = {tuple(wa[i:i + n]) for i in range(len(wa) - n + 1)}
        if any(tuple(wb[i:i + n]) in grams_a for i in range(len(wb) - n + 1)):
            best = n
        else:
            break
    return best


def half(cluster: str) -> str:
    return "dev" if hashlib.blake2b(cluster.encode(), digest_size=2).digest()[0] % 2 == 0 else "test"


def build_pool(rows: list[dict], seed: int) -> list[dict]:
    """Articles sharing no 12-word run with one another (greedy, seeded order)."""
    rng = random.Random(seed)
    order = [r for r in rows if len(words(r["text"])) >= 80]
    rng.shuffle(order)
    kept, seen = [], set()
    for row in order:
        g = grams(row["text"])
        if g & seen:
            continue
        seen |= g
        kept.append(row)
    return kept


def units(text: str, rng: random.Random) -> list[str]:
    """The article's paragraphs; an article without paragraph breaks is cut into paragraphs of
    1-3 sentences (as another outlet would lay it out)."""
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    if len(lines) >= 3:
        return lines
    sentences = [s for s in _SENTENCE.split(" ".join(lines)) if s.strip()]
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 3)
        out.append(" ".join(sentences[i:i + n]))
        i += n
    return out


def n_words(paragraphs: list[str]) -> int:
    return sum(len(words(p)) for p in paragraphs)


# -- copies -------------------------------------------------------------------------------------
def credit(rng: random.Random) -> str:
    return (f"Reporting by {rng.choice(FIRST)} {rng.choice(LAST)} and {rng.choice(FIRST)} "
            f"{rng.choice(LAST)}; editing by {rng.choice(FIRST)} {rng.choice(LAST)}")


def boilerplate(rng: random.Random, n: int) -> list[str]:
    return rng.sample(SHORT_BOILERPLATE, n) + [credit(rng)]


def headline(paragraphs: list[str], rng: random.Random) -> str:
    vocab = [w for w in words(" ".join(paragraphs)) if len(w) > 3]
    picked = rng.sample(vocab, min(len(vocab), rng.randint(6, 9)))
    return " ".join(picked).capitalize()


def edit(paragraph: str, vocab: list[str], rng: random.Random, rate: float = 1 / 15) -> str:
    tokens = paragraph.split(" ")
    out = []
    for token in tokens:
        if rng.random() < rate:
            op = rng.random()
            if op < 0.5:
                out.append(rng.choice(vocab))  # substitute
            elif op < 0.75:
                continue  # delete
            else:
                out.extend([token, rng.choice(["also", "reportedly", "however", "then"])])
            continue
        out.append(token)
    return " ".join(out)


def duplicate_copy(text: str, rng: random.Random) -> tuple[str, str]:
    paragraphs = units(text, rng)
    choice = rng.choice(["exact", "retyped", "minor"] if n_words(paragraphs) >= 200 else ["exact", "retyped"])
    if choice == "exact":
        return choice, text
    if choice == "retyped":
        body = "\n\n".join(paragraphs) if rng.random() < 0.5 else "\n".join(paragraphs)
        body = body.replace('"', "\u201c", 1).replace("'", "\u2019").replace(". ", ".  ")
        first, _, rest = body.partition("\n")
        return choice, first.upper() + "\n" + rest + "\n"
    lines = text.split("\n")  # as laid out: a tiny edit, not a new layout
    i = rng.choice([k for k, line in enumerate(lines) if len(line.split(" ")) > 3])
    tokens = lines[i].split(" ")
    tokens[rng.randrange(len(tokens))] = rng.choice(words(text))
    lines[i] = " ".join(tokens)
    return choice, "\n".join(lines + ["", rng.choice(SHORT_BOILERPLATE)])


def near_copy(text: str, rng: random.Random) -> tuple[str, str]:
    paragraphs = units(text, rng)
    n = len(paragraphs)
    vocab = words(text)
    choice = rng.choice(["trimmed", "reheadlined", "reordered", "edited"])
    if choice == "trimmed":
        keep = max(2, round(n * rng.uniform(0.4, 0.75)))
        out = paragraphs[:keep]
    elif choice == "reheadlined":
        keep = max(2, round(n * rng.uniform(0.65, 0.8)))
        out = [headline(paragraphs, rng)] + paragraphs[1:keep] + boilerplate(rng, rng.randint(2, 4))
    elif choice == "reordered":
        keep = max(2, round(n * rng.uniform(0.6, 0.8)))
        kept = sorted(rng.sample(range(1, n), keep - 1)) if n > 1 else []
        middle = [paragraphs[i] for i in kept]
        rng.shuffle(middle)
        out = [paragraphs[0]] + middle + boilerplate(rng, 2)
    else:
        chosen = set(rng.sample(range(n), max(1, n // 2)))
        out = [headline(paragraphs, rng)] + [edit(p, vocab, rng) if i in chosen else p
                                             for i, p in enumerate(paragraphs[: max(2, n - 1)])]
    return choice, "\n\n".join(out)


_OPEN, _CLOSE = "[\"\u201c\u201e\u00ab`]{1,2}", "(?:[\"\u201d\u00bb]|'')"
_QUOTATION = re.compile(  # a closed quotation, or one left open to the end of the paragraph;
    # an apostrophe inside ("don't") does not close it
    _OPEN + "[^\"\u201c\u201d\u201e\u00ab\u00bb`]*?" + _CLOSE + "|" + _OPEN + "[^\"\u201d\u00bb]*$")


def unquoted_words(paragraph: str) -> int:
    return len(words(_QUOTATION.sub(" ", paragraph)))


def transplant(source: str, receiver: str, rng: random.Random) -> tuple[str, str, list[str]] | None:
    """``receiver`` with one or more paragraphs of ``source`` put in; None if they don't fit."""
    src, rec = units(source, rng), units(receiver, rng)
    eligible = [i for i, p in enumerate(src) if len(words(p)) >= 15 and unquoted_words(p) >= 15]
    if len(rec) < 4 or len(eligible) < 3:
        return None
    closing = [i for i in range(len(src) - 4, len(src)) if i in eligible and i - 1 in eligible]
    if closing and rng.random() < 0.3:  # closing paragraphs, as wire copy often ends the same
        moved = [p for p in src[closing[0] - 1:] if unquoted_words(p) >= 15][-4:]
        choice = "closing"
    else:
        moved = [src[rng.choice(eligible)]]
        choice = "one paragraph"
    if n_words(moved) > 0.4 * n_words(src) or n_words(moved) > 0.35 * (n_words(rec) + n_words(moved)):
        return None
    if rng.random() < 0.3:
        moved = [edit(p, words(receiver), rng, rate=1 / 25) for p in moved]
        choice += ", edited"
    if choice.startswith("closing"):
        out = rec + moved
    else:
        at = rng.randint(1, len(rec))
        out = rec[:at] + moved + rec[at:]
    return choice, "\n\n".join(out), moved


def build(pool: list[dict], seed: int) -> tuple[list[tuple[str, str]], dict, dict, dict]:
    """Benchmark articles ``[(id, text)]``, gold ``{pair: kind}``, variant per gold pair, and
    moved paragraphs per transplant pair."""
    rng = random.Random(seed)
    order = pool[:]
    rng.shuffle(order)
    n = len(order)
    n_dup, n_near, n_sp = round(0.12 * n), round(0.24 * n), round(0.08 * n)
    docs: dict[str, str] = {r["uid"]: r["text"] for r in order}
    gold: dict[frozenset, str] = {}
    variant: dict[frozenset, str] = {}
    moved_of: dict[frozenset, list[str]] = {}
    for r in order[:n_dup]:
        choice, text = duplicate_copy(r["text"], rng)
        cid = r["uid"] + "#copy"
        docs[cid] = text
        gold[frozenset((r["uid"], cid))] = "duplicate"
        variant[frozenset((r["uid"], cid))] = choice
    # Near copies need something to trim and reorder: sources of 4+ paragraphs of 100+ words.
    roomy = [r for r in order[n_dup:] if len(units(r["text"], random.Random(0))) >= 4
             and len(words(r["text"])) >= 100][:n_near]
    rest = [r for r in order[n_dup:] if r not in roomy]
    order = order[:n_dup] + roomy + rest
    for r in roomy:
        choice, text = near_copy(r["text"], rng)
        cid = r["uid"] + "#copy"
        docs[cid] = text
        gold[frozenset((r["uid"], cid))] = "near_duplicate"
        variant[frozenset((r["uid"], cid))] = choice
    sources = order[n_dup + n_near:n_dup + n_near + n_sp]
    receivers = order[n_dup + n_near + n_sp:n_dup + n_near + 2 * n_sp]
    for src, rec in zip(sources, receivers):
        made = transplant(src["text"], rec["text"], rng)
        if made is None:
            continue
        choice, text, moved = made
        docs[rec["uid"]] = text  # the receiver is replaced by its version with the passage
        pair = frozenset((src["uid"], rec["uid"]))
        gold[pair] = "shared_passages"
        variant[pair] = choice
        moved_of[pair] = moved
    items = list(docs.items())
    rng.shuffle(items)
    return items, gold, variant, moved_of


# -- scoring ------------------------------------------------------------------------------------
def score(found: dict[frozenset, str], gold: dict[frozenset, str]) -> dict[str, tuple[int, int, int]]:
    """Per kind: (true positives, reported, gold)."""
    out = {}
    for kind in KINDS:
        reported = {p for p, k in found.items() if k == kind}
        expected = {p for p, k in gold.items() if k == kind}
        out[kind] = (len(reported & expected), len(reported), len(expected))
    return out


def run_detector(items: list[tuple[str, str]], settings: ReuseSettings):
    detector = ReuseDetector(settings=settings)
    start = time.perf_counter()
    findings = detector.add_many(items)
    return findings, time.perf_counter() - start


def evaluate(pool: list[dict], seed: int, settings: ReuseSettings, verbose: bool, built=None) -> dict:
    items, gold, variant, moved_of = built or build(pool, seed)
    findings, elapsed = run_detector(items, settings)
    text = dict(items)
    ambiguous = {frozenset(f.articles) for f in findings if frozenset(f.articles) not in gold
                 and longest_shared_run(text[f.articles[0]], text[f.articles[1]]) >= 8}
    findings = [f for f in findings if frozenset(f.articles) not in ambiguous]
    found = {frozenset(f.articles): f.kind for f in findings}
    by_pair = {frozenset(f.articles): f for f in findings}
    cluster = {r["uid"]: r["cluster"] for r in pool}
    base = lambda uid: uid.split("#")[0]  # noqa: E731
    confusion = Counter()
    for pair, kind in gold.items():
        confusion[(kind, found.get(pair, "-"))] += 1
    for pair, kind in found.items():
        if pair not in gold:
            confusion[("-", kind)] += 1
    same_cluster = [p for p in found if p not in gold
                    and len({cluster[base(u)] for u in p}) == 1]
    variants = Counter()
    for pair, v in variant.items():
        variants[(gold[pair], v, found.get(pair) == gold[pair])] += 1
    # Transplants: are the moved paragraphs listed among the passages?
    listed = total_moved = extra = 0
    for pair, moved in moved_of.items():
        f = by_pair.get(pair)
        total_moved += len(moved)
        if f is None:
            continue
        texts = {p.a for p in f.passages} | {p.b for p in f.passages}
        listed += sum(m in texts for m in moved)
        extra += sum(1 for p in f.passages if p.a not in moved and p.b not in moved)
    if verbose:
        for pair in sorted(set(gold) | set(found), key=sorted):
            if gold.get(pair) != found.get(pair):
                f = by_pair.get(pair)
                print(f"    miss/extra: gold={gold.get(pair, '-')} found={found.get(pair, '-')} "
                      f"variant={variant.get(pair, '-')} {sorted(pair)} "
                      f"C={f.containment if f else float('nan'):.3f} J={f.jaccard if f else float('nan'):.3f}")
                for p in (f.passages if f and pair not in gold else []):
                    print(f"        {p.similarity:.2f} {p.a[:120]!r} || {p.b[:120]!r}")
    return {"n": len(items), "seconds": elapsed, "scores": score(found, gold), "confusion": confusion,
            "ambiguous_reported": len(ambiguous), "ambiguous_pairs": ambiguous_pairs(items, gold),
            "same_cluster_reported": len(same_cluster),
            "same_cluster_pairs": sum(len(g) * (len(g) - 1) // 2 for g in _groups(items, cluster, base)),
            "variants": variants, "moved": (listed, total_moved, extra)}


def ambiguous_pairs(items: list[tuple[str, str]], gold: dict) -> int:
    """Pairs outside the gold that share a run of 8 words (all of them share less than 12)."""
    holders = defaultdict(set)
    for uid, text in items:
        for g in grams(text, 8):
            holders[g].add(uid)
    pairs = set()
    for group in holders.values():
        if 1 < len(group) < 50:
            pairs.update(frozenset(p) for p in combinations(sorted(group), 2))
    return len(pairs - set(gold))


def _groups(items, cluster, base):
    groups = defaultdict(list)
    for uid, _ in items:
        groups[cluster[base(uid)]].append(uid)
    return groups.values()


def sweep(pool: list[dict], seeds: list[int]) -> None:
    """Exact measures of every gold pair and every same-cluster pair, per kind: what the
    thresholds must separate."""
    loose = ReuseSettings(near_duplicate_threshold=1.01, passage_threshold=0.0, duplicate_threshold=1.01)
    containment = defaultdict(list)
    jaccard = defaultdict(list)
    moved_sim, other_sim = [], []
    cluster = {r["uid"]: r["cluster"] for r in pool}
    for seed in seeds:
        items, gold, variant, moved_of = build(pool, seed)
        docs = dict(items)
        cache = {}
        sets = lambda uid: cache.setdefault(uid, shingle_sets(docs[uid], loose))  # noqa: E731
        for pair, kind in gold.items():
            a, b = sorted(pair)
            f = compare(a, sets(a), b, sets(b), loose)
            key = kind if kind != "near_duplicate" else f"near_duplicate/{variant[pair]}"
            containment[key].append(f.containment if f else 0.0)
            jaccard[key].append(f.jaccard if f else 0.0)
            if kind == "shared_passages" and f:
                moved = moved_of[pair]
                for p in f.passages:
                    (moved_sim if (p.a in moved or p.b in moved) else other_sim).append(p.similarity)
        by_cluster = defaultdict(list)
        for uid, _ in items:
            by_cluster[cluster[uid.split("#")[0]]].append(uid)
        for members in by_cluster.values():
            for a, b in combinations(sorted(members), 2):
                if frozenset((a, b)) in gold or a.split("#")[0] == b.split("#")[0]:
                    continue
                f = compare(a, sets(a), b, sets(b), loose)
                containment["same cluster, unrelated"].append(f.containment if f else 0.0)
                jaccard["same cluster, unrelated"].append(f.jaccard if f else 0.0)
                if f:
                    other_sim.extend(p.similarity for p in f.passages)

    def q(values):
        values = sorted(values)
        pick = lambda f: values[min(len(values) - 1, int(f * len(values)))]  # noqa: E731
        return (f"n={len(values):5d} min={values[0]:.3f} p1={pick(0.01):.3f} p5={pick(0.05):.3f} "
                f"median={pick(0.5):.3f} p95={pick(0.95):.3f} p99={pick(0.99):.3f} max={values[-1]:.3f}")

    print("\n[sweep] exact containment of the smaller article, per gold kind")
    for key in sorted(containment):
        print(f"  {key:32s} {q(containment[key])}")
    print("[sweep] exact Jaccard, per gold kind")
    for key in sorted(jaccard):
        print(f"  {key:32s} {q(jaccard[key])}")
    print("[sweep] passage containment (passage pairs sharing >= min_passage_words words' shingles)")
    print(f"  {'moved paragraphs':32s} {q(moved_sim)}")
    if other_sim:
        print(f"  {'any other passage pair':32s} {q(other_sim)}")


def grid(rows: list[dict], split: str, seeds: list[int]) -> None:
    """Precision and recall per kind for a grid of thresholds (dev half: how they were chosen)."""
    built = {}
    for seed in seeds:
        pool = [r for r in build_pool(rows, seed) if split == "all" or half(r["cluster"]) == split]
        built[seed] = (pool, build(pool, seed))
    print("\n[grid] near_dup passage_thr min_words:  duplicate P/R | near_duplicate P/R | shared_passages P/R")
    combos = [(n, p, m, q) for n in (0.5, 0.6) for p in (0.5, 0.6) for m in (8, 10) for q in (True, False)]
    for near, passage, min_words, quotes in combos:
        settings = ReuseSettings(near_duplicate_threshold=near, passage_threshold=passage,
                                 min_passage_words=min_words, ignore_quotes=quotes)
        totals = {k: [0, 0, 0] for k in KINDS}
        for seed in seeds:
            pool, b = built[seed]
            result = evaluate(pool, seed, settings, False, built=b)
            for k, v in result["scores"].items():
                for i in range(3):
                    totals[k][i] += v[i]
        cells = " | ".join(f"{t[0] / max(t[1], 1):.3f}/{t[0] / max(t[2], 1):.3f}" for t in totals.values())
        print(f"  {near:.2f} {passage:.2f} {min_words:3d} quotes {'ignored' if quotes else 'counted'}:  {cells}")


def natural(rows: list[dict], settings: ReuseSettings) -> None:
    """The detector on the unmodified set, its findings grouped by longest shared word run."""
    items = [(r["uid"], r["text"]) for r in rows]
    findings, elapsed = run_detector(items, settings)
    text = dict(items)
    table = Counter()
    for f in findings:
        run = longest_shared_run(text[f.articles[0]], text[f.articles[1]])
        bucket = ">=20 words" if run >= 20 else ("12-19 words" if run >= 12 else "< 12 words")
        table[(f.kind, bucket)] += 1
    print(f"\n[natural reuse] all {len(rows)} original articles, no gold: {len(findings)} pairs reported "
          f"in {elapsed:.1f} s; by the longest word run each pair shares:")
    for kind in KINDS:
        buckets = (">=20 words", "12-19 words", "< 12 words")
        print(f"  {kind:16s} " + "  ".join(f"{b}: {table[(kind, b)]:4d}" for b in buckets))
    close = [f for f in findings if longest_shared_run(text[f.articles[0]], text[f.articles[1]]) < 12]
    for f in close[:10]:
        print(f"    < 12-word run: {f.kind} {f.articles} C={f.containment:.3f} passages={len(f.passages)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--sweep", action="store_true", help="print the measures thresholds were chosen from")
    parser.add_argument("--grid", action="store_true", help="precision/recall for a grid of thresholds")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false finding")
    parser.add_argument("--no-natural", action="store_true")
    args = parser.parse_args(argv)
    if not ARTICLES.is_file():
        print(f"skipped: {ARTICLES} is absent (../shared is not beside the project)")
        return 0
    rows = load()
    settings = ReuseSettings()
    seeds = list(range(1, args.seeds + 1))
    totals = {k: [0, 0, 0] for k in KINDS}
    confusion = Counter()
    variants = Counter()
    same = same_pairs = ambiguous = ambiguous_reported = 0
    moved = [0, 0, 0]
    print(f"reuse benchmark: split={args.split}, seeds={seeds}, settings={settings}")
    if args.grid:
        grid(rows, args.split, seeds)
    for seed in seeds:
        pool = [r for r in build_pool(rows, seed) if args.split == "all" or half(r["cluster"]) == args.split]
        if args.sweep and seed == seeds[0]:
            sweep(pool, seeds)
        result = evaluate(pool, seed, settings, args.verbose)
        print(f"  seed {seed}: pool {len(pool)} originals -> {result['n']} articles, detector "
              f"{result['n'] / result['seconds']:,.0f} articles/s; " +
              ", ".join(f"{k} {tp}/{rep} reported/{g} gold" for k, (tp, rep, g) in result["scores"].items()))
        for k, (tp, rep, g) in result["scores"].items():
            totals[k][0] += tp
            totals[k][1] += rep
            totals[k][2] += g
        confusion.update(result["confusion"])
        variants.update(result["variants"])
        same += result["same_cluster_reported"]
        ambiguous += result["ambiguous_pairs"]
        ambiguous_reported += result["ambiguous_reported"]
        same_pairs += result["same_cluster_pairs"]
        for i in range(3):
            moved[i] += result["moved"][i]
    print("\nper kind, all seeds (target: precision and recall >= 0.98):")
    for kind, (tp, rep, g) in totals.items():
        p = tp / rep if rep else float("nan")
        r = tp / g if g else float("nan")
        print(f"  {kind:16s} precision {p:.3f} ({tp}/{rep})  recall {r:.3f} ({tp}/{g})")
    print("confusion (gold -> found, '-' = none):")
    for (g, f), count in sorted(confusion.items()):
        print(f"  {g:16s} -> {f:16s} {count}")
    print("recall by construction:")
    for (kind, v, ok), count in sorted(variants.items()):
        if ok:
            total = count + variants.get((kind, v, False), 0)
            print(f"  {kind:16s} {v:22s} {count}/{total}")
    for (kind, v, ok), count in sorted(variants.items()):
        if not ok and (kind, v, True) not in variants:
            print(f"  {kind:16s} {v:22s} 0/{count}")
    print(f"same-cluster pairs that are not copies: {same_pairs}, reported as reuse: {same}")
    print(f"ambiguous pairs (sharing an 8-11 word run): {ambiguous}, reported (not scored): {ambiguous_reported}")
    print(f"transplanted paragraphs listed among the finding's passages: {moved[0]}/{moved[1]} "
          f"(other passages listed in those findings: {moved[2]})")
    if not args.no_natural:
        natural(rows, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
