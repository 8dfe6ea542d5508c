"""One raw ``Document`` in, one clean ``Article`` out: decoding, extraction, cleaning, metadata.

``build_article`` is a pure function of its document, so the ingest can run it in-process, in a
process pool, or on Spark without change.
"""
from __future__ import annotations

from newsprism.clean import clean_text
from newsprism.metadata import detect_language, extract_metadata
from newsprism.models import Article, Document
from newsprism.readers.decoding import decode_text


class NoArticle(ValueError):
    """The document holds no article text (everything in it was boilerplate)."""


def build_article(doc: Document) -> Article:
    """Return the clean article of ``doc``; raises ``NoArticle`` or ``NotText`` with a reason."""
    hints = dict(doc.hints)
    if doc.media_type == "html":
        from newsprism.html import extract_html  # trafilatura is heavy: import it only for HTML

        page = extract_html(doc.content, url=doc.url, encoding=doc.encoding)
        text = page.text
        # The page's own metadata counts as given; the container's (JSONL fields) wins over it.
        page_hints = {"title": page.title, "published": page.published, "outlet": page.sitename}
        hints = {k: v for k, v in page_hints.items() if v} | hints
        url = doc.url or page.url
        use_model = False  # trafilatura already removed the page furniture; only rules apply
        page_language = page.language
    else:
        text, _ = decode_text(doc.content, doc.encoding)
        url = doc.url
        use_model = True
        page_language = None
    meta = extract_metadata(text, url=url, hints=hints)
    cleaned = clean_text(text, title=meta.title, outlet=meta.outlet, use_model=use_model)
    if not cleaned.text.strip():
        raise NoArticle("no article text left after removing boilerplate")
    return Article(
        id=doc.key,
        source=doc.source,
        url=url,
        record_id=doc.record_id,
        text=cleaned.text,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        published_inferred=meta.published_inferred,
        language=meta.language or page_language or detect_language(cleaned.text),
        removed=cleaned.removed,
    )
