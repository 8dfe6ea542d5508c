"""Resolving a speaker mention ("he", "the minister", "Erdogan") to a name in the same text.

spaCy's English pipelines have no coreference component, so this is a small salience model
written by hand: names are taken from the named entities, pronouns go to the most recent
salient person (a subject of the same sentence, then the subject of the sentence just before
when no one spoke since, then the previous speaker), role nouns to the closest earlier person
whose title shares the noun (of the nation the noun names, if it names one), and every name is
widened to its fullest mention in the text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from newsprism.quotes.cues import (DOCUMENT_NOUNS, ISSUING_VERBS, RELAY_NOUNS, ROLE_NOUNS, ROLE_SYNONYMS, age_word,
                                   lemma, pos)
from newsprism.quotes.gender import gender_of, pronoun_gender
from newsprism.quotes.records import doc_text

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}  # (a possessor speaks too: "his claim that")
GROUP_PRONOUNS = {"it", "they", "its", "their"}
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "minister", "prime",
          "sir", "lord", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "lt.", "col."}
NATIONAL_WORDS_POS = {"ADJ", "PROPN"}
# the posts that abbreviated titles name ("Sen. Lee" is "the senator")
_TITLE_POSTS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                "amb": "ambassador", "pres": "president", "sec": "secretary", "adm": "admiral",
                "col": "colonel", "lt": "lieutenant", "capt": "captain", "maj": "major"}
# words that make up titles with a role noun ("Foreign Minister", "Deputy Prime Minister")
TITLE_WORDS = {"foreign", "former", "deputy", "acting", "senior", "chief", "vice", "prime", "general", "interior",
               "defense", "defence", "finance", "justice", "state", "home", "first", "assistant", "associate",
               "executive", "supreme", "attorney", "press", "principal", "special", "lead"}


@dataclass(frozen=True)
class Speaker:
    """What a speaker mention resolves to.

    ``mention`` and ``span`` are the words of the text; ``name`` the resolved name (``None`` when
    nothing resolves, e.g. "a source"); ``label`` the entity type; ``role`` a title the text
    gives the person.
    """

    mention: str
    span: tuple[int, int]
    name: str | None
    label: str | None
    role: str | None = None
    token: int = -1  # index of the mention's head token (or of the resolved name)
    document: str | None = None  # "the statement" when that is the mention and ``name`` its issuer


def norm(word: str) -> str:
    """Lower-case, accent-free form of a name word ("Erdoğan's" -> "erdogan")."""
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c)).lower()
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


@dataclass
class _Name:
    """A named entity occurrence and the role words found around it."""

    text: str
    label: str
    key: str  # its last word, normalised: the key names are grouped by
    sent: int
    start: int  # token index
    end: int
    start_char: int
    end_char: int
    role: str | None
    is_subject: bool
    nationality: str | None
    quoted: bool = False  # said inside a quotation: a name, but not an antecedent


def _opened_names(names: list[_Name]) -> dict[str, str]:
    """For a word that opens the full name of exactly one person and ends no one's full name, that
    person's key: a name written family name first ("Mao" of "Mao Ning", "Xi" of "Xi Jinping"), or
    a given name alone ("Hillary")."""
    firsts: dict[str, set[str]] = {}
    for n in names:
        words = n.text.split()
        if n.label == "PERSON" and len(words) > 1:
            firsts.setdefault(norm(words[0]), set()).add(n.key)
    lasts = {n.key for n in names if len(n.text.split()) > 1}
    return {word: next(iter(keys)) for word, keys in firsts.items() if len(keys) == 1 and word not in lasts}


def _family_names_first(names: list[_Name], opened: dict[str, str]) -> list[_Name]:
    """``names`` with each lone person's name that opens one person's full name grouped with that
    person (``_opened_names``)."""
    return [replace(n, key=opened[n.key]) if n.label == "PERSON" and " " not in n.text and n.key in opened else n
            for n in names]


class NameIndex:
    """Every named person, organisation and place in a Doc, with roles, for resolution."""

    def __init__(self, doc: Doc, quoted: list[bool] | None = None):
        self.doc = doc
        self.names: list[_Name] = []
        self.quoted = quoted or [False] * len(doc)  # tokens inside quotation marks
        self._genders: dict[str, str | None] = {}
        sent_of = _sentence_index(doc)
        for ent in (piece for ent in doc.ents for piece in name_pieces(ent)):
            label = "PERSON" if _reads_as_speaker(ent) else ent.label_
            if label not in NAME_LABELS:
                continue
            if label in ("ORG", "GPE") and _titled_person(ent):
                label = "PERSON"  # "the head of the region, Oleh Kiper," read as an organisation
            span = _strip_titles(ent, label == "PERSON")
            if span is None or not any(t.is_alpha for t in span):
                continue
            if label == "ORG":
                span = span.doc[_owner_start(span):span.end]  # "Ukraine's defence ministry"
            head = span.root
            role, nationality = _role_of(span) if label == "PERSON" else (None, None)
            if label == "PERSON":
                # the words around the name, read without the parse, where the parse gave no
                # title (or the fast route left the sentence unparsed) or a title cut short
                # ("Zelensky's chief" of "Zelensky's chief of staff, Andriy Yermak,")
                written, written_nationality = _written_role(span)
                if written and (role is None or len(written) > len(role) and role in written):
                    role, nationality = written, nationality or written_nationality
            self.names.append(_Name(
                text=_clean_name(span.text), label=label, key=_family_word(span),
                sent=sent_of[span.start], start=span.start, end=span.end,
                start_char=span.start_char, end_char=span.end_char, role=role,
                is_subject=head.dep_ in ("nsubj", "nsubjpass"), nationality=nationality,
                quoted=self.quoted[span.start],
            ))
        self.opened = _opened_names(self.names)
        self.names = _family_names_first(self.names, self.opened)
        self.sent_of = sent_of
        # (looked up by last word and by token: a long text has thousands of names)
        self._by_key: dict[str, list[_Name]] = {}
        self._at: list[_Name | None] = [None] * len(doc)
        for n in self.names:
            self._by_key.setdefault(n.key, []).append(n)
            for i in range(n.start, n.end):
                if self._at[i] is None:
                    self._at[i] = n

    def of(self, key: str) -> list[_Name]:
        """The mentions whose last word is ``key``, in text order."""
        return self._by_key.get(key, [])

    def label(self, key: str) -> str | None:
        """The entity type of the names with this last word: PERSON if any mention says so
        (the recogniser often labels a lone surname ORG), unless more mentions make it a place and
        none names a person in full; else the most frequent type, and on a tie the first mention's
        (never the order of a set, which changes from run to run)."""
        labels = [n.label for n in self.of(key)]
        if not labels:
            return None
        places = labels.count("GPE") + labels.count("LOC")
        full_person = any(n.label == "PERSON" and len(n.text.split()) > 1 for n in self.of(key))
        if "PERSON" in labels and (full_person or places <= labels.count("PERSON")):
            # (but a place typed a person once and never named in full, "Turkish FM says Ankara
            # will ...", stays a place)
            return "PERSON"
        return max(dict.fromkeys(labels), key=labels.count)

    def fullest(self, key: str, label: str | None = None, words: list[str] | None = None,
                before: int | None = None) -> _Name | None:
        """The fullest mention of the person with this last word.

        Only mentions outside quotations that contain all of ``words`` (the name words of the
        mention being resolved) count. When they disagree ("Barack Obama", "Michelle Obama"),
        the one mentioned last before token ``before`` wins, else the most frequent; among
        forms that agree, the longest.
        """
        label = self.label(key) or label
        wanted = {norm(w) for w in (words or [])}
        cands = [n for n in self.of(key) if not n.quoted] or self.of(key)
        cands = [n for n in cands if wanted <= {norm(w) for w in n.text.split()}] or cands
        if not cands:
            return None
        same_label = [n for n in cands if n.label == label] or cands
        forms: dict[str, list[_Name]] = {}
        for n in same_label:
            forms.setdefault(n.text, []).append(n)
        texts = list(forms)

        def agree(a: str, b: str) -> bool:
            wa, wb = set(a.split()), set(b.split())
            return wa <= wb or wb <= wa

        longest = max(texts, key=lambda t: (len(t.split()), len(forms[t])))
        if all(agree(t, longest) for t in texts):
            return forms[longest][0]
        # disagreeing full names: the one in view, else the most frequent
        multi = [t for t in texts if len(t.split()) > 1]
        if before is not None:
            seen = [n for t in multi for n in forms[t] if n.start < before]
            if seen:
                return max(seen, key=lambda n: n.start)
        if multi:
            return forms[max(multi, key=lambda t: (len(forms[t]), len(t.split())))][0]
        return forms[longest][0]

    def role(self, key: str, before: int | None = None) -> str | None:
        """The first role the text gives the person with this last word (written before token
        ``before``, when given)."""
        for n in self.of(key):
            if n.role and (before is None or n.start < before):
                return n.role
        return None

    def titled_posts(self, key: str, before: int) -> set[str]:
        """The posts that abbreviated titles before this person's mentions name, up to token
        ``before`` ("Sen. Bernie Sanders": senator)."""
        return {_TITLE_POSTS[self.doc[n.start - 1].lower_.rstrip(".")] for n in self.of(key)
                if 0 < n.start < before and self.doc[n.start - 1].lower_.rstrip(".") in _TITLE_POSTS}

    def nationality(self, key: str) -> str | None:
        for n in self.of(key):
            if n.nationality:
                return n.nationality
        return None

    def mention_gender(self, n: _Name) -> str | None:
        """"m", "f" or None for one mention ("Mrs. Clinton" where "Clinton" alone is two people),
        else for the person with its last word."""
        return self._written_gender(n) or self.gender(n.key)

    def _written_gender(self, n: _Name) -> str | None:
        """The gender one mention's words and the two words before it give."""
        return gender_of(n.text.split(), [self.doc[i].text for i in range(max(0, n.start - 2), n.start)])

    def gender(self, key: str) -> str | None:
        """"m", "f" or None for the person with this last word: from a title written before any
        mention ("Mrs. Clinton") or the given name of its fullest mention."""
        if key in self._genders:
            return self._genders[key]
        found = set()
        people: list[tuple[set[frozenset[str]], set[str]]] = []  # one person's full names' words, genders
        for n in self.of(key):
            if n.label != "PERSON":
                continue
            g = self._written_gender(n)
            if g:
                found.add(g)
            words = {norm(w) for w in n.text.split()}
            # (full names only: not "Neither Clinton", nor the case "Trump v. Trump")
            if len(words) < 2 or self.doc[n.start].tag_ != "NNP" or norm(n.text.split()[0]) == key:
                continue
            same = next((p for p in people if any(words <= w or w <= words for w in p[0])), None)
            if same is None:
                people.append(({frozenset(words)}, {g} - {None}))
            else:
                same[0].add(frozenset(words))
                same[1].update({g} - {None})
        # ("Sandra Jackson" and "Jesse Jackson Jr.": two people, one of unknown gender)
        two_people_one_unknown = len(people) > 1 and any(not genders for _, genders in people)
        self._genders[key] = found.pop() if len(found) == 1 and not two_people_one_unknown else None
        return self._genders[key]

    def at(self, token: Token) -> _Name | None:
        """The name covering ``token``, if any."""
        return self._at[token.i]


def _sentence_index(doc: Doc) -> list[int]:
    """For each token, the number of its sentence. Pieces without a word (whitespace, a lone
    quotation mark the sentencizer split off) are not sentences: they keep the number of the one
    before, so that distances in sentences do not grow with them."""
    out = [0] * len(doc)
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        k = -1
        for sent in doc.sents:
            if any(t.is_alpha or t.is_digit for t in sent):
                k += 1
            for i in range(sent.start, sent.end):
                out[i] = max(k, 0)
    return out


def name_pieces(ent: Span) -> list[Span]:
    """The entity split at a lower-case verb or a colon inside it, each piece with the entity's
    label: the recogniser sometimes runs one name into the next over the verb or the colon
    between them ("Todd asked Pence" as one organisation, the headline "De Blasio: Trust Bratton"
    as one person). Without tags (a sentence not parsed) it stays whole at a verb."""
    pieces, start = [], ent.start
    for tok in ent:
        if tok.tag_.startswith("VB") and tok.is_lower or tok.text in (":", ";"):
            if tok.i > start:
                pieces.append(Span(ent.doc, start, tok.i, label=ent.label_))
            start = tok.i + 1
    if start == ent.start:
        return [ent]
    if start < ent.end:
        pieces.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return pieces


def _press_office_owner(head: Token) -> Token | None:
    """The organisation whose press service or press office ``head`` is ("the press service of the
    Ministry of Defence", "the Kremlin's press office", "the ministry press service"): the head
    word of its name; None for any other noun."""
    if head.lower_ not in ("service", "office", "centre", "center") or not any(
            c.dep_ in ("compound", "amod") and c.lower_ in ("press", "media") for c in head.children):
        return None
    for c in head.children:
        if c.dep_ == "poss" or c.dep_ == "compound" and c.lower_ not in ("press", "media"):
            return c
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def _strip_titles(span: Span, person: bool = False) -> Span | None:
    """The entity without a leading title or determiner ("the", "Mr.", "President") and "'s";
    for a person also without nationality or role words ("Russian FM Lavrov" -> "Lavrov")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and (doc[start].lower_ in TITLES or doc[start].lower_ in ("the", "a") or (
            person and (lemma(doc[start]) in ROLE_NOUNS or pos(doc[start]) == "ADJ"
                        or doc[start].lower_.rstrip(".") in ROLE_NOUNS))):
        start += 1
    while end > start and doc[end - 1].tag_ == "POS" or (end > start and doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


# generational suffixes after a family name ("Jesse Jackson Jr.", "John Smith III")
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _family_word(name: Span) -> str:
    """The key a name is grouped by: its last word, normalised, before a generational suffix
    ("Jesse Jackson Jr." -> "jackson")."""
    words = [norm(t.text) for t in name if not t.is_punct]
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else norm(name[-1].text)


def _clean_name(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _role_of(name: Span) -> tuple[str | None, str | None]:
    """The title the text puts before or beside a person's name, and a nationality word in it.

    "Kremlin spokesman Dmitry Peskov" -> "Kremlin spokesman"; "Sergei Lavrov, the Russian
    foreign minister," -> "Russian foreign minister".
    """
    doc = name.doc
    head = name.root
    # words to the left inside the same noun phrase: compounds, adjectives, possessives
    i = name.start - 1
    left = []
    # (a word may hang on any word of the title gathered so far: "Deputy" and "Foreign" both on
    # "Minister" in "Deputy Foreign Minister Sergei Vershinin")
    while i >= 0 and (doc[i].head.i in range(name.start, name.end) or any(doc[i].head.i == t.i for t in left)):
        tok = doc[i]
        if tok.dep_ not in ("compound", "amod", "nmod", "poss", "case", "punct") and tok.tag_ != "POS":
            break
        if tok.dep_ == "punct" and tok.text not in ("[", "]"):
            break
        left.insert(0, tok)
        i -= 1
    # the role reaches across names in between ("Russia's Vladimir Putin" keeps only Russia's)
    role_tokens = [t for t in left if t.text not in ("[", "]")]
    if head.dep_ == "appos" and lemma(head.head) in ROLE_NOUNS and head.head.i < name.start \
            and not any(t.is_quote for t in doc[head.head.i + 1:name.start]):
        # "his Turkish counterpart Recep Tayyip Erdogan": the name in apposition to a role noun
        # (not one the parser hung on the last word of a quotation: '"... the president," Flynn said')
        role_head = head.head
        role_tokens = [t for t in doc[role_head.left_edge.i: role_head.i + 1]
                       if t.dep_ not in ("cc", "punct") and t.i >= role_head.left_edge.i]
        role_tokens = [t for t in role_tokens if t.head.i == role_head.i or t.i == role_head.i]
    role = _role_text(role_tokens)
    if role is None:
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                words = [t for t in child.subtree if t.dep_ not in ("relcl", "punct", "acl")]
                if any(lemma(t) in ROLE_NOUNS for t in words):
                    role = _role_text(words[: 8])
                    break
    nationality = None
    if role:
        for t in role_tokens or []:
            # (the capitalised words of a title, "Foreign Minister", are no nationality)
            if t.ent_type_ in ("NORP", "GPE", "ORG") or (pos(t) in NATIONAL_WORDS_POS and t.text[:1].isupper()
                                                        and lemma(t) not in ROLE_NOUNS
                                                        and t.lower_ not in TITLE_WORDS):
                nationality = norm(t.text)
                break
    return role, nationality


def _written_title(name: Span) -> tuple[str | None, list[Token]]:
    """The title read from the words around a name, without a parse (``entities.mentions.
    written_role``): its text and tokens."""
    from newsprism.entities.mentions import written_role  # (that module builds on this one)

    return written_role(name)


def _reads_as_speaker(name: Span) -> bool:
    """``entities.mentions.reads_as_speaker``: a "work of art" that tells a news conference."""
    from newsprism.entities.mentions import reads_as_speaker  # (that module builds on this one)

    return reads_as_speaker(name)


def _owner_start(name: Span) -> int:
    """``entities.mentions.owner_start``: an organisation of generic words starts at the owner
    whose possessive is written before it ("Ukraine's defence ministry")."""
    from newsprism.entities.mentions import owner_start  # (that module builds on this one)

    return owner_start(name.doc, name.start, name.end)


def _titled_person(name: Span) -> bool:
    """Whether a name typed otherwise reads as a person's, titled as one (``entities.mentions.
    titled_like_a_person``), as the entity mentions take it."""
    from newsprism.entities.mentions import titled_like_a_person  # (that module builds on this one)

    return titled_like_a_person(name.doc, name.start, name.end)


def _written_role(name: Span) -> tuple[str | None, str | None]:
    """``_role_of`` for a name in a sentence without a parse: the written title, its nationality
    from the entity types."""
    role, tokens = _written_title(name)
    nationality = next((norm(t.text) for t in tokens if t.ent_type_ in ("NORP", "GPE", "ORG")
                        and t.text[:1].isupper() and t.lower_ not in STOP_WORDS), None)
    return role, nationality


def _role_text(tokens: list[Token]) -> str | None:
    """Text of the role words if a role noun is among them ("Turkish President")."""
    while tokens and (tokens[0].lower_ in ("the", "a", "an", "his", "her", "their", "its") or tokens[0].is_punct):
        tokens = tokens[1:]
    if not tokens or not any(lemma(t) in ROLE_NOUNS or t.lower_ in ROLE_NOUNS for t in tokens):
        return None
    doc = tokens[0].doc
    return doc[tokens[0].i: tokens[-1].i + 1].text


def mention_span(head: Token) -> Span:
    """The words of a speaker mention headed by ``head``: its left modifiers and the head.

    Relative clauses and appositions after the head are left out ("Mr. Reid, who represents
    Nevada," -> "Mr. Reid").
    """
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].dep_ in ("cc", "advmod", "punct", "prep") or doc[start].is_space):
        start += 1  # "But some note": not part of the speaker
    # do not run back across a comma (an appositive before the head belongs elsewhere)
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].text in (",", "(", "—", "–", ":", ";") or (doc[i].is_quote and not _possessive(doc[i])):
            start = i + 1
            break
    end = head.i + 1
    # names written after a role noun, "the minister Sergei Lavrov": take the flat name too
    while end < len(doc) and doc[end].dep_ in ("compound", "flat") and doc[end].head.i == head.i:
        end += 1
    # a part of a group, "one of the sources": the group says who
    if head.lower_ in _PART_WORDS and end < len(doc) and doc[end].lower_ == "of" and doc[end].head.i == head.i:
        end = doc[end].right_edge.i + 1
    # coordinated speakers, "Moscow and Ankara agreed"
    conj = [c for c in head.children if c.dep_ == "conj" and c.i > head.i]
    if conj and any(c.dep_ == "cc" for c in head.children):
        last = conj[-1]
        if all(not doc[i].is_space for i in range(end, last.i + 1)):
            end = last.i + 1
    for i in range(start, end):
        if "\n" in doc[i].whitespace_ and i + 1 < end:
            start = i + 1  # never across a line break
    return doc[start:end]


# words that name a part of a group ("one of the sources", "some of the officials")
_PART_WORDS = frozenset("one two three some many most several none each all both few".split())


def _possessive(tok: Token) -> bool:
    """An apostrophe that marks a possessive ("Sanders’ campaign"), not a quotation mark."""
    return tok.text in ("’", "'") and (tok.tag_ == "POS" or tok.dep_ == "case") and tok.i > 0 \
        and not tok.doc[tok.i - 1].whitespace_


class Resolver:
    """Resolves speaker mentions of one Doc in reading order (it remembers previous speakers)."""

    def __init__(self, doc: Doc, names: NameIndex | None = None):
        self.doc = doc
        self.names = names or NameIndex(doc)
        self.previous: list[tuple[int, Speaker]] = []  # (sentence index, speaker) in order
        self.askers: set[int] = set()  # indices in ``previous`` of those who asked a question

    def remember(self, speaker: Speaker, sent: int, asked: bool = False) -> None:
        """Note a resolved speaker (``asked``: their words were a question): later pronouns and
        role nouns may refer to it."""
        if asked:
            self.askers.add(len(self.previous))
        self.previous.append((sent, speaker))

    def resolve(self, head: Token, sent: int | None = None) -> Speaker:
        """Resolve the mention headed by ``head`` (a token of the Doc); ``sent`` is the sentence
        the statement starts in (a quotation may open sentences before its "he said")."""
        span = mention_span(head)
        mention = span.text
        sent = self.names.sent_of[head.i] if sent is None else min(sent, self.names.sent_of[head.i])
        low = head.lower_
        name = self.names.at(head)
        if any(c.dep_ == "conj" for c in head.children) and span.end > head.i + 1:
            return Speaker(mention, (span.start_char, span.end_char), _strip_det(span), name.label if name else None,
                           None, head.i)
        if name is not None and name.label == "NORP" and low == name.key and any(
                c.dep_ == "det" for c in head.children):
            # "a New Hampshire Republican", "the Iowa Democrat": one person described by party
            # or nationality, not the group the word names
            return Speaker(mention, (span.start_char, span.end_char), None, None, None, head.i)
        if name is not None:
            return self._named(mention, span, name.key, self.names.label(name.key) or name.label)
        if (pos(head) == "PROPN" and not head.is_lower and not (
                low in ROLE_NOUNS and any(c.dep_ == "appos" for c in head.children))) or (
                head.text[:1].isupper() and pos(head) in ("NOUN", "X") and head.i > 0
                and (not head.is_sent_start or self.names.of(norm(head.text)))
                and low not in ROLE_NOUNS):
            # (a word opening a sentence counts only as the last word of a known name: "Timmons
            # told police he fired", the tagger reading "Timmons" as a plural, not "Officials said")
            # (a capitalised title with a name set beside it is no name: "The United Nations
            # Secretary-General, Antonio Guterres,")
            # a name the entity recogniser missed: same last word as a known name, else the
            # first word of one ("Tedros" of "Tedros Adhanom Ghebreyesus"), else as is
            key = norm(head.text)
            if not self.names.of(key) and not any(c.dep_ in ("compound", "poss") for c in head.children):
                key = self.names.opened.get(key, key)  # (a lone word: not "Monday's Morning Email")
            known = self.names.fullest(key, None)
            label = known.label if known else None
            return self._named(mention, span, key, label, fallback=_propn_chain(head))
        if low in PERSON_PRONOUNS:
            return self._pronoun(mention, span, sent, head, persons_only=True)
        if low in GROUP_PRONOUNS:
            return self._pronoun(mention, span, sent, head, persons_only=False)
        if age_word(head) and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            # "..., said the 29-year-old": the person just written about, as "he" would be
            return self._pronoun(mention, span, sent, head, persons_only=True)
        if head.tag_ in ("NNS", "NNPS") and pos(head) == "NOUN":
            # "other Asian leaders", "some officials": several people, never one named person
            return Speaker(mention, (span.start_char, span.end_char), None, None, None, head.i)
        if lemma(head) in DOCUMENT_NOUNS:
            # "..., the statement said": the words are its issuer's, the document relays them
            issuer = _issuer(head)
            if issuer is not None:
                found = self.resolve(issuer, self.names.sent_of[issuer.i])
                # an issuer with no name of its own is named by its words ("the coast guard")
                name = found.name or (_strip_det(mention_span(issuer)) if pos(issuer) in ("NOUN", "PROPN")
                                      and lemma(issuer) not in ROLE_NOUNS else None)
                if name:
                    return Speaker(mention, (span.start_char, span.end_char), name, found.label,
                                   found.role, found.token, document=mention)
            elif any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
                # "The document also says ...", "the statement added": the one quoted just before
                earlier = self._recent_document(sent)
                if earlier is not None:
                    return Speaker(mention, (span.start_char, span.end_char), earlier.name, earlier.label,
                                   earlier.role, earlier.token, document=mention)
        owner = _press_office_owner(head)
        if owner is not None:
            # "the press service of the Defence Ministry", "the Kremlin's press office": the
            # organisation speaks through it
            found = self.resolve(owner, sent)
            if found.name:
                return Speaker(mention, (span.start_char, span.end_char), found.name, found.label, None, found.token)
        organisation = self._organisation(head)
        if organisation is not None:
            return Speaker(mention, (span.start_char, span.end_char), organisation.text, "ORG", None,
                           organisation.start)
        named = _apposed_name(head, self.names)
        if named is not None:
            label = "PERSON" if _person_by_role(head, named) else self.names.label(named.key) or named.label
            return self._named(mention, span, named.key, label)
        if lemma(head) in ROLE_NOUNS or head.lower_ in ROLE_NOUNS:
            # "one senior official" ("one" is a number to the parser) and "its vice president"
            # (someone of theirs, not the person named with that title) are nobody known
            indefinite = any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "another", "one", "some")
                             or c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in head.children)
            definite = not indefinite and (any(c.dep_ in ("det", "poss") for c in head.children)
                                           or any(c.dep_ == "amod" for c in head.children))
            if definite:
                found = self._role(head, sent)
                if found is not None:
                    return Speaker(mention, (span.start_char, span.end_char), found.name, found.label,
                                   found.role, found.token)
        return Speaker(mention, (span.start_char, span.end_char), None, None, None, head.i)

    def _recent_document(self, sent: int, reach: int = 3) -> Speaker | None:
        """The speaker of the statement just before, when a document relayed it and it was at most
        ``reach`` sentences before (with someone else in between, "the document" is unclear)."""
        if not self.previous:
            return None
        prev_sent, sp = self.previous[-1]
        return sp if sp.document and sp.name and sent - prev_sent <= reach else None

    def _named(self, mention: str, span: Span, key: str, label: str | None,
               fallback: str | None = None) -> Speaker:
        if label == "ORG":
            # every capitalised word and place of an organisation's mention, so that "Russia's
            # defence ministry" and "Ukraine's defence ministry" keep apart
            words = [t.text for t in span if (t.text[:1].isupper() or t.ent_type_ in ("GPE", "NORP"))
                     and not t.is_stop and t.is_alpha]
        else:
            words = [t.text for t in span if t.text[:1].isupper() and t.lower_ not in TITLES
                     and lemma(t) not in ROLE_NOUNS and t.ent_type_ in ("PERSON", "")]
        full = self.names.fullest(key, label if label != "PERSON" else "PERSON", words, span.start)
        name = full.text if full is not None else (fallback or mention)
        written_role = None
        if label in ("PERSON", None, "ORG") and len(name.split()) == 1:
            found = _longest_written(doc_text(self.doc), name)
            if found is not None and (label != "ORG" or found[1]):
                # "Foreign Minister Elena Varga" written somewhere: a person, whatever the
                # recogniser made of the lone surname
                name, written_role = found
                if written_role:
                    label = "PERSON"
        if label is None and full is not None:
            label = full.label
        role = self.names.role(key) if label in ("PERSON", None) else None
        if role is None and label in ("PERSON", None):
            role = _role_text([t for t in span if t.dep_ in ("compound", "amod", "nmod", "poss")
                               and t.ent_type_ != "PERSON"]) or written_role
        return Speaker(mention, (span.start_char, span.end_char), name, label, role, span.root.i)

    def _pronoun(self, mention: str, span: Span, sent: int, head: Token, persons_only: bool) -> Speaker:
        """He/she: the previous speaker if near, else the closest person before; it/they: the
        closest organisation, place or group speaker."""
        wanted = {"PERSON"} if persons_only else {"ORG", "GPE", "NORP"}
        gender = pronoun_gender(head.text)

        def fits(key: str) -> bool:
            """Not a person the text makes the other gender ("she" is never "Mr. Smith")."""
            other = self.names.gender(key)
            return gender is None or other is None or other == gender

        # a subject earlier in the same sentence ("Erdogan ... , he said")
        for n in reversed(self.names.names):
            if n.sent == self.names.sent_of[head.i] and n.end <= head.i and not n.quoted \
                    and (n.is_subject or self.doc[n.end - 1].dep_ == "poss" or
                         (n.end < len(self.doc) and self.doc[n.end].tag_ == "POS")) \
                    and self.names.label(n.key) in wanted and fits(n.key):
                return self._from_name(mention, span, n)
        if persons_only:
            # the subject of the sentence right before, when no one spoke since it began ("Trump
            # almost seemed to agree. '...,' he said" after Pena Nieto spoke): the newest person
            # the text put forward, not the previous speaker
            last_spoke = max((prev_sent for prev_sent, _ in self.previous), default=-1)
            for n in reversed(self.names.names):
                if n.sent == sent - 1 and n.sent > last_spoke and not n.quoted \
                        and _subject_of_main_clause(self.doc[n.start:n.end]) \
                        and self.names.label(n.key) == "PERSON" and fits(n.key) \
                        and self.names.mention_gender(n) in (None, gender):
                    return self._from_name(mention, span, n)
        for prev_sent, sp in reversed(self.previous):
            if sent - prev_sent > 4:
                break
            if persons_only and sp.name and (not fits(norm(sp.name.split()[-1])) or
                                             gender and gender_of(sp.name.split()) not in (None, gender)):
                continue  # (the speaker's full name may tell where the family name cannot)
            if sp.name and sp.label in wanted:
                return Speaker(mention, (span.start_char, span.end_char), sp.name, sp.label, sp.role, sp.token)
            if sp.name and persons_only and sp.label is None:
                return Speaker(mention, (span.start_char, span.end_char), sp.name, sp.label, sp.role, sp.token)
            if not persons_only and sp.name is None and sp.mention:
                break
        if not persons_only:
            # "it said": an organisation mentioned as a subject just before
            for n in reversed(self.names.names):
                if n.end > head.i or n.quoted:
                    continue
                if n.sent < sent - 2:
                    break
                if self.names.label(n.key) in wanted and n.is_subject:
                    return self._from_name(mention, span, n)
            # a relay noun subject ("the presidency said ... It said")
            for prev_sent, sp in reversed(self.previous):
                if sent - prev_sent > 2:
                    break
                return Speaker(mention, (span.start_char, span.end_char), sp.name or sp.mention, sp.label,
                               sp.role, sp.token)
            return Speaker(mention, (span.start_char, span.end_char), None, None, None, head.i)
        best = None
        for n in reversed(self.names.names):
            if n.end > head.i or n.quoted:
                continue
            if sent - n.sent > 5:
                break
            if self.names.label(n.key) != "PERSON" or not fits(n.key):
                continue
            if gender and self.names.mention_gender(n) not in (None, gender):
                continue
            if gender and " " not in n.text:
                # a family name alone, which two people share ("Clinton"): the one of the
                # pronoun's gender named last, rather than whoever was
                full = self.names.fullest(n.key, "PERSON", before=head.i)
                if full is not None and self.names.mention_gender(full) not in (None, gender):
                    full = next((m for m in reversed(self.names.of(n.key)) if m.start < head.i and not m.quoted
                                 and " " in m.text and self.names.mention_gender(m) == gender), None)
                    if full is None:
                        continue
                    n = full
            if best is None or (n.sent == best.sent and n.is_subject and not best.is_subject):
                best = n if best is None or n.sent == best.sent else best
        if best is not None:
            return self._from_name(mention, span, best)
        return Speaker(mention, (span.start_char, span.end_char), None, None, None, head.i)

    def _organisation(self, head: Token) -> _Name | None:
        """"The ministry added ...": the closest organisation named before, outside quotations,
        whose name holds that word ("Russia's Defense Ministry"); None for an indefinite or
        owned mention ("a ministry", "its agency") or when no such name comes before."""
        if not head.is_lower or head.tag_ not in ("NN", "NNP") or lemma(head) in ROLE_NOUNS or not _definite(head) \
                or any(c.dep_ in ("poss", "compound", "amod") for c in head.children):
            return None
        word = norm(head.text)
        for n in reversed(self.names.names):
            if n.end <= head.i and not n.quoted and self.names.label(n.key) == "ORG" \
                    and _head_word(n.text) == word:
                # not when another one was brought in since ("the trade group ..., the group said")
                between = self.doc[n.end:head.i]
                if any(norm(t.text) == word and any(c.dep_ in ("amod", "compound", "poss") or c.lower_ in ("a", "an")
                                                    for c in t.children) for t in between):
                    return None
                return n
        return None

    def _from_name(self, mention: str, span: Span, n: _Name) -> Speaker:
        full = self.names.fullest(n.key, n.label, n.text.split(), n.start + 1)
        label = self.names.label(n.key) or n.label
        role = self.names.role(n.key) if label == "PERSON" else None
        return Speaker(mention, (span.start_char, span.end_char), full.text if full else n.text, label,
                       role, n.start)

    def _role(self, head: Token, sent: int) -> Speaker | None:
        """The closest earlier person whose title shares the role noun (or a synonym)."""
        noun = lemma(head)
        accepted = ROLE_SYNONYMS.get(noun, set()) | {noun}
        for prev_sent, sp in reversed(self.previous):
            if sent - prev_sent > 2:
                break
            last_word = norm(sp.mention.split()[-1].strip(".,")) if sp.mention.split() else ""
            if sp.name is None and last_word.rstrip("s") == noun.rstrip("s"):
                # "A senior official told Reuters ... The official said": the same unnamed
                # speaker, not the last person named before
                return sp
        nationality = None
        for c in head.children:
            if c.dep_ in ("amod", "compound", "poss") and (c.ent_type_ in ("NORP", "GPE", "ORG")
                                                           or c.text[:1].isupper()):
                nationality = norm(c.text)
        candidates: list[_Name] = [n for n in self.names.names if self.names.label(n.key) == "PERSON"
                                   and n.end <= head.i and not n.quoted]
        if self.names.sent_of[head.i] == 0 and not candidates:
            # a headline or opening line names the role before the article names the person
            # ("..., says Russian foreign minister"): the first person with that title after it
            candidates = list(reversed([n for n in self.names.names if self.names.label(n.key) == "PERSON"
                                        and n.start > head.i and n.sent <= 3 and not n.quoted]))
        # (an age is no qualification of the post: "the 55-year-old spokesman")
        modified = any(c.dep_ in ("amod", "compound", "nmod") and not age_word(c) for c in head.children)
        # (someone's post, "Cameron's spokesman", is held by someone else than its holder)
        bare_post = noun in _POSTS and not modified and not any(c.dep_ == "poss" for c in head.children)
        if bare_post:
            # "Rubio sought to ... Walking in, the senator said": a bare post right after a
            # sentence about an untitled person is that person's, before anyone titled so earlier
            subject = self._untitled_subject_before(sent, head.i)
            found = self._from_name(head.text, self.doc[head.i:head.i + 1], subject) if subject is not None else None
            if found is not None and found.name not in {self.previous[k][1].name for k in self.askers}:
                return found  # (not the interviewer who asked the question before)
        titled = []  # the persons whose title holds the role noun, the closest first
        for n in reversed(candidates):
            # (a title the article gives only later is not yet what "the nominee" refers to)
            if n.key not in {t.key for t in titled} and accepted & self._posts_held(n.key, head.i, sent):
                titled.append(n)
        # "the Russian leader": a leader of that nation before the closest leader of none known
        # (a "FIFA leader" named last is not the Russian one when Putin was named before him)
        nations = [self.names.nationality(n.key) for n in titled]
        agreeing = [n for n, their in zip(titled, nations) if nationality and their and _same_nation(nationality, their)]
        unknown = [n for n, their in zip(titled, nations) if not (nationality and their)]
        for n in agreeing[:1] or unknown[:1]:
            full = self.names.fullest(n.key, "PERSON")
            return Speaker(head.text, (head.idx, head.idx + len(head.text)), full.text if full else n.text,
                           "PERSON", self.names.role(n.key), n.start)
        # no title matched but the nationality does ("the Turkish leader")
        if nationality and noun in ("leader", "president", "head", "counterpart", "official", "diplomat"):
            for n in reversed(candidates):
                their = self.names.nationality(n.key)
                if their and _same_nation(nationality, their):
                    full = self.names.fullest(n.key, "PERSON")
                    return Speaker(head.text, (head.idx, head.idx + len(head.text)),
                                   full.text if full else n.text, "PERSON", self.names.role(n.key), n.start)
        # no title matched: "the diplomat said" right after a person spoke is that person; so
        # is "the Turkish president" right after a person the article gave no title or nation
        # ("Erdogan told Russia to ... '...,' the Turkish president said")
        national = any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in head.children)
        if modified and national and noun in _RANKED_ROLES:
            recent = [sp for prev_sent, sp in self.previous
                      if sent - prev_sent <= 2 and sp.label == "PERSON" and sp.name]
            if recent:
                key = norm(recent[-1].name.split()[-1])
                if self.names.role(key) is None and self.names.nationality(key) is None:
                    return recent[-1]
            elif noun in ("diplomat", "leader"):
                # nobody spoke just before: the person the sentence before is about ("Lavrov met
                # his counterpart. '...,' the Russian diplomat stressed"); a post ("the American
                # ambassador") more often brings in someone new
                subject = self._untitled_subject_before(sent)
                if subject is not None:
                    return self._from_name(head.text, self.doc[head.i:head.i + 1], subject)
        if not modified and (noun in ROLE_SYNONYMS or noun in ("diplomat", "leader", "official", "minister",
                                                               "president")):
            for prev_sent, sp in reversed(self.previous):
                if sent - prev_sent > 3:
                    break
                if sp.label == "PERSON" and sp.name:
                    return sp
        if bare_post:
            # "Kiper said ... The governor added": a post no one in the article holds, right
            # after a person spoke (not the interviewer who asked), is that person's, named again
            # by what they are; a speaker's sentence is where the statement starts, so two
            # sentences back at most
            last = next((self.previous[k] for k in reversed(range(len(self.previous))) if k not in self.askers), None)
            if last is not None and sent - last[0] <= 2 and last[1].name:
                # (a person may be typed only once, and a full name the recogniser missed not at all)
                person = next((sp for _, sp in reversed(self.previous) if sp.name == last[1].name and (
                    sp.label == "PERSON" or sp.label is None and len(sp.name.split()) > 1)), None)
                # (not someone the article gave another post: "John Smith, a lawyer for the
                # family, said ... The mayor said" brings in the mayor)
                if person is not None and not self._holds_other_post(person, accepted, head.i, sent):
                    return person
        return None

    def _posts_held(self, key: str, before: int, sent: int) -> set[str]:
        """The role nouns of the person with this last word: the words of their written role
        (given before token ``before``, past the headline) and the posts of their titles."""
        role = (self.names.role(key, before=before if sent > 0 else None) or "").lower()
        words = {w.strip(".,") for w in role.replace("-", " ").split()}
        lemmas = {w[:-1] if w.endswith("s") and w[:-1] in ROLE_NOUNS else w for w in words}
        return lemmas | self.names.titled_posts(key, before)

    def _holds_other_post(self, speaker: Speaker, accepted: set[str], before: int, sent: int) -> bool:
        """Whether the article gave this speaker a post, and none of the ``accepted`` ones."""
        held = self._posts_held(norm(speaker.name.split()[-1]), before, sent) & ROLE_NOUNS
        return bool(held) and not held & accepted


    def _untitled_subject_before(self, sent: int, before: int | None = None) -> "_Name | None":
        """The person the sentence before ``sent`` is about (its main clause's subject), when the
        article gave them no title or nation (up to token ``before``, when given)."""
        for n in reversed(self.names.names):
            if n.sent == sent - 1 and not n.quoted and self.names.label(n.key) == "PERSON" \
                    and _subject_of_main_clause(self.doc[n.start:n.end]) \
                    and self.names.role(n.key, before) is None and self.names.nationality(n.key) is None \
                    and not (before is not None and self.names.titled_posts(n.key, before)):
                return n
        return None


# role nouns that name one post, held by one person in a story (not "official" or "expert")
_POSTS = frozenset("governor mayor ambassador envoy chairman chairwoman commander general director chief "
                   "prosecutor premier chancellor senator spokesman spokeswoman spokesperson secretary "
                   "negotiator".split())
# role nouns that name one person of a nation ("the Russian diplomat", "the Turkish president"),
# unlike "official" or "source", which many hold
_RANKED_ROLES = frozenset("leader president minister premier chancellor diplomat envoy ambassador spokesman "
                          "spokeswoman".split())


def _opens_sentence(name: Span) -> bool:
    """For a sentence without a parse: whether a name opens it, after its written title only
    ("President Mark Ellison seemed to agree"), and is no possessive: in news writing, most
    likely the subject of its main verb."""
    doc = name.doc
    first = doc[name.start].sent.start
    if first < name.start:
        _, title = _written_title(name)
        if not title or title[0].i != first or title[-1].i != name.start - 1:
            return False  # ("The Cruz campaign", "But Trump", "Like Makaeff, Roffman ...")
    after = doc[name.end: name.end + 4]
    # a possessive, or a name that only qualifies the next one ("Clinton spokeswoman Jennifer
    # Palmieri", "Sanford police officer Timothy Smith")
    return not (len(after) and after[0].lower_ in ("'s", "’s")) and \
        not any(t.ent_type_ == "PERSON" for t in after)


def _subject_of_main_clause(name: Span) -> bool:
    """Whether a name is the subject of its sentence's main verb ("Ban demurred"), not of a
    clause inside it ("Asked whether Trump could be president, Ban demurred"); in a sentence
    without a parse, whether it opens the sentence."""
    if not name.root.tag_:
        return _opens_sentence(name)
    root = name.root
    if root.dep_ == "appos":
        # "Nato's secretary general, Jens Stoltenberg, called ...": the name beside the subject,
        # also where the parser made the subject the sentence's root and the verb its clause
        name_root, root = root, root.head
        if root.dep_ == "ROOT" and pos(root) in ("NOUN", "PROPN"):
            return any(c.dep_ == "acl" and c.tag_ in ("VBD", "VBZ", "VBP")
                       for c in list(root.children) + list(name_root.children))
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = root.head
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


def _apposed_name(head: Token, names: "NameIndex") -> "_Name | None":
    """The person named beside a common-noun speaker: "the Democratic candidate Hillary
    Clinton", "a lawyer for the outlets, David Schulz,"."""
    for child in head.children:
        if child.dep_ in ("appos", "compound", "flat") and child.i > head.i:
            n = names.at(child)
            if n is not None and (n.label == "PERSON" or _person_by_role(head, n)):
                return n
    # "Poland's envoy to the United Nations, Ann Lee,": the parser hangs the name on the
    # organisation or place ending the role (not on a person: in "an adviser to the president,
    # Ann Lee," she is the president)
    for prep in (c for c in head.children if c.dep_ == "prep" and c.i > head.i):
        for place in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("ORG", "GPE")):
            for child in place.children:
                n = names.at(child) if child.dep_ == "appos" else None
                if n is not None and (n.label == "PERSON" or _person_by_role(head, n)):
                    return n
    return None


def _head_word(name: str) -> str | None:
    """The word an organisation's name is a kind of: its last word, or the last before "of",
    "for" or "on" ("Defense Ministry", "Board of Elections", "Observatory for Human Rights");
    None for a name of more than five words (a headline the recogniser took for a name)."""
    words = name.split()
    if len(words) > 5:
        return None
    cut = next((k for k, w in enumerate(words) if k and w.lower() in ("of", "for", "on")), len(words))
    return norm(words[cut - 1])


def _person_by_role(role: Token, n: "_Name") -> bool:
    """Whether a name the recogniser took for a place or an organisation is a person's, set in
    apposition to a person's role: "Russia's envoy to the UN, Vassily Nebenzia," (the small
    model tags many unfamiliar two-word names GPE or ORG)."""
    return n.label in ("GPE", "ORG") and (lemma(role) in ROLE_NOUNS or role.lower_ in ROLE_NOUNS) \
        and 2 <= len(n.text.split()) <= 3 and all(w[:1].isupper() for w in n.text.split())


# capitalised words that open a sentence rather than a name ("But Rubio", "Maybe Trump"); not
# "Will" or "May", which are names too
_SENTENCE_OPENERS = (STOP_WORDS - {"will", "may"}) | {"maybe", "perhaps", "meanwhile", "instead", "indeed", "today",
                                                       "yesterday", "now", "still", "later", "earlier"}


def _longest_written(text: str, surname: str) -> tuple[str, str | None] | None:
    """The longest capitalised run ending in ``surname`` in the text, titles and roles cut off
    ("Turkish President Recep Tayyip Erdogan" -> "Recep Tayyip Erdogan", role "Turkish
    President"): the full name where the entity recogniser did not run or did not see it."""
    best, role = None, None
    pattern = r"((?:[A-Z][\w’'.-]*\s+){1,5})" + re.escape(surname) + r"\b"
    for m in re.finditer(pattern, text):
        words = m.group(1).split()
        cut = 0
        for i, w in enumerate(words):
            low = w.lower().strip(".")
            if low in ROLE_NOUNS or low in TITLES or low in _SENTENCE_OPENERS or w.endswith(("’s", "'s")) \
                    or (w.endswith(".") and len(low) > 2 and low + "." not in TITLES):
                # (a capitalised word that opens the sentence, "But Rubio's", or one that ends
                # the sentence before, "on Monday. Rubio", is no given name)
                cut = i + 1
        titles = [w for w in words[:cut] if w.lower() not in ("the", "a", "an")]
        words = words[cut:]
        if words and (best is None or len(words) + 1 > len(best.split())):
            best = " ".join(words + [surname])
            if any(w.lower().strip(".") in ROLE_NOUNS for w in titles) and not any(w.endswith(("’s", "'s"))
                                                                                for w in titles):
                role = " ".join(titles)
    return (best, role) if best else None


def _strip_det(span: Span) -> str:
    words = list(span)
    while words and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    return span.doc[words[0].i: words[-1].i + 1].text if words else span.text


def _same_nation(a: str, b: str) -> bool:
    """Whether two nationality words agree ("turkish" and "turkey", "russian" and "russia")."""
    a, b = a.lower(), b.lower()
    stem = min(len(a), len(b), 4)
    return a[:stem] == b[:stem]


def _propn_chain(head: Token) -> str:
    """The proper-noun words ending at ``head`` ("Hulusi Akar")."""
    doc = head.doc
    i = head.i
    while i > 0 and pos(doc[i - 1]) == "PROPN" and doc[i - 1].lower_ not in TITLES \
            and lemma(doc[i - 1]) not in ROLE_NOUNS and doc[i - 1].lower_ not in _SENTENCE_OPENERS:
        i -= 1
    return _clean_name(doc[i: head.i + 1].text)


def _issuer(noun: Token) -> Token | None:
    """Who issued the document ``noun`` names: its own owner ("the Kremlin readout", "the
    ministry's statement", "a statement from the ministry") or, for a bare "the statement",
    the subject of the last sentence before it that issued one of that kind ("the ministry said
    in a statement", "the embassy released a statement"); ``None`` when the text does not say."""
    own = _owner(noun)
    if own is not None or not _definite(noun):
        return own
    for tok in reversed(noun.doc[:noun.i]):
        if lemma(tok) != lemma(noun):
            continue
        found = _owner(tok)
        if found is None:
            verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "through", "via") else \
                tok.head if tok.dep_ == "dobj" and lemma(tok.head) in ISSUING_VERBS else None
            found = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if found is not None:
            return found
        if not _definite(tok):
            return None  # the last statement introduced names no issuer the parse can find
    return None


def _definite(noun: Token) -> bool:
    """Whether a noun is taken up again with "the" ("the statement", "the ministry")."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _owner(noun: Token) -> Token | None:
    """The issuer a document noun names itself: a possessor, a proper-noun modifier, or the
    object of "from" / "by"."""
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS:
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by"):
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    for c in noun.children:
        if c.i < noun.i and c.dep_ != "det" and c.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL") \
                and (pos(c) == "PROPN" or c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")):
            return c  # "the Kremlin readout" (the parser may hang "Kremlin" as a compound or a subject)
    return None


def is_relay(speaker: Speaker, head: Token | None) -> bool:
    """Whether a speaker is a document, an office or a medium ("the Kremlin readout")."""
    words = speaker.mention.lower().replace("’", "'").split()
    if head is not None and lemma(head) in RELAY_NOUNS:
        return True
    return bool(words) and words[-1].strip(".,") in RELAY_NOUNS
