"""Name and role strings: folding, keys, when two spellings are one name, when a role fits.

Small string rules written by hand: spaCy has no cross-document name matching, and the few
libraries that do (record-linkage toolkits) need training data this project does not have.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsprism.quotes.cues import ROLE_NOUNS

# words before a name that are courtesy titles, not roles ("Mr. Smith")
TITLES = frozenset("mr mrs ms miss dr sir dame lord lady prof rev mr. mrs. ms. dr. prof. rev.".split())

# lower-case words that may stand inside a role before its noun ("foreign minister")
ROLE_MODIFIERS = frozenset("""
foreign defense defence interior prime deputy vice former acting chief press top senior finance
economy economic trade health justice energy education environment transport agriculture labour
labor culture security national state presidential military armed army naval intelligence
parliamentary opposition party government ruling first supreme general special assistant
executive managing foreign-affairs home development affairs humanitarian diplomatic political legal
media communications public regional refugee aid relief emergency peace nuclear campaign
""".split())

# role abbreviations, expanded before roles are compared
ABBREVIATIONS = {"fm": "foreign minister", "pm": "prime minister", "dm": "defense minister",
                 "defence": "defense", "spokesperson": "spokesman", "spokeswoman": "spokesman",
                 "spokespeople": "spokesman", "spokesmen": "spokesman"}

# roles that say how one person relates to another, not what office they hold
RELATIONAL = frozenset(["counterpart", "colleague", "ally", "host", "guest", "rival"])

# a general word for a role accepts these specific role heads ("the Turkish leader" can be its
# president); a specific word accepts only itself
GENERAL_HEADS = {
    "leader": {"leader", "president", "premier", "prime minister", "chancellor", "king", "queen",
               "emir", "sultan", "head of state", "chairman", "counterpart"},
    "head": {"head", "president", "chairman", "director", "chief", "leader"},
    "diplomat": {"diplomat", "foreign minister", "ambassador", "envoy"},
    "president": {"president", "counterpart", "head of state"},
    "premier": {"premier", "prime minister"},
    "prime minister": {"premier", "prime minister"},
}

_NAME_ARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "ibn-", "bin-")


def fold(text: str) -> str:
    """Lower-case, accent-free text with curly apostrophes made straight ("Erdoğan" -> "erdogan")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").lower()


def strip_possessive(text: str) -> str:
    """The text without a final "'s" or "'" ("Erdogan's" -> "Erdogan")."""
    return re.sub(r"(?:['’]s|(?<=s)['’])$", "", text.strip()).strip()


def name_tokens(text: str) -> tuple[str, ...]:
    """The folded words of a name, without "the", possessive and punctuation."""
    words = [w.strip(".,;:()[]\"“”'") for w in fold(strip_possessive(text)).split()]
    words = [w for w in words if w]
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return tuple(words)


def surname_key(tokens: tuple[str, ...]) -> str:
    """The last word without an Arabic article ("al-assad" -> "assad"): what a lone surname
    mention is matched on."""
    if not tokens:
        return ""
    last = tokens[-1]
    for prefix in _NAME_ARTICLES:
        if last.startswith(prefix) and len(last) > len(prefix) + 2:
            return last[len(prefix):]
    return last


def _edit_distance_one(a: str, b: str) -> bool:
    """True when a and b differ by at most one substitution, insertion or deletion."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def same_word(a: str, b: str) -> bool:
    """Whether two folded name words are one name: equal, an initial ("v." and "vladimir"), or a
    transliteration variant of five letters or more at one edit ("sergei", "sergey")."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    return min(len(a), len(b)) >= 5 and a[0] == b[0] and _edit_distance_one(a, b)


@lru_cache(maxsize=1)
def _nicknamer():
    """The ``nicknames`` package's table of English given names and their short forms."""
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=65536)
def same_given_name(a: str, b: str) -> bool:
    """Whether two folded given names are one: ``same_word``, or one is a short form of the
    other in the ``nicknames`` table ("jim" and "james", "bill" and "william")."""
    if same_word(a, b):
        return True
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) < 2 or len(b) < 2:
        return False
    nick = _nicknamer()
    return b in nick.nicknames_of(a) or a in nick.nicknames_of(b)


def compatible_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two person names can be the same person: same surname, and the given names of
    the shorter found in order among the longer's ("tayyip erdogan" in "recep tayyip erdogan"),
    nicknames allowed ("jim mattis", "james mattis")."""
    if not a or not b or not same_word(surname_key(a), surname_key(b)):
        return False
    short, long_ = (a[:-1], b[:-1]) if len(a) <= len(b) else (b[:-1], a[:-1])
    k = 0
    for word in short:
        while k < len(long_) and not same_given_name(word, long_[k]):
            k += 1
        if k == len(long_):
            return False
        k += 1
    return True


# nationality words whose country does not share their first four letters (or shares them
# with another country's): both map to one key
_NATIONS = {
    "american": "us", "us": "us", "u.s": "us", "u.s.": "us", "usa": "us", "america": "us",
    "british": "uk", "britain": "uk", "uk": "uk", "u.k": "uk", "u.k.": "uk",
    "french": "france", "france": "france", "polish": "poland", "poland": "poland",
    "spanish": "spain", "spain": "spain", "danish": "denmark", "denmark": "denmark",
    "swiss": "switzerland", "switzerland": "switzerland", "finnish": "finland", "finland": "finland",
    "irish": "ireland", "ireland": "ireland", "welsh": "wales", "wales": "wales",
    "dutch": "netherlands", "netherlands": "netherlands", "filipino": "philippines",
    "philippine": "philippines", "philippines": "philippines", "austrian": "austria", "austria": "austria",
    "australian": "australia", "australia": "australia",
}


def nation_stem(word: str) -> str:
    """A nationality or country word cut to a key that both forms share ("turkish", "turkey" ->
    "turk"; "russian", "russia" -> "russ"; "american", "U.S." -> "us")."""
    word = fold(strip_possessive(word))
    if word in _NATIONS:
        return _NATIONS[word]
    return word[:4] if len(word) >= 4 else word


@lru_cache(maxsize=65536)
def role_head(role: str) -> tuple[str | None, frozenset[str]]:
    """The office noun of a role and its other words, folded and expanded.

    "Russian Foreign Minister" -> ("foreign minister", {"russian"}); "Kremlin spokesman" ->
    ("spokesman", {"kremlin"}); "the president of Turkey" -> ("president", {"turkey"}).
    The head keeps "foreign"/"prime"/"defense" with "minister", which names a different office.
    """
    words = [ABBREVIATIONS.get(w, w) for w in name_tokens(role.replace("-", " ").replace("U.S.", "US"))]
    words = " ".join(words).split()
    words = [w[:-1] if w.endswith("s") and w[:-1] in ROLE_NOUNS and w not in ROLE_NOUNS else w for w in words]
    words = [ABBREVIATIONS.get(w, w) for w in words]
    heads = [i for i, w in enumerate(words) if w in ROLE_NOUNS or w in RELATIONAL]
    if not heads:
        return None, frozenset(words)
    # "the president of Turkey": the noun before "of" is the head
    i = heads[0] if "of" in words[heads[0] + 1:heads[0] + 2] else heads[-1]
    head = words[i]
    rest = [w for j, w in enumerate(words) if j != i and w not in ("of", "for", "the", "'s", "and")]
    if head == "minister" and i > 0 and words[i - 1] in ROLE_MODIFIERS - {"former", "acting", "deputy", "vice"}:
        head = f"{words[i - 1]} minister"
        rest = [w for w in rest if w != words[i - 1]]
    if head == "head" and words[i + 1:i + 3] == ["of", "state"]:
        head = "head of state"
        rest = [w for w in rest if w != "state"]
    return head, frozenset(rest)


def accepted_heads(head: str) -> set[str]:
    """The role heads a description's head accepts ("leader" -> president, premier, ...)."""
    out = set(GENERAL_HEADS.get(head, {head}))
    if head == "spokesman":
        out.add("press secretary")
    return out


def role_fits(description: str, role: str) -> int:
    """How well a description ("the Turkish leader") fits a role a person was given ("Turkish
    President"): 0 when it does not, else 1 + the number of shared words (a longer match is
    stronger). The description's head must name the role's office (a general head such as
    "leader" accepts a president, see GENERAL_HEADS), and every other word of the description
    must be in the role, nationality words by stem ("turkish" ~ "turkey")."""
    d_head, d_words = role_head(description)
    r_head, r_words = role_head(role)
    if d_head is None or r_head is None:
        return 0
    if r_head not in accepted_heads(d_head):
        return 0
    r_stems = {nation_stem(w) for w in r_words}
    for w in d_words:
        if w not in r_words and nation_stem(w) not in r_stems:
            return 0
    return 1 + len(d_words)


def is_relational(role: str) -> bool:
    """Whether a role only relates the person to another ("his Russian counterpart")."""
    head, _ = role_head(role)
    return head in RELATIONAL


def slug(text: str) -> str:
    """A lower-case ASCII slug of a name, for stable ids ("Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
