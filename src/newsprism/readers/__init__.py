"""Readers: turn whatever the user points at into a stream of raw ``Document`` items.

``read_paths`` accepts files, directories (walked recursively), glob patterns and ``-`` for
standard input, and dispatches on the file's kind:

- plain text (``.txt``, anything that sniffs as text): one article per file, as scraped;
- HTML (``.html``, ``.htm``, ``.xhtml``, or content that starts like HTML): one page per file;
- JSON records (``.jsonl``/``.ndjson`` one per line, ``.json`` an object or a list of objects)
  with ``text`` or ``html`` and optional ``url``, ``title``, ``published``, ``outlet``, ``id``;
- WARC crawls (``.warc``, ``.warc.gz``): every HTTP response that is an HTML page;
- any of these gzip-compressed (``.gz``).

Nothing is raised for bad input: each unreadable item becomes one ``ReadError`` naming it and the
reason, and the stream goes on with the next item.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsprism.models import Document, ReadError
from newsprism.readers.decoding import NotText, binary_kind, decode_text

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest single article (one text or HTML file, one JSON record) accepted by default."""

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
WARC_SUFFIXES = {".warc", ".arc"}
RECORD_FIELDS = ("title", "published", "outlet", "id")

Item = Document | ReadError


def read_paths(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield a ``Document`` for every article found under ``paths``, a ``ReadError`` for the rest.

    ``paths`` may mix files, directories, glob patterns and ``-`` (standard input).
    """
    for arg in paths:
        if arg == "-":
            yield from read_stream(sys.stdin.buffer.read(), "<stdin>", max_bytes=max_bytes)
            continue
        for path in expand(arg):
            if isinstance(path, ReadError):
                yield path
            else:
                yield from read_file(path, max_bytes=max_bytes)


def expand(arg: str) -> Iterator[Path | ReadError]:
    """The files one command-line argument names: itself, a directory's files, or glob matches."""
    path = Path(arg)
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name
    elif path.exists():
        yield path
    elif glob.has_magic(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield ReadError(arg, "the pattern matches no file")
        for match in matches:
            yield from expand(match)
    else:
        yield ReadError(arg, "no such file or directory")


def kind_of(name: str) -> tuple[str | None, bool]:
    """``(kind, gzipped)`` from a file name: kind is text/html/jsonl/json/warc or None."""
    suffixes = [s.lower() for s in Path(name).suffixes[-2:]]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    for kind, known in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES),
                        ("json", JSON_SUFFIXES), ("warc", WARC_SUFFIXES)):
        if suffix in known:
            return kind, gzipped
    return None, gzipped


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield the articles of one file (see the module docstring for the kinds)."""
    source = str(path)
    kind, gzipped = kind_of(path.name)
    try:
        size = path.stat().st_size
        if kind == "warc":
            yield from _read_warc(path, max_bytes)
            return
        if size == 0:
            yield ReadError(source, "empty file", skipped=True)
            return
        if kind == "jsonl":
            opener = gzip.open if gzipped else open
            with opener(path, "rb") as stream:
                yield from read_jsonl(stream, source, max_bytes=max_bytes)
            return
        if not gzipped and kind in ("text", "html", None) and size > max_bytes:
            yield _too_large(source, size, max_bytes)
            return
        content = path.read_bytes()
    except OSError as err:
        yield ReadError(source, f"cannot read: {err.strerror or err}")
        return
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        yield ReadError(source, f"truncated or corrupt gzip: {err}")
        return
    yield from read_stream(content, source, kind=kind, gzipped=gzipped, max_bytes=max_bytes)


def read_stream(content: bytes, source: str, *, kind: str | None = None, gzipped: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield the articles in ``content``, the whole bytes of one file or of standard input."""
    if gzipped or content[:2] == b"\x1f\x8b":
        if content[:4] == b"\x1f\x8b\x08\x00" and kind is None and _looks_like_warc_gz(content):
            kind = "warc"
        else:
            try:
                content = gzip.decompress(content)
            except (EOFError, zlib.error, gzip.BadGzipFile) as err:
                yield ReadError(source, f"truncated or corrupt gzip: {err}")
                return
    if not content.strip():
        yield ReadError(source, "empty file", skipped=True)
        return
    kind = kind or sniff(content)
    if kind == "warc":
        yield from _read_warc_bytes(content, source, max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl(io.BytesIO(content), source, max_bytes=max_bytes)
    elif kind == "json":
        yield from read_json(content, source, max_bytes=max_bytes)
    else:
        binary = binary_kind(content)
        if binary:
            yield ReadError(source, f"not an article: {binary}", skipped=True)
        elif len(content) > max_bytes:
            yield _too_large(source, len(content), max_bytes)
        else:
            yield Document(source=source, content=content, media_type="html" if kind == "html" else "text")


def sniff(content: bytes) -> str:
    """Guess the kind of an unnamed input from its first bytes."""
    head = content[:1024].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head:
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    return "text"


def read_jsonl(stream: Iterable[bytes], source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One record per line; a bad line becomes a ``ReadError`` for ``source:LINE`` and is passed."""
    lineno = 0
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{source}:{lineno}"
            if len(line) > max_bytes:
                yield _too_large(where, len(line), max_bytes)
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                yield ReadError(where, f"malformed JSON line: {err}")
                continue
            yield record_document(record, where)
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        yield ReadError(source, f"truncated or corrupt gzip after line {lineno}: {err}")


def read_json(content: bytes, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """A JSON file holding one record or a list of records."""
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        yield ReadError(source, f"malformed JSON: {err}")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = f"{source}[{index}]" if isinstance(data, list) else source
        document = record_document(record, where)
        if isinstance(document, Document) and len(document.content) > max_bytes:
            document = _too_large(where, len(document.content), max_bytes)
        yield document


def record_document(record: object, source: str) -> Item:
    """A ``Document`` from one JSON record, or a ``ReadError`` saying what the record lacks."""
    if not isinstance(record, dict):
        return ReadError(source, f"expected a JSON object, got {type(record).__name__}")
    body, media_type = record.get("html"), "html"
    if not isinstance(body, str) or not body.strip():
        body, media_type = record.get("text"), "text"
    if not isinstance(body, str) or not body.strip():
        return ReadError(source, 'record has no "text" or "html" field with content')
    hints = {name: str(record[name]) for name in RECORD_FIELDS if record.get(name) not in (None, "")}
    url = record.get("url") or None
    return Document(source=source, content=body.encode("utf-8"), media_type=media_type,
                    url=str(url) if url else None, record_id=hints.get("id"), encoding="utf-8",
                    hints=hints)


def _too_large(source: str, size: int, max_bytes: int) -> ReadError:
    return ReadError(source, f"{size / 1e6:.1f} MB is larger than the {max_bytes / 1e6:.0f} MB limit "
                             "for one article; split it or raise --max-size")


def _looks_like_warc_gz(content: bytes) -> bool:
    try:
        head = zlib.decompressobj(31).decompress(content[:4096], 64)
    except zlib.error:
        return False
    return head.lstrip().upper().startswith(b"WARC/")


def _read_warc(path: Path, max_bytes: int) -> Iterator[Item]:
    from newsprism.readers.warc import read_warc

    yield from read_warc(path, max_bytes=max_bytes)


def _read_warc_bytes(content: bytes, source: str, max_bytes: int) -> Iterator[Item]:
    # fastwarc reads files; a WARC arriving on stdin is spooled to a temporary file first.
    with tempfile.NamedTemporaryFile(suffix=".warc") as spool:
        spool.write(content)
        spool.flush()
        for item in _read_warc(Path(spool.name), max_bytes):
            if isinstance(item, Document):
                item.source = item.source.replace(spool.name, source)
            else:
                item = ReadError(item.source.replace(spool.name, source), item.reason, item.skipped)
            yield item


__all__ = ["read_paths", "read_file", "read_stream", "expand", "sniff", "decode_text", "NotText",
           "DEFAULT_MAX_BYTES"]
