"""Entities: people, organisations and places per article, resolved across the archive.

    from newsprism.entities import EntityResolver, pipe_mentions
    mentions = [m for _, ms in pipe_mentions(articles) for m in ms]   # (article id, text) pairs
    resolver = EntityResolver().fit(mentions)
    resolver.entities                         # list[Entity]
    resolver.resolve("the Turkish president") # Entity | None
"""
from newsprism.entities.mentions import (
    DESCRIPTION, Mention, article_mentions, doc_mentions, entity_pipeline, pipe_mentions,
)
from newsprism.entities.resolver import Entity, EntityResolver, strip_role_words
from newsprism.entities.speakers import quote_mentions, speaker_entity

__all__ = ["DESCRIPTION", "Entity", "EntityResolver", "Mention", "article_mentions", "doc_mentions",
           "entity_pipeline", "pipe_mentions", "quote_mentions", "speaker_entity", "strip_role_words"]
