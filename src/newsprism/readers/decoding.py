"""Bytes to text: encoding detection and binary-file detection for raw inputs."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Magic numbers of common binary formats people drop into a folder of articles by mistake.
_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"\x7fELF": "executable",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"SQLite format 3": "SQLite database",
    b"RIFF": "RIFF media file",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise (a binary file)."""


def binary_kind(content: bytes) -> str | None:
    """Name the binary format of ``content`` ("PDF document", ...), or None if it may be text."""
    for magic, name in _BINARY_MAGIC.items():
        if content.startswith(magic):
            return name
    head = content[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text has NUL bytes but is text
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    return None


def decode_text(content: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``content`` and return ``(text, encoding)``.

    Order: a byte-order mark; the declared encoding (HTTP header, JSON); strict UTF-8, which
    nearly all modern pages are and which never decodes legacy text by accident; then
    charset-normalizer's best guess (cp1251, latin-1, Shift-JIS, ...).
    Raises ``NotText`` for binary data.
    """
    kind = binary_kind(content)
    if kind:
        raise NotText(kind)
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content.decode(name), name
    if declared:
        try:
            return content.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(content)
    best = matches.best()
    if best is None:
        raise NotText("undecodable bytes: no text encoding fits")
    # Short Western text often fits several single-byte code pages equally well (é decodes the
    # same in cp1250 and cp1252, à does not). On a tie, prefer cp1252, the web's de facto
    # "latin-1" (the HTML standard decodes latin-1 labels as cp1252).
    for match in matches:
        if match.encoding == "cp1252" and (match.chaos, match.coherence) == (best.chaos, best.coherence):
            best = match
    return str(best), best.encoding
