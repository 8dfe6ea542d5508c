"""Ingest speed and memory, with the baselines measured in the same run.

    .venv/bin/python benchmarks/ingest_speed.py               # all three parts
    .venv/bin/python benchmarks/ingest_speed.py --count 100000 --only memory

1. Plain text: N generated scraped articles (one .txt file each) into a fresh SQLite archive,
   with 1 and 2 worker processes; baseline: reading the same files and inserting their raw bytes
   into SQLite with no processing at all (the I/O floor). Target: >= 1,000 articles/s.
2. HTML: the 91 pages of ../shared/bench/extraction/html, repeated, through ingest with one worker:
   pages per second per core. Target: >= 50. Baseline: trafilatura.extract alone on the same pages.
3. Memory: N (default 100,000) generated articles in one JSONL file through ingest with 2 workers,
   peak resident memory of the whole process tree sampled every 0.1 s. Target: < 1 GB, flat.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _generate import articles  # noqa: E402
from _scoring import EXTRACTION  # noqa: E402

from newsprism.archive import Archive  # noqa: E402
from newsprism.ingest import ingest  # noqa: E402


def timed_ingest(paths: list[str], db: Path, workers: int) -> tuple[float, int]:
    with Archive(str(db)) as archive:
        start = time.perf_counter()
        report = ingest(paths, archive, workers=workers)
        elapsed = time.perf_counter() - start
    assert not report.failed, report.failed[:3]
    return elapsed, report.ingested


def raw_insert_baseline(folder: Path, db: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE raw (name TEXT PRIMARY KEY, content BLOB)")
    with conn:
        conn.executemany("INSERT INTO raw VALUES (?, ?)", ((p.name, p.read_bytes()) for p in sorted(folder.iterdir())))
    conn.close()
    return time.perf_counter() - start


def plain_text(count: int, tmp: Path) -> None:
    folder = tmp / "txt"
    folder.mkdir()
    for i, text in enumerate(articles(count)):
        (folder / f"{i:06d}.txt").write_text(text)
    size = sum(p.stat().st_size for p in folder.iterdir()) / count
    print(f"\n[plain text] {count} generated articles, {size / 1000:.1f} KB each on average")
    base = raw_insert_baseline(folder, tmp / "raw.db")
    print(f"  baseline (read files + raw insert into SQLite, no processing): {count / base:,.0f} articles/s")
    for workers in (1, 2):
        elapsed, stored = timed_ingest([str(folder)], tmp / f"txt{workers}.db", workers)
        print(f"  newsprism ingest, {workers} worker(s): {stored / elapsed:,.0f} articles/s "
              f"({stored} stored in {elapsed:.1f} s)")


def html_pages(repeat: int, tmp: Path) -> None:
    pages = sorted((EXTRACTION / "html").glob("*.html.gz"))
    if not pages:
        print("\n[html] skipped: ../shared/bench/extraction/html is absent")
        return
    folder = tmp / "html"
    folder.mkdir()
    raw = [gzip.decompress(p.read_bytes()) for p in pages]
    for r in range(repeat):
        for i, content in enumerate(raw):
            # A comment makes each copy distinct content, so none is skipped as already stored.
            (folder / f"{r:02d}-{i:03d}.html").write_bytes(content + f"<!-- copy {r} -->".encode())
    count = len(raw) * repeat
    print(f"\n[html] {len(raw)} real pages x {repeat} = {count} pages")
    import trafilatura

    start = time.perf_counter()
    for content in raw:
        trafilatura.extract(content)
    base = time.perf_counter() - start
    print(f"  baseline trafilatura.extract alone: {len(raw) / base:,.1f} pages/s on one core")
    elapsed, stored = timed_ingest([str(folder)], tmp / "html.db", 1)
    print(f"  newsprism ingest, 1 worker: {stored / elapsed:,.1f} pages/s per core ({stored} stored)")


def memory(count: int, tmp: Path) -> None:
    path = tmp / "big.jsonl"
    with path.open("w") as out:
        for i, text in enumerate(articles(count, seed=11)):
            out.write(json.dumps({"id": f"g{i}", "text": text}) + "\n")
    print(f"\n[memory] {count:,} generated articles in one JSONL file ({path.stat().st_size / 1e6:.0f} MB)")
    db = tmp / "mem.db"
    code = ("import sys; from newsprism.archive import Archive; from newsprism.ingest import ingest;"
            "a = Archive(sys.argv[2]); r = ingest([sys.argv[1]], a, workers=2);"
            "print(r.ingested, len(r.failed))")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(db)], stdout=subprocess.PIPE, text=True)
    peak, samples = 0, []
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in tree)
        except psutil.Error:
            continue
        peak = max(peak, rss)
        samples.append(rss)
        time.sleep(0.1)
    out = proc.stdout.read().strip()
    elapsed = time.perf_counter() - start
    quarter = len(samples) // 4 or 1
    print(f"  stored/failed: {out}; {elapsed:.0f} s ({count / elapsed:,.0f} articles/s)")
    print(f"  peak RSS of the process tree: {peak / 1e6:,.0f} MB "
          f"(mean in first quarter {sum(samples[:quarter]) / quarter / 1e6:,.0f} MB, "
          f"last quarter {sum(samples[-quarter:]) / quarter / 1e6:,.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000, help="articles for the memory part")
    parser.add_argument("--text-count", type=int, default=5_000, help="articles for the plain-text part")
    parser.add_argument("--html-repeat", type=int, default=3)
    parser.add_argument("--only", choices=["text", "html", "memory"])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.only in (None, "text"):
            plain_text(args.text_count, tmp)
        if args.only in (None, "html"):
            html_pages(args.html_repeat, tmp)
        if args.only in (None, "memory"):
            memory(args.count, tmp)


if __name__ == "__main__":
    main()
