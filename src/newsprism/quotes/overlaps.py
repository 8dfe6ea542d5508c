"""One quote per stretch of text: resolving extracted quotes whose contents overlap.

Several rules may reach the same words: a quotation is the content of its own cue (`"...,"
Lee said`) and also sits inside the reported clause of another one (`Kim noted that Lee was
"..."`), or two cue clauses next to one quotation both claim it. An article should report such
words once, so overlapping quotes are settled here, after extraction:

* the same speaker (or one side without a speaker): one quote; when one content holds most of
  the other's words the fuller one stays, else the two contents are joined;
* different speakers: the quote holding most of the other's words stays; when the two cover the
  same words, the one whose cue stands closer to them (the cue clause next to a quotation is
  its attribution) and that has a named speaker stays.
"""
from __future__ import annotations

import re
from dataclasses import replace

from newsprism.quotes.records import Quote, with_segments

_WORD = re.compile(r"\w+")
# share of the smaller quote's words the larger must hold for the smaller to be "inside" it
_INSIDE = 0.8


def resolve_overlaps(quotes: list[Quote], text: str) -> list[Quote]:
    """The quotes with overlapping ones merged or dropped (see the module docstring), in text order."""
    out = sorted(quotes, key=lambda q: (q.start, -q.end))
    changed = True
    while changed:  # a merge may make a quote overlap one more
        changed = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                if b.start >= a.end:
                    break
                if not _segments_overlap(a, b):
                    continue
                out[i] = _settle(a, b, text)
                del out[j]
                changed = True
                break
            if changed:
                break
    return sorted(out, key=lambda q: q.start)


def _segments_overlap(a: Quote, b: Quote) -> bool:
    return any(s < e2 and s2 < e for s, e in a.segments for s2, e2 in b.segments)


def _words(q: Quote, text: str) -> set[int]:
    return {m.start() for s, e in q.segments for m in _WORD.finditer(text, s, e)}


def _settle(a: Quote, b: Quote, text: str) -> Quote:
    """The one quote that stands for two overlapping ones."""
    wa, wb = _words(a, text), _words(b, text)
    shared = len(wa & wb)
    a_in_b = shared >= _INSIDE * max(1, len(wa))
    b_in_a = shared >= _INSIDE * max(1, len(wb))
    if _same_speaker(a, b):
        if a_in_b and b_in_a:
            return _preferred(a, b)
        if b_in_a:
            return _with_speaker_of(a, b)
        if a_in_b:
            return _with_speaker_of(b, a)
        return _joined(_preferred(a, b), a, b, text)
    if a_in_b and b_in_a:
        return _preferred(a, b)
    if b_in_a:
        return a
    if a_in_b:
        return b
    return _preferred(a, b) if len(wa) == len(wb) else (a if len(wa) > len(wb) else b)


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.speaker is None or b.speaker is None:
        return True
    na, nb = a.speaker_name or a.speaker, b.speaker_name or b.speaker
    return na.lower() == nb.lower()


def _with_speaker_of(kept: Quote, other: Quote) -> Quote:
    """``kept`` (the fuller content), with the other's speaker when it has none."""
    if kept.speaker is None and other.speaker is not None:
        return replace(kept, speaker=other.speaker, speaker_span=other.speaker_span,
                       speaker_name=other.speaker_name, speaker_label=other.speaker_label, role=other.role)
    return kept


def _preferred(a: Quote, b: Quote) -> Quote:
    """Of two quotes over the same words: the one whose cue is nearer, then one with a named
    speaker, then one with any speaker."""
    def rank(q: Quote) -> tuple:
        if q.cue_span is None:
            gap = 10**6
        else:
            gap = min(abs(q.cue_span[0] - e) if q.cue_span[0] >= e else abs(s - q.cue_span[1])
                      if q.cue_span[1] <= s else 0 for s, e in q.segments)
        return (gap, q.speaker_name is None, q.speaker is None)

    best = min((a, b), key=rank)
    return _with_speaker_of(best, b if best is a else a)


def _joined(base: Quote, a: Quote, b: Quote, text: str) -> Quote:
    """``base``'s attribution over the contents of both (overlapping pieces made one)."""
    pieces = sorted(a.segments + b.segments)
    merged: list[list[int]] = []
    for s, e in pieces:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    segs = tuple((s, e) for s, e in merged)
    kinds = {a.kind, b.kind}
    kind = kinds.pop() if len(kinds) == 1 else "partial"
    return with_segments(_with_speaker_of(base, b if base is a else a), text, segs, kind=kind)
