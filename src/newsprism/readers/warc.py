"""WARC reader: every HTML page a crawl fetched (HTTP 200), as raw ``Document`` items.

fastwarc streams the file record by record (plain ``.warc``, or gzipped per record or whole,
told from the bytes, not the name), so a WARC of many GB never sits in memory.
"""
from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader, ZstdReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsprism.models import Document, ReadError
from newsprism.readers import DEFAULT_MAX_BYTES

HTML_TYPES = {"text/html", "application/xhtml+xml"}
MAX_HEADER = 32 << 10  # fastwarc's own limit on a WARC header's length


class _Truncated(Exception):
    """The file was cut short inside a record; ``partial`` if fastwarc already counted that record."""

    def __init__(self, detail: str, *, partial: bool = False):
        super().__init__(detail)
        self.partial = partial


def read_warc(path: Path, *,
              max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """Yield a ``Document`` for every HTML page answered with status 200 in the WARC at ``path``.

    Each document holds the HTTP body (transfer and content encodings undone, bytes otherwise as
    served), ``url`` from WARC-Target-URI, ``record_id`` from WARC-Record-ID, ``encoding`` from the
    HTTP Content-Type charset (None if absent) and ``source`` ``"<path>#<record id>"``.
    Requests, metadata, revisits, non-HTML and non-200 responses are skipped silently.
    A page whose body cannot be decoded, or larger than ``max_bytes`` (None: no limit), yields a
    ``ReadError`` and the reading goes on. A truncated or corrupt file yields every record before the damage and
    then one ``ReadError`` for the file; nothing is ever raised out of the iterator.
    """
    source = str(path)
    try:
        raw = open(path, "rb")
    except OSError as err:
        yield ReadError(source, f"cannot read: {err.strerror or err}")
        return
    records, last = 0, None
    with raw:
        try:
            gzipped = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            # Python's gzip, not fastwarc's, for .warc.gz: fastwarc ends a cut-off gzip stream
            # silently, Python's raises EOFError (and handles per-record members the same way)
            stream = _Gunzip(raw) if gzipped else raw
            # all record types, so that the count in an error message is the file's record count;
            # auto_decode stays off so that a cut-off body shows as shorter than declared
            iterator = ArchiveIterator(stream, parse_http=True, auto_decode="none", stream_detect=not gzipped)
            for record in iterator:
                item = _record_item(record, source, max_bytes)
                records += 1
                last = (record.stream_pos, record.headers.get("Content-Length"))
                if item is not None:
                    yield item
            if not gzipped:
                _check_tail(raw, last)
        except (OSError, EOFError, zlib.error, _Truncated) as err:
            # OSError: fastwarc on corrupt records, gzip on corrupt data; EOFError: gzip cut short
            complete = records - 1 if getattr(err, "partial", False) else records
            yield ReadError(source, f"truncated or corrupt WARC after {complete} records: {err}")


def _check_tail(stream: BinaryIO, last: tuple[int, str | None] | None) -> None:
    """Raise ``_Truncated`` if anything but blank lines follows the last complete record.

    fastwarc stops without a word at a record cut inside its WARC header (the tail of a plain
    .warc cut short); this finds it: the last record ends where its header's blank line plus its
    Content-Length say, and only the record separator may come after.
    """
    end = 0
    if last is not None:
        position, length = last
        stream.seek(position)
        head = stream.read(MAX_HEADER)
        blank = head.find(b"\r\n\r\n")
        if blank < 0 or not (length or "").strip().isdigit():
            # fastwarc hands out a record whose header the file cuts off, without its length
            raise _Truncated("the last record's header is cut short", partial=True)
        end = position + blank + 4 + int(length)
    stream.seek(end)
    rest = stream.read(4096)
    if rest.strip():
        raise _Truncated(f"the data after the last complete record is not a whole WARC record "
                         f"(starting {rest[:20]!r})")


class _Gunzip:
    """A gzip stream whose ``read`` returns what is decompressed so far (``read1``).

    fastwarc reads ahead in large blocks: with plain ``read`` the EOFError of a cut-off file would
    arrive with the block and take the complete records before the cut down with it.
    """

    def __init__(self, raw: BinaryIO):
        self._gzip = gzip.GzipFile(fileobj=raw)

    def read(self, size: int = -1) -> bytes:
        return self._gzip.read1(size)

    def tell(self) -> int:
        return self._gzip.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._gzip.seek(offset, whence)

    def close(self) -> None:
        self._gzip.close()


def _record_item(record: WarcRecord, source: str, max_bytes: int | None) -> Document | ReadError | None:
    """The ``Document`` (or ``ReadError``) one record gives, or None for records we skip.

    Raises ``_Truncated`` when the record's content is shorter than declared.
    """
    if record.record_type != WarcRecordType.response or not record.is_http_parsed:
        _consume(record)
        return None
    headers = record.http_headers
    content_type = (record.http_content_type or record.headers.get("WARC-Identified-Payload-Type") or "")
    if headers.status_code != 200 or content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        _consume(record)
        return None
    record_id = record.record_id
    where = f"{source}#{record_id}"
    if max_bytes is not None and record.content_length > max_bytes:
        _consume(record)
        return ReadError(where, f"{record.content_length / 1e6:.1f} MB is larger than the "
                                f"{max_bytes / 1e6:g} MB limit for one article; raise --max-size")
    raw = record.reader.read()
    if len(raw) < record.content_length:
        raise _Truncated(f"record {record_id} ends after {len(raw)} of {record.content_length} bytes")
    try:
        body = decode_http_body(raw, headers.get("Transfer-Encoding"), headers.get("Content-Encoding"))
    except (OSError, ValueError, zlib.error) as err:
        return ReadError(where, f"cannot decode the HTTP body: {err}")
    if not body.strip():
        return ReadError(where, "empty HTTP body", skipped=True)
    return Document(
        source=where,
        content=body,
        media_type="html",
        url=(record.headers.get("WARC-Target-URI") or "").strip("<> ") or None,  # WARC/1.0 allowed <...>
        record_id=record_id,
        encoding=record.http_charset or None,
    )


def _consume(record: WarcRecord) -> None:
    """Skip a record's content, checking that all of it is there."""
    expected = record.content_length
    if record.consume() < expected:
        raise _Truncated(f"record {record.record_id} is cut short")


def _inflate(data: bytes) -> bytes:
    """HTTP "deflate": zlib-wrapped as the standard says, or raw deflate as some servers send."""
    try:
        return zlib.decompress(data)
    except zlib.error:
        return zlib.decompress(data, -zlib.MAX_WBITS)


# fastwarc's own decoders, applied by hand because its auto_decode would hide a cut-off body
_DECODERS = {
    "gzip": lambda data: GzipReader(io.BytesIO(data)).read(),
    "x-gzip": lambda data: GzipReader(io.BytesIO(data)).read(),
    "deflate": _inflate,
    "br": lambda data: BrotliReader(io.BytesIO(data)).read(),
    "zstd": lambda data: ZstdReader(io.BytesIO(data)).read(),
}


def decode_http_body(raw: bytes, transfer_encoding: str | None, content_encoding: str | None) -> bytes:
    """Undo chunked transfer encoding and gzip/deflate/br/zstd content encodings; return the body.

    Raises ``ValueError`` for an encoding we do not know, ``OSError`` or ``zlib.error`` for
    damaged data.
    """
    body = raw
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        body = ChunkedReader(io.BytesIO(body)).read()
    # encodings are listed in the order they were applied: undo them last first
    for name in reversed([n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]):
        if name == "identity":
            continue
        if name not in _DECODERS:
            raise ValueError(f"unsupported Content-Encoding {name!r}")
        body = _DECODERS[name](body)
    return body
