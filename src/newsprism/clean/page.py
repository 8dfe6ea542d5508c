"""A page of plain text cut into its non-empty lines, with the layout facts cleaning needs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

import numpy as np

from newsprism.clean.rules import LineInfo, ends_sentence

HEAD_TOKENS = 16
_head_slice = itemgetter(slice(0, HEAD_TOKENS))
_first_char = itemgetter(0)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass
class Page:
    """The non-empty lines of a text, in order.

    ``infos[i]`` describes the stripped line, ``indent[i]`` is its leading whitespace width, ``blank_before[i]`` / ``blank_after[i]`` say whether an empty
    line separates it from its neighbours (paragraph breaks carry layout information).
    ``head_tokens`` holds the first ``HEAD_TOKENS`` words of every line in order,
    ``head_offsets[i]`` where line i's start and ``head_counts[i]`` how many there are, so that
    word statistics can be computed for the whole page at once.
    """

    infos: list[LineInfo]
    indent: list[int]
    blank_before: list[bool]
    blank_after: list[bool]
    head_tokens: list[str]
    head_offsets: np.ndarray
    head_counts: np.ndarray

    @property
    def texts(self) -> list[str]:
        return [info.text for info in self.infos]

    def __len__(self) -> int:
        return len(self.infos)


def split_page(text: str) -> Page:
    """Cut ``text`` into non-empty lines (stripped), remembering indentation and blank lines,
    and count each line's words and lower- and upper-case-initial words."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stripped = list(map(str.strip, raw_lines))
    keep = [i for i, s in enumerate(stripped) if s]
    if not keep:
        empty = np.zeros(0, dtype=np.intp)
        return Page([], [], [], [], [], empty, empty)
    lines = [stripped[i] for i in keep]
    indent = [len(raw_lines[i]) - len(raw_lines[i].lstrip()) for i in keep]
    # an empty line (or the start of the text) before / after each kept line
    blank_before = [True] + [b - a > 1 for a, b in zip(keep, keep[1:])]
    blank_after = blank_before[1:] + [True]

    per_line = list(map(str.split, lines))
    counts = list(map(len, per_line))
    tokens = list(chain.from_iterable(per_line))
    n = len(lines)
    count_arr = np.array(counts, dtype=np.intp)
    offsets = np.zeros(n, dtype=np.intp)
    np.cumsum(count_arr[:-1], out=offsets[1:])
    # Each line's first HEAD_TOKENS words: a long paragraph's word statistics are well
    # estimated from its start, and this bounds the work per line.
    capped = np.minimum(count_arr, HEAD_TOKENS)
    head_offsets = np.zeros(n, dtype=np.intp)
    np.cumsum(capped[:-1], out=head_offsets[1:])
    if int(capped.sum()) < len(tokens):
        head = list(chain.from_iterable(map(_head_slice, per_line)))
    else:
        head = tokens
    # The first character of every head word as a code point, classified by table look-up.
    firsts = np.frombuffer("".join(map(_first_char, head)).encode("utf-32-le"), dtype=np.uint32)
    flags = _CASE_TABLE[np.minimum(firsts, 0xFFFF)]
    lower = np.add.reduceat(flags & 1, head_offsets)
    upper = np.add.reduceat(flags >> 1, head_offsets)
    scale = count_arr / capped
    lower = np.rint(lower * scale).astype(int).tolist()
    upper = np.rint(upper * scale).astype(int).tolist()
    words = counts
    if firsts.max() >= 0x3040:
        words = counts[:]
        for i, line in enumerate(lines):
            # CJK has no spaces between words: count about one word per two characters.
            extra = len(_CJK.findall(line)) // 2
            words[i] += extra
            lower[i] += extra
    infos = list(map(LineInfo, lines, words, lower, upper, map(ends_sentence, lines)))
    return Page(infos, indent, blank_before, blank_after, head, head_offsets, capped)


def _case_table() -> np.ndarray:
    """For every code point of the Basic Multilingual Plane: 1 if a word starting with it reads
    as running text (lower case, or a script without capitals), 2 if it is a capital, else 0."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x3000):  # alphabets with case live below U+3000
        c = chr(cp)
        if c.islower():
            table[cp] = 1
        elif c.isupper() or c.istitle():
            table[cp] = 2
        elif c.isalpha():
            table[cp] = 1
    table[0x3040:0xA000] = 1  # kana and CJK ideographs
    table[0xAC00:0xD7B0] = 1  # Hangul
    return table


_CASE_TABLE = _case_table()
