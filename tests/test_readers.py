"""Readers: every input kind, and every kind of bad input reported without stopping the batch."""
from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from newsprism.models import Document, ReadError
from newsprism.readers import read_paths, sniff
from newsprism.readers.decoding import NotText, decode_text

BODY = ("The council voted on Tuesday to extend the ceasefire by another month, officials said.\n\n"
        "\"We will keep talking for as long as it takes,\" the mediator told reporters in Geneva.\n")


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    return docs, errors


def test_directory_is_read_recursively_and_hidden_files_ignored(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(BODY)
    (tmp_path / "two.txt").write_text(BODY + "More.")
    (tmp_path / ".hidden.txt").write_text("secret")
    docs, errors = split(list(read_paths([str(tmp_path)])))
    assert errors == []
    assert sorted(d.source.rsplit("/", 1)[1] for d in docs) == ["one.txt", "two.txt"]
    assert all(d.media_type == "text" for d in docs)


def test_glob_pattern_and_missing_path(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(BODY + name)
    docs, errors = split(list(read_paths([str(tmp_path / "x*.txt"), str(tmp_path / "nope.txt")])))
    assert len(docs) == 2
    assert len(errors) == 1 and errors[0].source.endswith("nope.txt")
    assert "no such file" in errors[0].reason and not errors[0].skipped


def test_html_file_is_html_and_gzipped_html_too(tmp_path):
    html = "<html><head><title>T</title></head><body><p>" + BODY + "</p></body></html>"
    (tmp_path / "page.html").write_text(html)
    (tmp_path / "page2.html.gz").write_bytes(gzip.compress(html.replace("T<", "U<").encode()))
    docs, errors = split(list(read_paths([str(tmp_path)])))
    assert errors == [] and [d.media_type for d in docs] == ["html", "html"]


def test_jsonl_records_keep_metadata_and_bad_lines_are_reported(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": BODY, "title": "Ceasefire extended", "outlet": "Reuters",
                    "published": "2021-03-02", "url": "https://www.reuters.com/x"}),
        "{not json",
        json.dumps({"html": "<p>" + BODY + "</p>", "url": "https://example.org/a"}),
        json.dumps({"title": "no body"}),
        "",
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines))
    docs, errors = split(list(read_paths([str(path)])))
    assert [d.media_type for d in docs] == ["text", "html"]
    assert docs[0].hints == {"id": "r1", "title": "Ceasefire extended", "outlet": "Reuters",
                             "published": "2021-03-02"}
    assert docs[0].url == "https://www.reuters.com/x" and docs[0].source == f"{path}:1"
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:4"]
    assert "malformed JSON" in errors[0].reason and "no \"text\" or \"html\"" in errors[1].reason


def test_json_list_of_records(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"text": BODY}, {"text": BODY + " Second."}, 7]))
    docs, errors = split(list(read_paths([str(path)])))
    assert len(docs) == 2 and len(errors) == 1 and errors[0].source == f"{path}[2]"


def test_empty_and_binary_files_are_skipped_not_failed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    docs, errors = split(list(read_paths([str(tmp_path)])))
    assert docs == []
    reasons = {e.source.rsplit("/", 1)[1]: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty file" and reasons["blank.txt"] == "empty file"
    assert "PDF" in reasons["scan.pdf"] and "PNG" in reasons["photo.txt"]
    assert all(e.skipped for e in errors)


def test_truncated_gzip_fails_with_a_reason_and_the_rest_goes_on(tmp_path):
    data = gzip.compress((BODY * 50).encode())
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "fine.txt").write_text(BODY)
    docs, errors = split(list(read_paths([str(tmp_path)])))
    assert len(docs) == 1 and len(errors) == 1
    assert "truncated or corrupt gzip" in errors[0].reason and not errors[0].skipped


def test_truncated_gzipped_jsonl_keeps_the_records_before_the_cut(tmp_path):
    lines = "\n".join(json.dumps({"text": f"{BODY} Record {i}."}) for i in range(400))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: int(len(data) * 0.6)])
    docs, errors = split(list(read_paths([str(tmp_path)])))
    assert 0 < len(docs) < 400
    assert len(errors) == 1 and "truncated" in errors[0].reason


def test_too_large_file_is_refused_with_the_limit_named(tmp_path):
    big = tmp_path / "dump.txt"
    with big.open("wb") as stream:
        for _ in range(50):
            stream.write((BODY * 6000)[: 1_000_000].encode())
    docs, errors = split(list(read_paths([str(big), ])))
    assert docs == [] and len(errors) == 1
    assert "50.0 MB" in errors[0].reason and "--max-size" in errors[0].reason


@pytest.mark.parametrize("encoding", ["cp1251", "latin-1", "utf-16"])
def test_legacy_encodings_decode_correctly(encoding):
    text = {"cp1251": "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе.",
            "latin-1": "Le ministre a déclaré à la presse que les négociations reprendraient très bientôt.",
            "utf-16": "Dışişleri Bakanı, görüşmelerin gelecek hafta devam edeceğini söyledi."}[encoding]
    decoded, _ = decode_text(text.encode(encoding))
    assert decoded == text


def test_declared_encoding_is_used_and_binary_raises():
    text = "Überraschung in Köln: die Straßenbahn fährt wieder."
    assert decode_text(text.encode("cp1252"), "cp1252")[0] == text
    with pytest.raises(NotText):
        decode_text(b"\x00\x01\x02binary\x00")


def test_stdin_is_sniffed(monkeypatch):
    payload = json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + "!"}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload.encode())))
    docs, errors = split(list(read_paths(["-"])))
    assert len(docs) == 2 and errors == [] and docs[0].source == "<stdin>:1"


def test_sniff():
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b'{"text": "a"}\n{"text": "b"}') == "jsonl"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b"Just some words.") == "text"


def test_document_key_depends_on_content_only():
    a = Document("a.txt", b"same bytes", "text")
    b = Document("elsewhere/b.txt", b"same bytes", "text")
    c = Document("a.txt", b"other bytes", "text")
    assert a.key == b.key != c.key


@pytest.mark.parametrize("encoding,text", [
    ("cp1250", "Minister spraw zagranicznych powiedział, że rozmowy będą kontynuowane w Warszawie."),
    ("cp1254", "Dışişleri Bakanı, görüşmelerin gelecek hafta Ankara'da devam edeceğini söyledi."),
    ("cp1257", "Užsienio reikalų ministras sakė, kad derybos bus tęsiamos kitą savaitę Vilniuje."),
    ("cp1252", "Home | World\n\nPourparlers à Genève end without a deal after six hours of talks on "
               "the buffer zone, officials from both delegations told reporters on Tuesday."),
])
def test_single_byte_latin_code_pages_are_told_apart(encoding, text):
    assert decode_text(text.encode(encoding))[0] == text
