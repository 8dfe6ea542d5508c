"""Hand-written line rules for news-site furniture that is recognisable on sight.

These rules run whether or not the learned model is used: each one names a kind of page furniture
(menus, share prompts, comment widgets, photo credits, timestamps, ...) that no article body
contains as a line of its own. They are deliberately narrow so that body paragraphs survive; the
learned model (``model.py``) deals with the furniture that is only recognisable from context.

No library classifies single lines of already-extracted text this way (jusText and trafilatura work
on HTML blocks), hence the hand-written patterns.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from newsprism.models import Outlet

# --- normalisation -----------------------------------------------------------------------------

_QUOTES = str.maketrans({c: "" for c in "\"'“”‘’«»„‚‹›`´"})
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " .,:;!?-–—|·•*"


def normalise(text: str) -> str:
    """Lower-cased ``text`` with quotes dropped, whitespace collapsed and edge punctuation trimmed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCT)


# --- scripts -----------------------------------------------------------------------------------

# Unicode blocks of the scripts a news page is commonly written in; enough to tell an interface
# line in another script (a Cyrillic "comments" widget on an English page) from the article's.
_SCRIPTS = {
    "cyrillic": re.compile(r"[\u0400-\u052f]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "cjk": re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NON_LATIN = re.compile("[" + "".join(p.pattern[1:-1] for p in _SCRIPTS.values()) + "]")


def dominant_script(text: str) -> tuple[str, float]:
    """The script most letters of ``text`` are written in and its share of the letters."""
    if text.isascii():
        return "latin", 1.0
    counts = {"latin": len(_LATIN.findall(text))}
    for name, pattern in _SCRIPTS.items():
        counts[name] = len(pattern.findall(text))
    total = sum(counts.values()) or 1
    best = max(counts, key=counts.__getitem__)
    return best, counts[best] / total


# --- single-line patterns ------------------------------------------------------------------------

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
# Tokens a stand-alone timestamp line is made of ("Update: 14:38 - 19/02/2020 Wednesday").
_TIME_TOKEN = re.compile(
    rf"""(?:{_MONTHS}|{_WEEKDAYS})\.?,?
    |[+-]?\d{{1,4}}(?:[:./-]\d{{1,4}}){{0,2}}(?:st|nd|rd|th)?(?:am|pm|a\.m\.|p\.m\.|h|z)?,?
    |\d{{4}}-\d\d-\d\dt[\d:.]+z?
    |am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|msk|est|edt|cst|cdt|pst|pdt|mst|et|pt|ist|trt|eet
    |updated?:?|last|published:?|posted:?|on|at|modified:?|date:?|time:?|[-–—|,/•·@:]""",
    re.IGNORECASE | re.VERBOSE,
)
_HAS_DIGIT = re.compile(r"\d")
_RELATIVE_AGE = re.compile(
    r"^(?:(?:posted|updated|published)\s+)?(?:about\s+|over\s+|almost\s+)?"
    r"(?:\d+|an?|one)\s*(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|years?|yrs?)"
    r"\s+ago$|^(?:just now|yesterday|today)$",
    re.IGNORECASE,
)
_HASHTAGS = re.compile(r"^(?:#[^\s#]+[\s,]*)+$")
_COUNTER = re.compile(r"^[\d\s.,:/()+-]*\d[\d\s.,:/()+-]*[kKmM]?$")

_SHARE = re.compile(  # prompts no article sentence contains
    r"\b(?:share this(?: story| article| post| page)?!|share (?:this )?(?:story|article|post|page)|"
    r"share (?:on|via) (?:facebook|twitter|linkedin|whatsapp|e-?mail|social media)|"
    r"think your friends would be interested|tweet this|email this|print this|pin it|"
    r"send (?:this )?to a friend|copy (?:the )?link|click to (?:share|tweet|email|print)|"
    r"\d+\s+shares)\b",
    re.IGNORECASE,
)
_SHARE_SHORT = re.compile(r"^(?:share(?: this| it| now)?|shares|share:.*|\d+ shares?)$", re.IGNORECASE)
_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|e-?mail|print|tumblr|google\+?|"
    r"vk|flipboard|messenger|pocket|buffer|tweet|pin|share|copy link|sms|mix|stumbleupon|blogger|"
    r"youtube|instagram|rss|viber|line|weibo|wechat|xing|odnoklassniki|livejournal"
)
_SOCIAL_RUN = re.compile(rf"^(?:(?:{_SOCIAL})[\s,|/•·]*)+$", re.IGNORECASE)
_ACCOUNT = re.compile(
    r"\b(?:subscribe|subscription|unsubscribe|sign[ -]?in|sign[ -]?up|sign[ -]?out|log[ -]?in|"
    r"log[ -]?out|register|newsletters?|my account|create (?:an |your )?account|"
    r"forgot (?:your )?password|get (?:the|our) app|download (?:the|our) app|premium|paywall)\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(  # sign-up prompts, whole sentences included
    r"\b(?:subscribe (?:to|for) (?:our|the|my) (?:\w+ )?(?:newsletters?|channel|podcast|emails?|updates)|"
    r"sign up (?:for|to) (?:our|the|my) (?:\w+ )?(?:newsletters?|emails?|updates)|"
    r"(?:get|receive) (?:our|the) (?:\w+ )?newsletter|stay up to date with|"
    r"you have (?:successfully|succesfully) subscribed|thank you for (?:subscribing|signing up)|"
    r"activation link|already (?:a subscriber|have an account)|by subscribing,? (?:i|you) (?:accept|agree)|"
    r"enter your e-?mail(?: address)?|your e-?mail address|no spam\b|unsubscribe at any time|"
    r"to continue reading|subscribe now|sign up now|create a free account|register for free)\b",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^(?:newsfeed|news ?feed|loader|loading\.*|chats?|comments?|\d+\s+comments?|comments?\s*\(\d+\)|"
    r"leave a (?:comment|reply)|add (?:a |your )?comment|post (?:a )?comment|view comments|show comments|"
    r"hide comments|to participate in the discussion|join the (?:discussion|conversation)|"
    r"show (?:more|new|all) (?:comments|replies).*|all comments|reply|report(?: abuse)?|"
    r"load more(?: comments)?|comment via .*|community (?:standards|guidelines).*|"
    r"(?:be the first to comment|no comments yet).*|discussion|sort by.*|newest|oldest|"
    r"log in or register(?: to (?:comment|post))?|please log in.*|you must be logged in.*|"
    r"cancel reply|leave a reply(?: cancel reply)?|\d+ (?:replies|responses|reactions))$",
    re.IGNORECASE,
)
_COMMENT_HEADER = re.compile(  # "12. username says:" above a reader's comment
    r"^(?:\d+\.\s*)?[\w.@-]+(?: [\w.@-]+){0,2}\s+(?:says|said|wrote|writes|replied|commented)\s*:?$",
    re.IGNORECASE,
)
_COOKIES = re.compile(
    r"\bcookies?\b.*\b(?:use|uses|using|accept|consent|policy|settings|preferences|agree|continu)"
    r"|\b(?:use|uses|using|accept|consent|agree)\b.*\bcookies?\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b)|all rights reserved|\ball rights\b|^privacy (?:policy|notice)$|"
    r"^terms (?:of (?:use|service)|and conditions)$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\(?(?:image|photo|picture|photograph|video|illustration|graphic|source|credit)s?(?: credit)?\s*:|"
    r"^\(?©|\b(?:photo|image|picture|photograph|illustration)s?\s*(?:credit\s*)?[:/]|"
    r"\b(?:getty images|shutterstock|ap photo|afp photo|epa-efe|reuters/|/reuters|/ ?afp\b|"
    r"/ ?ap\b|/ ?epa\b|anadolu agency\b.*photo|istock(?:photo)?)\b|^(?:caption|enlarge(?: image)?|"
    r"image \d+ of ?/? ?\d*|\d+\s*/\s*\d+|back to gallery|view (?:gallery|slideshow)|"
    r"this slideshow requires javascript\.?)$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:also on \S+|also read|related(?: (?:articles?|stories|posts|content|coverage|news|"
    r"topics|links|videos?))?|read (?:more|also|next|this)|see also|more (?:on|from|about|in)\b.{0,40}?:|"
    r"recommended(?: for you| reading| stories)?|most (?:read|popular|viewed|shared|commented)\b.*|"
    r"trending(?: now| stories| articles)?|you (?:may|might) (?:also )?(?:like|be interested in)|"
    r"popular (?:articles|stories|posts|now)|editors?'?s?’?s? picks?|more stories|more news|"
    r"latest (?:news|stories|articles|posts|videos)|further reading|top stories|don'?t miss|"
    r"previous (?:post|article|story)|next (?:post|article|story)|post navigation|"
    r"(?:watch|listen|video|gallery|photos|podcast|poll):|in (?:this|the) article:|"
    r"topics?:|tags?:|filed under:?|categories:?|more in\b.*|from the web|around the web|"
    r"more from\b.*|sponsored(?: content| stories| links)?|promoted(?: stories| content)?|"
    r"paid (?:content|post)|recommended by|powered by\b.*|view all|show more|see more|"
    r"more videos|more photos)(?:\b|$)",
    re.IGNORECASE,
)
_ADVERT = re.compile(
    r"^(?:advertisement|advertising|advert|ad|ads|sponsored|anzeige|werbung|publicité|publicidad|"
    r"pubblicità|реклама|iklan|reklam|continue reading(?: below| the main story)?|"
    r"story continues below(?: advertisement)?|article continues below)$",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation)|jump (?:directly )?to (?:the )?(?:main )?content|"
    r"back to top|return to top|top|scroll to top|menu|main menu|open menu|close menu|search|"
    r"search for:?|close|home|homepage|toggle navigation|navigation|sections|more|all sections|"
    r"listen live|watch live|live tv|get short url|print|edit|delete|share|follow|follow us.*|"
    r"follow (?:the|on) .*|connect with us|contact us|about us|send us a tip|get the magazine|"
    r"editions?|all editions|ok|accept|refuse|accept(?: all)?(?: cookies)?|decline|got it|"
    r"ukraine edition|us edition|uk edition|international edition|sitemap|site map|rss(?: feed)?|"
    r"a-z index|topics a-z|your privacy rights|cookie settings|cookie policy|do not sell my .*)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|posted by|reporting by|author:?|authors:?|von|par|por)\s*:?\s+"
    r"[A-Z\u00c0-\u024f][\w.'’-]*(?:,?\s+[\w.'’&-]+){0,6}$|^(?i:by)$",
)
_MASTHEAD = re.compile(r"^[-–—|]\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}$")
_CAPTION_TAIL = re.compile(r"\s[-–—|]\s+([^-–—|]{2,60})$")
_BULLETS = " •·*-–—|▪►◦‣+>»"
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”»)」』]*$|[.!?…]\s*\[\d+\]$")
_CLOSERS = frozenset("\"”’')»]」』")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends like a sentence: . ! ? … (or 。！？) possibly inside closing
    quotes or before a footnote mark."""
    last = text[-1]
    if last in ".!?…。！？":
        return True
    return last in _CLOSERS and _SENTENCE_END.search(text[-8:]) is not None


class LineInfo(NamedTuple):
    """The cheap facts about one non-empty line that rules and features share (made by
    ``page.split_page``, which counts them for a whole page at once)."""

    text: str  # stripped line
    words: int
    lower_start: int  # words starting with a lower-case letter (or a caseless script's letter)
    upper_start: int  # words starting with a capital
    ends: bool  # ends like a sentence (see ``ends_sentence``)


_ALNUM = re.compile(r"[^\W_]")


def is_sentence_like(info: LineInfo, min_words: int = 8) -> bool:
    """True for running prose: enough words, many of them lower-case (function words)."""
    return info.words >= min_words and info.lower_start >= 0.3 * info.words


def _is_timestamp(text: str) -> bool:
    """A line made only of date and time tokens ("14:31 - 19/02/2020 Wednesday")."""
    if len(text) > 80 or not _HAS_DIGIT.search(text):
        return False
    rest = _TIME_TOKEN.sub(" ", text)
    return not rest.strip(" .,;()[]")


def line_reason(info: LineInfo) -> str | None:
    """The furniture reason for one line judged on its own, or ``None`` if it may be body."""
    text = info.text
    n = info.words
    if n > 40:
        # Long lines are prose unless they are an icon-name run or a cookie notice; checking
        # only these keeps the cost of the (many) body paragraphs low.
        if "icon" in text and text.count("icon") * 6 >= n:
            return "icon names"
        if n <= 80 and "ookie" in text and _COOKIES.search(text):
            return "cookie notice"
        return None
    core = text.lstrip(_BULLETS)  # list markers say nothing about what the item is
    if n <= 14:
        reason = _short_line_reason(text, core, n)
        if reason:
            return reason
    low = text.lower()
    if n >= 16 and info.lower_start >= 0.4 * n and info.ends:
        # A full sentence: only related-article links, sign-up prompts and cookie notices are
        # written like that.
        if n <= 25 and _RELATED.match(core):
            return "related article"
        if "ookie" in low and _COOKIES.search(text):
            return "cookie notice"
        if ("subscri" in low or "newsletter" in low or "mail" in low or "sign up" in low) \
                and _NEWSLETTER.search(text):
            return "newsletter prompt"
        return None
    if "icon" in low and low.count("icon") >= 3 and low.count("icon") * 6 >= n:
        return "icon names"
    if text[0] == "#" and _HASHTAGS.match(text):
        return "hashtags"
    if n <= 16 and _has_any(low, _SHARE_KEYS) and _SHARE.search(text):
        return "share prompt"
    if "ookie" in low and _COOKIES.search(text):
        return "cookie notice"
    if n <= 30 and _has_any(low, _CREDIT_KEYS) and _CREDIT.search(text):
        return "photo credit"
    if _has_any(low, _COPYRIGHT_KEYS) and _COPYRIGHT.search(text):
        return "copyright"
    if n <= 25 and _RELATED.match(core):
        return "related article"
    if _has_any(low, _NEWSLETTER_KEYS) and _NEWSLETTER.search(text):
        return "newsletter prompt"
    if not info.ends:
        seps = (text.count(" | ") + text.count(" / ") + text.count(" > ") + text.count(" » ")
                + text.count(" › "))
        if (n <= 20 and seps >= 2) or (seps >= 4 and seps * 6 >= n):
            return "breadcrumb or menu"
    return None


def _has_any(low: str, keys: tuple[str, ...]) -> bool:
    """True if one of ``keys`` occurs in ``low``: a cheap gate before a slow regex."""
    return any(map(low.__contains__, keys))


# Literal keys at least one of which every match of the regex contains (checked before it).
_ACCOUNT_KEYS = ("subscri", "sign", "log", "register", "newsletter", "account", "password", "app",
                 "premium", "paywall")
_SHARE_KEYS = ("share", "tweet", "mail", "print", "pin it", "friend", "copy")
_CREDIT_KEYS = ("image", "photo", "picture", "video", "illustration", "graphic", "source", "credit",
                "©", "getty", "shutterstock", "afp", "epa", "reuters", "/", "istock", "caption",
                "enlarge", "gallery", "slideshow")
_COPYRIGHT_KEYS = ("©", "(c)", "copyright", "rights", "privacy", "terms")
_NEWSLETTER_KEYS = ("subscri", "sign up", "newsletter", "stay up to date", "activation link",
                    "already", "mail", "spam", "continue reading", "account", "register for free")


# Whole-line patterns of short furniture, tried as one regex (one call instead of six):
# reason, pattern, and the most words such a line has.
_WHOLE_LINE_PARTS = [
    ("share prompt", _SHARE_SHORT, 6),
    ("share buttons", _SOCIAL_RUN, 8),
    ("comment widget", _COMMENTS, 14),
    ("comment header", _COMMENT_HEADER, 6),
    ("advertisement", _ADVERT, 6),
    ("navigation", _NAVIGATION, 6),
]
_WHOLE_LINE = {f"g{i}": (reason, limit) for i, (reason, _, limit) in enumerate(_WHOLE_LINE_PARTS)}
_WHOLE_LINE_RX = re.compile(
    "|".join(f"(?P<g{i}>{pattern.pattern.removeprefix('^').removesuffix('$')})"
             for i, (_, pattern, _) in enumerate(_WHOLE_LINE_PARTS)),
    re.IGNORECASE,
)


def _short_line_reason(text: str, core: str, n: int) -> str | None:
    """The rules for lines of at most 14 words (labels, buttons, widgets, timestamps)."""
    if n <= 8 and _RELATIVE_AGE.match(text):
        return "relative age"
    if len(text) <= 12 and _COUNTER.match(text):
        return "counter"
    if _is_timestamp(text):
        return "timestamp"
    if not _ALNUM.search(text):
        return "no text"
    m = _WHOLE_LINE_RX.fullmatch(core.rstrip(" :|"))
    if m:
        reason, max_words = _WHOLE_LINE[m.lastgroup]
        if n <= max_words:
            return reason
    if n <= 8 and _has_any(text.lower(), _ACCOUNT_KEYS) and _ACCOUNT.search(text) and \
            not ends_sentence(text):
        return "subscribe/sign-in prompt"
    if n <= 8 and _BYLINE.match(core):
        return "byline"
    if n <= 5 and _MASTHEAD.match(text):
        return "masthead"
    return None


# --- rules that need the whole page --------------------------------------------------------------


def _outlet_names(outlet: Outlet | None) -> set[str]:
    if outlet is None:
        return set()
    return {normalise(outlet.name), normalise(outlet.id)} - {""}


@lru_cache(maxsize=1)
def _outlet_matcher():
    """``newsprism.metadata.outlets.match_outlet_line``, or ``None`` where it is unavailable."""
    try:  # written by another module; cleaning works (less well) without it
        from newsprism.metadata.outlets import match_outlet_line
    except ImportError:
        return None
    return match_outlet_line


def _match_outlet(text: str) -> bool:
    """True when ``text`` is only an outlet name or masthead, as the metadata module judges it."""
    matcher = _outlet_matcher()
    if matcher is None:
        return False
    try:
        return matcher(text) is not None
    except Exception:  # a broken matcher must not stop cleaning
        return False


def _is_outlet_line(text: str, names: set[str]) -> bool:
    norm = normalise(text)
    if norm in names:
        return True
    return len(text) <= 60 and _match_outlet(text)


def caption_tail(text: str) -> str | None:
    """The "Name" of a line ending in " - Name" (or " | Name"), else ``None``."""
    end = text[-70:]
    if " - " not in end and " | " not in end and " – " not in end and " — " not in end:
        return None
    m = _CAPTION_TAIL.search(end)
    return m.group(1).strip() if m else None


def _caption_outlet(tail: str | None, names: set[str]) -> bool:
    """True for "<caption> - <Outlet>" lines: a picture caption as the page's image alt text."""
    if not tail:
        return False
    return normalise(tail) in names or _match_outlet(tail)


def _is_headline_like(info: LineInfo) -> bool:
    """A title-like line: short and without a final full stop (title or sentence case)."""
    return 3 <= info.words <= 25 and not info.ends


def page_reasons(
    infos: list[LineInfo],
    *,
    title: str | None = None,
    outlet: Outlet | None = None,
) -> list[str | None]:
    """The furniture reason of every non-empty line of a page (``None`` where no rule applies).

    Besides the single-line rules this knows about the page: the headline and its repeats, the
    page header above the headline, short section labels and datelines between the headline and
    the first paragraph, lines that are the outlet's name, picture captions ending in
    " - <Outlet>" and the teaser headline after them, captions printed twice in a row, and
    interface lines in another script outside the article's paragraphs.
    """
    n = len(infos)
    reasons: list[str | None] = [line_reason(info) for info in infos]

    # Headline: every line equal to the title (or the title plus " - Outlet"), and the page
    # header above its first occurrence when that sits near the top.
    title_norm = normalise(title) if title else ""
    headline_at = -1
    if title_norm:
        size = len(title_norm)
        for i, info in enumerate(infos):
            if not size * 0.8 <= len(info.text) <= size * 1.2 + 45:
                continue
            norm = normalise(info.text)
            if norm == title_norm or (len(title_norm) >= 20 and norm.startswith(title_norm)
                                      and len(norm) - len(title_norm) <= 40
                                      and _CAPTION_TAIL.search(infos[i].text)):
                reasons[i] = "headline" if headline_at < 0 else "repeated headline"
                if headline_at < 0:
                    headline_at = i
        if 0 < headline_at <= max(12, n // 3):
            for i in range(headline_at):
                if reasons[i] is None and not is_sentence_like(infos[i], 25):
                    reasons[i] = "page header"

    # The same short line twice in a row is a picture caption (alt text and caption) or a
    # headline printed twice; prose is never doubled like that.
    for i in range(n - 1):
        a, b = infos[i].text, infos[i + 1].text
        if (a == b or (len(a) == len(b) and a.lower() == b.lower())) and infos[i].words <= 25 and \
                not is_sentence_like(infos[i], 26):
            for j in (i, i + 1):
                if reasons[j] is None:
                    headline = _is_headline_like(infos[j]) and i <= 6 and not title_norm
                    reasons[j] = "repeated headline" if headline else "repeated caption"

    # Outlet names, mastheads and "<caption> - <Outlet>" picture captions; a headline-like line
    # right after such a caption is the teaser of a related article whose picture it was.
    tails = [None if info.ends else caption_tail(info.text) for info in infos]
    names = _outlet_names(outlet) | _site_names(infos, reasons, tails)
    credit_texts = [infos[i].text for i in range(n) if reasons[i] == "photo credit"]
    for i, info in enumerate(infos):
        if info.words > 60 or reasons[i] not in (None, "masthead"):
            continue
        if info.words <= 6 and _is_outlet_line(info.text, names):
            reasons[i] = "outlet name"
        elif reasons[i] is None and (_caption_outlet(tails[i], names) or
                                     _caption_of_credit(info.text, tails[i], credit_texts)):
            reasons[i] = "photo caption"
            j = i + 1
            if j < n and reasons[j] is None and _is_headline_like(infos[j]):
                reasons[j] = "related article"

    # Between the headline and the first paragraph: short labels ("News Service") and datelines.
    prose = [i for i in range(n) if reasons[i] is None and is_sentence_like(infos[i], 20)]
    first_prose = prose[0] if prose else n
    last_prose = prose[-1] if prose else -1
    for i in range(max(headline_at, 0), first_prose):
        info = infos[i]
        if reasons[i] is not None or not 1 <= info.words <= 3 or info.ends:
            continue
        if _is_dateline(info.text):
            # a dateline stands right above the first sentence of the article
            after = next((j for j in range(i + 1, n) if reasons[j] is None), n)
            if after < n and is_sentence_like(infos[after], 8):
                reasons[i] = "dateline"
                continue
        if info.lower_start == 0:
            reasons[i] = "section label"

    _mark_comment_thread(reasons)

    # Interface lines in another script than the article's, outside the article's paragraphs
    # (inside them such a line is more likely a quotation).
    sample = None
    for i, info in enumerate(infos):
        if reasons[i] is not None or first_prose <= i <= last_prose or info.words > 20 \
                or info.text.isascii() or not _NON_LATIN.search(info.text):
            continue
        script, share = dominant_script(info.text)
        if script == "latin" or share < 0.6:
            continue
        if sample is None:  # built once, and only when a candidate line exists
            sample = (" ".join(infos[j].text for j in prose[:20]) or
                      " ".join(x.text for x in infos))[:2000]
            visible = len(sample) - sample.count(" ")
        # foreign when the article's text is mostly not in the line's script
        if len(_SCRIPTS[script].findall(sample)) * 2 < visible:
            reasons[i] = "interface text in another script"
    return reasons


def _mark_comment_thread(reasons: list[str | None]) -> None:
    """Mark the lines between reader-comment headers ("12. jdoe says:") as reader comments."""
    heads = [i for i, r in enumerate(reasons) if r == "comment header"]
    if len(heads) < 2:
        return
    gaps = [b - a for a, b in zip(heads, heads[1:]) if b - a <= 15]
    if not gaps:
        return
    typical = sorted(gaps)[len(gaps) // 2]
    spans = [(a, b) for a, b in zip(heads, heads[1:]) if b - a <= 15]
    spans.append((heads[-1], min(heads[-1] + typical, len(reasons))))
    for a, b in spans:
        for i in range(a + 1, b):
            if reasons[i] is None:
                reasons[i] = "reader comment"


def _site_names(infos: list[LineInfo], reasons: list[str | None],
                tails: list[str | None]) -> set[str]:
    """Names the page itself gives for its site: mastheads ("- Sputnik International") and
    " - Name" tails shared by two or more lines (captions and titles signed by the site)."""
    names: set[str] = set()
    counts: dict[str, int] = {}
    for info, reason, tail in zip(infos, reasons, tails):
        if reason == "masthead":
            names.add(normalise(info.text))
        if tail and len(tail.split()) <= 5:
            key = normalise(tail)
            counts[key] = counts.get(key, 0) + 1
    names.update(t for t, count in counts.items() if count >= 2)
    return names - {""}


def _caption_of_credit(text: str, tail: str | None, credit_texts: list[str]) -> bool:
    """True when ``text`` (minus its " - Name" ``tail``) is repeated inside a photo-credit line."""
    if not credit_texts:
        return False
    core = text[: text.rfind(tail)].rstrip(" -–—|") if tail else text
    if len(core) < 20:
        return False
    return any(core in credit for credit in credit_texts)


_DATELINE = re.compile(r"^[A-Z\u00c0-\u024f][A-Z\u00c0-\u024f .'’-]*(?:,\s*[A-Z\u00c0-\u024f .'’-]+)?:?$")


def _is_dateline(text: str) -> bool:
    """An all-capitals place name standing alone before the first paragraph ("MOSCOW")."""
    return bool(_DATELINE.match(text)) and any(c.isalpha() for c in text)
