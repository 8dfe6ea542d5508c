"""Finding the stretches of text that stand between quotation marks.

spaCy has no notion of quotation spans (its tokenizer only splits the marks off), so this small
scanner pairs the marks by hand. It knows straight (``"``), curly (``“ ”``), doubled (``'' ``
and ``` `` ```), angle (``« »``) and single (``‘ ’``, ``'``) marks, treats marks inside an open
quotation as nested, and follows the newspaper convention for quotations running over several
paragraphs: each paragraph of the quotation opens with a mark and only the last one closes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
# a doubled mark is two apostrophes or two backticks (news wires and PTB text use them)
_DOUBLE = re.compile(r"''|``|[\"“”«»„]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# what a content's edges shed: spaces, separating punctuation and quotation marks
EDGE_PUNCT = " \t\n,;:—–-\"“”'‘’`«»"


@dataclass(frozen=True)
class QuoteMarks:
    """A quotation: ``start``/``end`` bound the text between the marks (marks excluded).

    ``open_at``/``close_at`` are the offsets of the opening and closing marks (``close_at`` is
    ``None`` for a quotation left open at the end of its paragraph with nothing following);
    ``paragraphs`` counts the paragraphs it runs over; ``words`` its word count.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraphs: int
    words: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs (blocks separated by blank lines, or single newlines)."""
    spans, pos = [], 0
    for m in re.finditer(r"\s*\n\s*", text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _is_opening(text: str, i: int, mark: str) -> bool:
    """Whether an ambiguous mark at ``i`` reads as an opening one (followed by a word start)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in OPEN_DOUBLE or mark == "``":
        return True
    if mark in CLOSE_DOUBLE:
        # some sites use ” for both marks: a ” after a space and before a letter opens
        return (before.isspace() or before in "([—–-") and not after.isspace()
    # straight " and doubled '': direction from the neighbours
    if before.isspace() or before in "([{—–-/:" or i == 0:
        return not after.isspace()
    return False


def _closes_nothing(text: str, i: int, mark: str) -> bool:
    """Whether a straight mark with no quotation open opens none: glued to the word, number or
    comma before it, with a space or the end after it. It is an inch sign (`6'3" tall`) or a
    closing mark whose opening one is lost (`East," said Lee`, in text that breaks a quotation
    over lines without reopening it); read as an opening mark, it would turn every quotation
    after it in the paragraph inside out."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return mark in ('"', "''") and not before.isspace() and before not in "([{—–-/:" and \
        (after.isspace() or after in ",.;:!?)")


def _closes_by_position(text: str, i: int, mark: str) -> bool:
    """Whether an opening mark typed where a closing one belongs closes the open quotation:
    right after a word or punctuation and before a space or the end (`“... here,“ said Lee`)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return mark == "“" and not before.isspace() and (after.isspace() or after in ",.;:!?)")


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _DOUBLE.finditer(text, lo, hi)]


def _single_quotes(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Top-level single-quoted stretches ``‘...’`` or ``'...'`` in one paragraph.

    An apostrophe is told apart from a mark by its neighbours: an opening mark follows a space
    or bracket and precedes a letter; a closing one follows a letter or punctuation and precedes
    a space, punctuation or the end (so ``Turkey’s`` and ``don't`` are never marks).
    """
    found = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in "‘'" and (i == lo or text[i - 1].isspace() or text[i - 1] in "([—–-:") \
                and i + 1 < hi and text[i + 1].isalnum() and text[i - 1:i + 1] != "''" \
                and text[i:i + 2] != "''":
            j = i + 1
            while j < hi:
                c = text[j]
                if c in "’'" and text[j - 1] not in " \t" and (j + 1 >= hi or not text[j + 1].isalnum()):
                    # "soldiers’ lives": a plural possessive, not a closing mark, when a
                    # lower-case word follows directly
                    nxt = text[j + 1:j + 3]
                    if text[j - 1] == "s" and len(nxt) == 2 and nxt[0] == " " and nxt[1].islower():
                        j += 1
                        continue
                    found.append((i, j))
                    break
                if c == "\n":
                    break
                j += 1
            i = j + 1 if found and found[-1][0] == i else i + 1
        else:
            i += 1
    return found


def find_quotations(text: str) -> list[QuoteMarks]:
    """All top-level quotations in ``text``, in order.

    Double marks are paired within each paragraph; a paragraph whose last quotation is left open
    continues into the next paragraph when that one opens with a mark too. Single-quoted
    stretches count only outside double quotations (inside, they are nested quotes and belong to
    the outer quotation).
    """
    out: list[QuoteMarks] = []
    pending: tuple[int, int] | None = None  # (open_at, content start) of a quote left open
    pending_paras = 1
    paragraphs = _paragraphs(text)
    for p_index, (lo, hi) in enumerate(paragraphs):
        marks = _double_marks(text, lo, hi)
        open_at: int | None = None
        start = 0
        spans: list[tuple[int, int]] = []
        for k, (i, mark) in enumerate(marks):
            if open_at is None:
                if pending is not None and k == 0 and i == lo:
                    # the continuation mark of a multi-paragraph quotation
                    open_at, start = pending[0], pending[1]
                    pending_paras += 1
                    pending = None
                    continue
                if pending is not None:
                    pending = None
                if _closes_nothing(text, i, mark):
                    continue
                if _is_opening(text, i, mark) or mark not in CLOSE_DOUBLE:
                    open_at, start = i, i + len(mark)
            else:
                if (mark in OPEN_DOUBLE or mark == "``") and not _closes_by_position(text, i, mark):
                    # an opening mark while open: the previous quotation lost its closing mark
                    if open_at >= lo:
                        spans.append((open_at, i))
                    open_at, start = i, i + len(mark)
                    continue
                content = text[start:i]
                words = len(_WORD.findall(content))
                out.append(QuoteMarks(start, i, open_at, i, pending_paras if open_at < lo else 1, words))
                spans.append((open_at, i))
                open_at = None
                pending_paras = 1
        if pending is not None:
            # an open quotation followed by a paragraph that does not continue it: it ends there
            out.append(_unclosed(text, pending, pending_paras))
            pending = None
            pending_paras = 1
        if open_at is not None:
            nxt = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt:nxt + 2][:1] in "\"“«„'`" and _DOUBLE.match(text, nxt):
                pending = (open_at, start)
                if open_at >= lo:
                    pending_paras = 1
            else:
                out.append(_unclosed(text, (open_at, start), pending_paras, hi))
                pending_paras = 1
        # single quotes outside every double quotation of this paragraph
        covered = [(q.open_at, q.end) for q in out if q.end >= lo] + spans
        for i, j in _single_quotes(text, lo, hi):
            if any(a <= i <= b for a, b in covered):
                continue
            content = text[i + 1:j]
            out.append(QuoteMarks(i + 1, j, i, j, 1, len(_WORD.findall(content))))
    if pending is not None:
        out.append(_unclosed(text, pending, pending_paras))
    out.sort(key=lambda q: q.start)
    return out


def past_closing_mark(text: str, q: QuoteMarks) -> int:
    """The offset right after ``q``'s closing mark (two characters for a doubled mark ``''``),
    or ``q.end`` for a quotation left open."""
    if q.close_at is None:
        return q.end
    m = _DOUBLE.match(text, q.close_at)
    return q.close_at + (len(m.group()) if m else 1)


def _unclosed(text: str, pending: tuple[int, int], paragraphs: int, end: int | None = None) -> QuoteMarks:
    """A quotation whose closing mark is missing: it runs to the end of its paragraph."""
    open_at, start = pending
    if end is None:
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return QuoteMarks(start, stop, open_at, None, paragraphs, len(_WORD.findall(text[start:stop])))


def trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip edge punctuation, quotation marks and a leading complementiser "that"; a closing
    mark stays when its opening mark is inside the content (`... a "worst-case scenario."`)."""
    while start < end and text[start] in EDGE_PUNCT + ".":
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        if text[end - 1] in "\"”»’'" and opens_inside(text, start, end - 1, text[end - 1]):
            break
        end -= 1
    m = re.match(r"that\s+", text[start:end])  # (a quotation's own "That is ..." stays)
    if m:
        start += m.end()
        while start < end and text[start] in EDGE_PUNCT:
            start += 1
    return start, end


def close_open_quotation(text: str, start: int, end: int) -> int:
    """``end`` moved past the closing mark of a quotation that ``text[start:end]`` opens and leaves
    open, when only a mark of punctuation stands between (`could begin "at any moment` + `,"`):
    a content that quotes its last words shows them closed. Otherwise ``end`` as it was."""
    # (a quotation over several paragraphs reopens each one without closing it: only the last
    # paragraph's marks count)
    last_paragraph = max(start, text.rfind("\n", start, end) + 1)
    m = _CLOSE_AFTER.match(text, end)
    if m and opens_inside(text, last_paragraph, end, m.group(1)):
        return m.end()
    return end


_CLOSE_AFTER = re.compile(r"[,.;:!?]?([\"”»’]|'(?!\w))")
_CLOSING = {"“": "”", "«": "»", "‘": "’", "\"": "\""}  # opening mark -> its closing mark


def open_closed_quotation(text: str, start: int, end: int) -> int:
    """``start`` moved back over the opening mark of a quotation that ``text[start:end]`` closes
    without opening it, when the mark stands right before it (`"serious concern" over ...`
    trimmed to `serious concern" over ...`). Otherwise ``start`` as it was."""
    if start == 0:
        return start
    mark = text[start - 1]
    closing = _CLOSING.get(mark)
    if closing is None:
        return start
    piece = text[start:end].split("\n", 1)[0]  # (only the first paragraph's marks count)
    unopened = piece.count('"') % 2 == 1 if mark == '"' else piece.count(closing) > piece.count(mark)
    return start - 1 if unopened else start


def opens_inside(text: str, start: int, end: int, mark: str) -> bool:
    """Whether ``text[start:end]`` leaves a quotation opened that ``mark`` would close."""
    piece = text[start:end]
    if mark == "”":
        return piece.count("“") > piece.count("”")
    if mark == "»":
        return piece.count("«") > piece.count("»")
    if mark == "’":
        return piece.count("‘") > piece.count("’")
    if mark == "\"":
        return piece.count('"') % 2 == 1
    if mark == "'":
        # a straight single mark is also an apostrophe: only one that opens a word counts as
        # opening, and one that ends a word ("the soldiers' families") as closing, so that a
        # possessive can only make this say no
        return len(_SINGLE_OPENS.findall(piece)) > len(_SINGLE_CLOSES.findall(piece))
    return False


_SINGLE_OPENS = re.compile(r"(?:^|(?<=[\s(\[—–]))'(?=\w)")
_SINGLE_CLOSES = re.compile(r"(?<=[\w.,!?])'(?!\w)")
