"""When an article was published: its dateline, its URL, or (failing both) the dates in its body.

dateparser and htmldate exist, but dateparser costs about a millisecond per string and htmldate
reads HTML, while this runs on plain text at 1,000+ articles a second; so dates are found with a
small set of regexes for the forms newsrooms print (listed in ``FULL_DATE``), with month names in
the languages of the outlet table (en, fr, de, es, it, pt, nl, tr, ru). Values come back as ISO
strings: "2020-02-19T14:31" when the dateline gives a time (time zones are dropped: the local
time as printed), else "2020-02-19".

Day/month order of numeric dates: a value above 12 decides; a weekday printed next to the date
decides; otherwise dots and dashes ("19.02.2020") are day-first everywhere, and slashes are
day-first unless the caller says the outlet is American (``day_first=False``), because most of
the world's outlets, including all the non-US ones in the table, write day/month/year.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

# Month names and abbreviations -> month number, lower case.
_MONTH_NAMES = {
    1: "january jan janvier janv januar jänner jaenner enero gennaio janeiro januari ocak января январь",
    2: "february feb febr février fevrier févr fevr februar febrero febbraio fevereiro februari "
       "şubat subat февраля февраль",
    3: "march mar mars märz maerz mrz marzo março marco maart mart марта март",
    4: "april apr avril avr abril aprile nisan апреля апрель",
    5: "may mai mayo maggio maio mei mayıs mayis мая май",
    6: "june jun juin juni junio giugno junho haziran июня июнь",
    7: "july jul juillet juil juli julio luglio julho temmuz июля июль",
    8: "august aug août aout agosto augustus ağustos agustos августа август",
    9: "september sep sept septembre settembre septiembre setiembre setembro eylül eylul "
       "сентября сентябрь",
    10: "october oct octobre oktober okt octubre ottobre outubro ekim октября октябрь",
    11: "november nov novembre noviembre novembro kasım kasim ноября ноябрь",
    12: "december dec décembre decembre dezember dez diciembre dicembre dezembro aralık aralik "
        "декабря декабрь",
}
MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names.split()}
# English month names that are also ordinary words: in a year-less date they must be capitalised.
_MONTH_WORDS = {"may", "mar", "march", "jan", "dec"}

_WEEKDAY_NAMES = [
    "monday mon lundi montag lunes lunedì lunedi segunda pazartesi понедельник",
    "tuesday tue tues mardi dienstag martes martedì martedi terça terca salı sali вторник",
    "wednesday wed mercredi mittwoch miércoles miercoles mercoledì mercoledi quarta çarşamba "
    "carsamba среда",
    "thursday thu thur thurs jeudi donnerstag jueves giovedì giovedi quinta perşembe persembe четверг",
    "friday fri vendredi freitag viernes venerdì venerdi sexta cuma пятница",
    "saturday sat samedi samstag sábado sabado sabato cumartesi суббота",
    "sunday sun dimanche sonntag domingo domenica pazar воскресенье",
]
WEEKDAYS: dict[str, int] = {name: i for i, names in enumerate(_WEEKDAY_NAMES) for name in names.split()}

# Words a dateline may carry besides the date itself ("Published on", "Last updated", bylines).
_UPDATE_WORDS = {"updated", "update", "modified", "edited", "revised", "aktualisiert", "güncelleme",
                 "güncellenme", "guncelleme", "обновлено", "обновлен", "actualizado", "aggiornato",
                 "atualizado", "jour"}
_PUBLISHED_WORDS = {"published", "publication", "posted", "created", "released", "publié", "publie",
                    "veröffentlicht", "veroeffentlicht", "publicado", "pubblicato", "yayınlanma",
                    "yayinlanma", "yayın", "опубликовано", "date", "dated", "first"}
_DATELINE_WORDS = _UPDATE_WORDS | _PUBLISHED_WORDS | {
    "on", "at", "by", "last", "the", "of", "in", "and", "am", "pm", "a", "m", "p", "gmt", "utc",
    "bst", "cet", "cest", "est", "edt", "et", "pt", "pst", "pdt", "ct", "cst", "cdt", "msk", "trt",
    "ist", "z", "t", "min", "mins", "minute", "minutes", "read", "time", "reading", "staff",
    "writer", "reporter", "correspondent", "editor", "contributor", "news", "desk", "service",
    "le", "de", "del", "la", "um", "uhr", "à", "mis", "tarihi", "saat", "г", "года", "в",
    "st", "nd", "rd", "th", "er", "h", "hrs", "local",
} | set(WEEKDAYS)

_YEAR = r"(?:19|20)\d\d"
_WORD = r"[^\W\d_]{3,11}"
# One regex for every printed full date; branches carry distinct group names (re needs that).
FULL_DATE = re.compile(
    rf"(?<!\d)(?P<iy>{_YEAR})-(?P<im>0?[1-9]|1[0-2])-(?P<id>[0-3]?\d)(?!\d)"        # 2020-02-21
    rf"|(?<![\d.])(?P<sy>{_YEAR})[/.](?P<sm>[01]?\d)[/.](?P<sd>[0-3]?\d)(?![\d.])"  # 2020/02/21
    rf"|(?<![\d.:/])(?P<na>[0-3]?\d)(?P<sep>[./-])(?P<nb>[0-3]?\d)(?P=sep)(?P<ny>{_YEAR})(?!\d)"
    rf"|(?<![\d.:])(?P<dd>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+)?(?P<dm>{_WORD})\.?,?\s*"
    rf"(?:de\s+|del\s+)?(?P<dy>{_YEAR})(?!\d)"                                       # 21 Feb, 2020
    rf"|(?<!\w)(?P<mm>{_WORD})\.?\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<my>{_YEAR})(?!\d)",
    re.IGNORECASE,                                                                    # Feb. 21, 2020
)
# Python's re scans fastest from a plain prefix, so years are found without look-arounds and
# their digit boundaries checked by hand (``_years``); a lookbehind here costs 4x on long texts.
_YEAR_FAST = re.compile(_YEAR)
_DIGITS = re.compile(r"[0-9]+")
_WORD_BEFORE_YEAR = re.compile(r"(?<!\w)(?P<w>[^\W\d_]{3,11})\.?,?\s+$")
# Around a day number standing alone ("on Feb. 24", "24 February"), the month word is looked up
# next to it: much faster than trying a month-name pattern at every word of the text.
_YEAR_AFTER = re.compile(r"[.,]?\s*(?:19|20)\d\d")
_WORD_BEFORE = re.compile(r"(?<!\w)(?P<w>[^\W\d_]{3,11})\.?\s+$")
_WORD_AFTER = re.compile(r"(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?P<w>[^\W\d_]{3,11})(?!\w)", re.IGNORECASE)
_TIME = re.compile(
    r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3])"
    r"(?:[:h](?P<m>[0-5]\d)(?::[0-5]\d)?"
    r"|\.(?P<m2>[0-5]\d)(?=\s*(?:[ap]\.?m\b|gmt|utc|bst|cet|est|edt|et\b|pt\b|msk|trt|ist)))"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?(?!\d)",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]+")
# Words near a date that make it a plan or a condition, not a past event ("talks will resume
# on March 5", "until Jan. 1, 2000", "the target date of January 1, 1999").
_FUTURE = frozenset("will would shall 'll expected expects plan plans planned scheduled target "
                    "deadline until till next upcoming due expire expires effective starting if "
                    "unless postponed".split())
_LOWER_WORDS = re.compile(r"[a-z']+")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’]?(?:\s+(?=[A-Z\"“‘'])|$)|\n")


def _is_plan(text: str, start: int, end: int) -> bool:
    """True when the clause around text[start:end] speaks of the future or a condition."""
    before = _SENTENCE_END.split(text[max(0, start - 80):start])[-1]
    after = _SENTENCE_END.split(text[end:end + 40], 1)[0]
    words = _LOWER_WORDS.findall((before + " " + after).lower())
    if not _FUTURE.isdisjoint(words) or any(w.endswith("'ll") for w in words):
        return True
    joined = " ".join(words)  # two-word plans
    return "going to" in joined or "set to" in joined or "to be held" in joined


_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<s>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=s)"
                       r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")

_MAX_DATELINE_CHARS = 160
_HEAD_LINES = 25
_TAIL_LINES = 8


@dataclass(frozen=True)
class Dateline:
    """A line that states when the article was published or updated."""

    index: int        # position among the non-empty lines
    value: str        # ISO date or datetime
    kind: str         # "published", "updated" or "plain" (no label)


def _make_date(y: int, m: int, d: int) -> _dt.date | None:
    if not 1900 <= y <= _dt.date.today().year + 1:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _years(text: str, pos: int = 0, endpos: int | None = None):
    """Yield the spans of four-digit years 1900-2099 standing alone in text[pos:endpos]."""
    for m in _YEAR_FAST.finditer(text, pos, len(text) if endpos is None else endpos):
        s, e = m.span()
        if (s == 0 or not text[s - 1].isdigit()) and (e == len(text) or not text[e].isdigit()):
            yield s, e


def _weekday_in(text: str) -> int | None:
    for word in _LETTERS.findall(text.lower()):
        if word in WEEKDAYS and len(word) > 3:
            return WEEKDAYS[word]
    return None


def date_from_match(m: re.Match, *, day_first: bool = True, context: str = "") -> _dt.date | None:
    """Return the date a ``FULL_DATE`` match denotes, or None if it is not a real date.

    ``context`` (the rest of the line) may name a weekday, which settles day/month order.
    """
    g = m.groupdict()
    if g["iy"]:
        return _make_date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["sy"]:
        return _make_date(int(g["sy"]), int(g["sm"]), int(g["sd"]))
    if g["ny"]:
        a, b, y = int(g["na"]), int(g["nb"]), int(g["ny"])
        if a > 12 or b > 12 or a == b:
            return _make_date(y, b, a) if a > 12 or a == b else _make_date(y, a, b)
        dmy, mdy = _make_date(y, b, a), _make_date(y, a, b)
        weekday = _weekday_in(context) if context else None
        if weekday is not None:
            if dmy and dmy.weekday() == weekday:
                return dmy
            if mdy and mdy.weekday() == weekday:
                return mdy
        # dotted and dashed numeric dates are day-first everywhere; slashes depend on locale
        return dmy if (day_first or g["sep"] != "/") else mdy
    if g["dy"]:
        month = MONTHS.get(g["dm"].lower())
        return _make_date(int(g["dy"]), month, int(g["dd"])) if month else None
    month = MONTHS.get(g["mm"].lower())
    return _make_date(int(g["my"]), month, int(g["md"])) if month else None


def _time_in(line: str, skip: tuple[int, int]) -> str | None:
    """Return "HH:MM" for the first clock time in ``line`` outside the date's span, else None."""
    for t in _TIME.finditer(line):
        if skip[0] <= t.start() < skip[1]:
            continue  # digits of the date itself
        h = int(t.group("h"))
        minute = t.group("m") or t.group("m2")
        ap = (t.group("ap") or "").lower()
        if ap == "p" and h < 12:
            h += 12
        elif ap == "a" and h == 12:
            h = 0
        return f"{h:02d}:{minute}"
    return None


@lru_cache(maxsize=4096)  # pure; the title and dateline passes ask about the same lines
def parse_dateline(line: str, *, day_first: bool = True) -> tuple[str, str] | None:
    """Return (ISO value, kind) when ``line`` is a dateline, else None.

    A dateline is a short line holding a full date and, around it, only dateline words: labels
    ("Published", "Update:"), weekdays, a clock time, time zones, a byline's capitalised name.
    Any ordinary lower-case word ("convoy is seen near ...") makes it body text instead.
    ``kind`` is "updated" for "Update:"/"Last modified" lines, "published" for labelled
    publication lines, else "plain".
    """
    if len(line) > _MAX_DATELINE_CHARS or ("19" not in line and "20" not in line):
        return None  # no year: most lines leave here, at the cost of two substring searches
    m = None
    for ys, ye in _years(line):
        m = FULL_DATE.search(line, max(0, ys - 40), ye + 12)
        if m:
            break
    if m is None:
        return None
    rest = line[:m.start()] + " " + line[m.end():]
    date = date_from_match(m, day_first=day_first, context=rest)
    if date is None:
        return None
    words = _LETTERS.findall(rest)
    kind = "plain"
    for word in words:
        low = word.lower()
        if low in _DATELINE_WORDS:
            if low in _UPDATE_WORDS and kind == "plain":
                kind = "updated"
            elif low in _PUBLISHED_WORDS and low not in ("date", "first") and kind == "plain":
                kind = "published"
            continue
        if word[0].isupper() or not word.isascii():
            continue  # a name (byline, place) or a label in another script
        return None  # prose: this is a sentence that mentions a date, not a dateline
    if len(words) > 12:
        return None
    clock = _time_in(line, (m.start(), m.end()))
    value = date.isoformat() + (f"T{clock}" if clock else "")
    return value, kind


def find_datelines(lines: list[str], *, day_first: bool = True, title_index: int | None = None,
                   ) -> list[Dateline]:
    """Return the datelines among ``lines`` (non-empty, stripped) where pages print them.

    Looks at the first 25 lines, the lines around the headline (6 above, 12 below) when its
    position is known, and the last 8 lines.
    """
    n = len(lines)
    wanted = set(range(min(n, _HEAD_LINES))) | set(range(max(0, n - _TAIL_LINES), n))
    if title_index is not None:
        wanted |= set(range(max(0, title_index - 6), min(n, title_index + 13)))
    found = []
    for i in sorted(wanted):
        parsed = parse_dateline(lines[i], day_first=day_first)
        if parsed:
            found.append(Dateline(i, parsed[0], parsed[1]))
    return found


def choose_published(datelines: list[Dateline], *, n_lines: int, title_index: int | None = None,
                     ) -> tuple[str, bool] | None:
    """Return (published, inferred) from datelines, or None.

    Datelines near the headline beat those elsewhere in the head (a site header may print
    today's date), head ones beat tail ones; a labelled or plain publication line beats an
    "Update:" line, and among equals the first one wins. A page with only an update time gives
    that time, marked inferred (it bounds publication from above).
    """
    if not datelines:
        return None
    pool = datelines
    if title_index is not None:
        near = [d for d in pool if title_index - 6 <= d.index <= title_index + 12]
        pool = near or pool
    head = [d for d in pool if d.index < max(_HEAD_LINES, (title_index or 0) + 13)]
    pool = head or pool
    for kind in ("published", "plain"):
        chosen = [d for d in pool if d.kind == kind]
        if chosen:
            return chosen[0].value, False
    return pool[0].value, True


def date_from_url(url: str | None) -> str | None:
    """Return the ISO date written in a URL's path (/2020/02/21/, /2020-02-21-, /20200221/)."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    m = _URL_DATE.search(path)
    if not m:
        return None
    date = _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return date.isoformat() if date else None


def infer_from_body(text: str, *, day_first: bool = True) -> str | None:
    """Return the latest past date the text gives (ISO date), or None if it gives none.

    Full dates count as written, unless the clause speaks of a plan or a condition ("will meet
    on March 5, 2020", "until Jan. 1, 2000"). A year-less date ("on Feb. 24") counts only when
    the text ties its month to a single year elsewhere (a full date or "February 2020" in the
    same month); a bare nearby year does not, as "the 2018 cease-fire ... started on Jan. 12"
    shows. So the value is a lower bound on publication, never later than the text allows.
    """
    dates: list[_dt.date] = []
    month_years: dict[int, set[int]] = {}
    seen: set[int] = set()
    for s, e in _years(text):
        lo = max(0, s - 40)
        for m in FULL_DATE.finditer(text, lo, min(len(text), e + 12)):
            start = m.start()
            if start in seen or not (m.start() <= s < m.end() or s <= m.start() < e):
                continue
            seen.add(start)
            date = date_from_match(m, day_first=day_first)
            if date is None:
                continue
            month_years.setdefault(date.month, set()).add(date.year)
            if not _is_plan(text, start, m.end()):
                dates.append(date)
        word = _WORD_BEFORE_YEAR.search(text, max(0, s - 16), s)  # "September 2018"
        month = MONTHS.get(word.group("w").lower()) if word else None
        if month:
            month_years.setdefault(month, set()).add(int(text[s:e]))
    if month_years:
        for s, e in (m.span() for m in _DIGITS.finditer(text)):
            if e - s > 2 or (s > 1 and text[s - 1] in ".,:/" and text[s - 2].isdigit()):
                continue
            if text[e:e + 1] == ":" or (text[e:e + 1] in ".," and text[e + 1:e + 2].isdigit()):
                continue  # a clock time or a decimal
            if _YEAR_AFTER.match(text, e, e + 8):
                continue  # part of a full date, counted above
            word = _WORD_BEFORE.search(text, max(0, s - 14), s) or _WORD_AFTER.match(text, e, e + 20)
            if word is None:
                continue
            name = word.group("w")
            month = MONTHS.get(name.lower())
            years = month_years.get(month) if month else None
            if not years or len(years) != 1 or (name.islower() and name in _MONTH_WORDS):
                continue
            date = _make_date(next(iter(years)), month, int(text[s:e]))
            if date and not _is_plan(text, min(s, word.start()), max(e, word.end())):
                dates.append(date)
    return max(dates).isoformat() if dates else None


def normalise_date(value: str, *, day_first: bool = True) -> str | None:
    """Return ``value`` (a hint such as "Fri, 21 Feb 2020 19:53:00 GMT") as ISO, else None."""
    value = value.strip()
    if not value:
        return None
    m = re.match(r"^((?:19|20)\d\d-\d\d-\d\d)(?:[T ](\d\d:\d\d))?", value)
    if m:
        return m.group(1) + (f"T{m.group(2)}" if m.group(2) else "")
    m = FULL_DATE.search(value)
    if m:
        date = date_from_match(m, day_first=day_first, context=value)
        if date:
            clock = _time_in(value, (m.start(), m.end()))
            return date.isoformat() + (f"T{clock}" if clock else "")
    try:  # anything else a container may hold ("20200221", "Feb 2020 21"): dateutil, slower
        from dateutil import parser as _parser

        parsed = _parser.parse(value, dayfirst=day_first, fuzzy=False)
    except (ValueError, OverflowError, ImportError):
        return None
    has_time = bool(_TIME.search(value))
    return parsed.strftime("%Y-%m-%dT%H:%M") if has_time else parsed.date().isoformat()
