"""Entity types the words around a name contradict, set right: a spaCy component to add after
"ner" (``newsprism_entity_context``).

The small English model types some place names by their sound: "Hama" in "a portion of Latakia,
Hama, and Aleppo provinces" comes out an organisation, "Nur-Sultan" in "the Kazakh capital Astana
(now named Nur-Sultan)" a person. The text itself says what they are, and four readings of
the words (no parse needed) catch it:

* a name followed by a place noun in lower case ("Hama province"), or one of a list of names
  that ends on one ("Latakia, Hama, and Aleppo provinces"), is a place;
* a name given as the new or old name of another ("now named", "renamed", "formerly known as")
  is the same kind of thing as that other;
* a name of two to four capitalised words right after a news outlet's possessive ("Al Jazeera's
  Sinem Koseoglu", which the model calls an organisation or a place, or runs into the outlet's
  name) is a person: the outlet's reporter;
* a "place" of one word shaped like a nationality ("Kazakh" of "the Kazakh capital", words ending
  in -ian, -ese or -ish) is a nationality.

No library does this: spaCy's ``EntityRuler`` matches fixed patterns, not a type borrowed from
a neighbouring entity.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.entities.mentions import ORG_WORDS
from newsprism.metadata.outlets import outlet_by_name

# the nouns that make the name before them a place ("Hama province", "Kherson and Zaporizhzhia regions")
PLACE_NOUNS = frozenset("""
province provinces region regions governorate governorates district districts oblast oblasts
city cities town towns village villages county counties
""".split())
# the types a place noun or a renaming corrects; a place the model already found stays as it is
_CORRECTABLE = frozenset(["PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"])
_NAMED_TYPES = frozenset(["GPE", "LOC", "FAC", "ORG", "PERSON"])
# the words that give a thing's other name right before it (longest first)
_RENAMINGS = [tuple(words.split()) for words in (
    "now known as", "formerly known as", "also known as", "later renamed", "now renamed", "now named",
    "now called", "formerly named", "formerly called", "later named", "renamed")]
# nationality words no place is named by: the endings of most, and the others the model takes
# for places (no country or city of more than four letters ends in -ian, -ese or -ish; "Kish" does)
_NATIONALITY_ENDINGS = ("ian", "ese", "ish")
_NATIONALITIES = frozenset("kazakh uzbek tajik kyrgyz azeri afghan thai greek dutch french czech swiss".split())
# how far a list of names may run before its place noun ("Latakia, Hama, and Aleppo provinces")
_LIST_REACH = 10


@Language.component("newsprism_entity_context")
def entity_context(doc: Doc) -> Doc:
    """Retype the entities whose neighbouring words say what they are (see the module)."""
    ents: list[Span] = []
    changed = False
    for ent in doc.ents:
        pieces = _outlet_and_reporter(ent)
        if pieces is not None:
            ents.extend(pieces)
            changed = True
            continue
        label = _type_from_words(doc, ent, ents)
        if label is not None and label != ent.label_:
            ent = Span(doc, ent.start, ent.end, label=label)
            changed = True
        ents.append(ent)
    if changed:
        doc.ents = ents
    return doc


_POSSESSIVE = ("'s", "’s", "'", "’")


def _outlet_and_reporter(ent: Span) -> list[Span] | None:
    """An outlet and its reporter that the model ran into one name ("Al Jazeera's Sinem
    Koseoglu"): the two, split at the possessive; None for any other entity."""
    for tok in ent[1:-1]:
        if tok.text in _POSSESSIVE and outlet_by_name(ent.doc[ent.start:tok.i].text) is not None \
                and _reads_as_a_name(ent.doc[tok.i + 1:ent.end]):
            return [Span(ent.doc, ent.start, tok.i, label="ORG"), Span(ent.doc, tok.i + 1, ent.end, label="PERSON")]
    return None


def _reads_as_a_name(words: Span) -> bool:
    """Two to four capitalised words, none of them an organisation's or a place's word."""
    return 2 <= len(words) <= 4 and all(_capital_initial(t) for t in words) and not any(
        t.lower_ in ORG_WORDS or t.lower_ in PLACE_NOUNS for t in words)


def _after_an_outlet(doc: Doc, ent: Span, before: list[Span]) -> bool:
    """Whether ``ent`` follows a news outlet's possessive ("Al Jazeera's", "Reuters'")."""
    previous = before[-1] if before else None
    if previous is None or previous.end not in (ent.start, ent.start - 1):
        return False
    outlet = doc[previous.start:ent.start]
    if outlet[-1].text not in _POSSESSIVE:
        return False
    return outlet_by_name(outlet[:-1].text) is not None


def _type_from_words(doc: Doc, ent: Span, before: list[Span]) -> str | None:
    """The type the words around ``ent`` give it; None when they say nothing."""
    if ent.label_ in ("ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT") and _after_an_outlet(doc, ent, before) \
            and _reads_as_a_name(ent):
        return "PERSON"
    if ent.label_ == "GPE" and len(ent) == 1 and not ent.text.isupper() and (
            len(ent[0]) > 4 and ent[0].lower_.endswith(_NATIONALITY_ENDINGS) or ent[0].lower_ in _NATIONALITIES):
        return "NORP"
    if ent.label_ not in _CORRECTABLE:
        return None
    listed = _list_before_place_noun(doc, ent)
    # a nationality before a place noun is an adjective ("Syrian cities", "Kurdish and Arab
    # villages"): only one listed with a place the model recognised is a place itself
    if listed is not None and (ent.label_ != "NORP" or any(t.ent_type_ in ("GPE", "LOC") for t in listed)):
        return "GPE"
    return _renamed_from(doc, ent, before)


def _list_before_place_noun(doc: Doc, ent: Span) -> list[Token] | None:
    """The words of the list ``ent`` is in when that list runs, through commas, "and", "or" and
    capitalised words only, to a place noun in lower case ("Latakia, Hama, and Aleppo
    provinces"); None when it does not."""
    def in_list(tok: Token) -> bool:
        return tok.text == "," or tok.lower_ in ("and", "or") or _capital_initial(tok)

    start = ent.start
    while start > 0 and ent.start - start < _LIST_REACH and in_list(doc[start - 1]):
        start -= 1
    for tok in doc[ent.end:ent.end + _LIST_REACH]:
        if tok.lower_ in PLACE_NOUNS and tok.is_lower:
            return list(doc[start:tok.i])
        if not in_list(tok):
            return None
    return None


def _capital_initial(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() or "-" in tok.text and tok.text[:1].isupper()


def _renamed_from(doc: Doc, ent: Span, before: list[Span]) -> str | None:
    """The type of the entity this one renames: "Astana (now named Nur-Sultan)", "Artemivsk,
    renamed Bakhmut", "Bakhmut, formerly known as Artemivsk"."""
    cue = next((c for c in _RENAMINGS if [t.lower_ for t in doc[max(0, ent.start - len(c)):ent.start]] == list(c)),
               None)
    previous = before[-1] if before else None
    if cue is None or previous is None or previous.label_ not in _NAMED_TYPES:
        return None
    between = doc[previous.end:ent.start - len(cue)]
    if len(between) > 2 or not all(t.is_punct for t in between):
        return None  # only "(" or "," between the other name and the renaming
    return previous.label_
