"""The incremental add: a batch's analysis merged into the stored analysis.

A batch is reduced together with the stored documents of its window only: the stories
whose dates come within `max_gap_days` of the batch's (no other story can take a new
document, see `reconcile.stories`) and the other stories of their storylines (a
storyline is one context for grouping claims). That window's reduce (`sub`) numbers its
own records from 1; `merge_window` moves it onto the store's ids and says which stored
records it replaces:

- stories: a window story keeps its stored id (stored documents keep their story, so a
  reduced story holds the documents of at most one stored story); a new story takes the
  next free `s` number;
- entities: a reduced entity is the stored entity that owns most of its mentions in
  stored documents; else the one stored entity with its name key (type and folded name,
  a person's only if more than one word; or type and gazetteer id) in the entity index;
  else a new entity. Stored mentions stay with their stored entity (as stored documents
  stay in their story): a stored entity only gains the new documents' mentions;
- storylines: a window story keeps its storyline; a new story joins the storyline of the
  stored stories the window's reduce links it with, else a new one;
- quotes, claims, claim groups, events, control changes, accusations, framing and the
  documents' records: every record of a window story is replaced by the reduce's, with
  new ids from the store's counters.

Records of stories outside the window are neither read nor written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.models import Analysis, DocExtraction, Document, Entity, Story, Storyline
from storyline.store.records import remap_ids

# Fields of a dumped record whose string values are record ids (never document ids).
ID_FIELDS = {
    *("id", "speaker", "claimant", "group", "claims", "story", "stories", "storyline"),
    *("actors", "actor", "target", "place", "gained_by", "lost_by", "events"),
    *("accuser_entity", "accused_entities", "entity", "quoted", "stands_for"),
}
# Sections whose records belong to one story (replaced with it), in contract order.
STORY_SECTIONS = [
    *("documents", "stories", "quotes", "claims", "claim_groups", "events"),
    *("accusations", "control_changes", "framing"),
]
# Sections whose items carry a numbered id ("q12"): renumbered from the counters.
NUMBERED = ["quotes", "claims", "claim_groups", "events", "control_changes"]

_NUMBERED_ID = re.compile(r"([a-z]+)(\d+)$")


def fold(name: str) -> str:
    return " ".join(name.lower().split())


def name_key(entity_type: str, name: str) -> str:
    return f"{entity_type}|{fold(name)}"[:300]


def _geo_key(entity: Entity) -> str | None:
    """A place's gazetteer id with its type (a hospital located by its town's name has
    the town's id: it is not the town)."""
    if entity.geo is None or not entity.geo.gazetteer_id:
        return None
    return f"geo|{entity.type}|{entity.geo.gazetteer_id}"[:300]


def entity_index_keys(entity: Entity) -> list[str]:
    """The entity index keys of an entity: its name and aliases, and its gazetteer id."""
    keys = [name_key(entity.type, n) for n in [entity.name, *entity.aliases]]
    geo = _geo_key(entity)
    return list(dict.fromkeys([*keys, geo] if geo else keys))


# A one-word "person" the store knows as a place or an organisation is that (the
# whole reduce settles a name's type over all its mentions).
NOT_PERSON = ("GPE", "LOC", "FACILITY", "ORG", "ARMED_GROUP")


def _bare_person(entity: Entity) -> bool:
    return entity.type == "PERSON" and len(entity.name.split()) == 1


def lookup_keys(entity: Entity) -> list[str]:
    """What a reduced entity is looked up by: its name (a person's only where it is more
    than one word: a bare surname names many people; a one-word person by that name as
    a place or an organisation), and its gazetteer id."""
    if _bare_person(entity):
        return [name_key(t, entity.name) for t in NOT_PERSON]
    keys = [name_key(entity.type, entity.name)]
    geo = _geo_key(entity)
    return [*keys, geo] if geo else keys


def id_number(record_id: str) -> tuple[str, int]:
    m = _NUMBERED_ID.match(record_id or "")
    return (m.group(1), int(m.group(2))) if m else (record_id or "", 0)


def _order(record_id: str) -> tuple[int, str]:
    prefix, n = id_number(record_id)
    return n, prefix


def counters_of(analysis: Analysis) -> dict[str, int]:
    """The counters after a whole analysis: next id number per prefix, next seq per
    section."""
    out: dict[str, int] = {}
    for kind in [*STORY_SECTIONS, "entities", "storylines"]:
        items = getattr(analysis, kind)
        out[f"seq:{kind}"] = len(items)
        for item in items:
            record_id = getattr(item, "id", None)
            if kind == "documents" or not record_id:
                continue
            prefix, n = id_number(record_id)
            if prefix:
                out[f"id:{prefix}"] = max(out.get(f"id:{prefix}", 1), n + 1)
    return out


@dataclass
class StoredWindow:
    """What an incremental add reads from the store: the window's stored documents
    (with their stored story), their extractions, the records of the window's stories,
    the entities those stories name and their storylines, and the counters."""

    run_id: int
    version: int
    next_seq: int
    counters: dict[str, int]
    documents: list[Document]
    extractions: dict[str, DocExtraction]
    stories: dict[str, tuple[Story, int]]  # story id -> (record, seq)
    records: dict[str, list[dict[str, Any]]]  # section -> the window stories' payloads
    entities: dict[str, tuple[Entity, int]]  # entity id -> (record, seq)
    storylines: dict[str, tuple[Storyline, int]]
    seqs: dict[tuple[str, str], int] = field(default_factory=dict)  # documents' seqs
    rows_read: Counter = field(default_factory=Counter)  # table -> rows read

    @property
    def document_ids(self) -> set[str]:
        return {d.id for d in self.documents}


@dataclass
class WindowPatch:
    """What an incremental add writes: the window's records on store ids, each with its
    seq, and the stored records it replaces."""

    analysis: Analysis  # the window's records (entities and storylines: those written)
    seqs: dict[str, list[int]]  # section -> each record's seq, in the analysis's order
    old_stories: set[str]  # every record of these stories is replaced
    entities_gone: set[str]  # entity ids written anew or deleted
    storylines_gone: set[str]
    counters: dict[str, int]
    linked: list[Entity] = field(default_factory=list)  # every entity the window names


class _Counters:
    def __init__(self, values: dict[str, int]):
        self.values = dict(values)

    def take(self, name: str, first: int = 1) -> int:
        value = self.values.get(name, first)
        self.values[name] = value + 1
        return value


def merge_window(
    window: StoredWindow,
    sub: Analysis,
    lookup: dict[str, list[str]],
    extra_entities: dict[str, tuple[Entity, int]],
) -> WindowPatch:
    """The window's reduce (`sub`, its own ids) moved onto the store's ids; see the
    module's docstring. `lookup` is the entity index for the sub entities' lookup keys;
    `extra_entities` the stored entities it names that the window's stories do not."""
    counters = _Counters(window.counters)
    inside = window.document_ids
    prior = {d.id: d.story for d in window.documents if d.story}
    mapping: dict[str, str] = {}
    seqs: dict[str, list[int]] = {}

    # -- stories: stored ones keep their id and seq
    for story in sub.stories:
        kept = sorted({prior[d] for d in story.documents if d in prior}, key=_order)
        mapping[story.id] = kept[0] if kept else f"s{counters.take('id:s')}"

    # -- entities
    stored_entities = {**extra_entities, **window.entities}
    owner: dict[tuple[str, int, int], str] = {}
    for eid, (entity, _) in window.entities.items():
        for m in entity.mentions:
            if m.document in inside:
                owner[(m.document, m.start, m.end)] = eid
    targets: dict[str, list[Entity]] = {}
    for entity in sub.entities:
        votes = Counter(
            owner[key]
            for key in ((m.document, m.start, m.end) for m in entity.mentions)
            if key in owner
        )
        target = None
        if votes:
            target = max(votes, key=lambda e: (votes[e], -_order(e)[0]))
        elif _bare_person(entity):  # one stored place or organisation by that name
            found = {e for k in lookup_keys(entity) for e in lookup.get(k, ())}
            found &= set(stored_entities)
            if len(found) == 1:
                target = found.pop()
        else:
            for key in lookup_keys(entity):
                found = sorted(set(lookup.get(key, ())), key=_order)
                found = [e for e in found if e in stored_entities]
                if len(found) == 1:  # an ambiguous name joins nothing
                    target = found[0]
                    break
        if target is None:
            target = f"e{counters.take('id:e')}"
        mapping[entity.id] = target
        targets.setdefault(target, []).append(entity)

    # -- storylines: a stored story keeps its line; a new story joins its lines' first
    line_of_story = {sid: story.storyline for sid, (story, _) in window.stories.items()}
    for line in sub.storylines:
        stored = sorted(
            {
                line_of_story[mapping[s]]
                for s in line.stories
                if mapping[s] in line_of_story and line_of_story[mapping[s]]
            },
            key=_order,
        )
        mapping[line.id] = stored[0] if stored else f"l{counters.take('id:l')}"

    # -- numbered records: fresh ids
    for kind in NUMBERED:
        for item in getattr(sub, kind):
            prefix, _ = id_number(item.id)
            mapping[item.id] = f"{prefix}{counters.take(f'id:{prefix}')}"

    out: dict[str, list[Any]] = {}
    for kind in STORY_SECTIONS:
        model = type(getattr(sub, kind)[0]) if getattr(sub, kind) else None
        items = []
        for item in getattr(sub, kind):
            exclude = {"text"} if kind == "documents" else None
            payload = remap_ids(item.model_dump(mode="json", exclude=exclude), mapping, ID_FIELDS)
            if kind == "documents":
                payload["text"] = ""
                payload["id"] = item.id
                # a stored copy keeps pointing at its original
            moved = model.model_validate(payload)
            if kind == "stories" and moved.id in window.stories:
                seq = window.stories[moved.id][1]
            elif kind == "documents" and ("documents", moved.id) in window.seqs:
                seq = window.seqs[("documents", moved.id)]
            else:
                seq = counters.take(f"seq:{kind}", 0)
            seqs.setdefault(kind, []).append(seq)
            items.append(moved)
        out[kind] = items

    # -- entities: a stored mention stays with its stored entity (as a stored document
    # stays in its story); a stored entity takes the new documents' mentions
    entities: list[Entity] = []
    gone_entities: set[str] = set()
    for target, group in sorted(targets.items(), key=lambda kv: _order(kv[0])):
        base = stored_entities.get(target)
        added = [
            [m for m in e.mentions if (m.document, m.start, m.end) not in owner] for e in group
        ]
        if base is not None and not any(added):
            continue  # nothing new: the stored record stands
        entities.append(_merged_entity(target, base[0] if base else None, group, added, mapping))
        seqs.setdefault("entities", []).append(
            base[1] if base else counters.take("seq:entities", 0)
        )
        gone_entities.add(target)

    # -- storylines
    new_line: dict[str, list[str]] = {}
    for story in out["stories"]:
        if story.storyline:
            new_line.setdefault(story.storyline, []).append(story.id)
    touched_lines = set(new_line) | {line for line in line_of_story.values() if line}
    storylines: list[Storyline] = []
    sub_titles = {mapping[line.id]: line.title for line in sub.storylines}
    for line_id in sorted(touched_lines, key=_order):
        stored = window.storylines.get(line_id)
        members = [s for s in (stored[0].stories if stored else []) if s not in window.stories]
        members += [s for s in new_line.get(line_id, []) if s not in members]
        if not members:
            continue
        title = stored[0].title if stored else sub_titles.get(line_id, "")
        storylines.append(Storyline(id=line_id, title=title, stories=members))
        seqs.setdefault("storylines", []).append(
            stored[1] if stored else counters.take("seq:storylines", 0)
        )

    analysis = Analysis(
        generated_by=sub.generated_by,
        **out,
        entities=entities,
        storylines=storylines,
    )
    return WindowPatch(
        analysis=analysis,
        seqs=seqs,
        old_stories=set(window.stories),
        entities_gone=gone_entities,
        storylines_gone=touched_lines,
        counters=counters.values,
        linked=[
            *entities,
            *(e for eid, (e, _) in window.entities.items() if eid not in gone_entities),
        ],
    )


def _merged_entity(
    target: str,
    base: Entity | None,
    group: list[Entity],
    added: list[list],
    mapping: dict[str, str],
) -> Entity:
    """A stored entity (or none) with the reduced entities' new mentions (`added`, one
    list per entity of `group`) and the names of those that bring any."""
    first = group[0]
    name = base.name if base else first.name
    mentions = list(base.mentions) if base else []
    seen = {(m.document, m.start, m.end) for m in mentions}
    aliases = list(base.aliases) if base else []
    for entity, new in zip(group, added, strict=True):
        for m in new:
            if (m.document, m.start, m.end) not in seen:
                seen.add((m.document, m.start, m.end))
                mentions.append(m)
        if new or base is None:
            for alias in [entity.name, *entity.aliases]:
                if alias != name and alias not in aliases:
                    aliases.append(alias)
    roles = _union([base.roles] if base else [], [e.roles for e in group])
    stands_for = first.stands_for and mapping.get(first.stands_for, first.stands_for)
    return Entity(
        id=target,
        name=name,
        type=base.type if base else first.type,
        aliases=aliases,
        roles=roles,
        geo=(base.geo if base and base.geo else first.geo),
        geo_note=(base.geo_note if base and base.geo else first.geo_note),
        stands_for=(base.stands_for if base and base.stands_for else stands_for),
        mentions=mentions,
    )


def _union(*lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for group in lists:
        for values in group:
            out += [v for v in values if v not in out]
    return out
