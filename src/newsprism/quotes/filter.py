"""A learned filter over candidate attributions: which cue shapes really report speech.

The parse rules propose candidates (a cue, a speaker, a content); many cue words report speech
only in some shapes ("warned that ..." always, "warned him" rarely; "described X as 'Y'" yes,
"described the scene" no). Hand-listing every case does not scale, so a logistic regression
over a candidate's features (cue lemma, the rule that found the content, the content's length
and kind, the speaker's kind, the cue's tense and position, and their pairs) decides. Its
weights are trained on the PolNeAR training split by ``python -m newsprism.quotes.train`` and
shipped as ``filter_weights.json`` (feature names and weights only: no text of the corpus).
"""
from __future__ import annotations

import json
import math
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from newsprism.quotes.cues import ROLE_NOUNS, SPEECH_VERBS, cue_verb, lemma, pos

WEIGHTS = Path(__file__).with_name("filter_weights.json")
_PERSON_PRONOUNS = {"he", "she", "i", "we", "you"}
_GROUP_PRONOUNS = {"it", "they"}
_RELATIVE = {"who", "which", "that", "whom"}


def _bucket(n: int) -> str:
    """Content length class in words."""
    if n <= 1:
        return "1"
    if n <= 4:
        return "2-4"
    if n <= 10:
        return "5-10"
    if n <= 25:
        return "11-25"
    return "26+"


def source_kind(tok: Token | None) -> str:
    """What kind of words name the speaker."""
    if tok is None:
        return "none"
    low = tok.lower_
    if low in _PERSON_PRONOUNS:
        return "pron_person"
    if low in _GROUP_PRONOUNS:
        return "pron_group"
    if low in _RELATIVE:
        return "relative"
    if tok.ent_type_ in ("PERSON",):
        return "person"
    if tok.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
        return "org"
    if tok.ent_type_:
        return "ent_other"  # "55 percent", "Tuesday"
    if pos(tok) == "PROPN":
        return "propn"
    if lemma(tok) in ROLE_NOUNS:
        return "role"
    if pos(tok) in ("NOUN",):
        return "noun"
    return "other"


def _headline(sent) -> bool:
    """A title line: no final punctuation and most words capitalised."""
    words = [t for t in sent if t.is_alpha]
    if not words:
        return False
    caps = sum(1 for t in words if t.text[:1].isupper())
    last = [t for t in sent if not t.is_space]
    return caps / len(words) > 0.6 and len(words) > 2 and bool(last) and last[-1].text not in (".", "!", "?", "”", '"')


def features(doc: Doc, cue: list[Token], source: Token | None, rule: str, kind: str, words: int,
             segments: int, nested: bool, quote_adjacent: bool) -> list[str]:
    """The names of a candidate's binary features (the model's input)."""
    verb = cue_verb(cue)
    lem = lemma(verb) if rule not in ("according", "quoted_as") else rule
    preps = "+".join(t.lower_ for t in cue if t.dep_ == "prep" and t.head.i == verb.i)
    length = _bucket(words)
    src = source_kind(source)
    tag = verb.tag_ or "?"
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    out = [
        "bias", f"lemma={lem}", f"rule={rule}", f"kind={kind}", f"len={length}", f"src={src}",
        f"tag={tag}", f"dep={verb.dep_}",
        f"lemma|rule={lem}|{rule}", f"lemma|kind={lem}|{kind}", f"lemma|len={lem}|{length}",
        f"rule|kind={rule}|{kind}", f"rule|len={rule}|{length}", f"rule|src={rule}|{src}",
        f"lemma|src={lem}|{src}", f"lemma|tag={lem}|{tag}", f"kind|len={kind}|{length}",
    ]
    if preps:
        out.append(f"lemma|prep={lem}|{preps}")
    if "to" in aux or (verb.i > 0 and doc[verb.i - 1].lower_ == "to"):
        out.append("infinitive")
    if any(a in ("will", "would", "could", "can", "may", "might", "should", "must") for a in aux):
        out.append("modal")
    if any(c.dep_ == "neg" for c in verb.children):
        out.append("negated")
    if segments > 1:
        out.append("segments>1")
    if nested:
        out.append("nested")
        out.append(f"nested|lemma={lem}")
    if quote_adjacent:
        out.append("quote_adjacent")
    if _headline(verb.sent):
        out.append("headline")
    return out


_FUNCTION_WORDS = {"and", "but", "or", "while", "whereas", "although", "though", "because", "as", "after",
                   "before", "since", "despite", "even", "which", "who", "whom", "where", "when", "by", "in",
                   "on", "at", "for", "with", "without", "including", "if", "unless", "until", "so", "than",
                   "from", "to", "that", "not", "a", "the", "according", "amid", "during", "over", "per"}


def tail_features(doc: Doc, root: Token, first: Token, verb: Token, source_text: str,
                  in_quote: list[int], words_before: int) -> list[str]:
    """Features of a possible end of a statement's content: the dependent ``root`` that starts
    at ``first`` (a separator or conjunction, or its first word) inside a content reported by
    ``verb``."""
    sep = first.text if first.text in (",", "—", "–", "-", "--", ";", "(", ":") else "none"
    words = [t for t in doc[first.i: root.right_edge.i + 1] if not t.is_punct]
    lead = next((t for t in words), root)
    lead_word = lead.lower_ if lead.lower_ in _FUNCTION_WORDS else (pos(lead) or "X")
    cc = next((c.lower_ for c in root.head.children if c.dep_ == "cc" and first.i <= c.i < root.i), "")
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < root.i), None)
    subj_kind = "none" if subj is None else ("pron" if subj.tag_ in ("PRP",) else "noun")
    same = subj is not None and subj.lower_ == source_text
    tag = (root.tag_ or "?")[:3]
    sent = root.sent
    last = sent.end - 1
    while last > sent.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    at_end = root.right_edge.i >= last
    quoted = any(in_quote[t.i] >= 0 for t in words)
    n = len(words)
    length = "1" if n <= 1 else "2-4" if n <= 4 else "5-10" if n <= 10 else "11+"
    before = "1-4" if words_before <= 4 else "5-10" if words_before <= 10 else "11+"
    dep = root.dep_
    head_is_verb = pos(root.head) in ("VERB", "AUX")
    out = [
        "bias", f"dep={dep}", f"tag={tag}", f"sep={sep}", f"lead={lead_word}", f"cc={cc}", f"subj={subj_kind}",
        f"len={length}", f"before={before}", f"dep|sep={dep}|{sep}", f"dep|lead={dep}|{lead_word}",
        f"sep|lead={sep}|{lead_word}", f"dep|subj={dep}|{subj_kind}", f"dep|tag={dep}|{tag}",
        f"lead|subj={lead_word}|{subj_kind}", f"dep|cc={dep}|{cc}", f"sep|len={sep}|{length}",
        f"head_verb={head_is_verb}", f"dep|head_verb={dep}|{head_is_verb}",
    ]
    if same:
        out.append("same_subject")
    if lemma(root) in SPEECH_VERBS:
        out.append("speech_verb")
        out.append(f"speech_verb|subj={subj_kind}")
    if root.tag_ and root.tag_ == verb.tag_ and root.tag_.startswith("VB"):
        out.append("tense_of_cue")
        out.append(f"tense_of_cue|subj={subj_kind}")
    if at_end:
        out.append("at_end")
    if quoted:
        out.append("quoted")
    return out


# where the models are read from: the shipped file, unless a developer's held-out run swaps in
# models of its own for a while (``weights_from``)
_source = {"path": WEIGHTS}


@contextmanager
def weights_from(path: Path):
    """Read the quote models from ``path`` inside the block (``benchmarks/quotes_heldout.py``
    trains and scores its own); the shipped models again after it."""
    before = _source["path"]
    _source["path"] = Path(path)
    reload()
    try:
        yield
    finally:
        _source["path"] = before
        reload()


@lru_cache(maxsize=2)
def _read(path: str) -> dict:
    p = Path(path)
    if not p.exists():
        return {}
    return json.loads(p.read_text(encoding="utf-8"))


def _load() -> dict:
    """The models file in use, read once."""
    return _read(str(_source["path"]))


def reload() -> None:
    """Forget the models read so far (after their file was written anew)."""
    _read.cache_clear()


def load_weights() -> tuple[dict[str, float], float]:
    """(candidate-filter weights by feature name, decision threshold); empty when absent."""
    data = _load()
    return data.get("weights", {}), data.get("threshold", 0.0)


def load_tail_weights() -> dict[str, float]:
    """The tail model's weights by feature name (empty when absent)."""
    return _load().get("tail_weights", {})


def load_end_weights() -> dict[str, float]:
    """The end model's weights by feature name (empty when absent; see ``ends.py``)."""
    return _load().get("end_weights", {})


def probability(feats: list[str], weights: dict[str, float]) -> float:
    """The model's probability that a candidate is a real attribution."""
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def keep(feats: list[str]) -> bool:
    """Whether the shipped model keeps a candidate (always, when no weights are shipped)."""
    weights, threshold = load_weights()
    if not weights:
        return True
    return probability(feats, weights) >= threshold
