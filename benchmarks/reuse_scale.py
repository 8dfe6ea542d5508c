"""Reuse detection at scale: 100,000 generated articles, speed and memory, with datasketch's
plain MinHash measured on the same texts in the same run.

    .venv/bin/python benchmarks/reuse_scale.py                    # 100,000 articles, 2 workers
    .venv/bin/python benchmarks/reuse_scale.py --count 20000 --workers 1

Targets: >= 5,000 articles/s through reuse detection, peak RSS < 4 GB.

The articles: benchmarks/_generate.py builds its articles from a few dozen phrases, so any two
of them look alike (Jaccard of 5-word shingles far above real news) and a reuse detector would
rightly find them all related. This benchmark writes its own: sentences of 10-30 words drawn
from an invented vocabulary of 40,000 words (syllable strings, Zipf-distributed as words are),
1-3 sentences a paragraph, 6-14 paragraphs an article (about 3 KB). Into these it injects
reuse, so the run also checks what it finds: 2% exact copies (re-typed), 3% near copies
(trimmed, reordered with boilerplate lines, or edited), 2% articles that took a paragraph from
another (in place of their original). Each source article is used once.

Measured: the whole ``ReuseDetector.add_many`` over all articles (hashing in ``--workers``
processes, indexing, verifying every candidate pair exactly); peak resident memory of this
process and its workers (sampled every 0.1 s, with the texts held in memory); then datasketch's
``MinHash`` (``num_perm=64``, one ``update`` per shingle, as its docs show) and ``update_batch``
on the first ``--baseline`` articles with the same 5-word shingles, and datasketch's
``MinHashLSH`` inserting those signatures, for comparison.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import threading
import time
from itertools import accumulate

import psutil

from newsprism.reuse import ReuseDetector, ReuseSettings

SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["an", "el", "or", "is", "um", "ar"]


class Generator:
    """Invented news-like articles: Zipf words, sentences, paragraphs (seeded)."""

    def __init__(self, seed: int = 11, vocabulary: int = 40_000):
        rng = random.Random(seed)
        words = set()
        while len(words) < vocabulary:
            words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
        self.words = sorted(words)
        rng.shuffle(self.words)
        self.cum = list(accumulate(1 / (rank + 2.7) for rank in range(vocabulary)))  # Zipf-Mandelbrot
        self.rng = rng

    def sentence(self) -> str:
        n = self.rng.randint(10, 30)
        words = self.rng.choices(self.words, cum_weights=self.cum, k=n)
        return words[0].capitalize() + " " + " ".join(words[1:]) + self.rng.choice(".....?!")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 3)))

    def article(self) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.randint(6, 14))]


def corpus(count: int, seed: int = 11) -> tuple[list[tuple[str, str]], dict[frozenset, str]]:
    """``count`` articles ``(id, text)`` with injected reuse, and the injected pairs' kinds."""
    gen = Generator(seed)
    rng = gen.rng
    n_dup, n_near, n_shared = int(count * 0.02), int(count * 0.03), int(count * 0.02)
    n_plain = count - n_dup - n_near  # a receiver of a paragraph replaces its original
    plain = [gen.article() for _ in range(n_plain)]
    items = [(f"a{i:06d}", "\n\n".join(p)) for i, p in enumerate(plain)]
    gold: dict[frozenset, str] = {}
    sources = iter(rng.sample(range(n_plain), n_dup + n_near + 2 * n_shared))
    for k in range(n_dup):
        i = next(sources)
        items.append((f"d{k:06d}", "\n".join(plain[i]).upper()))  # re-typed: same words
        gold[frozenset((f"a{i:06d}", f"d{k:06d}"))] = "duplicate"
    for k in range(n_near):
        i = next(sources)
        paragraphs = plain[i][:]
        style = k % 3
        if style == 0:
            paragraphs = paragraphs[: max(2, len(paragraphs) * 2 // 3)]
        elif style == 1:
            rng.shuffle(paragraphs)
            paragraphs = paragraphs[len(paragraphs) // 4:] + ["Share this article", "Follow us", gen.sentence()]
        else:
            paragraphs = [gen.sentence()] + [_edit(p, gen) for p in paragraphs[:-1]]
        items.append((f"n{k:06d}", "\n\n".join(paragraphs)))
        gold[frozenset((f"a{i:06d}", f"n{k:06d}"))] = "near_duplicate"
    for k in range(n_shared):
        source, receiver = next(sources), next(sources)
        moved = rng.choice([p for p in plain[source] if len(p.split()) >= 15] or plain[source])
        paragraphs = plain[receiver][:]
        paragraphs.insert(rng.randint(1, len(paragraphs)), moved)
        items[receiver] = (f"a{receiver:06d}", "\n\n".join(paragraphs))  # the receiver, with it
        gold[frozenset((f"a{source:06d}", f"a{receiver:06d}"))] = "shared_passages"
    rng.shuffle(items)
    return items, gold


def _edit(paragraph: str, gen: Generator) -> str:
    words = paragraph.split(" ")
    for _ in range(max(1, len(words) // 20)):
        words[gen.rng.randrange(len(words))] = gen.rng.choice(gen.words)
    return " ".join(words)


class PeakMemory:
    """Peak memory of this process (resident) and its worker processes (their unique memory:
    forked workers share pages with this process, which summing resident sizes would count
    twice), sampled every 0.1 s."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = psutil.Process(os.getpid())
        while not self._stop.is_set():
            try:
                total = me.memory_info().rss + sum(c.memory_full_info().uss for c in me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak = max(self.peak, total)
            time.sleep(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


_WORD = re.compile(r"\w+")


def _cpu_seconds() -> tuple[float, float]:
    """User and system CPU time of this process, and of its finished children."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def datasketch_baseline(texts: list[str], k: int, num_perm: int) -> None:
    """datasketch on the same texts and 5-word shingles (within paragraphs, as ours)."""
    from datasketch import MinHash, MinHashLSH

    shingles = []
    start = time.perf_counter()
    for text in texts:
        grams = set()
        for paragraph in text.split("\n"):
            w = _WORD.findall(paragraph.lower())
            grams.update(" ".join(w[i:i + k]).encode() for i in range(len(w) - k + 1))
        shingles.append(grams)
    prep = time.perf_counter() - start
    start = time.perf_counter()
    plain = []
    for grams in shingles:
        m = MinHash(num_perm=num_perm)
        for g in grams:
            m.update(g)
        plain.append(m)
    rate_plain = len(texts) / (time.perf_counter() - start + prep)
    start = time.perf_counter()
    for grams in shingles:
        MinHash(num_perm=num_perm).update_batch(list(grams))
    rate_batch = len(texts) / (time.perf_counter() - start + prep)
    lsh = MinHashLSH(threshold=0.5, num_perm=num_perm)
    start = time.perf_counter()
    for i, m in enumerate(plain):
        lsh.query(m)
        lsh.insert(str(i), m)
    rate_lsh = len(texts) / (time.perf_counter() - start)
    print(f"  datasketch MinHash(num_perm={num_perm}), update() per shingle: {rate_plain:,.0f} articles/s "
          f"(tokenising and shingling included, {len(texts)} articles)")
    print(f"  datasketch MinHash.update_batch():                      {rate_batch:,.0f} articles/s")
    print(f"  datasketch MinHashLSH(threshold=0.5) query + insert:     {rate_lsh:,.0f} articles/s "
          f"(signatures given)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=2000, help="articles for the datasketch baseline")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    items, gold = corpus(args.count)
    size = sum(len(t) for _, t in items) / len(items)
    print(f"{len(items):,} generated articles, {size / 1000:.1f} KB and "
          f"{sum(len(t.split()) for _, t in items[:2000]) / min(2000, len(items)):.0f} words each on average "
          f"({len(gold)} injected reuse pairs; generated in {time.perf_counter() - start:.0f} s, not timed)")
    print(f"machine: {psutil.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
          f"(shared with other jobs: timings are noisy)")

    settings = ReuseSettings()
    with PeakMemory() as memory:
        base = psutil.Process().memory_info().rss
        detector = ReuseDetector(settings=settings)
        cpu_before = _cpu_seconds()
        start = time.perf_counter()
        findings = detector.add_many(items, workers=args.workers, batch_size=args.batch_size)
        elapsed = time.perf_counter() - start
    main_cpu, worker_cpu = (after - before for after, before in zip(_cpu_seconds(), cpu_before))
    found = {frozenset(f.articles): f.kind for f in findings}
    right = sum(found.get(pair) == kind for pair, kind in gold.items())
    extra = sum(1 for pair in found if pair not in gold)
    print(f"\n[newsprism] ReuseDetector.add_many, {args.workers} worker(s), batches of {args.batch_size}:")
    print(f"  {len(items) / elapsed:,.0f} articles/s ({len(items):,} in {elapsed:.1f} s)   target >= 5,000")
    per_main, per_worker = main_cpu / len(items) * 1e6, worker_cpu / len(items) * 1e6
    print(f"  CPU: this process {main_cpu:.1f} s ({per_main:.0f} us/article: indexing, verifying, "
          f"passing batches), workers {worker_cpu:.1f} s ({per_worker:.0f} us/article: hashing)")
    bound = 1e6 / max(per_main, (per_main + per_worker) / 2) if args.workers > 1 else 1e6 / (per_main + per_worker)
    print(f"  what that CPU allows on {min(args.workers, 2)} free core(s): about {bound:,.0f} articles/s "
          f"(measured wall rate above is lower when other jobs hold the cores)")
    print(f"  peak memory {memory.peak / 2**30:.2f} GB (resident, with workers' own memory; "
          f"{base / 2**30:.2f} GB before, the texts included)   target < 4 GB")
    print(f"  findings {len(findings)}: injected pairs found with the right kind {right}/{len(gold)}, "
          f"other pairs reported {extra}")
    kinds = {}
    for pair, kind in gold.items():
        kinds.setdefault(kind, [0, 0])[0] += 1
        kinds[kind][1] += found.get(pair) == kind
    print("  by kind: " + ", ".join(f"{k} {ok}/{n}" for k, (n, ok) in sorted(kinds.items())))
    wrong = {}
    for pair, kind in gold.items():
        if found.get(pair) != kind:
            wrong[(kind, found.get(pair, "-"))] = wrong.get((kind, found.get(pair, "-")), 0) + 1
    if wrong:
        print("  injected -> found, where they differ: " + ", ".join(f"{g} -> {f}: {n}" for (g, f), n in wrong.items()))

    print(f"\n[baseline] on the first {min(args.baseline, len(items))} of the same articles, one process:")
    texts = [t for _, t in items[: args.baseline]]
    start = time.perf_counter()
    ReuseDetector(settings=settings).add_many(list(items[: args.baseline]), workers=1)
    ours = len(texts) / (time.perf_counter() - start)
    print(f"  newsprism ReuseDetector, 1 process, same articles:      {ours:,.0f} articles/s "
          f"(hashing, article + passage signatures, index, verification)")
    datasketch_baseline(texts, settings.shingle_words, settings.num_perm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
