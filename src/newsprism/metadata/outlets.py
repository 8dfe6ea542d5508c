"""Which outlet published an article: from its URL, from a name, or from cues in its text.

The table of known outlets is ``outlets.json`` next to this file (id, display name, aliases,
domains, country, kind). It is loaded once and turned into three dictionaries so that every
lookup is a single dict access on a normalised key; ``match_outlet_line`` runs on every line of
every article, so it must never loop over the table.

Text cues, strongest first (a relayed quote "according to Daily Sabah" never counts):
  * "Also on rt.com" / "Read more on ..." self-references and copyright lines ("© 2020 RT");
  * masthead lines: a line that is only an outlet name ("AA", "- Sputnik International");
  * wire datelines "MOSCOW (Reuters) -", "BEIJING, Feb. 21 (Xinhua) --";
  * caption or title suffixes "... - Sputnik International", "... | Reuters".
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from newsprism.models import Outlet

# Lines longer than this are never a bare masthead: skip them before any normalisation.
_MAX_MASTHEAD_CHARS = 70
# Decoration around a masthead: "- Sputnik International", "| Reuters |", "• AA".
_DECORATION = " \t-–—|•·*>»«:/\u00a0"


@dataclass(frozen=True)
class OutletIndex:
    """The outlet table as lookup dictionaries (built once by ``outlet_index``)."""

    by_id: dict[str, dict]          # id -> table row
    by_name: dict[str, str]         # normalised name or alias -> id
    by_exact: dict[str, str]        # upper-case acronym, case-sensitive ("RT", "AA") -> id
    by_domain: dict[str, str]       # "rt.com" -> id


def normalise_name(name: str) -> str:
    """Return ``name`` folded for lookup: no accents, dotless i as i, lower case, single spaces."""
    if not name.isascii():
        # NFKD + dropping combining marks turns "Hürriyet" into "Hurriyet"; "ı" has no
        # decomposition, so map it by hand ("Ajansı" and "AJANSI" must meet).
        name = unicodedata.normalize("NFKD", name.replace("ı", "i"))
        name = "".join(ch for ch in name if not unicodedata.combining(ch))
        name = name.replace("’", "'").replace("‘", "'")
    return " ".join(name.casefold().split())


def _is_acronym(alias: str) -> bool:
    # Short all-capital aliases ("RT", "AA", "AP", "FT") are matched case-sensitively so that
    # ordinary words such as "Rt" or "aa" in a line do not count as outlets.
    return len(alias) <= 5 and alias.isupper() and " " not in alias


@lru_cache(maxsize=1)
def outlet_index() -> OutletIndex:
    """Return the outlet table (``outlets.json``) as dictionaries; loaded once per process."""
    raw = resources.files("newsprism.metadata").joinpath("outlets.json").read_text("utf-8")
    rows = json.loads(raw)["outlets"]
    by_id: dict[str, dict] = {}
    by_name: dict[str, str] = {}
    by_exact: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    for row in rows:
        oid = row["id"]
        by_id[oid] = row
        for alias in [row["name"], *row.get("aliases", [])]:
            if _is_acronym(alias):
                by_exact.setdefault(alias, oid)
            else:
                by_name.setdefault(normalise_name(alias), oid)
        for domain in row.get("domains", []):
            by_domain.setdefault(domain.lower(), oid)
            # "rt.com" written as a line is a masthead too
            by_name.setdefault(domain.lower(), oid)
    return OutletIndex(by_id, by_name, by_exact, by_domain)


def outlet_info(outlet_id: str) -> dict | None:
    """Return the full table row (aliases, domains, country, kind) for an id, or None."""
    return outlet_index().by_id.get(outlet_id)


def is_known(outlet: Outlet | None) -> bool:
    """True when ``outlet`` comes from the table (ids of unknown web sites contain a dot)."""
    return outlet is not None and outlet.id in outlet_index().by_id


def _outlet(oid: str) -> Outlet:
    row = outlet_index().by_id[oid]
    return Outlet(id=oid, name=row["name"])


# ---------------------------------------------------------------- URL


# Hosts that carry other sites' articles; the real URL is inside theirs (or unknown).
_ARCHIVE_URL = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]+/(?P<inner>.+)$", re.I)
_NOT_OUTLETS = {"archive.org", "archive.ph", "archive.today", "archive.is", "google.com",
                "news.google.com", "facebook.com", "twitter.com", "x.com", "t.co", "bit.ly",
                "feedproxy.google.com", "feedburner.com", "localhost", "t.me"}
_HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "mobile.", "amp.")


def host_of(url: str) -> str | None:
    """Return the lower-case host of ``url`` without "www."/"m." (None if it has no host)."""
    url = url.strip()
    inner = _ARCHIVE_URL.match(url)
    if inner:
        url = unquote(inner.group("inner"))
    if "://" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
            break
    return host or None


def _known_domain(host: str) -> str | None:
    """The table id whose domain is ``host`` or one of its parent domains (news.bbc.co.uk)."""
    by_domain = outlet_index().by_domain
    parts = host.split(".")
    for i in range(len(parts) - 1):
        oid = by_domain.get(".".join(parts[i:]))
        if oid:
            return oid
    return None


def outlet_from_url(url: str, *, allow_unknown: bool = True) -> Outlet | None:
    """Return the outlet owning ``url``'s domain (subdomains included).

    A domain missing from the table gives ``Outlet(id=<host>, name=<host>)``: its id contains a
    dot, which no table id does, so ``is_known`` tells the two apart. Hosts that only relay other
    sites (archive.org snapshots are unwrapped first, then google.com, t.co, ...) give None.
    """
    host = host_of(url) if url else None
    if not host or "." not in host:
        return None
    oid = _known_domain(host)
    if oid:
        return _outlet(oid)
    if not allow_unknown or host in _NOT_OUTLETS or any(host.endswith("." + h) for h in _NOT_OUTLETS):
        return None
    return Outlet(id=host, name=host)


# ---------------------------------------------------------------- names and lines


def outlet_by_name(name: str) -> Outlet | None:
    """Return the table outlet called ``name`` (name, alias or domain, any case), else None."""
    if not name:
        return None
    name = name.strip().strip(_DECORATION)
    index = outlet_index()
    oid = index.by_exact.get(name) or index.by_name.get(normalise_name(name))
    if oid is None and "." in name and " " not in name:
        host = host_of(name)
        oid = _known_domain(host) if host else None
    return _outlet(oid) if oid else None


def match_outlet_line(line: str) -> Outlet | None:
    """Return the outlet when ``line`` is nothing but an outlet name or masthead, else None.

    Accepts decoration around the name ("- Sputnik International", "| Reuters", "• AA") and a
    domain ("rt.com", "www.rt.com"). A sentence that mentions an outlet is never a match.
    One strip and at most three dict lookups: it is called on every line of every article.
    """
    if len(line) > _MAX_MASTHEAD_CHARS:
        return None
    name = line.strip(_DECORATION)
    if not name or len(name) > 50:
        return None
    index = outlet_index()
    oid = index.by_exact.get(name)
    if oid is None:
        key = normalise_name(name)
        oid = index.by_name.get(key)
        if oid is None and key.endswith("."):  # "Reuters." but keep "F.A.Z." as written
            oid = index.by_name.get(key.rstrip("."))
        if oid is None and key.startswith("www."):
            oid = index.by_name.get(key[4:])
    return _outlet(oid) if oid else None


# ---------------------------------------------------------------- text cues

# Weights of each kind of cue; the outlet with the highest total wins (ties: earliest cue).
# Self-references and copyright notices are what an outlet writes about itself; a bare
# masthead line is almost as good; wire agencies' names also appear as photo credits, so a
# bare wire name counts a little less.
W_SELF_REFERENCE = 6
W_COPYRIGHT = 6
W_MASTHEAD_DECORATED = 5
W_MASTHEAD = 4
W_MASTHEAD_WIRE = 3
W_DATELINE = 4
W_SUFFIX = 2
W_SIGNOFF = 3
_HEAD_LINES = 20
_TAIL_LINES = 12

_SELF_REFERENCE = re.compile(
    r"^(?:also on|read more on|more on|see also on|read also on|first published (?:on|at|by)|"
    r"originally published (?:on|at|by)|this (?:article|story) (?:was )?(?:first |originally )?"
    r"(?:appeared|published) (?:on|at|in))\s+(?P<site>(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})\b",
    re.I,
)
# "© 2020 RT", "Copyright © 2019, Los Angeles Times | Terms", "All contents © 2019 The Slate
# Group LLC." The holder's name runs from after the year to the first separator.
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:Â?©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?[\s,.]*"
    r"(?P<name>[^©|•;/]{2,70})", re.IGNORECASE)
_COPYRIGHT_END = re.compile(r"\.(?:\s|$)|,|\s-\s|\s(?:or|and) its\b|all rights|alle rechte|tüm hakları|"
                            r"все права|"
                            r"\bis a registered|\ba (?:division|subsidiary)", re.IGNORECASE)
_COPYRIGHT_AFTER = re.compile(r"^(?P<name>[^©|/]{2,40}?)\s*©\s*(?:(?:19|20)\d\d)", re.IGNORECASE)
# Words a copyright holder adds to an outlet's name: "Guardian News & Media Limited", "CNBC LLC".
_COMPANY_WORDS = {"inc", "llc", "ltd", "limited", "corp", "corporation", "company", "co", "plc",
                  "gmbh", "sa", "ag", "group", "holdings", "media", "network", "networks", "news",
                  "newspapers", "interactive", "communications", "publishing", "international",
                  "digital", "&", "and", "the"}


# "MOSCOW (Reuters) -", "ANKARA (AA) –", "BEIJING, Feb. 21 (Xinhua) --": a place in capitals,
# an optional date, the agency in brackets, then a dash; or, in TASS's style, "MOSCOW, March 4.
# /TASS/.": the agency between slashes.
_WIRE_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þa-zà-ÿ0-9 .,'’/-]{1,60}?(?:\((?P<name>[A-Za-z][^()]{0,30})\)\s*(?:-{1,2}|–|—|_|:)\s"
    r"|/(?P<slashed>[A-Za-z][^/]{0,30})/\.?\s)"
)
_SUFFIX = re.compile(r"\s(?:-|–|—|\|)\s*(?P<name>[^-–—|]{2,45})$")
_REUTERS_SIGNOFF = re.compile(r"^\(?\s*(?:additional )?reporting by\b.{2,200}\bediting by\b", re.I)


def _holder_outlet(name: str) -> Outlet | None:
    """The outlet a copyright holder's name stands for, dropping company words from its end."""
    words = name.split()
    while words:
        outlet = outlet_by_name(" ".join(words).strip(" .,"))
        if outlet:
            return outlet
        if words[-1].lower().strip(".,") not in _COMPANY_WORDS:
            break
        words.pop()
    if len(words) > 1 and words[0].lower() == "the":
        return _holder_outlet(" ".join(words[1:]))
    return None


def _copyright_outlet(line: str) -> Outlet | None:
    """The outlet named as copyright holder in ``line`` ("© 2020 RT"); photo credits don't count."""
    if len(line) > 240:
        return None
    low = line.lower()
    if "©" not in line and "copyright" not in low and "(c)" not in low:
        return None
    m = _COPYRIGHT.search(line)
    if m:
        name = m.group("name")
        credit = line[m.end():m.end() + 1] == "/" or "photo" in name.lower()  # "© REUTERS / POOL"
        if not credit:
            end = _COPYRIGHT_END.search(name)
            name = name[:end.start()] if end else name
            # "Cable News Network.Turner Broadcasting": a full stop glued to the next name
            for part in (name, re.split(r"\.(?=[A-Z])", name)[0]):
                outlet = _holder_outlet(part.strip())
                if outlet:
                    return outlet
    m = _COPYRIGHT_AFTER.match(line)
    return _holder_outlet(m.group("name").strip(" .,")) if m else None


_SMALL_WORDS = {"of", "the", "and", "de", "la", "le", "du", "des", "di", "y", "e", "der", "die",
                "das", "al", "el", "en", "for"}


def _masthead_case(line: str) -> bool:
    """False for a sentence-case label such as "Foreign policy": mastheads capitalise each word."""
    words = line.strip(_DECORATION).split()
    return all(w[0].isupper() or not w[0].isalpha() or w in _SMALL_WORDS for w in words[1:])


def outlet_cues(lines: list[str]) -> list[tuple[Outlet, int, int]]:
    """Return every self-identifying cue in ``lines`` as (outlet, weight, line number).

    ``lines`` are the article's non-empty lines, stripped. Only the head and tail are read for
    bare mastheads; in-body attributions ("quoted by Sputnik") are never cues.
    """
    cues: list[tuple[Outlet, int, int]] = []
    n = len(lines)
    index = outlet_index()
    for i, line in enumerate(lines):
        if i < _HEAD_LINES and ("(" in line[:70] or "/" in line[:70]):
            m = _WIRE_DATELINE.match(line, 0, 100)  # the first words of the first paragraphs
            if m:
                outlet = outlet_by_name(m.group("name") or m.group("slashed"))
                if outlet:
                    cues.append((outlet, W_DATELINE, i))
                    continue
        if len(line) > 400:
            continue  # a body paragraph: an attribution there is never a self-reference
        in_head = i < _HEAD_LINES
        in_tail = i >= n - _TAIL_LINES
        if (in_head or in_tail) and line[0] not in "•·*":  # bulleted names are menus of sister sites
            outlet = match_outlet_line(line) if _masthead_case(line) else None
            if outlet is not None:
                if line[:1] in "-–—|" or line[-1:] in "-–—|":
                    weight = W_MASTHEAD_DECORATED
                elif index.by_id[outlet.id].get("kind") == "wire":
                    weight = W_MASTHEAD_WIRE
                else:
                    weight = W_MASTHEAD
                cues.append((outlet, weight if in_head else weight - 1, i))
                continue
        lower = line[:20].lower()
        if lower.startswith(("also on", "read more", "more on", "see also", "read also", "first pub",
                             "originally", "this article", "this story")):
            m = _SELF_REFERENCE.match(line)
            if m:
                outlet = outlet_from_url(m.group("site"), allow_unknown=False)
                if outlet:
                    cues.append((outlet, W_SELF_REFERENCE, i))
                    continue
        if "©" in line or "opyright" in line:
            outlet = _copyright_outlet(line)
            if outlet:
                cues.append((outlet, W_COPYRIGHT, i))
                continue
        if len(line) < 400 and (" - " in line or " | " in line or " – " in line or " — " in line):
            m = _SUFFIX.search(line)
            if m:
                outlet = match_outlet_line(m.group("name"))
                if outlet:
                    cues.append((outlet, W_SUFFIX, i))
                    continue
        if (in_tail and lower.lstrip("(").startswith(("reporting", "additional"))
                and _REUTERS_SIGNOFF.match(line)):
            # "Reporting by ...; Editing by ..." is Reuters' house sign-off
            cues.append((_outlet("reuters"), W_SIGNOFF, i))
    return cues


def outlet_from_lines(lines: list[str]) -> Outlet | None:
    """Return the outlet that the text's own cues point to (see ``outlet_cues``), else None."""
    totals: dict[Outlet, int] = {}
    first: dict[Outlet, int] = {}
    for outlet, weight, i in outlet_cues(lines):
        # cues add up, to a cap: a suffix on every caption must not outweigh two strong cues
        totals[outlet] = min(totals.get(outlet, 0) + weight, 12)
        first.setdefault(outlet, i)
    if not totals:
        return None
    return max(totals, key=lambda o: (totals[o], -first[o]))


def find_outlet(text: str | None = None, url: str | None = None) -> Outlet | None:
    """Return the article's outlet: from ``url``'s domain when given, else from text cues.

    An unknown domain still wins over text cues (the page is that site's), as an outlet whose id
    is the host name (see ``outlet_from_url``). None when nothing identifies the outlet.
    """
    if url:
        outlet = outlet_from_url(url)
        if outlet is not None:
            return outlet
    if text:
        lines = [s for s in (line.strip() for line in text.splitlines()) if s]
        return outlet_from_lines(lines)
    return None
