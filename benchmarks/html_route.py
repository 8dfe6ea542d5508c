"""Benchmark of the HTML route: newsprism's ``extract_html`` against trafilatura's default.

Scores both on the 91 pages of ../shared/bench/extraction/html (word 4-gram shingle P/R/F1
against ground-truth.json) and times both in CPU seconds of this process, i.e. pages per second
per core. ``extract_html`` is timed whole: decoding, body, title, date and language.

    python benchmarks/html_route.py [--limit N]
"""
from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scoring import EXTRACTION, load_gold, score_pages  # noqa: E402


def load_pages(limit: int | None = None) -> dict[str, bytes]:
    """Raw bytes of each benchmark page by page id (sorted, the first ``limit`` if given)."""
    files = sorted((EXTRACTION / "html").glob("*.html.gz"))[:limit]
    return {path.name.removesuffix(".html.gz"): gzip.decompress(path.read_bytes()) for path in files}


def _timed(extract, pages: dict[str, bytes]) -> tuple[dict[str, str], float]:
    """Run ``extract`` on every page; return the texts ("" on failure) and the CPU seconds."""
    texts = {}
    start = time.process_time()
    for page, content in pages.items():
        try:
            texts[page] = extract(content) or ""
        except ValueError:
            texts[page] = ""
    return texts, time.process_time() - start


def run(limit: int | None = None) -> dict:
    """Score and time the HTML route and the trafilatura baseline; print and return the figures.

    Returns ``{"skipped": reason}`` when ../shared is absent, else
    ``{"pages", "newsprism": {...}, "trafilatura_default": {...}}`` where each holds precision,
    recall, f1, pages_per_sec (per core, CPU time) and failures (pages yielding no text).
    """
    if not (EXTRACTION / "ground-truth.json").exists():
        message = f"skipped: {EXTRACTION} is absent (the shared benchmark data lives in ../shared)"
        print(message)
        return {"skipped": message}

    import trafilatura

    from newsprism.html import extract_html

    pages = load_pages(limit)
    gold = {page: body for page, body in load_gold().items() if page in pages}

    def ours(content: bytes) -> str:
        return extract_html(content).text

    # warm up both (imports, lazily built regexes and models) so timing measures steady state
    first = next(iter(pages.values()))
    trafilatura.extract(first)
    ours(first)

    figures: dict = {"pages": len(pages)}
    for name, extract in (("newsprism", ours), ("trafilatura_default", trafilatura.extract)):
        texts, seconds = _timed(extract, pages)
        score = score_pages(texts, gold)
        figures[name] = {
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "f1": round(score.f1, 4),
            "pages_per_sec": round(len(pages) / seconds, 1) if seconds else None,
            "failures": sum(1 for text in texts.values() if not text),
        }
        row = figures[name]
        print(f"{name:20s} {score}  {row['pages_per_sec']} pages/s per core  "
              f"({row['failures']} pages without text)")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    run(parser.parse_args().limit)
