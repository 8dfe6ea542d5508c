"""The LSH index: which earlier items share a band key with each new one.

Written by hand rather than using datasketch's ``MinHashLSH``, which keeps every band of every
item in Python dicts of lists and inserts one item at a time: for a million paragraphs (16
million band keys) that is both too slow and several gigabytes (benchmarks/reuse_scale.py
measures it). Here a batch of keys is looked up and inserted at once in a numpy open-addressing
table of 8 bytes a slot (at most half full); only keys shared by several items, which exist only
where text is reused, go to a Python dict of lists.
"""
from __future__ import annotations

import numpy as np

_ITEM_BITS = 28  # a slot packs the key's top 36 bits over a 28-bit item number
_ITEM_MASK = np.uint64((1 << _ITEM_BITS) - 1)
_SHIFT = np.uint64(_ITEM_BITS)


class BandIndex:
    """Band key -> items that had it (item numbers: ints below 2**28 given by the caller).

    Keys are told apart by their top 36 bits: two distinct random keys agree on those once in
    7*10**10, which at worst proposes a candidate pair that verification then drops.
    ``bucket_limit`` caps how many items one key remembers: a paragraph repeated in thousands
    of articles (a slogan, a standard disclaimer) would otherwise make each new copy a candidate
    of all of them; each new copy is still paired with the first ``bucket_limit``."""

    def __init__(self, capacity: int = 1 << 16, bucket_limit: int = 64):
        size = 1 << max(int(capacity - 1).bit_length(), 4)
        self._slots = np.zeros(size, dtype=np.uint64)  # 0 = empty; else tag << 28 | item
        self._more: dict[int, list[int]] = {}  # tag -> further items that had it
        self._count = 0
        self.bucket_limit = bucket_limit

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        return self._slots.nbytes

    def reserve(self, keys: int) -> None:
        """Make room for ``keys`` more keys now, rather than growing step by step."""
        if (self._count + keys) * 2 > self._slots.size:
            self._grow(self._count + keys)

    def add(self, keys: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Look up every key, then add it with its item, in the order given.

        Returns ``(positions, earlier)``: for each pair, ``keys[positions[i]]`` was already held
        by item ``earlier[i]`` (added before, or earlier in this same call)."""
        keys = np.asarray(keys, dtype=np.uint64)
        items = np.asarray(items, dtype=np.int64)
        if keys.size == 0:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        if items.max() >= 1 << _ITEM_BITS:
            raise ValueError(f"a BandIndex holds item numbers below 2**{_ITEM_BITS}")
        if (self._count + keys.size) * 2 > self._slots.size:
            self._grow(self._count + keys.size)
        tags = (keys >> _SHIFT) | np.uint64(1)  # never 0, so a slot is never mistaken for empty
        first = self._probe(tags, (tags << _SHIFT) | items.astype(np.uint64))
        # Keys some earlier item holds: few (only where text is reused), resolved in Python.
        shared = np.flatnonzero(first >= 0)
        positions: list[int] = []
        earlier: list[int] = []
        for pos, tag, item, holder in zip(shared.tolist(), tags[shared].tolist(), items[shared].tolist(),
                                          first[shared].tolist()):
            positions.append(pos)
            earlier.append(holder)
            more = self._more.get(tag)
            if more is None:
                self._more[tag] = [item]
                continue
            positions.extend([pos] * len(more))
            earlier.extend(more)
            if len(more) + 1 < self.bucket_limit:
                more.append(item)
        return np.array(positions, dtype=np.int64), np.array(earlier, dtype=np.int64)

    def _probe(self, tags: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Linear probing for a whole batch: each tag either meets its own (the item there is
        returned) or an empty slot, which it takes (-1 returned). A tag repeated in the batch is
        taken once, by its first occurrence; the later ones meet it."""
        mask = np.uint64(self._slots.size - 1)
        first = np.full(tags.size, -1, dtype=np.int64)
        slot = (tags & mask).astype(np.int64)
        # Visit the table in slot order (a stable radix sort on the top 16 bits of the slot):
        # memory is then read and written nearly in sequence, not at random. Stable, so a tag
        # repeated in the batch still meets its first occurrence first.
        shift = max(int(self._slots.size).bit_length() - 17, 0)
        pending = np.argsort((slot >> shift).astype(np.uint16), kind="stable")
        # Tags, values and slots are carried along in that order (compressed as tags settle)
        # rather than gathered through ``pending`` at every step.
        slot, tags, values = slot[pending], tags[pending], values[pending]
        while pending.size:
            held = self._slots[slot]
            same = (held >> _SHIFT) == tags
            first[pending[same]] = (held[same] & _ITEM_MASK).astype(np.int64)
            free = held == 0
            # Tags wanting the same free slot all write their value there, in reverse order so
            # the first one's write lands last; whoever reads its own value back has the slot.
            free_at = np.flatnonzero(free)
            at, wanted = slot[free_at[::-1]], values[free_at[::-1]]
            self._slots[at] = wanted
            won = (self._slots[at] == wanted)[::-1]
            self._count += int(np.count_nonzero(won))
            same[free_at[won]] = True  # now: settled
            # Losers of a free slot look at it again (it may now hold their own tag); tags that
            # met another tag move on.
            moving = ~same
            pending, tags, values = pending[moving], tags[moving], values[moving]
            slot = (slot[moving] + ~free[moving]) & int(mask)
        return first

    def _grow(self, needed: int) -> None:
        size = self._slots.size
        while needed * 2 > size:
            size *= 2
        values = self._slots[self._slots != 0]
        self._slots = np.zeros(size, dtype=np.uint64)
        # Into an empty table, linear probing needs no probing: in order of home slot, each
        # value lands at max(its home, the previous value's place + 1), that is
        # i + running maximum of (home_i - i). The old table lists values nearly in home order,
        # so the stable sort is cheap.
        home = ((values >> _SHIFT) & np.uint64(size - 1)).astype(np.int64)
        order = np.argsort(home, kind="stable")
        values, home = values[order], home[order]
        rank = np.arange(values.size)
        place = rank + np.maximum.accumulate(home - rank)
        inside = place < size
        self._slots[place[inside]] = values[inside]
        self._count = int(inside.sum())
        if not inside.all():  # the few that run past the end wrap round to the start
            self._probe(values[~inside] >> _SHIFT, values[~inside])
