"""Numeric features of every line of a page, for the learned line classifier.

Each line is described by its own form (length, case, punctuation, function words, list markers,
boilerplate cue words, whether a rule fired), by where it sits in the page (position, distance to
the densest run of prose), and by the same facts about its neighbours. Everything is generic: no
word list is taken from the training pages (the stop-word list is a general English one, stored
with the model; the cue words below are the vocabulary of page furniture in general).

Features are computed in one pass of plain Python per line plus a few numpy array operations per
page, so that cleaning stays fast (thousands of articles a second).
"""
from __future__ import annotations

import math
import re

import numpy as np

from newsprism.clean.page import Page
from newsprism.clean.rules import _BULLETS, _SENTENCE_END, normalise

_TOKEN = re.compile(r"\w+", re.UNICODE)
_URL = re.compile(r"https?://|www\.|\S@\S|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”«»„]|(?:^|\s)['‘]|['’](?:\s|$)")
_SEPARATORS = re.compile(r"\s[|/›»>•·]\s|\s[-–—]\s")

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
advertise newsroom subscribe store shop deals offer offers free trial premium notifications
alerts view watch listen live tickets cart wishlist settings preferences accept accessibility
""".split())

_BASE_NAMES = [
    "log_words", "log_chars", "word_len", "lower_ratio", "upper_ratio", "caps_ratio", "digit_ratio",
    "punct_ratio", "ends_sentence", "ends_colon", "ends_question", "sentences_per_word",
    "commas_per_word", "stopword_ratio", "short_word_ratio", "cue_ratio", "cue_any", "bullet",
    "has_url", "has_date", "has_quote", "separators", "rule_hit", "repeats", "blank_before",
    "blank_after", "words_1", "words_2_3", "words_4_7", "words_8_15", "words_16_30", "words_31",
    "prose", "headline_like", "indent_off", "starts_digit", "tabs",
]
_CONTEXT_COLS = ["log_words", "ends_sentence", "lower_ratio", "bullet", "rule_hit", "prose",
                 "cue_any", "stopword_ratio", "indent_off", "headline_like"]
_WINDOW_COLS = ["log_words", "ends_sentence", "rule_hit", "bullet", "prose", "cue_any",
                "stopword_ratio"]
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (3, 8)
_PAGE_NAMES = [
    "rel_pos", "rel_char_pos", "in_prose_span", "before_prose", "after_prose", "dist_prose",
    "in_block", "dist_block", "block_share", "in_block_loose", "dist_block_loose", "page_lines",
    "line_share", "len_vs_prose", "first_lines", "last_lines", "block_pos", "run_len",
    "run_words", "run_prose", "rules_to_block", "rules_to_prose",
]

FEATURE_NAMES: list[str] = (
    _BASE_NAMES
    + [f"{c}@{k:+d}" for k in _OFFSETS for c in _CONTEXT_COLS]
    + [f"{c}~{w}" for w in _WINDOWS for c in _WINDOW_COLS]
    + _PAGE_NAMES
)
_COL = {name: i for i, name in enumerate(_BASE_NAMES)}


def _base_row(text: str, words: int, lower: int, stopwords: frozenset[str]) -> list[float]:
    """The own-form features of one stripped line (see ``_BASE_NAMES``)."""
    tokens = _TOKEN.findall(text)
    n_tok = len(tokens) or 1
    nw = max(words, 1)
    chars = len(text)
    n_digit = n_upper_start = n_caps = n_stop = n_short = n_cue = 0
    for tok in tokens:
        low = tok.lower()
        if low in stopwords:
            n_stop += 1
        if len(tok) <= 3:
            n_short += 1
        if low in CUE_WORDS:
            n_cue += 1
        c = tok[0]
        if c.isdigit():
            n_digit += 1
        elif c.isupper():
            n_upper_start += 1
            if len(tok) > 1 and tok.isupper():
                n_caps += 1
    alnum = sum(len(t) for t in tokens)
    nonspace = chars - text.count(" ")
    punct = max(nonspace - alnum, 0)
    end = text[-1]
    ends_sentence = 1.0 if _SENTENCE_END.search(text) else 0.0
    sentences = text.count(". ") + text.count("? ") + text.count("! ") + ends_sentence
    first = text[0]
    return [
        math.log1p(words),
        math.log1p(chars),
        min(alnum / n_tok, 15.0),
        lower / nw,
        n_upper_start / n_tok,
        n_caps / n_tok,
        n_digit / n_tok,
        punct / max(nonspace, 1),
        ends_sentence,
        1.0 if end == ":" else 0.0,
        1.0 if end == "?" else 0.0,
        min(sentences / nw, 1.0),
        min(text.count(",") / nw, 1.0),
        n_stop / n_tok,
        n_short / n_tok,
        n_cue / n_tok,
        1.0 if n_cue else 0.0,
        1.0 if first in _BULLETS or (first.isdigit() and len(text) > 1 and text[1] in ".)") else 0.0,
        1.0 if _URL.search(text) else 0.0,
        1.0 if _DATE.search(text) else 0.0,
        1.0 if _QUOTE.search(text) else 0.0,
        min(len(_SEPARATORS.findall(text)), 5) / 5.0,
        0.0,  # rule_hit, filled in by page_features
        0.0,  # repeats, filled in by page_features
        0.0,
        0.0,  # blank_before / blank_after
        1.0 if words <= 1 else 0.0,
        1.0 if 2 <= words <= 3 else 0.0,
        1.0 if 4 <= words <= 7 else 0.0,
        1.0 if 8 <= words <= 15 else 0.0,
        1.0 if 16 <= words <= 30 else 0.0,
        1.0 if words > 30 else 0.0,
        1.0 if words >= 15 and lower >= 0.3 * words and ends_sentence else 0.0,
        1.0 if 3 <= words <= 25 and not ends_sentence and lower <= 0.5 * words else 0.0,
        0.0,  # indent_off, filled in by page_features
        1.0 if first.isdigit() else 0.0,
        min(text.count("\t"), 5) / 5.0,
    ]


def _shift(col: np.ndarray, k: int, fill: float) -> np.ndarray:
    """``col`` moved so that row i holds row i+k (``fill`` past the page's ends)."""
    out = np.full_like(col, fill)
    if k > 0:
        out[:-k] = col[k:]
    elif k < 0:
        out[-k:] = col[:k]
    return out


def _window_mean(col: np.ndarray, w: int) -> np.ndarray:
    """Mean of ``col`` over rows i-w .. i+w (clipped at the page's ends)."""
    c = np.concatenate(([0.0], np.cumsum(col)))
    n = len(col)
    idx = np.arange(n)
    lo = np.maximum(idx - w, 0)
    hi = np.minimum(idx + w + 1, n)
    return (c[hi] - c[lo]) / (hi - lo)


def _best_block(score: np.ndarray) -> tuple[int, int]:
    """The contiguous run of lines with the largest total ``score`` (maximum subarray)."""
    best, best_lo, best_hi = -math.inf, 0, 0
    run, lo = 0.0, 0
    for i, s in enumerate(score.tolist()):
        if run <= 0:
            run, lo = s, i
        else:
            run += s
        if run > best:
            best, best_lo, best_hi = run, lo, i
    return best_lo, best_hi


def _distance_to(lo: int, hi: int, n: int) -> np.ndarray:
    idx = np.arange(n)
    return np.maximum(lo - idx, 0) + np.maximum(idx - hi, 0)


def page_features(page: Page, rule_hit: list[bool], stopwords: frozenset[str]) -> np.ndarray:
    """The feature matrix of a page: one row per non-empty line, columns as ``FEATURE_NAMES``."""
    n = len(page)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    base = np.array([_base_row(i.text, i.words, i.lower_start, stopwords) for i in page.infos])
    counts: dict[str, int] = {}
    norms = [normalise(i.text) for i in page.infos]
    for norm in norms:
        counts[norm] = counts.get(norm, 0) + 1
    base[:, _COL["rule_hit"]] = rule_hit
    base[:, _COL["repeats"]] = [math.log(counts[m]) for m in norms]
    base[:, _COL["blank_before"]] = page.blank_before
    base[:, _COL["blank_after"]] = page.blank_after

    words = np.array([i.words for i in page.infos], dtype=float)
    prose = base[:, _COL["prose"]] * (1.0 - base[:, _COL["rule_hit"]])
    # Indentation of the article's prose (HTML-to-text tools indent nested blocks).
    indent = np.array(page.indent, dtype=float)
    prose_idx = np.flatnonzero(prose)
    main_indent = float(np.median(indent[prose_idx])) if len(prose_idx) else float(np.median(indent))
    base[:, _COL["indent_off"]] = np.minimum(np.abs(indent - main_indent), 12.0) / 12.0

    cols = [base]
    for k in _OFFSETS:
        for c in _CONTEXT_COLS:
            fill = 1.0 if c == "rule_hit" else 0.0
            cols.append(_shift(base[:, _COL[c]], k, fill)[:, None])
    for w in _WINDOWS:
        for c in _WINDOW_COLS:
            cols.append(_window_mean(base[:, _COL[c]], w)[:, None])

    # Where the line sits: the span of prose, and the densest run of text (maximum subarray of
    # words minus a threshold; short lines count against it), strict and loose.
    idx = np.arange(n, dtype=float)
    total_words = max(words.sum(), 1.0)
    char_pos = np.cumsum(words) - words
    if len(prose_idx):
        first, last = int(prose_idx[0]), int(prose_idx[-1])
        prose_len = float(np.median(words[prose_idx]))
    else:
        first, last, prose_len = n, -1, 20.0
    in_span = ((idx >= first) & (idx <= last)).astype(float)
    dist_prose = np.full(n, float(n))
    if len(prose_idx):
        # distance (in lines) to the nearest prose line
        pos = np.searchsorted(prose_idx, idx)
        left = prose_idx[np.clip(pos - 1, 0, len(prose_idx) - 1)]
        right = prose_idx[np.clip(pos, 0, len(prose_idx) - 1)]
        dist_prose = np.minimum(np.abs(idx - left), np.abs(right - idx))
    capped = np.minimum(words, 60.0) * (1.0 - base[:, _COL["rule_hit"]])
    lo, hi = _best_block(capped - 12.0)
    lo2, hi2 = _best_block(capped - 5.0)
    block_words = words[lo: hi + 1].sum()
    in_block = ((idx >= lo) & (idx <= hi)).astype(float)
    page_cols = [
        idx / max(n - 1, 1),
        char_pos / total_words,
        in_span,
        (idx < first).astype(float),
        (idx > last).astype(float),
        np.log1p(dist_prose),
        in_block,
        np.log1p(_distance_to(lo, hi, n)),
        np.full(n, block_words / total_words),
        ((idx >= lo2) & (idx <= hi2)).astype(float),
        np.log1p(_distance_to(lo2, hi2, n)),
        np.full(n, math.log1p(n)),
        words / total_words,
        np.log1p(words) - math.log1p(prose_len),
        (idx < 3).astype(float),
        (idx >= n - 3).astype(float),
        np.clip((idx - lo) / max(hi - lo, 1), -1.0, 2.0),
    ]
    run_len, run_words, run_prose = _runs(page, base)
    page_cols += [run_len, run_words, run_prose,
                  _barriers(base[:, _COL["rule_hit"]], lo, hi),
                  _barriers(base[:, _COL["rule_hit"]], first, last)]
    cols.append(np.column_stack(page_cols))
    return np.hstack(cols)


def _runs(page: Page, base: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each line, the run of neighbouring lines of the same shape (list marker, indentation,
    short or long): its length (log), mean log-length, and share of prose around it. Menus are
    long runs of short items; lists inside an article are runs next to prose."""
    n = len(page)
    keys = [(b, ind, w < 8) for b, ind, w in zip(base[:, _COL["bullet"]].tolist(), page.indent,
                                                   (i.words for i in page.infos))]
    run_id = np.zeros(n, dtype=int)
    for i in range(1, n):
        run_id[i] = run_id[i - 1] + (keys[i] != keys[i - 1])
    sizes = np.bincount(run_id).astype(float)
    logw = base[:, _COL["log_words"]]
    mean_logw = np.bincount(run_id, weights=logw) / sizes
    # prose just before the run starts or just after it ends
    starts = np.searchsorted(run_id, np.arange(len(sizes)), side="left")
    ends = np.searchsorted(run_id, np.arange(len(sizes)), side="right") - 1
    prose = base[:, _COL["prose"]]
    before = np.where(starts > 0, prose[np.maximum(starts - 1, 0)], 0.0)
    after = np.where(ends < n - 1, prose[np.minimum(ends + 1, n - 1)], 0.0)
    return np.log1p(sizes[run_id]), mean_logw[run_id], ((before + after) / 2.0)[run_id]


def _barriers(rule_hit: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """How many rule-removed lines separate each line from the span lo..hi (log)."""
    n = len(rule_hit)
    if hi < lo:
        return np.full(n, math.log1p(n))
    c = np.concatenate(([0.0], np.cumsum(rule_hit)))
    idx = np.arange(n)
    before = c[np.minimum(lo, n)] - c[np.minimum(idx + 1, n)]  # rule lines strictly between i and lo
    after = c[idx] - c[min(hi + 1, n)]  # rule lines strictly between hi and i
    return np.log1p(np.where(idx < lo, before, np.where(idx > hi, after, 0.0)).clip(min=0))
