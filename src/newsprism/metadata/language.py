"""Which language an article is written in (py3langid), and which script a line is written in."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Below this many letters a guess is noise ("AA" comes out as Oromo).
MIN_LETTERS = 20
# Below this confidence (py3langid's normalised probability) say nothing.
MIN_CONFIDENCE = 0.5
# py3langid walks the bytes in Python (about 0.25 ms per 1,000 characters), so it reads a
# short sample of prose first and a longer one only when the short one leaves it unsure.
_SAMPLE_CHARS = 200
_LONG_SAMPLE_CHARS = 800
_SURE = 0.8
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's model with probabilities normalised to 0..1 (loaded once, about 0.7 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_sample(text: str, limit: int = _SAMPLE_CHARS) -> str:
    """Return up to ``limit`` characters of the text's prose lines (6+ words with punctuation):
    menus, icon runs and labels left out."""
    parts: list[str] = []
    size = 0
    for line in text.splitlines():
        if line.count(" ") >= 5 and ("." in line or "," in line):
            parts.append(line.strip())
            size += len(parts[-1]) + 1
            if size >= limit:
                break
    sample = " ".join(parts) if parts else text
    return sample[:limit]


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language ("en"), or None if too short or unsure."""
    if not text:
        return None
    sample = language_sample(text)
    if len(_LETTER.findall(sample, 0, 4 * MIN_LETTERS)) < MIN_LETTERS:
        return None
    identifier = _identifier()
    lang, confidence = identifier.classify(sample)
    if confidence < _SURE and len(text) > len(sample):
        lang, confidence = identifier.classify(language_sample(text, _LONG_SAMPLE_CHARS))
    return lang if confidence >= MIN_CONFIDENCE else None


_SCRIPT_NAMES = {"CJK": "Han", "HIRAGANA": "Hiragana", "KATAKANA": "Katakana", "HANGUL": "Hangul"}


def line_script(line: str, sample: int = 40) -> str | None:
    """Return the script most of ``line``'s letters are in ("Latin", "Cyrillic", "Arabic", ...).

    Looks at the first ``sample`` letters; None when the line has no letters. Lets a cleaner see
    a UI line in another script than the article (a Russian widget label on an English page).
    """
    counts: dict[str, int] = {}
    seen = 0
    for ch in line:
        if not ch.isalpha():
            continue
        if ch.isascii():
            script = "Latin"
        else:
            name = unicodedata.name(ch, "")
            first = name.split(" ", 1)[0]
            script = _SCRIPT_NAMES.get(first, first.capitalize()) if first else "Unknown"
        counts[script] = counts.get(script, 0) + 1
        seen += 1
        if seen >= sample:
            break
    return max(counts, key=counts.get) if counts else None
