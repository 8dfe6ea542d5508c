"""Article metadata read from the scraped text itself: title, outlet, publication date, language.

``extract_metadata`` takes the raw text with its boilerplate still in it (mastheads, datelines
and menus are the evidence) and returns a ``Metadata``. What a container already gave
(``hints``: "title", "published", "outlet", "url") wins over anything read from the text.
"""
from __future__ import annotations

import re

from newsprism.metadata.dates import (
    choose_published,
    date_from_url,
    find_datelines,
    infer_from_body,
    normalise_date,
)
from newsprism.metadata.language import detect_language, line_script
from newsprism.metadata.outlets import (
    find_outlet,
    is_known,
    match_outlet_line,
    outlet_by_name,
    outlet_from_lines,
    outlet_from_url,
    outlet_info,
)
from newsprism.metadata.title import find_title
from newsprism.models import Metadata, Outlet

__all__ = [
    "extract_metadata",
    "detect_language",
    "line_script",
    "find_outlet",
    "outlet_from_url",
    "outlet_by_name",
    "match_outlet_line",
]


def _outlet_from_hint(value: str | None, url: str | None) -> Outlet | None:
    """A container's outlet string: the table outlet it names; else the table outlet of the URL
    (a page's own site name can be a slogan); else the string as given, with a slug id."""
    value = (value or "").strip()
    if not value:
        return None
    known = match_outlet_line(value) or outlet_by_name(value)
    if known:
        return known
    by_url = outlet_from_url(url) if url else None
    if by_url is not None and is_known(by_url):
        return by_url
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return Outlet(id=slug or value, name=value)


def _title_from_hint(value: str | None, outlet: Outlet | None) -> str | None:
    """A container's title without a trailing " | Outlet" / " - Outlet" that pages add."""
    value = " ".join((value or "").split())
    if not value:
        return None
    for sep in (" | ", " - ", " – ", " — "):
        head, found, tail = value.rpartition(sep)
        if found and head and (match_outlet_line(tail) or (outlet and tail.strip() == outlet.name)):
            return head.strip()
    return value


def extract_metadata(text: str, *, url: str | None = None, hints: dict[str, str] | None = None,
                     ) -> Metadata:
    """Return the title, outlet, publication date and language of one scraped article.

    Outlet: hint (a hint the table does not know yields to a URL the table knows), else the
    URL's domain, else the text's own cues (masthead line, "Also on rt.com", copyright line,
    wire dateline); None when the text never names its outlet.
    Title: hint, else the headline line (see ``title.find_title``), as printed.
    Published: hint, else a dateline near the top or bottom ("14:31 - 19/02/2020"), else a date
    in the URL path; else the latest date the body gives, with ``published_inferred=True``.
    Language: ISO 639-1 from py3langid over the page's prose lines.
    """
    hints = hints or {}
    url = url or hints.get("url") or None
    lines = [s for s in (line.strip() for line in text.splitlines()) if s]

    outlet = _outlet_from_hint(hints.get("outlet"), url)
    if outlet is None and url:
        outlet = outlet_from_url(url)
    if outlet is None:
        outlet = outlet_from_lines(lines)

    choice = find_title(lines, url=url)
    title = _title_from_hint(hints.get("title"), outlet) or (choice.title if choice else None)

    info = outlet_info(outlet.id) if outlet else None
    day_first = not (info and info.get("country") == "US")  # see dates.py on day/month order
    published, inferred = None, False
    if hints.get("published"):
        published = normalise_date(hints["published"], day_first=day_first)
    if published is None:
        title_index = choice.index if choice else None
        datelines = find_datelines(lines, day_first=day_first, title_index=title_index)
        found = choose_published(datelines, n_lines=len(lines), title_index=title_index)
        if found:
            published, inferred = found
    if published is None:
        published = date_from_url(url)
    if published is None:
        published = infer_from_body(text, day_first=day_first)
        inferred = published is not None

    language = detect_language(text)
    return Metadata(title=title, outlet=outlet, published=published,
                    published_inferred=inferred, language=language)
