"""Online story clustering: articles about the same event, story or topic grouped together.

``StoryClusterer`` follows scikit-learn's incremental estimators: ``partial_fit`` takes a batch of
articles and returns a story id for each; a later batch joins the stories already made or starts
new ones, and nothing already assigned is clustered again. ``save``/``load`` keep the state on disk
so a batch ingested tomorrow joins today's stories.

How a batch is clustered:

1. Articles are put in date order (undated ones stay next to the article before them).
2. Each article becomes two vectors: TF-IDF of its words (title counted twice) and TF-IDF of its
   names (capitalised words: a cheap stand-in for named entities that measured better than spaCy
   NER here, at a fraction of the cost). Words are hashed, and document frequencies are counted
   over every article seen so far, so the vocabulary and IDF grow with the archive.
3. The batch's articles are grouped among themselves by average-link clustering, then each group
   joins the existing story it is most similar to (average similarity between the group's and the
   story's articles) when that similarity reaches the threshold and the dates fit the window;
   otherwise it starts a new story. Existing stories are never split or merged.

Similarity of two articles = (1 - entity_weight) * cosine(words) + entity_weight * cosine(names).
Because stories keep the sum of their articles' vectors, the average similarity between a group
and a story is one dot product of the two sums, whatever the story's size.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

from newsprism.models import Article

__all__ = ["GRANULARITIES", "Granularity", "Story", "StoryClusterer", "StoryInput", "headline", "names_in"]


@dataclass(frozen=True)
class Granularity:
    """A fixed setting: what "the same story" means, and the numbers that make it so."""

    name: str
    threshold: float  # least average similarity between an article group and the story it joins
    window_days: int | None  # an article may join a story only this many days before/after its dates
    meaning: str  # the setting in plain words, for --help and the docs


GRANULARITIES: dict[str, Granularity] = {
    "event": Granularity(
        "event", threshold=0.18, window_days=7,
        meaning="one happening, reported over a few days (a phone call, an attack, a vote); "
                "two events of the same kind (two arrests, two fights) stay apart"),
    "story": Granularity(
        "story", threshold=0.15, window_days=90,
        meaning="one developing situation over weeks (talks on a crisis, a trial, a campaign); "
                "an article joins when it falls within 90 days of the story's dates"),
    "topic": Granularity(
        "topic", threshold=0.09, window_days=None,
        meaning="a long-running subject over months or years (a war, a disease, a policy area), "
                "with no limit on dates"),
}


@dataclass
class StoryInput:
    """One article as story clustering needs it. ``published`` is an ISO date or datetime."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None

    @classmethod
    def from_article(cls, article: Article) -> StoryInput:
        """The fields story clustering reads from an archived ``Article`` (outlet by name)."""
        return cls(id=article.id, text=article.text, title=article.title, published=article.published,
                   outlet=article.outlet.name if article.outlet else None)


@dataclass
class Story:
    """A story: its id, a short readable title, its articles (ids, in arrival order), the outlets
    that carry it (first appearance first) and its first and last publication dates (ISO)."""

    id: str
    title: str
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None

    def to_export(self) -> dict:
        """The story as the export contract's ``stories`` entry (see docs/export.md)."""
        return {"id": self.id, "title": self.title, "articles": list(self.articles),
                "outlets": list(self.outlets), "first": self.first, "last": self.last}


# --- article features --------------------------------------------------------------------------

_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*\w|\b[A-Z]\b")
_NOT_NAMES = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december mr mrs ms dr".split())
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def names_in(text: str) -> list[str]:
    """Return the capitalised words of ``text`` that look like names, in order (with repeats).

    Words that also occur in lower case in the same text ("Speaking" / "speaking") are sentence
    starts, not names; stop words and day or month names are never names.
    """
    lower = set(re.findall(r"\b[a-z][\w'’-]*", text))
    out = []
    for token in _CAPITALISED.findall(text):
        key = token.lower().rstrip(".")
        if len(key) > 1 and key not in _NOT_NAMES and key not in lower:
            out.append(token.rstrip("."))
    return out


def headline(article: StoryInput, limit: int = 120) -> str:
    """The article's title, else its first sentence of four words or more, cut at a word
    boundary near ``limit``."""
    text = (article.title or "").strip()
    if not text:  # the first line or sentence that reads as words, not page furniture
        pieces = (p.strip() for p in _SENTENCE.split(article.text))
        text = next((p for p in pieces if len(re.findall(r"[^\W\d_]{2,}", p)) >= 4), article.id)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text


def _words_of(article: StoryInput) -> str:
    title = (article.title or "").strip()
    if title and not article.text.lstrip().startswith(title):
        return f"{title}\n{title}\n{article.text}"
    if title:
        return f"{title}\n{article.text}"
    return article.text


def _parse_date(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _date_order(dates: list[int | None]) -> list[int]:
    """Indices in date order; an undated article keeps the place of the dated one before it."""
    keys, last = [], None
    first_dated = next((d for d in dates if d is not None), 0)
    for d in dates:
        if d is not None:
            last = d
        keys.append(last if last is not None else first_dated)
    return sorted(range(len(dates)), key=lambda i: keys[i])


# --- the estimator -----------------------------------------------------------------------------

class StoryClusterer:
    """Group articles into stories, one batch at a time (see the module docstring).

    ``granularity`` picks a fixed setting from ``GRANULARITIES``; ``threshold`` (None: the
    setting's) and ``window_days`` ("auto": the setting's; None: no date limit; a number of days)
    override its numbers. ``entity_weight`` is the share of name overlap in the
    similarity. ``chunk_size`` bounds how many articles are grouped together at once (memory and
    time grow with its square); larger batches are cut into date-ordered chunks of that size.
    """

    def __init__(self, granularity: str = "story", threshold: float | None = None,
                 window_days: int | None | str = "auto", entity_weight: float = 0.25,
                 n_features: int = 2 ** 20, chunk_size: int = 1000):
        if granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be one of {sorted(GRANULARITIES)}, not {granularity!r}")
        setting = GRANULARITIES[granularity]
        self.granularity = granularity
        self.threshold = setting.threshold if threshold is None else float(threshold)
        self.window_days = setting.window_days if window_days == "auto" else window_days
        self.entity_weight = float(entity_weight)
        self.n_features = int(n_features)
        self.chunk_size = int(chunk_size)
        self._reset()

    # state ------------------------------------------------------------------------------------
    def _reset(self) -> None:
        self.n_articles_ = 0
        self._df = [np.zeros(self.n_features, np.int32), np.zeros(self.n_features, np.int32)]
        self._sums = [sp.csr_matrix((0, self.n_features), dtype=np.float32) for _ in range(2)]
        self._size = np.zeros(0, np.int64)
        self._first = np.zeros(0)  # date ordinals of each story's first and last dated article
        self._last = np.zeros(0)
        self._members: list[list[str]] = []
        self._headlines: list[list[str]] = []
        self._outlets: list[list[str]] = []
        self._next_id = 1
        self._ids: list[str] = []

    def _vectorizers(self) -> tuple[HashingVectorizer, HashingVectorizer]:
        words = HashingVectorizer(n_features=self.n_features, stop_words="english",
                                  alternate_sign=False, norm=None, dtype=np.float32)
        names = HashingVectorizer(n_features=self.n_features, analyzer=names_in, lowercase=False,
                                  alternate_sign=False, norm=None, dtype=np.float32)
        return words, names

    def _counts(self, articles: Sequence[StoryInput]) -> list[sp.csr_matrix]:
        words, names = self._vectorizers()
        return [words.transform([_words_of(a) for a in articles]),
                names.transform([f"{a.title or ''}\n{a.text}" for a in articles])]

    def _weigh(self, counts: list[sp.csr_matrix]) -> list[sp.csr_matrix]:
        """Sublinear TF times the current IDF, L2-normalised, per channel."""
        out = []
        n = self.n_articles_
        for c, df in zip(counts, self._df):
            m = c.copy()
            m.data = 1.0 + np.log(m.data)
            idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)  # scikit-learn's smooth IDF
            m = m.multiply(idf[None, :]).tocsr()
            out.append(normalize(m))
        return out

    def _pair_similarity(self, a: list[sp.csr_matrix], b: list[sp.csr_matrix]) -> np.ndarray:
        w = self.entity_weight
        return ((1 - w) * (a[0] @ b[0].T).toarray() + w * (a[1] @ b[1].T).toarray())

    # public API -------------------------------------------------------------------------------
    def fit(self, articles: Sequence[StoryInput]) -> StoryClusterer:
        """Forget every story, cluster ``articles`` afresh and return self."""
        self._reset()
        self.partial_fit(articles)
        return self

    def partial_fit(self, articles: Sequence[StoryInput]) -> list[str]:
        """Cluster a new batch into the existing stories; return each article's story id, in the
        order given. Articles are processed in date order whatever order they come in."""
        articles = list(articles)
        if not articles:
            return []
        dates = [_parse_date(a.published) for a in articles]
        ordinals = [d.toordinal() if d else None for d in dates]
        counts = self._counts(articles)
        for c, df in zip(counts, self._df):  # the batch counts toward IDF: it has arrived
            df += np.bincount(c.indices, minlength=self.n_features).astype(np.int32)
        self.n_articles_ += len(articles)
        vectors = self._weigh(counts)
        order = _date_order(ordinals)
        result: list[str | None] = [None] * len(articles)
        for start in range(0, len(order), self.chunk_size):
            chunk = order[start:start + self.chunk_size]
            self._cluster_chunk(chunk, articles, ordinals, [v[chunk] for v in vectors], result)
        return result  # type: ignore[return-value]  # every slot is filled by its chunk

    def predict(self, articles: Sequence[StoryInput]) -> list[str | None]:
        """The existing story each article would join (None: it would start a new one).
        Changes nothing."""
        articles = list(articles)
        if not articles or not self._ids:
            return [None] * len(articles)
        vectors = self._weigh(self._counts(articles))
        ordinals = [d.toordinal() if (d := _parse_date(a.published)) else None for a in articles]
        out: list[str | None] = []
        for i in range(len(articles)):  # one at a time: each article has its own date window
            cand, sims = self._story_similarity([v[i] for v in vectors], [1], [ordinals[i]], [ordinals[i]])
            best = int(sims[0].argmax()) if len(cand) else -1
            out.append(self._ids[cand[best]] if best >= 0 and sims[0, best] >= self.threshold else None)
        return out

    @property
    def stories(self) -> list[Story]:
        """Every story so far, in order of creation, with a title: the headline of the article
        whose headline words are closest to the story's words (its most central headline)."""
        titles = self._titles()
        out = []
        for s, sid in enumerate(self._ids):
            dated = np.isfinite(self._first[s])
            first = _dt.date.fromordinal(int(self._first[s])).isoformat() if dated else None
            last = _dt.date.fromordinal(int(self._last[s])).isoformat() if dated else None
            out.append(Story(id=sid, title=titles[s], articles=list(self._members[s]),
                             outlets=list(self._outlets[s]), first=first, last=last))
        return out

    # clustering -------------------------------------------------------------------------------
    def _story_similarity(self, vectors, sizes, lo, hi) -> tuple[np.ndarray, np.ndarray]:
        """Candidate stories (indices) and the average similarity of each row group (sum vectors
        of ``sizes`` articles dated ``lo``..``hi``) to each of them; -inf outside the window.

        Only stories whose dates come within the window of the groups' dates are compared (plus
        undated ones), so the cost follows the stories active at the time, not the archive."""
        cand = np.arange(len(self._ids))
        g_lo = np.array([x if x is not None else np.nan for x in lo], float)
        g_hi = np.array([x if x is not None else np.nan for x in hi], float)
        window = self.window_days
        if window is not None and not np.isnan(g_lo).any():
            near = (self._first - window <= g_hi.max()) & (self._last + window >= g_lo.min())
            cand = np.flatnonzero(near | ~np.isfinite(self._first))
        if not len(cand):
            return cand, np.zeros((len(sizes), 0))
        sums = [m[cand] for m in self._sums]
        sims = self._pair_similarity(vectors, sums) / (np.asarray(sizes, float)[:, None] * self._size[cand][None, :])
        if window is not None:
            gap = np.maximum(self._first[cand][None, :] - g_hi[:, None], g_lo[:, None] - self._last[cand][None, :])
            with np.errstate(invalid="ignore"):  # undated groups or stories have no gap: no limit
                far = (gap > window) & np.isfinite(gap)
            sims[far] = -np.inf
        return cand, sims

    def _group(self, vectors: list[sp.csr_matrix], ordinals: list[int | None]) -> np.ndarray:
        """Average-link groups of one chunk at the threshold; pairs further apart than the window
        count as unrelated."""
        n = vectors[0].shape[0]
        if n == 1:
            return np.zeros(1, int)
        dist = 1.0 - self._pair_similarity(vectors, vectors)
        if self.window_days is not None:
            d = np.array([x if x is not None else np.nan for x in ordinals], float)
            apart = np.abs(d[:, None] - d[None, :]) > self.window_days
            dist[apart] = 2.0  # beyond any threshold; averaging keeps far-apart articles apart
        np.fill_diagonal(dist, 0.0)
        dist = np.clip((dist + dist.T) / 2, 0.0, None)
        condensed = dist[np.triu_indices(n, 1)]
        return fcluster(linkage(condensed, "average"), 1.0 - self.threshold, "distance") - 1

    def _cluster_chunk(self, chunk, articles, ordinals, vectors, result) -> None:
        chunk_dates = [ordinals[i] for i in chunk]
        labels = self._group(vectors, chunk_dates)
        groups = [np.flatnonzero(labels == g) for g in range(labels.max() + 1)]
        assign = sp.csr_matrix((np.ones(len(chunk), np.float32), (labels, np.arange(len(chunk)))),
                               shape=(len(groups), len(chunk)))
        group_sums = [assign @ v for v in vectors]
        sizes = np.array([len(g) for g in groups])
        lo = [min((chunk_dates[j] for j in g if chunk_dates[j] is not None), default=None) for g in groups]
        hi = [max((chunk_dates[j] for j in g if chunk_dates[j] is not None), default=None) for g in groups]
        target = np.full(len(groups), -1)
        if self._ids:
            cand, sims = self._story_similarity(group_sums, sizes, lo, hi)
            if len(cand):
                best = sims.argmax(axis=1)
                ok = sims[np.arange(len(groups)), best] >= self.threshold
                target[ok] = cand[best[ok]]
        for g in np.flatnonzero(target < 0):
            target[g] = len(self._ids)
            self._new_story()
        # add the groups' sums to their stories in one sparse product (stories x features)
        to_story = sp.csr_matrix((np.ones(len(groups), np.float32), (target, np.arange(len(groups)))),
                                 shape=(len(self._ids), len(groups)))
        for c in range(2):
            old = self._sums[c]
            if old.shape[0] < len(self._ids):
                old = sp.vstack([old, sp.csr_matrix((len(self._ids) - old.shape[0], self.n_features),
                                                    dtype=np.float32)]).tocsr()
            self._sums[c] = (old + to_story @ group_sums[c]).tocsr()
        for g, members in enumerate(groups):
            s = target[g]
            self._size[s] += len(members)
            if lo[g] is not None:
                self._first[s] = min(self._first[s], lo[g])
                self._last[s] = max(self._last[s], hi[g])
            for j in members:
                article = articles[chunk[j]]
                self._members[s].append(article.id)
                self._headlines[s].append(headline(article))
                if article.outlet and article.outlet not in self._outlets[s]:
                    self._outlets[s].append(article.outlet)
                result[chunk[j]] = self._ids[s]

    def _new_story(self) -> None:
        self._ids.append(f"s{self._next_id}")
        self._next_id += 1
        self._size = np.append(self._size, 0)
        self._first = np.append(self._first, np.inf)  # inf/-inf: no dated article yet
        self._last = np.append(self._last, -np.inf)
        self._members.append([])
        self._headlines.append([])
        self._outlets.append([])

    def _titles(self) -> list[str]:
        """Each story's most central headline: highest TF-IDF dot product with the story's words."""
        if not self._ids:
            return []
        flat = [h for hs in self._headlines for h in hs]
        owner = np.repeat(np.arange(len(self._ids)), [len(hs) for hs in self._headlines])
        words, _ = self._vectorizers()
        h = words.transform(flat)
        h.data = 1.0 + np.log(h.data)
        idf = (np.log((1.0 + self.n_articles_) / (1.0 + self._df[0])) + 1.0).astype(np.float32)
        h = normalize(h.multiply(idf[None, :]).tocsr())
        coo = h.tocoo()  # score of each headline = its vector . its story's word sum
        story_weight = np.asarray(self._sums[0][owner[coo.row], coo.col]).ravel()
        score = np.bincount(coo.row, weights=coo.data * story_weight, minlength=len(flat))
        bounds = np.cumsum([0] + [len(hs) for hs in self._headlines])
        return [hs[int(score[bounds[s]:bounds[s + 1]].argmax())] if hs else ""
                for s, hs in enumerate(self._headlines)]

    # persistence ------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the whole state (settings, document frequencies, stories) to one ``.npz`` file."""
        meta = {
            "settings": {"granularity": self.granularity, "threshold": self.threshold,
                         "window_days": self.window_days, "entity_weight": self.entity_weight,
                         "n_features": self.n_features, "chunk_size": self.chunk_size},
            "n_articles": self.n_articles_, "next_id": self._next_id, "ids": self._ids,
            "members": self._members, "headlines": self._headlines, "outlets": self._outlets,
        }
        arrays = {"size": self._size, "first": self._first, "last": self._last,
                  "df_words": self._df[0], "df_names": self._df[1]}
        for c, name in enumerate(("words", "names")):
            m = self._sums[c].tocsr()
            arrays.update({f"{name}_data": m.data, f"{name}_indices": m.indices,
                           f"{name}_indptr": m.indptr})
        with open(path, "wb") as f:
            np.savez_compressed(f, meta=np.array(json.dumps(meta)), **arrays)

    @classmethod
    def load(cls, path: str | Path) -> StoryClusterer:
        """A clusterer in the state ``save`` wrote: later batches join its stories."""
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            self = cls(**meta["settings"])
            self.n_articles_ = meta["n_articles"]
            self._next_id = meta["next_id"]
            self._ids, self._members = meta["ids"], meta["members"]
            self._headlines, self._outlets = meta["headlines"], meta["outlets"]
            self._size, self._first, self._last = z["size"], z["first"], z["last"]
            self._df = [z["df_words"].copy(), z["df_names"].copy()]
            shape = (len(self._ids), self.n_features)
            self._sums = [sp.csr_matrix((z[f"{n}_data"], z[f"{n}_indices"], z[f"{n}_indptr"]), shape=shape)
                          for n in ("words", "names")]
        return self
