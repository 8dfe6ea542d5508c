"""Online story clustering: articles about the same event, story or topic grouped together.

``StoryClusterer`` follows scikit-learn's incremental estimators: ``partial_fit`` takes a batch of
articles and returns a story id for each; a later batch joins the stories already made or starts
new ones, and only the stories a batch touches are looked at again. ``save``/``load`` keep the
state on disk so a batch ingested tomorrow joins today's stories.

How a batch is clustered:

1. Articles are put in date order (undated ones stay next to the article before them).
2. Each article becomes one unit vector made of three parts: TF-IDF of its words (title counted
   twice), of its names (capitalised words: a cheap stand-in for named entities that measured
   better than spaCy NER here, at a fraction of the cost) and of its numbers (two events of the
   same kind differ in their tolls, ages, scores and years). The parts are weighted so that the
   dot product of two articles is ``(1 - entity_weight - number_weight) * cosine(words) +
   entity_weight * cosine(names) + number_weight * cosine(numbers)``. Features are hashed, and
   document frequencies are counted over every article seen so far, so the vocabulary and IDF
   grow with the archive.
3. Crowding. Each article keeps the similarities of its ``neighbours`` most similar articles seen
   so far (a slot not filled yet counts as ``prior_crowding``); their mean is its crowding. Two
   articles are compared by their similarity minus the mean of their two crowdings (CSLS,
   Conneau et al. 2018, "Word translation without parallel data"). Two events of the same kind
   (two arrests of players of one team) sit in a crowded corner of the archive, so they must be
   closer to each other than to that crowd to join; a story in a quiet corner joins on less.
   Neighbours are searched among the batch and the latest members of the few stories closest to
   each article, not the whole archive, so the cost follows the batch; older articles' lists
   learn the new arrivals, so crowding grows with the archive.
4. A large story, or one whose articles each tell a different mix of its facts, is its own
   crowd: its articles' nearest neighbours are its own best matches, and the rule above would
   break it into pieces no tighter than the whole. So such a "saturated" union also holds when
   each part is coherent and the parts are nearly as close to each other as within themselves
   (``_accept``): pieces of one story are, two stories (even of the same kind) are not.
5. The batch's articles are grouped among themselves by average-link clustering, the tree cut
   where those rules stop accepting merges; each group joins the existing story it fits best
   (dates within the window), or starts a new one.
6. Local repair, confined to the stories the batch touched: crowding grows as the archive does,
   so a story formed early may no longer hold together. Each story that received articles, or
   whose articles' crowding moved since it was last looked at, is re-grouped on its own members
   and split if it falls apart (its largest part keeps the id); a touched story that now fits
   one of the stories nearest its new articles is merged with it (the older id stays). Pieces
   split off, and stories whose crowding fell (it does while the archive is smaller than the
   neighbour lists), are compared with the stories nearest their own mean and may merge too.
   Untouched stories are never revisited, and nothing is clustered globally.

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
from scipy.cluster.hierarchy import linkage
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

from newsprism.models import Article

__all__ = ["GRANULARITIES", "Granularity", "Story", "StoryClusterer", "StoryInput", "headline", "names_in",
           "numbers_in"]


@dataclass(frozen=True)
class Granularity:
    """A fixed setting: what "the same story" means, and the numbers that make it so."""

    name: str
    threshold: float  # least average adjusted similarity (similarity minus crowding) to join a story
    window_days: int | None  # an article may join a story only this many days before/after its dates
    meaning: str  # the setting in plain words, for --help and the docs


GRANULARITIES: dict[str, Granularity] = {
    "event": Granularity(
        "event", threshold=0.0, window_days=7,
        meaning="one happening, reported over a few days (a phone call, an attack, a vote): an "
                "article joins only within 7 days of the story's dates, and two events of the "
                "same kind (two arrests, two fights) stay apart"),
    "story": Granularity(
        "story", threshold=-0.01, window_days=None,
        meaning="one developing situation (talks on a crisis, a trial, a campaign) followed for "
                "as long as it runs: the articles must be about the same matter, not only the "
                "same subject, and dates set no limit, since a story may pause and resume"),
    "topic": Granularity(
        "topic", threshold=-0.02, window_days=None,
        meaning="a long-running subject over months or years (a war, a disease, a policy area): "
                "the loosest grouping, with no limit on dates"),
}

_CHANNELS = ("words", "names", "numbers")  # the parts of an article's vector, in order
_SEARCH_STORIES = 5  # an article's neighbours are searched in this many nearest stories ...
_SEARCH_MEMBERS = 32  # ... among each one's latest members (bounds the cost per article)
_SEARCH_TERMS = 16  # candidate stories are found on each article's heaviest terms ...
_CANDIDATES = 20  # ... keeping this many per article, then compared exactly
_CLOSENESS = 0.7  # a saturated union also holds when its parts are this close ...
_COHERENT = 0.5  # ... and each this coherent (see _accept)
_RECHECK = 0.01  # a story is re-grouped when its articles' mean crowding moved this much
_SPLIT_LIMIT = 400  # larger touched stories are not re-grouped (the cost grows with the square)
_MISSING = -1.0  # a neighbour slot not filled yet (similarities are never negative)


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
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")


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


def numbers_in(text: str) -> list[str]:
    """Return the numbers written in ``text``, in order, thousands separators dropped ("1,200"
    and "1200" are one number)."""
    return [n.replace(",", "") for n in _NUMBER.findall(text)]


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


# --- small numeric helpers ---------------------------------------------------------------------

def _set_rows(m: sp.csr_matrix, rows: np.ndarray, new: sp.csr_matrix) -> sp.csr_matrix:
    """``m`` with its ``rows`` (sorted, unique) replaced by the rows of ``new``. Done on the
    arrays: a sparse product or sum would cost as much as the whole matrix, again and again."""
    lengths = np.diff(m.indptr)
    new_lengths = np.diff(new.indptr)
    kept = np.ones(m.shape[0], bool)
    kept[rows] = False
    out_lengths = np.where(kept, lengths, 0)
    out_lengths[rows] = new_lengths
    indptr = np.concatenate([[0], np.cumsum(out_lengths)])
    index_type = np.int32 if indptr[-1] < np.iinfo(np.int32).max else np.int64
    indptr = indptr.astype(index_type)
    data = np.empty(indptr[-1], np.float32)
    indices = np.empty(indptr[-1], index_type)
    old_row = np.repeat(np.arange(m.shape[0]), lengths)
    keep = kept[old_row]
    at = indptr[old_row[keep]] + (np.arange(m.nnz) - m.indptr[old_row])[keep]
    data[at], indices[at] = m.data[keep], m.indices[keep]
    new_row = np.repeat(np.arange(len(rows)), new_lengths)
    at = indptr[rows[new_row]] + np.arange(new.nnz) - new.indptr[new_row]
    data[at], indices[at] = new.data, new.indices
    return sp.csr_matrix((data, indices, indptr), shape=m.shape)


def _columns(m: sp.csr_matrix, columns: np.ndarray) -> sp.csr_matrix:
    """``m[:, columns]`` for a few sorted ``columns`` of a very wide matrix, in O(stored entries)."""
    at = np.searchsorted(columns, m.indices)
    at = np.minimum(at, len(columns) - 1)
    keep = columns[at] == m.indices
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))[keep]
    return sp.csr_matrix((m.data[keep], (rows, at[keep])), shape=(m.shape[0], len(columns)))


def _row_dots(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    """Dot product of each row of ``a`` with the same row of ``b``."""
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float32).ravel()


def _gram(v: sp.csr_matrix) -> np.ndarray:
    """``v @ v.T`` as a dense array, for a few rows of a very wide matrix: the columns are
    renumbered to those in use first, since scipy's product allocates per column."""
    used, compact = np.unique(v.indices, return_inverse=True)
    small = sp.csr_matrix((v.data, compact.ravel(), v.indptr), shape=(v.shape[0], len(used)))
    return (small @ small.T).toarray()


def _heaviest(x: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """``x`` keeping each row's ``k`` largest entries."""
    x = x.tocsr()
    keep = _rank_in_row(x) < k
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))[keep]
    return sp.csr_matrix((x.data[keep], (rows, x.indices[keep])), shape=x.shape)


def _rank_in_row(x: sp.csr_matrix) -> np.ndarray:
    """For each stored entry of ``x``, its rank by value within its row (0: the largest)."""
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    order = np.lexsort((-x.data, rows))
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order)) - x.indptr[rows[order]]
    return rank


def _merge_top(top: np.ndarray, owner: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Each row of ``top`` (its k best values) updated with the extra ``values`` of row ``owner``:
    the k best of both, in no particular order."""
    k = top.shape[1]
    better = values > top.min(axis=1)[owner]  # only these can enter a row's k best
    owner, values = owner[better], values[better].astype(np.float32)
    if not len(values):
        return top
    rows = np.unique(owner)
    local = np.searchsorted(rows, owner)
    vals = np.concatenate([top[rows].ravel(), values])
    owners = np.concatenate([np.repeat(np.arange(len(rows)), k), local])
    order = np.lexsort((-vals, owners))  # by owner, best value first
    owners, vals = owners[order], vals[order]
    rank = np.arange(len(vals)) - np.searchsorted(owners, owners)
    keep = rank < k
    out = top.copy()
    out[rows[owners[keep]], rank[keep]] = vals[keep]
    return out


def _cohesion(pair_sum: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Average similarity of the pairs of a group of ``n`` articles whose pair similarities add
    up to ``pair_sum`` (nan for a single article)."""
    n = np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 1, pair_sum / (n * (n - 1) / 2), np.nan)


def _accept(adjusted: np.ndarray, between: np.ndarray, n_a: np.ndarray, n_b: np.ndarray,
            pairs_a: np.ndarray, pairs_b: np.ndarray, crowd_a: np.ndarray, crowd_b: np.ndarray,
            threshold: float, neighbours: int) -> np.ndarray:
    """Whether two groups of articles belong together (arrays broadcast).

    The groups have ``n_a`` and ``n_b`` articles whose pair similarities add up to ``pairs_a``
    and ``pairs_b``, mean crowding ``crowd_a`` and ``crowd_b``, and average similarity
    ``between`` (``adjusted`` after crowding). They belong together when ``adjusted`` reaches
    the threshold, or when their union is saturated and they are close: larger than
    ``neighbours``, or with a mean crowding above its cohesion (the average similarity of its
    pairs); each part coherent (cohesion at least ``_COHERENT`` of its crowding; a single article
    is); and ``between`` at least ``_CLOSENESS`` of the tighter part's cohesion.

    Why the second rule: crowding is the mean similarity of an article's nearest neighbours. In a
    large story, or one whose articles each tell a different mix of its facts, those neighbours
    are the story's own best matches, crowding exceeds what its articles typically share, and
    the first rule would break the story into pieces that are no tighter than the whole. Such
    pieces are nearly as close to each other as within themselves; two different stories, even
    of the same kind, are not, and a part that is a jumble of several stories is not coherent.
    Two events of the same kind in a quiet corner are not saturated: their crowd reaches beyond
    them, and the first rule alone decides."""
    n = n_a + n_b
    union = _cohesion(pairs_a + pairs_b + n_a * n_b * between, n)
    crowd = (n_a * crowd_a + n_b * crowd_b) / n
    cohesion_a, cohesion_b = _cohesion(pairs_a, n_a), _cohesion(pairs_b, n_b)
    with np.errstate(invalid="ignore"):
        saturated = (n > neighbours) | (crowd >= union)
        # nan cohesion (a single article) compares False: a single article is coherent
        coherent = ~(cohesion_a < _COHERENT * crowd_a) & ~(cohesion_b < _COHERENT * crowd_b)
        close = saturated & coherent & (between >= _CLOSENESS * np.fmax(cohesion_a, cohesion_b))
    return (adjusted >= threshold) | close


def _cluster(adjusted: np.ndarray, crowd: np.ndarray, threshold: float, neighbours: int) -> np.ndarray:
    """Labels 0..g-1 of average-link clustering on ``adjusted`` similarity (similarity minus
    the mean crowding ``crowd`` of the two articles), cut top-down: a merge of the tree stands
    when ``_accept`` accepts it, and then its whole subtree is one group."""
    n = len(adjusted)
    if n == 1:
        return np.zeros(1, int)
    dist = -(adjusted + adjusted.T) / 2
    shift = -dist.min()  # linkage wants non-negative distances; a constant shift keeps the merges
    dist += shift
    np.fill_diagonal(dist, 0.0)
    tree = linkage(np.clip(dist[np.triu_indices(n, 1)], 0.0, None), "average")
    # per node: size, mean crowding, sum of pair similarities (cohesion), and whether it stands
    size = np.concatenate([np.ones(n), tree[:, 3]])
    mean_crowd = np.concatenate([crowd.astype(float), np.zeros(n - 1)])
    pair_sum = np.zeros(2 * n - 1)
    stands = np.zeros(n - 1, bool)
    for i, (a, b, height, _) in enumerate(tree):
        a, b = int(a), int(b)
        node = n + i
        mean_crowd[node] = (mean_crowd[a] * size[a] + mean_crowd[b] * size[b]) / size[node]
        adjusted_between = shift - height
        between = adjusted_between + (mean_crowd[a] + mean_crowd[b]) / 2
        pair_sum[node] = pair_sum[a] + pair_sum[b] + size[a] * size[b] * between
        stands[i] = _accept(np.array(adjusted_between), np.array(between), size[a], size[b], pair_sum[a],
                            pair_sum[b], mean_crowd[a], mean_crowd[b], threshold, neighbours)
    labels = np.full(n, -1)
    todo, group = [2 * n - 2], 0
    while todo:
        node = todo.pop()
        if node < n:
            labels[node] = group
            group += 1
        elif stands[node - n]:
            leaves, inner = [], [node]
            while inner:
                m = inner.pop()
                if m < n:
                    leaves.append(m)
                else:
                    inner += [int(tree[m - n, 0]), int(tree[m - n, 1])]
            labels[leaves] = group
            group += 1
        else:
            todo += [int(tree[node - n, 0]), int(tree[node - n, 1])]
    return labels


# --- the estimator -----------------------------------------------------------------------------

class StoryClusterer:
    """Group articles into stories, one batch at a time (see the module docstring).

    ``granularity`` picks a fixed setting from ``GRANULARITIES``; ``threshold`` (None: the
    setting's; on the adjusted similarity, so it may be below 0) and ``window_days`` ("auto":
    the setting's; None: no date limit; a number of days) override its numbers.
    ``entity_weight`` and ``number_weight`` are the shares of name and number overlap in the
    similarity (words have the rest). ``neighbours`` is how many nearest articles make an
    article's crowding, and ``prior_crowding`` the crowding assumed for a slot the archive is
    still too small to fill. ``chunk_size`` bounds how many articles are grouped together at
    once (memory and time grow with its square); larger batches are cut into date-ordered
    chunks of that size. The defaults were chosen on half of the benchmark's clusters
    (benchmarks/stories.py) and are the same for every granularity.
    """

    def __init__(self, granularity: str = "story", threshold: float | None = None,
                 window_days: int | None | str = "auto", entity_weight: float = 0.25,
                 number_weight: float = 0.15, neighbours: int = 30, prior_crowding: float = 0.1,
                 n_features: int = 2 ** 20, chunk_size: int = 1000):
        if granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be one of {sorted(GRANULARITIES)}, not {granularity!r}")
        setting = GRANULARITIES[granularity]
        self.granularity = granularity
        self.threshold = setting.threshold if threshold is None else float(threshold)
        self.window_days = setting.window_days if window_days == "auto" else window_days
        self.entity_weight = float(entity_weight)
        self.number_weight = float(number_weight)
        self.neighbours = int(neighbours)
        self.prior_crowding = float(prior_crowding)
        self.n_features = int(n_features)
        self.chunk_size = int(chunk_size)
        self._reset()

    # state ------------------------------------------------------------------------------------
    def _reset(self) -> None:
        self.n_articles_ = 0
        self._df = [np.zeros(self.n_features, np.int32) for _ in _CHANNELS]
        # one row per article, in arrival order
        self._vectors = sp.csr_matrix((0, len(_CHANNELS) * self.n_features), dtype=np.float32)
        self._story = np.zeros(0, np.int64)  # index of the article's story
        self._date = np.zeros(0)  # date ordinal, nan when undated
        self._top = np.zeros((0, self.neighbours), np.float32)  # similarities of its nearest articles
        self._norm2 = np.zeros(0)  # squared length of its vector (below 1 when it has no names or numbers)
        self._article_ids: list[str] = []
        self._headlines: list[str] = []
        self._outlets: list[str | None] = []
        # one row per story ever made; a story emptied by a merge keeps its row with size 0
        self._sums = sp.csr_matrix((0, len(_CHANNELS) * self.n_features), dtype=np.float32)
        self._size = np.zeros(0, np.int64)
        self._sums_norm2 = np.zeros(0)  # squared length of each story's sum
        self._checked = np.zeros(0, np.float32)  # mean crowding of its articles when last re-grouped
        self._ids: list[str] = []
        self._next_id = 1

    def _vectorizers(self) -> tuple[HashingVectorizer, HashingVectorizer, HashingVectorizer]:
        """Feature hashers for the words, names and numbers of an article."""
        options = {"n_features": self.n_features, "alternate_sign": False, "norm": None, "dtype": np.float32}
        return (HashingVectorizer(stop_words="english", **options),
                HashingVectorizer(analyzer=names_in, lowercase=False, **options),
                HashingVectorizer(analyzer=numbers_in, lowercase=False, **options))

    def _counts(self, articles: Sequence[StoryInput]) -> list[sp.csr_matrix]:
        words, names, numbers = self._vectorizers()
        full = [f"{a.title or ''}\n{a.text}" for a in articles]
        return [words.transform([_words_of(a) for a in articles]), names.transform(full),
                numbers.transform(full)]

    def _weigh(self, counts: list[sp.csr_matrix]) -> sp.csr_matrix:
        """One row per article: sublinear TF times the current IDF (scikit-learn's smooth IDF),
        each channel L2-normalised and scaled so that the dot product of two rows is the
        weighted similarity."""
        parts = []
        shares = (1.0 - self.entity_weight - self.number_weight, self.entity_weight, self.number_weight)
        for m, df, share in zip(counts, self._df, shares):
            m = m.copy()  # weights computed on the stored entries only: the feature space is wide
            idf = np.log((1.0 + self.n_articles_) / (1.0 + df[m.indices])) + 1.0
            m.data = ((1.0 + np.log(m.data)) * idf).astype(np.float32)
            parts.append(normalize(m) * np.float32(np.sqrt(share)))
        return sp.hstack(parts, format="csr", dtype=np.float32)

    # public API -------------------------------------------------------------------------------
    def fit(self, articles: Sequence[StoryInput]) -> StoryClusterer:
        """Forget every story, cluster ``articles`` afresh and return self."""
        self._reset()
        self.partial_fit(articles)
        return self

    def partial_fit(self, articles: Sequence[StoryInput]) -> list[str]:
        """Cluster a new batch into the existing stories; return each article's story id, in the
        order given, as the stories stand after this batch. Articles are processed in date order
        whatever order they come in. A later batch may split a story it touches (the largest part
        keeps the id) or merge two (the older id stays): ``stories`` always tells the current
        membership."""
        articles = list(articles)
        if not articles:
            return []
        ordinals = [d.toordinal() if (d := _parse_date(a.published)) else None for a in articles]
        counts = self._counts(articles)
        for c, df in zip(counts, self._df):  # the batch counts toward IDF: it has arrived
            df += np.bincount(c.indices, minlength=self.n_features).astype(np.int32)
        self.n_articles_ += len(articles)
        vectors = self._weigh(counts)
        order = _date_order(ordinals)
        rows = np.empty(len(articles), np.int64)  # each article's row in the archive
        for start in range(0, len(order), self.chunk_size):
            chunk = order[start:start + self.chunk_size]
            rows[chunk] = len(self._article_ids) + np.arange(len(chunk))
            self._cluster_chunk([articles[i] for i in chunk], [ordinals[i] for i in chunk], vectors[chunk])
        return [self._ids[s] for s in self._story[rows]]

    def predict(self, articles: Sequence[StoryInput]) -> list[str | None]:
        """The existing story each article would join (None: it would start a new one).
        Changes nothing."""
        articles = list(articles)
        if not articles or not len(self._article_ids):
            return [None] * len(articles)
        x = self._weigh(self._counts(articles))
        d = np.array([d.toordinal() if (d := _parse_date(a.published)) else np.nan for a in articles])
        cand, near = self._story_similarity(x)
        if not len(cand):
            return [None] * len(articles)
        top = np.full((len(articles), self.neighbours), _MISSING, np.float32)
        _, crowd = self._neighbours(x, *self._nearest_stories(cand, near), top, update=False)
        adjusted = near - (crowd[:, None] + self._crowding_of_stories()[cand][None, :]) / 2
        fits = _accept(adjusted, near, 1, self._size[cand][None, :], 0.0, self._story_pairs(cand)[None, :],
                       crowd[:, None], self._crowding_of_stories()[cand][None, :], self.threshold,
                       self.neighbours)
        adjusted[~fits] = -np.inf
        first, last = self._story_dates()
        adjusted[self._too_far(d, d, first[cand], last[cand])] = -np.inf
        best = adjusted.argmax(axis=1)
        ok = np.isfinite(adjusted[np.arange(len(articles)), best])
        return [self._ids[cand[b]] if good else None for b, good in zip(best, ok)]

    def assignments(self) -> dict[str, str]:
        """Each article's current story id, by article id."""
        return {a: self._ids[s] for a, s in zip(self._article_ids, self._story)}

    @property
    def stories(self) -> list[Story]:
        """Every story so far, in order of creation, with a title: the headline of the article
        whose headline words are closest to the story's words (its most central headline)."""
        titles = self._titles()
        first, last = self._story_dates()
        members = self._members()
        out = []
        for s in np.flatnonzero(self._size > 0):
            rows = members[s]
            outlets = list(dict.fromkeys(self._outlets[r] for r in rows if self._outlets[r]))
            dated = np.isfinite(first[s])
            out.append(Story(id=self._ids[s], title=titles[s],
                             articles=[self._article_ids[r] for r in rows], outlets=outlets,
                             first=_dt.date.fromordinal(int(first[s])).isoformat() if dated else None,
                             last=_dt.date.fromordinal(int(last[s])).isoformat() if dated else None))
        return out

    # similarities and crowding ----------------------------------------------------------------
    def _story_similarity(self, x: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Candidate stories for the rows of ``x`` and the average similarity of each row to each
        candidate's articles: (story indices, rows x candidates).

        Candidates are found on each row's ``_SEARCH_TERMS`` heaviest words and names (a story
        sharing none of them is not similar enough to matter; numbers tell events apart rather
        than find them), keeping the ``_CANDIDATES`` best per row, and only those pairs are
        computed exactly (others count as 0). Comparing whole vectors with every story would cost
        most of the time at scale, on words that every story shares."""
        live = np.flatnonzero(self._size > 0)
        if not len(live):
            return live, np.zeros((x.shape[0], 0), np.float32)
        heavy = _heaviest(x[:, :2 * self.n_features], _SEARCH_TERMS)  # words and names
        used = np.unique(heavy.indices)
        rough = (_columns(heavy, used) @ _columns(self._sums, used).T).tocsr()
        keep = _rank_in_row(rough) < _CANDIDATES
        rows = np.repeat(np.arange(x.shape[0]), np.diff(rough.indptr))[keep]
        stories = rough.indices[keep]
        cand, col = np.unique(stories, return_inverse=True)
        near = np.zeros((x.shape[0], len(cand)), np.float32)  # a story no row's terms found counts as 0
        near[rows, col] = _row_dots(x[rows], self._sums[stories]) / self._size[stories]
        return cand, near

    def _members(self) -> list[np.ndarray]:
        """Each story's article rows, in arrival order."""
        order = np.argsort(self._story, kind="stable")
        bounds = np.searchsorted(self._story[order], np.arange(len(self._ids) + 1))
        return [order[bounds[s]:bounds[s + 1]] for s in range(len(self._ids))]

    @staticmethod
    def _nearest_stories(cand: np.ndarray, near: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ``_SEARCH_STORIES`` candidates of highest similarity for each row of ``near``:
        (story indices, their similarities), rows x stories."""
        m = min(_SEARCH_STORIES, near.shape[1])
        if not m:
            return np.zeros((len(near), 0), np.int64), np.zeros((len(near), 0), np.float32)
        local = np.argpartition(-near, m - 1, axis=1)[:, :m]
        return cand[local], np.take_along_axis(near, local, axis=1)

    def _neighbours(self, x: sp.csr_matrix, best: np.ndarray, best_sims: np.ndarray, top: np.ndarray,
                    update: bool) -> tuple[np.ndarray, np.ndarray]:
        """Update ``top`` (the rows of ``x``'s nearest similarities so far) with the latest members
        of each row's nearest stories ``best`` (of similarity ``best_sims``); with ``update``,
        those members' own lists learn the new rows too. Returns the updated ``top`` and each
        row's crowding."""
        if best.shape[1]:
            members = self._members()
            pair_row, pair_col = [], []
            for i, stories in enumerate(best):
                for s, sim in zip(stories, best_sims[i]):
                    if sim > 0:
                        latest = members[s][-_SEARCH_MEMBERS:]
                        pair_row.append(np.full(len(latest), i))
                        pair_col.append(latest)
            if pair_row:
                pr, pc = np.concatenate(pair_row), np.concatenate(pair_col)
                sims = _row_dots(x[pr], self._vectors[pc])
                top = _merge_top(top, pr, sims)
                if update:
                    self._top = _merge_top(self._top, pc, sims)
        return top, self._crowding(top)

    def _crowding(self, top: np.ndarray) -> np.ndarray:
        """Mean similarity of each row's nearest articles; a slot not filled yet (the archive is
        still too small) counts as ``prior_crowding``."""
        return np.where(top == _MISSING, np.float32(self.prior_crowding), top).mean(axis=1)

    def _crowding_of_stories(self) -> np.ndarray:
        """Mean crowding of each story's articles (0 for empty stories)."""
        crowd = np.bincount(self._story, weights=self._crowding(self._top), minlength=len(self._ids))
        return (crowd / np.maximum(self._size, 1)).astype(np.float32)

    def _story_pairs(self, stories: np.ndarray) -> np.ndarray:
        """Sum of the similarities of the pairs of articles of each of ``stories``, from the
        squared length of its sum and its articles' own squared lengths."""
        own = np.bincount(self._story, weights=self._norm2, minlength=len(self._ids))[stories]
        return (self._sums_norm2[stories] - own) / 2

    def _story_dates(self) -> tuple[np.ndarray, np.ndarray]:
        """Date ordinals of each story's first and last dated article (inf/-inf: none dated)."""
        first = np.full(len(self._ids), np.inf)
        last = np.full(len(self._ids), -np.inf)
        dated = np.isfinite(self._date)
        np.minimum.at(first, self._story[dated], self._date[dated])
        np.maximum.at(last, self._story[dated], self._date[dated])
        return first, last

    def _too_far(self, lo: np.ndarray, hi: np.ndarray, first: np.ndarray, last: np.ndarray,
                 pairwise: bool = True) -> np.ndarray:
        """Which (row, story) pairs are further apart than the window: rows dated ``lo``..``hi``,
        stories ``first``..``last``; every row with every story, or with ``pairwise=False`` row i
        with story i. Undated sides have no limit."""
        if pairwise:
            lo, hi, first, last = lo[:, None], hi[:, None], first[None, :], last[None, :]
        if self.window_days is None:
            return np.zeros(np.broadcast_shapes(lo.shape, first.shape), bool)
        gap = np.maximum(first - hi, lo - last)
        with np.errstate(invalid="ignore"):
            return (gap > self.window_days) & np.isfinite(gap)

    def _adjusted(self, sims: np.ndarray, crowd_a: np.ndarray, crowd_b: np.ndarray,
                  dates_a: np.ndarray, dates_b: np.ndarray) -> np.ndarray:
        """Article-to-article similarity minus the two crowdings; -1 for pairs dated further apart
        than the window (beyond any threshold: averaging keeps far-apart articles apart)."""
        adjusted = sims - (crowd_a[:, None] + crowd_b[None, :]) / 2
        if self.window_days is not None:
            with np.errstate(invalid="ignore"):
                adjusted[np.abs(dates_a[:, None] - dates_b[None, :]) > self.window_days] = -1.0
        return adjusted

    # clustering -------------------------------------------------------------------------------
    def _cluster_chunk(self, articles: list[StoryInput], ordinals: list[int | None],
                       x: sp.csr_matrix) -> None:
        """Cluster one date-ordered chunk of new articles (vectors ``x``) into the stories."""
        n, t = x.shape[0], self.threshold
        dates = np.array([np.nan if o is None else o for o in ordinals], float)
        n_old = len(self._article_ids)

        # crowding: exact within the chunk, plus the nearest stories' latest members
        cand, near = self._story_similarity(x)
        full = _gram(x).astype(np.float32)
        self_sq = full.diagonal().copy()
        within = full.copy()
        np.fill_diagonal(within, _MISSING)  # an article is not its own neighbour
        k = self.neighbours
        top = np.full((n, k), _MISSING, np.float32)
        if n > 1:
            best = -np.partition(-within, min(k, n - 1) - 1, axis=1)[:, :min(k, n - 1)]
            top[:, :best.shape[1]] = best
        nearest, nearest_sims = self._nearest_stories(cand, near)
        top, crowd = self._neighbours(x, nearest, nearest_sims, top, update=True)

        # group the chunk, then each group joins its best story or starts a new one
        labels = _cluster(self._adjusted(within, crowd, crowd, dates, dates), crowd, t, self.neighbours)
        n_groups = labels.max() + 1
        group_of = sp.csr_matrix((np.ones(n, np.float32), (labels, np.arange(n))), shape=(n_groups, n))
        group_size = np.bincount(labels, minlength=n_groups)
        target = np.full(n_groups, -1)
        if len(cand):
            lo, hi = np.full(n_groups, np.inf), np.full(n_groups, -np.inf)
            dated = np.isfinite(dates)
            np.minimum.at(lo, labels[dated], dates[dated])
            np.maximum.at(hi, labels[dated], dates[dated])
            lo[~np.isfinite(lo)], hi[~np.isfinite(hi)] = np.nan, np.nan  # undated groups: no limit
            group_crowd = (group_of @ crowd) / group_size
            story_crowd = self._crowding_of_stories()[cand][None, :]
            group_pairs = ((group_of @ sp.csr_matrix(full) @ group_of.T).diagonal() - group_of @ self_sq) / 2
            average = (group_of @ near) / group_size[:, None]
            adjusted = average - (group_crowd[:, None] + story_crowd) / 2
            fits = _accept(adjusted, average, group_size[:, None], self._size[cand][None, :],
                           group_pairs[:, None], self._story_pairs(cand)[None, :], group_crowd[:, None],
                           story_crowd, t, self.neighbours)
            adjusted[~fits] = -np.inf
            first, last = self._story_dates()
            adjusted[self._too_far(lo, hi, first[cand], last[cand])] = -np.inf
            best = adjusted.argmax(axis=1)
            ok = np.isfinite(adjusted[np.arange(n_groups), best])
            target[ok] = cand[best[ok]]
        joined = np.unique(target[target >= 0])
        for g in np.flatnonzero(target < 0):
            target[g] = self._new_story()

        # store the chunk
        self._vectors = sp.vstack([self._vectors, x], format="csr")
        self._story = np.concatenate([self._story, target[labels]])
        self._date = np.concatenate([self._date, dates])
        self._top = np.vstack([self._top, top])
        self._norm2 = np.concatenate([self._norm2, self_sq])
        self._article_ids += [a.id for a in articles]
        self._headlines += [headline(a) for a in articles]
        self._outlets += [a.outlet for a in articles]
        self._rebuild(np.unique(target))

        # local repair: the stories this chunk joined, and those whose articles' crowding has
        # grown since they were last re-grouped (new neighbours arrived near them)
        crowding = self._crowding_of_stories()
        started = np.setdiff1d(np.unique(target), joined)
        self._checked[started] = crowding[started]
        drifted = np.flatnonzero((self._size > 0) & (np.abs(crowding - self._checked) > _RECHECK))
        recheck = np.union1d(joined, drifted)
        crowding_before, checked_before = crowding.copy(), self._checked.copy()
        pieces = self._split(recheck)
        crowding = self._crowding_of_stories()
        self._checked[recheck] = crowding[recheck]
        self._checked[pieces] = crowding[pieces]
        # a story arriving all in this chunk may have come out in pieces: each group's story may
        # also merge with the stories of the groups nearest it
        rows = n_old + np.arange(n)
        between = (group_of @ sp.csr_matrix(np.where(within == _MISSING, 0, within)) @ group_of.T).toarray()
        between /= np.outer(group_size, group_size)
        np.fill_diagonal(between, -np.inf)
        extra: set[tuple[int, int]] = set()
        m = min(_SEARCH_STORIES, n_groups - 1)
        if m > 0:
            story_of_group = self._story[rows[np.unique(labels, return_index=True)[1]]]  # after splits
            close = np.argpartition(-between, m - 1, axis=1)[:, :m]
            extra = {(int(story_of_group[g]), int(story_of_group[h]))
                     for g in range(n_groups) for h in close[g]}
        # pieces split off older stories hold none of this chunk's articles, and a story whose
        # articles' crowding fell (while the archive is smaller than the neighbour lists, unfilled
        # slots count prior_crowding and real neighbours replace them with less) now needs less
        # to join its neighbours: both may merge with the stories nearest them
        fell = drifted[(self._size[drifted] > 0) & (crowding_before[drifted] < checked_before[drifted])]
        extra |= self._nearest_pairs(np.union1d(pieces, fell))
        self._merge(np.union1d(joined, pieces), rows, nearest, extra)

    def _nearest_pairs(self, stories: np.ndarray) -> set[tuple[int, int]]:
        """(story, candidate) for each of ``stories`` and the ``_SEARCH_STORIES`` other stories
        nearest its mean vector."""
        if not len(stories):
            return set()
        mean = sp.diags(1.0 / self._size[stories].astype(np.float32)) @ self._sums[stories]
        cand, near = self._story_similarity(mean.tocsr())
        near[np.asarray(stories)[:, None] == cand[None, :]] = -np.inf  # not itself
        best, sims = self._nearest_stories(cand, near)
        return {(int(s), int(b)) for s, row, row_sims in zip(stories, best, sims)
                for b, sim in zip(row, row_sims) if sim > 0}

    def _new_story(self) -> int:
        self._ids.append(f"s{self._next_id}")
        self._next_id += 1
        self._size = np.append(self._size, 0)
        self._checked = np.append(self._checked, np.float32(np.nan))
        return len(self._ids) - 1

    def _rebuild(self, stories: np.ndarray) -> None:
        """Recompute the sums and sizes of ``stories`` from their articles."""
        count = len(self._ids)
        self._size = np.bincount(self._story, minlength=count).astype(np.int64)
        if self._sums.shape[0] < count:
            pad = sp.csr_matrix((count - self._sums.shape[0], self._sums.shape[1]), dtype=np.float32)
            self._sums = sp.vstack([self._sums, pad], format="csr")
        stories = np.unique(stories)
        if not len(stories):
            return
        changed = np.zeros(count, bool)
        changed[stories] = True
        rows = np.flatnonzero(changed[self._story])
        members = self._vectors[rows]
        owner = np.searchsorted(stories, self._story[rows])
        entry_owner = np.repeat(owner, np.diff(members.indptr))
        fresh = sp.csr_matrix((members.data, (entry_owner, members.indices)),
                              shape=(len(stories), members.shape[1]))  # duplicates are summed
        self._sums = _set_rows(self._sums, stories, fresh)
        if len(self._sums_norm2) < count:
            self._sums_norm2 = np.concatenate([self._sums_norm2, np.zeros(count - len(self._sums_norm2))])
        self._sums_norm2[stories] = _row_dots(fresh, fresh)

    def _split(self, stories: np.ndarray) -> np.ndarray:
        """Re-group each of ``stories`` on its own members with today's crowding; a story that
        falls apart keeps its largest part and the others become new stories. Returns them."""
        if not len(stories):
            return np.zeros(0, np.int64)
        members = self._members()
        crowd = self._crowding(self._top)
        pieces = []
        for s in stories:
            rows = members[s]
            if not 2 <= len(rows) <= _SPLIT_LIMIT:
                continue
            adjusted = self._adjusted(_gram(self._vectors[rows]), crowd[rows], crowd[rows],
                                      self._date[rows], self._date[rows])
            if adjusted[np.triu_indices(len(rows), 1)].min() >= self.threshold:
                continue  # every pair holds together: average link cannot split it
            labels = _cluster(adjusted, crowd[rows], self.threshold, self.neighbours)
            if labels.max() == 0:
                continue
            largest = np.bincount(labels).argmax()
            for part in range(labels.max() + 1):
                if part != largest:
                    new = self._new_story()
                    self._story[rows[labels == part]] = new
                    pieces.append(new)
        if pieces:
            self._rebuild(np.concatenate([stories, pieces]))
        return np.array(pieces, np.int64)

    def _merge(self, touched: np.ndarray, rows: np.ndarray, nearest: np.ndarray,
               extra: set[tuple[int, int]]) -> None:
        """Merge a touched story into one of the stories nearest its new articles (``rows``, with
        ``nearest`` their nearest stories before this chunk), or the pairs of stories in
        ``extra``, when their average adjusted similarity reaches the threshold; highest first,
        repeated until none does."""
        touched_set = set(touched.tolist())
        pairs = {(int(a), int(b)) for a, cands in zip(self._story[rows], nearest) for b in cands
                 if a != b and a in touched_set and self._size[b] > 0}
        pairs |= {(a, b) for a, b in extra if a != b}
        merged: dict[int, int] = {}
        while pairs:
            pa = np.array(sorted(pairs))
            a, b = pa[:, 0], pa[:, 1]
            crowd = self._crowding_of_stories()
            first, last = self._story_dates()
            sims = _row_dots(self._sums[a], self._sums[b]) / (self._size[a] * self._size[b])
            score = sims - (crowd[a] + crowd[b]) / 2
            fits = _accept(score, sims, self._size[a], self._size[b], self._story_pairs(a),
                           self._story_pairs(b), crowd[a], crowd[b], self.threshold, self.neighbours)
            score[~fits] = -np.inf
            far = self._too_far(first[a], last[a], first[b], last[b], pairwise=False)
            score[far] = -np.inf
            order = np.argsort(-score)
            done: set[int] = set()
            for p in order:  # the best merges that share no story, in one round
                if not np.isfinite(score[p]):
                    break
                keep, drop = sorted((int(a[p]), int(b[p])))
                if keep in done or drop in done:
                    continue
                self._story[self._story == drop] = keep
                merged[drop] = keep
                done |= {keep, drop}
            if not done:
                break
            self._rebuild(np.array(sorted(done)))
            resolve = lambda s: resolve(merged[s]) if s in merged else s  # noqa: E731
            pairs = {(resolve(x), resolve(y)) for x, y in pairs}
            pairs = {(x, y) for x, y in pairs if x != y and (x in done or y in done)}

    def _titles(self) -> list[str]:
        """Each story's most central headline: highest TF-IDF dot product with the story's words
        ("" for empty stories)."""
        if not len(self._ids):
            return []
        h = self._vectorizers()[0].transform(self._headlines)
        idf = np.log((1.0 + self.n_articles_) / (1.0 + self._df[0][h.indices])) + 1.0
        h.data = (1.0 + np.log(h.data)) * idf
        h = normalize(h)
        coo = h.tocoo()  # score of each headline = its vector . its story's word sum
        owner = self._story[coo.row]
        story_weight = np.asarray(self._sums[owner, coo.col]).ravel()
        score = np.bincount(coo.row, weights=coo.data * story_weight, minlength=len(self._headlines))
        titles = [""] * len(self._ids)
        for s, rows in enumerate(self._members()):
            if len(rows):
                titles[s] = self._headlines[rows[int(score[rows].argmax())]]
        return titles

    # persistence ------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the whole state (settings, document frequencies, articles, stories) to one
        ``.npz`` file."""
        meta = {
            "settings": {"granularity": self.granularity, "threshold": self.threshold,
                         "window_days": self.window_days, "entity_weight": self.entity_weight,
                         "number_weight": self.number_weight, "neighbours": self.neighbours,
                         "prior_crowding": self.prior_crowding, "n_features": self.n_features,
                         "chunk_size": self.chunk_size},
            "n_articles": self.n_articles_, "next_id": self._next_id, "ids": self._ids,
            "articles": self._article_ids, "headlines": self._headlines, "outlets": self._outlets,
        }
        v = self._vectors
        frequencies = {f"df_{name}": df for name, df in zip(_CHANNELS, self._df)}
        with open(path, "wb") as f:
            np.savez_compressed(f, meta=np.array(json.dumps(meta)), story=self._story, date=self._date,
                                top=self._top, norm2=self._norm2, checked=self._checked, data=v.data,
                                indices=v.indices, indptr=v.indptr, **frequencies)

    @classmethod
    def load(cls, path: str | Path) -> StoryClusterer:
        """A clusterer in the state ``save`` wrote: later batches join its stories. Raises
        ValueError for a state written by an earlier version, which kept no article vectors (its
        articles must be clustered afresh)."""
        with np.load(path, allow_pickle=False) as z:
            if "top" not in z.files:
                raise ValueError("story clustering state from an earlier version: cluster afresh")
            meta = json.loads(str(z["meta"]))
            self = cls(**meta["settings"])
            self.n_articles_ = meta["n_articles"]
            self._next_id = meta["next_id"]
            self._ids = meta["ids"]
            self._article_ids, self._headlines = meta["articles"], meta["headlines"]
            self._outlets = meta["outlets"]
            self._story, self._date, self._top = z["story"].copy(), z["date"].copy(), z["top"].copy()
            self._checked, self._norm2 = z["checked"].copy(), z["norm2"].copy()
            self._df = [z[f"df_{name}"].copy() for name in _CHANNELS]
            self._vectors = sp.csr_matrix((z["data"], z["indices"], z["indptr"]),
                                          shape=(len(self._article_ids), len(_CHANNELS) * self.n_features))
        self._size, self._sums_norm2 = np.zeros(0, np.int64), np.zeros(0)
        self._rebuild(np.arange(len(self._ids)))  # story sums follow from the articles
        return self
