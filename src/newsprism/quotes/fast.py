"""The fast route: run spaCy's parser and entity recogniser only where a quote is possible.

A sentence can hold a quote only if it has a quotation mark or a word of saying ("said",
"according", "told" ...). Sentences are first found by spaCy's rule-based sentencizer; runs of
such candidate sentences are processed by the statistical pipeline (without the lemmatizer and
attribute ruler, whose output the rules replace with ``cues.lemma``/``cues.pos``), and the pieces
are put back into one Doc over the whole text, so that offsets stay those of the text and the
same extraction rules run as in the component. The rest of the text is only tokenized.
"""
from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, SENT_START, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from newsprism.quotes.attribution import Settings, token_quotations, extract
from newsprism.quotes.marks import QuoteMarks, find_quotations
from newsprism.quotes.component import DEFAULT_MODEL
from newsprism.quotes.cues import LEMMAS, NAMING_AS_VERBS, ROLE_NOUNS, SPEECH_NOUN_FORMS, SPEECH_VERBS, answers_back
from newsprism.quotes.records import Quote, plain_text, straight_apostrophes

# Forms of speech verbs that are mostly something else ("the state", "a point", "his post") or
# rarely report speech on their own: a sentence whose only trigger is one of these held a gold
# attribution cue less than 15% of the time in the PolNeAR training split (and they make a fifth
# of the parsed text), so they alone do not make a sentence worth parsing. A quotation in the
# sentence still does.
WEAK_TRIGGERS = frozenset("""
accused accusing advised advising agree agreed call challenge challenges challenging charge charged
charges continuing counter criticized criticizing cry estimated estimates express expressed forecast
indicated point pointing points post posts praise praised question questioning questions reject
rejected signal signaled speak speaking speaks spoke spoken state states talk talked talking touted
tweet tweets via voice voices wonder
""".split())
# words that make a sentence worth parsing: every form of a speech verb and of a noun of saying,
# and a few more
TRIGGERS = frozenset(
    [form for form, verb in LEMMAS.items() if verb in SPEECH_VERBS | {"speak", "talk", "quote", "cite"}]
    + ["according", "via"] + list(SPEECH_NOUN_FORMS)
) - WEAK_TRIGGERS - {form for form, verb in LEMMAS.items() if verb in NAMING_AS_VERBS}
QUOTE_CHARS = set("\"“”«»„‘’'`")
REFERRING = frozenset(["he", "she", "they", "it", "his", "her"]) | ROLE_NOUNS
_ATTRS = [TAG, HEAD, DEP, ENT_IOB, ENT_TYPE]


@lru_cache(maxsize=2)
def fast_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The packaged model without lemmatizer and attribute ruler, with paragraph breaks and the
    entity types set right from the words around them (``entities.context``)."""
    import spacy

    import newsprism.quotes.component  # noqa: F401  (registers the components)

    from newsprism.quotes.component import adapt_tokenizer

    import newsprism.entities.context  # noqa: F401  (registers newsprism_entity_context)

    nlp = adapt_tokenizer(spacy.load(model, exclude=["lemmatizer", "attribute_ruler"]))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsprism_paragraph_breaks", before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("newsprism_entity_context", after="ner")
    return nlp


_SENTENCIZER = Sentencizer()


def candidate_regions(doc: Doc, quotations: list[QuoteMarks] | None = None,
                      with_names_before: bool = True) -> list[tuple[int, int]]:
    """Token ranges (start, end) of the runs of sentences where a quote is possible: a word of
    saying outside quotation marks, or a quotation of three words or more with words of the
    sentence outside it (a sentence wholly inside a quotation has no cue to parse).
    ``with_names_before`` adds the sentence before one that refers back ("he", "the minister"),
    for its names to be recognised (not needed when the entities of the whole text are known)."""
    quotations = find_quotations(doc.text) if quotations is None else quotations
    in_quote = token_quotations(doc, quotations)
    _SENTENCIZER(doc)
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text:
            tok.is_sent_start = True
    regions: list[list[int]] = []
    sents = [s for s in doc.sents if not all(t.is_space for t in s)]
    for k, sent in enumerate(sents):
        outside = [t for t in sent if in_quote[t.i] < 0 and not t.is_punct and not t.is_space]
        hit = any(t.lower_ in TRIGGERS or answers_back(t) or _puts_it(t) or _in_words(t) or _expresses_that(t)
                  or _names_as(t) for t in outside) or (bool(outside) and any(
            in_quote[t.i] >= 0 and quotations[in_quote[t.i]].words >= 3 for t in sent)) or _announces_block(sent)
        if not hit:
            continue
        start = sent.start
        # a speaker named only as "he" or "the minister" needs the sentence before, where the
        # name usually is, to go through the entity recogniser too
        if with_names_before and k > 0 and any(t.lower_ in REFERRING for t in sent) and not (regions and regions[-1][1] >= sents[k - 1].start):
            start = sents[k - 1].start
        if regions and regions[-1][1] >= start:
            regions[-1][1] = sent.end
        else:
            regions.append([start, sent.end])
    return [(a, b) for a, b in regions]


def _puts_it(tok) -> bool:
    """Whether a word is the "put it" of "as X put it" (a cue made of a verb that is no verb of
    saying by itself)."""
    return tok.lower_ in ("put", "puts") and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "it"


def _expresses_that(tok) -> bool:
    """Whether a word is the "expressed" of "expressed hope (concern, confidence) that ...": a
    weak trigger on its own, a report of what someone said with a clause after it."""
    if tok.lower_ not in ("express", "expressed", "expresses", "expressing"):
        return False
    return any(t.lower_ == "that" for t in tok.doc[tok.i + 1: tok.i + 6])


def _names_as(tok) -> bool:
    """Whether a word is a verb that reports words only in "V X as Y" ("portrayed the deal as a
    'betrayal'", "referred to him as 'Chris'") with an "as" after it: alone, "paint", "hail" or
    "referring" are too common to make a sentence worth parsing."""
    if LEMMAS.get(tok.lower_) not in NAMING_AS_VERBS:
        return False
    return any(t.lower_ == "as" for t in tok.doc[tok.i + 1: tok.i + 12])


def _in_words(tok) -> bool:
    """Whether a word is the "words" of "in his words" or "in the words of" (a cue with no verb)."""
    doc = tok.doc
    return tok.lower_ == "words" and 1 < tok.i < len(doc) - 1 and (
        doc[tok.i - 2].lower_ == "in" or doc[tok.i - 3: tok.i - 2].text.lower() == "in" or doc[tok.i + 1].lower_ == "of")


def _announces_block(sent) -> bool:
    """Whether a sentence ends its paragraph with a colon ("Trump issued the following
    statement:"), announcing a statement set off below it."""
    words = [t for t in sent if not t.is_space]
    if not words or words[-1].text != ":":
        return False
    colon = words[-1]
    after = colon.doc[colon.i + 1].text if colon.i + 1 < len(colon.doc) else ""
    return "\n" in colon.whitespace_ + after


def annotate(text: str, nlp: Language | None = None, entities: Doc | None = None) -> Doc:
    """A Doc over ``text`` whose candidate regions carry tags, parse and entities.

    ``doc.user_data["newsprism_parsed"]`` lists the parsed token ranges; elsewhere every
    sentence is a flat tree (heads on its first token) with the label ``dep``.
    ``entities``, a Doc of the same text from a pipeline with the same tokenizer that already
    ran its entity recogniser over the whole text (as the entity-mention pass does), gives the
    entities everywhere, and the recogniser is not run again on the regions.
    """
    nlp = nlp or fast_pipeline()
    text = plain_text(text)
    if entities is not None and entities.text != text:
        entities = None  # not this text: its entities cannot be laid over these tokens
    if entities is None:
        doc = nlp.make_doc(text)
        words, spaces = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
    else:  # the same tokenizer already ran: its words, without tokenizing again
        words, spaces = [t.text for t in entities], [bool(t.whitespace_) for t in entities]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
    quotations = find_quotations(text)
    regions = candidate_regions(doc, quotations, with_names_before=entities is None)
    parsed = _ATTRS if entities is None else _ATTRS[:3]
    # fresh Docs from the words are cheaper than Span.as_doc, which copies every attribute
    model_words = [straight_apostrophes(w) for w in words]
    entity_pipes = [p for p in ("ner", "newsprism_entity_context") if p in nlp.pipe_names]
    with nlp.select_pipes(disable=entity_pipes if entities is not None else []):
        pieces = list(nlp.pipe(Doc(doc.vocab, words=model_words[a:b], spaces=spaces[a:b]) for a, b in regions))
    arr = numpy.zeros((len(doc), len(_ATTRS)), dtype="uint64")
    vocab = doc.vocab
    dep_label, root_label, outside = vocab.strings.add("dep"), vocab.strings.add("ROOT"), 2
    # unparsed sentences: a flat tree each (heads on the first token), so that sentence
    # boundaries survive; heads are stored relative, as spaCy stores them
    index = numpy.arange(len(doc), dtype="int64")
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1)
    head = starts[numpy.searchsorted(starts, index, side="right") - 1]
    arr[:, 1] = (head - index).view("uint64")
    arr[:, 2] = numpy.where(head == index, root_label, dep_label)
    arr[:, 3] = outside
    for (a, b), piece in zip(regions, pieces):
        arr[a:b, :len(parsed)] = piece.to_array(parsed)
    if entities is not None:
        arr[:, 3:] = entities.to_array(_ATTRS[3:])
    out = Doc(vocab, words=words, spaces=spaces)
    out.from_array(_ATTRS, arr)
    out.user_data["newsprism_parsed"] = regions
    out.user_data["newsprism_quotations"] = quotations
    return out


def analyse(text: str, nlp: Language | None = None, settings: Settings | None = None,
            entities: Doc | None = None) -> list[Quote]:
    """The quotes of ``text`` by the fast route (offsets into ``text``); ``entities`` as in
    ``annotate``."""
    doc = annotate(text, nlp, entities)
    return extract(doc, settings, doc.user_data.pop("newsprism_quotations", None))
