"""Plain records passed between newsprism's stages.

Every stage takes and returns these dataclasses, never database rows or library objects, so that
each stage can be run, tested and replaced on its own (see docs/design.md).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

MediaType = Literal["text", "html"]


@dataclass(frozen=True)
class Outlet:
    """A news outlet: a stable lower-case ``id`` (``"aa"``, ``"sputnik"``) and its display name."""

    id: str
    name: str


@dataclass(frozen=True)
class RemovedLine:
    """A line that cleaning dropped from the body, and why (``"share prompt"``, ``"menu"``, ...)."""

    text: str
    reason: str


@dataclass
class Document:
    """One raw input item as a reader found it, before any cleaning.

    ``content`` holds the bytes exactly as read (kept in the archive so later stages can re-run);
    ``hints`` carries metadata the container already gave (a JSONL record's ``title``,
    ``published``, ``outlet``, ``id``), which wins over anything guessed from the text.
    """

    source: str
    content: bytes
    media_type: MediaType
    url: str | None = None
    record_id: str | None = None
    encoding: str | None = None
    hints: dict[str, str] = field(default_factory=dict)

    @cached_property
    def key(self) -> str:
        """Content key: the same bytes (with the same hints) always give the same key.

        Computed once: the ingest asks for it several times per item, and a page is ~100 KB."""
        digest = hashlib.sha256()
        digest.update(self.media_type.encode())
        digest.update(b"\0")
        digest.update(self.content)
        for name in sorted(self.hints):
            digest.update(f"\0{name}={self.hints[name]}".encode())
        return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ReadError:
    """An input item that could not be read, with a reason a user can act on.

    ``skipped`` marks items that hold nothing to ingest (an empty or binary file): they are
    reported but do not make the run fail, unlike a missing path or a corrupt file.
    """

    source: str
    reason: str
    skipped: bool = False


@dataclass
class Metadata:
    """What is known about an article beyond its body. Unknown stays ``None``."""

    title: str | None = None
    outlet: Outlet | None = None
    published: str | None = None  # ISO date or datetime
    published_inferred: bool = False
    language: str | None = None


@dataclass
class Article:
    """A clean article: body text, metadata and where it came from."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: Outlet | None = None
    published: str | None = None
    published_inferred: bool = False
    language: str | None = None
    url: str | None = None
    record_id: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)

    def to_export(self) -> dict:
        """The article as the export contract's ``articles`` entry (see docs/export.md)."""
        return {
            "id": self.id,
            "source": self.url or self.source,
            "path": self.source,
            "url": self.url,
            "record_id": self.record_id,
            "outlet": {"id": self.outlet.id, "name": self.outlet.name} if self.outlet else None,
            "title": self.title,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "language": self.language,
            "text": self.text,
            "removed": [{"text": r.text, "reason": r.reason} for r in self.removed],
        }
