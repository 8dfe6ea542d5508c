"""Which line of a scraped page is the article's headline.

No library finds a headline in plain text (trafilatura and htmldate read HTML tags), so this is a
small rule set over the lines before the first body paragraph: drop what cannot be a headline
(outlet mastheads, section labels, taglines, bylines, datelines, icon runs, menus, captions with
credits), then take the first remaining line, unless a later one has more of what marks a
headline: a byline or dateline right under it, being printed twice (pages often repeat the
headline), enough words, or the words of the URL's slug (see ``find_title``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.metadata.dates import parse_dateline
from newsprism.metadata.outlets import match_outlet_line

MIN_WORDS = 3
MAX_WORDS = 25
# A body paragraph: long, and made of sentences. The headline is searched above the first one.
_BODY_MIN_WORDS = 20
# How many lines above the first body paragraph (or from the top) may hold the headline.
_WINDOW = 20

_UI_START = re.compile(
    r"^(?:get the latest|subscribe|sign (?:up|in)|log ?in\b|register (?:now|for|to)|follow us|"
    r"read (?:more|also|next)|click|tap here|share (?:this|on|via|the|article)|share:|watch:|"
    r"listen:|download|advertisement|sponsored|skip to|jump to|menu\b|search\b|related|more from|"
    r"you (?:may|might) also|recommended|trending|most (?:read|popular|viewed)|cookie|"
    r"we use cookies|by continuing|privacy (?:policy|notice|settings)|terms (?:of|and)|copyright|"
    r"all rights|photos?(?::| by| credit| gallery)|image(?::| copyright| caption| credit)|"
    r"credits?:|video(?::| player)|getty images|file photo|ap photo|caption|editor'?s? (?:note|pick)|"
    r"update[ds]?\b|published|posted|last updated|copy (?:this |the )?link|newsletter|"
    r"comments?\b|loading|loader\b|please\b|"
    r"enable javascript|this (?:article|story|video|page)|think your friends|to participate|"
    r"join (?:the (?:conversation|discussion)|our)|support (?:us|our)|donate|contact us|about us|"
    r"you are here|back to|zurück|pular para|aller au contenu|ir al contenido|saltar al|"
    r"перейти|this material may not)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Оо]т|[Yy]azan)\s+[A-ZÀ-ÞА-Я]")
_PROSE_PUNCT = re.compile(r"[.!?][\"'”’)]?(?:\s|$)")
# Share widgets written as one line: "Facebook Twitter LinkedIn".
_SOCIAL = {"facebook", "twitter", "linkedin", "whatsapp", "telegram", "email", "e-mail", "print",
           "pinterest", "reddit", "messenger", "flipboard", "vk", "ok", "share", "tweet", "copy",
           "link", "instagram", "youtube", "tiktok", "rss", "mail", "sms", "more", "comments", "x"}
# Lines that sit right under a headline: bylines, datelines, "Updated 2 hours ago".
_META_START = re.compile(r"^(?:by|von|par|por|updated?|published|posted|last updated|"
                         r"yayınlanma|güncelleme|опубликовано|обновлено)\b", re.IGNORECASE)
# Prose that is page furniture, not the article (checked with ``in`` on lower case: fast).
_BOILERPLATE_PROSE = ("cookie", "javascript", "subscri", "newsletter", "sign up", "privacy",
                      "rights reserved", "terms of", "get the latest", "your browser", "advertis")
_NOT_LETTER = re.compile(r"[^\w\s]|\d")
# "HomeSPORT NEWS...", "Edit ProfileSign Out": menu items whose spaces were lost in scraping.
_GLUED = re.compile(r"^Home[A-Z]|[a-z]{3}[A-Z][a-z]+[A-Z][a-z]|[a-z]{2}(?:Sign|Log) ?(?:In|Out|Up)\b")
# "...outside a co-working space in New York.Reuters": a caption with its credit glued on.
_GLUED_CREDIT = re.compile(r"[a-z]{2}[.!?](?P<credit>[A-Z][\w /&.-]{1,40})$")
_LIST_ITEM = re.compile(r"^\d{1,2}[.)]\s")
# "WASHINGTON —", "TRENTON, N.J. (AP) —": the first words of a wire story's body.
_BODY_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*(?:[—–_]|--?)\s")
_TWO_SENTENCES = re.compile(r"\b[a-z][a-z0-9]{2,}[.!?][\"'”’]?\s+[A-Z]")  # not after "Sen." or "U.S."
_SLUG_SPLIT = re.compile(r"[-_+.,/]+")
_WORD_RX = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class TitleChoice:
    """The chosen headline and where it is among the non-empty lines."""

    index: int
    title: str


def is_body_paragraph(line: str, min_words: int = _BODY_MIN_WORDS) -> bool:
    """True for a line that reads as article prose: 20+ words with sentence punctuation."""
    if line.count(" ") + 1 < min_words or not _PROSE_PUNCT.search(line):
        return False
    low = line[:200].lower()
    return not any(word in low for word in _BOILERPLATE_PROSE)


def body_start(lines: list[str]) -> int | None:
    """Index of the first body paragraph: prose followed by more prose within three lines.

    A lone paragraph amid menus (a teaser, a cookie notice) does not start the body; if no
    paragraph is followed by another, the first paragraph is taken.
    """
    first = None
    for i, line in enumerate(lines):
        if not is_body_paragraph(line):
            continue
        if first is None:
            first = i
        if any(is_body_paragraph(nxt, 12) for nxt in lines[i + 1:i + 4]):
            return i
    return first


def is_meta_line(line: str) -> bool:
    """True for a byline, dateline or "Updated ..." line, the furniture under a headline."""
    line = line.lstrip("•·*-–— ")
    if not line or len(line) > 160:
        return False
    if _META_START.match(line) and line.count(" ") < 14:
        return True
    return parse_dateline(line) is not None


def _strip_outlet_suffix(line: str) -> str:
    """"Headline - Sputnik International" -> "Headline"; lines without such a suffix unchanged."""
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, found, tail = line.rpartition(sep)
        if found and head and match_outlet_line(tail):
            return head.strip()
    return line


def _is_cased(line: str) -> bool:
    return any(ch.isupper() for ch in line[:80]) or any(ch.islower() for ch in line[:80])


def headline_form(line: str, *, allow_period: bool = False) -> str | None:
    """Return the headline this line could be (outlet suffix removed), or None if it cannot be.

    Rejects outlet mastheads, datelines, taglines and UI labels, bylines, menu and breadcrumb
    lines, links, lines too short (under 3 words) or too long (over 25 words), lower-case lines,
    and sentences ending in a full stop unless they are written in Title Case (or
    ``allow_period``: the text's first line, where some exports end the headline with a stop).
    """
    if len(line) > 250 or len(line) < 8 or line.count(" ") > MAX_WORDS + 8:
        return None
    if match_outlet_line(line) or line[0] in "•·*>|#@©[—–-" or line[-1] in ":,;|":
        return None
    if "©" in line or "rights reserved" in line.lower() or line.count("/") >= 2:
        return None
    if _GLUED.search(line) or _LIST_ITEM.match(line) or _BODY_DATELINE.match(line):
        return None
    if len(line) > 60 and _TWO_SENTENCES.search(line):
        return None  # two sentences: body text or a teaser, not a headline
    credit = _GLUED_CREDIT.search(line)
    if credit and (match_outlet_line(credit.group("credit"))
                   or re.search(r"Getty|Photo|Images|Shutterstock", credit.group("credit"))):
        return None
    line = _strip_outlet_suffix(line)
    if any(mark in line for mark in (" | ", " > ", " » ", " › ", "http", "www.")):
        return None  # menus, breadcrumbs, links
    words = line.split()
    if all(w.lower().strip(":,") in _SOCIAL for w in words):
        return None
    if not _is_cased(line):  # a script without letter case: judge by length only
        return line if 4 <= len(line) <= 120 else None
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    if _UI_START.match(line) or _BYLINE.match(line):
        return None
    if len(_NOT_LETTER.findall(line)) > 0.4 * (len(line) - line.count(" ")) or line.islower():
        return None  # mostly digits and symbols: a timestamp, a score, a price list
    if line.isupper() and len(words) < 4:
        return None  # "MOSCOW", "WORLD NEWS": place datelines and section labels
    if parse_dateline(line):
        return None
    bare = line.rstrip("\"'”’»")
    if bare.endswith(".") and not bare.endswith("...") and not (allow_period and len(words) <= 14):
        # headlines have no full stop; a few sites add one, but only to Title Case lines
        long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
        if not long_words or any(w[0].islower() for w in long_words):
            return None
    return line


def _slug_words(url: str | None) -> set[str]:
    """The words of the URL's longest path segment (its slug), lower-case."""
    if not url:
        return set()
    path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    segments = path.split("/")[1:]
    if not segments:
        return set()
    slug = max(segments, key=len)
    return {w for w in _SLUG_SPLIT.split(slug.lower()) if len(w) > 2 and not w.isdigit()}


def _is_caption(lines: list[str], i: int) -> bool:
    """True when line ``i`` repeats a neighbouring photo credit line ("© AP Photo / ...<caption>")."""
    probe = lines[i][:40]
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and j != i:
            other = lines[j]
            credited = "©" in other or "photo" in other.lower()
            if credited and probe in other and len(other) > len(lines[i]):
                return True
    return False


def find_title(lines: list[str], *, url: str | None = None) -> TitleChoice | None:
    """Return the headline among ``lines`` (non-empty, stripped), or None if there is none.

    The candidates are the headline-shaped lines (``headline_form``) among the 20 lines above
    the first body paragraph. Scores: order (earlier is better, -0.3 a place), +2 when a byline
    or dateline follows within three lines (the furniture under a headline), +1.5 when the line
    is printed twice, +0.5 for 6+ words (kickers and labels are shorter), +3 for URL slug words.
    """
    body = body_start(lines)
    end = body if body is not None else min(len(lines), _WINDOW)
    start = max(0, end - _WINDOW)
    slug = _slug_words(url)
    counts: dict[str, int] = {}
    for line in lines[: end + _WINDOW]:
        counts[line] = counts.get(line, 0) + 1
    best: tuple[float, int, str] | None = None
    rank = 0
    for i in range(start, end):
        form = headline_form(lines[i], allow_period=(i == 0))
        if form is None or _is_caption(lines, i):
            continue
        score = -0.3 * rank
        if any(is_meta_line(nxt) for nxt in lines[i + 1:min(i + 4, end + 1)]):
            score += 2.0
        if counts.get(lines[i], 0) > 1:
            score += 1.5
        if form.count(" ") >= 5:
            score += 0.5
        if slug:
            words = {w.lower() for w in _WORD_RX.findall(form)}
            overlap = len(slug & words) / len(slug)
            if overlap >= 0.5:
                score += 3.0 * overlap
        if best is None or score > best[0]:
            best = (score, i, form)
        rank += 1
    return TitleChoice(best[1], best[2]) if best else None
