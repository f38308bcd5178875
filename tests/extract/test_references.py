"""The reference resolver, through the records that use it: quote speakers,
claimants and accusations, on snippets written for these tests."""

from __future__ import annotations

import pytest

from storyline.extract.accusations import find_accusations
from storyline.extract.mentions import find_mentions
from storyline.extract.quantities import find_quantities
from storyline.extract.quotes import find_quotes
from storyline.extract.references import References
from storyline.lexicon import Knowledge

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def _run(nlp, text, doc_type="report", outlet=None):
    doc = nlp(text)
    mentions = find_mentions(doc)
    refs = References(doc, mentions, K, doc_type, outlet)
    quotes = find_quotes(doc, mentions, K, refs)
    accusations = find_accusations(doc, mentions, quotes, K, refs)
    quantities = find_quantities(doc, mentions, quotes, K, None, refs)
    return quotes, accusations, quantities, refs


def _speaker_of(quotes, fragment):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, [q.text for q in quotes]
    return hits[0].speaker_text


def test_pronoun_takes_the_person_named_as_subject(nlp):
    text = (
        "Halima Sesay, the interior minister, visited the camp on Monday.\n"
        "“We will rebuild every school in the district,” she said."
    )
    quotes, *_ = _run(nlp, text)
    assert "Sesay" in (_speaker_of(quotes, "rebuild every school") or "")


def test_descriptor_takes_the_person_with_that_role(nlp):
    text = (
        "Halima Sesay, the interior minister, visited the camp on Monday.\n"
        "Relief workers said the camp had run out of clean water.\n"
        "“Nobody will be left behind,” the minister said."
    )
    quotes, *_ = _run(nlp, text)
    assert "Sesay" in (_speaker_of(quotes, "Nobody will be left behind") or "")


def test_organisation_descriptor_takes_the_named_ministry(nlp):
    text = (
        "The Ministry of Water Resources opened an inquiry into the contamination.\n"
        "“The samples will be published next week,” the ministry said in a statement."
    )
    quotes, *_ = _run(nlp, text)
    assert "Ministry of Water Resources" in (_speaker_of(quotes, "samples will be") or "")


def test_possessive_descriptor_takes_the_spokeswoman_not_the_ministry(nlp):
    text = (
        "Mirela Dobos, spokeswoman for the Ministry of Transport, spoke after the crash.\n"
        "“The line stays closed until the inspectors finish,” the ministry's spokeswoman said."
    )
    quotes, *_ = _run(nlp, text)
    assert "Dobos" in (_speaker_of(quotes, "line stays closed") or "")


def test_cataphora_gives_the_name_after_the_role(nlp):
    text = "“The bridge is safe to cross again,” said the town's mayor, Ignatius Obore."
    quotes, *_ = _run(nlp, text)
    assert "Obore" in (_speaker_of(quotes, "bridge is safe") or "")


def test_lawyer_is_not_the_client(nlp):
    text = (
        "Tomasz Wierzba was charged on Friday.\n"
        "His lawyer, Anita Brandt, said the charges were baseless.\n"
        "“My client will be acquitted,” she said."
    )
    quotes, *_ = _run(nlp, text)
    speaker = _speaker_of(quotes, "My client will be acquitted") or ""
    assert "Brandt" in speaker and "Wierzba" not in speaker


def test_unresolvable_pronoun_is_left_unresolved_with_a_reason(nlp):
    text = "“We were not warned,” he said."
    quotes, _, _, refs = _run(nlp, text)
    assert _speaker_of(quotes, "We were not warned") is None
    records = [r for r in refs.records() if r.text == "he"]
    assert records and records[0].name is None and records[0].reason


def test_dateline_is_never_a_speaker(nlp):
    text = "KOROVA, March 3 (Wire) – The defence secretary said the border posts would reopen.\n"
    quotes, *_ = _run(nlp, text)
    assert quotes
    assert all("KOROVA" not in (q.speaker_text or "") for q in quotes)


def test_trailing_attribution_gives_the_claimant(nlp):
    text = (
        "The Ministry of Health opened a field hospital in Dorvik.\n"
        "At least 42 people were injured in the blast, the ministry said."
    )
    *_, quantities, _ = _run(nlp, text)
    (q,) = [q for q in quantities if q.value == 42]
    assert "Ministry of Health" in (q.claimant_text or "")


def test_statement_issuer_claims_its_own_figures(nlp):
    text = (
        "NATIONAL RIVER AUTHORITY\n"
        "PRESS RELEASE\n"
        "The National River Authority reports that 1,250 households were evacuated "
        "along the lower valley.\n"
        "The Authority has deployed 14 pumping units."
    )
    *_, quantities, _ = _run(nlp, text, doc_type="statement")
    claimants = {q.value: q.claimant_text for q in quantities}
    assert "National River Authority" in (claimants.get(1250) or "")
    assert "National River Authority" in (claimants.get(14) or "")


def test_figure_in_a_report_stays_the_reporters(nlp):
    text = "The National River Authority deployed 14 pumping units on Sunday."
    *_, quantities, _ = _run(nlp, text)
    (q,) = [q for q in quantities if q.value == 14]
    assert q.claimant_text == "reporter"


def _pairs(accusations):
    return {(a.accuser_text or "", x) for a in accusations for x in a.accused_texts}


def _blames(accusations, accuser, accused):
    return any(
        accuser.lower() in a.lower() and accused.lower() in b.lower()
        for a, b in _pairs(accusations)
    )


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        (
            "The Farmers' Union held the Delta Water Board responsible for the flooding.",
            "Farmers' Union",
            "Delta Water Board",
        ),
        (
            "Nadia Ferraz, the environment minister, said the Korvan Mining Company bears "
            "responsibility for the spill.",
            "Ferraz",
            "Korvan Mining Company",
        ),
        (
            "“Everything shows that the Black Ridge Front is behind this kidnapping,” said "
            "General Tomas Arriaga.",
            "Arriaga",
            "Black Ridge Front",
        ),
        (
            "The Ministry of the Interior condemned the attack carried out by the Black Ridge "
            "Front on the convoy.",
            "Ministry of the Interior",
            "Black Ridge Front",
        ),
        (
            "Alma Rodic accused the Northern Freight Company of ignoring safety rules.",
            "Rodic",
            "Northern Freight Company",
        ),
    ],
)
def test_blame_forms(nlp, text, accuser, accused):
    _, accusations, _, _ = _run(nlp, text)
    assert _blames(accusations, accuser, accused), _pairs(accusations)


def test_event_noun_is_never_the_accused(nlp):
    text = (
        "The Ministry of the Interior condemned the attack carried out by the Black Ridge "
        "Front on the convoy."
    )
    _, accusations, _, _ = _run(nlp, text)
    assert accusations
    assert all("attack" not in x for _, x in _pairs(accusations))


def test_pronoun_accuser_is_resolved(nlp):
    text = (
        "Alma Rodic, the port director, spoke to reporters on Monday.\n"
        "She accused the Northern Freight Company of ignoring safety rules."
    )
    _, accusations, _, _ = _run(nlp, text)
    assert _blames(accusations, "Rodic", "Northern Freight Company"), _pairs(accusations)


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of the Interior did not blame the Black Ridge Front for the fire.",
        "The Ministry of the Interior avoids condemning the Black Ridge Front.",
        "You can't blame this on the Black Ridge Front.",
        "Nobody blames the Black Ridge Front for the drought.",
        "The report maps the fault lines between the Black Ridge Front and the army.",
        "The Ministry of the Interior would blame the Black Ridge Front if talks failed.",
    ],
)
def test_non_blame_forms(nlp, text):
    _, accusations, _, _ = _run(nlp, text)
    assert accusations == [], _pairs(accusations)


def test_figure_cue_gives_speaker_and_claimant(nlp):
    text = (
        "The Ministry of Health opened a field hospital in Dorvik.\n"
        "The ministry put the death toll at 41 on Tuesday."
    )
    quotes, _, quantities, _ = _run(nlp, text)
    assert "Ministry of Health" in (_speaker_of(quotes, "death toll at 41") or "")
    (q,) = [q for q in quantities if q.value == 41]
    assert "Ministry of Health" in (q.claimant_text or "")


def test_descriptor_with_a_foreign_modifier_is_not_the_named_ministry(nlp):
    text = (
        "The Norland Foreign Ministry summoned the ambassador on Monday.\n"
        "The Vesterian foreign ministry said the talks would go ahead."
    )
    quotes, *_ = _run(nlp, text)
    speaker = _speaker_of(quotes, "talks would go ahead") or ""
    assert "Norland" not in speaker


def test_a_name_given_by_calling_gives_the_speaker(nlp):
    text = "A group calling itself Black Ridge Front said it had seized the depot."
    quotes, *_ = _run(nlp, text)
    assert "Black Ridge Front" in (_speaker_of(quotes, "seized the depot") or "")


def test_unresolved_he_does_not_let_the_next_he_jump_to_an_object(nlp):
    text = (
        "A retired pilot met Ana Obi in March.\n"
        "He said he would face her in court.\n"
        "“I was there and I know what happened,” he said."
    )
    quotes, *_ = _run(nlp, text)
    assert "Obi" not in (_speaker_of(quotes, "I was there") or "")


def test_a_titled_name_gives_the_descriptor_its_person(nlp):
    text = (
        "General Tomas Ilievski Arriaga visited the northern base on Sunday.\n"
        "“The road to the border is open again,” the general said."
    )
    quotes, *_ = _run(nlp, text)
    assert "Arriaga" in (_speaker_of(quotes, "road to the border") or "")


def test_a_described_body_speaks_through_its_descriptor(nlp):
    # no named entity for the embassy: 'the embassy' is the one the text described
    text = (
        "The Kenyan embassy in Lusaka rejected the report on Friday.\n"
        "“Nobody from our mission was at the meeting,” the embassy said in a statement."
    )
    quotes, *_ = _run(nlp, text)
    assert _speaker_of(quotes, "Nobody from our mission") == "Kenyan embassy in Lusaka"


def test_two_described_bodies_leave_the_descriptor_unresolved(nlp):
    text = (
        "The Kenyan embassy in Lusaka and the Tanzanian embassy in Lusaka met on Friday.\n"
        "“The talks went well,” the embassy said."
    )
    quotes, *_ = _run(nlp, text)
    assert "Kenyan" not in (_speaker_of(quotes, "The talks went well") or "")
    assert "Tanzanian" not in (_speaker_of(quotes, "The talks went well") or "")


def test_a_description_stops_at_the_place_it_names(nlp):
    text = (
        "The Kenyan embassy in Lusaka, which opened in 1965, rejected the report.\n"
        "\u201cNobody from our mission was there,\u201d the embassy said."
    )
    quotes, *_ = _run(nlp, text)
    assert _speaker_of(quotes, "Nobody from our mission") == "Kenyan embassy in Lusaka"


def test_people_of_a_body_are_not_a_described_body(nlp):
    # 'the leaders of the RPO' stand for the RPO in blame, not for a body of their own
    text = (
        "The ministry holds the leaders of the so-called Ndele Front responsible for the "
        "attack on the convoy."
    )
    _, accusations, *_ = _run(nlp, text)
    assert accusations and accusations[0].accused_texts[0] != "leaders of the so-called Ndele Front"


def test_a_rank_with_of_before_the_name_is_a_title(nlp):
    text = (
        "The Harbour Police Command said six people were held on Monday. The Command's "
        "spokesman, Superintendent of Police Aliyu Bello Sani, said the six had been "
        "charged. He denied that anyone had been beaten, insisting they had been "
        "\u201cinvited for questioning\u201d."
    )
    quotes, *_ = _run(nlp, text)
    assert _speaker_of(quotes, "the six had been charged") == "Aliyu Bello Sani"
    assert _speaker_of(quotes, "invited for questioning") == "Aliyu Bello Sani"


def test_a_semicolon_ends_the_tag_search_after_a_quotation(nlp):
    text = (
        "Ngozi Eke told a local radio station that the militia lost \u201conly two of our "
        "men\u201d; the defence ministry says 40 militiamen were killed."
    )
    quotes, *_ = _run(nlp, text)
    direct = [q for q in quotes if q.kind == "direct" and "only two of our men" in q.text]
    assert direct and "Eke" in (direct[0].speaker_text or "")
    reported = [q for q in quotes if q.kind == "indirect" and "only two" in q.text]
    assert all("ministry" not in (q.speaker_text or "") for q in reported)


def test_statement_issuer_from_the_masthead_is_the_full_body_not_a_bare_word(nlp):
    # the text itself only says 'the Authority'; the masthead (outlet) names the body
    text = (
        "1. The flood reached the lower valley at dawn.\n"
        "2. The Authority has deployed 14 pumping units and evacuated 230 households."
    )
    outlet = "Lower Valley Water Authority (LVWA) \u2013 Republic of Fenland"
    *_, quantities, _ = _run(nlp, text, doc_type="statement", outlet=outlet)
    claimants = {q.value: q.claimant_text for q in quantities}
    assert claimants.get(14) == "Lower Valley Water Authority"
    assert claimants.get(230) == "Lower Valley Water Authority"


def test_a_bodys_own_figures_give_it_as_claimant(nlp):
    text = (
        "The Port Authority said traffic was normal. The Port Authority's own figures on "
        "ships waiting at anchor went from 12 on Monday to 19 on Thursday; the union "
        "insists there are more than 30."
    )
    *_, quantities, _ = _run(nlp, text)
    claimants = {q.value: q.claimant_text for q in quantities}
    assert claimants.get(12) == "Port Authority"
    assert claimants.get(19) == "Port Authority"
    assert claimants.get(30) != "Port Authority"


def test_an_object_pronoun_of_a_coordinated_verb_is_the_first_verbs_object(nlp):
    text = (
        "The Foreign Ministry's spokeswoman, Irina Volkova, spoke on Monday. She accused "
        "the Latvian cabinet of negligence and blamed it for the delay."
    )
    _, accusations, *_ = _run(nlp, text)
    accused = {x for a in accusations for x in a.accused_texts}
    assert accused == {"Government of Latvia"}


def test_a_subject_the_parse_left_beside_the_source_still_blames(nlp):
    text = (
        "According to the Valley Courier, the president of the League of Rural "
        "Firefighters, Tomas Ferreira, blamed the government for cutting the budget."
    )
    _, accusations, *_ = _run(nlp, text)
    assert [a.accuser_text for a in accusations] == ["Tomas Ferreira"]


def test_a_figure_said_without_a_clause_is_reported_speech(nlp):
    text = "The Harbour Authority says less than 900 million naira. He says nothing."
    quotes, *_ = _run(nlp, text)
    said = {q.text: q.speaker_text for q in quotes if q.kind == "indirect"}
    assert said.get("less than 900 million naira") == "Harbour Authority"
    assert "nothing" not in said


def test_an_addressee_with_a_number_is_no_figure_said(nlp):
    text = "Authorities told roughly 2,000 residents to keep their windows closed."
    quotes, *_ = _run(nlp, text)
    assert not [q for q in quotes if "2,000 residents" in q.text and q.kind == "indirect"]


def test_the_source_of_a_report_is_not_the_speaker_the_parse_took_it_for(nlp):
    text = (
        "According to Diario do Vale, the president of the League of Rural Firefighters, "
        "Tomas Ferreira, accused the government of cutting funding \u201cby a fifth since "
        "2019\u201d."
    )
    quotes, accusations, *_ = _run(nlp, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert direct and direct[0].speaker_text == "Tomas Ferreira"
    assert [a.accuser_text for a in accusations] == ["Tomas Ferreira"]
    reported = [q for q in quotes if q.kind == "indirect" and q.cue == "According to"]
    assert all(not q.text.startswith("do Vale") for q in reported)


def test_a_figure_credited_where_it_stands_is_its_agents(nlp):
    text = (
        "The Valley council says more than 2,000 people were evacuated, far more than the "
        "1,450 counted by the Civil Protection Authority. Two aircraft sent by Spain "
        "helped the crews."
    )
    *_, quantities, _ = _run(nlp, text)
    claimants = {q.value: q.claimant_text for q in quantities}
    assert claimants.get(1450) == "Civil Protection Authority"
    assert claimants.get(2000) == "Valley council"
    assert claimants.get(2) != "Spain"


def test_a_topic_is_no_statement_unless_the_verb_says_what_it_is(nlp):
    text = (
        "The astronaut Ivo Marek referred to the earlier hearing. Marek referred to the plan "
        "as a gamble. The company unveiled a new phone on Monday."
    )
    quotes, *_ = _run(nlp, text)
    said = [q.text for q in quotes if q.kind == "indirect"]
    assert not any("earlier hearing" in t or "new phone" in t for t in said)
    assert any("gamble" in t for t in said)


def test_a_record_made_to_speak_gives_its_named_keeper(nlp):
    text = (
        "Figures released by the Ohio Elections Commission show that turnout rose. "
        "Figures show that prices rose."
    )
    quotes, *_ = _run(nlp, text)
    said = {q.text: q.speaker_text for q in quotes if q.kind == "indirect"}
    assert said.get("turnout rose") == "Ohio Elections Commission"
    assert said.get("prices rose") != "Ohio Elections Commission"


def test_signature_gives_the_role_to_a_ranked_signatory(nlp):
    text = (
        "PRESS RELEASE\n\n"
        "1. The Minister holds the Black Ridge Front responsible for the burning of the "
        "market.\n\n"
        "Done at Kestelund, 3 May 2024\n\n"
        "The Minister of Defence\n\n"
        "Général de Brigade Jean-Marc Ndoubé\n"
    )
    _, accusations, _, _ = _run(nlp, text, doc_type="statement")
    assert _blames(accusations, "Ndoubé", "Black Ridge Front"), _pairs(accusations)


def test_a_possessors_title_does_not_give_the_role_holder_a_gender(nlp):
    text = (
        "Mrs. Okafor is ahead in the polls. Mr. Osei's campaign manager, Dana Fenwick, "
        "admitted on Sunday that Mr. Osei was trailing. She said the campaign still had a chance."
    )
    quotes, *_ = _run(nlp, text)
    assert "Fenwick" in (_speaker_of(quotes, "still had a chance") or "")


def test_they_after_a_person_of_no_known_gender_is_not_the_company(nlp):
    text = (
        "Kim Laro, a spokesperson for Brightway, confirmed that the firm tracks accounts. "
        "“We use a model to find business accounts among our users,” they said in an email."
    )
    quotes, *_ = _run(nlp, text)
    assert _speaker_of(quotes, "We use a model") != "Brightway"


def test_a_speaker_named_after_the_last_one_blocks_the_pronoun_fallback(nlp):
    from storyline.extract.quotes import _other_speaker_between

    doc = nlp("Ivo Marsh spoke first. Then Ana Ruiz said the water rose. She said people ran.")
    she = next(t for t in doc if t.text == "She")
    assert _other_speaker_between(doc, doc[1].idx, she, K.cues)
    assert not _other_speaker_between(doc, doc[8].idx, she, K.cues)


def test_they_is_not_a_place(nlp):
    text = (
        "Protesters want to defend Valdoria's way of life. Meanwhile, they note that the army "
        "took to the streets to clear barricades this weekend."
    )
    quotes, *_ = _run(nlp, text)
    assert _speaker_of(quotes, "took to the streets") != "Valdoria"


def test_a_title_taken_for_a_body_gives_the_name_beside_it(nlp):
    text = (
        "Speaking in parliament on Thursday, the Minister of Internal Administration, "
        "Teresa Lobo, said most of the fires had been started deliberately."
    )
    quotes, *_ = _run(nlp, text)
    assert "Lobo" in (_speaker_of(quotes, "started deliberately") or "")


def test_the_narrators_descriptor_is_a_body_the_narrator_named(nlp):
    text = (
        "The Valdorian Army said on Sunday that it had retaken the port of Lessa.\n"
        "“For the first time in years, the Ejército Nacional controls the river port,” "
        "General Ivo Marsh told reporters in Lessa.\n"
        "Residents said the streets were calm. The market reopened on Monday. Fishing boats "
        "went out again. Schools will open next week.\n"
        "The army says the rebels lost fourteen fighters."
    )
    quotes, *_ = _run(nlp, text)
    assert "Valdorian Army" in (_speaker_of(quotes, "rebels lost") or "")


def test_they_said_continues_the_body_that_spoke_before(nlp):
    text = (
        "The Ombudsman's Office warned on Sunday that 500 families had been displaced. "
        "They said most were staying with relatives."
    )
    quotes, *_ = _run(nlp, text)
    assert _speaker_of(quotes, "staying with relatives") == "Ombudsman's Office"


def test_the_guerrillas_are_the_front_the_text_names(nlp):
    text = (
        "The army said it had retaken the river town from the Lessa Popular Liberation Front. "
        "The guerrillas flatly denied it."
    )
    quotes, *_ = _run(nlp, text)
    found = [q for q in quotes if q.text == "it" and q.cue == "denied"]
    assert found and found[0].speaker_text == "Lessa Popular Liberation Front"


def test_a_body_answers_to_the_noun_the_text_gave_it(nlp):
    text = (
        "Gunmen seized four employees of the pipeline contractor Tarvex on the road to "
        "Ardo. Tarvex declined to comment. In a brief statement, the company said it "
        "continued to \u201cwork discreetly with the authorities\u201d."
    )
    quotes, *_ = _run(nlp, text)
    assert _speaker_of(quotes, "work discreetly") == "Tarvex"


def test_an_owner_before_a_name_is_a_person_not_a_company(nlp):
    mentions = find_mentions(nlp("The owner Jonas Brandt said he would sell the mill."))
    assert [(m.text, m.type) for m in mentions] == [("Jonas Brandt", "PERSON")]


def test_a_title_abbreviation_in_the_tag_ends_no_sentence_before_a_follow_on(nlp):
    text = (
        "\u201cThe second blast came while our crews were on site,\u201d Lt. Col. Ion Brad, a "
        "spokesman for the inspectorate, said at a news conference. \u201cThe fire is now "
        "contained but not out.\u201d"
    )
    quotes, *_ = _run(nlp, text)
    assert "Brad" in (_speaker_of(quotes, "contained but not out") or "")
