"""The words the reference resolver reads (`data/references.toml`): pronouns, gender
words, the organisation descriptors ('the ministry' -> names with 'ministry' or
'department') and the look-back windows. Shared by the in-document resolver
(`extract.references`) and the story-level descriptor links (`reconcile`)."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.lexicon import Knowledge


@dataclass(frozen=True)
class ReferenceWords:
    masculine: frozenset[str]
    feminine: frozenset[str]
    singular: frozenset[str]
    plural: frozenset[str]
    plural_types: frozenset[str]
    male_words: frozenset[str]
    female_words: frozenset[str]
    organisations: dict[str, tuple[str, ...]]
    descriptor_types: dict[str, frozenset[str]]
    party_nouns: frozenset[str]
    loose_modifiers: frozenset[str]
    person_nouns: frozenset[str]
    record_nouns: frozenset[str]
    organ_nouns: frozenset[str]
    plural_bodies: frozenset[str]
    force_people: frozenset[str]
    pronoun_sentences: int
    descriptor_sentences: int


def _lower(values: list[str]) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in values if v.strip())


def reference_words(knowledge: Knowledge) -> ReferenceWords:
    """`data/references.toml`, merged with users' extensions (once per knowledge)."""
    return knowledge.derived("reference_words", lambda: _reference_words(knowledge))


def _reference_words(knowledge: Knowledge) -> ReferenceWords:
    raw = knowledge.structured("references.toml")
    return ReferenceWords(
        masculine=_lower(raw["pronouns"]["masculine"]),
        feminine=_lower(raw["pronouns"]["feminine"]),
        singular=_lower(raw["pronouns"]["singular"]),
        plural=_lower(raw["pronouns"]["plural"]),
        plural_types=frozenset(raw["pronouns"].get("plural_types", ["ORG", "ARMED_GROUP", "GPE"])),
        male_words=_lower(raw["gender"]["masculine"]),
        female_words=_lower(raw["gender"]["feminine"]),
        organisations={
            k.lower(): tuple(sorted({k.lower(), *(w.lower() for w in v)}))
            for k, v in raw["organisations"].items()
        },
        descriptor_types={k.lower(): frozenset(v) for k, v in raw["descriptors"].items()},
        party_nouns=_lower(raw["parties"]["nouns"]),
        loose_modifiers=_lower(raw["descriptor_modifiers"]["loose"]),
        person_nouns=_lower(raw["parties"]["people"]),
        record_nouns=_lower(raw.get("records", {}).get("nouns", [])),
        organ_nouns=_lower(raw.get("organs", {}).get("nouns", [])),
        plural_bodies=_lower(raw.get("plural_bodies", {}).get("nouns", [])),
        force_people=_lower(raw.get("forces", {}).get("people", [])),
        pronoun_sentences=int(raw["window"]["pronoun_sentences"]),
        descriptor_sentences=int(raw["window"]["descriptor_sentences"]),
    )


def force_table(text: str | None, words: ReferenceWords) -> tuple[str, ...] | None:
    """The organisation words a bare plural for a body's people fits ('soldiers' ->
    army, armed forces, …), or None for anything else ('the soldiers', 'Rebels United')."""
    if not text or not text.isalpha() or not text.islower() or not text.endswith("s"):
        return None
    for word in (text, text[:-1]):
        if word in words.force_people:
            return words.organisations.get(word) or words.organisations.get(text)
    return None
