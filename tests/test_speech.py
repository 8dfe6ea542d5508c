"""Who said what over the archive: per-article analyses stored and reused, entities and statements
across articles, the `quotes` command, and the sample corpus through every stage."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprism.archive import Archive
from newsprism.cli import app
from newsprism.corpus import cluster_stories
from newsprism.ingest import ingest
from newsprism.speech import ArticleAnalysis, analyse_archive, analyse_article, speech_sections

# Two outlets report one statement in their own words; the second also quotes another one.
HARBOUR_A = """The northern harbour stayed closed on Thursday after the storm damaged two of its piers.

"We will not reopen the harbour until every pier has been inspected by engineers," Mayor Helena Varga told reporters at the town hall.

She added that the fishing fleet would be compensated for the lost days.
"""

HARBOUR_B = """Mayor Helena Varga said on Thursday that the harbour of the port town would remain closed.

"The harbour will not open again before engineers have inspected each of the piers," the mayor said.

"Nobody should try to take a boat out this weekend," Varga warned.
"""


@pytest.fixture
def harbour(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text, outlet, day in (("a", HARBOUR_A, "Valley Courier", "2022-03-03"),
                                    ("b", HARBOUR_B, "Coastal Times", "2022-03-04")):
        record = {"id": name, "text": text, "outlet": outlet, "published": day, "title": f"Harbour report {name}"}
        (folder / f"{name}.jsonl").write_text(json.dumps(record) + "\n")
    return folder


def test_analysis_round_trips_through_json():
    found = analyse_article("x", HARBOUR_A)
    assert found.quotes and found.mentions
    back = ArticleAnalysis.from_json("x", *found.to_json())
    assert back == found


def test_statement_across_outlets_and_incremental_runs(db_url, harbour, tmp_path):
    with Archive(db_url) as archive:
        ingest([str(harbour / "a.jsonl")], archive, workers=1)
        cluster_stories(archive)
        first = analyse_archive(archive)
        assert first.analysed == 1 and first.quotes >= 1 and not first.failed
        assert analyse_archive(archive).analysed == 0  # nothing new: nothing redone
        one = speech_sections(archive)
        assert {q["article"] for q in one["quotes"]} == {archive.articles().__next__().id}

        ingest([str(harbour / "b.jsonl")], archive, workers=1)
        cluster_stories(archive)
        assert analyse_archive(archive).analysed == 1  # only the new article
        sections = speech_sections(archive)
    varga = [e for e in sections["entities"] if e["type"] == "PERSON" and e["name"].endswith("Varga")]
    assert len(varga) == 1 and any("mayor" in r.lower() for r in varga[0]["roles"])
    by_id = {q["id"]: q for q in sections["quotes"]}
    assert all(q["speaker"]["entity"] == varga[0]["id"] for q in sections["quotes"])
    inspected = [s for s in sections["statements"] if len(s["articles"]) == 2]
    assert len(inspected) == 1
    assert all("inspected" in by_id[q]["text"] for q in inspected[0]["quotes"])
    assert inspected[0]["first_outlet"] == "Valley Courier"
    assert set(inspected[0]["outlets"]) == {"Valley Courier", "Coastal Times"}


def test_a_speaker_resolved_across_articles_takes_the_entity_name_and_type(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {
        "a": "Harbour spokesman Jonas Berg said on Monday that the northern pier would reopen next week.",
        "b": "Harbour spokesman says the pier is safe\n\nThe pier is safe again, the harbour spokesman said.\n\n"
             "Berg said the divers had finished their inspection. Berg added that the ferry would run again.",
    }
    for name, text in texts.items():
        record = {"id": name, "text": text, "outlet": f"Outlet {name}", "published": "2022-03-03", "title": name}
        (folder / f"{name}.jsonl").write_text(json.dumps(record) + "\n")
    with Archive(str(tmp_path / "archive.db")) as archive:
        ingest([str(folder)], archive, workers=1)
        cluster_stories(archive)
        analyse_archive(archive)
        sections = speech_sections(archive)
    berg = next(e for e in sections["entities"] if e["name"] == "Jonas Berg")
    quotes = [q for q in sections["quotes"] if q["speaker"] and q["speaker"]["entity"] == berg["id"]]
    assert len(quotes) >= 3
    assert all(q["speaker"]["name"] == "Jonas Berg" or q["speaker"]["mention"].startswith("Berg") for q in quotes)
    assert all(q["speaker"]["type"] == "PERSON" for q in quotes)
    assert any("spokesman" in q["speaker"]["mention"] and q["speaker"]["name"] == "Jonas Berg" for q in quotes)


def test_a_new_extractor_version_redoes_the_analyses(tmp_path, harbour, monkeypatch):
    import newsprism.speech as speech

    with Archive(str(tmp_path / "v.db")) as archive:
        ingest([str(harbour)], archive, workers=1)
        assert analyse_archive(archive).analysed == 2
        monkeypatch.setattr(speech, "analyser_version", lambda: "another-version")
        assert analyse_archive(archive).analysed == 2
        assert len(list(archive.analyses())) == 2  # replaced, not added


def test_a_failing_article_is_named_and_the_rest_stored(tmp_path, harbour, monkeypatch):
    import newsprism.speech as speech

    real = speech.analyse_article

    def fragile(article_id, text):
        if "boat out this weekend" in text:
            raise RuntimeError("parser crashed")
        return real(article_id, text)

    monkeypatch.setattr(speech, "analyse_article", fragile)
    with Archive(str(tmp_path / "f.db")) as archive:
        ingest([str(harbour)], archive, workers=1)
        run = analyse_archive(archive)
        assert run.analysed == 1 and len(run.failed) == 1 and "parser crashed" in run.failed[0][1]
        monkeypatch.setattr(speech, "analyse_article", real)
        assert analyse_archive(archive).analysed == 1  # the failed one is retried next time


def test_quotes_command(harbour, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "q.db")
    assert runner.invoke(app, ["ingest", str(harbour), "--db", db, "--workers", "1"]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--db", db, "--speaker", "varga"])
    assert result.exit_code == 0, result.output
    assert "Helena Varga" in result.output and "Valley Courier" in result.output and "Coastal Times" in result.output
    assert "inspected" in result.output
    none = runner.invoke(app, ["quotes", "--db", db, "--speaker", "nobody"])
    assert none.exit_code == 0 and "no quotes" in none.output
    bad = runner.invoke(app, ["quotes", "--db", db, "--story", "story-s99"])
    assert bad.exit_code == 1 and "newsprism stories" in bad.output
    assert "Example" in runner.invoke(app, ["quotes", "--help"]).output


# ---------------------------------------------------------------- the sample corpus


@pytest.mark.shared
def test_idlib_export_has_who_said_what(idlib_archive, tmp_path):
    path, sections, key_of = idlib_archive
    out = tmp_path / "idlib.json"
    result = CliRunner().invoke(app, ["export", "--json", str(out), "--db", path])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["quotes"] == sections["quotes"] and data["statements"] == sections["statements"]
    speakers = {e["name"].split()[-1] for e in data["entities"] if e["type"] == "PERSON"
                for q in data["quotes"] if (q["speaker"] or {}).get("entity") == e["id"]}
    assert {"Peskov", "Lavrov", "Erdogan", "Putin", "Akar"} <= speakers
    story = data["stories"][0]["id"]
    assert all(s["story"] == story for s in data["statements"])


def test_a_process_pool_gives_the_same_analyses(tmp_path):
    towns = ["Avonmore", "Bexley", "Carrow", "Dunmore", "Eastwick", "Fairlie", "Glenholm", "Harwick", "Ivybridge",
             "Jarrow"]
    folder = tmp_path / "in"
    folder.mkdir()
    for i, town in enumerate(towns):
        (folder / f"{i}.txt").write_text(
            f"The council of {town} voted on Monday to close the old bridge for repairs.\n\n"
            f"\"The bridge in {town} is no longer safe for lorries,\" council leader Marta Kowalski said.\n\n"
            f"She added that the work would take {i + 2} months.\n")
    results = {}
    for workers in (1, 2):
        with Archive(str(tmp_path / f"w{workers}.db")) as archive:
            ingest([str(folder)], archive, workers=1)
            run = analyse_archive(archive, workers=workers)
            assert run.analysed == len(towns) and not run.failed
            results[workers] = sorted(archive.analyses())
    assert results[1] == results[2]
