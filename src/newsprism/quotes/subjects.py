"""Who the parse says speaks: the subject of a verb of saying, through the parser's misreadings.

spaCy's dependency parse gives most cue verbs an ``nsubj``; these functions also find the
speaker where news syntax defeats the small model: a verb without a subject of its own sharing
that of the verb it hangs on ("..., adding that ..."), a passive's "by X", a subject written
after the verb ("..., said Lee"), a name the parser hung on a fronted clause or read as a
conjunct, a speaker it hung as an apposition on the clause before the verb ("..., a spokesman
for the airline said"), a name it hung on the clause or quotation before the verb, a speaker it
made the subject of a participle describing them, a main verb it read as a modifier of the name
before it, and the subject of a passive for the participle or "for saying" hung on it. Plain
functions over Tokens; ``verb_subject`` and ``inverted_subject`` are what the attribution rules call.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsprism.quotes.cues import OBJECT_CONTROL_VERBS, OCCASION_NOUNS, ROLE_NOUNS, SPEECH_VERBS, age_word, lemma, pos, \
    singular

# prepositions of a gerund whose doer is the subject of a passive: "was banned for saying"
_BLAMED_FOR = frozenset("for since after over following despite".split())
# words of a date or time a subject the recogniser typed so must hold to be one ("Saturday", "hours")
_TIME_NOUNS = frozenset("""day week month year morning afternoon evening night hour minute weekend today yesterday
tomorrow decade century season time monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december""".split())
# quantifiers that stand as a subject of their own ("many argue", "some say")
_QUANTIFIER_SUBJECTS = {"many", "some", "others", "most", "few", "several", "both", "all"}


def reported_clause_conjunct(verb: Token) -> Token | None:
    """The cue of the clause a verb of saying is joined to, when that verb, with no subject of its
    own while the clause has one, outside quotation marks, is a report of its own: "China said it
    was "opposed" to the test and warned North Korea to refrain ...", "Lee says Kim promised to
    help and said she would ...". Either the cue's speaker did one more thing (``cue_conjunct``)
    or the clause's subject spoke too (PolNeAR's annotators split "said A and warned B" three
    times as often as they keep it whole). The cue is the first verb of saying above the clause
    outside quotation marks (`added that "all evidence indicated" that A, and called B`, "told
    reporters that she thinks A but said B"). A verb that reports nothing itself, no clause and
    no quoted words, counts only in the cue's tense after a clause whose subject is a pronoun or
    cannot speak ("said she admires his drive and highlighted their goals"): after a named
    subject it is that person's ("said Ortega met the envoy and warned him about the delays").
    In another tense than the cue's it must have a clause or quoted words of its own ("says he
    has reviewed the messages and disagrees with the decision" is the statement going on). None
    otherwise."""
    clause = verb.head
    if verb.dep_ != "conj" or verb.i < clause.i or clause.dep_ != "ccomp":
        return None
    quoted = verb.doc.user_data.get("newsprism_quoted") or [False] * len(verb.doc)
    cue = clause.head
    while (quoted[cue.i] or lemma(cue) not in SPEECH_VERBS) and cue.dep_ == "ccomp" and cue.head.i < cue.i:
        cue = cue.head  # (through a quoted report, or a verb of thinking: "told X that she thinks A but said B")
    if clause.i < cue.i or quoted[verb.i] or quoted[cue.i] or lemma(verb) not in SPEECH_VERBS or pos(verb) != "VERB":
        return None
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or lemma(cue) not in SPEECH_VERBS:
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    quotes = any(quoted[t.i] for t in verb.subtree)
    if verb.tag_ != cue.tag_:
        # in another tense only a report with a clause or quoted words of its own: "Ankara
        # maintains that Damascus breached the truce and threatened to launch an offensive" goes
        # on with what Ankara maintains
        reports = quotes or any(c.dep_ == "ccomp" for c in verb.children)
    else:
        # ("The clerk said Ortega met the envoy and warned him about the delays": Ortega warned)
        reports = quotes or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or not (
            _could_speak(subject) and pos(subject) != "PRON")
    return cue if reports else None


def cue_conjunct(verb: Token) -> Token | None:
    """The cue whose speaker a ``reported_clause_conjunct`` verb shares: when it is finite in the
    cue's tense ("said ... and warned": China warned, not "it"), or when the clause's subject
    cannot speak ("says the main goal is X, but conceded that Y"); None otherwise."""
    cue = reported_clause_conjunct(verb)
    if cue is None:
        return None
    subject = next(c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass", "expl"))
    if verb.tag_ == cue.tag_ or not _could_speak(subject):
        return cue
    return None


def _second_report_of(verb: Token) -> Token | None:
    """The cue a verb of saying without a subject was hung on as a second complement, finite in
    the same tense ("Roberts said that she thinks A but said "B"": the parser made the second
    "said" a complement of the first); None otherwise."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i > verb.i or verb.tag_ != head.tag_ or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if lemma(verb) not in SPEECH_VERBS or lemma(head) not in SPEECH_VERBS:
        return None
    if not any(c.dep_ == "ccomp" and head.i < c.i < verb.i for c in head.children):
        return None  # (the first complement comes between: "said ... but said")
    return head


def _could_speak(tok: Token) -> bool:
    """Whether a subject names someone who could speak: a name, a person's pronoun, a role."""
    return pos(tok) == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or \
        tok.lower_ in ("he", "she", "they", "i", "we") or singular(tok) in ROLE_NOUNS


def verb_subject(verb: Token, depth: int = 0) -> tuple[Token | None, Token | None]:
    """The speaker token of a verb and, for a passive with "by X", nothing else: (subject, agent).

    Verbs without a subject of their own ("..., adding that ...", "and emphasized ...") share the
    subject of the verb they hang on.
    """
    quoted = verb.doc.user_data.get("newsprism_quoted")
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in ("n't", "n’t", "not")]
    if quoted is not None and not quoted[verb.i]:
        # a subject inside quotation marks is quoted words, not the speaker
        subjects = [c for c in subjects if not quoted[c.i]] or []
    if not subjects:
        # "That attitude, many argue, could ...": the parser read a quantifier standing as the
        # subject for a modifier of the verb
        subjects = [c for c in verb.children if c.i == verb.i - 1 and c.dep_ in ("amod", "advmod", "det", "npadvmod")
                    and c.lower_ in _QUANTIFIER_SUBJECTS]
    if not subjects:
        # `"Go back," Trump barked and ...`: the parser read a name before a verb it rarely sees
        # as a compound of it (a verb has no compounds: the name is its subject)
        subjects = [c for c in verb.children if c.dep_ == "compound" and c.i == verb.i - 1 and (
            pos(c) == "PROPN" or c.ent_type_ == "PERSON") and not (quoted is not None and quoted[c.i])]
    inverted = inverted_subject(verb)
    if inverted is not None:
        return inverted, None
    if subjects:
        subj = min(subjects, key=lambda c: abs(c.i - verb.i))
        if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return verb.head, None  # "Trump, who has said ...": the relative pronoun's noun
        if subj.ent_type_ in ("DATE", "TIME") and _time_word(subj):
            return None, None  # "Saturday at the convention Sen. Lee said": a misparse (see attribution._nearby_name)
        if subj.tag_ == "VBG" and subj.i == subj.sent.start:
            named = _name_after_fronted_clause(verb)
            if named is not None:
                return named, None
        return _outside_brackets(subj), None
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None, None
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p, None
    if verb.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        # "As stated in Lee's column, ...": the writing the words were stated in speaks
        for c in verb.children:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "in" else None
            if pobj is not None and singular(pobj) in OCCASION_NOUNS:
                return pobj, None
    if verb.dep_ == "relcl" and pos(verb.head) in ("NOUN", "PROPN", "PRON") or main_verb_read_as_modifier(verb):
        return verb.head, None
    if depth < 3 and verb.dep_ == "acl" and verb.tag_ == "VBG":
        # "issued a statement saying ...", "shot back in an article stating ...": the one who
        # issued the statement speaks (the participle hangs on the statement, not on the verb)
        node = verb.head
        while node.dep_ in ("dobj", "pobj", "prep", "dative") and node.head.i != node.i:
            node = node.head
        if pos(node) in ("VERB", "AUX") and node.i != verb.head.i:
            return verb_subject(node, depth + 1)
        return None, None
    stray = _name_read_as_conjunct(verb) or _speaker_read_as_apposition(verb) or \
        _name_hung_on_the_clause_before(verb) or _subject_of_a_participle_read_as_a_clause(verb)
    if stray is not None:
        return stray, None
    if depth < 3 and verb.dep_ == "dep" and verb.head.i < verb.i and pos(verb.head) == "VERB" and all(
            t.is_punct or pos(t) in ("ADV", "CCONJ") for t in verb.doc[verb.head.i + 1:verb.i]):
        return verb_subject(verb.head, depth + 1)  # "He paused, then added: ..."
    cue = cue_conjunct(verb) or _second_report_of(verb)
    if cue is not None and depth < 3:
        return verb_subject(cue, depth + 1)
    if depth < 3 and verb.dep_ == "conj" and verb.head.i != verb.i:
        passive = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and not (quoted is not None and quoted[passive.i]):
            return passive, None  # "Lee was joined on stage by Kim and joked ...": Lee joked
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return None, None  # "Asked about it, Lee said ...": Lee was asked; who asked is not said
    if verb.dep_ == "advcl" and quoted is not None and quoted[verb.head.i] and not quoted[verb.i]:
        # 'Stressing the point, Lee said, "we ..."': the parser hung the participle on the
        # quotation; the cue clause beside it has the subject
        cue_clause = next((c for c in verb.head.children if c.dep_ in ("parataxis", "ccomp") and not quoted[c.i]
                           and lemma(c) in SPEECH_VERBS), None)
        if cue_clause is not None and depth < 3:
            return verb_subject(cue_clause, depth + 1)
        # 'Lee stressed that "the way is X," suggesting Y': the parser hung the participle inside
        # the quotation; the first verb above it outside the marks is the one whose subject speaks
        node = verb.head
        while quoted[node.i] and node.head.i != node.i:
            node = node.head
        if not quoted[node.i] and pos(node) in ("VERB", "AUX") and depth < 3:
            return verb_subject(node, depth + 1)
    if verb.dep_ == "xcomp" and lemma(verb.head) in OBJECT_CONTROL_VERBS:
        named = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i and (
            pos(c) == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "NORP"))), None)
        if named is not None:
            return named, None  # "That prompted Rubio to call Trump 'very flexible'"
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acomp") and verb.head.i != verb.i:
        # ("is likely to stress that ...": an adjective's infinitive takes the copula's subject)
        head = verb.head
        if verb.dep_ == "pcomp":
            # "In addition to stating that ..., Clinton has vowed": up the prepositional phrase
            # to the verb it belongs to (and past an adverb it opens: "aside from saying ...")
            steps = 0
            while (head.dep_ in ("prep", "pobj") or head.dep_ == "advmod" and pos(head) == "ADV") \
                    and pos(head) not in ("VERB", "AUX") and head.head.i != head.i and steps < 5:
                head = head.head
                steps += 1
        # "it was banned from Ethiopia for saying ...", "Lee has been mired in controversy since
        # calling ...", "was caught on camera saying ...": who undergoes the passive did the
        # saying (not so after "by" or "as": "is justified by arguing that ...", "read as saying";
        # nor for a participle set off by a comma, which may belong to the main clause: "changed
        # her story after her statement was shown to be false, stating ...")
        doer = verb.dep_ == "pcomp" and verb.head.lower_ in _BLAMED_FOR or \
            verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and head.i < verb.i \
            and not any(t.text == "," for t in verb.doc[head.i + 1:verb.i])
        passive = _passive_subject(head) if doer else None
        if passive is not None:
            return passive, None
        return verb_subject(head, depth + 1)
    return None, None


def _time_word(tok: Token) -> bool:
    """Whether a subject the recogniser typed as a date or time is one ("Saturday", "Twelve hours"),
    not a word it ran into a dateline ("Wednesday, July 25, 2007 / Authorities in Spain say")
    or an age ("the 29-year-old")."""
    return (tok.like_num or any(ch.isdigit() for ch in tok.text) or lemma(tok) in _TIME_NOUNS
            or tok.lower_.rstrip("s") in _TIME_NOUNS) and not age_word(tok)


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive verb without an active one, outside quotation marks and no
    relative pronoun ("the statement which was criticized ... by saying" is a misparse)."""
    quoted = verb.doc.user_data.get("newsprism_quoted")
    if any(c.dep_ == "nsubj" for c in verb.children):
        return None
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is None or quoted is not None and quoted[passive.i] or passive.lower_ in ("which", "that", "who"):
        return None
    return passive


def _name_after_fronted_clause(verb: Token) -> Token | None:
    """"Reporting from Gaziantep, near the border, Al Jazeera's Sinem Koseoglu said ...": the
    parser took the fronted participle for the subject and hung the name on the phrase before;
    the speaker is the noun phrase between the last comma and the verb, when it holds no verb."""
    doc = verb.doc
    comma = next((i for i in range(verb.i - 1, verb.sent.start, -1) if doc[i].text == ","), None)
    if comma is None or comma >= verb.i - 1:
        return None
    words = doc[comma + 1:verb.i]
    last = doc[verb.i - 1]
    if any(pos(t) in ("VERB", "AUX") for t in words) or pos(last) not in ("PROPN", "NOUN"):
        return None
    return last


def _name_read_as_conjunct(verb: Token) -> Token | None:
    """The name right before a coordinated verb without a subject, when the parser joined the
    name to a noun of the clause before instead ("charged the driver with theft and Lopez fired
    his deputy": "Lopez" hung on "theft"): the name is the verb's subject."""
    if verb.dep_ != "conj" or verb.i < 2:
        return None
    name = verb.doc[verb.i - 1]
    if pos(name) != "PROPN" or name.dep_ != "conj" or name.head.i == verb.i or name.left_edge.i == 0:
        return None
    return name if verb.doc[name.left_edge.i - 1].dep_ == "cc" else None


def _speaker_read_as_apposition(verb: Token) -> Token | None:
    """"Williams was pulled over on a freeway outside San Diego, the California Highway Patrol
    said.": a verb of saying after its reported clause, with no subject, where the parser hung
    the noun phrase between the last comma and the verb on the clause's last noun as an
    apposition. That phrase, which holds no verb, is the speaker."""
    doc = verb.doc
    if not any(c.dep_ in ("ccomp", "advcl") and c.i < verb.i for c in verb.children):
        return None  # ("Although the rep would not say why, a source from the magazine said")
    comma = next((i for i in range(verb.i - 1, verb.sent.start, -1) if doc[i].text == ","), None)
    if comma is None or comma >= verb.i - 1:
        return None
    phrase = doc[comma + 1:verb.i]
    if any(pos(t) in ("VERB", "AUX") or t.is_quote for t in phrase):
        return None
    return next((t for t in phrase if t.dep_ == "appos" and t.head.i < comma and pos(t) in ("NOUN", "PROPN")), None)


def _name_hung_on_the_clause_before(verb: Token) -> Token | None:
    """A name set off between the clause before and a verb of saying left without a subject:
    '"...," Sen. Ann Lee of Vermont, who chairs the panel, told reporters' or 'Asked how ...,
    Lee, who ..., said': the parser hung the name on the clause before it (as the quotation's
    object, or the attribute of its last verb). The name, with all that describes it, fills
    the span up to the verb, after a comma or closing quotation mark."""
    if verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return None
    doc = verb.doc
    quoted = doc.user_data.get("newsprism_quoted")
    for j in range(verb.i - 1, verb.sent.start, -1):
        name = doc[j]
        if pos(name) != "PROPN" or pos(doc[j + 1]) == "PROPN" or name.head.i >= j or quoted is None or quoted[j]:
            continue
        # (hung on the clause as an object, attribute, second subject or loose dependent, or on
        # a noun inside the quotation; not the apposition of a name outside it: "Steve Cohen,
        # Democrat of Tennessee, told")
        if not (name.dep_ in ("dobj", "attr", "oprd", "nsubj", "dep", "npadvmod") and pos(name.head) in ("VERB", "AUX")
                or name.dep_ in ("appos", "conj") and quoted[name.head.i]):
            continue
        described = {t.i for t in name.subtree}
        left = min(described)
        if left > verb.sent.start and all(k in described or doc[k].is_punct for k in range(j + 1, verb.i)) \
                and (doc[left - 1].text == "," or doc[left - 1].is_quote):
            return name
    return None


def _subject_of_a_participle_read_as_a_clause(verb: Token) -> Token | None:
    """"But the lawyer acting for the officer, who ..., said that ...": the parser read the
    participle describing the speaker as a clause of the verb, with the speaker its subject."""
    quoted = verb.doc.user_data.get("newsprism_quoted")
    for c in verb.children:
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < verb.i and c.left_edge.i <= verb.sent.start + 1:
            subject = next((s for s in c.children if s.dep_ == "nsubj" and s.i < c.i), None)
            if subject is not None and not (quoted is not None and quoted[subject.i]):
                return subject
    return None


def main_verb_read_as_modifier(verb: Token) -> bool:
    """Whether the parser read a verb of saying as a participle modifying the noun before it
    when that noun is its subject: "One lawmaker called Trump 'a prince'" with "called" hung on
    "lawmaker". Either the verb has two complements (a participle of naming has one: "a town
    called Springfield"), or the noun heads a sentence with no verb of its own."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or head.i > verb.i or pos(head) not in ("NOUN", "PROPN"):
        return False
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "oprd", "ccomp")]
    # ("Lee, who ..., interjected to say: '...'": an infinitive counts for a noun left without a verb)
    infinitive = any(c.i > verb.i and c.dep_ == "xcomp" for c in verb.children)
    # ("..., an official who asked not to be named told reporters": a participle follows its noun
    # right away; a relative clause of the noun in between leaves the verb as the noun's own)
    relative_between = any(c.dep_ == "relcl" and c.tag_.startswith("VB") and head.i < c.i < verb.i
                           for c in head.children)
    return len(after) >= 2 or ((head.dep_ == "ROOT" or relative_between) and (bool(after) or infinitive))


def _outside_brackets(tok: Token) -> Token:
    """The name before a bracket the token stands in: "Sen. Ann Lee (D-Vt.) said" -> "Lee", not "Vt"."""
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 5), -1):
        if doc[i].text == ")":
            break
        if doc[i].text == "(":
            if i > 0 and (doc[i - 1].ent_type_ == "PERSON" or pos(doc[i - 1]) == "PROPN") and \
                    any(t.text == ")" for t in doc[tok.i + 1: tok.i + 4]):
                return doc[i - 1]
            break
    return tok


def inverted_subject(verb: Token) -> Token | None:
    """The name right after an inverted cue: `"...," said Michael Kofman, an expert ...` or
    `Any interpretation, said Kofman, would ...` (the parser often takes a noun before the verb
    for its subject there). Only after a comma or closing quotation mark and for a name."""
    doc = verb.doc
    if lemma(verb) in ("say", "add", "write") and verb.i == verb.sent.start and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "Said the governor: ...", "Added one official, ...": a cue opening its sentence has
        # its speaker after it, which the parser takes for an object
        return next((c for c in verb.children if c.dep_ == "dobj" and c.i <= verb.i + 4), None)
    if verb.i == 0 or verb.i + 1 >= len(doc) or verb.tag_ == "VBG" or lemma(verb) not in (
            "say", "add", "write", "note", "explain", "recall", "argue", "continue"):
        # ("told CNN", "asked Trump": the name after the verb is the addressee; ", saying Clinton
        # took questions": a participle is never inverted, the name opens what was said)
        return None
    before = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if any(c.ent_type_ or pos(c) in ("PROPN", "PRON") or lemma(c) in ROLE_NOUNS for c in before):
        return None  # "Trump, in a statement, said Tuesday": the subject is there already
    prev = doc[verb.i - 1]
    if not (prev.text in (",", "—", "–") or prev.text in ("”", "''", '"', "’")):
        return None
    i = verb.i + 1
    determiner = False
    while i < len(doc) and (pos(doc[i]) == "ADV" or doc[i].lower_ in ("the", "a", "an")):
        determiner = determiner or doc[i].lower_ in ("the", "a", "an")
        i += 1
    if i >= len(doc) or not doc[i].text[:1].isupper():
        return None
    j = i
    while j + 1 < len(doc) and (doc[j + 1].ent_iob_ == "I" or pos(doc[j + 1]) == "PROPN") \
            and not doc[j + 1].is_punct:
        j += 1
    # "said the Florida senator", "added a New Hampshire Democrat": the name words modify the
    # noun that heads the phrase
    while determiner and doc[j].dep_ in ("compound", "amod", "nmod") and j < doc[j].head.i <= j + 2 \
            and pos(doc[j].head) in ("NOUN", "PROPN") and not any(t.is_punct for t in doc[j + 1:doc[j].head.i + 1]):
        j = doc[j].head.i
    head = doc[j]
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") or head.lower_ in ("monday", "tuesday", "wednesday",
                                                                                  "thursday", "friday", "saturday",
                                                                                  "sunday"):
        return None
    if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or pos(head) == "PROPN" or (
            determiner and pos(head) == "NOUN" and head.i > i):
        if head.i == verb.i or head.head.i not in (verb.i, head.i) and head.head.head.i != verb.i:
            return None
        return head
    return None
