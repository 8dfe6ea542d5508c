"""The Quote record the quotes component puts on ``doc._.quotes``."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc

QuoteKind = Literal["direct", "indirect", "partial"]
Offsets = tuple[int, int]


@dataclass(frozen=True)
class Quote:
    """One attributed statement in a text; all offsets are character offsets into that text.

    ``start``/``end`` bound the content; ``segments`` are its pieces (two for a quotation split
    around its cue, ``"A," he said, "B."``), and ``text`` their text joined by a space.
    ``kind`` is ``"direct"`` (all between quotation marks), ``"partial"`` (reported speech that
    quotes some words) or ``"indirect"`` (no quotation marks).
    ``speaker`` is the surface mention ("he", "the minister"), ``speaker_name`` what it resolves
    to in the same text (the fullest mention of that person, "Dmitry Peskov"), ``speaker_label``
    the entity type (``"PERSON"``, ``"ORG"``, ``"GPE"``, ``"NORP"`` or ``None`` when unknown) and
    ``role`` the title the text gives that person ("Kremlin spokesman").
    ``via`` names the outlet or document the words were relayed through ("Daily Sabah",
    "the Kremlin readout"), ``None`` when the text names none.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    segments: tuple[Offsets, ...]
    cue: str | None = None
    cue_span: Offsets | None = None
    speaker: str | None = None
    speaker_span: Offsets | None = None
    speaker_name: str | None = None
    speaker_label: str | None = None
    role: str | None = None
    via: str | None = None
    via_span: Offsets | None = None

    def to_export(self, quote_id: str, article_id: str) -> dict:
        """The quote as the export contract's ``quotes`` entry.

        ``speaker.name`` is the resolved name within the article; ``speaker.entity`` stays
        ``None`` until entity resolution across the archive fills it. ``mention`` and ``role``
        are added fields (the contract allows additions).
        """
        speaker = None
        if self.speaker is not None:
            speaker = {
                "name": self.speaker_name or self.speaker,
                "entity": None,
                "mention": self.speaker,
                "role": self.role,
                "type": self.speaker_label,
            }
        return {
            "id": quote_id,
            "article": article_id,
            "text": self.text,
            "kind": self.kind,
            "speaker": speaker,
            "cue": self.cue,
            "via": self.via,
            "start": self.start,
            "end": self.end,
            "segments": [list(s) for s in self.segments],
        }


# spaces the tokenizer does not split on: each would become a token of its own inside a name or
# a clause ("nominee\u00a0Gov.\u00a0Mike Pence"), which breaks the parse around it; and the
# horizontal bar some outlets use for a dash ("drilling ― probably not"), which the tagger reads as
# a noun and the rules would not know for a dash
_PLAIN = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2015": "\u2014"})


def plain_text(text: str) -> str:
    """``text`` with no-break spaces as plain ones and a horizontal bar as an em dash: the same
    length, so every offset holds (the quotes' texts then read with plain spaces)."""
    return text.translate(_PLAIN)


def title_case(text: str) -> bool:
    """Whether words are written as a headline is: at least two words of four letters or more,
    nearly all of them capitalised ("Legend in the Coal Fields", "Mayor Slams Budget Plan")."""
    words = re.findall(r"[^\W\d_]{4,}", text)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def straight_apostrophes(word: str) -> str:
    """A token as the tagger and parser should see it: a curly apostrophe inside a word or a
    contraction ("didn’t" is "did" + "n’t", "Trump’s", "O’Malley") straightened. The small
    English model learned from text with straight ones and misreads "n’t" as a proper noun;
    a lone "’" is a quotation mark and stays."""
    return word.replace("’", "'") if "’" in word and word != "’" else word


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc: spaCy joins every token anew on each access, which the
    rules would otherwise pay for at every quote and speaker."""
    text = doc.user_data.get("newsprism_text")
    if text is None:
        text = doc.user_data["newsprism_text"] = doc.text
    return text


def with_segments(quote: Quote, text: str, segments: tuple[Offsets, ...], **changes) -> Quote:
    """``quote`` over new content pieces: bounds and text follow them (the pieces' text joined by
    a space)."""
    return replace(quote, segments=segments, start=segments[0][0], end=segments[-1][1],
                   text=content_text(text, segments), **changes)


def content_text(text: str, segments) -> str:
    """What a quote's pieces say: their text joined by a space."""
    return " ".join(text[s:e] for s, e in segments)
