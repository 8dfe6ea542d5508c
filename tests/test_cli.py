"""The command line: every command runs, says what it did, and fails clearly on bad input."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprism.cli import app

runner = CliRunner()

PAGE = ("Home | World | Sport\n\nFloods close the main highway for a third day\n\n"
        "07:40 - 12/11/2021\n\n"
        "Rescue teams worked through the night to clear debris from the main highway, which has been "
        "closed since Tuesday after the river burst its banks near the town.\n\n"
        "\"The water is still rising and we are asking people to stay away from the bridges,\" the "
        "regional governor said in a statement on Thursday morning.\n\nShare this story!\n")


@pytest.fixture
def pile(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "floods.txt").write_text(PAGE)
    return tmp_path


def test_every_command_has_help_with_an_example():
    for command in ("ingest", "list", "show", "export", "analyze", "reuse", "cluster", "stories", "quotes"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output


def test_ingest_list_show_export(pile):
    db = str(pile / "a.db")
    result = runner.invoke(app, ["ingest", str(pile / "in"), "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output
    listing = runner.invoke(app, ["list", "--db", db])
    assert "Floods close the main highway" in listing.output
    export = pile / "out.json"
    assert runner.invoke(app, ["export", "--json", str(export), "--db", db]).exit_code == 0
    data = json.loads(export.read_text())
    assert set(data) >= {"newsprism", "articles", "reuse", "stories", "entities", "quotes", "statements"}
    article = data["articles"][0]
    assert article["title"] == "Floods close the main highway for a third day"
    assert article["published"].startswith("2021-11-12")
    assert {"text": "Share this story!", "reason": article["removed"][-1]["reason"]} in article["removed"]
    shown = runner.invoke(app, ["show", article["id"][:8], "--db", db])
    assert shown.exit_code == 0 and "regional governor" in shown.output and "removed" in shown.output


def test_failures_give_exit_1_and_name_the_item(pile):
    result = runner.invoke(app, ["ingest", str(pile / "in"), str(pile / "nowhere.txt"),
                                 "--db", str(pile / "a.db"), "--workers", "1"])
    assert result.exit_code == 1
    assert "nowhere.txt" in result.output and "no such file" in result.output
    assert "1 failed" in result.output


def test_show_unknown_id_says_what_to_do(pile):
    result = runner.invoke(app, ["show", "ffffffff", "--db", str(pile / "a.db")])
    assert result.exit_code == 1 and "newsprism list" in result.output


def test_analyze_sample_corpus(idlib_dir, tmp_path):
    out = tmp_path / "idlib.json"
    result = runner.invoke(app, ["analyze", str(idlib_dir), "--db", str(tmp_path / "i.db"),
                                 "--json", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert len(data["articles"]) == 5
    outlets = {a["outlet"]["name"] for a in data["articles"] if a["outlet"]}
    assert outlets == {"Anadolu Agency", "Sputnik", "Duvar English", "RT"}
