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
    matches = list(from_bytes(content))
    if not matches:
        raise NotText("undecodable bytes: no text encoding fits")
    best = _most_plausible(matches)
    return str(best), best.encoding


# Letters of the languages that use single-byte Latin code pages other than cp1252; any other
# language is checked against the Western European letters (which English borrows too).
_WESTERN = set("àâäáãåæçèéêëìíîïñòóôöõøœùúûüýÿßÀÂÄÁÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖÕØŒÙÚÛÜÝŸ")
_ALPHABETS = {
    "pl": set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"), "cs": set("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"),
    "sk": set("áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ"), "hu": set("áéíóöőúüűÁÉÍÓÖŐÚÜŰ"),
    "ro": set("ăâîșțşţĂÂÎȘȚŞŢ"), "hr": set("čćđšžČĆĐŠŽ"), "sl": set("čšžČŠŽ"), "bs": set("čćđšžČĆĐŠŽ"),
    "tr": set("çğıöşüâîûÇĞİÖŞÜÂÎÛ"), "lt": set("ąčęėįšųūžĄČĘĖĮŠŲŪŽ"),
    "lv": set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"), "et": set("äöõüšžÄÖÕÜŠŽ"),
}


def _most_plausible(matches):
    """Pick among charset-normalizer's candidates the one whose accented letters belong to the
    language of the decoded text.

    By hand because charset-normalizer cannot tell the single-byte Latin code pages apart on
    short or mostly-ASCII text: they all decode without "chaos", and its coherence score then
    follows the ASCII majority (French "à Genève" in cp1252 comes out as Baltic "ą Genčve").
    Decoding with the right code page gives letters of the text's own alphabet. On a tie,
    cp1252 wins: it is by far the commonest legacy encoding on the web.
    """
    import py3langid  # light, and only needed for legacy-encoded input

    least_chaos = min(m.chaos for m in matches)
    candidates = [m for m in matches if m.chaos == least_chaos]
    if len(candidates) == 1:
        return candidates[0]

    def plausibility(match) -> tuple[float, bool]:
        text = str(match)
        letters = [c for c in text if ord(c) > 127 and c.isalpha()]
        if not letters:
            return 1.0, match.encoding == "cp1252"
        alphabet = _ALPHABETS.get(py3langid.classify(text[:2000])[0], _WESTERN)
        return sum(c in alphabet for c in letters) / len(letters), match.encoding == "cp1252"

    return max(candidates, key=plausibility)
