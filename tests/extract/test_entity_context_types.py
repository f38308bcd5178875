"""Types settled by the words around a name, where the tagger's label alone is wrong: a
dateline's place, an island after a fronted 'On', a business named with a possessive,
storms listed after 'hurricanes', streets of an intersection, subjects and degrees, a
common noun's abbreviation, a product's plan, a city listed beside a club, events named
'… Day', a child named by age, a song's title, a place name the tagger split in two."""

from __future__ import annotations

from storyline.extract.mentions import _runs, find_mentions


def _mentions(nlp, text: str) -> dict[str, str]:
    return {m.text: m.type for m in find_mentions(nlp(text))}


def test_a_dateline_place_is_a_place_wherever_it_recurs(nlp) -> None:
    text = (
        "DURBAN, South Africa (WXYZ) - The mayor said on Monday that a 40-year-old Durban "
        "man had been arrested after the flooding."
    )
    mentions = find_mentions(nlp(text))
    types = {m.type for m in mentions if m.text.lower() == "durban"}
    assert types == {"GPE"}
    assert all(m.name == "Durban" for m in mentions if m.text.lower() == "durban")


def test_an_island_after_a_fronted_on_is_a_place(nlp) -> None:
    found = _mentions(
        nlp, "Jobs are scarce. On Nihoa, home to Palikea and two bases, the population fell."
    )
    assert found.get("Nihoa") in {"LOC", "GPE", None}


def test_a_name_with_a_possessive_and_a_plural_noun_is_a_business(nlp) -> None:
    found = _mentions(
        nlp, "Dana Whitlow, of Whitlow Farms and Dana's Bakeries, shared her tips on Friday."
    )
    assert found.get("Dana's Bakeries") in {"ORG", None}


def test_names_listed_after_hurricanes_are_storms(nlp) -> None:
    found = _mentions(
        nlp,
        "The season ended with three major hurricanes striking the coast: Odalys, Brandt "
        "and Cleo. Of these storms, Norvale University predicts more.",
    )
    assert all(found.get(n) in {"EVENT", None} for n in ("Odalys", "Brandt", "Cleo"))


def test_streets_of_an_intersection_are_no_towns(nlp) -> None:
    found = _mentions(
        nlp, "The old building overlooking the Toulouse/Baronne intersection was a church."
    )
    assert found.get("Toulouse") is None and found.get("Baronne") is None


def test_subjects_of_a_degree_and_degrees_are_no_bodies(nlp) -> None:
    found = _mentions(
        nlp,
        "Mara Quist received degrees in History and Political Science from a college in "
        "Ohio. This year 40 graduates were awarded an MPH and 12 an MBA.",
    )
    assert "History and Political Science" not in found
    assert "MPH" not in found and "MBA" not in found


def test_a_common_nouns_abbreviation_is_no_body(nlp) -> None:
    found = _mentions(
        nlp,
        "The agency said that solar photovoltaics (PV) grew by 30 percent last year, while "
        "the International Energy Agency (IEA) was more cautious.",
    )
    assert "PV" not in found
    assert found.get("International Energy Agency") == "ORG"


def test_a_firms_plan_is_no_body(nlp) -> None:
    found = _mentions(
        nlp,
        "Shares in Quillbox rose on Monday. Quillbox Professional subscribers get the feature "
        "first, the company said.",
    )
    assert "Quillbox" in found
    assert "Quillbox Professional" not in found


def test_a_city_listed_beside_a_club_is_the_club(nlp) -> None:
    found = _mentions(
        nlp, "Most fans in the village support either Real Oviedo or Sevilla, he said."
    )
    assert found.get("Sevilla") in {"ORG", None}
    found = _mentions(nlp, "Trade between the United States and Mexico grew last year.")
    assert found.get("Mexico") == "GPE"


def test_a_name_ending_in_day_or_festival_is_an_event(nlp) -> None:
    found = _mentions(
        nlp, "New to the show this year is the Harbour Fintech Day, a session for banks."
    )
    assert found.get("Harbour Fintech Day") == "EVENT"


def test_a_child_named_by_age_is_a_person_throughout(nlp) -> None:
    found = {
        (m.start, m.type)
        for m in find_mentions(
            nlp(
                "Her mother pays for Tilda's medicine every month. 8-year old Tilda has a "
                "rare form of epilepsy."
            )
        )
    }
    assert {t for _, t in found} == {"PERSON"}


def test_a_songs_title_is_no_place(nlp) -> None:
    found = _mentions(
        nlp,
        "The singer was at her best when she sang Nobody Has Seen The Rain on the last "
        "night of the tour in Lisbon.",
    )
    assert not any("Rain" in k for k in found)
    assert found.get("Lisbon") == "GPE"


def test_a_place_name_split_by_the_tagger_is_one_place(nlp) -> None:
    found = _mentions(
        nlp, "Thousands have crossed the border and are living in Boa Vista, the capital."
    )
    assert "Vista" not in found


def test_a_role_noun_before_a_name_makes_it_a_person(nlp) -> None:
    found = _mentions(nlp, "Club treasurer Arvind Kholi said on Twitter that the sum was a record.")
    assert found.get("Arvind Kholi") == "PERSON"


def test_a_model_letter_after_a_name_makes_it_a_model(nlp) -> None:
    found = _mentions(
        nlp,
        "Young driver Leo Brandt gets a Ridgeway Racing Honda Civic Type R (pictured) next year.",
    )
    assert found.get("Leo Brandt") == "PERSON"
    assert "Civic Type" not in found


def test_a_word_opening_a_firms_longer_name_is_the_firm(nlp) -> None:
    found = _mentions(
        nlp, "Alfa is back: the Alfa Romeo Dealer Network will fund two cars in the series."
    )
    assert found.get("Alfa") == "ORG"


def test_an_office_named_by_titles_is_no_body(nlp) -> None:
    found = _mentions(
        nlp,
        "He acted on the directive of the Inspector General of Police which told residents "
        "to hand in weapons.",
    )
    assert "Inspector General of Police" not in found


def test_a_body_named_across_a_bracketed_state(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "The Orvale County (Ga.) Sheriff's Office is asking for help. The Orvale County "
            "Sheriff's Office said two men escaped."
        )
    )
    names = {m.text: m.name for m in mentions}
    assert names.get("Orvale County (Ga.) Sheriff's Office") == "Orvale County Sheriff's Office"
    assert "Ga." not in names


def test_a_scheme_is_no_body(nlp) -> None:
    found = _mentions(
        nlp,
        "Half of the applicants are in the Rent Support Scheme (RSS), the council said. "
        "The Housing Agency will review it. The RSS pays most of the rent.",
    )
    assert "Rent Support Scheme" not in found and "RSS" not in found
    assert found.get("Housing Agency") == "ORG"


def test_a_code_among_roads_is_a_road(nlp) -> None:
    found = _mentions(
        nlp,
        "Drivers face a long diversion via the B436, B40 and B429 while the bridge is "
        "repaired, Orvale Council said.",
    )
    assert all(found.get(code) in {"FACILITY", None} for code in ("B436", "B40", "B429"))


def test_an_ampersand_abbreviation_of_a_place_named_in_full(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "The position taken by Antigua and Barbuda surprised the delegates. The A&B "
            "mission in Geneva asked for a fee waiver on Tuesday."
        )
    )
    short = [m for m in mentions if m.text == "A&B"]
    assert all(m.type == "GPE" and m.name == "Antigua and Barbuda" for m in short)


def test_a_strategy_a_budget_and_a_coverage_heading_are_no_bodies(nlp) -> None:
    found = _mentions(
        nlp,
        "The carriers want the Commission to adopt a new European Rail Strategy before the "
        "summer. Read more: Wind Farms Win Big in Norway's Federal Budget — Now What? The "
        "ministers spoke. MORE COLLEGE HOCKEY COVERAGE: The Orvale Transport Agency said "
        "nothing.",
    )
    assert "European Rail Strategy" not in found
    assert "Federal Budget" not in found
    assert "COLLEGE HOCKEY COVERAGE" not in found
    assert found.get("Norway") == "GPE"
    assert found.get("Orvale Transport Agency") == "ORG"


def test_a_tagged_span_is_cut_at_and_the(nlp) -> None:
    doc = nlp("Passes are sold through Tixly and the Orvale Lakes Fest website.")
    start = next(t.i for t in doc if t.text == "Tixly")
    end = next(t.i for t in doc if t.text == "Fest") + 1
    pieces = [doc[s:e].text for s, e in _runs(list(range(start, end)), doc)]
    assert pieces == ["Tixly", "the Orvale Lakes Fest"]


def test_a_mission_and_a_ministry_are_not_one_body(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "There was communication between the Ottawa mission and the ministry in Lagos "
            "on the position. The Romanian foreign ministry said nothing."
        )
    )
    texts = {m.text for m in mentions}
    assert not any("mission and the ministry" in t for t in texts)
    assert "Romanian foreign ministry" in texts


def test_a_first_name_after_a_listed_full_name_takes_no_surname(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "And while Silver Brook, Larkhaven and Omar bin Rashed all won again, it was "
            "a dream for him. David and Jodi Mahler spoke on Friday."
        )
    )
    names = {m.text: m.name for m in mentions}
    assert names.get("Larkhaven") in {"Larkhaven", None}
    assert names.get("David") == "David Mahler"


def test_a_saint_a_possessive_and_a_church_word_are_one_building(nlp) -> None:
    found = _mentions(
        nlp,
        "The bishop led the Easter service in St. Mark's Basilica, where he baptized eight "
        "adults. The choir sang at Saint Brigid's Church in Orvale on Friday.",
    )
    assert found.get("St. Mark's Basilica") == "FACILITY"
    assert found.get("Saint Brigid's Church") == "FACILITY"
    assert "Basilica" not in found


def test_a_country_tagged_as_a_body_is_the_country(nlp) -> None:
    found = _mentions(
        nlp,
        "The envoy met the chair of the Senate (Chile’s upper house), Rosa Vidal, on Monday.",
    )
    assert found.get("Chile") == "GPE"
    assert found.get("Rosa Vidal") == "PERSON"


def test_an_outlet_run_into_a_surname_is_the_outlet_and_the_person(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "Marta Quill’s first mistake was to flee, the paper reported. Harbour Times "
            "Quill was detained on Friday."
        )
    )
    found = {m.text: (m.type, m.name) for m in mentions}
    assert "Harbour Times Quill" not in found
    assert found.get("Harbour Times", ("ORG",))[0] == "ORG"
    assert [m.name for m in mentions if m.text == "Quill"] == ["Marta Quill"]


def test_a_plural_name_after_a_direction_of_the_is_a_range(nlp) -> None:
    found = _mentions(
        nlp, "In 1840 the canal became the first to open its locks west of the Appalachians."
    )
    assert found.get("Appalachians") in {"LOC", None}
    found = _mentions(nlp, "The plant is just south of the Teamsters headquarters.")
    assert found.get("Teamsters") in {"ORG", None}
