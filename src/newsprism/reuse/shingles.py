"""From article text to passages, word shingles and MinHash signatures, vectorised with numpy.

An article's text is cut into *passages*: its paragraphs (every non-empty line, as cleaned bodies
separate paragraphs by blank lines or single newlines), with a paragraph longer than
``max_passage_words`` cut at sentence ends into chunks, so a page that arrives as one line still
has passage-sized units. Words are runs of letters and digits after Unicode NFKC normalisation
and lower-casing, so case, quote style, dashes and whitespace never matter. A *shingle* is a run
of ``shingle_words`` consecutive words inside one passage: shingles never cross a passage
boundary, which makes an article's shingle set the same whatever order its paragraphs come in.

Signatures are one-permutation MinHash (Li, Owen & Zhang 2012) with optimal densification
(Shrivastava 2017): each shingle is hashed once to 64 bits, its top bits pick one of ``K`` bins
and the bin keeps the smallest remaining 32-bit value; empty bins borrow the value of a bin chosen
by a fixed probe sequence. The probability that two signatures agree in a bin is the Jaccard
similarity of the two shingle sets, as with classic MinHash, but the cost is one hash per shingle
instead of ``K``. Hashing is numpy over a whole batch of articles at once: datasketch's
``MinHash``, one ``update`` per shingle in Python, signs about 200 articles a second where this
module hashes, indexes and verifies several thousand (benchmarks/reuse_scale.py).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

U64 = np.uint64
EMPTY = np.uint32(0xFFFFFFFF)  # marks a bin that no shingle fell into

_M1 = U64(0xBF58476D1CE4E5B9)
_M2 = U64(0x94D049BB133111EB)
_GOLDEN = U64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class ReuseSettings:
    """Every parameter of reuse detection. Signatures made with other settings do not compare.

    Thresholds were chosen on the dev half of benchmarks/reuse.py (held-out clusters of
    ../shared/bench/clusters), never on the sample corpus; see that benchmark's ``--sweep``.
    """

    shingle_words: int = 5
    # Article level: Jaccard estimated from ``num_perm`` bins; LSH with bands x rows.
    num_perm: int = 64
    article_bands: int = 21
    article_rows: int = 3
    # Passage level: fewer bins (a paragraph has only ~20-80 shingles). 24 bands of 2 bins: the
    # 16 pairs of consecutive bins, then 8 pairs of the same bins grouped otherwise
    # (``band_layout``). Paragraphs of the dev half of benchmarks/reuse.py with about one word in
    # 25 changed, that still pass the passage test: 10 bands shared a band with the original for
    # 95.5% of them, 24 bands for 99.4% (97.8% against 92.2% with one word in 12 changed), for
    # about 20 us more CPU an article in benchmarks/reuse_scale.py. Bands are recomputed from
    # the stored signatures, so sketches stored with other band counts stay valid.
    passage_perm: int = 32
    passage_bands: int = 24
    passage_rows: int = 2
    duplicate_threshold: float = 0.9  # Jaccard of shingle sets
    near_duplicate_threshold: float = 0.55  # containment of the smaller article in the larger
    passage_threshold: float = 0.45  # containment of the smaller passage in the other
    min_passage_words: int = 8
    ignore_quotes: bool = True  # words inside quotation marks do not make a shared passage
    max_passage_words: int = 80
    seed: int = 1

    def __post_init__(self) -> None:
        for name in ("num_perm", "passage_perm"):
            value = getattr(self, name)
            if value < 2 or value & (value - 1):
                raise ValueError(f"{name} must be a power of two, not {value}")
        # Bands may use the bins more than once (``band_layout``), but a band is distinct bins.
        if not 1 <= self.article_rows <= self.num_perm or self.article_bands < 1:
            raise ValueError("need 1 <= article_rows <= num_perm and article_bands >= 1")
        if not 1 <= self.passage_rows <= self.passage_perm or self.passage_bands < 1:
            raise ValueError("need 1 <= passage_rows <= passage_perm and passage_bands >= 1")
        if self.shingle_words < 1 or self.min_passage_words < self.shingle_words:
            raise ValueError("need 1 <= shingle_words <= min_passage_words")


# -- passages ---------------------------------------------------------------------------------
_WORDISH = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")


def passage_spans(text: str, max_words: int = 80) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of the passages of ``text``, in order.

    Every non-empty line is a passage; a line of more than ``max_words`` words is cut after
    sentence ends into chunks of about ``max_words // 2`` words or more (or at word boundaries
    where it has no sentence ends)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):  # str.split: four times faster than a regex over the text
        stripped = line.strip()
        if stripped:
            start = pos + line.find(stripped[0])  # the first non-blank character
            end = start + len(stripped)
            if stripped.count(" ") < max_words:  # cheap upper bound on the word count
                spans.append((start, end))
            else:
                spans.extend(_split_long(text, start, end, max_words))
        pos += len(line) + 1
    return spans


def _split_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """Cut one long line into pieces of ``max_words // 2`` words or more, closing each piece at
    the first sentence end after that; a sentence longer than ``max_words`` is cut by words."""
    target = max(max_words // 2, 1)
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, start, end)] + [end]
    pieces: list[tuple[int, int]] = []
    piece_start, count, sentence_start = start, 0, start
    for cut in cuts:
        words = len(text[sentence_start:cut].split())
        if words > max_words:  # a run-on "sentence": close what we have, then cut it by words
            if count:
                pieces.append((piece_start, _rstrip_end(text, piece_start, sentence_start)))
            positions = [m.start() for m in _WORDISH.finditer(text, sentence_start, cut)]
            for i in range(0, len(positions), max_words):
                stop = positions[i + max_words] if i + max_words < len(positions) else cut
                pieces.append((positions[i], _rstrip_end(text, positions[i], stop)))
            piece_start, count = cut, 0
        else:
            count += words
            if count >= target:
                pieces.append((piece_start, _rstrip_end(text, piece_start, cut)))
                piece_start, count = cut, 0
        sentence_start = cut
    if count:
        if pieces and count < target // 2:  # a short tail joins the piece before it
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((piece_start, end))
    return [(a, b) for a, b in pieces if b > a]


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def normalise(text: str) -> str:
    """The form words are read from: NFKC (full-width letters, ligatures, non-breaking spaces),
    lower case. Punctuation, quotes and whitespace are dropped later, at word boundaries."""
    return unicodedata.normalize("NFKC", text).lower()


# -- hashing ----------------------------------------------------------------------------------
def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over all 64 output bits (uint64 in/out)."""
    x = x ^ (x >> U64(30))
    x *= _M1
    x ^= x >> U64(27)
    x *= _M2
    x ^= x >> U64(31)
    return x


def _byte_classes() -> np.ndarray:
    """True for bytes that separate words: ASCII other than letters and digits. Bytes >= 0x80
    are letters of other scripts unless ``_unicode_separators`` says otherwise."""
    sep = np.ones(256, dtype=bool)
    for c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        sep[c] = False
    sep[0x80:] = False
    return sep


_SEPARATOR = _byte_classes()


def _unicode_separators(b: np.ndarray, sep: np.ndarray) -> None:
    """Mark UTF-8 punctuation and symbols as separators, in place: U+0080-00BF (no-break space,
    guillemets, degree ...), U+00D7/U+00F7, U+2000-20BF (dashes, curly quotes, bullets, ellipsis,
    currency), U+2180-2BFF (arrows, maths, shapes, dingbats), U+3000-303F (CJK punctuation) and
    emoji. Done on bytes because a regex over every article costs more than all the rest."""
    n = b.size
    if n < 2:
        return
    b0, b1 = b[:-1], b[1:]
    two = ((b0 == 0xC2) & (b1 >= 0x80) & (b1 <= 0xBF)) | ((b0 == 0xC3) & ((b1 == 0x97) | (b1 == 0xB7)))
    idx = np.flatnonzero(two)
    sep[idx] = True
    sep[idx + 1] = True
    if n >= 3:
        c0, c1 = b[:-2], b[1:-1]
        three = ((c0 == 0xE2) & (((c1 >= 0x80) & (c1 <= 0x82)) | ((c1 >= 0x86) & (c1 <= 0xAF)))) | (
            (c0 == 0xE3) & (c1 == 0x80))
        idx = np.flatnonzero(three)
        for off in range(3):
            sep[idx + off] = True
    if n >= 4:
        idx = np.flatnonzero((b[:-3] == 0xF0) & (b[1:-2] == 0x9F))
        for off in range(4):
            sep[idx + off] = True


_SHINGLE_MULT = mix64(np.arange(1, 65, dtype=U64) * _GOLDEN) | U64(1)
_BLOCK_MULT = mix64(np.arange(101, 101 + 64, dtype=U64) * _GOLDEN) | U64(1)
# _LOW_BYTES[n]: a mask keeping the first n bytes (little-endian) of a 64-bit word, n = 0..8.
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [(1 << 64) - 1], dtype=U64)


def word_hashes(data: bytes, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hash every word of ``data`` (normalised text, passages separated by ``\\n``).

    Returns ``(hashes, passage, starts)``: a uint64 hash per word, the number of the passage it
    is in (the count of newlines before it), and the byte offset where it starts."""
    b = np.frombuffer(data, dtype=np.uint8)
    nothing = np.empty(0, U64), np.empty(0, np.int64), np.empty(0, np.int64)
    if b.size == 0:
        return nothing
    sep = _SEPARATOR[b]
    if not data.isascii():
        _unicode_separators(b, sep)
    edge = np.empty(b.size + 1, dtype=bool)  # True where word-ness changes
    edge[0] = not sep[0]
    edge[1:-1] = sep[1:] != sep[:-1]
    edge[-1] = not sep[-1]
    bounds = np.flatnonzero(edge)
    if bounds.size == 0:
        return nothing
    starts, ends = bounds[0::2], bounds[1::2]
    lengths = ends - starts
    # Read each word 8 bytes at a time through a view with a stride of one byte (unaligned
    # 64-bit loads), masking off bytes past the word's end: work per word, not per byte.
    words64 = np.ndarray(shape=(b.size + 1,), dtype="<u8", buffer=data + bytes(8), strides=(1,))
    hashes = (lengths.astype(U64) << U64(56)) ^ U64(seed * 0x632BE59BD9B4E019 % (1 << 64))
    index = np.arange(starts.size)
    block = 0
    while index.size:  # long words take more rounds; most words end within 16 bytes
        at = starts[index] + 8 * block
        left = np.minimum(lengths[index] - 8 * block, 8)
        chunk = words64[at] & _LOW_BYTES[left]
        hashes[index] += mix64(chunk ^ _BLOCK_MULT[block % 64]) * _SHINGLE_MULT[block % 64]
        block += 1
        index = index[lengths[index] > 8 * block]
    hashes = mix64(hashes)
    newlines = np.flatnonzero(b == 10)
    return hashes, np.searchsorted(newlines, starts), starts


def quote_marks(data: bytes) -> np.ndarray:
    """Byte offsets of double quotation marks in normalised text: ", \u201c, \u201d, \u201e,
    \u00ab, \u00bb, and the `` '' pairs of older newswire."""
    b = np.frombuffer(data, dtype=np.uint8)
    marks = b == 0x22
    if b.size >= 2:
        pair = (b[:-1] == b[1:]) & ((b[:-1] == 0x60) | (b[:-1] == 0x27))
        pair[1:] &= ~pair[:-1]  # ``` is one mark, not two
        marks[:-1] |= pair
        if not data.isascii():
            marks[:-1] |= (b[:-1] == 0xC2) & ((b[1:] == 0xAB) | (b[1:] == 0xBB))
            if b.size >= 3:
                marks[:-2] |= (b[:-2] == 0xE2) & (b[1:-1] == 0x80) & (b[2:] >= 0x9C) & (b[2:] <= 0x9E)
    return np.flatnonzero(marks)


def quoted_words(data: bytes, starts: np.ndarray, passage: np.ndarray) -> np.ndarray:
    """For each word (by its start byte), the number of double quotation marks before it in its
    passage: odd means the word is inside a quotation (an unclosed quote runs to the end of the
    paragraph, as news style continues quotes across paragraphs)."""
    marks = quote_marks(data)
    if marks.size == 0:
        return np.zeros(starts.size, dtype=np.int64)
    passage_starts = np.concatenate([[0], np.flatnonzero(np.frombuffer(data, np.uint8) == 10) + 1])
    return np.searchsorted(marks, starts) - np.searchsorted(marks, passage_starts[passage])


def shingle_hashes(words: np.ndarray, passage: np.ndarray, k: int,
                   marks: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """64-bit hashes of the runs of ``k`` words that lie within one passage, their passage, and
    whether each lies wholly inside one quotation (given ``marks`` from ``quoted_words``)."""
    m = words.size - k + 1
    if m <= 0:
        return np.empty(0, U64), np.empty(0, np.int64), np.empty(0, bool)
    acc = words[:m] * _SHINGLE_MULT[0]
    for i in range(1, k):
        acc += words[i : i + m] * _SHINGLE_MULT[i]
    inside = passage[:m] == passage[k - 1 :]
    if marks is None:
        quoted = np.zeros(int(inside.sum()), dtype=bool)
    else:
        quoted = ((marks[:m] % 2 == 1) & (marks[:m] == marks[k - 1 :]))[inside]
    return mix64(acc[inside]), passage[:m][inside], quoted


# -- signatures -------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def _probes(bins: int, seed: int) -> np.ndarray:
    """The fixed probe sequence of densification: for empty bin ``j``, attempt ``t`` borrows
    from bin ``probes[t, j]``. Fixed per (bins, seed) so that every signature uses the same."""
    rng = np.random.default_rng(seed + 7919 * bins)
    return rng.integers(0, bins, size=(8 * bins, bins))


def one_permutation_minhash(hashes: np.ndarray, group: np.ndarray, groups: int, bins: int,
                            seed: int) -> np.ndarray:
    """Densified one-permutation MinHash of ``groups`` sets at once: row ``g`` of the returned
    ``(groups, bins)`` uint32 array is the signature of ``{hashes[i] : group[i] == g}``.
    A group with no element keeps ``EMPTY`` everywhere."""
    shift = U64(64 - int(bins).bit_length() + 1)
    cell = group * bins + (hashes >> shift).astype(np.int64)
    values = np.minimum(hashes & U64(0xFFFFFFFF), U64(0xFFFFFFFE)).astype(np.uint32)
    sig = np.full(groups * bins, EMPTY, dtype=np.uint32)
    np.minimum.at(sig, cell, values)
    sig = sig.reshape(groups, bins)
    _densify(sig, _probes(bins, seed))
    return sig


def _densify(sig: np.ndarray, probes: np.ndarray) -> None:
    """Fill empty bins in place from non-empty bins of the same row (optimal densification)."""
    empty = sig == EMPTY
    nonempty_rows = ~empty.all(axis=1)
    rows, cols = np.nonzero(empty & nonempty_rows[:, None])
    for first in range(0, probes.shape[0], 8):  # eight attempts per pass over the empty cells
        if rows.size == 0:
            return
        sources = probes[first:first + 8, cols].T  # (cells, 8) bins to borrow from, in order
        usable = ~empty[rows[:, None], sources]
        found = usable.any(axis=1)
        pick = sources[np.flatnonzero(found), usable[found].argmax(axis=1)]
        sig[rows[found], cols[found]] = sig[rows[found], pick]
        rows, cols = rows[~found], cols[~found]
    # Left after 8*bins probes only for rows with one or two non-empty bins: take the next
    # non-empty bin to the right (rotation densification), equally consistent across sets.
    for r, c in zip(rows.tolist(), cols.tolist()):
        row_empty = empty[r]
        for step in range(1, sig.shape[1]):
            j = (c + step) % sig.shape[1]
            if not row_empty[j]:
                sig[r, c] = sig[r, j]
                break


@lru_cache(maxsize=16)
def band_layout(bins: int, bands: int, rows: int) -> np.ndarray:
    """``(bands, rows)`` bin numbers of each band. The first ``bins // rows`` bands are runs of
    consecutive bins; further bands group the same bins again in another order (bin
    ``(j * stride + round) % bins`` for an odd stride), so that a short passage, whose few
    shingles give only a few agreeing bins, gets more chances to have two of them in one band
    without any longer signature to store."""
    per_round = bins // rows
    order = [np.arange(bins)]
    for round_ in range(1, -(-bands // per_round)):
        order.append((np.arange(bins) * (2 * round_ * rows + 1) + round_) % bins)
    groups = np.concatenate([o[: per_round * rows].reshape(per_round, rows) for o in order])
    layout = groups[:bands].copy()
    layout.flags.writeable = False
    return layout


def band_keys(sig: np.ndarray, bands: int, rows: int, salt: int) -> np.ndarray:
    """LSH band keys of signatures: ``(n, bands)`` uint64, equal exactly when the ``rows``
    values of a band are equal (up to 64-bit collisions). Never 0 (the index's empty mark)."""
    n = sig.shape[0]
    if bands * rows <= sig.shape[1]:  # one round: the bands are the first bins in order
        values = sig[:, : bands * rows].reshape(n, bands, rows).astype(U64)
    else:
        values = sig[:, band_layout(sig.shape[1], bands, rows)].astype(U64)
    acc = (values * _SHINGLE_MULT[:rows]).sum(axis=2, dtype=U64)
    acc += np.arange(1, bands + 1, dtype=U64) * _GOLDEN + U64(salt)
    return mix64(acc) | U64(1)


# -- sketches of many articles ------------------------------------------------------------------
@dataclass
class Sketches:
    """Signatures and passage layout of a run of articles, as flat arrays.

    Passages of article ``i`` are rows ``offsets[i]:offsets[i + 1]`` of the passage arrays.
    ``fingerprints`` hash each article's word sequence (equal means same words in the same
    order, whatever the case, punctuation, whitespace or paragraphing)."""

    settings: ReuseSettings
    fingerprints: np.ndarray  # (n,) uint64
    words: np.ndarray  # (n,) int32: words in the article
    signatures: np.ndarray  # (n, num_perm) uint32
    offsets: np.ndarray  # (n + 1,) int64
    spans: np.ndarray  # (p, 2) int32 character offsets in the article text
    passage_words: np.ndarray  # (p,) int32
    passage_shingles: np.ndarray  # (p,) int32, with repeats
    passage_signatures: np.ndarray  # (p, passage_perm) uint32
    # The shingles themselves (all of the run's passages in order), kept only from hashing to
    # indexing so that verifying a new article's candidates needs no second hashing.
    shingles: np.ndarray | None = None  # uint64, in passage order
    shingle_bounds: np.ndarray | None = None  # passage p's shingles: shingle_bounds[p]:[p + 1]
    shingle_quoted: np.ndarray | None = None  # bool: wholly inside a quotation

    def __len__(self) -> int:
        return int(self.fingerprints.size)

    def shingled(self, i: int, text: str) -> Shingled:
        """``shingle_sets(text)`` of article ``i`` of the run, from the shingles kept."""
        first, last = int(self.offsets[i]), int(self.offsets[i + 1])
        lo, hi = int(self.shingle_bounds[first]), int(self.shingle_bounds[last])
        passage = np.repeat(np.arange(last - first), np.diff(self.shingle_bounds[first:last + 1]))
        spans = [tuple(span) for span in self.spans[first:last].tolist()]
        return _shingled(text, int(self.fingerprints[i]), int(self.words[i]), spans,
                         self.passage_words[first:last].astype(np.int64), self.shingles[lo:hi],
                         passage, self.shingle_quoted[lo:hi])


def _prepare(texts: list[str], settings: ReuseSettings) -> tuple[bytes, list[list[tuple[int, int]]]]:
    spans = [passage_spans(t, settings.max_passage_words) for t in texts]
    # One passage per line, articles one after the other: passage numbers run on across
    # articles (an article without passages adds no line) and no shingle spans two articles.
    lines = [text[s:e] for text, sp in zip(texts, spans) for s, e in sp]
    data = normalise("\n".join(lines)).encode("utf-8", "surrogatepass")
    return data, spans


def sketch_texts(texts: list[str], settings: ReuseSettings) -> Sketches:
    """Sketches of ``texts`` (clean article bodies) in one vectorised pass."""
    data, spans = _prepare(texts, settings)
    counts = np.array([len(sp) for sp in spans], dtype=np.int64)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    total = int(offsets[-1])
    words, passage, starts = word_hashes(data, settings.seed)
    marks = quoted_words(data, starts, passage)
    sh, sh_passage, quoted = shingle_hashes(words, passage, settings.shingle_words, marks)
    passage_words = np.bincount(passage, minlength=total).astype(np.int32)
    passage_shingles = np.bincount(sh_passage, minlength=total).astype(np.int32)
    passage_sigs = one_permutation_minhash(sh, sh_passage, total, settings.passage_perm, settings.seed)
    article_of_passage = np.repeat(np.arange(len(texts)), counts)
    article_sigs = one_permutation_minhash(mix64(sh ^ _GOLDEN), article_of_passage[sh_passage], len(texts),
                                           settings.num_perm, settings.seed + 1)
    # Fingerprint: a hash of the article's word hashes in order.
    word_article = article_of_passage[passage] if passage.size else passage
    bounds = np.searchsorted(word_article, np.arange(len(texts) + 1))
    fingerprints = np.array([int.from_bytes(hashlib.blake2b(words[bounds[i]:bounds[i + 1]].tobytes(),
                                                            digest_size=8).digest(), "little")
                             for i in range(len(texts))], dtype=U64)
    article_words = np.diff(bounds).astype(np.int32)
    flat_spans = np.array([s for sp in spans for s in sp], dtype=np.int32).reshape(-1, 2)
    return Sketches(settings, fingerprints, article_words, article_sigs, offsets, flat_spans,
                    passage_words, passage_shingles, passage_sigs, sh,
                    np.concatenate([[0], np.cumsum(passage_shingles)]).astype(np.int64), quoted)


@dataclass
class Shingled:
    """One article's exact shingles, for verifying a candidate pair.

    ``shingles`` holds each distinct shingle of each passage once, grouped by passage
    (``passage`` gives the passage of each); ``quoted`` marks those lying wholly inside a
    quotation; ``distinct`` is the article's sorted set of shingles."""

    text: str
    fingerprint: int
    words: int
    spans: list[tuple[int, int]]
    passage_words: np.ndarray
    shingles: np.ndarray
    passage: np.ndarray
    quoted: np.ndarray
    sizes: np.ndarray  # distinct shingles per passage
    distinct: np.ndarray


def shingle_sets(text: str, settings: ReuseSettings) -> Shingled:
    """Exact shingle sets of one article, per passage and overall (same hashing as sketches)."""
    data, (spans,) = _prepare([text], settings)
    words, passage, starts = word_hashes(data, settings.seed)
    marks = quoted_words(data, starts, passage)
    sh, sh_passage, quoted = shingle_hashes(words, passage, settings.shingle_words, marks)
    fingerprint = int.from_bytes(hashlib.blake2b(words.tobytes(), digest_size=8).digest(), "little")
    return _shingled(text, fingerprint, int(words.size), spans, np.bincount(passage, minlength=len(spans)),
                     sh, sh_passage, quoted)


def _shingled(text: str, fingerprint: int, words: int, spans: list[tuple[int, int]],
              passage_words: np.ndarray, sh: np.ndarray, sh_passage: np.ndarray,
              quoted: np.ndarray) -> Shingled:
    n = len(spans)
    # One entry per distinct (passage, shingle); quoted only if every occurrence is.
    order = np.lexsort((sh, sh_passage))
    sh, sh_passage, quoted = sh[order], sh_passage[order], quoted[order]
    first = np.ones(sh.size, dtype=bool)
    first[1:] = (sh[1:] != sh[:-1]) | (sh_passage[1:] != sh_passage[:-1])
    if sh.size:
        quoted = np.logical_and.reduceat(quoted, np.flatnonzero(first))
    sh, sh_passage = sh[first], sh_passage[first]
    return Shingled(text, fingerprint, words, spans, passage_words, sh, sh_passage, quoted,
                    np.bincount(sh_passage, minlength=n), np.unique(sh))
