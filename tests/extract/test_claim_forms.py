"""Claims the number pattern alone misses (currency codes, fractions, partitives, zero and
lone-victim claims) and the numbers that are not claims, each with its reason."""

from __future__ import annotations

import pytest

from storyline.extract.quantities import find_quantities
from storyline.lexicon import Knowledge
from storyline.models import RejectedNumber

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def _run(nlp, text):
    rejected: list[RejectedNumber] = []
    return find_quantities(nlp(text), [], [], K, rejected), rejected


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The board approved CHF 42 million for the dam.", 42_000_000, "CHF"),
        ("Traders lost ₦3.5bn in a week.", 3_500_000_000, "NGN"),
        ("The fund received €40m from donors.", 40_000_000, "EUR"),
        ("Ministers promised 12 billion rupees for roads.", 12_000_000_000, "INR"),
        ("The coalition won at least 51% of the votes.", 51, "%"),
        ("The rebels now hold two-thirds of the province.", 0.67, "share"),
    ],
)
def test_money_shares_and_percentages(nlp, sentence, value, unit):
    qs, _ = _run(nlp, sentence)
    assert [(q.value, q.unit) for q in qs] == [(value, unit)]


def test_number_words_partitives_and_doubled_figures(nlp):
    qs, _ = _run(
        nlp,
        "Fourteen miners were rescued. Three of our nurses were detained at the border. "
        "The army recovered nine (9) trucks.",
    )
    got = [(q.value, q.kind) for q in qs]
    assert got == [(14, "miner"), (3, "nurse"), (9, "vehicle")]


@pytest.mark.parametrize(
    ("sentence", "predicate"),
    [
        ("Police said no casualties were reported after the blast.", "casualties"),
        ("The governor insisted that no villagers died in the raid.", "killed"),
        ("The insurer says it received nothing.", "paid"),
        ("The family has not paid any ransom.", "paid"),
    ],
)
def test_zero_claims(nlp, sentence, predicate):
    qs, _ = _run(nlp, sentence)
    assert [(q.value, q.predicate) for q in qs] == [(0, predicate)]


def test_no_one_counts_people(nlp):
    qs, _ = _run(nlp, "The warden said no one else was hurt in the fire.")
    assert [(q.value, q.predicate, q.what) for q in qs] == [(0, "injured", "people injured")]


def test_a_vague_number_of_is_no_count(nlp):
    qs, _ = _run(nlp, "A number of neighbours gathered outside the bakery.")
    assert qs == []


def test_all_with_a_count_just_given_repeats_it(nlp):
    qs, rejected = _run(
        nlp, "Four tenants who sued spoke out. The landlord rejected all four complaints."
    )
    assert [q.value for q in qs] == [4]
    assert "back-reference ('denied all three allegations')" in {r.reason for r in rejected}


def test_all_with_a_count_not_given_before_is_a_claim(nlp):
    qs, _ = _run(nlp, "Rescuers said all 40 passengers were safe.")
    assert [q.value for q in qs] == [40]


def test_lone_victim(nlp):
    qs, _ = _run(nlp, "One woman drowned when the ferry capsized, and a guard was injured.")
    assert [(q.value, q.predicate) for q in qs] == [(1, "killed"), (1, "injured")]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The convoy left at 9.30 a.m. from the depot.", "clock time"),
        ("Shooting began at three o'clock near the market.", "clock time"),
        ("The 38-year-old driver was freed on Monday.", "age"),
        ("The suspect, Marta Kowalczyk, 44, was charged.", "age"),
        ("Under Article 17(1) the court may refuse.", "reference number"),
        ("Storms have hit the coast before (37).", "reference number"),
        ("The team won 12 of 13 games this season.", "score"),
        ("The column stopped 15 miles from the town.", "distance"),
        ("Two traders said prices had doubled.", "count of the reporter's own sources"),
        (
            "There are three questions the ministry must answer.",
            "count of the writer's own discourse",
        ),
        ("In an emergency, call 112.", "phone or service number"),
        ("Guards sought a 6 foot, 2 inch man in a red coat.", "height ('5 foot, 8 inch')"),
        ("The kiosk shows a 640 x 480 map of the park.", "dimensions ('480 x 360')"),
        ("Its lens takes 800 by 600-pixel stills.", "dimensions ('400 by 352-pixel')"),
    ],
)
def test_non_claims_are_rejected_with_a_reason(nlp, sentence, reason):
    qs, rejected = _run(nlp, sentence)
    assert qs == []
    assert reason in {r.reason for r in rejected}


def test_a_verb_particle_is_not_a_hedge(nlp):
    qs, _ = _run(nlp, "He presided over three tests. Gunmen killed over 40 people.")
    assert [(q.value, q.approx) for q in qs] == [(3, "exact"), (40, "more_than")]


def test_a_split_thousands_group_is_never_a_zero(nlp):
    qs, _ = _run(nlp, "The quake killed more than 26, 000 people.")
    assert 0 not in {q.value for q in qs}
    assert 26_000 in {q.value for q in qs}  # the spaced thousands read as one number


@pytest.mark.parametrize(
    "sentence",
    [
        "They lead 54 - 46 at the break.",
        "Scoreless in the first half, he scored later.",
        "He was found with a third person.",
    ],
)
def test_scores_halves_and_ordinals_are_not_claims(nlp, sentence):
    qs, _ = _run(nlp, sentence)
    assert qs == []


def test_a_scale_cut_short_before_a_currency(nlp):
    qs, _ = _run(
        nlp, "The council sought loans of 4 b. euro and lost 7 mln dollars. Plan b. was off."
    )
    assert [(q.value, q.unit) for q in qs] == [(4_000_000_000, "EUR"), (7_000_000, "USD")]
