"""Entity types: platforms, demonyms and organisation names are no people; a several-word
populated place tagged as a person or an organisation is a place."""

from __future__ import annotations

from storyline.extract.mentions import find_mentions


def _types(nlp, text: str) -> dict[str, str]:
    return {m.text: m.type for m in find_mentions(nlp(text))}


def test_platforms_and_demonyms_are_not_people(nlp) -> None:
    types = _types(
        nlp,
        "The minister posted the statement on Twitter on Monday. An Uzbek trader said "
        "prices had doubled, and Telegram channels shared the video.",
    )
    assert types.get("Twitter") in (None, "ORG")
    assert types.get("Uzbek") != "PERSON"
    assert types.get("Telegram") != "PERSON"


def test_names_with_organisation_words_are_organisations(nlp) -> None:
    types = _types(
        nlp,
        "Fighters of the Ndele Patriotic Rally entered the town, and analysts at Danube "
        "Threat Intelligence said the attack had been planned for weeks.",
    )
    assert types.get("Ndele Patriotic Rally") != "PERSON"
    assert types.get("Danube Threat Intelligence") != "PERSON"


def test_several_word_towns_are_places(nlp) -> None:
    types = _types(
        nlp,
        "The fire reached the hills on Monday, and crews from Figueira da Foz were sent to help.",
    )
    assert types.get("Figueira da Foz") == "GPE"


def test_name_after_a_role_apposition_is_a_person(nlp) -> None:
    types = _types(
        nlp,
        "Its spokesman, Tiberius Ngandolo, said by telephone that the fighters had left "
        "the town overnight.",
    )
    assert types.get("Tiberius Ngandolo") == "PERSON"


def test_organisation_words_of_other_languages(nlp) -> None:
    types = _types(
        nlp,
        "A spokesman for the Ejército Nacional said the road was open, and the daily "
        "Noticias Hoy reported that traffic had resumed.",
    )
    assert types.get("Ejército Nacional") != "PERSON"
    assert types.get("Noticias Hoy") != "PERSON"


def test_hospital_and_camp_names_are_facilities(nlp) -> None:
    types = _types(
        nlp,
        "The wounded were taken to Braga University Hospital, and the families moved to "
        "the Kakuma Refugee Camp. The Braga Hospital Foundation paid for the buses.",
    )
    assert types.get("Braga University Hospital") == "FACILITY"
    assert types.get("Braga Hospital Foundation") != "FACILITY"


def test_operation_names_are_events_not_people(nlp) -> None:
    types = _types(
        nlp, "The offensive, which the army calls Operation Lobaye Thunder, began on Tuesday."
    )
    assert {t for name, t in types.items() if "Lobaye" in name} == {"EVENT"}


def test_lowercase_common_nouns_are_no_names(nlp) -> None:
    # the tagger may call 'navy' an ORG; without a capital it is a word, not an entity
    types = _types(nlp, "The sweep, which the navy calls Operation Mbomou Dawn, began on Monday.")
    assert "navy" not in types
    assert types.get("Operation Mbomou Dawn") == "EVENT"


def test_hyphenated_surname_alone_is_the_person(nlp) -> None:
    found = find_mentions(
        nlp(
            "Amina Yangongo-Wali, the interior minister, spoke on Monday. Later, "
            "Yangongo-Wali said troops had been sent."
        )
    )
    alone = [m for m in found if m.text == "Yangongo-Wali"]
    assert alone and all(m.type == "PERSON" for m in alone)
    assert {m.cluster for m in found if "Yangongo" in m.text} == {alone[0].cluster}


def test_a_demonym_before_a_government_word_is_that_government(nlp) -> None:
    found = find_mentions(
        nlp("Ukrainian authorities said on Friday that the Moldovan leadership had refused.")
    )
    by_text = {m.text: m for m in found}
    assert by_text["Moldovan leadership"].type == "ORG"
    assert by_text["Moldovan leadership"].stands_for == "Moldova"
    assert by_text["Ukrainian authorities"].stands_for == "Ukraine"


def test_a_dateline_capital_is_no_government(nlp) -> None:
    found = find_mentions(nlp("KYIV, May 2 - The talks ended without a deal on Friday."))
    assert all(m.stands_for is None for m in found if m.text == "KYIV")


def test_a_capital_under_another_name_before_authorities_is_the_government(nlp) -> None:
    found = find_mentions(
        nlp("Moscow rejected the accusations made by the Kishinev authorities on Friday.")
    )
    govs = [m for m in found if m.text == "Kishinev authorities"]
    assert govs and govs[0].stands_for == "Moldova"


def test_an_actor_name_run_into_a_longer_name_is_that_body(nlp) -> None:
    found = find_mentions(
        nlp(
            "Bangui - The United Nations Multidimensional Integrated Peace Mission in the "
            "Central African Republic (MIPCAR) takes note of the return. MIPCAR said it "
            "would help."
        )
    )
    by_text = {m.text: m for m in found}
    body = by_text["United Nations Multidimensional Integrated Peace Mission"]
    assert body.actor_id is None
    # the acronym after '… in the <country>' is the body's, not the country's
    assert {m.cluster for m in found if m.text == "MIPCAR"} == {body.cluster}


def test_an_outlet_the_tagger_calls_a_facility_is_an_organisation(nlp) -> None:
    found = find_mentions(
        nlp(
            "Soldiers entered the town at dawn, army spokesman Major Tunde Bello told "
            "Horizon Wire. Coimbra University Hospital took in the wounded."
        )
    )
    types = {m.text: m.type for m in found}
    assert types.get("Horizon Wire") == "ORG"
    assert types.get("Coimbra University Hospital") in ("FACILITY", None)


def test_a_surname_the_tagger_calls_a_place_is_the_person_when_no_place_has_it(nlp) -> None:
    found = find_mentions(
        nlp(
            "Soldiers entered the town at dawn, army spokesman Lieutenant-Colonel Steve "
            'Ndokombri told Horizon Wire. "The bandits ran away as soon as they saw our '
            'columns," Ndokombri said. "These are the usual lies of a defeated group," said '
            "Ndokombri."
        )
    )
    alone = [m for m in found if m.text == "Ndokombri"]
    assert alone and all(m.type == "PERSON" for m in alone)


def test_an_organisation_word_counts_with_or_without_its_accent(nlp) -> None:
    types = _types(nlp, "The mayor told Rádio Beira FM that the fire was out.")
    assert {t for name, t in types.items() if "Beira" in name} <= {"ORG"}
    assert types.get("FM") in (None, "ORG")


def test_hyphenated_place_with_particles_is_one_place(nlp) -> None:
    types = _types(
        nlp,
        "Smoke drifted over Castelo de Vide and Proença-a-Nova, and buses left "
        "Stratford-upon-Avon for the coast.",
    )
    assert types.get("Proença-a-Nova") == "GPE"
    assert types.get("Stratford-upon-Avon") == "GPE"
    assert "Proença" not in types


def test_name_after_a_place_noun_and_of_is_a_place(nlp) -> None:
    types = _types(
        nlp,
        "Shells hit the hamlet of Rio Escuro on Friday, and two barns burned in the "
        "parish of Vale do Souto.",
    )
    assert types.get("Rio Escuro") == "GPE"
    assert types.get("Vale do Souto") == "GPE"


def test_later_names_of_a_place_list_share_its_locative(nlp) -> None:
    types = _types(nlp, "Pharmacies in Orhei, Cahul and Ungheni ran out of insulin.")
    assert types.get("Cahul") == "GPE"
    assert types.get("Ungheni") == "GPE"


def test_signature_line_names_a_place(nlp) -> None:
    types = _types(nlp, "The agency thanks the volunteers.\n\nOeiras, 14 May 2024\n")
    assert types.get("Oeiras") == "GPE"


def test_division_after_a_locative_is_a_place(nlp) -> None:
    types = _types(nlp, "The senator, who comes from Norte de Santander, spoke on Monday.")
    assert types.get("Norte de Santander") == "GPE"


def test_honorific_makes_a_town_name_a_person(nlp) -> None:
    types = _types(nlp, "Mr. Baker told the court that Dr Lincoln had left early.")
    assert types.get("Baker") == "PERSON"
    assert types.get("Lincoln") == "PERSON"


def test_division_word_is_kept_in_the_mention_not_the_name(nlp) -> None:
    mentions = {m.text: m for m in find_mentions(nlp("Rebels gathered in the Ouham prefecture."))}
    assert mentions["Ouham prefecture"].name == "Ouham"
    # a division word that modifies a later noun stays outside
    texts = {m.text for m in find_mentions(nlp("The Texas state legislature met in Austin."))}
    assert "Texas" in texts and "Texas state" not in texts


def test_spaced_particles_join_one_name(nlp) -> None:
    types = _types(nlp, "Two men died in the parish of Cernache do Bonjardim on Sunday.")
    assert types.get("Cernache do Bonjardim") == "GPE"
    assert "Bonjardim" not in types


def test_containing_place_is_kept_on_the_mention(nlp) -> None:
    mentions = find_mentions(
        nlp("The fire began near the village of Penhas, in the municipality of Oleiros.")
    )
    within = {m.text: m.within for m in mentions}
    assert within["Penhas"] == "Oleiros"
    assert within["Oleiros"] is None


def test_facility_is_kept_in_its_town(nlp) -> None:
    text = (
        "Staff at the Okonjo Memorial Hospital in Kisumu said power had failed. The injured "
        "were flown to Eldoret, where they were treated at the Moi Teaching Hospital."
    )
    within = {m.text: m.within for m in find_mentions(nlp(text))}
    assert within.get("Okonjo Memorial Hospital") == "Kisumu"
    assert within.get("Moi Teaching Hospital") == "Eldoret"


def test_towns_at_the_ends_of_a_route_are_two_places(nlp) -> None:
    types = _types(
        nlp, "Trucks queued along the Lagos-Ibadan expressway near the Rolls-Royce line."
    )
    assert types.get("Lagos") == "GPE" and types.get("Ibadan") == "GPE"
    assert "Lagos-Ibadan" not in types
    assert types.get("Rolls-Royce") != "GPE"  # no towns: one name


def test_natural_features_are_locations_not_people(nlp) -> None:
    types = _types(
        nlp,
        "Firebreaks on the Serra da Lousã were never cleared. Hikers camped below "
        "Mount Elgon, and smoke rose over the Lousã by noon.",
    )
    assert types.get("Serra da Lousã") == "LOC"
    assert types.get("Mount Elgon") == "LOC"
    assert types.get("Lousã") != "PERSON"


def test_names_of_bodies_are_not_people(nlp) -> None:
    types = _types(
        nlp,
        "In 2013 the Mbeki rebel coalition seized the capital. The attack used tools "
        "of the group known as Silver Heron, analysts said.",
    )
    assert types.get("Mbeki") != "PERSON"
    assert types.get("Silver Heron") != "PERSON"


def test_acronym_initials_join_a_name_cut_at_and(nlp) -> None:
    mentions = find_mentions(
        nlp("Pickets blocked the depot run by Kaduna Grain and Storage Holdings Ltd (KGSH).")
    )
    assert "Kaduna Grain and Storage Holdings Ltd" in {m.text for m in mentions}


def test_rank_with_de_before_a_hyphenated_name(nlp) -> None:
    mentions = find_mentions(nlp("Général de Brigade Jean-Marc Ndoubé said the road was open."))
    people = {m.text: m for m in mentions if m.type == "PERSON"}
    assert "Jean-Marc Ndoubé" in people


def test_government_of_a_country_by_its_official_name(nlp) -> None:
    mentions = find_mentions(
        nlp("The Government of the Republic of Moldova said the Moldovan government would act.")
    )
    assert {m.actor_id for m in mentions if "overnment" in m.text} == {"gov-md"}


def test_a_first_name_alone_is_the_one_person_of_that_name(nlp) -> None:
    mentions = find_mentions(
        nlp("Barry Okoro, a farmer, lost his barn. Barry said the fire came fast.")
    )
    people = {m.text: m.cluster for m in mentions if m.type == "PERSON"}
    assert people.get("Barry") == people["Barry Okoro"]
    # two people share it: no one's, and a town after 'to' stays a town
    types = _types(nlp, "Barry Okoro moved to Barry last year.")
    assert types.get("Barry") == "GPE"


def test_unknown_names_named_as_companies_are_organisations(nlp) -> None:
    types = _types(
        nlp,
        "Shares in Wavepiston rose after Wavepiston signed a deal. The exploration firm "
        "Tarvex said output fell at its mine near Kestelund.",
    )
    assert types.get("Wavepiston") == "ORG"
    assert types.get("Tarvex") == "ORG"


def _clusters(nlp, text: str) -> dict[str, str]:
    return {m.text: m.cluster for m in find_mentions(nlp(text))}


def test_an_acronym_in_brackets_is_a_name_of_the_body_before_it(nlp) -> None:
    clusters = _clusters(
        nlp,
        "The Tarno Patriotic Alliance (TPA) said on Monday that it had seized the bridge.",
    )
    assert clusters.get("TPA") == clusters["Tarno Patriotic Alliance"]


def test_a_translation_and_an_acronym_in_brackets_are_names_of_the_body(nlp) -> None:
    clusters = _clusters(
        nlp,
        "The Southern River Guard (Guardia Fluvial del Sur, GFS), which patrols the delta, "
        "said it had found the boat.",
    )
    body = clusters["Southern River Guard"]
    assert clusters.get("Guardia Fluvial del Sur") == body
    assert clusters.get("GFS") == body


def test_an_acronym_after_a_body_in_a_country_abbreviates_the_body(nlp) -> None:
    clusters = _clusters(
        nlp,
        "The United Nations Stabilization Mission in the Central African Republic (MINUSTAB) "
        "sent a patrol.",
    )
    assert clusters.get("MINUSTAB") != clusters.get("Central African Republic")


def test_a_credit_in_brackets_after_a_dateline_is_no_name_of_the_place(nlp) -> None:
    clusters = _clusters(nlp, "NAIROBI (KNA) - Police said on Monday that the road was open.")
    assert clusters.get("KNA") is None or clusters.get("KNA") != clusters.get("NAIROBI")


def test_a_demonym_before_a_state_body_in_lower_case_is_that_body(nlp) -> None:
    types = _types(
        nlp,
        "The Romanian foreign ministry condemned the attack, and the Moldovan health "
        "ministry said that hospitals were coping.",
    )
    assert types.get("Romanian foreign ministry") == "ORG"
    assert types.get("Moldovan health ministry") == "ORG"


def test_a_two_word_demonym_before_government_is_that_government(nlp) -> None:
    mentions = find_mentions(nlp("The Central African government says four soldiers died."))
    [gov] = [m for m in mentions if m.text == "Central African government"]
    assert gov.name.startswith("Government of") and "Central African" in gov.name


def test_an_actor_after_another_countrys_demonym_is_that_countrys_body(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "Meals came with the support of the Portuguese Red Cross. The Colombian Ministry "
            "of Defence said the men were members of the group."
        )
    )
    by_text = {m.text: m for m in mentions}
    assert by_text["Portuguese Red Cross"].actor_id is None
    assert by_text["Colombian Ministry of Defence"].actor_id is None


def test_an_acronym_in_brackets_before_a_dash_mid_sentence_is_still_the_bodys(nlp) -> None:
    clusters = _clusters(
        nlp,
        "Fighters of the Tarno Patriotic Alliance (TPA) - better known by another name - "
        "entered the town.",
    )
    assert clusters.get("TPA") == clusters["Tarno Patriotic Alliance"]


def test_an_ombudsman_is_a_role(nlp) -> None:
    mentions = find_mentions(nlp("The ombudsman, Halima Sesay, said the inquiry would resume."))
    [person] = [m for m in mentions if m.text == "Halima Sesay"]
    assert person.type == "PERSON" and "ombudsman" in (person.role or "")


def test_a_title_and_the_documents_surname_is_the_person_not_a_body(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "General Oscar Ivan Renteria, the commander of the task force, told reporters the "
            "town was calm. General Renteria said on March 5 that the group wanted money."
        )
    )
    clusters = {m.cluster for m in mentions if m.text.endswith("Renteria")}
    assert len(clusters) == 1 and all(
        m.type == "PERSON" for m in mentions if m.text.endswith("Renteria")
    )


def test_a_documents_surname_that_is_also_a_town_is_the_person_as_subject(nlp) -> None:
    mentions = find_mentions(
        nlp("Pedro Rentería was born in Spain. Rentería said he had moved to Rentería in 1990.")
    )
    kinds = [(m.text, m.type) for m in mentions if m.text == "Rentería"]
    assert kinds == [("Rentería", "PERSON"), ("Rentería", "GPE")], kinds


def test_titles_of_works_are_no_entities(nlp) -> None:
    texts = {m.text for m in find_mentions(nlp(
        "Two islanders star in the reality TV series \u201cBelow Deck Harbour.\u201d The "
        "professor launched his book, Transforming the Coastal Service, on Monday. A "
        "report by Amnesty International followed."
    ))}  # fmt: skip
    assert not texts & {"Below Deck Harbour", "Transforming", "Coastal Service"}, texts
    assert "Amnesty International" in texts


def test_a_title_inside_a_tagged_body_starts_a_person(nlp) -> None:
    mentions = find_mentions(nlp("The tax was rejected by Tarnland Premier Ivo Brask on Monday."))
    [person] = [m for m in mentions if m.type == "PERSON"]
    assert person.text == "Ivo Brask" and "Premier" in (person.role or "")


def test_capitalised_job_title_words_after_a_person_are_no_body(nlp) -> None:
    texts = {m.text for m in find_mentions(nlp(
        "Ana Ruiz, International Market Development Director of Verdant Crop AG, said "
        "sales rose."
    ))}  # fmt: skip
    assert "International Market Development" not in texts
    assert "Ana Ruiz" in texts


def test_first_names_before_and_a_full_name_share_its_surname(nlp) -> None:
    mentions = find_mentions(nlp(
        "The inquiry reopened the deaths of Helen, Clarence and Randy Kunz. In 2016, David "
        "and Jodi Mahler of Bellmore appeared on the show. Jane Smith spoke first; Smith and "
        "John Brown said it was over."
    ))  # fmt: skip
    names = {m.text: (m.type, m.name) for m in mentions}
    assert names["Helen"] == ("PERSON", "Helen Kunz")
    assert names["Clarence"] == ("PERSON", "Clarence Kunz")
    assert names["David"] == ("PERSON", "David Mahler")
    assert all(m.name != "Smith Brown" for m in mentions)


def test_a_mall_or_a_casino_is_a_facility(nlp) -> None:
    types = _types(
        nlp,
        "Shoppers filled the Westgate Mall of Nairobi on Saturday. He opens a residency at "
        "Caesar's Palace in June.",
    )
    assert types.get("Westgate Mall of Nairobi") == "FACILITY"
    assert types.get("Caesar's Palace") == "FACILITY"


def test_a_name_after_a_kinship_noun_or_an_age_is_a_person(nlp) -> None:
    types = _types(
        nlp,
        "He also has a 3-year-old son, Sebastian. The singer, mother to two-year-old Leo "
        "Thames Newman, was outside. Her husband Tarvo Holdings said nothing.",
    )
    assert types.get("Sebastian") == "PERSON"
    assert types.get("Leo Thames Newman") == "PERSON"
    assert types.get("Tarvo Holdings") == "ORG"


def test_a_legal_form_after_a_comma_belongs_to_the_company(nlp) -> None:
    mentions = find_mentions(
        nlp("The law firm Dimond Kaplan & Rothstein, P.A. is reviewing another claim.")
    )
    assert [(m.text, m.type) for m in mentions] == [("Dimond Kaplan & Rothstein, P.A.", "ORG")]


def test_a_name_never_ends_in_of(nlp) -> None:
    texts = {m.text for m in find_mentions(nlp("The News & Observer of Raleigh reported it."))}
    assert not any(t.endswith(" of") for t in texts), texts


def test_one_letter_and_one_word_for_a_kind_of_body_are_no_entities(nlp) -> None:
    texts = {
        m.text
        for m in find_mentions(
            nlp("Senator Ann Brown (D) said the Company and the House would back the bill.")
        )
    }
    assert texts == {"Ann Brown"}, texts


def test_a_storms_bare_name_after_its_full_name_is_the_storm(nlp) -> None:
    mentions = find_mentions(
        nlp("Hurricane Florence hit the coast on Friday. Florence then weakened over land.")
    )
    assert [(m.text, m.type) for m in mentions] == [
        ("Hurricane Florence", "EVENT"),
        ("Florence", "EVENT"),
    ]


def test_two_names_joined_by_and_that_name_a_country_are_that_country(nlp) -> None:
    types = _types(nlp, "Trinidad and Tobago won the match, and France and Germany agreed.")
    assert types.get("Trinidad and Tobago") == "GPE"
    assert types.get("France") == "GPE" and types.get("Germany") == "GPE"


def test_one_word_for_a_kind_of_body_is_the_one_body_named_so(nlp) -> None:
    mentions = find_mentions(
        nlp(
            "The Ndele Liberation Front took the town on Monday. The Front said it had "
            "liberated the district, and the Company that runs the mine said nothing."
        )
    )
    clusters = {m.text: m.cluster for m in mentions}
    assert clusters["Front"] == clusters["Ndele Liberation Front"]
    assert "Company" not in clusters


def test_an_armed_groups_short_acronym_needs_the_group_named_in_the_document(nlp) -> None:
    regulator = find_mentions(nlp("The FSA fined the bank on Monday for mis-selling loans."))
    assert all(m.actor_id is None and m.type != "ARMED_GROUP" for m in regulator)
    group = find_mentions(nlp("The Free Syrian Army (FSA) shelled the town. The FSA said."))
    assert {m.type for m in group} == {"ARMED_GROUP"}


def test_a_title_alone_is_no_entity(nlp) -> None:
    texts = {m.text for m in find_mentions(nlp("Miss Ana Obi won, and Miss said nothing."))}
    assert "Miss" not in texts and "Ana Obi" in texts
