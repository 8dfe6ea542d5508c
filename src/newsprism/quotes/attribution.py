"""Finding attributed statements in a parsed spaCy Doc: cue, speaker, content, relay.

The rules read spaCy's dependency parse: a speech verb's subject is the speaker and its clausal
complement what was said ("Lavrov stressed that ..."); "X, he said" hangs the content on the
verb's head; "according to X" and "X quoted Y as saying" have their own shapes. The shapes live
in ``shapes.py`` (each proposes a ``Draft``: cue, speaker token, content tokens) and the speaker
token in ``subjects.py``; this module runs them over a Doc and makes the drafts quotes. Quotation marks
(found by ``marks.py``) widen a content that touches them to the whole quotation (quotations run
over sentences and paragraphs the parser splits), and a quotation no cue reached is attached by
layout ("- Name", "Name: ...") or to the speaker of the quotation just before it (in the same
paragraph it continues that quote; in a paragraph of its own it is that speaker's next quote):
``free_quotations.py``. The outlet or document a statement was relayed through ("told CNN",
"according to Daily Sabah") is read by ``relays.py``.

Two small learned models (``filter.py``, weights trained on PolNeAR train) finish the rules' work:
one says where a reported statement's content ends (", but ...", an apposition, a participle
clause may be the writer's), the other drops candidate shapes that rarely report speech
("criticized the bill", "the findings underscore ...").

Quotes whose contents overlap (the same words reached by two rules) are settled last, so that
an article reports each stretch of text once (``overlaps.py``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from newsprism.quotes.cues import RELAY_NOUNS, SPEECH_VERBS, cue_verb, lemma, pos
from newsprism.quotes.ends import choose_end, end_options
from newsprism.quotes.filter import features, load_end_weights, load_tail_weights, load_weights, probability, tail_features
from newsprism.quotes.free_quotations import attach_free_quotations, transcript_turns
from newsprism.quotes.marks import (EDGE_PUNCT, QuoteMarks, close_open_quotation, find_quotations, open_closed_quotation,
                                    past_closing_mark, trim_content)
from newsprism.quotes.overlaps import resolve_overlaps
from newsprism.quotes.records import Quote, content_text, doc_text, with_segments
from newsprism.quotes.relays import relay_of
from newsprism.quotes.speakers import NameIndex, Resolver, Speaker, is_relay, mention_span
from newsprism.quotes.shapes import (CONTENT_DEPS, QUESTION_VERBS, Draft, according_to, after_comma_or_quote, as_put_it,
                                     cue_words, governing_verb, in_opening_phrase, in_words_of, left_edge_outside_quotes,
                                     noun_of_saying, quoted_as_saying, request_with_addressee, speech_verb, subtree_ids)
from newsprism.quotes.subjects import verb_subject

_WORD = re.compile(r"\w+")


@dataclass
class Settings:
    """Knobs of the extractor (the component's config)."""

    min_partial_words: int = 3  # a quotation governed by a non-speech verb counts from this length
    min_free_words: int = 5  # an unattached quotation this long is a quote (layout, continuation); a shorter one only continues a quote in its paragraph
    continuation_sentences: int = 3  # how far back the previous quote may be for a continuation


def extract(doc: Doc, settings: Settings | None = None,
            quotations: list[QuoteMarks] | None = None) -> list[Quote]:
    """All attributed statements in ``doc`` (which must carry a dependency parse), in text order.

    Sentences without a parse (a Doc assembled from parsed and unparsed pieces) are skipped by
    the parse rules but still see their quotations attached by layout or continuation.
    """
    return [q for q, _ in _run(doc, settings or Settings(), quotations, use_filter=True)]


def candidates(doc: Doc, settings: Settings | None = None,
               quotations: list[QuoteMarks] | None = None) -> list[tuple[Quote, list[str] | None]]:
    """Every candidate attribution with its filter features, before the learned filter (the
    training data of ``filter.py``); quotations attached by layout or continuation have ``None``."""
    return _run(doc, settings or Settings(), quotations, use_filter=False)


def tail_examples(doc: Doc, settings: Settings | None = None, quotations: list[QuoteMarks] | None = None
                  ) -> list[tuple[tuple[int, int], list[tuple[int, list[str]]], list[int]]]:
    """For each proposed attribution: its cue's offsets, its content's possible cut points (char
    offset, features) and the offsets of its content tokens (the training data of the tail
    model in ``filter.py``)."""
    quotations = find_quotations(doc_text(doc)) if quotations is None else quotations
    in_quote = token_quotations(doc, quotations)
    doc.user_data["newsprism_quoted"] = [k >= 0 for k in in_quote]
    attrs = _propose(doc, settings or Settings(), quotations, in_quote)
    out = []
    for a in attrs:
        cue = (min(c.idx for c in a.cue), max(c.idx + len(c.text) for c in a.cue))
        points = [(doc[i].idx, f) for i, f in _tail_points(doc, a, in_quote)]
        out.append((cue, points, sorted(doc[i].idx for i in a.content)))
    doc.user_data.pop("newsprism_quoted", None)
    return out


def end_examples(doc: Doc, settings: Settings | None = None, quotations: list[QuoteMarks] | None = None
                 ) -> list[tuple[tuple[int, int], list[tuple[int, int]], list[tuple[int, list[str]]]]]:
    """For each attribution the rules propose (tails cut, before the end model): its cue's
    offsets, its content's pieces and the possible ends of its last piece with their features
    (the training data of the end model in ``ends.py``)."""
    text = doc_text(doc)
    quotations = find_quotations(text) if quotations is None else quotations
    in_quote = token_quotations(doc, quotations)
    doc.user_data["newsprism_quoted"] = [k >= 0 for k in in_quote]
    attrs = _attributions(doc, settings or Settings(), quotations, in_quote, text)
    out = []
    for a, options in _end_options(doc, attrs, quotations, text):
        cue = (min(c.idx for c in a.cue), max(c.idx + len(c.text) for c in a.cue))
        out.append((cue, list(a.segments), options))
    doc.user_data.pop("newsprism_quoted", None)
    return out


def _attributions(doc: Doc, settings: Settings, quotations: list[QuoteMarks], in_quote: list[int],
                  text: str) -> list[Draft]:
    """The rules' attributions with their contents as character pieces: proposed, cut where the
    tail model says the statement ended, split quotes joined; those left with no content dropped."""
    attrs = _propose(doc, settings, quotations, in_quote)
    tail_weights = load_tail_weights()
    for a in attrs:
        if tail_weights:
            _trim_tail(doc, a, in_quote, tail_weights)
        a.segments = _segments(doc, a, quotations, in_quote, text)
    _add_split_halves(doc, attrs, quotations, in_quote)
    _cut_at_other_reports(doc, attrs, text)
    return [a for a in attrs if a.segments]


def _cut_at_other_reports(doc: Doc, attrs: list[Draft], text: str) -> None:
    """End a content before another statement's cue inside it whose speaker comes before it: "X -
    who previously said he would A - said at a rally that B" (the parser hangs the main clause
    inside the relative clause's statement, so the first content runs on over the second
    report; the parser may leave that cue without a subject). A cue whose speaker is inside the
    content is a statement the speaker reports ("said that Lee told him A") and stays."""
    # (only the cues inside a content matter: found by their offsets, not by comparing every
    # pair, which an article of a thousand quotes made slow)
    cue_starts = sorted((min(c.idx for c in b.cue), k) for k, b in enumerate(attrs))
    for a in attrs:
        if not a.segments:
            continue
        first, last = a.segments[0][0], a.segments[-1][1]
        own = {c.i for c in a.cue}
        own_start = min(c.idx for c in a.cue)
        cut = None
        inside = cue_starts[bisect.bisect_right(cue_starts, (first, len(attrs))):
                            bisect.bisect_left(cue_starts, (last, -1))]
        for at, k in sorted(inside, key=lambda x: x[1]):  # (in the attributions' order, as before)
            b = attrs[k]
            verb = cue_verb(b.cue)
            if b is a or own & {c.i for c in b.cue} or verb.tag_ not in ("VBD", "VBZ", "VBP") or \
                    verb.dep_ in ("amod", "acl"):
                continue  # (an infinitive or a participle is no report of its own: "no plans to counter")
            if b.source is not None:
                # (the same speaker's next report, "said A and dismissed B", is left to the end model)
                same = a.source is not None and b.source.i == a.source.i
                speaker = mention_span(b.source).start_char
                outside = not same and not first <= speaker < last and speaker < own_start
            else:  # no subject: the main verb resuming after an inserted clause ("- said")
                before = next((t for t in reversed(doc[:min(c.i for c in b.cue)])
                               if t.dep_ not in ("advmod", "aux", "neg")), None)
                outside = before is not None and before.text in (",", "-", "–", "—", "--")
            if first < at < last and outside and (cut is None or at < cut):
                cut = at
                if b.source is None and cue_verb(a.cue).dep_ == "relcl":
                    b.source = a.source  # the one the inserted relative clause is about speaks
        if cut is None:
            continue
        pieces = [(s, min(e, cut)) for s, e in a.segments if s < cut]
        pieces = [trim_content(text, s, e) for s, e in pieces]
        a.segments = [(s, e) for s, e in pieces if e > s]


def _end_options(doc: Doc, attrs: list[Draft], quotations: list[QuoteMarks], text: str):
    """(attribution, its content's possible ends) for each attribution: an end may not run into
    the words of a statement's cue or speaker, nor into another statement's content."""
    # (the speaker's words from the start of its mention: "..., his campaign chief, Dan Moss, said")
    cue_words = sorted([t.idx for a in attrs for t in a.cue] +
                       [mention_span(a.source).start_char for a in attrs if a.source is not None])
    for a in attrs:
        rules_end = a.segments[-1][1]
        others = [s for b in attrs if b is not a for s, _ in b.segments if s >= rules_end]
        k = bisect.bisect_left(cue_words, rules_end)
        stop = min(others + cue_words[k:k + 1] + [len(text)])
        context = {"rule": a.rule, "lemma": lemma(cue_verb(a.cue)), "kind": _attribution_kind(a, text, quotations),
                   "cue": {c.i for c in a.cue}}
        yield a, end_options(doc, a.segments, stop, quotations, context)


def _propose(doc: Doc, settings: Settings, quotations: list[QuoteMarks], in_quote: list[int]) -> list[Draft]:
    """The attributions the parse rules find: cue, speaker token and content tokens."""
    parsed = _parsed_tokens(doc)
    attrs: list[Draft] = []
    used_cues: set[int] = set()
    for tok in doc:
        if not parsed[tok.i] or tok.i in used_cues or in_quote[tok.i] >= 0:
            continue
        found = according_to(tok) or in_words_of(tok) or quoted_as_saying(tok) or as_put_it(tok) or \
            speech_verb(tok, in_quote, quotations) or noun_of_saying(tok)
        if found is None:
            continue
        for c in found.cue:
            used_cues.add(c.i)
        attrs.append(found)

    # quotations governed by any verb with a subject ("blasted the 'rigged system'")
    covered = _covered(attrs)
    tokens_of: dict[int, list[int]] = {}
    for i, k in enumerate(in_quote):
        if k >= 0:
            tokens_of.setdefault(k, []).append(i)
    for k, q in enumerate(quotations):
        if q.words < settings.min_partial_words:
            continue
        toks = tokens_of.get(k, [])
        # (a mark inside the quotation may hang outside the statement holding it: "said he never
        # signed letters that were 'written by staff.'" hangs the period on "said")
        if not toks or all(i in covered for i in toks if not doc[i].is_punct) or not parsed[toks[0]]:
            continue
        found = governing_verb(doc, toks, in_quote, k)
        if found is not None and not any(c.i in used_cues for c in found.cue):
            attrs.append(found)
            used_cues.update(c.i for c in found.cue)
    _add_blocks_after_colons(doc, attrs, parsed, in_quote, quotations)
    _cut_inner_cues(doc, attrs, in_quote)
    return attrs


# nouns that stand for the words that follow a colon ("issued the following statement:",
# "tweeted this message:", "put it this way:")
_BLOCK_NOUNS = {"statement", "comment", "message", "tweet", "post", "remark", "word", "following", "note",
                "letter", "response", "reply", "answer", "way", "this", "these", "what", "quote", "passage",
                "retort", "warning", "reminder", "plea", "explanation", "assessment", "prediction", "promise",
                "vow", "pledge", "verdict", "advice", "slogan"}


_COLON_AT_PARAGRAPH_END = re.compile(r":[ \t]*\n\s*(?=\S)")


def _block_cue(sent: Span, parsed: list[bool], in_quote: list[int]) -> Token | None:
    """The verb of a sentence ending in a colon that announces the paragraph after it as what
    someone said or wrote: a speech verb ("Lee wrote:", "the governor added:") or a verb whose
    object names words ("issued the following statement:")."""
    for tok in reversed(sent):
        if not parsed[tok.i] or in_quote[tok.i] >= 0 or pos(tok) not in ("VERB", "AUX"):
            continue
        if tok.dep_ in ("amod", "acl", "relcl") and tok.tag_ == "VBN":
            continue  # "the words used:", a participle modifying a noun
        if lemma(tok) in SPEECH_VERBS and lemma(tok) not in ("call", "describe") or any(
                c.dep_ == "dobj" and lemma(c) in _BLOCK_NOUNS for c in tok.children):
            return tok
    return None


def _add_blocks_after_colons(doc: Doc, attrs: list[Draft], parsed: list[bool], in_quote: list[int],
                             quotations: list[QuoteMarks]) -> None:
    """Statements set off as a paragraph of their own after a colon ("Lee wrote:" and the
    letter's paragraph; web pages lose the block quote's marks when turned into text): the
    announcing sentence's cue gets the next paragraph as its content, in place of what the
    rules found before the colon (nothing, a topic: "observing of Trump:", or a placeholder:
    "the following")."""
    text = doc_text(doc)
    for found in _COLON_AT_PARAGRAPH_END.finditer(text):
        colon = doc.char_span(found.start(), found.start() + 1)
        if colon is None or in_quote[colon.start] >= 0 or not parsed[colon.start]:
            continue
        colon = colon[0]
        start = found.end()  # the next paragraph, which must hold words
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        block = doc.char_span(start, end, alignment_mode="expand")
        if block is None or not any(t.is_alpha for t in block):
            continue
        verb = _block_cue(colon.sent, parsed, in_quote)
        if verb is not None:
            _announce(doc, attrs, verb, {t.i for t in block if not t.is_space}, colon, "block")
    # the same within a paragraph, for a quotation opened right after the colon ("delivered a
    # snappy retort: "..."", where the parser makes the quotation the sentence's root)
    for q in quotations:
        before = text[:q.start].rstrip("\"“‘'«„ ")
        if q.words < 3 or not before.endswith(":") or "\n" in text[len(before):q.start]:
            continue
        colon = doc.char_span(len(before) - 1, len(before))
        if colon is None or in_quote[colon.start] >= 0 or not parsed[colon.start]:
            continue
        colon = colon[0]
        clause = doc[colon.sent.start:colon.i]
        quoted = doc.char_span(q.start, q.end, alignment_mode="expand")
        verb = (_block_cue(clause, parsed, in_quote) or _root_with_subject(clause, parsed)) if len(clause) else None
        if verb is not None and quoted is not None:
            _announce(doc, attrs, verb, {t.i for t in quoted if not t.is_space}, colon, "colon")


def _root_with_subject(clause: Span, parsed: list[bool]) -> Token | None:
    """The main verb of the words before a colon, when it has a subject that can speak: with a
    quotation after the colon, what it announces is someone's words whatever the verb ("The
    memo worded it more carefully: '...'")."""
    root = next((t for t in clause if t.head.i == t.i or not clause.start <= t.head.i < clause.end), None)
    if root is None or not parsed[root.i] or pos(root) != "VERB" or lemma(root) in ("be", "seem", "become"):
        return None  # ("The stakes are high: ...": a copula describes, it does not announce)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in ("it", "there", "this", "that", "what"):
        return None
    return root


def _announce(doc: Doc, attrs: list[Draft], verb: Token, content: set[int], colon: Token, rule: str) -> None:
    """Give the statement announced by ``verb`` before ``colon`` the words after it as content:
    to the verb's own attribution when what the rules found is nothing, a topic or a
    placeholder ("the following"), or to a new one."""
    mine = next((a for a in attrs if any(c.i == verb.i for c in a.cue)), None)
    if mine is not None:
        placeholder = not mine.content or mine.rule in ("prep", "adjacent") or all(
            lemma(doc[i]) in _BLOCK_NOUNS or not doc[i].is_alpha or doc[i].dep_ in ("det", "amod")
            for i in mine.content)
        if placeholder and all(i <= colon.i or doc[i].is_space for i in mine.content):
            mine.content, mine.rule = content, rule
        return
    if any(a.content & content for a in attrs):
        return  # the words are already someone's statement ("He said: ..." is found otherwise)
    source, _ = verb_subject(verb)
    if source is None:
        return
    attrs.append(Draft(cue=cue_words(verb), source=source, content=content, via=relay_of(verb),
                       anchor=verb.i, rule=rule))


def _run(doc: Doc, settings: Settings, quotations: list[QuoteMarks] | None,
         use_filter: bool) -> list[tuple[Quote, list[str] | None]]:
    text = doc_text(doc)
    quotations = find_quotations(text) if quotations is None else quotations
    in_quote = token_quotations(doc, quotations)
    doc.user_data["newsprism_quoted"] = [k >= 0 for k in in_quote]  # read by verb_subject
    attrs = _attributions(doc, settings, quotations, in_quote, text)
    end_weights = load_end_weights()
    if end_weights:
        for a, options in _end_options(doc, attrs, quotations, text):
            end = choose_end(options, end_weights)
            a.segments[-1] = (a.segments[-1][0], end)
    attrs.sort(key=lambda a: (a.segments[0][0], a.anchor))
    outer = {id(a) for a in _drop_nested(attrs)}
    weights, threshold = load_weights()
    feats: dict[int, list[str]] = {}
    for a in attrs:
        segs = tuple(a.segments)
        feats[id(a)] = features(
            doc, a.cue, a.source, a.rule, _attribution_kind(a, text, quotations),
            sum(len(_WORD.findall(text, s, e)) for s, e in segs), len(segs), id(a) not in outer,
            _adjacent_quotation(doc, a, quotations, in_quote, text) is not None)
    if use_filter:
        # reported speech inside reported speech stays part of the outer statement; the learned
        # filter then drops the shapes that rarely report speech
        attrs = [a for a in attrs if id(a) in outer and
                 (not weights or probability(feats[id(a)], weights) >= threshold or request_with_addressee(a))]

    names = NameIndex(doc, [k >= 0 for k in in_quote])
    resolver = Resolver(doc, names)
    sent_of = resolver.names.sent_of
    quotes: list[tuple[Quote, int]] = []
    made: dict = {}  # features of each quote made from an attribution, by its cue's offsets
    relays: list[tuple[Draft, Speaker]] = []
    for a in sorted(attrs, key=lambda a: min(c.i for c in a.cue)):
        first = doc.char_span(a.segments[0][0], a.segments[0][1], alignment_mode="expand")
        sent = sent_of[a.cue[0].i]
        if first is not None and len(first):
            sent = min(sent, sent_of[first.start])
        if a.source is None:
            a.source = _nearby_name(doc, a, in_quote)
        sp = resolver.resolve(a.source, sent) if a.source is not None else None
        via = a.via.text if a.via is not None else sp.document if sp is not None else None
        if sp is not None:
            resolver.remember(sp, sent, asked=lemma(cue_verb(a.cue)) in QUESTION_VERBS)
        quote = _make_quote(doc, a, sp, via, quotations, text)
        quotes.append((quote, sent))
        made[quote.cue_span] = feats[id(a)]
        if sp is not None:
            relays.append((a, sp))
    quotes = _apply_relays(doc, quotes, relays)
    quotes = attach_free_quotations(doc, quotes, quotations, settings, sent_of, resolver)
    quotes = transcript_turns(doc, quotes, sent_of, resolver)
    quotes.sort(key=lambda qs: qs[0].start)
    doc.user_data.pop("newsprism_quoted", None)
    found = [q for q, _ in quotes]
    if use_filter:
        found = resolve_overlaps(found, text)  # words reached by two rules are reported once
    found = [_with_closed_quotations(q, text, quotations) for q in found]
    return [(q, made.get(q.cue_span)) for q in found]


def _with_closed_quotations(q: Quote, text: str, quotations: list[QuoteMarks]) -> Quote:
    """``q`` with each piece that leaves a quotation open taking its closing mark (an end chosen
    before a mark's token stops short of it: `could begin "at any moment`), and each piece that
    starts inside a quotation it runs past taking the opening mark. A piece of a quotation that
    runs over paragraphs is first cut where each paragraph reopens it (the mark that opens the
    next paragraph is the writer's convention, no quotation of its own)."""
    segs = []
    for piece in q.segments:
        for s, e in _cut_at_reopening_marks(text, *piece, quotations):
            s = open_closed_quotation(text, s, e)
            segs.append((s, close_open_quotation(text, s, e)))
    segs = tuple(segs)
    return q if segs == q.segments else with_segments(q, text, segs)


_REOPENING_MARK = re.compile(r"[ \t]*\n\s*[\"“«„‘']")


def _cut_at_reopening_marks(text: str, start: int, end: int, quotations: list[QuoteMarks]
                            ) -> list[tuple[int, int]]:
    """``(start, end)`` cut at the paragraph breaks where a quotation running over paragraphs
    reopens (`“A.\n\n“B.”` -> `A.` and `B.`); as it is when it lies in no such quotation."""
    if "\n" not in text[start:end] or not any(
            m.paragraphs > 1 and m.start <= start and end <= m.end + 1 for m in quotations):
        return [(start, end)]
    pieces, pos = [], start
    for m in _REOPENING_MARK.finditer(text, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    return [(a, b) for a, b in pieces if b > a]


# ---------------------------------------------------------------------------- token helpers

def token_quotations(doc: Doc, quotations: list[QuoteMarks]) -> list[int]:
    """For each token, the index of the quotation whose content holds it, or -1."""
    # (by the tokens' offsets as one array, not Token objects: this runs over every token of
    # every article twice)
    out = [-1] * len(doc)
    if not quotations or not len(doc):
        return out
    starts = doc.to_array(IDX).tolist()
    for k, q in enumerate(quotations):
        for i in range(bisect.bisect_left(starts, q.start), bisect.bisect_left(starts, q.end)):
            if out[i] < 0:
                out[i] = k
    return out


def _parsed_tokens(doc: Doc) -> list[bool]:
    """Which tokens carry a dependency parse (all, unless pieces of the Doc were left unparsed)."""
    ranges = doc.user_data.get("newsprism_parsed")
    if ranges is not None:  # a Doc from the fast route: only these ranges were parsed
        mask = [False] * len(doc)
        for a, b in ranges:
            mask[a:b] = [True] * (b - a)
        return mask
    if not doc.has_annotation("DEP"):
        return [False] * len(doc)
    return [bool(t.dep_) for t in doc]


def _nearby_name(doc: Doc, a: Draft, in_quote: list[int]) -> Token | None:
    """For an active cue the parse gave no subject: the last name just before it in the same
    sentence, outside the content and quotations (the parser lost the arc, not the speaker)."""
    verb = cue_verb(a.cue, default=None)
    if verb is None or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or verb.tag_ in ("VBN", "VBG"):
        return None
    sent_start = verb.sent.start
    for i in range(verb.i - 1, max(sent_start, verb.i - 20) - 1, -1):
        tok = doc[i]
        # (the content's text, not its parse: the parser may hang the name between a closing
        # mark and the verb on the quotation, as in `"...," Tulsa police Chief Ann Lee said`)
        in_content = any(s <= tok.idx < e for s, e in a.segments)
        if in_content or in_quote[i] >= 0 or tok.text in (";", ":") or tok.is_quote:
            return None
        if tok.ent_type_ == "PERSON":
            return tok  # (scanning leftwards: the last word of the name)
        if verb.i - i > 8 and pos(tok) in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "which", "that") for c in tok.children):
            return None  # further back, not across another clause with its own subject ("Lee, who had
            # failed to win the party's nomination, called ..." passes)
    return None


# ------------------------------------------------------------------------------- content

def _cut_inner_cues(doc: Doc, attrs: list[Draft], in_quote: list[int]) -> None:
    """Trim what does not belong to a statement's content.

    * another cue sharing the speaker ("said X and warned Y", "said X, citing Y"): its clause is
      its own statement;
    * after the cue, a ";" outside quotation marks ends the statement;
    * a trailing ", which ..." / ", who ..." clause is the writer's aside, unless it quotes.
    """
    verbs = sorted((cue_verb(b.cue).i, k) for k, b in enumerate(attrs))  # (looked up by position)
    for a in attrs:
        if not a.content:
            continue
        inside = verbs[bisect.bisect_left(verbs, (min(a.content), -1)):
                       bisect.bisect_right(verbs, (max(a.content), len(attrs)))]
        for _, k in sorted(inside, key=lambda x: x[1]):
            b = attrs[k]
            if b is a:
                continue
            verb = cue_verb(b.cue)
            if verb.i not in a.content or in_quote[verb.i] >= 0:
                continue
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            if verb.dep_ in ("conj", "advcl", "xcomp") and not own_subject and \
                    (b.source is None or b.source.i not in a.content or _shares_statement_subject(a, verb)):
                # the same speaker's next statement ("said A and warned B", "said A, citing B")
                a.content -= subtree_ids(verb)
                if b.source is None or pos(b.source) == "NOUN" and _shares_statement_subject(a, verb):
                    b.source = a.source
                a.content -= {c.i for c in verb.head.children if c.dep_ in ("cc", "punct")
                              and verb.left_edge.i - 3 < c.i < verb.left_edge.i}
            elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and not own_subject and verb.i > 0 and \
                    doc[verb.left_edge.i - 1].text == "," and a.source is not None:
                # "..., citing X" / "..., arguing that Y" at the end of a statement: the speaker's
                # next statement, even when the parser hung it inside the first one
                a.content -= subtree_ids(verb)
                a.content.discard(verb.left_edge.i - 1)
                b.source = a.source
            elif verb.dep_ in ("parataxis", "ccomp", "advcl") and own_subject and \
                    verb.i > max(c.i for c in a.cue) and (after_comma_or_quote(verb) or _after_conjunction(verb)) \
                    and verb.left_edge.i > min(a.content):
                # `Critics said the plan was "a disaster," the paper reported`: a cue clause of
                # its own after the statement, not part of what was said; "Most said A, and half
                # said B" (the parser hung the second statement inside the first): two statements
                a.content -= subtree_ids(verb)
                a.content -= _joining_words(verb)
            elif verb.dep_ == "conj" and own_subject and b.source is not None and \
                    (a.source is None or b.source.lower_ != a.source.lower_):
                # "A said X, and rights groups warned Y": two statements, not one
                a.content -= subtree_ids(verb)
                a.content -= {c.i for c in verb.head.children if c.dep_ in ("cc", "punct") and c.i < verb.left_edge.i
                              and c.i > verb.left_edge.i - 3}
                a.content -= _joining_words(verb)
        cue_i = max(c.i for c in a.cue)
        ids = sorted(a.content)
        if ids and ids[0] > cue_i:
            for i in ids:
                if doc[i].text == ";" and in_quote[i] < 0:
                    a.content = {j for j in a.content if j < i}
                    break
        ids = sorted(a.content)
        if ids:
            last = ids[-1]
            for i in reversed(ids):
                tok = doc[i]
                if tok.dep_ == "relcl" and in_quote[i] < 0 and tok.left_edge.i > 0 and \
                        doc[tok.left_edge.i - 1].text == "," and tok.right_edge.i >= last - 1 and \
                        tok.left_edge.i > ids[0] and not any(in_quote[j] >= 0 for j in subtree_ids(tok)):
                    # (one holding a quotation is the speaker's words: "he would deport refugees,
                    # who he speculates are 'mostly men'")
                    a.content -= subtree_ids(tok)
                    a.content.discard(tok.left_edge.i - 1)
                    break
        # a conjunction left dangling where the next clause was cut off ("... about them and")
        while a.content and max(a.content) > cue_i:
            last_tok = doc[max(a.content)]
            if in_quote[last_tok.i] >= 0 or not (last_tok.dep_ == "cc" or last_tok.text in (",", "—", "–")):
                break
            a.content.discard(last_tok.i)


def _shares_statement_subject(a: Draft, verb: Token) -> bool:
    """Whether ``verb`` is coordinated with the head of ``a``'s statement and borrows its subject:
    "Lee said he welcomed the ruling and added ...": the parser joined "added" to "welcomed", but
    news writing coordinates a second speech verb with the first cue, so it starts a statement of
    its own rather than continuing the reported one."""
    head = verb.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # a named subject ("said Lee met the envoy and warned ...") is more often a report of what
    # that person did and said; a pronoun usually refers back to the speaker, and a common noun
    # ("said the main goal is X but conceded Y") leaves the speaker the only one who can speak
    return verb.dep_ == "conj" and head.i in a.content and head.dep_ in CONTENT_DEPS and \
        any(head.head.i == c.i for c in a.cue) and not any(c.dep_ == "mark" for c in verb.children) and \
        subject is not None and (subject.lower_ in ("he", "she", "they", "we", "i") or pos(subject) == "NOUN")


def _after_conjunction(tok: Token) -> bool:
    """Whether the words of ``tok``'s clause come right after "and" / "but" (a clause with its own
    subject coordinated with a statement is not part of it: "A said X, and B said Y")."""
    doc = tok.doc
    first = tok.left_edge
    return first.i > 0 and doc[first.i - 1].lower_ in ("and", "but", "while", "whereas")


def _joining_words(tok: Token) -> set[int]:
    """The conjunction and commas right before ``tok``'s clause (", and", "but")."""
    doc = tok.doc
    out = set()
    i = tok.left_edge.i - 1
    while i >= 0 and (doc[i].lower_ in ("and", "but", "while", "whereas") or doc[i].text in (",", "—", "–")) \
            and len(out) < 2:
        out.add(i)
        i -= 1
    return out


def _add_split_halves(doc: Doc, attrs: list[Draft], quotations: list[QuoteMarks], in_quote: list[int]) -> None:
    """`"A," he said, "B."`: a quotation right before the cue clause and one right after it
    both belong to the statement when no other statement holds them. The cue clause takes the
    cue verb's and the speaker's own words after them (`"A," said Ann Lee, a lawyer, speaking
    of the vote, "B."`, `"A," he wrote in a letter to members, "B."`)."""
    taken = [seg for a in attrs for seg in a.segments]
    text = doc_text(doc)
    for a in attrs:
        if not a.segments or a.source is None:
            continue
        verb = cue_verb(a.cue)
        first = min([c.i for c in a.cue] + [a.source.left_edge.i])
        last = _cue_clause_end(doc, a, max([c.i for c in a.cue] + [a.source.i]), in_quote)
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        for q in _quotations_around(quotations, start, end):
            close = past_closing_mark(text, q)
            gap_before = text[close:start] if close <= start else "x"
            gap_after = text[end:q.open_at] if q.open_at >= end else "x"
            # same sentence: the quotation ends in a comma, "?" or "!" before its cue, or the cue
            # clause ends in a comma or colon before the quotation
            before = not gap_before.strip(" ,—–-") and "\n" not in gap_before and \
                text[q.start:q.end].rstrip()[-1:] in (",", "?", "!", "—") and not in_opening_phrase(doc, verb, q)
            after = not gap_after.strip(" ,:—–-") and ("," in gap_after or ":" in gap_after) and \
                ("\n" not in gap_after or ":" in gap_after)
            if (before or after) and q.words >= 1 and not any(s < q.end and q.start < e for s, e in taken):
                a.segments = sorted(a.segments + [trim_content(text, q.start, q.end)])
                taken.append((q.start, q.end))


def _cue_clause_end(doc: Doc, a: Draft, last: int, in_quote: list[int]) -> int:
    """The last token of a cue clause that ends at ``last``, widened over the words that hang
    on the cue verb or the speaker and are not the content: adverbials ("on Monday", "in a
    statement"), an apposition ("a lawyer"), a participle ("speaking of the vote"); never over
    a quotation mark, a quoted word or the end of a sentence."""
    verb = cue_verb(a.cue)
    own = {t.i for t in verb.subtree}
    if a.source is not None:
        own |= {t.i for t in a.source.subtree}
    j = end = last
    while j + 1 < len(doc) and j + 1 in own and j + 1 not in a.content and in_quote[j + 1] < 0:
        nxt = doc[j + 1]
        if nxt.is_quote or nxt.text in (".", "!", "?", ";") or "\n" in nxt.text:
            break
        j += 1
        if not (nxt.is_punct or nxt.is_space):
            end = j  # (the clause's own closing comma stays in the gap)
    return end

# dependents that may start a writer's addition at the end of a reported statement
_TAIL_DEPS = {"conj", "advcl", "appos", "relcl", "acl", "prep", "npadvmod", "parataxis", "advmod", "ccomp",
              "dep"}
_SEPARATORS = {",", "—", "–", "-", "--", ";", "(", ":"}


def _tail_points(doc: Doc, a: Draft, in_quote: list[int]) -> list[tuple[int, list[str]]]:
    """Places where the content of a forward statement ("X said that ...") might end early:
    the first tokens of right-hand dependents in it (a clause after ", but", an apposition, a
    participle, a "because" clause ...), with the features of ``filter.tail_features``."""
    if not a.content or a.rule in ("inverted", "governing", "according", "quoted_as"):
        return []
    cue_last = max(c.i for c in a.cue)
    if min(a.content) < cue_last:
        return []
    content = a.content
    first = min(content)
    verb = cue_verb(a.cue)
    source_text = a.source.lower_ if a.source is not None else ""
    out = []
    seen = set()
    for i in sorted(content):
        r = doc[i]
        if r.head.i not in content or r.head.i == i or r.i < r.head.i or r.dep_ not in _TAIL_DEPS:
            continue
        start = r.left_edge.i
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and (prev.dep_ == "cc" or prev.text in _SEPARATORS) and prev.i in content:
            start = prev.i
            if start > 0 and doc[start - 1].text in _SEPARATORS and doc[start - 1].i in content:
                start -= 1  # ", and"
        if start <= first or start in seen or in_quote[start] >= 0 or in_quote[r.left_edge.i] >= 0:
            continue
        if r.dep_ == "prep" and pos(r.head) not in ("VERB", "AUX") and doc[start].text not in _SEPARATORS:
            continue  # "a share of the vote": the noun's own complement
        seen.add(start)
        out.append((start, tail_features(doc, r, doc[start], verb, source_text, in_quote,
                                         sum(1 for j in content if j < start and doc[j].is_alpha))))
    return out


# the tail model's probability that the statement goes on, below which the content is cut
TAIL_CUT = 0.5


def _trim_tail(doc: Doc, a: Draft, in_quote: list[int], weights: dict[str, float]) -> None:
    """Cut the content at the first point where the tail model says the statement has ended."""
    for start, feats in _tail_points(doc, a, in_quote):
        if probability(feats, weights) < TAIL_CUT:
            a.content = {i for i in a.content if i < start}
            return


def _segments(doc: Doc, a: Draft, quotations: list[QuoteMarks], in_quote: list[int],
              text: str) -> list[tuple[int, int]]:
    """Character pieces of an attribution's content.

    Content tokens are cut into contiguous runs; a run touching a quotation grows to the whole
    quotation (quotations cross sentences the parser split), unless the cue itself is quoted.
    """
    cue_ids = {c.i for c in a.cue}
    src_ids = set()
    if a.source is not None and a.source.i not in a.content:
        # the speaker's words, not its whole subtree ("Trump, who says he is honored")
        span = mention_span(a.source)
        src_ids = set(range(span.start, span.end)) | {a.source.i}
    ids = sorted(i for i in a.content if i not in cue_ids and i not in src_ids)
    if not ids:
        # content from adjacency: the quotation just before or after the cue clause
        q = _adjacent_quotation(doc, a, quotations, in_quote, text)
        if q is None:
            return []
        # a lone quoted word next to a verb is a scare quote ("threatens 'imminent' op"), unless
        # it is a sentence of its own (`"No," he said.`)
        if q.words < 3 and not text[q.start:q.end].rstrip().endswith((",", ".", "!", "?")):
            return []
        return [trim_content(text, q.start, q.end)]
    runs: list[list[int]] = []
    for i in ids:
        if doc[i].is_space:
            continue
        if runs and "\n" in text[doc[runs[-1][-1]].idx:doc[i].idx]:
            runs.append([i])  # content never runs over a paragraph break by itself
            continue
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        elif runs and all(doc[j].is_punct or doc[j].is_space for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        start = doc[run[0]].idx
        last = doc[run[-1]]
        end = last.idx + len(last.text)
        spans.append([start, end])
    cue_chars = [(c.idx, c.idx + len(c.text)) for c in a.cue]
    for q in quotations:
        if any(q.start <= s < q.end for s, _ in cue_chars):
            continue
        for sp in spans:
            if sp[0] < q.end and q.start < sp[1]:
                sp[0] = min(sp[0], q.start)
                sp[1] = max(sp[1], q.end)
    # merge overlaps and pieces separated by marks and spaces only
    spans.sort()
    merged: list[list[int]] = []
    for sp in spans:
        if merged and (sp[0] <= merged[-1][1] or not text[merged[-1][1]:sp[0]].strip(EDGE_PUNCT + ".")):
            merged[-1][1] = max(merged[-1][1], sp[1])
        else:
            merged.append(sp)
    out = []
    for start, end in merged:
        end = _end_of_opening_quotation(text, quotations, start, end)
        start = _start_of_announced_quotation(doc, text, quotations, start, end)
        start, end = trim_content(text, start, end)
        tag = _WIRE_TAG.match(text, start, end)
        if tag:  # "MOSCOW, March 4. /TASS/. Russian forces ...": the agency's tag is no one's words
            start = tag.end()
        if end > start and _WORD.search(text, start, end):
            out.append((start, end))
    return out


# a news agency's tag after a dateline ("/TASS/.", "(Reuters) -"), which the tokenizer keeps in
# one piece with its slashes and the parser hangs on the first sentence
_WIRE_TAG = re.compile(r"(?:/[A-Z][\w .-]{0,30}/|\([A-Z][\w .-]{0,30}\))\s*[.:\-–—]*\s+(?=[\"“‘«A-Z])")


def _start_of_announced_quotation(doc: Doc, text: str, quotations: list[QuoteMarks], start: int, end: int) -> int:
    """Where a content that names a statement and then quotes it after a colon starts ("issued a
    statement: "...""): at the quotation, which is the statement. Words before the colon with a
    verb of their own ("he hoped that ...: "..."") are said too, and stay."""
    q = next((q for q in quotations if start < q.start < end <= q.end + 1), None)
    if q is None or q.words < 3 or not text[start:q.start].rstrip("\"“‘'«„ ").endswith(":"):
        return start
    before = doc.char_span(start, q.start, alignment_mode="contract")
    if before is None or any(pos(t) in ("VERB", "AUX") for t in before):
        return start
    return q.start


def _end_of_opening_quotation(text: str, quotations: list[QuoteMarks], start: int, end: int) -> int:
    """Where a content that opens with a whole quoted statement ends: at the quotation's close
    when the quotation ends its own sentence or clause inside the marks (`"It is about time,"`)
    and unquoted words follow (`"...," to cheers`, hung there by the parser, are the writer's)."""
    q = next((q for q in quotations if q.start == start), None)
    if q is None or q.end >= end or q.words < 3 or not _WORD.search(text, q.end, end):
        return end
    if not text[q.start:q.end].rstrip("\"”’'» ").endswith((",", ".", "!", "?")):
        return end
    if any(start < o.start < end for o in quotations if o is not q):
        return end  # a statement quoted in pieces with words between: not this shape
    return q.end


def _quotations_around(quotations: list[QuoteMarks], start: int, end: int,
                       reach: int = 3) -> list[QuoteMarks]:
    """The quotations (in text order, as ``find_quotations`` gives them) that may stand right
    before ``start`` or right after ``end``: the ``reach`` closest on each side and any between
    (a cue clause's neighbours, found without walking the whole text's quotations)."""
    lo = bisect.bisect_left(quotations, start, key=lambda q: q.open_at)
    hi = bisect.bisect_left(quotations, end, key=lambda q: q.open_at)
    return quotations[max(0, lo - reach):hi + reach]


def _adjacent_quotation(doc: Doc, a: Draft, quotations: list[QuoteMarks], in_quote: list[int],
                        text: str) -> QuoteMarks | None:
    """The quotation the cue clause stands next to: `"...," he said` or `He said: "..."`."""
    verb = cue_verb(a.cue) if any(pos(c) in ("VERB", "AUX") for c in a.cue) else a.cue[-1]
    # the cue clause's extent: from the subject (or the cue) to the cue
    first = min([verb.i] + ([left_edge_outside_quotes(a.source)] if a.source is not None else []))
    last = max(c.i for c in a.cue)
    if a.source is not None:
        last = max(last, a.source.i)
    clause_start = doc[first].idx
    clause_end = doc[last].idx + len(doc[last].text)
    before = None
    after = None
    for q in _quotations_around(quotations, clause_start, clause_end):
        close = q.close_at if q.close_at is not None else q.end
        if close <= clause_start and not text[close + 1:clause_start].strip(EDGE_PUNCT + " ") and \
                not _ends_sentence_before(text, q, clause_start) and not _opened_by_cue(doc, q) and \
                not in_opening_phrase(doc, verb, q):
            before = q
        if q.open_at >= clause_end and after is None:
            gap = text[clause_end:q.open_at]
            if not gap.strip(" \t\n,:—–-") or (len(gap) < 60 and gap.strip().endswith(":")) or \
                    _ADDRESSEE_GAP.match(gap) or _inserted_phrase(doc, clause_end, q.open_at):
                after = q
    if before is not None:
        return before
    return after


# the person addressed between a cue and its quotation: `tweeting at him, "..."`, `said to the crowd, "..."`
_ADDRESSEE_GAP = re.compile(r"\s+(?:at|to)\s+(?:\w+\s+){0,2}\w+\s*[,:]\s*$")


def _opened_by_cue(doc: Doc, q: QuoteMarks) -> bool:
    """Whether a verb of saying and a comma or colon stand right before the quotation's opening
    mark (`someone shouted, "Cruz," Beck joked`: the quotation is the shouter's)."""
    span = doc.char_span(max(0, q.open_at - 40), q.open_at, alignment_mode="contract")
    words = [t for t in span if not t.is_space] if span is not None else []
    if len(words) < 2 or words[-1].text not in (",", ":"):
        return False
    verb = words[-2]
    return lemma(verb) in SPEECH_VERBS and pos(verb) == "VERB"


def _inserted_phrase(doc: Doc, clause_end: int, open_at: int) -> bool:
    """Whether the words between a cue clause and the quotation after it are a phrase set off by
    commas that names no other statement: `Beck joked, again using a drawl, "..."`, `Lee told
    radio host Ann Boyle, "..."` (a participle or adverb phrase, or an addressee; no finite verb,
    no other verb of saying, at most ten words, on one line)."""
    gap = doc_text(doc)[clause_end:open_at]
    if "\n" in gap or not gap.rstrip().endswith((",", ":")) or len(_WORD.findall(gap)) > 10:
        return False
    span = doc.char_span(clause_end, open_at, alignment_mode="contract")
    if span is None:
        return False
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text in (".", "!", "?", ";") or t.is_quote or
                   lemma(t) in SPEECH_VERBS and pos(t) == "VERB" for t in span)


def _ends_sentence_before(text: str, q: QuoteMarks, clause_start: int) -> bool:
    """Whether a quotation closes its own sentence before a cue clause that opens a new one
    (`"... changes."  Asked about it, he said ...`; a quotation of the clause ends in a comma,
    "?" or "!": `"...," he said`), or a paragraph lies between them."""
    close = q.close_at if q.close_at is not None else q.end
    if "\n" in text[close:clause_start]:
        return True
    return text[q.start:q.end].rstrip().endswith(".") and text[clause_start:clause_start + 1].isupper()


def _covered(attrs: list[Draft]) -> set[int]:
    out: set[int] = set()
    for a in attrs:
        out |= a.content
    return out


def _drop_nested(attrs: list[Draft]) -> list[Draft]:
    """Keep attributions whose cue is not inside another one's content (reported speech inside
    reported speech is part of the outer statement), except that an outer one whose speaker is
    a relay is decided later (see ``_apply_relays``)."""
    def inside(tok, b: Draft) -> bool:  # (by the pieces the content ended with, not the rules' tokens)
        return any(s <= tok.idx < e for s, e in b.segments)

    keep = []
    for a in attrs:
        cue = a.cue[0]
        outer = [b for b in attrs if b is not a and inside(cue, b)
                 and (a.source is None or inside(a.source, b)) and not inside(b.cue[0], a)]
        if outer and not any(_could_be_relay(b) for b in outer):
            continue
        keep.append(a)
    return keep


def _could_be_relay(a: Draft) -> bool:
    if a.source is None:
        return False
    return lemma(a.source) in RELAY_NOUNS or a.source.lower_ in RELAY_NOUNS \
        or a.source.lower_ == "it"


def _make_quote(doc: Doc, a: Draft, sp: Speaker | None, via: str | None,
                quotations: list[QuoteMarks], text: str) -> Quote:
    segs = tuple(a.segments)
    start, end = segs[0][0], segs[-1][1]
    body = content_text(text, segs)
    cue_start = min(c.idx for c in a.cue)
    cue_end = max(c.idx + len(c.text) for c in a.cue)
    via_span = None
    if a.via is not None:
        via_span = (a.via.start_char, a.via.end_char)
    kind = _attribution_kind(a, text, quotations)
    return Quote(
        start=start, end=end, text=body, kind=kind, segments=segs,
        cue=text[cue_start:cue_end], cue_span=(cue_start, cue_end),
        speaker=sp.mention if sp else None, speaker_span=sp.span if sp else None,
        speaker_name=sp.name if sp else None, speaker_label=sp.label if sp else None,
        role=sp.role if sp else None, via=via, via_span=via_span,
    )


def _attribution_kind(a: Draft, text: str, quotations: list[QuoteMarks]) -> str:
    """The kind of an attribution's content (``_kind``); a paragraph set off after a colon is a
    block quotation: verbatim, whether or not the page kept its marks."""
    return "direct" if a.rule == "block" else _kind(text, tuple(a.segments), quotations)


def _kind(text: str, segs: tuple[tuple[int, int], ...], quotations: list[QuoteMarks]) -> str:
    """direct: every word of the content is quoted; partial: some are; indirect: none."""
    words = [m.span() for s, e in segs for m in _WORD.finditer(text, s, e)]
    if not words:
        return "indirect"
    quoted = 0
    starts = [q.start for q in quotations]  # (quotations are in text order and do not overlap)
    for ws, we in words:
        k = bisect.bisect_right(starts, ws) - 1
        if k >= 0 and quotations[k].start <= ws and we <= quotations[k].end:
            quoted += 1
    if quoted == len(words):
        return "direct"
    return "partial" if quoted else "indirect"


# --------------------------------------------------------------------------------- relays

def _apply_relays(doc: Doc, quotes: list[tuple[Quote, int]], relays: list[tuple[Draft, Speaker]]
                  ) -> list[tuple[Quote, int]]:
    """A statement reported by a document or an office ("the Kremlin readout said Putin stressed
    ...") belongs to the person inside: the inner quote gets the relay as ``via`` and the outer
    one goes."""
    drop = set()
    replace = {}
    for a, sp in relays:
        if not (is_relay(sp, a.source) or (sp.label == "ORG" and a.source is not None
                                            and a.source.ent_type_ == "ORG")):
            continue
        outer_q = next((q for q, _ in quotes if q.cue_span == (min(c.idx for c in a.cue),
                                                                max(c.idx + len(c.text) for c in a.cue))), None)
        if outer_q is None:
            continue
        lo = min(outer_q.start, outer_q.cue_span[0])
        hi = max(outer_q.end, outer_q.cue_span[1])
        inner = [q for q, _ in quotes if q is not outer_q and q.cue_span is not None
                 and lo <= q.cue_span[0] < hi and q.speaker_label == "PERSON"]
        if not inner:
            continue
        drop.add(outer_q.cue_span)
        relay = sp.name if sp.name and sp.label != "PERSON" else sp.mention
        for q in inner:
            if q.via is None:
                replace[q.cue_span] = _with(q, via=relay, via_span=sp.span)
    out = []
    for q, s in quotes:
        if q.cue_span in drop:
            continue
        out.append((replace.get(q.cue_span, q), s))
    return out


def _with(q: Quote, **changes) -> Quote:
    from dataclasses import replace
    return replace(q, **changes)
