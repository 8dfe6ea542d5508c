"""Entities across the archive: every mention of one person, organisation or place under one id.

``EntityResolver`` follows scikit-learn's habit: ``fit`` takes the mentions of many articles and
builds the entities; ``entities`` lists them; ``resolve`` maps a name or a description ("the
Turkish president") to one; ``entity_of`` gives the entity a fitted mention went to.

How mentions become entities (rules written by hand: no library links names across documents
without training data):

1. Names are compared folded (lower case, no accents: "Erdoğan" = "Erdogan"); the display name
   is the most frequent of the forms of two words or more.
2. Names of people with two words or more are one person when their surnames agree and the
   shorter's given names appear in order in the longer's, allowing initials and one-letter
   transliteration variants ("Sergei"/"Sergey Lavrov", "Tayyip Erdogan" in "Recep Tayyip
   Erdogan"). A full name that fits two people stays apart.
3. A lone surname goes to the person of that surname named in full in the same article, else to
   the only such person in the archive; when there are several it stays an entity of its own.
   A lone word that is no one's surname goes to the one person of its article whose full name it
   opens: a name written family name first ("Mao" for "Mao Ning") or a given name alone.
   A word the recogniser once labels a person and elsewhere an organisation or a place ("Lavrov"
   as ORG) is a person when at least a third of its mentions say so, or when it is the surname of a
   person named in full and never mostly a place.
4. Organisations and places are one entity per folded name ("Moscow", "the Kremlin", "Turkey",
   "Ankara" stay apart); an all-capitals short form joins the only name it abbreviates ("UN").
5. Descriptions ("the Turkish leader", "Kremlin spokesman") go to the person whose roles fit
   (``names.role_fits``): first among the people of the same article, else across the archive
   when one person fits best. They become aliases of that person.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsprism.entities.mentions import DESCRIPTION, Mention
from newsprism.entities.names import (
    ROLE_MODIFIERS, TITLES, accepted_heads, compatible_names, fold, is_relational, name_tokens, role_fits,
    role_head, same_word, slug, strip_possessive, surname_key,
)
from newsprism.quotes.cues import ROLE_NOUNS

_PLACE_TYPES = ("GPE", "LOC", "FAC")


@dataclass
class Entity:
    """One resolved entity: ``name`` its most used form of two words or more; ``aliases`` the
    other forms and descriptions it was mentioned by; ``roles`` the titles texts give it, most
    frequent first; ``mentions`` how many mentions went to it, in ``articles``."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: int = 0
    articles: list[str] = field(default_factory=list)

    def to_export(self) -> dict:
        """The entity as the export contract's ``entities`` entry (``mentions`` and ``articles``
        are added fields)."""
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "roles": list(self.roles), "mentions": self.mentions, "articles": list(self.articles)}


@dataclass
class _Form:
    """Every mention of one folded name."""

    key: tuple[str, ...]
    displays: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.labels.values())


@dataclass
class _Cluster:
    type: str
    forms: list[tuple[str, ...]] = field(default_factory=list)
    displays: Counter = field(default_factory=Counter)
    descriptions: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    mentions: int = 0


def strip_role_words(name: str) -> str:
    """A name without the titles and role words written before it ("Turkish President Recep
    Tayyip Erdogan" -> "Recep Tayyip Erdogan"); unchanged when nothing follows the last one."""
    words = strip_possessive(name).split()
    cut = 0
    for i, w in enumerate(words[:-1]):
        low = fold(w).strip(".,[]")
        if low in ROLE_NOUNS or low in TITLES or low in ("fm", "pm") or (low in ROLE_MODIFIERS and i + 1 < len(words)
                                                                           and not words[i + 1][:1].isupper()):
            cut = i + 1
    return " ".join(words[cut:]) if cut < len(words) else name


class EntityResolver:
    """Resolves the mentions of many articles into entities (see the module docstring)."""

    def __init__(self, person_share: float = 1 / 3):
        self.person_share = person_share  # least share of PERSON labels that makes a name a person
        self._reset()

    def _reset(self) -> None:
        self._forms: dict[tuple[str, ...], _Form] = {}
        self._clusters: list[_Cluster] = []
        self._form_cluster: dict[tuple[str, ...], int] = {}  # non-person and full-name person forms
        self._lone: dict[tuple[str, ...], int] = {}  # lone surnames that fit no one person
        self._assigned: dict[tuple[str, int, int], int] = {}
        self._article_people: dict[str, list[tuple[int, int]]] = defaultdict(list)  # article -> (offset, cluster)
        self._surnames: set[str] = set()  # surnames of the people named in full
        self._by_surname: dict[str, set[int]] = defaultdict(set)  # surname's first letters -> persons named in full
        self._by_head: dict[str, set[int]] = defaultdict(set)  # role head -> persons with such a role
        self._entities: list[Entity] | None = None
        self._by_cluster: dict[int, Entity] = {}

    # ------------------------------------------------------------------ fitting

    def fit(self, mentions: Iterable[Mention]) -> "EntityResolver":
        """Build the entities from the mentions of any number of articles (forgetting any earlier
        fit); returns self."""
        self._reset()
        mentions = list(mentions)
        names = [m for m in mentions if m.type != DESCRIPTION and name_tokens(m.name)]
        for m in names:
            key = name_tokens(m.name)
            form = self._forms.setdefault(key, _Form(key))
            form.displays[strip_possessive(m.name)] += 1
            form.labels[m.type] += 1
        self._cluster_people()
        self._cluster_others()
        # mentions in reading order per article, so that a lone surname sees its article's full names
        for m in sorted(names, key=lambda m: (m.article, len(name_tokens(m.name)) == 1, m.start)):
            idx = self._assign_name(m)
            if idx is not None:
                self._record(m, idx)
        for m in mentions:
            if m.type == DESCRIPTION:
                idx = self._describe(m.name, m.article, m.start)
                if idx is not None:
                    self._record(m, idx, description=True)
        self._entities = None
        return self

    def _is_person_form(self, form: _Form) -> bool:
        person = form.labels["PERSON"]
        if person and person >= self.person_share * form.count:
            return True
        if len(form.key) == 1 and form.key[0] in self._surnames:
            places = sum(form.labels[t] for t in _PLACE_TYPES)
            return places * 2 < form.count
        return False

    def _cluster_people(self) -> None:
        """Full names of people into persons (rule 2)."""
        full = [f for f in self._forms.values() if len(f.key) > 1 and f.labels["PERSON"]
                and f.labels["PERSON"] >= self.person_share * f.count]
        full.sort(key=lambda f: (-len(f.key), -f.count, f.key))
        for form in full:
            fits = [i for i in self._same_surname(form.key)
                    if all(compatible_names(form.key, k) for k in self._clusters[i].forms)]
            if len(fits) == 1:
                idx = fits[0]
            else:
                idx = len(self._clusters)
                self._clusters.append(_Cluster("PERSON"))
            self._clusters[idx].forms.append(form.key)
            self._form_cluster[form.key] = idx
            self._by_surname[_prefix(form.key)].add(idx)
        self._surnames = {surname_key(k) for k in self._form_cluster}

    def _same_surname(self, key: tuple[str, ...]) -> set[int]:
        """The people named in full whose surname is this key's (or a variant of it)."""
        word = surname_key(key)
        return {i for i in self._by_surname.get(_prefix(key), ())
                if any(len(k) > 1 and same_word(surname_key(k), word) for k in self._clusters[i].forms)}

    def _cluster_others(self) -> None:
        """Organisations and places, one per folded name, and their abbreviations (rule 4)."""
        singles = []
        for key, form in sorted(self._forms.items()):
            if key in self._form_cluster or self._is_person_form(form):
                continue
            if len(key) == 1 and 2 <= len(key[0].replace(".", "")) <= 6 and \
                    any(d.replace(".", "").isupper() for d in form.displays):
                singles.append(form)
                continue
            self._new_other(form)
        initials: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for k, i in self._form_cluster.items():
            if len(k) > 1 and self._clusters[i].type != "PERSON":
                initials["".join(w[0] for w in k if w not in ("of", "the", "and", "for"))].append(k)
        for form in singles:
            targets = initials.get(form.key[0].replace(".", ""), [])
            if len(targets) == 1:
                idx = self._form_cluster[targets[0]]
                self._clusters[idx].forms.append(form.key)
                self._form_cluster[form.key] = idx
            else:
                self._new_other(form)

    def _new_other(self, form: _Form) -> None:
        labels = Counter({t: n for t, n in form.labels.items() if t != "PERSON"}) or form.labels
        label = max(sorted(labels), key=lambda t: labels[t])
        if label == "PERSON":
            label = "ORG"  # a name mostly labelled otherwise; its person labels are in the minority
        self._form_cluster[form.key] = len(self._clusters)
        self._clusters.append(_Cluster(label, forms=[form.key]))

    def _assign_name(self, m: Mention) -> int | None:
        key = name_tokens(m.name)
        form = self._forms.get(key)
        if form is None:
            return None
        if key in self._form_cluster and (len(key) > 1 or not self._is_person_form(form)):
            return self._form_cluster[key]
        return self._person_by_surname(key, m.article, lone_ok=True)

    def _person_by_surname(self, key: tuple[str, ...], article: str | None, lone_ok: bool) -> int | None:
        """The person a one-word name refers to (rule 3)."""
        everywhere = self._same_surname(key)
        if article is not None and len(everywhere) > 1:
            here = {i for _, i in self._article_people.get(article, [])} & everywhere
            if len(here) == 1:
                return here.pop()
        if len(everywhere) == 1:
            return everywhere.pop()
        if not everywhere and len(key) == 1 and article is not None:
            # no one's surname: the one person of the article whose name it opens, written family
            # name first ("Mao" for "Mao Ning") or a given name alone
            opened = {i for _, i in self._article_people.get(article, [])
                      if any(len(k) > 1 and same_word(k[0], key[0]) for k in self._clusters[i].forms)}
            if len(opened) == 1:
                return opened.pop()
        if not lone_ok:
            return None
        if key not in self._lone:
            self._lone[key] = len(self._clusters)
            self._clusters.append(_Cluster("PERSON", forms=[key]))
        return self._lone[key]

    def _record(self, m: Mention, idx: int, description: bool = False) -> None:
        c = self._clusters[idx]
        c.mentions += 1
        c.articles.add(m.article)
        if description:
            c.descriptions[_description_form(m.name)] += 1
        else:
            c.displays[strip_possessive(m.name)] += 1
            if m.role:
                role = " ".join(m.role.split())
                c.roles[role] += 1
                head, _ = role_head(role)
                if head:
                    self._by_head[head].add(idx)
            if c.type == "PERSON":
                self._article_people[m.article].append((m.start, idx))
        self._assigned[(m.article, m.start, m.end)] = idx

    def _describe(self, description: str, article: str | None, offset: int | None = None) -> int | None:
        """The person a description refers to (rule 5): among the article's people the best fit,
        the closest before the description first; else the one best fit in the archive."""
        head, _ = role_head(description)
        if head is None:
            return None
        scores = {}
        for i in set().union(*(self._by_head.get(h, ()) for h in accepted_heads(head))):
            c = self._clusters[i]
            best = max(role_fits(description, r) for r in c.roles)
            if best:
                scores[i] = (best, sum(n for r, n in c.roles.items() if role_fits(description, r)))
        if not scores:
            return None
        if article is not None and self._article_people.get(article):
            here = [(off, i) for off, i in self._article_people[article] if i in scores]
            if here:
                top = max(scores[i][0] for _, i in here)
                here = [(off, i) for off, i in here if scores[i][0] == top]
                before = [(off, i) for off, i in here if offset is None or off <= offset]
                return (max(before) if before else min(here))[1]
        ranked = sorted(scores, key=lambda i: scores[i], reverse=True)
        if len(ranked) > 1 and scores[ranked[0]] == scores[ranked[1]]:
            return None  # two people fit as well: no guess
        return ranked[0]

    # ------------------------------------------------------------------ results

    @property
    def entities(self) -> list[Entity]:
        """Every entity with at least one mention, sorted by type and name; ids are the type and
        the slug of the name ("person:recep-tayyip-erdogan"), so the same archive gives the same ids."""
        if self._entities is None:
            self._entities = self._build()
        return list(self._entities)

    def _build(self) -> list[Entity]:
        made: list[tuple[int, Entity]] = []
        for i, c in enumerate(self._clusters):
            if not c.mentions:
                continue
            made.append((i, Entity(id="", name=_display_name(c), type=c.type,
                                   aliases=_aliases(c), roles=_roles(c), mentions=c.mentions,
                                   articles=sorted(c.articles))))
        made.sort(key=lambda p: (p[1].type, fold(p[1].name), -p[1].mentions))
        seen: Counter = Counter()
        for _, e in made:
            base = f"{e.type.lower()}:{slug(e.name) or 'x'}"
            seen[base] += 1
            e.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        for _, e in made:
            e.aliases = [a for a in e.aliases if a != e.name]
        self._by_cluster = {i: e for i, e in made}
        return [e for _, e in made]

    def _entity(self, idx: int | None) -> Entity | None:
        if idx is None:
            return None
        self.entities  # noqa: B018  (builds the index)
        return self._by_cluster.get(idx)

    def entity_of(self, mention: Mention) -> Entity | None:
        """The entity a fitted mention went to, None if it went nowhere."""
        return self._entity(self._assigned.get((mention.article, mention.start, mention.end)))

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def resolve(self, text: str, *, article: str | None = None, type: str | None = None) -> Entity | None:
        """The entity a name or a description refers to, None when none fits or it is ambiguous.

        "Erdoğan", "President Erdogan" and "the Turkish president" all give the same person.
        ``article`` makes a lone surname or a description prefer the people of that article;
        ``type`` ("PERSON", "ORG", ...) is the type the caller's recogniser gave, if any.
        A list of names ("Turkey and Russia") resolves to nothing.
        """
        text = " ".join((text or "").split())
        if not text or any(f" {w} " in f" {fold(text)} " for w in ("and", "&", "or")):
            return None
        for candidate in (text, strip_role_words(text)):
            key = name_tokens(candidate)
            if not key:
                continue
            if key in self._form_cluster and (len(key) > 1 or not self._is_person_form(self._forms[key])):
                return self._entity(self._form_cluster[key])
            if key in self._forms or (candidate[:1].isupper() and type in (None, "PERSON")):
                if len(key) == 1:
                    idx = self._person_by_surname(key, article, lone_ok=False)
                    if idx is None and key in self._lone:
                        idx = self._lone[key]
                    if idx is not None:
                        return self._entity(idx)
                else:
                    fits = {i for i in self._same_surname(key)
                            if all(compatible_names(key, k) for k in self._clusters[i].forms if len(k) > 1)}
                    if len(fits) == 1:
                        return self._entity(fits.pop())
        return self._entity(self._describe(text, article))


def _prefix(key: tuple[str, ...]) -> str:
    """The first three letters of the surname: the bucket variants of it are looked for in."""
    return surname_key(key)[:3]


def _description_form(name: str) -> str:
    """A description as an alias: "The Turkish president's" -> "the Turkish president"."""
    name = strip_possessive(" ".join(name.split()))
    if name[:4] in ("The ", "THE "):
        name = "the " + name[4:]
    return name


def _display_name(c: _Cluster) -> str:
    """The most used written form of two words or more (a lone surname or acronym only when there
    is no other), a form in capitals only where there is no other ("MOSCOW" of a dateline); a tie
    goes to the longer form, then to the form with accents. The most used rather than the longest:
    a rare epithet ("Crooked Hillary Clinton") must not name the person."""
    if not c.displays:
        return next(iter(c.descriptions))
    forms = [d for d in c.displays if len(d.split()) >= 2] or list(c.displays)
    forms = [d for d in forms if not d.isupper()] or forms
    return max(sorted(forms), key=lambda d: (c.displays[d], len(d.split()), not d.isascii()))


def _aliases(c: _Cluster) -> list[str]:
    """Every other written form, then the descriptions, most frequent first, one per folded form."""
    out, seen = [], set()
    for counter in (c.displays, c.descriptions):
        for d, _ in sorted(counter.items(), key=lambda p: (-p[1], p[0])):
            if d.casefold() not in seen:
                seen.add(d.casefold())
                out.append(d)
    return out


def _roles(c: _Cluster) -> list[str]:
    """The roles, one per case-folded form, relational ones ("his Russian counterpart") left out."""
    folded: dict[str, Counter] = defaultdict(Counter)
    for role, n in c.roles.items():
        if not is_relational(role):
            folded[fold(role)][role] += n
    ranked = sorted(folded.values(), key=lambda cnt: -sum(cnt.values()))
    return [cnt.most_common(1)[0][0] for cnt in ranked]
