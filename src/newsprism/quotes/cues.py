"""Words that introduce reported speech, and the nouns that name speakers and relays.

Hand-made lists (spaCy ships no reporting-verb lexicon); the verb list was checked against the
cue words of the PolNeAR training split for coverage, no text of it is kept here.
"""
from __future__ import annotations

import re

# Verbs of saying, by lemma: their subject is a speaker and their complement what was said.
SPEECH_VERBS = frozenset("""
say tell add state stress note claim argue explain insist announce declare write tweet post ask
answer reply respond warn urge suggest acknowledge admit confirm deny report continue recall remark
comment observe assert maintain emphasize emphasise underline underscore mention reveal predict
promise pledge vow threaten complain concede conclude caution contend allege testify inform
proclaim repeat reiterate retort counter shout yell scream whisper exclaim cry wonder demand
instruct advise recommend propose agree disagree highlight signal indicate hint imply assure
reassure swear guarantee estimate forecast quote cite read joke quip boast brag lament tout
describe call blast condemn slam criticize criticise accuse praise charge dismiss reject decry
denounce mock question challenge chant express echo voice acknowledge disclose point explain
affirm clarify specify admonish plead beg concur vouch predict muse opine add reckon tweet
elaborate surmise recount interject chide scold grumble marvel gush bemoan bark boom email retweet confess
dub label refer portray paint brand characterize characterise depict herald hail
""".split())

# Verbs that report a retort with "back" right after them ("shot back that ...", "fired back:
# "...""), by their written forms (the fast route runs no lemmatizer)
BACK_VERB_FORMS = frozenset("shot shoots shooting fired fires firing hit hits hitting".split())


def answers_back(tok) -> bool:
    """Whether a word is the verb of "shot back", "fired back", "hit back"."""
    doc = tok.doc
    return tok.lower_ in BACK_VERB_FORMS and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "back"


# Nouns of saying whose clause is what was said, with the speaker as their possessor or "by"
# phrase: "Moscow's claim that ...", "her promise to ...", "warnings by the agency that ...".
SPEECH_NOUNS = frozenset("""
claim assertion allegation accusation contention insistence argument suggestion promise pledge vow
warning prediction assurance denial admission threat
""".split())
# their written forms, singular and plural (the fast route runs no lemmatizer)
SPEECH_NOUN_FORMS = frozenset(SPEECH_NOUNS | {n + "s" for n in SPEECH_NOUNS})


# Speech verbs that only report speech when they have a clause or a quotation as complement
# ("Turkey responded by sending troops" is not speech; "he responded that ..." is).
NEEDS_CLAUSE = frozenset("""
continue respond answer read call describe express question challenge charge point signal voice
dismiss reject mock echo praise criticize criticise accuse blast condemn slam denounce decry
agree disagree concur indicate highlight estimate forecast predict refer portray paint brand
characterize characterise depict herald hail
""".split())
# Verbs that report words only in "V X as 'Y'": what someone was called ("portrayed the deal as a
# 'betrayal'"); "refer" takes a "to" before X. Anywhere else they are no report ("painted the
# house", "referring to the budget"). ("cast X as Y" is as often a film's casting: not here.)
NAMING_AS_VERBS = frozenset("refer portray paint brand characterize characterise depict herald hail".split())

# Verbs whose attribution the PolNeAR-style benchmark counts as "speech cues" (the classic
# reporting verbs). Evaluative verbs such as "blast" or "call" are extracted only when they govern
# a quotation, so they are not in this narrower list.
REPORTING_VERBS = frozenset("""
say tell add state stress note claim argue explain insist announce declare write tweet post ask
answer reply respond warn urge suggest acknowledge admit confirm deny report continue recall remark
comment observe assert maintain emphasize emphasise underline underscore mention reveal predict
promise pledge vow threaten complain concede conclude caution contend allege testify inform
proclaim repeat reiterate retort shout yell exclaim demand propose assure reassure quote cite joke
boast lament disclose affirm
""".split())

# Nouns that name a role a person holds; "the minister" or "the Turkish leader" resolve to the
# closest earlier person whose role shares the noun (or a synonym below).
ROLE_NOUNS = frozenset("""
president minister spokesman spokeswoman spokesperson secretary chairman chairwoman chair leader
ambassador envoy general commander senator governor mayor director chief official diplomat
adviser advisor aide premier chancellor king queen prince emir sheikh candidate nominee lawmaker
congressman congresswoman representative deputy head counterpart negotiator prosecutor judge
attorney lawyer analyst expert professor economist strategist manager founder ceo executive
officer colonel major lieutenant admiral marshal sergeant captain speaker justice pope bishop
imam cleric fm governor-general vice-president spokesmen businessman billionaire nominee mogul treasurer
coordinator commissioner rapporteur ombudsman
""".split())

# Role nouns that stand for one another when resolving "the diplomat" or "the leader".
ROLE_SYNONYMS = {
    "leader": {"president", "premier", "chancellor", "king", "emir", "chairman", "head", "minister"},
    "head": {"president", "chairman", "director", "chief", "leader", "minister"},
    "diplomat": {"minister", "ambassador", "envoy", "diplomat", "secretary"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson", "secretary"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson", "secretary"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson", "secretary"},
    "official": {"minister", "spokesman", "spokeswoman", "spokesperson", "secretary", "official",
                 "ambassador", "envoy", "director", "chief", "aide", "adviser", "advisor"},
    "politician": {"president", "minister", "senator", "governor", "mayor", "lawmaker"},
    "businessman": {"businessman", "billionaire", "mogul", "executive", "ceo", "founder"},
    "nominee": {"nominee", "candidate"},
    "candidate": {"nominee", "candidate"},
    "counterpart": {"president", "minister", "premier", "chancellor", "leader"},
}

# Nouns that name a document, an office or a medium through which words are relayed: their
# clause ("the Kremlin readout said that Putin stressed ...") makes a "via", not a speaker.
RELAY_NOUNS = frozenset("""
readout read-out redout statement communique communiqué report release transcript letter memo
document website site newspaper paper daily agency channel broadcaster outlet television tv radio
presidency office ministry spokesperson's account feed post tweet interview press media
""".split())

# documents that carry their issuer's words ("the statement said"), and the verbs that name the
# issuer as their subject ("the ministry said in a statement", "the Kremlin issued a readout")
DOCUMENT_NOUNS = frozenset("statement readout read-out communique communiqué release declaration letter document".split())
ISSUING_VERBS = frozenset("issue release publish put send sign write circulate post".split())
# verbs that say which outlet passed a statement on ("in a statement carried by Interfax"), and
# the words for what it passed on besides documents
CARRYING_VERBS = frozenset("carry publish broadcast air post release relay".split())
REMARK_NOUNS = frozenset("interview comment remark message".split())

# Verbs that are never the cue of a quotation even when a quotation sits in their complement.
NOT_CUES = frozenset("be have do become seem get make use know".split())

# A dash at the start of a line or after a quotation that names the speaker: "... ” - Name".
# ("- President Obama, tweeting after the speech": a description may follow the name)
LAYOUT_DASH = re.compile(r"^\s*[-–—―]{1,2}\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*(?:[.,]?\s*$|,\s+[^\n]*$)")

# ------------------------------------------------------------------ lemmas without a lemmatizer

_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "read": "read",
    "swore": "swear", "sworn": "swear", "spoke": "speak", "spoken": "speak", "thought": "think",
    "forecast": "forecast", "forecasted": "forecast", "quipped": "quip", "quipping": "quip",
    "admitted": "admit", "admitting": "admit", "slammed": "slam", "slamming": "slam",
    "pledged": "pledge", "plead": "plead", "pleaded": "plead", "pled": "plead", "sent": "send",
}
_VOWELS = "aeiou"


def _forms(verb: str) -> set[str]:
    """Regular inflections of a verb (says, said-like -ed forms, -ing), spelling rules included."""
    out = {verb}
    if verb.endswith("e"):
        out |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        out |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        out |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        out |= {verb + "s", verb + "ed", verb + "ing"}
        if len(verb) >= 3 and verb[-1] not in _VOWELS + "wxy" and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
            out |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return out


# verbs whose object does what their infinitive says: "That prompted Rubio to call Trump 'very
# flexible'" (Rubio calls). Not the verbs of asking ("pressed Stumpf to explain why ...": the
# question is the asker's)
OBJECT_CONTROL_VERBS = frozenset({"prompt", "force", "encourage", "persuade", "invite", "inspire", "spur", "lead"})


def _lemma_table() -> dict[str, str]:
    table = {"led": "lead"}
    others = {"speak", "talk", "think", "believe", "quote", "cite", "accord"}
    for verb in SPEECH_VERBS | OBJECT_CONTROL_VERBS | ISSUING_VERBS | CARRYING_VERBS | others:
        for form in _forms(verb):
            table.setdefault(form, verb)
    for noun in ROLE_NOUNS | RELAY_NOUNS | DOCUMENT_NOUNS | REMARK_NOUNS:
        table.setdefault(noun + "s", noun)
    table.update(_IRREGULAR)
    table["spokesmen"] = "spokesman"
    return table


LEMMAS = _lemma_table()

# Penn Treebank tag -> universal POS, for pipelines run without the attribute ruler
TAG_POS = {
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX",
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "IN": "ADP", "DT": "DET",
    "CD": "NUM", "CC": "CCONJ", "TO": "PART", "POS": "PART", "RP": "ADP", "UH": "INTJ",
}


def lemma(tok) -> str:
    """The token's lemma: spaCy's when the pipeline has a lemmatizer, else from the table of
    the words these rules look at (speech verbs, role and relay nouns), else its lower case."""
    if tok.lemma_:
        return tok.lemma_.lower()
    return LEMMAS.get(tok.lower_, tok.lower_)


def age_word(tok) -> bool:
    """Whether a token is the "old" of an age ("the 29-year-old", "a twelve year old", "a
    55-year-old spokesman")."""
    doc = tok.doc
    return tok.lower_ == "old" and (any(t.like_num for t in tok.subtree) or
                                    any(t.lower_ in ("year", "years") for t in doc[max(0, tok.i - 2):tok.i]))


def pos(tok) -> str:
    """The token's universal POS: spaCy's when set, else mapped from the fine-grained tag; and
    "VERB" for a word of saying the tagger called a noun or an adjective while the parser gave
    it a subject and a clause ("Trump claims/NNS that he ...", "the doctor maintains/NNS.")."""
    tag = tok.pos_ or TAG_POS.get(tok.tag_, "X")
    if tag in ("NOUN", "ADJ") and lemma(tok) in SPEECH_VERBS and _predicate_children(tok):
        return "VERB"
    return tag


def _predicate_children(tok) -> bool:
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and "ccomp" in deps


_AUXILIARY_DEPS = ("aux", "auxpass", "neg", "prt")


def cue_verb(cue, default="first"):
    """The verb that heads a cue ("said" in "has not said", "asked" in "was asked about"), not
    one of its auxiliaries; ``default`` when the cue has no verb: "first" (its first word) or None."""
    verbs = [t for t in cue if pos(t) in ("VERB", "AUX")]
    for t in verbs:
        if t.dep_ not in _AUXILIARY_DEPS:
            return t
    if verbs:
        return verbs[0]
    return cue[0] if default == "first" else None


# what a phrase after an object names when it tells where, when or through whom words were said
# ("defended his position at a town hall", "denied the accusations through a spokeswoman")
OCCASION_PREPS = frozenset({"at", "in", "during", "through", "on", "via", "over", "before", "since"})
OCCASION_NOUNS = frozenset("""
interview speech statement appearance debate rally event hearing conference briefing article op ed
column editorial letter tweet post email e mail message spokesman spokeswoman spokesperson lawyer
attorney aide representative meeting town hall forum session show program broadcast radio television
tv video book memoir report filing commentary court testimony call visit stop dinner luncheon breakfast
fundraiser campaign trail floor podcast episode
""".split())
# where words are published or broadcast: "wrote on Twitter", "said on the air" (where, not what about)
# nouns for a news outlet, headed by its name in "told the RIA Novosti news agency"
OUTLET_NOUNS = frozenset("agency newspaper daily paper channel broadcaster network station outlet magazine "
                         "television radio website portal".split())
MEDIA_NOUNS = frozenset("twitter facebook instagram youtube blog website site page account feed air".split())
# the platforms words are posted on, by the name as written ("said on Telegram", "in a post on X"):
# proper names no entity type covers (the recogniser calls them ORG, PRODUCT or nothing)
PLATFORMS = frozenset(["Telegram", "X", "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "VKontakte",
                       "VK", "Truth Social", "Threads", "Bluesky", "WhatsApp", "Weibo", "LinkedIn", "Rumble"])


def names_occasion(prep) -> bool:
    """Whether a prepositional phrase (its preposition token) tells where, when or through whom
    words were said: "at a town hall", "in an interview", "on Monday", "through a spokeswoman"."""
    if prep.dep_ != "prep" or prep.lower_ not in OCCASION_PREPS:
        return False
    pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
    return pobj is not None and (singular(pobj) in OCCASION_NOUNS or singular(pobj) in MEDIA_NOUNS or
                                 pobj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"))


def singular(tok) -> str:
    """A noun's lemma, or for a plural the tables do not know, its singular by the spelling
    rules ("speeches", "rallies", "interviews")."""
    low = lemma(tok)
    if tok.tag_ != "NNS" or low != tok.lower_ or not low.endswith("s"):
        return low
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes")):
        return low[:-2]
    return low[:-1]
