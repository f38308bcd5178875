"""Attribution cues as data: speech verbs, 'according to' forms, blame cues.

The lists live in `storyline/data/cues.toml`; users extend them with extra TOML files
holding the same tables (lists are merged), passed in or placed in a data folder
(`storyline.lexicon.files`). Built once per `Knowledge`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storyline.lexicon.files import DataFiles


@dataclass(frozen=True)
class Cues:
    speech_verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    object_verbs: frozenset[str]
    figure_verbs: frozenset[str]
    figure_said_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    contrast_marks: frozenset[str]
    circumstance_preps: frozenset[str]
    impersonal_adjectives: frozenset[str]
    degree_words: frozenset[str]
    short_object_verbs: frozenset[str]
    media_nouns: frozenset[str]
    occasion_nouns: frozenset[str]
    generic_pronouns: frozenset[str]
    evidence: frozenset[str]
    statement_nouns: frozenset[str]
    call_nouns: frozenset[str]
    stance_adjectives: frozenset[str]
    raising_verbs: frozenset[str]
    link_separators: tuple[str, ...]
    link_max_words: int
    role_terms: dict[str, tuple[str, ...]]
    according: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    expletives: frozenset[str]
    first_person: frozenset[str]
    relatives: frozenset[str]
    scare_max_words: int
    min_unattributed_words: int
    term_markers: tuple[str, ...]
    naming_verbs: frozenset[str]
    elisions: frozenset[str]
    blame_verbs: frozenset[str]
    complaint_verbs: frozenset[str]
    failure_nouns: frozenset[str]
    cause_verbs: frozenset[str]
    harm_nouns: frozenset[str]
    blame_predicates: tuple[str, ...]
    holding_verbs: frozenset[str]
    liability_words: frozenset[str]
    event_nouns: frozenset[str]
    avoid_verbs: frozenset[str]
    admission_verbs: frozenset[str]
    no_one: frozenset[str]
    hypothetical: frozenset[str]
    collective_nouns: frozenset[str]
    denial_verbs: frozenset[str]
    denied_liabilities: frozenset[str]
    specifiers: tuple[tuple[str, ...], ...]
    party_object_verbs: frozenset[str]
    act_pronouns: frozenset[str]
    wrongdoing_verbs: frozenset[str] = frozenset()
    violence_verbs: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    fault_nouns: frozenset[str] = frozenset()
    culprit_nouns: frozenset[str] = frozenset()
    pointing_verbs: frozenset[str] = frozenset()
    evidence_nouns: frozenset[str] = frozenset()
    addressee_object_verbs: frozenset[str] = frozenset()
    accord_verbs: frozenset[str] = frozenset()
    response_verbs: frozenset[str] = frozenset()
    refusal_verbs: frozenset[str] = frozenset()
    asking_verbs: frozenset[str] = frozenset()
    issuing_verbs: frozenset[str] = frozenset()
    withheld_speech: frozenset[str] = frozenset()
    phrasal_acts: frozenset[str] = frozenset()
    linking_verbs: frozenset[str] = frozenset()
    abstract_subjects: frozenset[str] = frozenset()
    word_nouns: frozenset[str] = frozenset()
    work_nouns: frozenset[str] = frozenset()  # entity_words.toml: 'the book "X"' is a title


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in values if v.strip())


def load_cues(files: DataFiles, extra: tuple[Path, ...] = ()) -> Cues:
    """The packaged cue lists, merged with users' extensions and any extra TOML files."""
    raw = files.structured("cues.toml", extra)
    acc = raw["accusation"]
    works = files.structured("entity_words.toml").get("work_nouns", {}).get("words", [])
    return Cues(
        work_nouns=_words(works),
        speech_verbs=_words(raw["speech"]["verbs"]),
        indirect_verbs=_words(raw["indirect"]["verbs"]),
        weak_verbs=_words(raw["indirect"].get("weak", [])),
        object_verbs=_words(raw["indirect"].get("object_verbs", [])),
        figure_verbs=_words(raw["indirect"].get("figure_verbs", [])),
        figure_said_verbs=_words(raw["indirect"].get("figure_said_verbs", [])),
        topic_verbs=_words(raw["indirect"].get("topic_verbs", [])),
        addressee_verbs=_words(raw["indirect"].get("addressee_verbs", [])),
        contrast_marks=_words(raw["indirect"].get("contrast_marks", [])),
        circumstance_preps=_words(raw["indirect"].get("circumstance_preps", [])),
        impersonal_adjectives=_words(raw["indirect"].get("impersonal_adjectives", [])),
        degree_words=_words(raw["indirect"].get("degree_words", [])),
        short_object_verbs=_words(raw["indirect"].get("short_object_verbs", [])),
        media_nouns=_words(raw["indirect"].get("media_nouns", [])),
        occasion_nouns=_words(raw["indirect"].get("occasion_nouns", [])),
        generic_pronouns=_words(raw["pronouns"].get("generic", [])),
        evidence=_words(raw["indirect"].get("evidence", [])),
        statement_nouns=_words(raw["indirect"].get("nouns", [])),
        call_nouns=_words(raw["indirect"].get("call_nouns", [])),
        stance_adjectives=_words(raw["indirect"].get("stance_adjectives", [])),
        raising_verbs=_words(raw["indirect"].get("raising", [])),
        link_separators=tuple(raw["link_list"]["separators"]),
        link_max_words=int(raw["link_list"]["max_outlet_words"]),
        role_terms={
            k.lower(): tuple(v.lower() for v in vs) for k, vs in raw.get("roles", {}).items()
        },
        according=tuple(tuple(f.lower().split()) for f in raw["according"]["forms"]),
        person_pronouns=_words(raw["pronouns"]["person"]),
        org_pronouns=_words(raw["pronouns"]["organisation"]),
        expletives=_words(raw["pronouns"]["expletive"]),
        first_person=_words(raw["pronouns"].get("first_person", [])),
        relatives=_words(raw["pronouns"]["relative"]),
        scare_max_words=int(raw["scare"]["max_words"]),
        min_unattributed_words=int(raw["scare"]["min_unattributed_words"]),
        term_markers=tuple(m.lower() for m in raw["scare"]["term_markers"]),
        naming_verbs=_words(raw["scare"].get("naming_verbs", [])),
        elisions=_words(raw["elisions"]["words"]),
        blame_verbs=_words(acc["verbs"]),
        complaint_verbs=_words(acc["complaint_verbs"]),
        failure_nouns=_words(acc["failure_nouns"]),
        cause_verbs=_words(acc["cause_verbs"]),
        harm_nouns=_words(acc["harm_nouns"]),
        blame_predicates=tuple(p.lower() for p in acc["predicates"]),
        holding_verbs=_words(acc.get("holding_verbs", [])),
        liability_words=_words(acc.get("liability_words", [])),
        event_nouns=_words(acc.get("event_nouns", [])),
        avoid_verbs=_words(acc.get("avoid_verbs", [])),
        admission_verbs=_words(acc.get("admission_verbs", [])),
        no_one=_words(acc.get("no_one", [])),
        hypothetical=_words(acc.get("hypothetical", [])),
        collective_nouns=_words(acc.get("collective_nouns", [])),
        denial_verbs=_words(acc.get("denial_verbs", [])),
        denied_liabilities=_words(acc.get("denied_liabilities", [])),
        specifiers=tuple(tuple(f.lower().split()) for f in acc.get("specifiers", [])),
        party_object_verbs=_words(acc.get("party_object_verbs", [])),
        act_pronouns=_words(acc.get("act_pronouns", [])),
        wrongdoing_verbs=_words(acc.get("wrongdoing_verbs", [])),
        violence_verbs=_words(acc.get("violence_verbs", [])),
        reporting_verbs=_words(acc.get("reporting_verbs", [])),
        fault_nouns=_words(acc.get("fault_nouns", [])),
        culprit_nouns=_words(acc.get("culprit_nouns", [])),
        pointing_verbs=_words(acc.get("pointing_verbs", [])),
        evidence_nouns=_words(acc.get("evidence_nouns", [])),
        addressee_object_verbs=_words(raw["indirect"].get("addressee_object_verbs", [])),
        accord_verbs=_words(raw["indirect"].get("accord_verbs", [])),
        response_verbs=_words(raw["indirect"].get("response_verbs", [])),
        refusal_verbs=_words(raw["indirect"].get("refusal_verbs", [])),
        asking_verbs=_words(raw["indirect"].get("asking_verbs", [])),
        issuing_verbs=_words(raw["indirect"].get("issuing_verbs", [])),
        withheld_speech=_words(raw["indirect"].get("withheld_speech", [])),
        phrasal_acts=_words(raw["indirect"].get("phrasal_acts", [])),
        linking_verbs=_words(raw["indirect"].get("linking_verbs", [])),
        abstract_subjects=_words(raw["indirect"].get("abstract_subjects", [])),
        word_nouns=_words(raw["indirect"].get("word_nouns", [])),
    )
