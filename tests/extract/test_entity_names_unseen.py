"""Names the tagger cuts or mistypes, read from the words around them: a body named by
its fields after a comma or an 'and', a body named after its place by 'of', a name in
apposition to a noun for a body, a river that shares a province's name, a small town's
name as the subject of a verb of speech, a statement's signatory."""

from __future__ import annotations

from storyline.extract.mentions import find_mentions


def _mentions(nlp, text: str) -> dict[str, str]:
    return {m.text: m.type for m in find_mentions(nlp(text))}


def test_a_ministry_named_by_its_fields_is_one_name(nlp) -> None:
    found = _mentions(
        nlp,
        "The Federal Ministry of Mines, Steel and Industry said on Monday that talks had "
        "failed. The Ministry of Foreign Affairs and International Cooperation agreed.",
    )
    assert found.get("Federal Ministry of Mines, Steel and Industry") == "ORG"
    assert found.get("Ministry of Foreign Affairs and International Cooperation") == "ORG"


def test_a_listed_field_is_never_a_place_or_a_second_body(nlp) -> None:
    found = _mentions(nlp, "The Ministry of Health and Oxfam agreed on the plan.")
    assert "Ministry of Health" in found and "Oxfam" in found


def test_a_body_named_after_its_place(nlp) -> None:
    found = _mentions(
        nlp,
        "The Diocese of Ebolowa said prayers would be held. The convoy was arranged by "
        "the Catholic diocese of Mbalmayo and the Red Cross.",
    )
    assert found.get("Diocese of Ebolowa") == "ORG"
    assert found.get("Catholic diocese of Mbalmayo") == "ORG"


def test_a_lower_case_description_is_no_name(nlp) -> None:
    found = _mentions(nlp, "Officials from the diocese of Ebolowa attended the burial.")
    assert "diocese of Ebolowa" not in found


def test_a_name_in_apposition_to_a_body_noun_is_that_body(nlp) -> None:
    found = _mentions(
        nlp,
        "The doctors' union, Zdrowie Razem, told a local daily that the figure was higher. "
        "The terminal operator, Lagoon Bulk and Container Terminals, says pay is fair. "
        "The engineers were taken, according to their employer, Ingenieros Petroleros "
        "Unidos S.A.S.",
    )
    assert found.get("Zdrowie Razem") == "ORG"
    assert found.get("Lagoon Bulk and Container Terminals") == "ORG"
    assert found.get("Ingenieros Petroleros Unidos S.A.S.") == "ORG"


def test_a_person_the_tagger_named_whole_stays_a_person(nlp) -> None:
    found = _mentions(nlp, "Staff of the firm John Smith hired were questioned.")
    assert found.get("John Smith") == "PERSON"


def test_a_river_that_shares_a_provinces_name(nlp) -> None:
    found = _mentions(
        nlp, "The town lies on the Ouham river. Pines grow between the Zêzere river and the hills."
    )
    assert found.get("Ouham river") == "LOC"  # the province is Ouham: the river is apart
    assert found.get("Zêzere") == "LOC"  # no place of that name: the name alone


def test_a_small_towns_name_that_speaks_is_a_person(nlp) -> None:
    found = _mentions(nlp, "Hamer told reporters he was leaving. Moscow said it would respond.")
    assert found.get("Hamer") == "PERSON"
    assert found.get("Moscow") == "ORG"  # a capital speaking is its government


def test_a_signatory_under_an_office_line(nlp) -> None:
    text = (
        "Crews worked through the night near the village.\n\nCarnaxide, 6 August 2025\n\n"
        "The National Commander of Emergency and Civil Protection\n\nMário Brás Antunes"
    )
    mentions = find_mentions(nlp(text))
    found = {m.text: m for m in mentions}
    assert found["Mário Brás Antunes"].type == "PERSON"
    assert "National Commander" in (found["Mário Brás Antunes"].role or "")
    assert "National Commander of Emergency and Civil Protection" not in found


def test_a_body_cut_at_for_and_a_bloc_glued_to_its_members(nlp) -> None:
    found = _mentions(
        nlp,
        "The Agency for International Development said the grant was approved. Six members "
        "voted with the Joint Opposition MPs on Friday. The Minister for Foreign Affairs "
        "spoke first.",
    )
    assert found.get("Agency for International Development") == "ORG"
    assert found.get("Joint Opposition") == "ORG"
    assert "Joint Opposition MPs" not in found
    assert "Minister for Foreign Affairs" not in found  # an office, not a body


def test_a_name_typed_once_is_the_same_entity_where_the_tagger_missed_it(nlp) -> None:
    # the tagger labels the subject 'The IRMF says' and misses the object of 'blames'
    text = (
        "The mayor blames the IRMF for firebreaks that were not cleared. "
        "The IRMF says it cleared them."
    )
    found = [m for m in find_mentions(nlp(text)) if m.text == "IRMF"]
    assert len(found) == 2
    assert {(m.type, m.cluster) for m in found} == {("ORG", found[0].cluster)}


def test_a_name_ends_where_the_clause_begins(nlp) -> None:
    found = _mentions(
        nlp,
        "The nurses union holds the Ministry of Health responsible for years of neglect.",
    )
    assert "Ministry of Health" in found
    assert not any("responsible" in name for name in found)


def test_a_role_noun_qualified_before_the_name_is_the_persons_role(nlp) -> None:
    mentions = find_mentions(
        nlp("The mayor of Vilar, Joana Pires Mota, pointed to a different culprit.")
    )
    person = next(m for m in mentions if m.type == "PERSON")
    assert person.text == "Joana Pires Mota"
    assert person.role == "The mayor of Vilar"


def test_a_body_in_apposition_keeps_what_the_text_calls_it(nlp) -> None:
    mentions = find_mentions(
        nlp("The doctors' union, Medica Unita, told reporters the figure was higher.")
    )
    body = next(m for m in mentions if m.text == "Medica Unita")
    assert body.type == "ORG"
    assert body.role == "doctors' union"


def test_a_capitalised_dateline_is_one_place_and_its_credit_no_alias(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "ST. LOUIS (AP) -- Police in St. Louis closed the road.\n\n"
            "SEOUL, South Korea (CNN) -- North Korea fired two missiles on Friday."
        )
    )
    found = {m.text: m for m in mentions}
    assert "ST. LOUIS" in found and "ST" not in found and "LOUIS" not in found
    assert found["ST. LOUIS"].cluster == found["St. Louis"].cluster
    assert "CNN" not in found or found["CNN"].cluster != found["South Korea"].cluster


def test_a_titled_given_name_takes_the_surname_the_tagger_cut_off(nlp) -> None:
    found = _mentions(nlp, "The council met. Dr. Ana Reyes spoke.")
    assert found.get("Ana Reyes") == "PERSON"
    assert "Reyes" not in found


def test_an_acronym_in_brackets_before_a_dash_mid_line_is_still_the_bodys(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "The Tarno Patriotic Alliance (TPA) - better known by its French initials - "
            "took the town."
        )
    )
    found = {m.text: m.cluster for m in mentions}
    assert found.get("TPA") == found.get("Tarno Patriotic Alliance")
