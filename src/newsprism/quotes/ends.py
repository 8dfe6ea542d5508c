"""Where a reported statement's content ends: a small learned re-ranker of end points.

The parse rules end a content where the cue verb's complement ends (and the tail model in
``filter.py`` may cut it at a writer's addition). On annotated news (PolNeAR train) most of
the remaining boundary errors are at the end, in both directions: a content stops at a
coordination the statement runs over ("said that A but that B"), runs on into the writer's
own clause (", and he railed against ..."), or stops at the first of several sentences the
speaker said. No library decides this, so it is done here: ``end_options`` lists the places in
the paragraph where the content could end instead (before a clause boundary: punctuation, a
conjunction, a relative word, a sentence start; never past another statement's cue, speaker
or content, nor more than ``MAX_SENTENCES`` sentences on), each with binary features, and a
logistic model (``end_weights`` in ``filter_weights.json``, trained by ``train.py``) scores
them: ``choose_end`` returns the best-scoring one. The rules' own end is an option with
features of its own, so it stays unless the evidence says otherwise.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from newsprism.quotes.cues import SPEECH_VERBS, lemma, names_occasion
from newsprism.quotes.marks import QuoteMarks, trim_content
from newsprism.quotes.records import doc_text
from newsprism.quotes.subjects import reported_clause_conjunct

# words that open a clause or a phrase the content may end before
END_WORDS = frozenset("""
and but or nor while whereas although though because as after before since which who whom whose
where when if unless until so than including despite even then yet like with without according
""".split())
# what follows a boundary, told apart by the model ("... , he added", "... . But")
_PRONOUNS = frozenset("he she they it i we you his her their its this that these those there".split())
BOUNDARY_PUNCT = {",", ";", ":", ".", "!", "?", "(", ")", "—", "–", "-", "--"}
_WORD = re.compile(r"\w+")
_CLOSING_MARKS = frozenset("\"”’'»")
MAX_SENTENCES = 2  # how many sentence starts past the rules' end an option may run over


def _bucket_steps(n: int) -> str:
    return f"{n:+d}" if -2 <= n <= 2 else ("-3+" if n < 0 else "+3+")


def _bucket_words(n: int) -> str:
    return "1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21-40" if n <= 40 else "41+"


def _kind_of(tok) -> str:
    """The kind of the token an option ends before."""
    if tok is None:
        return "end"
    if tok.is_quote:
        return "quote"
    if tok.text in BOUNDARY_PUNCT:
        return {"—": "dash", "–": "dash", "-": "dash", "--": "dash"}.get(tok.text, tok.text)
    if tok.lower_ in END_WORDS:
        return tok.lower_
    return "sent" if tok.is_sent_start else "word"


def _word_after(doc: Doc, i: int) -> str:
    """The first word after position ``i`` (a boundary token), as a feature value."""
    for tok in doc[i + 1: i + 4]:
        if tok.is_space or (tok.is_punct and not tok.is_quote):
            continue
        if tok.is_quote:
            return "quote"
        if tok.lower_ in END_WORDS or tok.lower_ in _PRONOUNS:
            return tok.lower_
        if tok.like_num:
            return "num"
        if tok.lower_ in ("a", "an", "the"):
            return "det"  # ", a mass layoff rivaling ...": an apposition to the whole statement
        return "Cap" if tok.text[:1].isupper() else "low"
    return "none"


def end_options(doc: Doc, segments: list[tuple[int, int]], stop: int, quotations: list[QuoteMarks],
                context: dict) -> list[tuple[int, list[str]]]:
    """The possible ends of a content whose pieces are ``segments`` (character offsets; the last
    one is re-ended), as (end offset, feature names), in text order. Options run from the last
    piece's start to the paragraph's end, ``stop`` (where the next statement's words begin) or
    ``MAX_SENTENCES`` sentence starts past the rules' end, whichever comes first. ``context``
    holds the statement's ``rule``, cue ``lemma``, ``kind`` (direct, partial, indirect) and
    ``cue`` (the cue's token indices)."""
    text = doc_text(doc)
    start, rules_end = segments[-1]
    span = doc.char_span(start, rules_end, alignment_mode="expand")
    if span is None or not len(span):
        return [(rules_end, [])]
    raw: dict[int, tuple[int, object]] = {}  # trimmed end -> (token index it ends before, token)
    sentences_past = 0
    i = span.start + 1
    while i < len(doc):
        tok = doc[i]
        if tok.idx >= stop or (tok.is_space and "\n" in tok.text) or "\n" in doc[i - 1].whitespace_:
            break
        if tok.idx >= rules_end and tok.is_sent_start:
            sentences_past += 1
            if sentences_past > MAX_SENTENCES:
                break
        if tok.text in BOUNDARY_PUNCT or tok.is_quote or tok.lower_ in END_WORDS or tok.is_sent_start:
            prev = doc[i - 1]
            s, e = trim_content(text, start, prev.idx + len(prev.text))
            if e > s and s == start:
                raw.setdefault(e, (i, tok))
        i += 1
    last = doc[i - 1]
    s, e = trim_content(text, start, last.idx + len(last.text))
    if e > s and s == start:
        raw.setdefault(e, (i, None))
    raw.setdefault(rules_end, (span.end, doc[span.end] if span.end < len(doc) else None))
    # an end that holds the rules' words and no other is no option: a closing period or
    # quotation mark is not a reason to move; nor does a content end on a conjunction
    rules_words = len(_WORD.findall(text, start, rules_end))
    for end in list(raw):
        found = _WORD.findall(text, start, end)
        if end != rules_end and (len(found) == rules_words or (found and found[-1].lower() in END_WORDS)):
            del raw[end]
    # nor does a content run on over the clause its own report hangs in ("With Damascus insisting
    # on X, it is unclear ...": the main clause is the writer's), unless the rules' content
    # already holds it (the parser makes a statement the head of an inserted "he said")
    for end in _over_own_clause(doc, raw, rules_end, span.start, context.get("cue", ()), quotations):
        del raw[end]
    # nor over a phrase on the cue verb that names the occasion ("explained his position at a
    # town hall")
    for end in _over_cue_adjunct(doc, raw, rules_end, context.get("cue", ()), span.start):
        del raw[end]
    # nor over a verb of saying the parser joined to the reported clause, a report of its own
    # ("said she admires his drive and highlighted their shared goals"), or hung on the cue as a
    # second complement ("said they were convinced the probe was mishandled and Democrats
    # accused the GOP of ...")
    rules_stop = raw[rules_end][0]
    cue = context.get("cue", ())
    conjoined = [t.i for t in doc[rules_stop:i] if t.dep_ == "conj" and reported_clause_conjunct(t) is not None or (
        t.dep_ == "ccomp" and t.head.i in cue and lemma(t) in SPEECH_VERBS and t.tag_ in ("VBD", "VBZ", "VBP")
        and not any(q.start <= t.idx < q.end for q in quotations))]
    for end in [e for e in raw if e > rules_end and any(k < raw[e][0] for k in conjoined)]:
        del raw[end]
    # nor past the close of a whole quoted statement the content opens with (`"It is about
    # time," to cheers`)
    for end in _past_opening_quotation(text, raw, start, rules_end, quotations):
        del raw[end]
    ends = sorted(raw)
    k0 = ends.index(rules_end)
    first = span.start
    words_before = sum(len(text[s:e].split()) for s, e in segments[:-1])
    # where the rules stopped says how far to trust them: before a comma or a sentence's end, or
    # in the middle of a clause ("Lt." read as a sentence's end, a noun phrase cut short)
    context = dict(context, stopped=_kind_of(raw[rules_end][1]))
    out = []
    for k, end in enumerate(ends):
        i, tok = raw[end]
        feats = _features(doc, text, start, end, rules_end, k - k0, i, tok, quotations, context, words_before)
        feats += _syntax_features(doc, first, i, "rel=orig" in feats)
        feats += _conjunct_features(doc, i, first, context.get("cue", ()))
        out.append((end, feats + _moved_features(doc, first, raw[rules_end][0], i, context.get("cue", set()))))
    return out


def _over_own_clause(doc: Doc, raw: dict, rules_end: int, first: int, cue,
                     quotations: list[QuoteMarks]) -> list[int]:
    """The ends in ``raw`` (end -> (token index it stops before, token)) that run past the
    rules' end over a word the cue hangs under, when the rules' content holds none. A word
    in quotation marks, or after a colon or semicolon, may be the statement going on however
    the parser hung it (`X said: A; B`), and does not count."""
    rules_stop = raw[rules_end][0]
    above = [a.i for c in cue for a in doc[c].ancestors]
    if not above or any(first <= a < rules_stop for a in above):
        return []
    above = [a for a in above if a >= rules_stop and not any(q.start <= doc[a].idx < q.end for q in quotations)
             and not any(t.text in (":", ";") for t in doc[rules_stop:a])]
    return [e for e in raw if e > rules_end and any(a < raw[e][0] for a in above)]


def _past_opening_quotation(text: str, raw: dict, start: int, rules_end: int,
                            quotations: list[QuoteMarks]) -> list[int]:
    """The ends in ``raw`` past the close of a quotation that opens the content and ends its
    own sentence or clause inside the marks, with no other quotation opening before them."""
    q = next((q for q in quotations if q.start == start and q.end <= rules_end + 2 and q.words >= 3
              and text[q.start:q.end].rstrip("\"”’'» ").endswith((",", ".", "!", "?"))), None)
    if q is None:
        return []
    return [e for e in raw if e > q.end and e > rules_end and not any(q.end < o.start < e for o in quotations)]


def _over_cue_adjunct(doc: Doc, raw: dict, rules_end: int, cue, first: int) -> list[int]:
    """The ends in ``raw`` that run past the rules' end over a phrase hanging on the cue verb
    that names the occasion ("explained his position at a town hall", "denied the accusations
    through a spokeswoman"), or over a day the parser hung on a quoted predicate that ends the
    content ("blasted Lee as a 'fraud' Tuesday on The Morning Show"; the rules left it out): it
    says where, when or through whom the words were said, not what."""
    rules_stop = raw[rules_end][0]
    adjuncts = [c.i for v in cue for c in doc[v].children if c.i >= rules_stop and names_occasion(c)]
    if doc_text(doc)[rules_end - 1:rules_end] in _CLOSING_MARKS:
        adjuncts += [t.i for t in doc[rules_stop:rules_stop + 3] if first <= t.head.i < rules_stop and
                     t.dep_ in ("appos", "npadvmod") and t.ent_type_ in ("DATE", "TIME")]
    return [e for e in raw if e > rules_end and any(a < raw[e][0] for a in adjuncts)]


def _finite_tag(verb) -> str:
    """The tag of a verb's finite word: its first auxiliary ("has" of "has said"), else its own."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return (aux[0] if aux else verb).tag_ or "?"


def _conjunct_features(doc: Doc, stop: int, first: int, cue) -> list[str]:
    """Whether the words right after an end start a verb phrase joined by a conjunction with no
    subject of its own, and whose finite form it shares: the cue verb's (", and urged ...": the
    speaker did something more, the writer says) or the content verb's it hangs on ("was
    'disgusting' and 'a con' and encouraged ...")."""
    verbs = [doc[c] for c in cue if doc[c].tag_.startswith("VB") and doc[c].dep_ not in ("aux", "auxpass", "neg")]
    if not verbs:
        return []
    cue_verb = verbs[0]
    k = stop
    while k < min(len(doc), stop + 4) and (doc[k].is_punct or doc[k].dep_ in ("cc", "advmod") or doc[k].is_space):
        k += 1
    if k >= len(doc) or k == stop or not doc[k].tag_.startswith(("VB", "MD")):
        return []
    verb = doc[k].head if doc[k].dep_ in ("aux", "auxpass") else doc[k]
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return []
    joined = verb.head
    tag = _finite_tag(verb)
    like_cue = tag == _finite_tag(cue_verb) or joined.i == cue_verb.i
    like_head = first <= joined.i < stop and tag == _finite_tag(joined)
    return [f"conj_vp|cue={like_cue}|head={like_head}", f"conj_vp|on={'cue' if joined.i == cue_verb.i else 'content' if first <= joined.i < stop else 'other'}"]


def _moved_features(doc: Doc, first: int, rules_stop: int, stop: int, cue: set[int]) -> list[str]:
    """Where the words an option adds or removes hang in the parse: on the rules' content (the
    statement goes on: "... in support of X"), on the cue verb (the writer's: ", and he railed
    ..."), or elsewhere; with the dependency label of the first such word."""
    if stop == rules_stop:
        return []
    rel = "ext" if stop > rules_stop else "cut"
    lo, hi = sorted((rules_stop, stop))
    keep_lo, keep_hi = (first, rules_stop) if rel == "ext" else (first, stop)
    tops = [t for t in doc[lo:hi] if not (t.is_punct or t.is_space) and not lo <= t.head.i < hi]
    if not tops:
        return [f"moved|{rel}=none"]
    places = []
    for t in tops:
        h = t.head.i
        place = "self" if h == t.i else "cue" if h in cue else "content" if keep_lo <= h < keep_hi else "other"
        places.append(place)
    first_top = tops[0]
    return [f"moved|{rel}={'+'.join(sorted(set(places)))}", f"moved_dep|{rel}={first_top.dep_ or '?'}|{places[0]}",
            f"moved_n|{rel}={min(len(tops), 3)}"]


def _syntax_features(doc: Doc, first: int, stop: int, orig: bool) -> list[str]:
    """Whether the content ``doc[first:stop]`` is a whole phrase of the parse: how many of its
    words hang on a word outside it (one does: the content's own root), and how the first word
    after it attaches (a dependent of a content word, such as a preposition or an apposition,
    or a word of another phrase)."""
    heads_out = sum(1 for t in doc[first:stop] if not first <= t.head.i < stop and not t.is_punct)
    heads_out_key = str(min(heads_out, 3))
    after = next((t for t in doc[stop: stop + 6] if not (t.is_punct or t.is_space)), None)
    if after is None or after.is_sent_start:
        attach = "none"
    elif first <= after.head.i < stop:
        attach = after.dep_ or "?"
    else:
        attach = "out"
    last = doc[stop - 1] if stop > first else doc[first]
    last_tag = (last.tag_ or "?")[:3]
    rel = "orig" if orig else "other"
    return [f"heads_out={heads_out_key}", f"attach={attach}", f"last_tag={last_tag}",
            f"heads_out|attach={heads_out_key}|{attach}", f"rel|heads_out={rel}|{heads_out_key}",
            f"rel|attach={rel}|{attach}"]


def _features(doc: Doc, text: str, start: int, end: int, rules_end: int, steps: int, i: int, tok,
              quotations: list[QuoteMarks], context: dict, words_before: int) -> list[str]:
    rel = "orig" if steps == 0 else ("cut" if steps < 0 else "ext")
    kind = _kind_of(tok)
    after = _word_after(doc, i) if tok is not None and (tok.is_punct or tok.is_quote) else "-"
    before = text[end - 1:end]
    before = "qclose" if before in "\"”»’'" else (before if before in ".!?)" else "w")
    lo, hi = sorted((end, rules_end))
    between = doc.char_span(lo, hi, alignment_mode="expand") if hi > lo else None
    sentences = 0 if between is None else sum(1 for t in between[1:] if t.is_sent_start)
    sentences_key = "0" if sentences == 0 else "1" if sentences == 1 else "2+"
    speech = between is not None and any(
        lemma(t) in SPEECH_VERBS and (t.tag_.startswith("VB") or not t.tag_) for t in between)
    inside = any(q.start < end < q.end and text[end:q.end].strip(" ,.;:!?") for q in quotations)
    length = _bucket_words(words_before + len(text[start:end].split()))
    steps_key = _bucket_steps(steps)
    rule, lem, quoted = context.get("rule", "?"), context.get("lemma", "?"), context.get("kind", "?")
    stopped = context.get("stopped", "?")
    lo_words = len(text[lo:hi].split())
    moved = "0" if lo_words == 0 else "1-3" if lo_words <= 3 else "4-10" if lo_words <= 10 else "11+"
    feats = [
        "bias", f"rel={rel}", f"steps={steps_key}", f"kind={kind}", f"after={after}", f"before={before}",
        f"sents={sentences_key}", f"len={length}",
        f"rel|kind={rel}|{kind}", f"rel|after={rel}|{after}", f"kind|after={kind}|{after}",
        f"rel|before={rel}|{before}", f"rel|sents={rel}|{sentences_key}", f"rel|len={rel}|{length}",
        f"rel|rule={rel}|{rule}", f"rel|lemma={rel}|{lem}", f"rel|quoted={rel}|{quoted}",
        f"steps|kind={steps_key}|{kind}", f"kind|sents={kind}|{sentences_key}",
        f"rel|quoted|before={rel}|{quoted}|{before}", f"rel|stopped={rel}|{stopped}",
        f"rel|stopped|kind={rel}|{stopped}|{kind}", f"rel|moved={rel}|{moved}",
        f"rel|moved|kind={rel}|{moved}|{kind}", f"rel|stopped|sents={rel}|{stopped}|{sentences_key}",
    ]
    if inside:
        feats += ["inside_quotation", f"inside_quotation|rel={rel}"]
    if speech and rel != "orig":
        feats += [f"speech_verb_between|rel={rel}"]
    return feats


def choose_end(options: list[tuple[int, list[str]]], weights: dict[str, float]) -> int:
    """The end whose features score highest under ``weights``; on a tie, the rules' own end."""
    def score(option: tuple[int, list[str]]) -> tuple[float, bool]:
        return sum(weights.get(f, 0.0) for f in option[1]), "rel=orig" in option[1]

    return max(options, key=score)[0]
