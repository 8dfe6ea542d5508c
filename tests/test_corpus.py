"""Corpus stages over the archive: reuse and stories, incremental, on both databases."""
from __future__ import annotations

from pathlib import Path

from newsprism.archive import Archive
from newsprism.corpus import cluster_stories, detect_reuse
from newsprism.ingest import ingest

SHARED_CLOSE = [
    "Engineers said the damaged pipeline would take at least three weeks to repair, leaving "
    "several northern districts without a reliable water supply during the hottest month.",
    "The regional water authority has set up forty distribution points and asked residents to "
    "limit their use to drinking and cooking until the repairs are complete.",
    "Last year a similar failure on the same line left about twenty thousand households without "
    "water for nine days and led to the resignation of the authority's director.",
]


OWN = {
    "a": ["Video posted by residents showed water gushing several metres into the air beside the "
          "ring road while police diverted traffic away from the junction for most of the morning.",
          "The mayor blamed decades of under-investment and said the city council would ask the "
          "national government for emergency funds to replace the oldest sections of the network.",
          "Shops and cafes along the flooded streets stayed closed, and two schools sent pupils home "
          "before noon because their toilets and kitchens could no longer be used."],
    "b": ["Some residents said they had waited more than two hours in the heat, and volunteers "
          "handed out bottled water and umbrellas to elderly people standing in the lines.",
          "Hospitals in the affected area are being supplied by tanker trucks, the health ministry "
          "said, adding that no operations had been postponed so far because of the shortage.",
          "Opposition councillors called for an independent inquiry into why warnings about the "
          "pipeline's condition, raised in an audit two years ago, were not acted upon."],
}


def page(key: str, headline: str, lead: str, date: str) -> str:
    body = [lead, *OWN[key], *SHARED_CLOSE]
    return f"{headline}\n\n{date}\n\n" + "\n\n".join(body) + "\n"


def test_reuse_and_stories_are_incremental(db_url, tmp_path):
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.txt").write_text(page("a",
        "Pipeline burst cuts water to northern districts",
        "A main water pipeline burst early on Monday, flooding two streets and cutting supplies to "
        "tens of thousands of homes in the northern districts, officials said.", "08:10 - 03/07/2023"))
    (pile / "b.txt").write_text(page("b",
        "Residents queue for water as repairs begin",
        "Long queues formed on Tuesday at water distribution points across the north of the city "
        "as crews began digging out the broken section of the pipeline.", "17:45 - 04/07/2023"))
    with Archive(db_url) as archive:
        ingest([str(pile)], archive, workers=1)
        run = detect_reuse(archive)
        assert run.checked == 2 and len(run.findings) == 1
        finding = run.findings[0]
        assert finding["kind"] == "shared_passages" and len(finding["passages"]) == 3
        stories = cluster_stories(archive, "story")
        assert len(stories) == 1 and len(stories[0]["articles"]) == 2

        # A later batch: a copy of the first article under a new headline (the same body: a
        # duplicate) joins the same story, is checked against the stored sketches only, and
        # nothing stored is reported again.
        (pile / "c.txt").write_text((pile / "a.txt").read_text().replace(
            "Pipeline burst cuts water to northern districts", "Water cut after pipe bursts"))
        ingest([str(pile)], archive, workers=1)
        again = detect_reuse(archive)
        assert again.checked == 1
        assert sorted(f["kind"] for f in again.findings) == ["duplicate", "shared_passages"]
        assert len(archive.reuse_findings()) == 3
        stories = cluster_stories(archive, "story")
        assert len(stories) == 1 and len(stories[0]["articles"]) == 3
        assert detect_reuse(archive).checked == 0


def test_sample_corpus_reuse_and_story(idlib_dir: Path, tmp_path):
    with Archive(str(tmp_path / "idlib.db")) as archive:
        ingest([str(idlib_dir)], archive, workers=1)
        run = detect_reuse(archive)
        by_id = {a.id: Path(a.source).name for a in archive.articles()}
        assert len(run.findings) == 1
        finding = run.findings[0]
        pair = sorted(by_id[i][:3] for i in finding["articles"])
        assert pair == ["000", "003"]  # the two Anadolu Agency articles
        assert finding["kind"] == "shared_passages" and len(finding["passages"]) >= 4
        stories = cluster_stories(archive, "story")
        assert len(stories) == 1 and len(stories[0]["articles"]) == 5
