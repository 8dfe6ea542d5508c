"""Quotations no cue reached: attached by layout, transcript labels or continuation.

After the parse rules, some quotations in an article still have no attribution: a quotation
followed by "- Name" on its line, one after "Name:" (an interview transcript's turns), one right
after a quote of one speaker (a quote continued in the next sentence, or that speaker's next
quote in a paragraph of its own), or one before a cue clause the parser did not read ("said
Lee" after a closing mark). These are plain text shapes around the marks, read here with the
tokens' tags where they help; ``attach_free_quotations`` and ``transcript_turns`` are what
``attribution.py`` calls.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsprism.quotes.cues import LAYOUT_DASH, LEMMAS, ROLE_NOUNS, SPEECH_VERBS, lemma, pos
from newsprism.quotes.marks import QuoteMarks, past_closing_mark, trim_content
from newsprism.quotes.records import Quote, doc_text, title_case, with_segments
from newsprism.quotes.shapes import in_opening_phrase
from newsprism.quotes.speakers import Resolver, Speaker

if TYPE_CHECKING:
    from newsprism.quotes.attribution import Settings

_WORD = re.compile(r"\w+")


def attach_free_quotations(doc: Doc, quotes: list[tuple[Quote, int]], quotations: list[QuoteMarks],
                           settings: Settings, sent_of: list[int], resolver: Resolver
                           ) -> list[tuple[Quote, int]]:
    """Quotations no cue reached: "- Name" after them, "Name:" before them, or the quotation
    right after a quote of one speaker (a quote continued in the next sentence or paragraph)."""
    text = doc_text(doc)
    out = list(quotes)
    starts = [t.idx for t in doc]

    def sent_at(char: int) -> int:
        i = max(0, bisect.bisect_right(starts, char) - 1)
        return sent_of[i] if sent_of else 0

    for q in quotations:
        if q.words < 1:
            continue
        if any(seg[0] < q.end and q.start < seg[1] for x, _ in out for seg in x.segments):
            continue
        short = q.words < settings.min_free_words  # only a continuation in the same paragraph
        sent = sent_at(q.start)
        # layout: a dash and a name after the closing mark, to the end of the line
        dash_name = _layout_dash(text, past_closing_mark(text, q))
        if dash_name is not None and not short:
            dash, name_start, name_end = dash_name
            sp = _name_speaker(doc, resolver, name_start, name_end)
            out.append((_free_quote(text, q, sp, (dash, dash + 1)), sent))
            continue
        # layout: "Name: “...”" at the start of a line (or after a headline and a dash)
        line_start = text.rfind("\n", 0, q.open_at) + 1
        head = text[line_start:q.open_at]
        m = _NAME_COLON.match(head)
        if m and not short:
            sp = _name_speaker(doc, resolver, line_start + m.start("name"), line_start + m.end("name"))
            if m.group("lead") is None or sp.label in ("PERSON", "ORG"):
                colon = line_start + head.rfind(":")
                out.append((_free_quote(text, q, sp, (colon, colon + 1)), sent))
                continue
        # a person as the subject of the clause right next to it: `"...," Lee went on`,
        # `Lee interjected: "..."` (a verb the cue lists do not know still says who speaks)
        said_whole = text[q.start:q.end].rstrip().endswith((",", ".", "!", "?"))  # not a scare quote
        subject = _adjacent_subject(doc, q, starts) if not short or (said_whole and q.words >= 3) else None
        if subject is not None and in_opening_phrase(doc, subject.head, q):
            continue  # (a title in the phrase the clause opens with: `On "The Morning Table," Lee said`)
        if subject is not None:
            sp = resolver.resolve(subject, sent)
            out.append((_free_quote(text, q, sp, (subject.head.idx, subject.head.idx + len(subject.head.text))), sent))
            continue
        # the same read from the words where the parse failed: `"...," a voice-over states.`
        after = _token_after_closing_mark(doc, q, starts)
        if after is not None and q.words >= 3 and text[q.start:q.end].rstrip().endswith((",", "!", "?")):
            found = _surface_cue_after(doc, q, after)
            if found is not None and in_opening_phrase(doc, found[1], q):
                continue
            if found is not None:
                subject, verb = found
                sp = resolver.resolve(subject, sent)
                out.append((_free_quote(text, q, sp, (verb.idx, verb.idx + len(verb.text))), sent))
                continue
        # continuation: the quotation opens its sentence and follows a quote with a speaker
        before = text[:q.open_at].rstrip()
        opens_sentence = not before or before[-1] in ".!?\"”'’:\n" or text[line_start:q.open_at].strip() == ""
        if not opens_sentence or _heading(text, q, line_start):
            continue
        prev = [(x, s) for x, s in out if x.end <= q.open_at and x.speaker is not None]
        if not prev:
            continue
        last, last_sent = max(prev, key=lambda xs: xs[0].end)
        if last.kind == "indirect":
            # `"A," Lee told the paper after the mayor said B. "C."`: the quotation goes on with
            # the quoted statement of that sentence (or of the one before it in the paragraph:
            # `"A!" Lee declared, after callers asked B. "C."`), not with the reported clause
            quoted = [(x, s) for x, s in prev if x.kind != "indirect" and last_sent - 1 <= s <= last_sent
                      and "\n" not in text[x.end:q.open_at]]
            if quoted:
                last, last_sent = max(quoted, key=lambda xs: xs[0].end)
        if sent - last_sent > settings.continuation_sentences or last.kind == "indirect" and sent - last_sent > 1:
            continue
        between = text[last.end:q.open_at]
        if len(between) > 400:
            continue
        same_paragraph = "\n" not in between
        if short and not same_paragraph:
            continue
        # a clause of its own announcing the quotation with a colon (`..., but he gave the Texan
        # a compliment: "..."`): its subject's statement, not more of the quote before
        announcer = _announcing_subject(doc, last.end, q.open_at) if between.rstrip().endswith(":") else None
        if announcer is not None:
            if not short:
                # ("he" after a quote is its speaker, not a name inside its words)
                sp = _speaker_of(last) if pos(announcer) == "PRON" else resolver.resolve(announcer, sent)
                cue = (announcer.head.idx, announcer.head.idx + len(announcer.head.text))
                out.append((_free_quote(text, q, sp, cue), sent))
            continue
        # a person who became the subject of a sentence since that quote speaks now
        newer = _subject_person_between(doc, resolver, last.end, q.open_at)
        if newer is not None and newer.name != last.speaker_name:
            if not short:
                out.append((_free_quote(text, q, newer, None), sent))
            continue
        if not same_paragraph and not _goes_on_in_next_paragraph(text, last, q, past_closing_mark(text, q)):
            # a quotation in a paragraph of its own: the same speaker's next statement (news
            # writing opens a new paragraph for it), not more of the same one
            out.append((_free_quote(text, q, _speaker_of(last), None), sent))
            continue
        # otherwise the quotation goes on with the same statement (`"A," he said. "B."`): one
        # quote, one more segment
        k = next(i for i, (x, _) in enumerate(out) if x is last)
        segs = tuple(sorted(last.segments + (trim_content(text, q.start, q.end),)))
        merged = with_segments(last, text, segs, kind="direct" if last.kind == "direct" else "partial")
        out[k] = (merged, out[k][1])
    return out


# a paragraph that opens with a name and a colon, then the words: a turn of a transcript
_TURN = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*:"
                   r"[ \t]+(?P<words>[^\s\"“«][^\n]*)", re.M)
# a paragraph opening with any label and a colon ("Question:", "Q:", "Lopez:"): a transcript line
_LABEL = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*:[ \t]+\S")


def transcript_turns(doc: Doc, quotes: list[tuple[Quote, int]], sent_of: list[int], resolver: Resolver
                      ) -> list[tuple[Quote, int]]:
    """Turns of a transcript or an interview ("Maria Zakharova: We have repeatedly said ...",
    a paragraph that opens with a person's name and a colon, the words not in quotation marks,
    next to another paragraph that opens with a label and a colon, such as "Question:"), and a
    headline of that form, as wire services write them ("Zelensky: Russian missiles hit Odesa
    grain terminal"): the rest of the paragraph is that person's, said as written. A turn takes
    the place of the quotes found inside it ("We have repeatedly said that ..." is the same
    person speaking). A lone word before the colon counts only as the last name of a person
    named in full elsewhere ("Lavrov:"), so that "Question:" or "Update:" never does."""
    text = doc_text(doc)
    out = list(quotes)
    paragraphs = list(re.finditer(r"[^\n]*\S[^\n]*", text))
    labelled = [bool(_LABEL.match(p.group())) for p in paragraphs]
    starts = [p.start() for p in paragraphs]
    for m in _TURN.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        # "Zelensky: Russian missiles hit ...", not a topic put as a question ("Cruz: Outsider or insider?")
        headline = k == 0 and len(_WORD.findall(m.group())) <= 25 and not m.group().rstrip().endswith("?")
        if not (headline or k > 0 and labelled[k - 1] or k + 1 < len(labelled) and labelled[k + 1]):
            continue  # a transcript goes turn by turn: a lone "Name: ..." is a heading's topic
        start, end = trim_content(text, m.start("words"), m.end("words"))
        if len(_WORD.findall(text, start, end)) < (3 if headline else 5):
            continue
        sp = _name_speaker(doc, resolver, m.start("name"), m.end("name"))
        if (sp.label != "PERSON" or not sp.name or len(sp.name.split()) < 2) and not (
                headline and sp.name and sp.label == "ORG" and any(q.speaker_name == sp.name for q, _ in out)):
            # (a body the article quotes elsewhere may head it, "Kremlin: No call planned"; a
            # place may not, "Ukraine: ..." is more often the topic than the speaker)
            continue
        if headline and len(m.group("name").split()) > 3:
            continue  # (title case hides where a name ends: "Clinton Cash Debunks Hillary:")
        if any(a < end and start < b and not (start <= a and b <= end) for q, _ in out for a, b in q.segments):
            continue  # a quote that runs across the paragraph's edge: not a turn
        first = doc.char_span(start, end, alignment_mode="expand")
        sent = sent_of[first.start] if first is not None and len(first) else 0
        colon = m.end("name") + text[m.end("name"):m.start("words")].index(":")
        out = [(q, s) for q, s in out if not all(start <= a and b <= end for a, b in q.segments)]
        out.append((_free_quote(text, QuoteMarks(start, end, start, None, 1, 0), sp, (colon, colon + 1)), sent))
    return out


# "Name:" or "Former minister Ann Lee (Ind.):" before a quotation, alone on its line or after a
# headline and a dash; with words before the name ("lead") only a known person or body counts
_NAME_COLON = re.compile(
    r"^\s*(?:[^\n]{0,120}?\s[-–—]\s+)?(?P<lead>(?:[A-Za-z][\w.'’-]*\s+){1,6}?)??"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*(?:\([^)\n]{1,40}\))?\s*:\s*$")


def _layout_dash(text: str, after: int) -> tuple[int, int, int] | None:
    """(dash offset, name start, name end) of a "- Name" signature after a quotation whose
    closing mark ends at ``after``: on the rest of its line, or on the next line that is not blank."""
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    start = after
    m = LAYOUT_DASH.match(text[start:line_end])
    if m is None:
        nxt = line_end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt - line_end > 3 or nxt >= len(text):
            return None  # (more than one blank line: the signature would belong to something else)
        end = text.find("\n", nxt)
        start = line_end
        m = LAYOUT_DASH.match(text[start:len(text) if end < 0 else end])
        if m is None:
            return None
    dash = next(start + i for i in range(m.start(), m.start("name")) if text[start + i] in "-–—―")
    name_end = start + m.end("name")
    if text[name_end - 1] == "." and len(text[start + m.start("name"):name_end].split()[-1]) > 2:
        name_end -= 1  # "- Sanders." ends a sentence; "- Ann B." keeps its initial
    return dash, start + m.start("name"), name_end


def _skip_closing_punct(doc: Doc, q: QuoteMarks, starts: list[int]) -> int:
    """The index of the first token after a quotation's closing mark and the comma by it."""
    close = q.close_at if q.close_at is not None else q.end
    i = bisect.bisect_left(starts, close + 1)
    while i < len(doc) and doc[i].is_punct and doc[i].text in (",", "”", '"', "''", "’"):
        i += 1
    return i


def _token_after_closing_mark(doc: Doc, q: QuoteMarks, starts: list[int]) -> int | None:
    """That index when nothing but spaces and commas lie between the mark and the token."""
    if q.close_at is None:
        return None
    i = _skip_closing_punct(doc, q, starts)
    if i >= len(doc) or doc_text(doc)[q.close_at + 1:doc[i].idx].strip(" ,\"”'’"):
        return None
    return i


def _adjacent_subject(doc: Doc, q: QuoteMarks, starts: list[int]) -> Token | None:
    """The last word of a person's name that is the subject of a verb right after the
    quotation's closing mark (after a comma; before or after the verb) or of a verb ending in a
    colon right before it (``starts``: the tokens' offsets)."""
    text = doc_text(doc)
    close = q.close_at if q.close_at is not None else q.end
    i = _skip_closing_punct(doc, q, starts)
    if i < len(doc) and not text[close + 1:doc[i].idx].strip(" ,\"”'’") and (
            doc[i].ent_type_ == "PERSON" or doc[i].tag_ == "NNP" and not doc[i].ent_type_):
        j = i
        while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
            j += 1
        head = doc[j]
        if head.dep_ == "nsubj" and pos(head.head) == "VERB" and 0 < head.head.i - head.i <= 3:
            return head
    right_after = i < len(doc) and not text[close + 1:doc[i].idx].strip(" ,\"”'’")
    if right_after:
        # `"...," the Republican nominee riffed on ...`: a role noun the speaker's words open with
        verb = next((t for t in doc[i:i + 8] if pos(t) == "VERB"), None)
        subj = None if verb is None else next(
            (c for c in verb.children if c.dep_ == "nsubj" and c.left_edge.i == i and lemma(c) in ROLE_NOUNS), None)
        if subj is not None:
            return subj
    if right_after and pos(doc[i]) == "VERB" and doc[i].tag_ in ("VBD", "VBZ"):
        # inverted: `"...," remembered Roy Verley, HP's former spokesman`
        subj = next((c for c in doc[i].children if c.dep_ == "nsubj" and 0 < c.i - i <= 4 and (
            c.ent_type_ == "PERSON" or c.tag_ == "NNP" and not c.ent_type_)), None)
        if subj is not None:
            return subj
    k = bisect.bisect_left(starts, q.open_at) - 1
    if k >= 1 and doc[k].text == ":" and not text[doc[k].idx + 1:q.open_at].strip():
        verb = doc[k - 1]
        if pos(verb) == "VERB":
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and (
                c.ent_type_ == "PERSON" or c.tag_ == "NNP" and not c.ent_type_) and verb.i - c.i <= 3), None)
            if subj is not None:
                return subj
    return None


# what may stand between a quotation's closing mark and the verb of a cue clause after it: the
# speaker's noun phrase (with an apposition or a phrase of its own: "a voice-over in the ad")
_SPEAKER_PHRASE_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$",
                                  "POS", "HYPH", "CD", "IN", ",", "-LRB-", "-RRB-"})
_SPEAKER_HEAD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})


def _speech_form(tok: Token) -> str | None:
    """The speech verb a lower-case word is a finite form of, read from its spelling alone:
    "states", "read", "tweeted" (None for "-ing" forms and for other words)."""
    verb = LEMMAS.get(tok.text)
    if verb is None or verb not in SPEECH_VERBS or tok.text.endswith("ing"):
        return None
    return verb


# speech verbs whose past tense is spelled as their base form
_PAST_AS_BASE = frozenset({"read", "forecast", "broadcast"})


def _surface_cue_after(doc: Doc, q: QuoteMarks, first: int) -> tuple[Token, Token] | None:
    """(speaker's head word, cue verb) of a cue clause right after a quotation, read from the
    words rather than the parse: `"...," a voice-over in the ad states.`, `"...," the editorial
    read.`, `"...!" the nominee, Donald Trump, tweeted Sunday`, `"...," read the statement`.
    The small model often tags such a verb a noun or a participle ("states", "read") and then
    gives the clause no subject, so the parse rules never see a cue. ``first`` is the first
    token after the closing mark and its comma. A noun phrase of names, nouns, pronouns and
    their modifiers must stand before the verb (or right after it, in the inverted order), and
    the verb must end the clause or be followed by a comma, a preposition, an adverb or a date."""
    end = min(len(doc), first + 14)
    for j in range(first, end):
        tok = doc[j]
        if tok.is_quote or tok.text in (".", "!", "?", ";", ":") or "\n" in tok.text_with_ws:
            break
        verb = _speech_form(tok)
        if verb is None:
            if tok.tag_ not in _SPEAKER_PHRASE_TAGS:
                return None
            continue
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if nxt is not None and not (nxt.is_punct or nxt.tag_ in ("IN", "RB", "RP") or nxt.ent_type_ in ("DATE", "TIME")
                                    or nxt.tag_ in ("DT", "NNP", "PRP$") and j == first):
            continue  # ("the state department said": "state" is a noun before a noun)
        if j == first:  # inverted: `"...," read the statement, which ...`
            phrase = []
            for t in doc[j + 1:min(len(doc), j + 9)]:
                if t.is_punct or t.tag_ in ("IN", "WDT", "WP") or t.tag_ not in _SPEAKER_PHRASE_TAGS:
                    break
                phrase.append(t)
        else:
            phrase = list(doc[first:j])
            if phrase[0].tag_ == "IN" or verb == tok.text and verb not in _PAST_AS_BASE and not any(
                    t.tag_ in ("NNS", "NNPS") or t.lower_ in ("they", "we", "i", "you") for t in phrase):
                continue  # a bare "state" or "read" needs a plural speaker ("the Saudis state")
        head = _phrase_head(phrase)
        if head is not None:
            return head, tok
    return None


def _phrase_head(phrase: list[Token]) -> Token | None:
    """The word a speaker's noun phrase is named by: the last word of a person's name in it
    ("the nominee, Donald Trump,"), else its last noun or pronoun before a preposition."""
    person = [t for t in phrase if t.ent_type_ == "PERSON"]
    if person:
        return person[-1]
    head = None
    for t in phrase:
        if t.tag_ == "IN":
            break
        if t.tag_ in _SPEAKER_HEAD_TAGS:
            head = t
    if head is None and phrase and phrase[-1].tag_ == "JJ":
        head = phrase[-1]  # ("the editorial read": a noun tagged as the adjective of the verb)
    return head


def _subject_person_between(doc: Doc, resolver: Resolver, start: int, end: int) -> Speaker | None:
    """The last named person who is the subject of a main clause between two offsets."""
    found = _last_subject(doc, start, end, lambda tok: tok.head.dep_ == "ROOT" and tok.ent_type_ == "PERSON")
    if found is None:
        return None
    sp = resolver.resolve(found)
    return sp if sp.label == "PERSON" else None


def _announcing_subject(doc: Doc, start: int, end: int) -> Token | None:
    """The person subject of the last unquoted clause between two offsets (a name or a personal
    pronoun as the subject of a verb), or None."""
    quoted = doc.user_data.get("newsprism_quoted") or [False] * len(doc)
    return _last_subject(doc, start, end, lambda tok: not quoted[tok.head.i] and pos(tok.head) == "VERB" and (
        tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she", "they")))


def _last_subject(doc: Doc, start: int, end: int, accept) -> Token | None:
    """The last subject outside quotation marks between two offsets that ``accept`` takes."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    quoted = doc.user_data.get("newsprism_quoted") or [False] * len(doc)
    return next((tok for tok in reversed(span) if tok.dep_ == "nsubj" and not quoted[tok.i] and accept(tok)), None)


def _heading(text: str, q: QuoteMarks, line_start: int) -> bool:
    """Whether the quotation is a paragraph of its own in title case: a subheading or a slogan
    set on its own line ("'Legend in the Coal Fields.'"), no more of anyone's statement."""
    line_end = text.find("\n", q.end)
    rest = text[q.end:len(text) if line_end < 0 else line_end]
    return not text[line_start:q.open_at].strip() and not _WORD.search(rest) and title_case(text[q.start:q.end])


def _goes_on_in_next_paragraph(text: str, last: Quote, q: QuoteMarks, closed: int) -> bool:
    """Whether the quotation ``q`` (closing mark ending at ``closed``) goes on with the direct
    quote ``last`` before it: `"A," Lee said in an interview.` closes one paragraph and `"B."`
    is the whole of the very next one. Annotated news (PolNeAR train) reads such a pair as one
    statement about five times in six; a quotation after a writer's sentence, after a
    paragraph in between, or after an indirect or partial report is the speaker's next
    statement instead, and one with words after it (`"B," an aide replied.`, or a quotation
    running on into another paragraph) has a cue of its own the rules did not read."""
    if last.kind != "direct" or last.cue_span is None or q.close_at is None or q.paragraphs > 1:
        return False
    line_end = text.find("\n", closed)
    if _WORD.search(text, closed, len(text) if line_end < 0 else line_end):
        return False
    lines = text[last.end:q.open_at].split("\n")
    if any(line.strip() for line in lines[1:]):
        return False  # a paragraph between, or words before the quotation in its paragraph
    paragraph_end = last.end + len(lines[0])
    if last.cue_span[0] < last.start:  # `Lee said: "A."`: nothing may follow the quotation
        return not _WORD.search(text, last.end, paragraph_end)
    # `"A," Lee said in an interview.`: the cue's clause ends the paragraph, no sentence after it
    return last.cue_span[1] <= paragraph_end and \
        not _SENTENCE_BREAK.search(text[last.cue_span[1]:paragraph_end].rstrip())


# a sentence's end followed by another sentence, within a line
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+\S")


def _speaker_of(q: Quote) -> Speaker:
    return Speaker(q.speaker or "", q.speaker_span or (0, 0), q.speaker_name, q.speaker_label, q.role)


def _name_speaker(doc: Doc, resolver: Resolver, start: int, end: int) -> Speaker:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return Speaker(doc_text(doc)[start:end], (start, end), doc_text(doc)[start:end], None)
    sp = resolver.resolve(span[-1])
    written = doc_text(doc)[start:end]
    name = sp.name if sp.name and len(sp.name) >= len(written) else written
    name = name.lstrip("-–—―:,. ")  # (a signature dash glued to the name: "-President Obama")
    name = name.split(":")[0].rstrip()  # (nor the words after a colon: "Luciana Lopez: Saying")
    return Speaker(written, (start, end), name, sp.label, sp.role)


def _free_quote(text: str, q: QuoteMarks, sp: Speaker | None,
                cue: tuple[int, int] | None) -> Quote:
    start, end = trim_content(text, q.start, q.end)
    return Quote(
        start=start, end=end, text=text[start:end], kind="direct", segments=((start, end),),
        cue=text[cue[0]:cue[1]] if cue else None, cue_span=cue,
        speaker=sp.mention if sp else None, speaker_span=sp.span if sp else None,
        speaker_name=sp.name if sp else None, speaker_label=sp.label if sp else None,
        role=sp.role if sp else None,
    )
