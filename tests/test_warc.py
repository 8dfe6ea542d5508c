"""The WARC reader on WARC files written here by hand (the format is plain text headers)."""
from __future__ import annotations

import gzip
import uuid
import zlib
from pathlib import Path

import pytest

from newsprism.models import Document, ReadError
from newsprism.readers.warc import decode_http_body, read_warc

PAGE = ("<html><head><title>Harbour news</title></head><body>"
        "<p>The ferry to the island will run twice a day from Monday, the port said.</p>"
        "</body></html>").encode("utf-8")
CYRILLIC = "<html><body><p>Паром будет ходить дважды в день.</p></body></html>".encode("cp1251")


def warc_record(kind: str, uri: str, block: bytes, *, content_type: str | None = None,
                extra: str = "") -> tuple[bytes, str]:
    """One WARC/1.1 record and its WARC-Record-ID."""
    record_id = f"<urn:uuid:{uuid.uuid4()}>"
    if content_type is None:
        content_type = f"application/http; msgtype={'request' if kind == 'request' else 'response'}"
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id}\r\n"
            f"WARC-Date: 2021-03-09T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {content_type}\r\n{extra}Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n", record_id


def http_response(status: str, content_type: str | None, body: bytes, extra: str = "") -> bytes:
    ctype = f"Content-Type: {content_type}\r\n" if content_type else ""
    return (f"HTTP/1.1 {status}\r\n{ctype}{extra}Content-Length: {len(body)}\r\n\r\n").encode() + body


def chunked(body: bytes, size: int = 40) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


@pytest.fixture
def crawl() -> dict:
    """A small crawl: what each record is, and which records must come out as documents."""
    records = [
        ("warcinfo", warc_record("warcinfo", "", b"software: hand-written\r\n",
                                 content_type="application/warc-fields")),
        ("request", warc_record("request", "https://port.example/ferry",
                                b"GET /ferry HTTP/1.1\r\nHost: port.example\r\n\r\n")),
        ("html", warc_record("response", "https://port.example/ferry",
                             http_response("200 OK", "text/html; charset=utf-8", PAGE))),
        ("css", warc_record("response", "https://port.example/site.css",
                            http_response("200 OK", "text/css", b"body { color: black }"))),
        ("404", warc_record("response", "https://port.example/missing",
                            http_response("404 Not Found", "text/html", b"<html><p>Not found</p></html>"))),
        ("redirect", warc_record("response", "https://port.example/old",
                                 http_response("301 Moved Permanently", "text/html", b"",
                                               "Location: https://port.example/ferry\r\n"))),
        ("xhtml-cp1251", warc_record("response", "https://port.example/ru",
                                     http_response("200 OK", "application/xhtml+xml; charset=windows-1251",
                                                   CYRILLIC))),
        ("metadata", warc_record("metadata", "https://port.example/ferry", b"outlinks: none\r\n",
                                 content_type="application/warc-fields")),
        ("gzip-chunked", warc_record("response", "https://port.example/packed", (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n" + chunked(gzip.compress(PAGE))))),
        ("revisit", warc_record("revisit", "https://port.example/ferry",
                                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                                extra="WARC-Profile: http://netpreserve.org/warc/1.1/revisit/"
                                      "identical-payload-digest\r\n")),
    ]
    return {"records": records, "html": ["html", "xhtml-cp1251", "gzip-chunked"]}


def write_warc(path: Path, records, *, compress: str | None = None) -> Path:
    """Write records as a plain WARC, gzipped per record ("record") or as one stream ("whole")."""
    blobs = [blob for _, (blob, _) in records]
    if compress == "record":
        data = b"".join(gzip.compress(blob) for blob in blobs)
    elif compress == "whole":
        data = gzip.compress(b"".join(blobs))
    else:
        data = b"".join(blobs)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, compress", [
    ("crawl.warc", None), ("crawl.warc.gz", "record"), ("crawl.warc.gz", "whole"),
    ("no-suffix", "record"),  # the compression is told from the bytes, not the name
])
def test_reads_only_html_pages_answered_200(tmp_path, crawl, name, compress):
    path = write_warc(tmp_path / name, crawl["records"], compress=compress)
    items = list(read_warc(path))
    assert all(isinstance(item, Document) for item in items), items
    by_kind = dict(crawl["records"])
    expected = [by_kind[kind][1] for kind in crawl["html"]]
    assert [doc.record_id for doc in items] == expected
    assert [doc.source for doc in items] == [f"{path}#{rid}" for rid in expected]
    assert all(doc.media_type == "html" for doc in items)

    page, cyrillic, packed = items
    assert page.content == PAGE
    assert page.url == "https://port.example/ferry"
    assert page.encoding == "utf-8"
    assert cyrillic.content == CYRILLIC  # bytes as served; the charset travels alongside
    assert cyrillic.encoding == "windows-1251"
    assert packed.content == PAGE  # chunked transfer and gzip content encoding undone
    assert packed.encoding is None


def test_truncated_gzipped_warc_yields_what_is_readable_then_an_error(tmp_path, crawl):
    whole = write_warc(tmp_path / "whole.warc.gz", crawl["records"], compress="record").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 30])  # inside the last record's gzip member
    items = list(read_warc(cut))
    *documents, error = items
    assert [doc.record_id for doc in documents] == [dict(crawl["records"])[k][1] for k in crawl["html"]]
    assert isinstance(error, ReadError)
    assert error.source == str(cut)
    assert error.reason.startswith(f"truncated or corrupt WARC after {len(crawl['records']) - 1} records: ")


def test_cut_inside_a_page_body_is_not_a_page(tmp_path, crawl):
    data = write_warc(tmp_path / "a.warc", crawl["records"]).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(b"Monday")])  # the first HTML body, cut mid-sentence
    items = list(read_warc(cut))
    assert len(items) == 1
    assert isinstance(items[0], ReadError)
    assert items[0].reason.startswith("truncated or corrupt WARC after 2 records: ")


def test_cut_inside_a_record_header(tmp_path, crawl):
    data = write_warc(tmp_path / "a.warc", crawl["records"]).read_bytes()
    cut = tmp_path / "cut.warc"
    third = data.index(b"WARC/1.1", data.index(b"WARC/1.1", 1) + 1)
    cut.write_bytes(data[: third + 40])  # two whole records, then half a header
    items = list(read_warc(cut))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].reason == "truncated or corrupt WARC after 2 records: the last record's header is cut short"


@pytest.mark.parametrize("compress", [None, "record", "whole"])
def test_every_cut_point_is_reported_or_harmless(tmp_path, crawl, compress):
    """Cut the file at every other byte: never an exception, never a partial page, and a
    ReadError unless the cut falls between whole records."""
    records = crawl["records"][:4]  # warcinfo, request, the HTML page, the CSS file
    data = write_warc(tmp_path / "full", records, compress=compress).read_bytes()
    cut = tmp_path / "cut.warc"
    silent = 0
    for end in range(0, len(data), 2):
        cut.write_bytes(data[:end])
        items = list(read_warc(cut))
        documents = [item for item in items if isinstance(item, Document)]
        assert all(doc.content == PAGE for doc in documents)
        errors = [item for item in items if isinstance(item, ReadError)]
        assert len(errors) <= 1 and (not errors or items[-1] is errors[0])
        silent += not errors
    # only cuts on record boundaries (plain: the blank lines after a record) pass silently
    assert silent <= 5 * len(records) + 1


def test_corrupt_record_header(tmp_path, crawl):
    data = write_warc(tmp_path / "a.warc", crawl["records"]).read_bytes()
    broken = tmp_path / "broken.warc"
    second = data.index(b"WARC/1.1", 1)
    broken.write_bytes(data[:second] + b"this is not a WARC header\r\n\r\n" + data[second:])
    items = list(read_warc(broken))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].reason.startswith("truncated or corrupt WARC after 1 records: ")


def test_not_a_warc_at_all(tmp_path):
    path = tmp_path / "page.warc"
    path.write_bytes(PAGE)
    items = list(read_warc(path))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "truncated or corrupt WARC after 0 records" in items[0].reason


def test_missing_file(tmp_path):
    items = list(read_warc(tmp_path / "nowhere.warc"))
    assert items == [ReadError(str(tmp_path / "nowhere.warc"), "cannot read: No such file or directory")]


def test_empty_file_yields_nothing(tmp_path):
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    assert list(read_warc(path)) == []


def test_page_over_the_size_limit_is_an_error_and_reading_goes_on(tmp_path):
    big = b"<html><body>" + b"<p>word</p>" * 200 + b"</body></html>"
    records = [warc_record("response", "https://a.example/big", http_response("200 OK", "text/html", big)),
               warc_record("response", "https://a.example/small", http_response("200 OK", "text/html", PAGE))]
    path = write_warc(tmp_path / "a.warc", [("big", records[0]), ("small", records[1])])
    big_item, small_item = read_warc(path, max_bytes=1000)
    assert [type(item) for item in read_warc(path, max_bytes=None)] == [Document, Document]
    assert isinstance(big_item, ReadError) and "larger than" in big_item.reason
    assert big_item.source == f"{path}#{records[0][1]}"
    assert isinstance(small_item, Document) and small_item.content == PAGE


def test_undecodable_body_is_an_error_for_that_page_only(tmp_path):
    bad = warc_record("response", "https://a.example/bad", http_response(
        "200 OK", "text/html", b"this is not gzip data", "Content-Encoding: gzip\r\n"))
    good = warc_record("response", "https://a.example/good", http_response("200 OK", "text/html", PAGE))
    path = write_warc(tmp_path / "a.warc", [("bad", bad), ("good", good)])
    bad_item, good_item = read_warc(path)
    assert isinstance(bad_item, ReadError) and bad_item.reason.startswith("cannot decode the HTTP body")
    assert isinstance(good_item, Document) and good_item.content == PAGE


def test_decode_http_body():
    assert decode_http_body(chunked(PAGE), "chunked", None) == PAGE
    assert decode_http_body(gzip.compress(PAGE), None, "gzip") == PAGE
    assert decode_http_body(zlib.compress(PAGE), None, "deflate") == PAGE
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert decode_http_body(raw_deflate.compress(PAGE) + raw_deflate.flush(), None, "deflate") == PAGE
    assert decode_http_body(PAGE, None, "identity") == PAGE
    with pytest.raises(ValueError, match="unsupported Content-Encoding"):
        decode_http_body(PAGE, None, "compress")


def test_documents_feed_the_html_route(tmp_path, crawl):
    from newsprism.html import extract_html

    path = write_warc(tmp_path / "a.warc.gz", crawl["records"], compress="record")
    texts = [extract_html(doc.content, url=doc.url, encoding=doc.encoding).text for doc in read_warc(path)]
    assert "The ferry to the island will run twice a day from Monday, the port said." in texts[0]
    assert "Паром будет ходить дважды в день." in texts[1]
