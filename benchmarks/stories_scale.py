"""Story clustering at scale: 100,000 generated articles, time and peak memory.

The articles are invented here (no shared data): thousands of made-up stories, each with its own
made-up names and key words and a run of days in one year, told by several outlets in articles
whose remaining sentences are common news filler (see ``_generate.py``). They arrive in date order
in batches (``--batch``), one ``partial_fit`` call each, as a daily ingest would feed them.

Prints: articles, stories found, seconds spent generating and clustering, articles per second,
peak RSS of the process, and B-cubed F1 against the generated stories as a sanity check.
Target (issue 3): 100,000 articles in under 3 minutes, peak RSS under 4 GB, at ``--granularity story``.
``--per-story`` sets the average story size: large stories (hundreds of articles, more than an
article's nearest ``neighbours``) must hold together too.

    .venv/bin/python benchmarks/stories_scale.py                     # 100,000 articles
    .venv/bin/python benchmarks/stories_scale.py --articles 20000 --granularity event
    .venv/bin/python benchmarks/stories_scale.py --articles 20000 --per-story 400
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _generate import sentence  # noqa: E402
from stories import bcubed  # noqa: E402

from newsprism.stories import StoryClusterer, StoryInput  # noqa: E402

_SYLLABLES = ["ka", "ro", "mi", "ta", "ven", "dor", "li", "sa", "bru", "nek", "ol", "zan", "pe",
              "tor", "qui", "mar", "des", "ul", "fen", "gra", "ho", "ix", "lem", "cas"]
_OUTLETS = [f"Outlet {i}" for i in range(40)]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


def generate(count: int, seed: int = 11, per_story: int = 12) -> list[tuple[StoryInput, str]]:
    """``count`` articles as (input, true story), in date order."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    stories = []
    for s in range(max(1, count // per_story)):
        names = [_word(rng, 2).capitalize() + " " + _word(rng, 3).capitalize() for _ in range(2)]
        places = [_word(rng, 4).capitalize() for _ in range(2)]
        keys = [_word(rng, 4) for _ in range(4)]
        first = start + dt.timedelta(days=rng.randint(0, 364))
        stories.append((f"g{s}", names, places, keys, first, rng.randint(1, 20)))
    out = []
    for i in range(count):
        sid, names, places, keys, first, days = rng.choice(stories)
        date = first + dt.timedelta(days=rng.randint(0, days - 1))
        title = f"{rng.choice(names)} {rng.choice(['says', 'denies', 'warns over', 'meets'])} " \
                f"{rng.choice(keys)} in {rng.choice(places)}"
        paragraphs = []
        for _ in range(6):
            lines = [sentence(rng)]
            lines.append(f"{rng.choice(names)} spoke in {rng.choice(places)} about the "
                         f"{rng.choice(keys)} and the {rng.choice(keys)}.")
            lines.append(f"The {rng.choice(keys)} in {rng.choice(places)} was raised by "
                         f"{rng.choice(names)}, who named the {rng.choice(keys)}.")
            rng.shuffle(lines)
            paragraphs.append(" ".join(lines))
        out.append((StoryInput(id=f"a{i}", title=title, text="\n\n".join(paragraphs),
                               published=date.isoformat(), outlet=rng.choice(_OUTLETS)), sid))
    out.sort(key=lambda pair: pair[0].published)
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=2000, help="articles per partial_fit call")
    ap.add_argument("--granularity", default="story", choices=["event", "story", "topic"])
    ap.add_argument("--per-story", type=int, default=12, help="average number of articles per story")
    args = ap.parse_args()

    t0 = time.perf_counter()
    data = generate(args.articles, per_story=args.per_story)
    t_gen = time.perf_counter() - t0
    size_mb = sum(len(a.text) for a, _ in data) / 1e6

    model = StoryClusterer(granularity=args.granularity)
    t0 = time.perf_counter()
    for start in range(0, len(data), args.batch):
        model.partial_fit([a for a, _ in data[start:start + args.batch]])
    t_fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    stories = model.stories
    t_titles = time.perf_counter() - t0

    final = model.assignments()  # later batches may have split or merged stories they touched
    score = bcubed([final[a.id] for a, _ in data], [sid for _, sid in data])
    print(f"articles: {len(data):,} ({size_mb:.0f} MB of text), generated in {t_gen:.1f}s")
    print(f"granularity {args.granularity}, batches of {args.batch}: {len(stories):,} stories "
          f"(true: {len({sid for _, sid in data}):,})")
    print(f"clustering: {t_fit:.1f}s ({len(data) / t_fit:,.0f} articles/s); titles: {t_titles:.1f}s")
    print(f"peak RSS: {peak_rss_mb():,.0f} MB")
    print(f"B-cubed vs generated stories: P={score['P']:.3f} R={score['R']:.3f} F1={score['F1']:.3f}")


if __name__ == "__main__":
    main()
