"""Where a statement was relayed: the outlet, document or platform the text says it went through.

"according to Daily Sabah", "told CNN", "in an interview with Fox News", "TRThaber quoted the
president as saying", "wrote on Twitter", "the Kremlin readout": the phrases hang on the cue
verb (or on a noun of saying) in spaCy's dependency parse. No library reads them, so these small
functions do, over a parsed Doc; ``relay_of`` is what the attribution rules call.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsprism.metadata.outlets import outlet_by_name
from newsprism.quotes.cues import CARRYING_VERBS, DOCUMENT_NOUNS, OUTLET_NOUNS, PLATFORMS, REMARK_NOUNS, lemma, pos


def relay_of(verb: Token) -> Span | None:
    """The outlet a statement went through, when the text names it: "according to X" on the
    verb, "told CNN", "in an interview with CNN"."""
    for c in verb.children:
        if c.lower_ == "according":
            to = next((t for t in c.children if t.lower_ == "to"), None)
            pobj = next((p for p in (to.children if to is not None else c.children) if p.dep_ == "pobj"), None)
            if pobj is not None:
                return noun_phrase(pobj)
        if c.dep_ in ("dobj", "dative") and lemma(verb) == "tell" and (
                c.ent_type_ == "ORG" or outlet_by_name(noun_phrase(c).text) is not None):
            return noun_phrase(c)  # ("told SANA": a news agency the recogniser did not type)
        if c.dep_ in ("dobj", "dative") and lemma(verb) == "tell" and lemma(c) in OUTLET_NOUNS:
            named = _named_outlet(c)  # "told the RIA Novosti news agency", "the broadcaster Suspilne"
            if named is not None:
                return named
        if c.dep_ in ("dobj", "dative") and lemma(verb) == "tell" and lemma(c) in _JOURNALIST_NOUNS:
            # "told a reporter from the French news agency AFP" (the "from" hung on either word)
            for prep in (p for p in list(c.children) + list(verb.children)
                         if p.dep_ == "prep" and p.lower_ in ("from", "of", "for", "with")):
                outlet = next((o for o in prep.children if o.dep_ == "pobj"), None)
                named = _named_outlet(outlet) if outlet is not None else None
                if named is not None:
                    return named
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                carrier = _carrier(p) if p.dep_ == "pobj" else None
                if carrier is not None:
                    return carrier
                if p.dep_ == "pobj" and lemma(p) in REMARK_NOUNS:
                    # "in an interview with CNN Turk", "in comments to the Hurriyet daily" (a
                    # message to the UN Security Council is addressed to it, not relayed by it)
                    for pp in p.children:
                        if pp.dep_ == "prep" and pp.lower_ in ("with", "to"):
                            outlet = _interviewing_outlet(pp) if lemma(p) == "interview" else _outlet_named(pp)
                            if outlet is not None:
                                return outlet
        if c.dep_ == "advcl" and c.tag_ == "VBG" and lemma(c) in ("speak", "talk"):
            # "Speaking to Al Jazeera, Cavusoglu said ..." (not "speaking to reporters")
            for pp in c.children:
                if pp.dep_ == "prep" and pp.lower_ in ("with", "to"):
                    outlet = _outlet_named(pp)
                    if outlet is not None:
                        return outlet
    return _quoted_by(verb) or _platform_of(verb)


def _interviewing_outlet(prep: Token) -> Span | None:
    """The outlet after "interview with": an outlet by name or noun (``_outlet_named``), else an
    organisation, a title or a building the recogniser found there, with the proper nouns glued to
    it ("an interview with The Washington Post's Sunday edition")."""
    outlet = _outlet_named(prep)
    if outlet is not None:
        return outlet
    for o in prep.subtree:
        if o.ent_type_ in ("ORG", "WORK_OF_ART", "FAC") and o.ent_iob_ == "B":
            ent = next(e for e in o.doc.ents if e.start == o.i)
            end = ent.end
            while end < len(o.doc) and pos(o.doc[end]) == "PROPN" and not o.doc[end].ent_type_:
                end += 1
            return o.doc[ent.start:end]
    return None


def _outlet_named(prep: Token) -> Span | None:
    """The news outlet a preposition's object names, whatever type the recogniser gave it: a
    name in the outlet table ("CNN Turk", typed a person), an organisation beside or inside an
    outlet noun ("the news agency AFP", "the Interfax news agency"), or the proper nouns before
    one ("the Hurriyet daily" -> "Hurriyet"). None for people and for "reporters"."""
    obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
    if obj is None:
        return None
    phrase = noun_phrase(obj)
    start = phrase.start + (1 if phrase[0].text == "the" and len(phrase) > 1 else 0)  # not "The Times"
    if outlet_by_name(phrase.doc[start:phrase.end].text) is not None:
        return phrase.doc[start:phrase.end]
    if lemma(obj) not in OUTLET_NOUNS:
        return None
    named = _named_outlet(obj)
    if named is not None:
        return named
    names = [t for t in obj.lefts if t.dep_ == "compound" and pos(t) == "PROPN"]
    return obj.doc[names[0].i:names[-1].i + 1] if names else None


_QUOTING_VERBS = CARRYING_VERBS | {"quote", "cite"}


def _quoted_by(verb: Token) -> Span | None:
    """The outlet a participle after the verb names: "..., Lavrov said, quoted by Interfax", "said,
    as cited by the Tasnim news agency, that ..." -> "Interfax", "the Tasnim news agency"."""
    for c in verb.children:
        if c.dep_ in ("acl", "advcl", "xcomp") and c.tag_ == "VBN" and lemma(c) in ("quote", "cite"):
            by = next((b for b in c.children if b.dep_ == "agent" or b.dep_ == "prep" and b.lower_ == "by"), None)
            outlet = next((o for o in by.children if o.dep_ == "pobj"), None) if by is not None else None
            if outlet is not None:
                phrase = noun_phrase(outlet)
                return _organisation_in(phrase) or phrase
    return None


# what a platform's name may qualify on the way to it ("his Telegram channel", "her X account")
_PLATFORM_PLACES = frozenset("channel account page feed profile post video story handle".split())


def _platform_of(verb: Token) -> Span | None:
    """The platform the words were posted on, its name as written: "said on Telegram", "wrote on
    his Telegram channel", "said in a post on X", "in a video posted on Instagram". The name must
    be reached from a preposition of the verb through noun phrases and prepositions only (and a
    verb of posting), so that "spoke in a debate on TikTok's future" names no platform."""
    doc = verb.doc
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "via", "through")):
        for tok in prep.subtree:
            width = next((n for n in (1, 2) if doc[tok.i:tok.i + n].text in PLATFORMS), 0)
            if width and _reached_through_phrases(tok, prep):
                return doc[tok.i:tok.i + width]
    return None


def _reached_through_phrases(tok: Token, prep: Token) -> bool:
    while tok.i != prep.i:
        if tok.dep_ in ("compound", "poss"):
            if lemma(tok.head) not in _PLATFORM_PLACES:
                return False
        elif tok.dep_ == "acl":
            if lemma(tok) not in CARRYING_VERBS | {"share"}:
                return False
        elif tok.dep_ not in ("pobj", "prep", "appos"):
            return False
        tok = tok.head
    return True


def _carrier(noun: Token) -> Span | None:
    """The outlet that carried a statement, comments, a message or an interview (``noun``): "in a
    statement carried by the Interfax news agency" -> "Interfax" (the name, where the phrase holds
    one), "in a message, cited by Tasnim" -> "Tasnim"."""
    if lemma(noun) not in DOCUMENT_NOUNS | REMARK_NOUNS:
        return None
    for verb in (c for c in noun.children if c.dep_ == "acl" and lemma(c) in _QUOTING_VERBS):
        for by in (c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "on")):
            outlet = next((o for o in by.children if o.dep_ == "pobj"), None)
            if outlet is None:
                continue
            phrase = noun_phrase(outlet)
            return _organisation_in(phrase) or phrase
    return None


_JOURNALIST_NOUNS = frozenset("reporter journalist correspondent interviewer".split())


def _named_outlet(noun: Token) -> Span | None:
    """The name of the outlet a noun stands for: an organisation the recogniser found in its
    phrase ("the Interfax news agency", "CNN") or set beside it ("the public broadcaster
    Suspilne", "the news agency AFP"); None when it names none."""
    named = _organisation_in(noun_phrase(noun))
    if named is not None:
        return named
    if lemma(noun) not in OUTLET_NOUNS:
        return None
    beside = next((a for a in noun.children if a.dep_ == "appos" and (a.ent_type_ == "ORG" or pos(a) == "PROPN")), None)
    return noun_phrase(beside) if beside is not None else None


def _organisation_in(phrase: Span) -> Span | None:
    """The organisation a phrase names ("the Interfax news agency" -> "Interfax"), with the
    proper nouns and numbers glued to it ("Rossiya 24"); None when it names none."""
    doc = phrase.doc
    named = [t for t in phrase if t.ent_type_ == "ORG"]
    if not named or named[0].ent_iob_ != "B":
        return None
    ent = next(e for e in doc.ents if e.start == named[0].i)
    end = ent.end
    while end < phrase.end and (pos(doc[end]) == "PROPN" or doc[end].like_num):
        end += 1
    return doc[ent.start:end]


def noun_phrase(tok: Token) -> Span:
    """The noun phrase a token heads, without trailing clauses or appositions."""
    doc = tok.doc
    start = tok.left_edge.i
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    end = tok.i + 1
    while end < len(doc) and doc[end].head.i == tok.i and doc[end].dep_ in ("compound", "flat") \
            and not doc[end].is_punct:
        end += 1
    if tok.ent_type_:
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end]
