"""Incremental reuse detection over a growing archive.

``ReuseDetector.add`` / ``add_many`` check new articles against everything added before, then
index them. Candidate pairs come from MinHash LSH at two levels (whole article, and each
passage); each candidate is then decided exactly by ``compare``. What the index holds (per
article: a fingerprint, a signature, its passages' offsets and signatures) can be saved and
restored, so a later run indexes the stored signatures again without re-hashing any text; it
needs the texts of earlier articles only to quote the passages of a new finding.
"""
from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import struct
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from functools import partial

import numpy as np

from newsprism.reuse.bands import BandIndex
from newsprism.reuse.compare import ReuseFinding, compare
from newsprism.reuse.shingles import EMPTY, ReuseSettings, Shingled, Sketches, band_keys, shingle_sets, sketch_texts

_ARTICLE_SALT = 0xA5A5A5A5
_PASSAGE_SALT = 0x5A5A5A5A


@dataclass
class ArticleSketch:
    """What the index keeps of one article: enough to index it again without its text.

    About 0.3 KB plus 0.14 KB a passage with the default settings (``to_bytes``)."""

    fingerprint: int
    words: int
    signature: np.ndarray  # (num_perm,) uint32
    spans: np.ndarray  # (p, 2) int32 character offsets of the passages
    passage_words: np.ndarray  # (p,) int32
    passage_shingles: np.ndarray  # (p,) int32
    passage_signatures: np.ndarray  # (p, passage_perm) uint32

    _HEADER = struct.Struct("<4sQIIII")

    def to_bytes(self, settings: ReuseSettings) -> bytes:
        """Compact bytes (for a BLOB column); ``from_bytes`` with the same settings reads them."""
        p = int(self.spans.shape[0])
        header = self._HEADER.pack(b"NPR1", self.fingerprint, self.words, p, settings.num_perm,
                                   settings.passage_perm)
        return b"".join([header, _settings_key(settings),
                         self.signature.astype("<u4").tobytes(), self.spans.astype("<i4").tobytes(),
                         self.passage_words.astype("<i4").tobytes(),
                         self.passage_shingles.astype("<i4").tobytes(),
                         self.passage_signatures.astype("<u4").tobytes()])

    @classmethod
    def from_bytes(cls, data: bytes, settings: ReuseSettings) -> "ArticleSketch":
        """The sketch ``to_bytes`` wrote; ``ValueError`` if it was made with other settings."""
        magic, fingerprint, words, p, num_perm, passage_perm = cls._HEADER.unpack_from(data)
        at = cls._HEADER.size
        if magic != b"NPR1" or data[at:at + 8] != _settings_key(settings):
            raise ValueError("sketch was made with other reuse settings: re-sketch the article")
        at += 8

        def take(dtype: str, count: int) -> np.ndarray:
            nonlocal at
            out = np.frombuffer(data, dtype=dtype, count=count, offset=at)
            at += out.nbytes
            return out

        signature = take("<u4", num_perm).astype(np.uint32)
        spans = take("<i4", 2 * p).reshape(p, 2).astype(np.int32)
        passage_words = take("<i4", p).astype(np.int32)
        passage_shingles = take("<i4", p).astype(np.int32)
        passage_signatures = take("<u4", p * passage_perm).reshape(p, passage_perm).astype(np.uint32)
        return cls(fingerprint, words, signature, spans, passage_words, passage_shingles, passage_signatures)


def _settings_key(settings: ReuseSettings) -> bytes:
    """8 bytes naming the settings that shape sketches (thresholds may change freely)."""
    shaping = (settings.shingle_words, settings.num_perm, settings.passage_perm,
               settings.max_passage_words, settings.seed)
    return hashlib.blake2b(repr(shaping).encode(), digest_size=8).digest()


class _Rows:
    """A numpy array that grows by appending rows (capacity doubles, so appends are cheap)."""

    def __init__(self, dtype, width: int | None = None):
        shape = (16,) if width is None else (16, width)
        self._data = np.zeros(shape, dtype=dtype)
        self._n = 0

    def extend(self, rows: np.ndarray) -> None:
        need = self._n + len(rows)
        if need > len(self._data):
            size = len(self._data)
            while size < need:
                size *= 2
            grown = np.zeros((size,) + self._data.shape[1:], dtype=self._data.dtype)
            grown[: self._n] = self._data[: self._n]
            self._data = grown
        self._data[self._n : need] = rows
        self._n = need

    @property
    def view(self) -> np.ndarray:
        return self._data[: self._n]

    def __len__(self) -> int:
        return self._n


class ReuseDetector:
    """Finds duplicates, near-duplicates and shared passages as articles are added.

    Settings are ``ReuseSettings`` fields, given as ``settings=`` or as keywords
    (``ReuseDetector(near_duplicate_threshold=0.7)``). By default the detector keeps the texts
    it is given, to quote passages of later findings; pass ``keep_texts=False`` and
    ``text_of=<id -> text>`` (for instance reading the archive) to keep only signatures.
    """

    def __init__(self, *, settings: ReuseSettings | None = None,
                 text_of: Callable[[str], str | None] | None = None, keep_texts: bool = True,
                 **overrides):
        known = {f.name for f in fields(ReuseSettings)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown reuse settings: {', '.join(sorted(unknown))}")
        self.settings = replace(settings or ReuseSettings(), **overrides)
        self.text_of = text_of
        self.keep_texts = keep_texts
        s = self.settings
        self._ids: list[str] = []
        self._number: dict[str, int] = {}
        self._texts: dict[int, str] = {}
        self._fingerprints: dict[int, list[int]] = {}
        self._words = _Rows(np.int32)
        self._fingerprint_values = _Rows(np.uint64)
        self._signatures = _Rows(np.uint32, s.num_perm)
        self._first_passage = _Rows(np.int64)
        self._first_passage.extend(np.zeros(1, dtype=np.int64))
        self._spans = _Rows(np.int32, 2)
        self._passage_words = _Rows(np.int32)
        self._passage_shingles = _Rows(np.int32)
        self._passage_signatures = _Rows(np.uint32, s.passage_perm)
        self._passage_article = _Rows(np.int32)
        self._article_index = BandIndex()
        self._passage_index = BandIndex()

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._number

    # -- adding -------------------------------------------------------------------------------
    def add(self, article_id: str, text: str) -> list[ReuseFinding]:
        """Check one article against every article added so far, then index it.
        Returns its findings (empty if this id was added before)."""
        return self.add_many([(article_id, text)])

    def add_many(self, articles: Iterable[tuple[str, str]], *, workers: int = 1,
                 batch_size: int = 1000) -> list[ReuseFinding]:
        """``add`` for many ``(id, text)`` pairs, in order, hashed in batches (and in
        ``workers`` processes when more than 1). The same findings as adding them one by one."""
        return list(self.iter_add(articles, workers=workers, batch_size=batch_size))

    def iter_add(self, articles: Iterable[tuple[str, str]], *, workers: int = 1,
                 batch_size: int = 1000) -> Iterator[ReuseFinding]:
        """``add_many`` as a generator of findings, batch after batch (memory stays flat)."""
        if hasattr(articles, "__len__"):
            self.reserve(len(articles))
        batches = self._new_batches(articles, batch_size)
        if workers <= 1:
            for ids, texts in batches:
                yield from self._add_sketches(ids, texts, sketch_texts(texts, self.settings))
            return
        in_flight: deque[tuple[list[str], list[str]]] = deque()

        def texts_only() -> Iterator[list[str]]:
            for ids, texts in batches:
                in_flight.append((ids, texts))
                yield texts

        # Hashing is per article and pure, so it runs in worker processes while this process
        # indexes and verifies the previous batch. Fork where there is fork: "spawn" re-imports
        # the caller's main module, which breaks scripts without a __main__ guard.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with multiprocessing.get_context(method).Pool(workers) as pool:
            for sketches in pool.imap(partial(sketch_texts, settings=self.settings), texts_only()):
                ids, texts = in_flight.popleft()
                yield from self._add_sketches(ids, texts, sketches)

    def reserve(self, articles: int) -> None:
        """Size the LSH index for ``articles`` more articles at once (``add_many`` does this
        when it can count what it is given): cheaper than growing it step by step."""
        seen = len(self._ids)
        per_article = len(self._passage_words) / seen if seen > 100 else 12.0
        self._passage_index.reserve(int(articles * per_article * self.settings.passage_bands))
        self._article_index.reserve(articles * self.settings.article_bands)

    def _new_batches(self, articles: Iterable[tuple[str, str]], size: int) -> Iterator[tuple[list[str], list[str]]]:
        ids: list[str] = []
        texts: list[str] = []
        seen: set[str] = set()
        for article_id, text in articles:
            if article_id in self._number or article_id in seen:
                continue
            seen.add(article_id)
            ids.append(article_id)
            texts.append(text)
            if len(ids) >= size:
                yield ids, texts
                ids, texts, seen = [], [], set()
        if ids:
            yield ids, texts

    def _add_sketches(self, ids: list[str], texts: list[str] | None, sk: Sketches,
                      check: bool = True) -> list[ReuseFinding]:
        """Index a batch; with ``check``, first find and verify its reuse of earlier articles."""
        s = self.settings
        n0, p0 = len(self._ids), len(self._passage_words)
        counts = np.diff(sk.offsets)
        self._words.extend(sk.words)
        self._fingerprint_values.extend(sk.fingerprints)
        self._signatures.extend(sk.signatures)
        self._first_passage.extend(p0 + sk.offsets[1:])
        self._spans.extend(sk.spans)
        self._passage_words.extend(sk.passage_words)
        self._passage_shingles.extend(sk.passage_shingles)
        self._passage_signatures.extend(sk.passage_signatures)
        self._passage_article.extend(n0 + np.repeat(np.arange(len(ids)), counts))
        for i, article_id in enumerate(ids):
            self._number[article_id] = n0 + i
        self._ids.extend(ids)
        if texts is not None and self.keep_texts:
            self._texts.update(zip(range(n0, n0 + len(ids)), texts))

        candidates: list[np.ndarray] = []  # (k, 2) arrays of (earlier, new) article numbers
        # Same words in the same order: caught even where there are no shingles to hash.
        exact: list[tuple[int, int]] = []
        for i, (fingerprint, words) in enumerate(zip(sk.fingerprints.tolist(), sk.words.tolist())):
            if words < s.min_passage_words:
                continue
            holders = self._fingerprints.setdefault(fingerprint, [])
            exact.extend((old, n0 + i) for old in holders)
            if len(holders) < self._passage_index.bucket_limit:
                holders.append(n0 + i)
        if exact:
            candidates.append(np.array(exact, dtype=np.int64))

        # Passage level: paragraphs long enough to count, with their own LSH.
        eligible = np.flatnonzero((sk.passage_words >= s.min_passage_words) & (sk.passage_shingles > 0))
        keys = band_keys(sk.passage_signatures[eligible], s.passage_bands, s.passage_rows, _PASSAGE_SALT)
        items = np.repeat(p0 + eligible, s.passage_bands)
        positions, earlier = self._passage_index.add(keys.ravel(), items)
        if check and positions.size:
            candidates.append(self._passage_candidates(items[positions], earlier))

        # Article level: whole-article signatures, for copies edited throughout.
        hashed = np.flatnonzero(sk.signatures[:, 0] != EMPTY)
        keys = band_keys(sk.signatures[hashed], s.article_bands, s.article_rows, _ARTICLE_SALT)
        items = np.repeat(n0 + hashed, s.article_bands)
        positions, earlier = self._article_index.add(keys.ravel(), items)
        if check and positions.size:
            candidates.append(self._article_candidates(items[positions], earlier))

        if not check or not candidates:
            return []
        pairs = np.sort(np.concatenate(candidates), axis=1)  # (earlier, later): numbers follow adding order
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        pairs = np.unique(pairs[:, 1] * (1 << 32) + pairs[:, 0])  # sorted by new, then earlier
        findings = []
        shingled: dict[int, Shingled] = {}
        for new, old in zip((pairs >> 32).tolist(), (pairs & 0xFFFFFFFF).tolist()):
            finding = compare(self._ids[old], self._shingled(old, shingled, texts, n0, sk),
                              self._ids[new], self._shingled(new, shingled, texts, n0, sk), s)
            if finding is not None:
                findings.append(finding)
        return findings

    def _passage_candidates(self, new: np.ndarray, old: np.ndarray) -> np.ndarray:
        """Article pairs from passage pairs that share a band, kept when the signatures
        estimate the smaller passage at least half as contained as ``passage_threshold``."""
        article = self._passage_article.view
        new_article, old_article = article[new], article[old]
        keep = new_article != old_article
        pairs = np.unique(np.stack([new[keep], old[keep]], axis=1), axis=0)
        if pairs.size == 0:
            return np.empty((0, 2), dtype=np.int64)
        sigs = self._passage_signatures.view
        jaccard = (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).mean(axis=1)
        sizes = self._passage_shingles.view
        a, b = sizes[pairs[:, 0]].astype(float), sizes[pairs[:, 1]].astype(float)
        containment = jaccard * (a + b) / ((1 + jaccard) * np.maximum(np.minimum(a, b), 1))
        pairs = pairs[containment >= self.settings.passage_threshold / 2]
        return np.stack([article[pairs[:, 1]], article[pairs[:, 0]]], axis=1).astype(np.int64)

    def _article_candidates(self, new: np.ndarray, old: np.ndarray) -> np.ndarray:
        """Article pairs that share a band, kept when their estimated Jaccard is 0.2 or more
        (band collisions below that are chance)."""
        pairs = np.unique(np.stack([old, new], axis=1), axis=0)
        sigs = self._signatures.view
        jaccard = (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).mean(axis=1)
        return pairs[jaccard >= 0.2].astype(np.int64)

    def _shingled(self, number: int, cache: dict[int, Shingled], texts: list[str] | None, n0: int,
                  sketches: Sketches) -> Shingled:
        """Exact shingles of an article: a new one's from its batch, an earlier one's re-hashed."""
        if number not in cache:
            if texts is not None and number >= n0:
                if sketches.shingles is not None:
                    cache[number] = sketches.shingled(number - n0, texts[number - n0])
                else:
                    cache[number] = shingle_sets(texts[number - n0], self.settings)
            else:
                cache[number] = shingle_sets(self.text(self._ids[number]), self.settings)
        return cache[number]

    def text(self, article_id: str) -> str:
        """The text of an indexed article, from memory or ``text_of``."""
        number = self._number[article_id]
        if number in self._texts:
            return self._texts[number]
        text = self.text_of(article_id) if self.text_of else None
        if text is None:
            raise LookupError(f"no text for article {article_id}: give the detector text_of=")
        return text

    # -- signatures in and out ----------------------------------------------------------------
    def sketch(self, article_id: str) -> ArticleSketch:
        """What the index holds for one article (store it with ``ArticleSketch.to_bytes``)."""
        i = self._number[article_id]
        first, last = self._first_passage.view[i], self._first_passage.view[i + 1]
        return ArticleSketch(int(self._fingerprint_values.view[i]), int(self._words.view[i]),
                             self._signatures.view[i].copy(), self._spans.view[first:last].copy(),
                             self._passage_words.view[first:last].copy(),
                             self._passage_shingles.view[first:last].copy(),
                             self._passage_signatures.view[first:last].copy())

    def restore(self, sketches: Iterable[tuple[str, ArticleSketch]]) -> None:
        """Index stored sketches without checking them against each other (they were checked
        when first added). Ids already indexed are skipped."""
        ids: list[str] = []
        parts: list[ArticleSketch] = []
        seen: set[str] = set()
        for article_id, sketch in sketches:
            if article_id not in self._number and article_id not in seen:
                seen.add(article_id)
                ids.append(article_id)
                parts.append(sketch)
        if ids:
            self._add_sketches(ids, None, _join_sketches(parts, self.settings), check=False)

    def save(self) -> bytes:
        """The whole index as bytes (numpy's .npz): ids, settings and every sketch, no text."""
        buffer = io.BytesIO()
        np.savez(buffer, ids=np.array(json.dumps(self._ids)), settings=np.array(json.dumps(asdict(self.settings))),
                 words=self._words.view, fingerprints=self._fingerprint_values.view,
                 signatures=self._signatures.view, offsets=self._first_passage.view,
                 spans=self._spans.view, passage_words=self._passage_words.view,
                 passage_shingles=self._passage_shingles.view,
                 passage_signatures=self._passage_signatures.view)
        return buffer.getvalue()

    @classmethod
    def load(cls, data: bytes, *, text_of: Callable[[str], str | None] | None = None,
             keep_texts: bool = True) -> "ReuseDetector":
        """A detector from ``save``'s bytes; its LSH index is rebuilt from the stored signatures
        (no text is hashed). ``text_of`` supplies earlier texts when a new finding quotes them."""
        with np.load(io.BytesIO(data)) as saved:
            settings = ReuseSettings(**json.loads(str(saved["settings"])))
            detector = cls(settings=settings, text_of=text_of, keep_texts=keep_texts)
            ids = json.loads(str(saved["ids"]))
            sketches = Sketches(settings, saved["fingerprints"], saved["words"], saved["signatures"],
                                saved["offsets"], saved["spans"], saved["passage_words"],
                                saved["passage_shingles"], saved["passage_signatures"])
        if ids:
            detector._add_sketches(ids, None, sketches, check=False)
        return detector


def _join_sketches(parts: list[ArticleSketch], settings: ReuseSettings) -> Sketches:
    counts = np.array([len(p.spans) for p in parts], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    def stack(name: str, width: int | None, dtype) -> np.ndarray:
        arrays = [getattr(p, name) for p in parts]
        shape = (0,) if width is None else (0, width)
        return np.concatenate(arrays).astype(dtype) if arrays else np.empty(shape, dtype)

    return Sketches(settings, np.array([p.fingerprint for p in parts], dtype=np.uint64),
                    np.array([p.words for p in parts], dtype=np.int32),
                    np.stack([p.signature for p in parts]).astype(np.uint32), offsets,
                    stack("spans", 2, np.int32).reshape(-1, 2), stack("passage_words", None, np.int32),
                    stack("passage_shingles", None, np.int32),
                    stack("passage_signatures", settings.passage_perm, np.uint32).reshape(-1, settings.passage_perm))


def find_reuse(articles: Iterable[tuple[str, str]], **settings) -> list[ReuseFinding]:
    """All reuse among ``(id, text)`` articles, each pair once (in the order given)."""
    return ReuseDetector(**settings).add_many(articles)
