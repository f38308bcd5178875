"""Control changes across documents: one record per change however many outlets tell
it, status from claims and denials, background history, incursions, inferred sides."""

from __future__ import annotations

from storyline.lexicon import Knowledge
from storyline.models import (
    DocExtraction,
    Document,
    Entity,
    Geo,
    LocalControl,
    TimeExpression,
)
from storyline.reconcile.control import reconcile_control
from storyline.reconcile.corpus import Corpus

PLACE, REBELS, ARMY = "e1", "e2", "e3"
ENTITIES = [
    Entity(id=PLACE, name="Dorvik", type="GPE", geo=Geo(lat=1.0, lon=2.0, feature="city")),
    Entity(id=REBELS, name="Northern Liberation Front", type="ARMED_GROUP"),
    Entity(id=ARMY, name="National Army", type="ORG"),
]
CLUSTERS = {"p": PLACE, "r": REBELS, "a": ARMY}


K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def day(value: str) -> TimeExpression:
    return TimeExpression(
        start=0,
        end=1,
        text="x",
        kind="date",
        value=value,
        precision="day" if len(value) == 10 else "month" if len(value) == 7 else "year",
    )


def change(gainer=None, loser=None, time=0, **kw) -> LocalControl:
    return LocalControl(
        start=0,
        end=10,
        cue="seized",
        cue_start=0,
        place_text="Dorvik",
        place_cluster="p",
        gainer_text=gainer,
        gainer_cluster=gainer,
        loser_text=loser,
        loser_cluster=loser,
        time=time,
        **kw,
    )


def deny(loser=None) -> LocalControl:
    return LocalControl(
        kind="deny",
        start=0,
        end=10,
        cue="fallen",
        cue_start=0,
        place_text="Dorvik",
        place_cluster="p",
        loser_text=loser,
        loser_cluster=loser,
    )


def corpus(*docs: tuple[str, str, list[TimeExpression], list[LocalControl]]) -> Corpus:
    documents = [
        Document(id=d, source=d, text="x" * 20, published=pub, published_from="text", story="s1")
        for d, pub, _, _ in docs
    ]
    extractions = [
        DocExtraction(document=d, times=times, controls=controls) for d, _, times, controls in docs
    ]
    c = Corpus.from_records(documents, extractions)
    c.entities = ENTITIES
    c.entity_of = {(d, k): v for d, *_ in docs for k, v in CLUSTERS.items()}
    return c


def test_one_change_told_by_three_outlets_is_one_record():
    c = corpus(
        ("d1", "2024-05-05", [day("2024-05-04")], [change("r", "a")]),
        ("d2", "2024-05-05", [day("2024-05-04")], [change("r")]),
        ("d3", "2024-05-06", [day("2024-05-05")], [change(None, "a")]),
    )
    (x,) = reconcile_control(c, K)
    assert (x.place, x.gained_by, x.lost_by, x.date, x.status) == (
        PLACE,
        REBELS,
        ARMY,
        "2024-05-04",
        "reported",
    )
    assert x.documents == ["d1", "d2", "d3"] and len(x.passages) == 3


def test_claimed_and_denied_is_disputed():
    c = corpus(
        ("d1", "2024-05-05", [day("2024-05-04")], [change("r", attributed="claim")]),
        ("d2", "2024-05-06", [], [deny()]),
    )
    (x,) = reconcile_control(c, K)
    assert x.status == "disputed"
    # the denial is a source of the disputed record, beside the claim
    assert x.documents == ["d1", "d2"] and {p.document for p in x.passages} == {"d1", "d2"}


def test_claimed_by_one_side_only():
    c = corpus(("d1", "2024-05-05", [day("2024-05-04")], [change("r", attributed="claim")]))
    (x,) = reconcile_control(c, K)
    assert x.status == "claimed"


def test_the_taker_saying_it_holds_the_place_is_no_denial():
    c = corpus(
        ("d1", "2024-05-05", [day("2024-05-04")], [change("a", attributed="claim")]),
        ("d2", "2024-05-06", [], [deny("a")]),
    )
    (x,) = reconcile_control(c, K)
    assert x.status == "claimed"


def test_background_history_dated_as_the_text_dates_it():
    c = corpus(
        (
            "d1",
            "2024-05-05",
            [day("2017"), day("2019")],
            [change("r", time=0, background=True), change(None, "r", time=1, background=True)],
        ),
        ("d2", "2024-05-05", [day("2024-05-04")], [change("r", "a")]),
    )
    first, second, third = reconcile_control(c, K)
    assert (first.gained_by, first.date, first.precision) == (REBELS, "2017", "year")
    # who took it in 2019 is not said: the other side of the place's story
    assert (second.gained_by, second.lost_by, second.date) == (ARMY, REBELS, "2019")
    assert second.note and "inferred" in second.note
    assert first.status == second.status == "reported"
    assert third.date == "2024-05-04"


def test_a_loss_with_no_known_taker_is_left_out():
    c = corpus(("d1", "2024-05-05", [day("2019")], [change(None, "r", background=True)]))
    assert reconcile_control(c, K) == []


def test_an_undated_mention_supports_the_change_before_it_and_makes_none():
    c = corpus(
        ("d1", "2024-05-05", [day("2024-05-04")], [change("r", "a")]),
        ("d2", "2024-06-20", [], [change("r", None, time=None)]),
    )
    (x,) = reconcile_control(c, K)
    assert x.documents == ["d1", "d2"]


def test_an_entry_pushed_back_the_next_day_is_not_a_change():
    c = corpus(
        (
            "d1",
            "2024-05-05",
            [day("2024-05-03"), day("2024-05-04")],
            [change("r", "a", time=0), change("a", "r", time=1)],
        ),
    )
    assert reconcile_control(c, K) == []


def test_no_side_no_record():
    c = corpus(("d1", "2024-05-05", [day("2024-05-04")], [change(None, None)]))
    assert reconcile_control(c, K) == []
