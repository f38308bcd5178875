"""Descriptors a document leaves unresolved, linked through its story.

A commentary that only says 'the union says 48,000 naira' names no union; the wire
report of the same story names the National Union of Dock and Port Workers. Inside the
document the resolver rightly left 'the union' unresolved (no entity to point at). Here,
across the story, a bare descriptor ('the union', 'the police', 'the Authority') is
linked to an entity when exactly one organisation of the story fits the descriptor's
word table (`data/references.toml`, `[organisations]`) and the document itself names
none that fits (then the resolver's silence was an ambiguity, not an absence). Two
fitting organisations, a modifier ('the dockers' union'), a plural or a person's role:
no link; except that of two fitting names, the one the descriptor shortens (its head
noun is the descriptor word: 'the army' for 'Colombian Army', not 'Ejército Nacional',
which fits only through a translation in the table) is taken when it is the only such
one. A record the document gave to an entity named by the bare descriptor word alone
('Army': the NER took 'the Army' for a name) is linked the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.lexicon.references import ReferenceWords, force_table
from storyline.models import Entity
from storyline.reconcile.corpus import Corpus

_DETERMINERS = ("the ", "this ", "that ")
_DEFAULT_TYPES = frozenset({"ORG", "ARMED_GROUP"})


class StoryDescriptors:
    """Links (document, descriptor text) to one entity of the document's story."""

    def __init__(self, corpus: Corpus, words: ReferenceWords, role_nouns: frozenset[str]) -> None:
        self.words = words
        self.role_nouns = role_nouns  # 'the officer' is a person, never the police
        self.entities = {e.id: e for e in corpus.entities}
        self._keys: dict[str, set[str]] = {}
        self.story_of: dict[str, str] = {}
        for story in corpus.stories:
            for doc_id in story.documents:
                self.story_of[doc_id] = story.id
        self.in_story: dict[str, set[str]] = defaultdict(set)
        self.in_doc: dict[str, set[str]] = defaultdict(set)
        for (doc_id, _cluster), entity_id in corpus.entity_of.items():
            self.in_doc[doc_id].add(entity_id)
            story = self.story_of.get(doc_id)
            if story is not None:
                self.in_story[story].add(entity_id)

    def entity(self, doc_id: str, text: str | None) -> Entity | None:
        """The one story entity a descriptor stands for, or None."""
        return (
            self._bare(doc_id, text) or self._described(doc_id, text) or self._force(doc_id, text)
        )

    def _force(self, doc_id: str, text: str | None) -> Entity | None:
        """'soldiers' (a bare plural for a body's people): the one armed body it fits among
        those the document names, else the one of the story when the document names
        none; two that fit leave it unresolved."""
        table = force_table(text, self.words)
        if table is None:
            return None
        types = _DEFAULT_TYPES
        here = [e for e in self._entities(self.in_doc[doc_id]) if self._fits(e, table, types)]
        if here:
            return here[0] if len(here) == 1 else None
        story = self.story_of.get(doc_id)
        if story is None:
            return None
        found = [e for e in self._entities(self.in_story[story]) if self._fits(e, table, types)]
        return found[0] if len(found) == 1 else None

    def _described(self, doc_id: str, text: str | None) -> Entity | None:
        """A descriptor that another document of the story gave one entity, word for word
        ('the doctors' union' after 'the doctors' union, Medica Unita,'; 'the mayor of
        Vilar' after 'Joana Mota, the mayor of Vilar'): that entity, when it is the only
        one so described and the document itself describes none so."""
        key = _descriptor_key(text)
        if key is None:
            return None
        if any(key in self._role_keys(e) for e in self._entities(self.in_doc[doc_id])):
            return None
        story = self.story_of.get(doc_id)
        if story is None:
            return None
        found = [e for e in self._entities(self.in_story[story]) if key in self._role_keys(e)]
        return found[0] if len(found) == 1 else None

    def _role_keys(self, entity: Entity) -> set[str]:
        keys = self._keys.get(entity.id)
        if keys is None:  # worked out once per entity, not once per lookup
            keys = {k for r in entity.roles if (k := _descriptor_key(r)) is not None}
            self._keys[entity.id] = keys
        return keys

    def _bare(self, doc_id: str, text: str | None) -> Entity | None:
        """The one story entity a bare descriptor stands for, or None."""
        head = _bare_head(text)
        if head is None or head in self.role_nouns:
            return None
        table = self.words.organisations.get(head)
        if table is None:
            return None
        types = self.words.descriptor_types.get(head, _DEFAULT_TYPES)
        if "GPE" in types:
            return None  # 'the government' is relative to a country the text may not name
        if any(self._fits(e, table, types) for e in self._entities(self.in_doc[doc_id])):
            return None  # the document names a fitting body: the resolver's call stands
        story = self.story_of.get(doc_id)
        if story is None:
            return None
        found = [e for e in self._entities(self.in_story[story]) if self._fits(e, table, types)]
        if len(found) > 1:
            # 'the army' shortens 'Colombian Army', not 'Ejército Nacional'
            headed = [e for e in found if _headed_by(e, head)]
            found = headed if len(headed) == 1 else found
        return found[0] if len(found) == 1 else None

    def bare_word_entity(self, entity_id: str | None) -> bool:
        """An entity named only by a descriptor word ('Army', 'Council'): the NER took a
        descriptor for a name."""
        entity = self.entities.get(entity_id) if entity_id else None
        if entity is None or any(a != entity.name for a in entity.aliases):
            return False
        return _bare_head(entity.name) in self.words.organisations

    def _entities(self, ids: set[str]) -> list[Entity]:
        return [self.entities[i] for i in sorted(ids) if i in self.entities]

    def _fits(self, entity: Entity, table: tuple[str, ...], types: frozenset[str]) -> bool:
        if entity.type not in types:
            return False
        for name in (entity.name, *entity.aliases):
            words = re.findall(r"[\w'-]+", name.lower())
            if len(words) < 2:
                continue  # 'Union' alone is the descriptor itself, not a body
            if any(w in words for w in table):
                return True
        return False


_NAME_PREPS = frozenset({"of", "for", "on", "in", "at", "de", "du", "des", "del", "da", "do"})


def _headed_by(entity: Entity, head: str) -> bool:
    """Is the head noun of one of the entity's names the descriptor word ('Colombian
    Army', 'Union of Lorry Drivers': the last word before any 'of' / 'for')?"""
    for name in (entity.name, *entity.aliases):
        words = re.findall(r"[\w'-]+", name.lower())
        cut = next((i for i, w in enumerate(words) if w in _NAME_PREPS), len(words))
        if cut and words[cut - 1] == head:
            return True
    return False


_POSSESSIVE_DETERMINERS = ("its ", "their ", "his ", "her ", "our ")


def _descriptor_key(text: str | None) -> str | None:
    """'The doctors’ union' -> "doctors' union"; None for a single word (a bare
    descriptor is `_bare_head`'s) or anything that is not a lower-case description."""
    if not text:
        return None
    words = text.replace("’", "'").strip().split()
    if words and (words[0].lower() + " ") in (*_DETERMINERS, *_POSSESSIVE_DETERMINERS):
        words = words[1:]
    if len(words) < 2 or not words[0].islower():
        return None  # 'the union' alone, or a name
    return " ".join(w.lower() for w in words)


def _bare_head(text: str | None) -> str | None:
    """'the union', 'The Authority', 'union' -> the head word; None for a name, an
    acronym, a modified or possessive phrase, or a plural."""
    if not text:
        return None
    word = text.strip()
    for det in _DETERMINERS:
        if word.lower().startswith(det):
            word = word[len(det) :]
            break
    if word.isupper() or not re.fullmatch(r"[A-Za-z]+", word) or word.endswith("s"):
        return None
    return word.lower()


def link_story_descriptors(
    corpus: Corpus, words: ReferenceWords, role_nouns: frozenset[str]
) -> int:
    """Give unresolved bare descriptors of speakers, claimants, accusers and the accused
    the story entity they stand for (see the module note). The corpus gets copies of the
    changed extraction records (the caller's records are left as they were) and a cluster
    per link, `~story:<entity id>`, that `Corpus.entity` maps. Returns the links made."""
    links = StoryDescriptors(corpus, words, role_nouns)
    made = 0

    def unresolved(doc_id: str, cluster: str | None) -> bool:
        return cluster is None or links.bare_word_entity(corpus.entity(doc_id, cluster))

    def cluster_for(doc_id: str, text: str | None) -> str | None:
        nonlocal made
        entity = links.entity(doc_id, text)
        if entity is None:
            return None
        cluster = f"~story:{entity.id}"
        corpus.entity_of[(doc_id, cluster)] = entity.id
        made += 1
        return cluster

    for doc_id, ext in list(corpus.extractions.items()):
        quotes = [
            q.model_copy(update={"speaker_cluster": c})
            if unresolved(doc_id, q.speaker_cluster) and (c := cluster_for(doc_id, q.speaker_text))
            else q
            for q in ext.quotes
        ]
        quantities = [
            q.model_copy(update={"claimant_cluster": c})
            if unresolved(doc_id, q.claimant_cluster)
            and (c := cluster_for(doc_id, q.claimant_text))
            else q
            for q in ext.quantities
        ]
        accusations = []
        for a in ext.accusations:
            update: dict[str, object] = {}
            if unresolved(doc_id, a.accuser_cluster) and (c := cluster_for(doc_id, a.accuser_text)):
                update["accuser_cluster"] = c
            accused = [
                (cluster if not unresolved(doc_id, cluster) else None)
                or cluster_for(doc_id, text)
                or cluster
                for text, cluster in zip(a.accused_texts, a.accused_clusters, strict=False)
            ]
            if accused != list(a.accused_clusters):
                update["accused_clusters"] = accused
            accusations.append(a.model_copy(update=update) if update else a)
        if quotes != ext.quotes or quantities != ext.quantities or accusations != ext.accusations:
            corpus.extractions[doc_id] = ext.model_copy(
                update={"quotes": quotes, "quantities": quantities, "accusations": accusations}
            )
    return made
