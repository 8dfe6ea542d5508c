"""Numeric features of every line of a page, for the learned line classifier.

Each line is described by its own form (length, case, punctuation, function words, list markers,
boilerplate cue words, whether a rule fired), by where it sits in the page (position, distance to
the densest run of prose, which rule-marked furniture lies before and after it), and by the same
facts about its neighbours. Everything is generic: no word list comes from the training pages (the
stop-word list is a general English one stored with the model; the cue words below are the
vocabulary of page furniture in general).

Cleaning must run at thousands of articles a second, so nothing here loops over lines or words in
Python where it can be avoided: word statistics are summed per line from flags over each line's
first words (``page.HEAD_TOKENS``), character classes are counted by deleting them from the page's
bytes, and the page-level features are a fixed number of whole-array numpy operations.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import repeat
from operator import itemgetter

import numpy as np

from newsprism.clean.page import Page
from newsprism.clean.rules import _BULLETS

# The vocabulary of page furniture (menus, widgets, prompts) on news and blog sites in general.
CUE_WORDS = frozenset("""
share shares shared subscribe subscribed subscription subscriber subscribers unsubscribe newsletter
newsletters comment comments commenting reply replies login logout log sign signup register
account password cookie cookies privacy policy terms conditions copyright rights reserved related
advertisement advertising advert ads ad sponsored promoted follow click tap read more menu search
home contact about email e-mail facebook twitter instagram youtube linkedin whatsapp pinterest
telegram reddit tumblr rss app apps download video videos photo photos image images gallery
podcast podcasts tags tag topics topic sections section next previous prev loading trending
popular latest recommended edition editions print feedback sitemap faq help careers jobs
advertise newsroom store shop deals offer offers free trial premium notifications
alerts view watch listen live tickets cart wishlist settings preferences accept accessibility
""".split())


@lru_cache(maxsize=4)
def _cased(words: frozenset[str]) -> frozenset[str]:
    """``words`` in lower, Title and UPPER case: a word list matched without lower-casing."""
    return frozenset(w for word in words for w in (word, word.title(), word.upper()))


_CASED_CUES = _cased(CUE_WORDS)
_first_char = itemgetter(0)
_last_char = itemgetter(-1)
# ASCII punctuation counted for the punctuation ratio (what menus, credits and links are made of).
_PUNCT_BYTES = b".,:;|/()[]-#&*+=!?@\"'"
_WORD_BINS = np.array([1.5, 3.5, 7.5, 15.5, 30.5])
_ONE_HOT_T = np.eye(6)
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d\b"
)

_BASE_NAMES = [
    "log_words", "log_chars", "lower_ratio", "upper_ratio", "caps_ratio", "digit_ratio",
    "punct_ratio", "ends_sentence", "ends_colon", "sentences_per_word", "stopword_ratio",
    "cue_ratio", "cue_any", "bullet", "has_url", "short_dated", "separators", "rule_hit",
    "repeats", "indent_off", "words_1", "words_2_3", "words_4_7", "words_8_15", "words_16_30",
    "words_31", "prose", "headline_like", "tabs",
]
_COL = {name: i for i, name in enumerate(_BASE_NAMES)}
_CONTEXT_COLS = ["log_words", "ends_sentence", "lower_ratio", "bullet", "rule_hit", "prose",
                 "cue_any", "stopword_ratio", "indent_off", "headline_like"]
_CONTEXT_IDX = [_COL[c] for c in _CONTEXT_COLS]
_CONTEXT_FILL = np.array([1.0 if c == "rule_hit" else 0.0 for c in _CONTEXT_COLS])
_WINDOW_COLS = ["log_words", "ends_sentence", "rule_hit", "bullet", "prose", "cue_any",
                "stopword_ratio"]
_WINDOW_IDX = [_COL[c] for c in _WINDOW_COLS]
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (3, 8)
_PAGE_NAMES = [
    "rel_char_pos", "in_prose_span", "before_prose", "after_prose", "dist_prose", "in_block",
    "dist_block", "block_pos", "rules_to_block", "rules_to_prose", "end_marks_before",
    "share_before", "start_marks_after", "nav_after",
]
FEATURE_NAMES: list[str] = (
    _BASE_NAMES
    + [f"{c}@{k:+d}" for k in _OFFSETS for c in _CONTEXT_COLS]
    + [f"{c}~{w}" for w in _WINDOWS for c in _WINDOW_COLS]
    + _PAGE_NAMES
)

_LOG_PAGE_COLS = [4, 6, 8, 9, 10, 11, 12, 13]

# Rule verdicts that tell which side of the article a line is on.
_END_MARKS = frozenset({"comment widget", "comment header", "reader comment", "related article",
                        "copyright", "newsletter prompt"})
_SHARE_MARKS = frozenset({"share prompt", "share buttons"})
_START_MARKS = frozenset({"timestamp", "byline", "dateline", "headline", "repeated headline",
                          "relative age"})
_NAV_MARKS = frozenset({"navigation", "section label", "subscribe/sign-in prompt",
                        "breadcrumb or menu", "page header"})
_MARK_GROUP = {r: g for g, kinds in enumerate((_END_MARKS, _SHARE_MARKS, _START_MARKS, _NAV_MARKS))
               for r in kinds}
_MARK_ROWS = np.vstack([np.eye(4), np.zeros((1, 4))]).T  # column g: one-hot of group g


def _line_lengths(joined: bytes) -> list[int]:
    return list(map(len, joined.split(b"\n")))


def _base_matrix(page: Page, stopwords: frozenset[str]) -> np.ndarray:
    """The own-form features of every line (columns as ``_BASE_NAMES``), computed for the whole
    page at once: word flags summed per line, character classes counted by deleting them from
    the page's bytes, per-line counts mapped in C, and whole-array arithmetic."""
    infos = page.infos
    n = len(infos)
    lines = [i.text for i in infos]
    # word-level: stop words and cue words among each line's first words
    head_tokens = page.head_tokens
    m = len(head_tokens)
    flags = np.empty((2, m), dtype=bool)
    flags[0] = np.fromiter(map(_cased(stopwords).__contains__, head_tokens), bool, m)
    flags[1] = np.fromiter(map(_CASED_CUES.__contains__, head_tokens), bool, m)
    stop_cue = np.add.reduceat(flags, page.head_offsets, axis=1) / page.head_counts
    # character classes per line: delete them from the page's bytes and compare line lengths
    joined = "\n".join(lines)
    raw = joined.encode()
    lasts = list(map(_last_char, lines))
    firsts = list(map(_first_char, lines))
    zeros = [0] * n
    byte_len = _line_lengths(raw)
    # rare characters are only counted line by line when the page has them at all
    c = np.array([
        [i.words for i in infos],
        [i.lower_start for i in infos],
        [i.upper_start for i in infos],
        list(map(len, lines)),
        byte_len,
        _line_lengths(raw.translate(None, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
        _line_lengths(raw.translate(None, b"0123456789")),
        _line_lengths(raw.translate(None, _PUNCT_BYTES)),
        _line_lengths(raw.translate(None, b"|/>")) if " | " in joined or " / " in joined
        or " > " in joined else byte_len,
        _line_lengths(raw.translate(None, b"\t")) if "\t" in joined else byte_len,
        _line_lengths(raw.translate(None, b"@")) if "@" in joined else byte_len,
        list(map(str.count, lines, repeat(". "))),
        list(map(str.count, lines, repeat("http"))) if "http" in joined else zeros,
        list(map(str.count, lines, repeat("www."))) if "www." in joined else zeros,
        list(map(":".__eq__, lasts)),
        [i.ends for i in infos],
        [ch in _BULLETS or (ch.isdigit() and len(t) > 1 and t[1] in ".)")
         for ch, t in zip(firsts, lines)],
    ], dtype=float)
    words, lower = c[0], c[1]
    ends = c[15]
    nw = np.maximum(words, 1.0)
    nonspace = np.maximum(c[3] - words + 1.0, 1.0)  # characters other than the spaces between words
    per_class = c[4] - c[5:11]  # capitals, digits, punctuation, separators, tabs, @ per line
    out = np.empty((len(_BASE_NAMES), n))
    out[0:2] = np.log1p(c[[0, 3]])                          # log_words, log_chars
    out[2:4] = c[1:3] / nw                                   # lower_ratio, upper_ratio
    out[4:7] = per_class[0:3] / nonspace                     # caps, digit, punct ratios
    out[7] = ends
    out[8] = c[14]                                           # ends_colon
    out[9] = np.minimum((c[11] + ends) / nw, 1.0)            # sentences per word
    out[10:12] = stop_cue
    out[12] = stop_cue[1] > 0
    out[13] = c[16]                                          # bullet
    out[14] = (c[12] + c[13] + per_class[5]) > 0             # has_url
    out[15] = 0.0
    digits = per_class[1]
    for i in np.flatnonzero((digits > 0) & (words <= 20)).tolist():  # dates matter on short lines
        if _DATE.search(lines[i].lower()):
            out[15, i] = 1.0
    out[16] = np.minimum(per_class[3], 5.0) / 5.0            # separators
    out[17:20] = 0.0  # rule_hit, repeats, indent_off: set by page_features
    out[20:26] = _ONE_HOT_T[:, np.searchsorted(_WORD_BINS, words)]  # 1|2-3|4-7|8-15|16-30|31+
    long_enough = words >= 15
    out[26] = long_enough & (lower >= 0.3 * words) & (ends > 0)       # prose
    out[27] = (words >= 3) & (words <= 25) & (ends == 0) & (lower <= 0.5 * words)  # headline_like
    out[28] = np.minimum(per_class[4], 5.0) / 5.0            # tabs
    return out.T


def shifted(matrix: np.ndarray, offsets, fill: np.ndarray) -> np.ndarray:
    """Columns of ``matrix`` as seen from each row's neighbours at ``offsets`` (row i gets row
    i+k), with ``fill`` beyond the page's ends; one block of columns per offset."""
    n, m = matrix.shape
    pad = max(abs(k) for k in offsets)
    padded = np.empty((n + 2 * pad, m))
    padded[:pad] = fill
    padded[pad + n:] = fill
    padded[pad: pad + n] = matrix
    return np.hstack([padded[pad + k: pad + k + n] for k in offsets])


def window_means(matrix: np.ndarray, widths) -> np.ndarray:
    """Means of the columns of ``matrix`` over rows i-w .. i+w (clipped at the page's ends),
    one block of columns per width."""
    n, m = matrix.shape
    c = np.zeros((n + 1, m))
    np.cumsum(matrix, axis=0, out=c[1:])
    lo, hi, inv = _window_index(n, tuple(widths))
    sums = (c[hi] - c[lo]) * inv  # (len(widths) * n, m)
    return sums.reshape(len(widths), n, m).transpose(1, 0, 2).reshape(n, len(widths) * m)


@lru_cache(maxsize=512)
def _window_index(n: int, widths: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    idx = np.arange(n)
    lo = np.concatenate([np.maximum(idx - w, 0) for w in widths])
    hi = np.concatenate([np.minimum(idx + w + 1, n) for w in widths])
    return lo, hi, (1.0 / (hi - lo))[:, None]


def _best_block(words: list[float], threshold: float) -> tuple[int, int]:
    """The contiguous run of lines with the largest total of ``words - threshold`` (maximum
    subarray): the densest stretch of text, where short lines count against it."""
    blocks = text_blocks(words, threshold)
    return max(blocks)[1:] if blocks else (0, 0)


def text_blocks(words: list[float], threshold: float) -> list[tuple[float, int, int]]:
    """The dense stretches of text: (score, first line, last line) of every stretch whose total
    of ``words - threshold`` is positive, each cut where that running total peaks (Kadane's
    maximum-subarray scan, keeping every segment instead of only the best)."""
    blocks = []
    run, lo, peak, peak_at = 0.0, 0, 0.0, -1
    for i, w in enumerate(words):
        s = w - threshold
        if run <= 0:
            if peak_at >= 0:
                blocks.append((peak, lo, peak_at))
            run, lo, peak, peak_at = s, i, 0.0, -1
        else:
            run += s
        if run > peak:
            peak, peak_at = run, i
    if peak_at >= 0:
        blocks.append((peak, lo, peak_at))
    return blocks


def _span(n: int, lo: int, hi: int) -> np.ndarray:
    """1.0 for lines lo..hi, else 0.0."""
    out = np.zeros(n)
    out[max(lo, 0): hi + 1] = 1.0
    return out


@lru_cache(maxsize=512)
def _positions(n: int) -> np.ndarray:
    """Line numbers 0..n-1 as floats (cached: pages of the same length share them)."""
    return np.arange(n, dtype=float)


def _distance_to_span(idx: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """How many lines each line lies before lo or after hi (0 inside)."""
    n = len(idx)
    if hi < lo:
        return np.full(n, float(n))
    out = np.zeros(n)
    out[:lo] = idx[lo:0:-1]
    out[hi + 1:] = idx[1: n - hi]
    return out


def page_features(page: Page, reasons: list[str | None], stopwords: frozenset[str]) -> np.ndarray:
    """The feature matrix of a page: one row per non-empty line, columns as ``FEATURE_NAMES``.

    ``reasons`` are the rules' verdicts (``None`` where no rule fired).
    """
    n = len(page)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    infos = page.infos
    base = _base_matrix(page, stopwords)
    keys = [i.text for i in infos]
    counts = Counter(keys)
    rule_list = [r is not None for r in reasons]
    base[:, 17:19] = np.array([rule_list, list(map(counts.__getitem__, keys))], dtype=float).T
    rule_hit = base[:, 17]
    base[:, 18] = np.log(base[:, 18])

    words = np.array([i.words for i in infos], dtype=float)
    prose = base[:, _COL["prose"]] * (1.0 - rule_hit)
    prose_idx = np.flatnonzero(prose)
    prose_list = prose_idx.tolist()
    # Indentation relative to the article's prose (HTML-to-text tools indent nested blocks).
    indent_list = page.indent
    main_indent = _median([indent_list[i] for i in prose_list] if prose_list else indent_list)
    indent = np.array(indent_list, dtype=float)
    base[:, _COL["indent_off"]] = np.minimum(np.abs(indent - main_indent), 12.0) / 12.0

    context = shifted(base[:, _CONTEXT_IDX], _OFFSETS, _CONTEXT_FILL)
    windows = window_means(base[:, _WINDOW_IDX], _WINDOWS)

    # Where the line sits: the span of prose, and the densest run of text (maximum subarray of
    # words minus a threshold, so that short lines count against it).
    idx = _positions(n)
    word_list = [i.words for i in infos]
    total_words = max(float(sum(word_list)), 1.0)
    if prose_list:
        first, last = prose_list[0], prose_list[-1]
        top = len(prose_list) - 1
        pos = np.searchsorted(prose_idx, idx)
        left = prose_idx[np.maximum(pos - 1, 0)]
        right = prose_idx[np.minimum(pos, top)]
        dist_prose = np.minimum(np.abs(idx - left), np.abs(right - idx))
    else:
        first, last = n, -1
        dist_prose = np.full(n, float(n))
    capped = [0.0 if hit else min(w, 60) for w, hit in zip(word_list, rule_list)]
    # The article's block(s): every dense stretch at least half as strong as the densest (a
    # short article can score below one long footer paragraph, and must not be "far" from it).
    blocks = text_blocks(capped, 12.0)
    top = max(blocks) if blocks else (0.0, 0, -1)
    lo, hi = top[1], top[2]
    major = [(b_lo, b_hi) for score, b_lo, b_hi in blocks if score >= 0.5 * top[0]] or [(0, -1)]
    marks = _MARK_ROWS[:, [_MARK_GROUP.get(r, 4) for r in reasons]]
    cum = np.cumsum(marks, axis=1)
    rule_cum = np.zeros(n + 1)
    np.cumsum(rule_hit, out=rule_cum[1:])
    out = np.empty((len(_PAGE_NAMES), n))
    out[0] = (np.cumsum(words) - words) / total_words
    out[1] = _span(n, first, last)
    out[2] = _span(n, 0, first - 1)
    out[3] = _span(n, last + 1, n - 1)
    out[4] = dist_prose
    out[5] = sum(_span(n, b_lo, b_hi) for b_lo, b_hi in major)
    out[6] = np.minimum.reduce([_distance_to_span(idx, b_lo, b_hi) for b_lo, b_hi in major])
    out[7] = np.minimum(np.maximum((idx - lo) / max(hi - lo, 1), -1.0), 2.0)
    out[8] = np.minimum.reduce([_barriers(rule_cum, b_lo, b_hi, n) for b_lo, b_hi in major])
    out[9] = _barriers(rule_cum, first, last, n)
    out[10:12] = cum[:2] - marks[:2]
    out[12:14] = cum[2:, -1:] - cum[2:]
    # counts and distances enter on a log scale
    out[_LOG_PAGE_COLS] = np.log1p(out[_LOG_PAGE_COLS])
    return np.hstack([base, context, windows, out.T])


def _median(values: list) -> float:
    ordered = sorted(values)
    return float(ordered[len(ordered) // 2]) if ordered else 0.0


def _barriers(rule_cum: np.ndarray, lo: int, hi: int, n: int) -> np.ndarray:
    """How many rule-removed lines separate each line from the span lo..hi; ``rule_cum``
    is the running count of rule-removed lines with a leading zero."""
    if hi < lo:
        return np.full(n, float(n))
    out = np.zeros(n)
    out[:lo] = rule_cum[lo] - rule_cum[1: lo + 1]
    out[hi + 1:] = rule_cum[hi + 1: n] - rule_cum[hi + 1]
    return out
