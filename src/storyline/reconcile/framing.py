"""Framing: how each document names things, what kind of piece it is, whom it quotes.

Two kinds of names are compared across documents:

- entities the corpus knows under several names (Daesh, ISIS, Islamic State): each
  document's own surface forms of the same canonical entity, counted;
- concepts that are not entities (the regime vs the government; liberated vs seized),
  from the concept lexicon `data/framing_concepts.json`, which users can extend.

With the accusations it makes and the speakers it quotes, that gives one `Framing` per
document, for the reports to show side by side.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from storyline.lexicon import Knowledge
from storyline.models import Framing, FramingTerm
from storyline.reconcile.corpus import Corpus

NAMED_TYPES = {"ORG", "ARMED_GROUP", "GPE", "LOC", "FACILITY", "EVENT"}


Concepts = tuple[tuple[str, re.Pattern, dict[str, str]], ...]


def load_concepts(knowledge: Knowledge) -> Concepts:
    """The concept lexicon as (concept, pattern, folded term -> term as listed), compiled
    once per knowledge."""
    return knowledge.derived("framing_concepts", lambda: _compile(knowledge.framing_concepts))


def _compile(data: dict[str, Any]) -> Concepts:
    out = []
    for entry in data["concepts"]:
        terms = sorted(set(entry["terms"]), key=lambda t: (-len(t), t))  # longest wins
        alts = [re.escape(t) if t.isupper() else f"(?i:{re.escape(t)})" for t in terms]
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")
        out.append((entry["concept"], pattern, {t.lower(): t for t in terms}))
    return tuple(out)


def concept_terms(text: str, concepts: Concepts) -> list[FramingTerm]:
    """The lexicon's concepts named in a text, with how often each term is used."""
    out = []
    for concept, pattern, canon in concepts:
        counts: Counter = Counter()
        for m in pattern.finditer(text):
            found = m.group(0)
            counts[found if found.isupper() else canon.get(found.lower(), found)] += 1
        if counts:
            out.append(FramingTerm(concept=concept, terms=dict(sorted(counts.items()))))
    return out


def entity_terms(corpus: Corpus) -> dict[str, list[FramingTerm]]:
    """Per document: the surface forms it uses for entities named several ways overall."""
    by_id = corpus.by_id
    entities = {e.id: e for e in corpus.entities if e.type in NAMED_TYPES}
    forms: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    spread: dict[str, set[str]] = defaultdict(set)
    for e in entities.values():
        for m in e.mentions:
            doc = by_id.get(m.document)
            if doc is None or m.end <= m.start:
                continue
            form = " ".join(doc.text[m.start : m.end].split())
            form = re.sub(r"^(?i:the)\s+", "", form)
            if form:
                forms[m.document][e.id][form] += 1
                spread[e.id].add(form.lower())
    out: dict[str, list[FramingTerm]] = {}
    for doc_id, per_entity in forms.items():
        rows = [
            FramingTerm(entity=eid, concept=entities[eid].name, terms=dict(sorted(c.items())))
            for eid, c in sorted(per_entity.items())
            if len(spread[eid]) > 1  # named one way everywhere: nothing to compare
        ]
        out[doc_id] = rows
    return out


def _covered(row: FramingTerm, entity_rows: list[FramingTerm]) -> bool:
    """A concept row that only repeats an entity row's names (Islamic State both ways)."""
    terms = {t.lower() for t in row.terms}
    return any(terms <= {t.lower() for t in e.terms} for e in entity_rows)


def compare_framing(corpus: Corpus, lexicon: Concepts) -> list[Framing]:
    """One `Framing` per document, in document order (copies share their original's);
    `lexicon` is `load_concepts(knowledge)`."""
    by_entity_rows = entity_terms(corpus)
    accusations = Counter(a.document for a in corpus.accusations if not a.negated)
    quoted: dict[str, Counter] = defaultdict(Counter)
    for q in corpus.quotes:
        if q.speaker:
            quoted[q.document][q.speaker] += 1
    names: dict[str, list[FramingTerm]] = {}
    out = []
    for doc in corpus.documents:
        source = doc.duplicate_of if doc.duplicate_of in names else doc.id
        if source not in names:
            rows = by_entity_rows.get(doc.id, [])
            concepts = [r for r in concept_terms(doc.text, lexicon) if not _covered(r, rows)]
            names[doc.id] = rows + concepts
        n_acc = accusations.get(source, 0)
        if not corpus.accusations and source in corpus.extractions:
            n_acc = sum(not a.negated for a in corpus.extractions[source].accusations)
        who = quoted.get(source, Counter())
        out.append(
            Framing(
                document=doc.id,
                outlet=doc.outlet,
                doc_type=doc.doc_type,
                names=names[source],
                accusations=n_acc,
                quoted=[e for e, _ in sorted(who.items(), key=lambda kv: (-kv[1], kv[0]))],
            )
        )
    return out
