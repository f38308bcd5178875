"""Numeric claims: values, hedges, what is counted, units, claimants, and what is not one."""

from __future__ import annotations

import pytest

from storyline.extract.mentions import find_mentions
from storyline.extract.quantities import find_quantities
from storyline.extract.quotes import find_quotes
from storyline.lexicon import Knowledge

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def _claims(nlp, text):
    return find_quantities(nlp(text), [], [], K)


@pytest.mark.parametrize(
    ("sentence", "value", "high", "approx", "head"),
    [
        ("Roughly 4,000 militants hold the valley.", 4000, None, "about", "militant"),
        ("The air force flew more than 60 sorties.", 60, None, "more_than", "sortie"),
        ("At least 12 villagers were hurt.", 12, None, "more_than", "villager"),
        ("Up to 500 families may leave.", 500, None, "less_than", "family"),
        ("Four thousand one hundred voters signed.", 4100, None, "exact", "voter"),
        ("Three ships docked.", 3, None, "exact", "ship"),
        ("An approximate 900 fans waited.", 900, None, "about", "fan"),
        ("Dozens of civilians were killed.", 12, None, "more_than", "civilian"),
        ("Hundreds of tents went up.", 100, None, "more_than", "tent"),
        ("Between 10 and 20 guards stood by.", 10, 20, "range", "guard"),
        ("Some 10-20 guards stood by.", 10, 20, "range", "guard"),
        ("Several thousand recruits joined.", 3000, None, "more_than", "recruit"),
    ],
)
def test_values_and_hedges(nlp, sentence, value, high, approx, head):
    (q,) = _claims(nlp, sentence)
    assert (q.value, q.value_high, q.approx, q.what_head) == (value, high, approx, head)


def test_units_and_what(nlp):
    qs = {
        q.unit: q
        for q in _claims(
            nlp,
            "Donors pledged $5 million. The militia lost 300 square miles. Turnout hit 15 percent.",
        )
    }
    assert qs["USD"].value == 5_000_000
    assert qs["square miles"].value == 300
    assert qs["%"].value == 15


def test_what_keeps_the_modifiers(nlp):
    (q,) = _claims(nlp, "Officials counted roughly 900 Northern Alliance fighters.")
    assert q.what == "Northern Alliance fighters"


def test_toll_predicate(nlp):
    (q,) = _claims(nlp, "The strike killed 14 soldiers.")
    assert q.predicate == "killed"
    (q,) = _claims(nlp, "The court fined 14 traders.")
    assert q.predicate is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed in 2015.",
        "The treaty was signed on March 4.",
        "The siege lasted 10 months.",
        "After an eight-month siege the town fell.",
        "Call 5551234567 for details.",
        "The 2nd battalion moved north.",
        "It is one of the oldest towns.",
        "Three men died, two of whom were guards.",
        "The talks are set for 10:30.",
    ],
)
def test_not_claims(nlp, sentence):
    got = [q for q in _claims(nlp, sentence) if q.what_head not in ("man",)]
    assert got == [], [q.text for q in got]


def test_reporter_and_speaker_claimants(nlp):
    qs = _claims(nlp, "Moscow launched 64 raids and claimed to have killed 300 rebels.")
    by_value = {q.value: q for q in qs}
    assert by_value[64].claimant_text == "reporter"
    assert by_value[300].claimant_text == "Moscow"
    (q,) = _claims(nlp, "The defence ministry said its jets carried out 45 strikes.")
    assert "ministry" in q.claimant_text.lower()


def test_claimant_from_a_quote(nlp):
    from storyline.models import LocalQuote

    text = "The governor said the storm destroyed 120 homes."
    doc = nlp(text)
    quote = LocalQuote(
        kind="indirect",
        start=text.index("the storm"),
        end=len(text) - 1,
        text="the storm destroyed 120 homes",
        speaker_text="The governor",
        speaker_cluster="c7",
    )
    (q,) = find_quantities(doc, [], [quote], K)
    assert (q.claimant_text, q.claimant_cluster) == ("The governor", "c7")


def test_range_under_a_tally_counts_its_noun(nlp):
    (q,) = _claims(nlp, "The governor put the number of raiders at between 40 and 60.")
    assert (q.value, q.value_high, q.approx) == (40, 60, "range")
    assert q.kind == "raider"


def test_toll_whose_subject_the_parse_lost(nlp):
    (q,) = _claims(
        nlp,
        "The death toll from the storm that has battered the coast since Friday rose to nine"
        " on Sunday, officials said.",
    )
    assert (q.value, q.predicate) == (9, "killed")


@pytest.mark.parametrize(
    ("sentence", "predicate"),
    [
        ("The interim toll is three (03) policemen fallen in the line of duty.", "killed"),
        ("Four of our soldiers fell on the field of honour.", "killed"),
        ("Two of our guards paid with their lives for the convoy.", "killed"),
        ("Twelve soldiers fell ill after the meal.", None),
        ("Eight fighters fell back to the ridge.", None),
        ("Three chairs fell over.", None),
    ],
)
def test_deaths_said_of_people(nlp, sentence, predicate):
    (q,) = _claims(nlp, sentence)
    assert q.predicate == predicate


def test_bare_count_takes_the_toll_word_after_it(nlp):
    qs = _claims(nlp, "The interim toll is three (03) policemen killed and nine (09) injured.")
    assert [(q.value, q.predicate, q.kind) for q in qs] == [
        (3, "killed", "policeman"),
        (9, "injured", "policeman"),
    ]


def test_others_count_the_kind_named_before(nlp):
    dead, others = _claims(nlp, "Five soldiers died and eight others were hurt in the ambush.")
    assert (dead.kind, dead.predicate) == ("soldier", "killed")
    assert (others.kind, others.predicate, others.what) == (
        "soldier",
        "injured",
        "soldiers injured",
    )


def test_conjunct_shares_the_toll(nlp):
    soldiers, civilians = _claims(
        nlp, "The mission said at least 12 soldiers and 11 civilians had been killed."
    )
    assert (soldiers.predicate, civilians.predicate) == ("killed", "killed")


def test_counted_noun_after_its_modifiers(nlp):
    (q,) = _claims(nlp, "As of today, 212 planned routine procedures have been postponed.")
    assert q.what_head == "procedure"


def test_bare_figure_a_source_says_takes_the_measure_before_it(nlp):
    qs = _claims(nlp, "The institute says 8,100 hectares; the agency says 9,300; pilots say 9,900.")
    assert [(q.value, q.unit) for q in qs] == [
        (8100, "hectares"),
        (9300, "hectares"),
        (9900, "hectares"),
    ]
    _tonnes, staff = _claims(nlp, "The mill produced 300 tonnes of flour and employs 40.")
    assert staff.unit is None


def test_sums_of_differently_qualified_measures_are_different_kinds(nlp):
    minimum, average = _claims(
        nlp,
        "The union wants a minimum wage of 90,000 pesos, while the average wage of 60,000"
        " pesos is far lower.",
    )
    assert minimum.kind != average.kind


def test_executions_are_their_own_toll(nlp):
    (q,) = _claims(nlp, "The patrol executed three farmers.")
    assert q.predicate == "executed"


def test_a_part_takes_its_own_verb(nlp):
    part, _whole = _claims(
        nlp,
        "The mayor said that some 700 of the 2,000 villagers who sheltered in the school had"
        " returned home.",
    )
    assert part.predicate == "returned"


def test_figure_that_refers_back_counts_what_was_counted_before(nlp):
    _part, _whole, later = _claims(
        nlp,
        "The mayor said that some 700 of the 2,000 villagers had already returned home."
        " The Red Cross put the figure at 450 in a statement.",
    )
    assert (later.value, later.what_head, later.predicate) == (450, "villager", "returned")
    _first, it = _claims(
        nlp, "About 3,000 people fled the district. The governor put it at fewer than 800."
    )
    assert (it.what_head, it.predicate) == ("people", "displaced")
    # 'the death toll' says what it counts itself
    _bodies, toll = _claims(
        nlp,
        "Rescuers found three bodies in the river. The death toll from the floods rose to"
        " nine on Friday.",
    )
    assert toll.what_head is None and toll.predicate == "killed"


def test_figure_that_refers_back_stays_in_its_paragraph(nlp):
    text = (
        "The council said 300 families had been displaced by the floods. Most are staying"
        " with relatives. The army put the number at fewer than 50."
    )
    _families, army = _claims(nlp, text)
    assert (army.what_head, army.predicate) == ("family", "displaced")
    text = "The council said 300 families had been displaced.\n\nThe army put the number at 50."
    _families, army = _claims(nlp, text)
    assert army.what_head is None


def test_bare_figure_a_source_says_answers_the_figure_before(nlp):
    qs = _claims(
        nlp,
        "The hackers say they stole 3.4 million files. The agency says 1.2 million."
        " The ministry says at most 200,000.",
    )
    assert [(q.what_head, q.predicate) for q in qs] == [("file", "stolen")] * 3
    first, second = _claims(nlp, "Seven dead, says the agency. Nine, says the mayor.")
    assert (first.predicate, second.predicate) == ("killed", "killed")


def test_public_bodies_are_no_corpses(nlp):
    (q,) = _claims(nlp, "Three public bodies were hit by the attack.")
    assert q.predicate is None
    (q,) = _claims(nlp, "Rescuers recovered three bodies from the river.")
    assert q.predicate == "killed"


def test_units_are_normalised(nlp):
    units = [
        q.unit
        for q in _claims(
            nlp,
            "The storm dropped 120 mm of rain. The gauge showed 118 millimetres of rain."
            " The fire burned 40 km2 of pine. Crews saved 900 ha of oak.",
        )
    ]
    assert units == ["millimetres", "millimetres", "square kilometres", "hectares"]


def test_both_ends_of_a_change_measure_its_subject(nlp):
    low, high = _claims(nlp, "The death toll rose from 4 to 17 between Friday and Sunday.")
    assert (low.predicate, high.predicate) == ("killed", "killed")
    low, high = _claims(
        nlp, "The agency's figures on trucks waiting went from 40 on Friday to 65 on Sunday."
    )
    assert (low.kind, low.predicate) == (high.kind, high.predicate) == ("vehicle", "waiting")


@pytest.mark.parametrize(
    ("sentence", "predicate"),
    [
        ("About 600 people had been moved out of their homes as a precaution.", "displaced"),
        ("Some 300 families were forced from their villages.", "displaced"),
        ("Ten residents came out of their houses to watch.", None),
        ("Twelve soldiers were moved from the base.", None),
    ],
)
def test_people_taken_from_their_homes_are_displaced(nlp, sentence, predicate):
    (q,) = _claims(nlp, sentence)
    assert q.predicate == predicate


def test_a_figures_own_attribution_beats_the_quote_around_it(nlp):
    doc = nlp(
        "The council says more than 900 people were evacuated, far more than the 600"
        " counted by the agency for the whole fire."
    )
    mentions = find_mentions(doc)
    quotes = find_quotes(doc, mentions, K)
    council, agency = find_quantities(doc, mentions, quotes, K)
    assert council.claimant_text == "The council"
    assert agency.claimant_text == "agency"


def _values_and_rejections(nlp, text: str) -> tuple[list[float], list[str]]:
    doc = nlp(text)
    rejected: list = []
    found = find_quantities(doc, find_mentions(doc), [], K, rejected)
    return sorted(q.value for q in found), [r.reason for r in rejected]


def test_numbers_that_are_part_of_a_name_are_no_claims(nlp):
    values, reasons = _values_and_rejections(
        nlp,
        "Two Boeing 737 jets were grounded. The S&P 500 fell 2 percent. Fans crammed into "
        "Shed 3 for the rally.",
    )
    assert 737 not in values and 500 not in values and 3 not in values
    assert 2 in values
    assert "part of a name (model, version, road)" in reasons


def test_product_specifications_are_no_claims_but_measures_are(nlp):
    values, reasons = _values_and_rejections(
        nlp,
        "The 16-inch laptop has a 3.2 GHz chip and a 4,500 mAh battery. It sold 2 million "
        "units. Rain of 30 inches fell on the coast.",
    )
    assert values == [30, 2_000_000]
    assert reasons.count("product specification") == 3


def test_a_hyphenated_compound_is_one_counted_noun(nlp):
    (q,) = _claims(nlp, "The militia left behind four pick-ups near the river.")
    assert (q.what_head, q.kind) == ("pick-up", "vehicle")


def test_a_sum_after_its_currency_code_measures_the_noun_before(nlp):
    (q,) = _claims(nlp, "The nurses want a minimum monthly wage of KES 45,000 for every grade.")
    assert (q.unit, q.kind, q.per) == ("KES", "minimum wage", "month")


def test_a_share_of_a_sum_is_not_what_the_sum_measures(nlp):
    qs = _claims(nlp, "The offer is barely half of the KES 45,000 the nurses asked for.")
    (q,) = [q for q in qs if q.value == 45_000]
    assert q.kind != "half"


def test_toll_nouns_take_the_kind_their_modifier_names(nlp):
    (q,) = _claims(nlp, "Observers recorded at least six civilian deaths in the village.")
    assert q.kind == "civilian"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Nine dead, says Harbour Watch.", "harbour watch"),
        ("Twelve, says Mayor Ana Lobo, because a sailor died in hospital.", "lobo"),
    ],
)
def test_an_inverted_speech_verb_names_the_claimant(nlp, sentence, speaker):
    q = _claims(nlp, sentence)[0]
    assert speaker in q.claimant_text.lower()


def test_a_speech_verb_inside_a_quote_names_its_own_speaker(nlp):
    from storyline.models import LocalQuote

    text = (
        "The observers said 14 villagers had been killed, while the army maintains that"
        " no villagers died."
    )
    doc = nlp(text)
    quote = LocalQuote(
        kind="indirect",
        start=text.index("14 villagers"),
        end=len(text) - 1,
        text=text[text.index("14 villagers") : -1],
        speaker_text="The observers",
        speaker_cluster="c1",
    )
    by_value = {q.value: q for q in find_quantities(doc, [], [quote], K)}
    assert by_value[14].claimant_text == "The observers"
    assert "army" in by_value[0].claimant_text.lower()


def test_the_second_day_of_a_date_pair_is_no_claim(nlp):
    values, reasons = _values_and_rejections(
        nlp, "Monitors documented 14 deaths between March 3 and 5, and 40 arrests on May 2 and 6."
    )
    assert values == [14, 40]
    assert "date" in reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The quake measured 5. 8 on the scale.", "spaced decimal point"),
        ("The tablet weighs 2. 4 pounds.", "spaced decimal point"),
        ("Their new 2-in-1 Folding Stand ships soon.", "3-in-1"),
        ("The carrier ordered nine 350 Starliner jets.", "model number after a count"),
        ("The bug hits Browser versions 4, 5, and 6.", "model or version"),
        ("The Kestrel Pad 12 lineup arrives in May.", "name"),
        ("The new eReader 7 shipped in May.", "part of a name"),
        ("Falcons 5, Herons 2: Mia Lund scored twice.", "game score"),
        ("The Otters are 7-3-2 in their last twelve games.", "window of a sports record"),
        ("Dunmore have won four straight and seven of nine.", "window of a sports record"),
        ("Merging those three lenders will save money.", "back-reference"),
        ("As the first two prototypes were, it is quiet.", "back-reference"),
        ("After a pilot, a cook and a medic joined, the three left at dawn.", "back-reference"),
        ("The driver, of 4120 N. Maple Grove Road, was cited.", "street address"),
        ("It ships with a QX 410M graphics chip.", "designation after a code"),
        ("On the list of top exporters the firm was in position 7.", "rank or position"),
    ],
)
def test_numbers_that_name_specify_or_point_back_are_no_claims(nlp, text, reason):
    doc = nlp(text)
    rejected: list = []
    found = find_quantities(doc, find_mentions(doc), [], K, rejected)
    hit = [r for r in rejected if reason in r.reason]
    assert hit, [(r.text, r.reason) for r in rejected]
    assert not any(q.start == r.start for q in found for r in hit)


def test_real_counts_beside_those_rules_stay_claims(nlp):
    values, _ = _values_and_rejections(
        nlp, "In 2019, 300 people fled. The army lost four of its 20 helicopters."
    )
    assert values == [4, 20, 300]


def test_a_counted_noun_never_lies_past_a_comma(nlp):
    text = "The mayor said the crowd was over 9,000, three-quarters of the town."
    (q, share) = _claims(nlp, text)
    assert q.value == 9000 and q.what_head is None
    assert "-" not in (q.what or "") and share.unit == "share"


def test_a_phrase_never_starts_with_a_hyphen(nlp):
    (q,) = _claims(nlp, "A guard on the 40-man squad resigned.")
    assert not (q.what or "").startswith("-")


def test_a_change_measures_its_subject(nlp):
    by, _, _ = _claims(nlp, "Truancy rose by 12 percent, from 3.5 percent to 3.9 percent.")
    assert by.what == "change in truancy"  # the figure a change goes by is the change
    (top,) = _claims(nlp, "His approval topped 58 percent in March.")
    assert top.what == "approval"


def test_a_measure_word_is_not_what_is_measured(nlp):
    (q,) = _claims(nlp, "The plant had 2.1 GW of turbine capacity.")
    assert (q.unit, q.what) == ("gigawatts", "turbine capacity")
    lead, other = _claims(nlp, "Ruiz led Ortega 47 percent to 44 percent among voters.")
    assert (lead.value, lead.what) == (47, "Ruiz share among voters")
    assert (other.value, other.what) == (44, "Ortega share among voters")
    (q,) = _claims(nlp, "The flood burned more than 300 hectares.")
    assert q.what_head == "hectare"


def test_money_verbs_say_an_amount_is_earned(nlp):
    (q,) = _claims(nlp, "A night porter makes 40,000 naira in a good month.")
    assert q.predicate == "earned"
    (q,) = _claims(nlp, "The unit made 30 arrests last week.")
    assert q.predicate != "earned"


def test_a_headline_restates_the_body(nlp):
    doc = nlp("Storm passes after three days; four dead\n\nThe storm left four dead, police said.")
    rejected: list = []
    found = find_quantities(doc, find_mentions(doc), [], K, rejected)
    assert [q.start > 40 for q in found] == [True]
    assert sum(r.reason.startswith("headline") for r in rejected) >= 1


def test_a_count_before_a_model_number_counts_the_noun_after_it(nlp):
    (q,) = _claims(nlp, "The carrier ordered nine 350 Starliner jets.")
    assert (q.value, q.what) == (9, "Starliner jets")


def test_things_lost_are_destroyed(nlp):
    (q,) = _claims(nlp, "The council said 41 houses were lost in the blaze.")
    assert q.predicate == "destroyed"
    (q,) = _claims(nlp, "The brigade lost 12 soldiers in the ambush.")
    assert q.predicate == "killed"


def test_a_figure_glued_to_its_scale_takes_its_verb(nlp):
    (q,) = _claims(nlp, "The campaign said it had raised $48million by June.")
    assert q.predicate == "raised" and q.what == "amount raised"


def test_a_change_on_a_noun_measures_that_noun(nlp):
    low, _ = _claims(nlp, "The new panel has a brightness going from 500 to 600 units.")
    assert low.what_head is None and "brightness" in (low.what or "")


def test_a_table_bar_is_not_what_is_counted(nlp):
    qs = _claims(nlp, "| Pos | Player | Plays |\n| LB | Ada Moss | 61 | 98% |")
    assert all("|" not in (q.what or "") for q in qs)


def test_a_toll_noun_takes_its_verb_and_survivors_count_no_deaths(nlp):
    got = [
        (q.value, q.predicate)
        for q in _claims(
            nlp,
            "Four victims died and two victims were injured. The three victims were taken "
            "to a clinic, a nurse said.",
        )
    ]
    assert got == [(4, "killed"), (2, "injured"), (3, None)]


def test_a_speed_measures_what_reaches_it(nlp):
    got = [
        (q.value, q.unit, q.what)
        for q in _claims(nlp, "Gusts reached 75 mph as the storm came ashore.")
    ]
    assert got == [(75, "mph", "gust")]


def test_a_race_lead_is_named_for_who_leads_but_a_change_is_not(nlp):
    got = [
        (q.value, q.what)
        for q in _claims(nlp, "A new survey has Jones up by 3 in Iowa. Sales were up by 5 percent.")
    ]
    assert got == [(3, "Jones lead"), (5, None)]


def test_a_part_of_a_bare_set_counts_what_the_set_counts(nlp):
    got = [
        (q.value, q.what)
        for q in _claims(nlp, "Six climbers were stranded. Two of the six were flown out.")
    ]
    assert got[0] == (6, "climbers")
    assert got[1][0] == 2 and got[1][1].startswith("climbers")
