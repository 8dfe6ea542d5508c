"""The HTML route: one web page in, its article body and page metadata out.

trafilatura finds the article body, title and site name, htmldate the original publication date.
The page is decoded and parsed once; the one lxml tree goes to trafilatura's extractor, to its
metadata readers and to htmldate. We call trafilatura's metadata readers one by one instead of
``with_metadata=True`` because that also hunts authors, categories, tags and licences, which
cost more than the body extraction itself and which we do not use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

from newsprism.metadata.language import detect_language
from newsprism.readers.decoding import binary_kind, decode_text

# trafilatura settings, chosen on the extraction benchmark (benchmarks/html_route.py):
# - include_comments=False: reader comments are not the article;
# - favor_precision: drops more related-links/teaser blocks for a small recall cost, a net gain on
#   news pages (F1 +0.007 over the default in our measurement);
# - fast: skips the readability/jusText comparison pass, which costs a third of the time and
#   gained nothing measurable on news pages;
# - include_tables stays on: tables in news articles (results, figures) are article content.
TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "favor_precision": True,
    "fast": True,
    "include_tables": True,
}

# htmldate settings: the original publication date, never the "updated" one; the extensive
# search reads dates in the visible text when the markup has none (cheap: htmldate runs at about
# 2,000 pages/s); ``deferred_url_extractor`` keeps a full timestamp from the page's metadata over
# a bare date in the URL.
DATE_OPTIONS = {
    "original_date": True,
    "extensive_search": True,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}

NO_BODY = "no article body found in HTML"
MIN_LANGUAGE_TEXT = 100  # characters: below this, identifying the language from the text is unreliable


@dataclass
class HtmlExtract:
    """What one page yields: body text (one paragraph a line) and the page's own metadata."""

    text: str
    title: str | None
    published: str | None  # ISO date or datetime of the original publication
    sitename: str | None
    language: str | None  # ISO 639-1 code of the body's language
    url: str | None


def extract_html(html: str | bytes, *, url: str | None = None, encoding: str | None = None) -> HtmlExtract:
    """Return the article body and metadata of one HTML page.

    ``html`` may be text or the raw bytes of the page; for bytes, ``encoding`` is the charset the
    server declared (the HTTP ``Content-Type``), if any — see ``decode_html``. ``url`` is where the
    page came from; it helps date extraction and wins over the page's canonical link.
    Raises ``ValueError`` naming the reason when the page holds no article body.
    """
    markup = decode_html(html, encoding) if isinstance(html, bytes) else html
    if not markup.strip():
        raise ValueError("empty page")
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise ValueError("not an HTML document: no markup to parse")
    # bare_extraction works on its own copy of the tree, so ours stays intact for the metadata
    document = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    text = tidy_text(document.text) if document is not None and document.text else ""
    if not text:
        raise ValueError(NO_BODY)
    meta = page_metadata(tree, url)
    return HtmlExtract(
        text=text,
        title=meta.title or None,
        published=iso_date(meta.date),
        sitename=meta.sitename or None,
        language=page_language(tree, text),
        url=url or meta.url or None,
    )


def page_metadata(tree, url: str | None = None):
    """The page's title, site name, canonical URL and original publication date.

    Returns a trafilatura ``Document`` with ``title``, ``sitename``, ``url`` and ``date`` filled
    where found: meta tags and OpenGraph, then JSON-LD (which wins), then the headline or
    ``<title>`` for the title; the date from htmldate on the same tree.
    """
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - malformed JSON-LD is common; trafilatura guards it the same way
        pass
    meta.title = meta.title or extract_title(tree)
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or None
    meta.date = find_date(tree, url=url or meta.url, **DATE_OPTIONS)
    meta.clean_and_trim()  # unescape entities, normalise spaces
    return meta


# WHATWG: these labels mean windows-1252 in every browser, and pages rely on it (curly quotes
# in 0x80-0x9F); Python's latin-1 would turn those bytes into control characters.
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252",
                   "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
                   "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "shift_jis",
                   "iso-8859-9": "cp1254", "tis-620": "cp874", "euc-kr": "cp949"}

# By hand because neither library does it right alone: lxml honours <meta charset> only when
# fed bytes and then reads undeclared UTF-8 as Latin-1; trafilatura's decoder ignores the meta.
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def decode_html(content: bytes, encoding: str | None = None) -> str:
    """Decode a page's bytes to text and return it.

    Order: strict UTF-8 (what nearly every page is, never an accident for legacy text, and it
    beats a wrong declaration, a common server misconfiguration); a byte-order mark; the declared
    charset (``encoding`` from the HTTP header, else the page's ``<meta charset>`` or XML
    declaration, with browsers' reading of the labels); then charset-normalizer's guess.
    Raises ``ValueError`` naming the format for binary content (a PDF, an image).
    """
    kind = binary_kind(content)
    if kind:
        raise ValueError(f"not an HTML page: {kind}")
    try:
        return content.decode("utf-8-sig")  # drops a UTF-8 byte-order mark if there is one
    except UnicodeDecodeError:
        pass
    declared = (encoding or meta_charset(content) or "").strip()
    declared = _WHATWG_ALIASES.get(declared.lower(), declared) or None
    text, _ = decode_text(content, declared)
    return text


def meta_charset(content: bytes) -> str | None:
    """The charset the page declares in its first 4 KB (``<meta charset>``, http-equiv, XML)."""
    match = _META_CHARSET.search(content[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace")


def page_language(tree, text: str) -> str | None:
    """The body's language as an ISO 639-1 code, identified from the text by py3langid.

    Pages often declare a template's language rather than the article's, so the declaration
    (``<html lang>``, og:locale) is used only for bodies too short to identify; None when such a
    short body comes with no declaration.
    """
    if len(text) >= MIN_LANGUAGE_TEXT:
        return detect_language(text) or declared_language(tree)
    return declared_language(tree)


def declared_language(tree) -> str | None:
    """The page's declared language as a lower-case ISO 639-1 code (``<html lang>``, og:locale)."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for xpath in ('.//meta[@http-equiv="content-language" or @http-equiv="Content-Language"]/@content',
                  './/meta[@property="og:locale"]/@content'):
        candidates.extend(tree.xpath(xpath)[:1])
    for value in candidates:
        code = re.split(r"[-_,;\s]", (value or "").strip(), maxsplit=1)[0].lower()
        if len(code) == 2 and code.isalpha():
            return code
    return None


def iso_date(value: str | None) -> str | None:
    """htmldate's output as ISO 8601: ``2020-02-19T14:05:00+03:00``, or ``2020-02-19`` when the
    page gave no time."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    # htmldate fills a missing time with midnight and no zone: that is a date, not a datetime
    if moment.tzinfo is None and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date().isoformat()
    return moment.isoformat()


def tidy_text(text: str) -> str:
    """Strip each line's edges and drop empty lines: one paragraph per line."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
