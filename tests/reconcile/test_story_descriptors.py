"""Bare descriptors a document leaves unresolved ('the union says …') are linked to the
one story entity that fits them, and to nothing when two fit, when the document names a
fitting body itself, or when the descriptor is a person's role or a government."""

from __future__ import annotations

from storyline.lexicon import Knowledge
from storyline.lexicon.references import reference_words
from storyline.models import (
    DocExtraction,
    Document,
    Entity,
    LocalAccusation,
    LocalQuote,
    Quantity,
    Story,
)
from storyline.reconcile.attribution import attribute_accusations
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.story_descriptors import StoryDescriptors, link_story_descriptors

K = Knowledge.shared()
WORDS = reference_words(K)
ROLES = K.entity_words["roles"]


def _doc(doc_id: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", title=doc_id, text="x")


def _corpus(entities: list[Entity], named_in: dict[str, list[str]], stories: list[list[str]]):
    docs = sorted({d for ds in stories for d in ds})
    corpus = Corpus.from_records([_doc(d) for d in docs], [DocExtraction(document=d) for d in docs])
    corpus.entities = entities
    corpus.entity_of = {
        (doc_id, f"c:{eid}"): eid for doc_id, eids in named_in.items() for eid in eids
    }
    corpus.stories = [
        Story(id=f"s{i + 1}", title="t", documents=ds) for i, ds in enumerate(stories)
    ]
    return corpus


UNION = Entity(id="e1", name="Harbour Workers' Union", type="ORG")
PORTS = Entity(id="e2", name="Harbour Ports Authority", type="ORG")
DRIVERS = Entity(id="e3", name="Union of Lorry Drivers", type="ORG")
POLICE = Entity(id="e4", name="Eastport Police Command", type="ORG")


def test_the_union_is_the_one_union_of_the_story():
    corpus = _corpus([UNION, PORTS], {"d1": ["e1", "e2"], "d2": ["e2"]}, [["d1", "d2"]])
    links = StoryDescriptors(corpus, WORDS, ROLES)
    assert links.entity("d2", "the union") == UNION
    assert links.entity("d2", "The union") == UNION


def test_two_unions_leave_it_unresolved():
    corpus = _corpus([UNION, DRIVERS, PORTS], {"d1": ["e1", "e3"], "d2": ["e2"]}, [["d1", "d2"]])
    assert StoryDescriptors(corpus, WORDS, ROLES).entity("d2", "the union") is None


def test_a_union_of_another_story_does_not_count():
    corpus = _corpus([UNION, PORTS], {"d1": ["e1"], "d2": ["e2"]}, [["d1"], ["d2"]])
    assert StoryDescriptors(corpus, WORDS, ROLES).entity("d2", "the union") is None


def test_roles_names_and_modified_phrases_are_not_linked():
    corpus = _corpus([UNION, POLICE], {"d1": ["e1", "e4"], "d2": []}, [["d1", "d2"]])
    links = StoryDescriptors(corpus, WORDS, ROLES)
    assert links.entity("d2", "the police") == POLICE
    assert links.entity("d2", "the officer") is None  # a person, not the police
    assert links.entity("d2", "the dockers' union") is None
    assert links.entity("d2", "NPA") is None
    assert links.entity("d2", "the government") is None


def test_links_reach_quotes_and_claims_without_touching_the_callers_records():
    corpus = _corpus([UNION, PORTS], {"d1": ["e1"], "d2": ["e2"]}, [["d1", "d2"]])
    quote = LocalQuote(
        kind="indirect", text="pay is low", start=0, end=10, speaker_text="the union"
    )
    claim = Quantity(text="48,000 naira", start=0, end=12, value=48000, claimant_text="union")
    original = corpus.extractions["d2"].model_copy(
        update={"quotes": [quote], "quantities": [claim]}
    )
    corpus.extractions["d2"] = original
    assert link_story_descriptors(corpus, WORDS, ROLES) == 2
    linked = corpus.extractions["d2"]
    assert corpus.entity("d2", linked.quotes[0].speaker_cluster) == "e1"
    assert corpus.entity("d2", linked.quantities[0].claimant_cluster) == "e1"
    assert original.quotes[0].speaker_cluster is None


ARMY = Entity(id="e5", name="Varnian Army", type="ORG")
EJERCITO = Entity(id="e6", name="Ejército Popular", type="ORG")  # fits only through the table
OTHER_ARMY = Entity(id="e7", name="Army of the North", type="ORG")
BARE_ARMY = Entity(id="e8", name="Army", type="ORG", aliases=["Army"])
REBELS = Entity(id="e9", name="Free Hills Front", type="ARMED_GROUP")


def test_the_army_is_the_name_it_shortens():
    corpus = _corpus([ARMY, EJERCITO], {"d1": ["e5", "e6"], "d2": []}, [["d1", "d2"]])
    assert StoryDescriptors(corpus, WORDS, ROLES).entity("d2", "the army") == ARMY


def test_two_names_headed_by_the_word_leave_it_unresolved():
    corpus = _corpus(
        [ARMY, EJERCITO, OTHER_ARMY], {"d1": ["e5", "e6", "e7"], "d2": []}, [["d1", "d2"]]
    )
    assert StoryDescriptors(corpus, WORDS, ROLES).entity("d2", "the army") is None


def test_an_entity_named_by_the_bare_word_is_linked_through_the_story():
    corpus = _corpus([ARMY, BARE_ARMY, REBELS], {"d1": ["e5"], "d2": ["e8", "e9"]}, [["d1", "d2"]])
    blame = LocalAccusation(
        start=0,
        end=40,
        text="We denounce the raid carried out by the Army.",
        accuser_text="Free Hills Front",
        accuser_cluster="c:e9",
        accused_texts=["Army"],
        accused_clusters=["c:e8"],
    )
    corpus.extractions["d2"] = corpus.extractions["d2"].model_copy(update={"accusations": [blame]})
    link_story_descriptors(corpus, WORDS, ROLES)
    linked = corpus.extractions["d2"].accusations[0]
    assert corpus.entity("d2", linked.accused_clusters[0]) == "e5"
    assert corpus.entity("d2", linked.accuser_cluster) == "e9"  # a real name stays


def test_a_description_another_report_gave_one_entity_is_that_entity():
    medics = Entity(id="e5", name="Medica Unita", type="ORG", roles=["doctors' union"])
    mayor = Entity(id="e6", name="Joana Mota", type="PERSON", roles=["The mayor of Vilar"])
    corpus = _corpus([medics, mayor, PORTS], {"d1": ["e5", "e6"], "d2": ["e2"]}, [["d1", "d2"]])
    links = StoryDescriptors(corpus, WORDS, ROLES)
    assert links.entity("d2", "The doctors’ union") == medics
    assert links.entity("d2", "the mayor of Vilar") == mayor
    assert links.entity("d2", "the nurses' union") is None  # not the words given
    assert links.entity("d2", "the mayor") is None  # which mayor: the story may have several


def test_a_description_two_entities_share_or_the_document_gives_is_not_linked():
    one = Entity(id="e5", name="Medica Unita", type="ORG", roles=["doctors' union"])
    two = Entity(id="e7", name="Sanitas Libera", type="ORG", roles=["doctors' union"])
    corpus = _corpus([one, two], {"d1": ["e5"], "d2": ["e7"], "d3": []}, [["d1", "d2", "d3"]])
    links = StoryDescriptors(corpus, WORDS, ROLES)
    assert links.entity("d3", "the doctors' union") is None
    assert links.entity("d2", "the doctors' union") is None


FORCES = Entity(id="e10", name="Kivu Defence Forces", type="ORG")
OTHER_FORCES = Entity(id="e11", name="Lakeland Armed Forces", type="ORG")


def test_soldiers_are_the_one_army_of_the_document_or_else_of_the_story():
    corpus = _corpus(
        [FORCES, OTHER_FORCES, REBELS],
        {"d1": ["e10"], "d2": ["e9"], "d3": ["e10", "e11"]},
        [["d1", "d2"], ["d3"]],
    )
    links = StoryDescriptors(corpus, WORDS, ROLES)
    assert links.entity("d2", "soldiers") == FORCES  # named in another report of the story
    assert links.entity("d1", "troops") == FORCES
    assert links.entity("d3", "soldiers") is None  # two armies: which one
    assert links.entity("d2", "the soldiers") is None  # not a bare plural of the table
    assert links.entity("d2", "gunmen") is None  # no body's people


def test_an_accusation_of_soldiers_no_army_fits_is_dropped():
    corpus = _corpus(
        [REBELS, OTHER_FORCES, FORCES], {"d1": ["e9"], "d2": ["e10", "e11"]}, [["d1"], ["d2"]]
    )
    blame = LocalAccusation(
        start=0,
        end=47,
        text="The Free Hills Front says soldiers executed three men.",
        accuser_text="Free Hills Front",
        accuser_cluster="c:e9",
        accused_texts=["soldiers"],
        accused_clusters=[None],
    )
    for doc_id in ("d1", "d2"):
        corpus.extractions[doc_id] = corpus.extractions[doc_id].model_copy(
            update={"accusations": [blame]}
        )
    link_story_descriptors(corpus, WORDS, ROLES)
    assert attribute_accusations(corpus, WORDS) == []  # no army in d1's story; two in d2's
