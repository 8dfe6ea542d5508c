"""Quote speakers and entities: the names the quotes component found, and the entity of a speaker."""
from __future__ import annotations

from collections.abc import Iterable

from newsprism.entities.mentions import Mention
from newsprism.entities.resolver import Entity, EntityResolver
from newsprism.quotes.records import Quote

_NAME_LABELS = ("PERSON", "ORG", "GPE")


def quote_mentions(quotes: Iterable[Quote], article: str, known: Iterable[Mention] = ()) -> list[Mention]:
    """Speaker names the quotes component read where the entity recogniser saw none ("Lavrov"
    labelled nothing, or a name in a part of the text it missed), as mentions to fit with.

    Only speakers written as a capitalised name count (not "he" or "the minister"), and only
    where no known mention of the article overlaps them.
    """
    spans = [(m.start, m.end) for m in known if m.article == article]
    out = []
    for q in quotes:
        if q.speaker is None or q.speaker_span is None or not q.speaker_name or q.speaker_label not in _NAME_LABELS:
            continue
        a, b = q.speaker_span
        if any(s < b and a < e for s, e in spans) or not any(w[:1].isupper() for w in q.speaker.split()[-1:]):
            continue
        out.append(Mention(article=article, text=q.speaker, start=a, end=b, type=q.speaker_label,
                           name=q.speaker_name, role=q.role if q.speaker_label == "PERSON" else None))
        spans.append((a, b))
    return out


def speaker_entity(resolver: EntityResolver, quote: Quote, article: str) -> Entity | None:
    """The entity who said a quote: its resolved name first ("Dmitry Peskov"), else the mention
    read as a description ("Kremlin spokesman", "the Turkish leader"); None when neither fits."""
    if quote.speaker is None:
        return None
    if quote.speaker_name:
        found = resolver.resolve(quote.speaker_name, article=article, type=quote.speaker_label)
        if found is not None:
            return found
    return resolver.resolve(quote.speaker, article=article)
