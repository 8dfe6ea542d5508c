"""End to end: ingest into SQLite and PostgreSQL, idempotence, bad input, kill and resume."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsprism.archive import Archive
from newsprism.ingest import ingest

PARAGRAPHS = [
    "The two delegations met for six hours in the capital on Tuesday without reaching a deal on "
    "the withdrawal of heavy weapons from the buffer zone, according to officials on both sides.",
    "\"We came here in good faith and we will leave in good faith, but the shelling has to stop "
    "before anything else can be discussed,\" the chief negotiator told reporters after the meeting.",
    "Aid agencies say nearly forty thousand people have fled the area since the start of the month, "
    "many of them sleeping in fields and unfinished buildings near the border crossings.",
]


def scraped(n: int) -> str:
    """An invented scraped page: menu, headline, dateline, body, share furniture."""
    body = "\n\n".join(f"{p} (Report {n}.)" for p in PARAGRAPHS)
    return (f"Home | World | Politics\n\nTalks on the buffer zone end without a deal, round {n}\n\n"
            f"09:15 - 0{1 + n % 9}/03/2021\n\n{body}\n\nShare this story!\n#Diplomacy\n")


def write_pile(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"article-{i:04d}.txt").write_text(scraped(i))


def test_ingest_cleans_and_is_idempotent(db_url, tmp_path):
    write_pile(tmp_path / "pile", 12)
    (tmp_path / "pile" / "empty.txt").write_text("")
    with Archive(db_url) as archive:
        first = ingest([str(tmp_path / "pile")], archive, workers=2, batch_size=5)
        assert first.ingested == 12 and not first.failed and len(first.skipped) == 1
        again = ingest([str(tmp_path / "pile")], archive, workers=1)
        assert again.ingested == 0 and again.already_stored == 12
        assert archive.count() == 12
        article = next(a for a in archive.articles() if a.source.endswith("article-0003.txt"))
    assert article.title == "Talks on the buffer zone end without a deal, round 3"
    assert article.published.startswith("2021-03-04") and not article.published_inferred
    assert article.language == "en"
    for paragraph in PARAGRAPHS:
        assert paragraph[:60] in article.text
    assert "Share this story!" not in article.text and "#Diplomacy" not in article.text
    assert {r.text for r in article.removed} >= {"Share this story!", "#Diplomacy"}


def test_a_bad_item_costs_nothing_else(tmp_path):
    pile = tmp_path / "pile"
    write_pile(pile, 3)
    (pile / "records.jsonl").write_text(json.dumps({"text": scraped(50)}) + "\n{broken\n")
    (pile / "legacy.txt").write_bytes(scraped(60).replace("Talks", "Pourparlers à Genève").encode("cp1252"))
    (pile / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with Archive(str(tmp_path / "a.db")) as archive:
        report = ingest([str(pile), str(tmp_path / "missing.txt")], archive, workers=1)
        titles = {a.title for a in archive.articles()}
    assert report.ingested == 5
    assert sorted(Path(f.source).name for f in report.failed) == ["missing.txt", "records.jsonl:2"]
    assert [Path(s.source).name for s in report.skipped] == ["image.txt"]
    assert any(t and t.startswith("Pourparlers à Genève") for t in titles)


def test_kill_midway_then_resume_stores_each_article_once(tmp_path):
    pile, db = tmp_path / "pile", tmp_path / "kill.db"
    write_pile(pile, 300)
    # A child ingest that is slowed down per item, so it can be killed between batches.
    code = ("import sys, time; from newsprism.archive import Archive; from newsprism.ingest import ingest;"
            "ingest([sys.argv[1]], Archive(sys.argv[2]), workers=1, batch_size=20,"
            " on_item=lambda item: time.sleep(0.01))")
    Archive(str(db)).close()  # create the tables before the child and this test both open it
    child = subprocess.Popen([sys.executable, "-c", code, str(pile), str(db)])
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and stored < 40:
        time.sleep(0.1)
        if db.exists():
            try:
                with Archive(str(db)) as archive:
                    stored = archive.count()
            except Exception:
                stored = 0
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Archive(str(db)) as archive:
        partial = archive.count()
        assert 0 < partial < 300, "the kill should land midway"
        report = ingest([str(pile)], archive, workers=2)
        assert report.ingested == 300 - partial and report.already_stored == partial
        assert archive.count() == 300
        assert len({a.id for a in archive.articles()}) == 300
