"""A page of plain text cut into its non-empty lines, with the layout facts cleaning needs."""
from __future__ import annotations

from dataclasses import dataclass

from newsprism.clean.rules import LineInfo, describe


@dataclass
class Page:
    """The non-empty lines of a text, in order.

    ``infos[i]`` describes the stripped line, ``indent[i]`` is its leading whitespace width,
    ``blank_before[i]`` / ``blank_after[i]`` say whether an empty line separates it from its
    neighbours (paragraph breaks carry information about layout).
    """

    infos: list[LineInfo]
    indent: list[int]
    blank_before: list[bool]
    blank_after: list[bool]

    @property
    def texts(self) -> list[str]:
        return [info.text for info in self.infos]

    def __len__(self) -> int:
        return len(self.infos)


def split_page(text: str) -> Page:
    """Cut ``text`` into non-empty lines (stripped), remembering indentation and blank lines."""
    infos: list[LineInfo] = []
    indent: list[int] = []
    blank_before: list[bool] = []
    blank_after: list[bool] = []
    blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = True
            if blank_after:
                blank_after[-1] = True
            continue
        infos.append(describe(stripped))
        indent.append(len(raw) - len(raw.lstrip()))
        blank_before.append(blank)
        blank_after.append(False)
        blank = False
    if blank_after:
        blank_after[-1] = True
    return Page(infos, indent, blank_before, blank_after)
