"""The grammatical gender a text gives a person, for "he"/"she" resolution.

Hand-made lists (spaCy has no gender lexicon and the pipeline must not download one): honorifics
and role words that say it outright, and common given names of the English-language news. A
name on neither list, or on both, is unknown, and an unknown person can be "he" or "she".
"""
from __future__ import annotations

MALE_TITLES = frozenset("mr mr. sir lord king prince father brother son husband uncle nephew "
                        "congressman spokesman chairman businessman sheikh emir".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss madam lady queen princess mother sister daughter wife "
                          "aunt niece congresswoman spokeswoman chairwoman businesswoman".split())

MALE_NAMES = frozenset("""
aaron adam adrian ahmed ahmet al alan albert alex alexander alexei ali andrew andy anthony antonio
arthur barack ben benjamin bernie bill billy bob bobby boris brad brandon brian bruce carl carlos
charles charlie chris christian christopher chuck cory craig dan daniel danny darren dave david dennis
dick dmitry don donald doug douglas dylan ed eddie edward emmanuel eric erik evan frank fred gary gavin
george gerald giuseppe greg gregory hank harry henry hugo ian igor isaac ivan jack jacob jake james
jamie jared jason jean jeb jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon jonathan jorge
jose joseph josh joshua juan justin karl keith ken kenneth kevin kurt larry lee leonard liam louis luis
marco marcus mark martin matt matthew michael miguel mike mitch mitt mohammed muhammad nathan neil
nick nicholas nicolas nigel olaf omar oscar patrick paul pedro peter phil philip rafael ralph rand
raymond recep reince richard rick rob robert roger ron ronald roy rudy russell ryan sam samuel scott
sean sergei sergey sebastian stephen steve steven stuart ted terry thomas tim timothy todd tom tony
travis vladimir walter wayne william xi yuri
""".split())

FEMALE_NAMES = frozenset("""
abigail alice alicia alison amanda amy ana andrea angela angelina ann anna anne annie barbara betty
beverly brenda carly carol caroline catherine cecile charlotte chelsea christina christine cindy claire
claudia debbie deborah denise diana diane donna dorothy elena elizabeth ellen emily emma erin eva
evelyn frances gina gloria grace hannah heather helen hillary huma ivanka jackie jane janet janice
jean jennifer jessica jill joan joanna jodi joyce judith judy julia julie karen kate katherine kathleen
kathy katie kelly kellyanne kim kristen laura lauren linda lisa loretta lucy lynn madeleine margaret
maria marie marine marsha martha mary megan megyn melania melissa michelle monica nancy natalie nicole
nikki olga pamela patricia paula rachel rebecca rosa ruth samantha sandra sara sarah sharon shirley
sophie stephanie susan suzanne tammy teresa theresa tina ursula valerie victoria virginia wendy
""".split())


def gender_of(words: list[str], before: list[str] = ()) -> str | None:
    """"m", "f" or None from the words of a name ("Mrs. Hillary Clinton") and the words written
    right before it ("Mrs.", "spokeswoman"): a title in either, else the name's given name (a
    capitalised word before the name, "New Jersey Gov. Chris Christie", is no given name)."""
    found = set()
    # (a name's last word is its family name, though it be a title's: "Tishana King", "Ann Prince")
    for w in list(before) + list(words[:-1]):
        low = w.lower().strip(",")
        if low in MALE_TITLES:
            found.add("m")
        elif low in FEMALE_TITLES:
            found.add("f")
    if not found and words:
        first = next((w.lower() for w in words if w[:1].isupper() and w.lower().rstrip(".") not in
                      ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator")), "")
        if first in MALE_NAMES:
            found.add("m")
        if first in FEMALE_NAMES:
            found.add("f")
    return found.pop() if len(found) == 1 else None


def pronoun_gender(pronoun: str) -> str | None:
    """"m" for he/him/his, "f" for she/her/hers, else None."""
    low = pronoun.lower()
    if low in ("he", "him", "his", "himself"):
        return "m"
    if low in ("she", "her", "hers", "herself"):
        return "f"
    return None
