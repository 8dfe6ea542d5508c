"""Boilerplate removal from already-extracted plain text, one line at a time.

``clean_text`` first applies hand-written rules for furniture recognisable on sight (menus, share
prompts, comment widgets, captions, timestamps, the repeated headline ...; see ``rules.py``), then
a small learned line classifier (``model.py``, trained by ``python -m newsprism.clean.train``)
that judges the remaining lines from their own form, their neighbours' and their place on the
page. Each removed line is returned with a short reason ("share prompt", "photo caption",
"page footer", ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from newsprism.clean.page import Page, split_page
from newsprism.clean.rules import page_reasons
from newsprism.models import Outlet, RemovedLine

__all__ = ["CleanedText", "clean_text"]


@dataclass
class CleanedText:
    """The body of a text: kept paragraphs, and every removed line with the reason it went."""

    text: str  # kept body paragraphs joined with "\n\n"
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)  # in input order


def clean_text(
    text: str,
    *,
    title: str | None = None,
    outlet: Outlet | None = None,
    use_model: bool = True,
) -> CleanedText:
    """Remove page furniture from ``text`` and return the body paragraphs and the removed lines.

    ``title`` (the headline, found elsewhere) makes its occurrences and the page header above it go;
    ``outlet`` makes lines that are only the outlet's name, and "... - <Outlet>" captions, go.
    With ``use_model=False`` only the rules run (for text that is already mostly clean, such as
    trafilatura's output from HTML).
    """
    model = None
    if use_model:
        from newsprism.clean.model import default_model

        model = default_model()
    return clean_page(split_page(text), title=title, outlet=outlet, model=model)


def clean_page(page: Page, *, title: str | None, outlet: Outlet | None, model=None) -> CleanedText:
    """``clean_text`` on a page already split into lines, with an explicit model (or ``None``)."""
    reasons = page_reasons(page.infos, title=title, outlet=outlet)
    if model is not None:
        reasons = model.apply(page, reasons)
    paragraphs: list[str] = []
    removed: list[RemovedLine] = []
    for info, reason in zip(page.infos, reasons):
        if reason is None:
            paragraphs.append(info.text)
        else:
            removed.append(RemovedLine(info.text, reason))
    return CleanedText("\n\n".join(paragraphs), paragraphs, removed)
