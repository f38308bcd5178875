"""Quote and accusation attribution to canonical entities.

Each document's quotes and accusations carry within-document mention clusters; here
they are mapped to the corpus's canonical entities (`Corpus.entity`), so that a speaker
quoted in several documents is one entity with one name and its role.
"""

from __future__ import annotations

from storyline.lexicon.references import ReferenceWords, force_table
from storyline.models import Accusation, DocExtraction, Entity, Quote
from storyline.reconcile.corpus import Corpus


def _entities(corpus: Corpus) -> dict[str, Entity]:
    return {e.id: e for e in corpus.entities}


def _mention_roles(extraction: DocExtraction) -> dict[str, str]:
    """Within-document cluster -> the first role the document gives it."""
    roles: dict[str, str] = {}
    for m in extraction.mentions:
        if m.role and m.cluster not in roles:
            roles[m.cluster] = m.role
    return roles


def attribute_quotes(corpus: Corpus) -> list[Quote]:
    """Every quote of the corpus with its canonical speaker; ids "q1"… in document, then
    offset, order."""
    entities = _entities(corpus)
    out: list[Quote] = []
    for document, extraction in corpus.extracted():
        roles = _mention_roles(extraction)
        for q in sorted(extraction.quotes, key=lambda q: (q.start, q.end, q.kind)):
            entity_id = corpus.entity(document.id, q.speaker_cluster)
            entity = entities.get(entity_id) if entity_id else None
            role = roles.get(q.speaker_cluster) if q.speaker_cluster else None
            if role is None and entity is not None and entity.roles:
                role = entity.roles[0]
            out.append(
                Quote(
                    id=f"q{len(out) + 1}",
                    document=document.id,
                    kind=q.kind,
                    text=q.text,
                    start=q.start,
                    end=q.end,
                    speaker=entity_id if entity is not None else None,
                    speaker_name=entity.name if entity is not None else q.speaker_text,
                    speaker_role=role,
                    cue=q.cue,
                )
            )
    return out


def attribute_accusations(corpus: Corpus, words: ReferenceWords) -> list[Accusation]:
    """Every accusation with accuser and accused mapped to canonical entities. A bare
    plural for a body's people ('soldiers') that the story linked to no body accuses no
    one in particular and is left out; an accusation left with no accused is dropped."""
    entities = _entities(corpus)
    out: list[Accusation] = []
    for document, extraction in corpus.extracted():
        for a in sorted(extraction.accusations, key=lambda a: (a.start, a.accuser_text or "")):
            accuser_id = corpus.entity(document.id, a.accuser_cluster)
            accuser = entities.get(accuser_id) if accuser_id else None
            names: list[str] = []
            ids: list[str] = []
            for text, cluster in zip(a.accused_texts, a.accused_clusters, strict=False):
                eid = corpus.entity(document.id, cluster)
                entity = entities.get(eid) if eid else None
                if entity is None and force_table(text, words) is not None:
                    continue
                name = entity.name if entity is not None else text
                if name not in names:
                    names.append(name)
                if entity is not None and entity.id not in ids:
                    ids.append(entity.id)
            if not names:
                continue
            out.append(
                Accusation(
                    document=document.id,
                    accuser=accuser.name if accuser is not None else a.accuser_text,
                    accuser_entity=accuser.id if accuser is not None else None,
                    accused=names,
                    accused_entities=ids,
                    negated=a.negated,
                    text=a.text,
                    start=a.start,
                    end=a.end,
                )
            )
    return out
