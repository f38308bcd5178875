"""Cross-document joins on explicit evidence only: a bare surname joins the one full
name of the corpus that ends in it; an acronym defined after a name and after its
translation joins both."""

from __future__ import annotations

from storyline.lexicon import Knowledge
from storyline.models import DocExtraction, Document, LocalMention
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.entities import resolve_entities

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def _m(text: str, type_: str, cluster: str, start: int = 0) -> LocalMention:
    return LocalMention(
        start=start, end=start + len(text), text=text, type=type_, name=text, cluster=cluster
    )


def _resolve(per_doc: list[list[LocalMention]]):
    docs = [Document(id=f"d{i}", source=f"t{i}", text="x" * 120) for i in range(len(per_doc))]
    xs = [DocExtraction(document=d.id, mentions=m) for d, m in zip(docs, per_doc, strict=True)]
    entities, _ = resolve_entities(Corpus.from_records(docs, xs), K)
    return entities


def _holding(entities, alias: str):
    return [e for e in entities if alias in e.aliases]


def test_bare_surname_joins_the_unique_full_name() -> None:
    entities = _resolve([[_m("Amadou Kessely", "PERSON", "p:a")], [_m("Kessely", "PERSON", "p:k")]])
    [e] = _holding(entities, "Kessely")
    assert "Amadou Kessely" in e.aliases


def test_a_title_and_surname_tagged_a_body_joins_the_unique_full_name() -> None:
    entities = _resolve(
        [
            [_m("Amadou Kessely", "PERSON", "p:a")],
            [_m("General Kessely", "ORG", "o:g"), _m("General Motors", "ORG", "o:m", 40)],
        ]
    )
    [e] = _holding(entities, "General Kessely")
    assert "Amadou Kessely" in e.aliases and e.type == "PERSON"
    [motors] = _holding(entities, "General Motors")
    assert motors.type == "ORG" and len(motors.aliases) == 1


def test_bare_surname_shared_by_two_people_stays_apart() -> None:
    entities = _resolve(
        [
            [_m("Amadou Kessely", "PERSON", "p:a")],
            [_m("Marie Kessely", "PERSON", "p:m")],
            [_m("Kessely", "PERSON", "p:k")],
        ]
    )
    [e] = _holding(entities, "Kessely")
    assert e.aliases == ["Kessely"]


def test_acronym_defined_after_a_name_and_its_translation() -> None:
    entities = _resolve(
        [
            [_m("Coastal Rescue Service", "ORG", "o:c"), _m("SGC", "ORG", "o:c", 30)],
            [_m("Servicio de Guardia Costera", "ORG", "o:s"), _m("SGC", "ORG", "o:s", 40)],
        ]
    )
    [e] = _holding(entities, "SGC")
    assert {"Coastal Rescue Service", "Servicio de Guardia Costera"} <= set(e.aliases)


def test_an_elided_article_gives_no_initial() -> None:
    # 'Front Populaire de l'Esseri' spells FPE; its translation does not spell it
    entities = _resolve(
        [
            [_m("Esseri Popular Front", "ORG", "o:e"), _m("FPE", "ORG", "o:e", 30)],
            [_m("Front Populaire de l'Esseri", "ORG", "o:f"), _m("FPE", "ORG", "o:f", 40)],
        ]
    )
    [e] = _holding(entities, "FPE")
    assert {"Esseri Popular Front", "Front Populaire de l'Esseri"} <= set(e.aliases)


def test_a_name_shortened_by_a_second_surname_or_middle_name_joins_the_full_one() -> None:
    entities = _resolve(
        [
            [_m("Lucia Marquez Ortega", "PERSON", "p:a"), _m("Tomas Ivan Perez", "PERSON", "p:t")],
            [_m("Lucia Marquez", "PERSON", "p:b"), _m("Tomas Perez", "PERSON", "p:u")],
        ]
    )
    [lucia] = _holding(entities, "Lucia Marquez")
    assert "Lucia Marquez Ortega" in lucia.aliases
    [tomas] = _holding(entities, "Tomas Perez")
    assert "Tomas Ivan Perez" in tomas.aliases


def test_a_short_name_two_longer_names_fit_stays_apart() -> None:
    entities = _resolve(
        [
            [_m("Lucia Marquez Ortega", "PERSON", "p:a")],
            [_m("Lucia Marquez Silva", "PERSON", "p:c")],
            [_m("Lucia Marquez", "PERSON", "p:b")],
        ]
    )
    [short] = _holding(entities, "Lucia Marquez")
    assert short.aliases == ["Lucia Marquez"]


def test_a_body_named_without_its_and_clause_joins_the_full_name() -> None:
    entities = _resolve(
        [
            [_m("Ministry of Water and Sanitation", "ORG", "o:a")],
            [_m("Ministry of Water", "ORG", "o:b"), _m("Ministry of Health", "ORG", "o:c")],
        ]
    )
    [water] = _holding(entities, "Ministry of Water")
    assert "Ministry of Water and Sanitation" in water.aliases
    [health] = _holding(entities, "Ministry of Health")
    assert health.aliases == ["Ministry of Health"]


def test_a_ministry_without_its_listed_fields_joins_the_full_name() -> None:
    entities = _resolve(
        [
            [_m("Federal Ministry of Mines, Steel and Industry", "ORG", "o:f")],
            [_m("Federal Ministry of Mines", "ORG", "o:s")],
        ]
    )
    [e] = _holding(entities, "Federal Ministry of Mines")
    assert "Federal Ministry of Mines, Steel and Industry" in e.aliases


def test_a_features_bare_name_joins_the_feature() -> None:
    entities = _resolve(
        [
            [_m("Serra do Caramulo", "LOC", "g:s")],
            [_m("Caramulo", "LOC", "g:c"), _m("Chad", "GPE", "g:chad", 20)],
            [_m("Lake Chad", "LOC", "g:l")],
        ]
    )
    [e] = _holding(entities, "Caramulo")
    assert "Serra do Caramulo" in e.aliases
    [chad] = _holding(entities, "Chad")  # a country is not the lake
    assert "Lake Chad" not in chad.aliases


def test_the_author_of_an_opinion_piece_is_a_person_of_the_corpus() -> None:
    docs = [
        Document(id="d0", source="a", text="x" * 50, doc_type="opinion", author="Ana Obi",
                 outlet="Harbour Notes"),
        Document(id="d1", source="b", text="x" * 50, doc_type="report", author="Tom Reed"),
        Document(id="d2", source="c", text="x" * 50, doc_type="opinion",
                 author="Editorial Board"),
    ]  # fmt: skip
    xs = [DocExtraction(document=d.id, mentions=[_m("Lagos", "GPE", "g:l")]) for d in docs]
    entities, _ = resolve_entities(Corpus.from_records(docs, xs), K)
    [ana] = _holding(entities, "Ana Obi")
    assert ana.type == "PERSON" and ana.roles == ["author (Harbour Notes)"] and not ana.mentions
    assert not _holding(entities, "Tom Reed")  # a report's byline is its staff
    assert not _holding(entities, "Editorial Board")
