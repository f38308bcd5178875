"""An outlet of the corpus named in a text is that outlet: an organisation, never a
person, and one entity with its short name."""

from __future__ import annotations

from storyline.lexicon import Knowledge
from storyline.models import DocExtraction, Document, LocalMention
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.entities import resolve_entities

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def _mention(name: str, type_: str, cluster: str, start: int = 0) -> LocalMention:
    end = start + len(name)
    return LocalMention(start=start, end=end, text=name, type=type_, name=name, cluster=cluster)


def _resolve(outlets: list[str], mentions: list[list[LocalMention]], text: str = "x" * 80):
    docs = [
        Document(id=f"d{i}", source=f"t{i}", text=text, outlet=o) for i, o in enumerate(outlets, 1)
    ]
    xs = [DocExtraction(document=d.id, mentions=m) for d, m in zip(docs, mentions, strict=True)]
    entities, _ = resolve_entities(Corpus.from_records(docs, xs), K)
    return entities


def test_outlet_short_name_tagged_person_joins_the_outlet_as_org() -> None:
    entities = _resolve(
        ["Qorvane News Agency", "The Valley Courier"],
        [
            [_mention("Qorvane News Agency", "ORG", "o:q")],
            [_mention("Qorvane", "PERSON", "p:q")],
        ],
    )
    [q] = [e for e in entities if "Qorvane" in e.aliases]
    assert q.type == "ORG"
    assert set(q.aliases) == {"Qorvane News Agency", "Qorvane"}


def test_short_name_that_is_a_city_or_a_common_word_stays_apart() -> None:
    entities = _resolve(
        ["Lagos Commerce Review", "National Harbour Post"],
        [[_mention("Lagos", "GPE", "g:l")], [_mention("National", "PERSON", "p:n")]],
        text="the national team played " + "x" * 60,
    )
    lagos = next(e for e in entities if e.name == "Lagos")
    assert lagos.type == "GPE"
    assert all(e.type != "ORG" or "National" not in e.aliases for e in entities)
