"""Synthetic scraped news articles for the speed and memory benchmarks.

Each article looks like a page scraped as plain text: a menu, a headline, a dateline, body
paragraphs with quotes, and share/subscribe furniture at the end. The words are invented here
(no shared data), and every article is different, so nothing is de-duplicated away.
"""
from __future__ import annotations

import random
from collections.abc import Iterator

_SUBJECTS = ["The foreign minister", "A government spokesman", "The defence ministry", "Local officials",
             "The opposition leader", "Aid workers", "The army", "A senior diplomat", "The president",
             "Witnesses", "The United Nations envoy", "Rebel commanders"]
_VERBS = ["said", "warned", "announced", "confirmed", "denied", "reported", "insisted", "claimed"]
_OBJECTS = ["that talks would resume next week", "that the convoy had reached the border",
            "that shelling continued overnight", "that a ceasefire was within reach",
            "that more troops were being sent to the region", "that civilians were fleeing the city",
            "that the agreement had been violated", "that a new round of negotiations was planned",
            "that the humanitarian situation was worsening", "that observation posts were attacked"]
_PLACES = ["near the northern border", "in the capital", "outside the besieged town",
           "along the main highway", "in the province", "at a press conference", "on state television"]
_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "late on Sunday"]
_MENU = ["Home", "World", "Politics", "Business", "Sport", "Opinion", "Video"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_DAYS)} {rng.choice(_OBJECTS)} "
            f"{rng.choice(_PLACES)}, adding that {rng.randint(2, 900)} people were affected.")


def article(index: int, rng: random.Random, paragraphs: int = 8) -> str:
    """One scraped page as plain text, about 3-4 KB."""
    headline = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} ({index})"
    lines = [" | ".join(rng.sample(_MENU, 5)), "", headline, "",
             f"{rng.randint(10, 23)}:{rng.randint(10, 59)} - {rng.randint(10, 28)}/0{rng.randint(1, 9)}/2020", ""]
    for _ in range(paragraphs):
        body = " ".join(sentence(rng) for _ in range(rng.randint(2, 3)))
        if rng.random() < 0.3:
            body += f' "We will not accept this," {rng.choice(_SUBJECTS).lower()} said.'
        lines += [body, ""]
    lines += ["Share this story!", "Subscribe to our newsletter", f"#{rng.choice(_MENU)}"]
    return "\n".join(lines)


def articles(count: int, seed: int = 7) -> Iterator[str]:
    """``count`` distinct articles, reproducibly."""
    rng = random.Random(seed)
    for index in range(count):
        yield article(index, rng)
