"""Cross-document entity resolution: one canonical entity per real-world thing.

The unit merged is a document's mention cluster (all mentions of one thing in one
document). Clusters join when they share a key, and keys never cross type classes
(a person, an organisation, a place), so a company named after a city never joins the
city. Keys: the actor-list id (ISIS = IS = ISIL = Daesh); a person's full name (a bare
surname never leaves its document: two stories' "Smith" may be two people); a place's
gazetteer record, resolved in its document's context (Tadmur = Palmyra, but Palmyra in
New York stays apart from Palmyra in Syria); an organisation's folded name, its
acronym as defined in the corpus ("Syrian Democratic Forces (SDF)") or its initials,
and close spellings (rapidfuzz, same type class).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process

from storyline.lexicon import Knowledge
from storyline.lexicon.gazetteer import Gazetteer, fold
from storyline.models import Entity, LocalMention, MentionRef
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.geocode import contexts, resolve_place

PLACE_TYPES = {"GPE", "LOC", "FACILITY"}
_ORG_TYPES = {"ORG", "ARMED_GROUP"}
_FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "de", "du", "al", "el", "&", "at"}
_ORG_FUZZ = 92.0
_PERSON_FUZZ = 90.0


def type_class(t: str) -> str:
    if t == "PERSON":
        return "person"
    if t in PLACE_TYPES:
        return "place"
    if t in _ORG_TYPES:
        return "org"
    return t.lower()


@dataclass
class Group:
    """One document's mention cluster.

    The derived values (type, class, name, actor id) are computed on first read and
    kept: the resolver reads them many times, and `_groups` has gathered every mention
    before anything reads them."""

    document: str
    cluster: str
    order: int  # position of first appearance in the corpus
    mentions: list[LocalMention] = field(default_factory=list)

    @property
    def types(self) -> Counter:
        return Counter(m.type for m in self.mentions)

    @cached_property
    def type(self) -> str:
        return self.types.most_common(1)[0][0]

    @cached_property
    def klass(self) -> str:
        return type_class(self.type)

    @cached_property
    def name(self) -> str:
        names = Counter(m.name for m in self.mentions)
        return max(names, key=lambda n: (names[n], len(n)))

    @cached_property
    def actor_id(self) -> str | None:
        return next((m.actor_id for m in self.mentions if m.actor_id), None)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the earlier group stays the root: stable names and ids
            self.parent[max(ra, rb)] = min(ra, rb)


def _groups(corpus: Corpus) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    for doc, x in corpus.extracted():
        for m in sorted(x.mentions, key=lambda m: (m.start, m.end)):
            key = (doc.id, m.cluster)
            if key not in groups:
                groups[key] = Group(doc.id, m.cluster, len(groups))
            groups[key].mentions.append(m)
    return list(groups.values())


def _initials(name: str) -> str:
    # an elided article belongs to no initial: 'Rassemblement Patriotique de l'Ouham' (RPO)
    name = re.sub(r"\b[ldLD]['’](?=\w)", "", name)
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def _is_acronym(text: str) -> bool:
    raw = text.replace(".", "")
    return 2 <= len(raw) <= 6 and raw.isalpha() and raw.isupper()


def _place_keys(groups: list[Group], corpus: Corpus, gz: Gazetteer) -> dict[int, str]:
    """Gazetteer record per place group, resolved in its document's context."""
    per_doc, whole = contexts(corpus, gz)
    out = {}
    for gi, g in enumerate(groups):
        if g.klass != "place":
            continue
        names = list(dict.fromkeys(m.name for m in g.mentions))
        i, note = resolve_place(names, per_doc.get(g.document), whole, gz)
        if i is not None and note is None:  # an airport located by its city is not the city
            out[gi] = gz.places[i][0]
    return out


def resolve_entities(
    corpus: Corpus, knowledge: Knowledge
) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    """Canonical entities and the map (document id, mention cluster) -> entity id; the
    actor list and the gazetteer come from `knowledge`."""
    actors = knowledge.actors
    groups = _groups(corpus)
    if not groups:
        return [], {}
    gz = knowledge.gazetteer
    uf = _UnionFind(len(groups))
    first_with: dict[str, int] = {}

    def join(key: str, gi: int) -> None:
        if key in first_with:
            uf.union(first_with[key], gi)
        else:
            first_with[key] = gi

    place_keys = _place_keys(groups, corpus, gz)
    outlets = _outlet_keys(corpus, gz)
    for gi, g in enumerate(groups):
        outlet = None if g.actor_id else outlets.get(fold(g.name))
        if outlet is not None:
            # an outlet of the corpus named in a text is that outlet, never a person
            g.type, g.klass = "ORG", "org"
            join(f"org:{outlet}", gi)
        elif g.actor_id:
            join(f"actor:{g.actor_id}", gi)
        elif g.klass == "person":
            if len(g.name.split()) >= 2:  # a bare surname stays in its document
                join(f"person:{fold(g.name)}", gi)
        elif g.klass == "place":
            join(f"place:{place_keys[gi]}" if gi in place_keys else f"place:{fold(g.name)}", gi)
        else:
            join(f"{g.klass}:{fold(g.name)}", gi)
    _join_acronyms(groups, uf, first_with)
    _join_longer_names(groups, uf)
    _join_shortened_bodies(groups, uf)
    _join_bare_features(groups, uf, knowledge.entity_words["feature_words"], gz)
    _join_unique_surnames(groups, uf, knowledge.entity_words["titles"])
    _join_fuzzy(groups, uf, "person", _PERSON_FUZZ, same_last_word=True)
    _join_fuzzy(groups, uf, "org", _ORG_FUZZ, same_last_word=False)
    entities, entity_of = _build(groups, uf, actors, gz)
    words = knowledge.entity_words
    _add_opinion_authors(entities, corpus, words["org_words"] | words["generic_bodies"])
    return entities, entity_of


# An author's own voice is a source only in a piece that argues (a column, a blog post):
# a report's byline names the staff who wrote it up, not a party to the story.
_VOICED_TYPES = {"opinion"}
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def _author_names(author: str, body_words: frozenset[str]) -> list[str]:
    """The people an author field names: 'A B and C D' is two; a body ('Atlas News
    Agency', 'Editorial Board') or a single word is none."""
    names = []
    for part in _AUTHOR_SPLIT.split(author):
        words = part.split()
        if not 2 <= len(words) <= 5 or any(fold(w) in body_words for w in words):
            continue
        if all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in words):
            names.append(" ".join(words))
    return names


def _add_opinion_authors(
    entities: list[Entity], corpus: Corpus, body_words: frozenset[str]
) -> None:
    """The author of an opinion piece is a person of the corpus (the piece's claims are
    theirs), even where the text never names them: the entity of that full name gains
    the role, or a new one holds it with no mention in the text."""
    people = {fold(a): e for e in entities if e.type == "PERSON" for a in [e.name, *e.aliases]}
    for doc in corpus.documents:
        if doc.doc_type not in _VOICED_TYPES or not doc.author:
            continue
        for name in _author_names(doc.author, body_words):
            role = f"author ({doc.outlet})" if doc.outlet else "author"
            entity = people.get(fold(name))
            if entity is None:
                entity = Entity(id=f"e{len(entities) + 1}", name=name, type="PERSON")
                entity.aliases.append(name)
                entities.append(entity)
                people[fold(name)] = entity
            if role not in entity.roles:
                entity.roles.append(role)


_OUTLET_STOP = {"the", "la", "le", "el", "les", "los", "las", "a", "an", "of", "de"}


def _outlet_keys(corpus: Corpus, gz: Gazetteer) -> dict[str, str]:
    """Folded names that stand for an outlet of the corpus -> the outlet's folded name:
    the name itself and, for a name of several words, its first distinctive word
    ('Atlas' for 'Atlas News Agency') where no other outlet shares it and the texts never
    write it in lower case."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    # a head word the texts also write in lower case is a common word ('National',
    # 'Government', 'Voice'), not a name
    common = {w for doc in corpus.documents for w in re.findall(r"\b[a-z][\w'’-]+", doc.text)}
    for doc in corpus.documents:
        if not doc.outlet or len(doc.outlet) > 80:
            continue
        full = fold(doc.outlet)
        out[full] = full
        words = [w for w in re.findall(r"[\w'’-]+", doc.outlet) if w.lower() not in _OUTLET_STOP]
        if (
            len(words) >= 2
            and len(words[0]) >= 4
            and words[0][0].isupper()
            and words[0].lower() not in common
            and gz.max_population(words[0]) < 5000  # 'Lagos' in 'Lagos Commerce Review'
        ):
            head = fold(words[0])
            if out.get(head, full) != full:
                shared.add(head)
            out.setdefault(head, full)
    for head in shared:
        out.pop(head, None)
    return out


def _join_longer_names(groups: list[Group], uf: _UnionFind) -> None:
    """A two-word name joins the one person of the corpus whose three-word name it
    shortens: a second surname left off ('Ricardo Mantilla' of 'Ricardo Mantilla Pena')
    or a middle name ('Oscar Renteria' of 'Oscar Ivan Renteria'); none where two fit."""
    longer: dict[tuple[str, str], set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        words = fold(g.name).split()
        if g.klass == "person" and not g.actor_id and len(words) == 3:
            longer[(words[0], words[1])].add(gi)  # second surname left off
            longer[(words[0], words[2])].add(gi)  # middle name left off
    for gi, g in enumerate(groups):
        words = fold(g.name).split()
        if g.klass != "person" or g.actor_id or len(words) != 2 or min(map(len, words)) < 3:
            continue
        roots = {uf.find(x) for x in longer.get((words[0], words[1]), ())}
        if len(roots) == 1:
            uf.union(roots.pop(), gi)


def _join_shortened_bodies(groups: list[Group], uf: _UnionFind) -> None:
    """An organisation's name of three words or more joins the one longer name that
    only adds an 'and …' to it ('Ministry of National Defence' of 'Ministry of National
    Defence and Army Reconstruction') or a list of fields after a comma ('Ministry of
    Labour' of 'Ministry of Labour, Employment and Productivity'); none where two longer
    names fit."""
    longer: dict[str, set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        key = fold(g.name)
        if g.klass == "org" and not g.actor_id and " and " in key:
            longer[key.split(" and ", 1)[0].strip()].add(gi)
            if "," in g.name:
                longer[fold(g.name.split(",", 1)[0])].add(gi)
    for gi, g in enumerate(groups):
        key = fold(g.name)
        if g.klass != "org" or g.actor_id or len(key.split()) < 3 or " and " in key:
            continue
        roots = {uf.find(x) for x in longer.get(key, ())}
        if len(roots) == 1:
            uf.union(roots.pop(), gi)


def _join_bare_features(
    groups: list[Group], uf: _UnionFind, features: frozenset[str], gz: Gazetteer
) -> None:
    """'the Muradal' joins the one feature of the corpus named 'Serra do Muradal' (a
    feature word, particles, then the name); never a name the gazetteer knows as a place
    ('Chad' is not 'Lake Chad'), and none where two features share it."""
    named: dict[str, set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        words = fold(g.name).split()
        if g.klass == "place" and len(words) >= 2 and words[0].rstrip(".") in features:
            named[words[-1]].add(gi)
    for gi, g in enumerate(groups):
        key = fold(g.name)
        if g.klass != "place" or " " in key or key not in named or gz.exact(g.name):
            continue
        roots = {uf.find(x) for x in named[key]}
        if len(roots) == 1:
            uf.union(roots.pop(), gi)


def _join_unique_surnames(groups: list[Group], uf: _UnionFind, titles: frozenset[str]) -> None:
    """A bare surname in a document that never gives the full name joins the one person
    of the corpus whose full name ends in it; none where two people share it. So does a
    title and a surname that the tagger took for a body ('General Rentería')."""
    owners: dict[str, set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        words = g.name.split()
        if g.klass == "person" and len(words) >= 2 and not g.actor_id:
            owners[fold(words[-1])].add(gi)
    for gi, g in enumerate(groups):
        words = g.name.split()
        titled = (
            g.klass == "org"  # 'General Rentería' tagged a body where no full name is near
            and len(words) >= 2
            and all(w.lower().rstrip(".") in titles for w in words[:-1])
        )
        key = fold(words[-1]) if words else ""
        if g.actor_id or len(key) < 4 or not (titled or (g.klass == "person" and len(words) == 1)):
            continue
        roots = {uf.find(x) for x in owners.get(key, ())}
        if len(roots) == 1:
            uf.union(roots.pop(), gi)
            if titled:
                g.type, g.klass = "PERSON", "person"


def _join_acronyms(groups: list[Group], uf: _UnionFind, first_with: dict[str, int]) -> None:
    """An all-capitals organisation joins the one it abbreviates: by a definition seen
    anywhere in the corpus, else by initials, where exactly one candidate fits."""
    defined: dict[str, set[int]] = defaultdict(set)  # acronym -> root groups
    for gi, g in enumerate(groups):
        if g.klass != "org":
            continue
        texts = {m.text for m in g.mentions}
        if any(not _is_acronym(t) for t in texts):
            for t in texts:
                if _is_acronym(t):
                    defined[t.replace(".", "")].add(gi)
    for acr, definers in sorted(defined.items()):
        # one acronym defined after two names: where exactly one name's initials give
        # it, the others are its translations ('National Republican Guard (GNR)',
        # 'Guarda Nacional Republicana (GNR)')
        names = {x: next((m.text for m in groups[x].mentions if not _is_acronym(m.text)), "")
                 for x in definers}  # fmt: skip
        spelled = {uf.find(x) for x in definers if _initials(names[x]) == acr}
        if len(spelled) == 1:
            keep = spelled.pop()
            for x in sorted(definers):
                uf.union(keep, x)
    by_initials: dict[str, list[int]] = defaultdict(list)
    for x, h in enumerate(groups):
        if h.klass == "org" and not _is_acronym(h.name):
            by_initials[_initials(h.name)].append(x)
    for gi, g in enumerate(groups):
        if g.klass != "org" or not _is_acronym(g.name) or g.actor_id:
            continue
        acr = g.name.replace(".", "")
        roots = {uf.find(x) for x in defined.get(acr, ())}
        if not roots:
            roots = {uf.find(x) for x in by_initials.get(acr, ())}
        if len(roots) == 1:
            uf.union(roots.pop(), gi)


def _join_fuzzy(
    groups: list[Group], uf: _UnionFind, klass: str, cutoff: float, same_last_word: bool
) -> None:
    """Close spellings of the same kind of thing ('Sergei'/'Sergey Shoigu'), blocked by
    first letters (or surname) so the cost stays near linear.

    Each name is folded once and a block is scored in one `process.cdist` call. Every
    pair at or above the cutoff is joined: the union keeps the earliest group as root,
    so the result does not depend on the order the pairs are joined in."""
    blocks: dict[str, list[int]] = defaultdict(list)
    keys: dict[int, str] = {}
    for gi, g in enumerate(groups):
        if g.klass != klass or g.actor_id:
            continue
        key = fold(g.name)
        if len(key) < 6 or (klass == "person" and len(key.split()) < 2):
            continue
        keys[gi] = key
        blocks[key.split()[-1] if same_last_word else key[:2]].append(gi)
    for members in blocks.values():
        if len(members) < 2 or len(members) > 500:
            continue
        names = [keys[gi] for gi in members]
        # float64: a float32 result could round a score just under the cutoff up to it
        scores = process.cdist(
            names, names, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float64
        )
        rows, cols = np.nonzero(np.triu(scores >= cutoff, k=1))
        for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
            uf.union(members[a], members[b])


def _build(groups: list[Group], uf: _UnionFind, actors, gz: Gazetteer):
    members: dict[int, list[int]] = defaultdict(list)
    for gi in range(len(groups)):
        members[uf.find(gi)].append(gi)
    entities: list[Entity] = []
    entity_of: dict[tuple[str, str], str] = {}
    stands: dict[str, str] = {}  # entity id -> country name it stands for
    for root in sorted(members):  # roots are the earliest group: first-appearance order
        gs = [groups[i] for i in members[root]]
        eid = f"e{len(entities) + 1}"
        mentions = [m for g in gs for m in g.mentions]
        actor_id = next((g.actor_id for g in gs if g.actor_id), None)
        actor = actors.get(actor_id) if actor_id else None
        types: Counter = Counter()
        for g in gs:  # the group's type: an outlet's override counts for all its mentions
            types[g.type] += len(g.mentions)
        etype = actor.type if actor else types.most_common(1)[0][0]
        names = Counter(m.name for m in mentions)
        if actor:
            name = actor.name
        elif etype == "PERSON":
            name = max(names, key=lambda n: (len(n.split()) >= 2, names[n], len(n)))
        else:
            name = max(names, key=lambda n: (names[n], -list(names).index(n)))
        aliases = list(dict.fromkeys(_clean_alias(m.text) for m in mentions))
        roles = list(dict.fromkeys(r for m in mentions if m.role for r in m.role.split("; ") if r))
        entity = Entity(
            id=eid,
            name=name,
            type=etype,  # type: ignore[arg-type]
            aliases=[a for a in aliases if a],
            roles=roles,
            mentions=[
                MentionRef(document=g.document, start=m.start, end=m.end)
                for g in gs
                for m in g.mentions
            ],
        )
        entity.mentions.sort(key=lambda r: (r.document, r.start))
        entities.append(entity)
        for g in gs:
            entity_of[(g.document, g.cluster)] = eid
        stand = next((m.stands_for for m in mentions if m.stands_for), None)
        if stand:
            stands[eid] = stand
    _link_metonyms(entities, stands, gz)
    return entities, entity_of


def _clean_alias(text: str) -> str:
    text = " ".join(text.split())
    return text[4:] if text.lower().startswith("the ") else text


def _link_metonyms(entities: list[Entity], stands: dict[str, str], gz: Gazetteer) -> None:
    """Point each metonym (the Kremlin, Damascus acting) at its country's entity,
    creating the country where no text names it."""
    if not stands:
        return
    country_entity: dict[str, str] = {}
    for e in entities:
        if e.type != "GPE":
            continue
        for name in [e.name, *e.aliases]:
            cands = gz.exact(name)
            if cands and gz.places[cands[0]][7] == "country":
                country_entity.setdefault(gz.places[cands[0]][4], e.id)
                break
    for eid, country in stands.items():
        iso = gz.country_of_name(country)
        if iso is None:
            continue
        target = country_entity.get(iso)
        if target is None:
            target = f"e{len(entities) + 1}"
            entities.append(
                Entity(
                    id=target,
                    name=gz.country_names.get(iso, country),
                    type="GPE",
                    aliases=[],
                )
            )
            country_entity[iso] = target
        entity = next(e for e in entities if e.id == eid)
        entity.stands_for = target
