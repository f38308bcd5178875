"""Numeric claims on business and market news: what an amount measures, the values of
scales, fractions and spaced numbers, and the numbers that are no claims. Invented text."""

from __future__ import annotations

import pytest

from storyline.extract.mentions import find_mentions
from storyline.extract.quantities import find_quantities
from storyline.extract.quotes import find_quotes
from storyline.lexicon import Knowledge
from storyline.models import RejectedNumber

K = Knowledge.shared()


def _claims(nlp, text, rejected=None):
    doc = nlp(text)
    mentions = find_mentions(doc)
    return find_quantities(doc, mentions, find_quotes(doc, mentions, K), K, rejected)


def _one(nlp, text, number):
    return next(q for q in _claims(nlp, text) if number in q.text)


@pytest.mark.parametrize(
    ("sentence", "number", "what"),
    [
        # the thing priced, costed or valued
        ("The new tablet is priced at $420.", "$420", "new tablet price"),
        ("The old mill sold for $900,000 last week.", "$900,000", "old mill price"),
        ("The new bridge cost $45 million.", "$45 million", "new bridge cost"),
        ("Burglars took paintings worth $3 million.", "$3 million", "painting value"),
        ("Burglars took $3 million worth of paintings.", "$3 million", "painting value"),
        # a currency's rate
        ("In late trade the euro bought 160 yen.", "160 yen", "euro rate"),
        # a change, and a level
        ("The Hang Seng fell 2.5 percent on Friday.", "2.5 percent", "change in hang seng"),
        ("The average rent rose by 40 cents in May.", "40 cents", "change in average rent"),
        ("Copper prices climbed above $9,000 on Friday.", "$9,000", "copper price"),
        # how much higher or lower
        ("The fee is 20% higher for visitors.", "20%", "fee higher"),
    ],
)
def test_what_an_amount_measures(nlp, sentence, number, what):
    assert _one(nlp, sentence, number).what == what


def test_a_percentage_that_names_nothing_is_withheld(nlp):
    # a share of nothing named is no claim a reader can check: withheld, with its reason
    doc = nlp("The figure was revised to 12 percent.")
    rejected: list = []
    found = find_quantities(doc, find_mentions(doc), [], K, rejected)
    assert not [q for q in found if q.text == "12 percent"]
    assert any(r.reason == "a percentage that names nothing it measures" for r in rejected)


def test_a_labelled_market_line(nlp):
    text = (
        "Markets were quiet across the region on Thursday, traders said.\n\n"
        "Sydney – ASX 200: UP 0.6 percent at 7,312.10.\n\n"
        "Euro/pound: DOWN at 85.40 pence from 85.62 pence.\n\n"
        "Deal of the week: 35% off a garden chair."
    )
    qs = {q.text: q.what for q in _claims(nlp, text)}
    assert qs["0.6 percent"] == "change in ASX 200"
    assert qs["7,312.10"] == "ASX 200"
    assert qs["85.40 pence"] == "euro/pound rate"
    assert qs.get("35%") is None  # a heading with no UP, DOWN, at or from is no market line


def test_a_who_clause_counts_people(nlp):
    q = _one(nlp, "Five guests were questioned, including two who saw the fire.", "two")
    assert q.what == "guests who see"


@pytest.mark.parametrize(
    ("sentence", "number", "value"),
    [
        ("The club rejected a $150-million offer.", "$150", 150_000_000),
        ("The start-up raised $7. 4m from investors.", "$7", 7_400_000),
        ("The show was watched by 12. 5 million people.", "12", 12_500_000),
        ("The quake killed more than 14, 000 people.", "14", 14_000),
        ("He carried the team for 3 1/2 quarters.", "3", 3.5),
        ("The barn held three and a half tonnes of grain.", "three", 3.5),
        ("A crowd of at least three dozen people gathered.", "three", 36),
    ],
)
def test_scales_fractions_and_spaced_numbers(nlp, sentence, number, value):
    assert _one(nlp, sentence, number).value == pytest.approx(value)


def test_a_change_and_a_level_are_no_range(nlp):
    qs = _claims(nlp, "Shares in the miner rose 6 percent to $14.20.")
    assert [(q.value, q.value_high, q.unit) for q in qs] == [(6, None, "%"), (14.2, None, "USD")]


def _reasons(nlp, text):
    rejected: list[RejectedNumber] = []
    claims = _claims(nlp, text, rejected)
    return claims, {r.text: r.reason for r in rejected}


def test_numbered_list_items_are_no_claims(nlp):
    text = (
        "Tips for a calmer week at work and at home.\n\n"
        "1 Take a walk.\n\n2 Call a friend.\n\n3 Write to three old friends."
    )
    claims, reasons = _reasons(nlp, text)
    assert [q.value for q in claims] == [3]  # 'three old friends' is a count
    assert {reasons["1"], reasons["2"], reasons["3"]} == {"item number of a numbered list"}


def test_positions_parts_and_listed_models_are_no_claims(nlp):
    text = (
        "The Hawks scored on two of their first three drives, including their first two. "
        "Repairs meant replacing the whole lower half of the printer. "
        "The board takes a Ryzen 5600 or 7600 chip."
    )
    claims, reasons = _reasons(nlp, text)
    assert "ordinal position" in reasons["two"]
    assert "part of an object" in reasons["half"]
    assert "part of a name" in reasons["7600"]
    assert not any(q.text.startswith(("half", "7600")) for q in claims)


def test_a_money_zero_needs_a_money_noun(nlp):
    assert not _claims(nlp, "We received no complaints from the tenants.")
    (q,) = _claims(nlp, "The firm paid no corporate tax last year.")
    assert (q.value, q.predicate) == (0, "paid")


def test_the_subject_of_an_active_toll_verb_is_no_lone_victim(nlp):
    qs = _claims(nlp, "A landslide killed 40 people in the valley.")
    assert [(q.value, q.what) for q in qs] == [(40, "people killed")]


def test_a_he_said_tag_takes_the_speaker_of_the_sentence_before(nlp):
    text = (
        "Rescue work went on through the night in the hills.\n\n"
        "Mayor Ines Okafor said 14 people were hurt in the slide. "
        "Dozens of homes were damaged, as well as four schools, he said."
    )
    q = _one(nlp, text, "four schools")
    assert "Okafor" in q.claimant_text


def test_an_amount_and_its_converted_twin_measure_the_noun_after_them(nlp):
    qs = _claims(nlp, "Thieves escaped with a €3 million ($3.3 million) haul, police said.")
    assert {q.value: q.what for q in qs} == {3_000_000: "haul", 3_300_000: "haul"}


def test_an_amount_off_is_a_discount(nlp):
    assert _one(nlp, "Shoppers get $15 off the blender.", "$15").what == "discount on blender"


def test_pounds_that_are_weighed_are_no_money(nlp):
    assert _one(nlp, "The calf weighed about 90 pounds.", "90").unit == "pounds"


def test_a_spaced_clock_time_is_no_claim(nlp):
    _, reasons = _reasons(nlp, "The fire started at 2: 45 p. m. on Friday.")
    assert reasons.get("45") == "clock time"


def test_a_numeral_before_a_singular_proper_noun_is_part_of_a_name(nlp) -> None:
    rejected: list[RejectedNumber] = []
    claims = _claims(
        nlp,
        "Police said members of 8 Block were feuding with two other gangs. One Briton and "
        "three Americans were hurt.",
        rejected,
    )
    assert not any(q.text.startswith("8") for q in claims)
    assert any(r.reason == "inside a name" and r.text.startswith("8") for r in rejected)
    assert any(q.text.startswith("two") for q in claims)
    assert any(q.text.startswith("three") for q in claims)


def _reasons(nlp, text):
    rejected: list[RejectedNumber] = []
    found = _claims(nlp, text, rejected)
    return found, {r.text: r.reason for r in rejected}


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        # a set the text listed just before
        (
            "A baker, a tailor and a smith met, and among the three, only one voted.",
            "three",
            "back-reference",
        ),
        (
            "Pavel, Irina, Tomas and Lena were detained. All four live in one flat.",
            "four",
            "back-reference",
        ),
        # an age given by 'be'
        ("The judge, who sat on the bench until he was 97, died on Monday.", "97", "age"),
        # a clock time whose point the tokeniser spaced
        ("The crash happened at about 4: 45 a. m Friday near the bridge.", "45", "clock time"),
        # a career length with a league name between
        ("Okafor played the best of his six NBA seasons in Denver.", "six", "duration"),
        # a distance with its description between
        (
            "The trail runs for nearly seven gently winding miles along the coast.",
            "seven",
            "distance",
        ),
        # the window of a record and the denominator of a ratio
        ("The county backed the winner in 11 of the last 12 governor races.", "12", "window"),
        ("Roughly one in four renters is behind on payments.", "four", "denominator"),
        # a percentage that names nothing
        (
            "'We will win this 100 percent,' the candidate told the crowd.",
            "100 percent",
            "percentage",
        ),
    ],
)
def test_numbers_that_are_no_claims_on_real_news(nlp, text, number, reason):
    found, reasons = _reasons(nlp, text)
    assert not [q for q in found if q.text.endswith(number)], [q.text for q in found]
    assert reason in reasons.get(number, ""), reasons


@pytest.mark.parametrize(
    ("text", "number", "what"),
    [
        # a poll race: the first share is the leader's, the second the other's
        (
            "A new survey shows Marsh leading Quill 52 percent to 45 percent among older voters.",
            "52 percent",
            "Marsh share among older voters",
        ),
        (
            "A new survey shows Marsh leading Quill 52 percent to 45 percent among older voters.",
            "45 percent",
            "Quill share among older voters",
        ),
        # a share whose whole a colon introduces; a share a clause gives to its subject
        (
            "Of the districts, Linden has the highest share of renters: 61 percent.",
            "61 percent",
            "share of renters",
        ),
        ("Farmers make up 30 percent of the assembly.", "30 percent", "farmers share of assembly"),
        ("Turnout hit 15 percent.", "15 percent", "turnout"),
        # an exchange rate in the unit only: what the paragraph's first rate measures
        (
            "The euro bought 1.12 dollars, against 1.10 dollars on Monday.",
            "1.10 dollars",
            "euro rate",
        ),
        # money: what the amount is of, money held where it is kept, a weight in pounds
        (
            "The council set aside several million dollars of emergency funding.",
            "several million dollars",
            "emergency funding",
        ),
        ("The campaign has $40 million in the bank and few debts.", "$40 million", "money held"),
        ('"I weighed about 130 pounds back then," she said.', "about 130 pounds", "weight"),
        # a parent described by the number of her children
        ("Neighbours described Mara Voss, a mother of six, as kind.", "six", "children"),
    ],
)
def test_what_on_real_news_forms(nlp, text, number, what):
    assert _one(nlp, text, number).what == what


def test_a_description_of_a_person_is_the_writers(nlp):
    q = _one(nlp, "The footage shows Mara Voss, a mother of six, at the gate.", "six")
    assert q.claimant_text == "reporter"


def test_a_verb_with_its_own_object_gives_no_predicate_to_money(nlp):
    text = (
        "The senator narrowly lost the race and was later found to have ended it "
        "with $3 million unspent."
    )
    q = _one(nlp, text, "$3 million unspent")
    assert q.predicate is None and "lost" not in (q.what or "")


def test_a_rate_that_ticks_up_measures_its_subject(nlp):
    text = "The jobless rate ticked up from 4.2 percent to 4.4 percent in March."
    assert _one(nlp, text, "4.2 percent").what == "jobless rate"
    assert _one(nlp, text, "4.4 percent").what == "jobless rate"


def test_a_share_that_does_what_its_verb_says(nlp):
    text = "Some 43 percent of likely voters support Smith."
    assert _one(nlp, text, "43 percent").what == "share of likely voters who support Smith"


def test_a_bare_percentage_takes_the_share_before_it_before_it_is_withheld(nlp):
    text = "In the survey, 71 percent of Labour members want him to stay and 15 percent disagree."
    assert _one(nlp, text, "15 percent").what == _one(nlp, text, "71 percent").what


def test_a_named_candidate_polling_at_a_share(nlp):
    text = (
        "Marsh is struggling with her base here, polling at 38% among Democrats in the county. "
        "Independent candidate Ada Quill scored at 9 percent in the newest poll."
    )
    assert _one(nlp, text, "38%").what == "Marsh share among Democrats"
    assert _one(nlp, text, "9 percent").what == "Ada Quill share"


def test_the_number_before_a_toll_word_is_no_back_reference(nlp):
    found, reasons = _reasons(nlp, "Doctors said 12 of the 70 wounded were still in hospital.")
    assert [q for q in found if q.text.startswith("70")], reasons


def test_a_part_of_an_amount_takes_the_gift_and_a_name_part_gives_no_predicate(nlp):
    from storyline.extract.quantities import find_quantities
    from storyline.lexicon import Knowledge

    qs = find_quantities(
        nlp(
            "A hedge-fund manager has donated $8 million to the group, including "
            "$3 million last month alone. A pension-fund trustee holds $4 million."
        ),
        [],
        [],
        Knowledge.shared(),
    )
    assert [(q.value, q.predicate) for q in qs] == [
        (8_000_000, "given"),
        (3_000_000, "given"),
        (4_000_000, None),
    ]


def test_money_committed_is_pledged_but_troops_are_not(nlp):
    from storyline.extract.quantities import find_quantities
    from storyline.lexicon import Knowledge

    qs = find_quantities(
        nlp("The heiress is committing $12 million to the charity. The army committed 900 troops."),
        [],
        [],
        Knowledge.shared(),
    )
    assert [(q.value, q.predicate) for q in qs] == [(12_000_000, "pledged"), (900, None)]
