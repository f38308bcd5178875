"""Blame forms and the forms that look like blame but are not, on snippets written for
these tests (issue 11, point 4): who blames whom, denials, and the parties resolved."""

from __future__ import annotations

import pytest

from storyline.extract.accusations import find_accusations
from storyline.extract.mentions import find_mentions
from storyline.extract.quotes import find_quotes
from storyline.extract.references import References
from storyline.lexicon import Knowledge

K = Knowledge.shared()


def _run(nlp, text, doc_type="report", outlet=None):
    doc = nlp(text)
    mentions = find_mentions(doc)
    refs = References(doc, mentions, K, doc_type, outlet)
    quotes = find_quotes(doc, mentions, K, refs)
    return find_accusations(doc, mentions, quotes, K, refs)


def _pairs(accusations, negated=False):
    return {
        (a.accuser_text or "", x)
        for a in accusations
        if a.negated == negated
        for x in a.accused_texts
    }


def _blames(accusations, accuser, accused, negated=False):
    return any(
        accuser.lower() in a.lower() and accused.lower() in b.lower()
        for a, b in _pairs(accusations, negated)
    )


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        # an unnamed source may accuse; the accused is named
        (
            "Government officials have accused Varnia of attempting to interfere in the election.",
            "Government officials",
            "Varnia",
        ),
        # the liability word the parse hangs as an adverbial clause
        (
            "Marta Quiroga held the Delta Water Board (DWB) responsible for the speed of "
            "the flooding.",
            "Quiroga",
            "Delta Water Board",
        ),
        # 'blamed X on Y': the party is Y
        (
            "The harbour master, Ivo Pranjic, blamed the oil spill on the Korvan Shipping Company.",
            "Pranjic",
            "Korvan Shipping Company",
        ),
        # condemn an event 'by' its perpetrator: the perpetrator, through its members
        (
            "The Northern Relief Mission condemned the attack by Ndele Front elements on a "
            "food convoy near Sarki.",
            "Northern Relief Mission",
            "Ndele Front",
        ),
        (
            "The Ministry of Transport denounced the sabotage carried out by the Ndele Front "
            "on the railway.",
            "Ministry of Transport",
            "Ndele Front",
        ),
        (
            "Senator Lidia Marsh said the Ndele Front bears responsibility for the blackout.",
            "Marsh",
            "Ndele Front",
        ),
    ],
)
def test_blame_forms(nlp, text, accuser, accused):
    accusations = _run(nlp, text)
    assert _blames(accusations, accuser, accused), _pairs(accusations)
    assert all(not a.negated for a in accusations)


def test_the_event_noun_is_never_the_accused(nlp):
    text = (
        "The Northern Relief Mission condemned the attack by Ndele Front elements on a food "
        "convoy near Sarki."
    )
    accused = {x for _, x in _pairs(_run(nlp, text))}
    assert accused and not any("attack" in x or "elements" in x for x in accused), accused


def test_a_thing_someone_owns_or_did_stands_for_its_owner(nlp):
    text = "Senator Ivo Lind slammed Governor Ana Marsh's decision to close the port."
    accusations = _run(nlp, text)
    assert _blames(accusations, "Lind", "Marsh"), _pairs(accusations)
    assert not any("decision" in x for _, x in _pairs(accusations)), _pairs(accusations)


def test_an_unnamed_role_holder_is_written_with_what_the_role_is_of(nlp):
    text = (
        "Frente Popular del Valle Hondo (FPVH)\nCOMMUNIQUÉ\n"
        "We hold the commander of the task force responsible for these deaths."
    )
    accusations = _run(nlp, text, "statement", "Frente Popular del Valle Hondo (FPVH)")
    assert any("commander of the task force" in x for _, x in _pairs(accusations)), _pairs(
        accusations
    )


def test_a_party_singled_out_shares_the_blame(nlp):
    text = (
        "The governor holds the leaders of the Ndele Front, in particular the commander "
        "Marco Tessel, personally responsible for the looting of the market."
    )
    accusations = _run(nlp, text)
    assert _blames(accusations, "governor", "Ndele Front"), _pairs(accusations)
    assert _blames(accusations, "governor", "Tessel"), _pairs(accusations)


def test_a_denial_of_responsibility_is_recorded_negated(nlp):
    accusations = _run(nlp, "The Ndele Front denied responsibility for the ambush on Tuesday.")
    assert len(accusations) == 1 and accusations[0].negated, accusations
    assert _blames(accusations, "Ndele Front", "Ndele Front", negated=True), accusations


def test_blame_under_a_denial_verb_is_denied_not_made(nlp):
    text = (
        "Varnia's foreign ministry said on Monday it had nothing to hide.\n"
        "The Varnian embassy in Lorsk denied that Varnia was behind the cyberattack."
    )
    accusations = _run(nlp, text)
    assert not _pairs(accusations), _pairs(accusations)  # no one is blamed
    assert all(a.negated for a in accusations)


def test_blame_answered_by_a_denial_is_still_blame(nlp):
    text = (
        "The Lorsk Courier reported yesterday that Mayor Ida Stam held the Delta Water Board "
        "responsible for the flooding; the Delta Water Board denies it."
    )
    accusations = _run(nlp, text)
    assert _blames(accusations, "Stam", "Delta Water Board"), _pairs(accusations)


def test_the_past_tense_beside_a_reported_pluperfect_is_the_speakers_act(nlp):
    text = (
        "Ana Obi, the chief executive of Tarvo Terminals Ltd, spoke to reporters on Monday.\n"
        "She said the company had offered a 10 percent rise in April and accused the "
        "Harbour Workers Union of blocking the talks."
    )
    accusations = _run(nlp, text)
    assert _blames(accusations, "Obi", "Harbour Workers Union"), _pairs(accusations)
    assert not _blames(accusations, "Tarvo", "Harbour Workers Union"), _pairs(accusations)


def test_a_statements_we_is_its_issuer(nlp):
    text = (
        "Harbour Pilots Association (HPA)\nPRESS STATEMENT\n"
        "We condemn the arrest of our secretary by officers of the Port Police Command."
    )
    accusations = _run(nlp, text, "statement", "Harbour Pilots Association (HPA)")
    assert _blames(accusations, "Harbour Pilots Association", "Port Police Command"), _pairs(
        accusations
    )


def test_a_statements_organ_speaks_as_its_issuer(nlp):
    text = (
        "Harbour Pilots Association (HPA)\nPRESS STATEMENT\n"
        "The Executive Board of the Harbour Pilots Association (HPA) met on Monday.\n"
        "The Board condemns the arrest of our secretary by officers of the Port Police "
        "Command."
    )
    accusations = _run(nlp, text, "statement", "Harbour Pilots Association (HPA)")
    assert [a.accuser_text for a in accusations] == ["Harbour Pilots Association"]


def test_an_armed_groups_communique_does_not_speak_as_the_army(nlp):
    text = (
        "Frente Popular del Valle Hondo (FPVH)\nCOMMUNIQUÉ\n"
        "We denounce the shelling carried out by the Army against the village of Mirador."
    )
    accusations = _run(nlp, text, "statement", "Frente Popular del Valle Hondo (FPVH)")
    assert accusations, accusations
    for a in accusations:
        assert any(w in (a.accuser_text or "") for w in ("FPVH", "Frente")), a
        assert a.accused_texts and all("Frente" not in x for x in a.accused_texts)


@pytest.mark.parametrize(
    "text",
    [
        # negated, avoided, hypothetical, no one
        "The Ministry of Transport did not blame the Ndele Front for the derailment.",
        "The Ministry of Transport refused to condemn the Ndele Front.",
        "The Ministry of Transport might accuse the Ndele Front of sabotage.",
        "You can't blame this on the Ndele Front.",
        # figurative
        "The vote exposed the fault lines inside the Ndele Front.",
        "The Ndele Front and the army traded blame in a long-running blame game.",
        "The coast sits on a belt of volcanoes and fault lines running along the shelf.",
        # an unnamed party is no one in particular
        "The governor accused foreign mercenaries of fighting beside the rebels.",
        # someone else blames, not the one who reports it
        "Ana Obi, the port director, spoke on Monday. \u201cPeople are blaming it all on "
        "the Ndele Front,\u201d she told reporters.",
        # a failure noun with no complaint about it
        "Nadia Roth said the lack of support from the Ndele Front is nothing new.",
        # what is denounced may be an act: 'it' is no party
        "In a memo the director of the Lorsk Port Authority denounced it and ordered an inquiry.",
    ],
)
def test_non_blame_forms(nlp, text):
    accusations = _run(nlp, text)
    assert _pairs(accusations) == set(), _pairs(accusations)


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        # a wrong reported as a named party's deed
        (
            "The Tessa Liberation Front (TLF) entered Mirov on Sunday. The Interior Ministry "
            "said the rebels had looted the clinic and set fire to the depot.",
            "Interior Ministry",
            "Tessa Liberation Front",
        ),
        # 'the bandits' is the armed group the text names
        (
            "The Marsh Rally for Justice (MRJ) held the valley for a month. Governor Ana Obi "
            "said the bandits had kidnapped twelve farmers.",
            "Obi",
            "Marsh Rally for Justice",
        ),
        # a wrong done to people
        (
            "The Tessa Liberation Front says the Varnian Army executed four young men.",
            "Tessa Liberation Front",
            "Varnian Army",
        ),
        # a stance label does not narrow the descriptor down
        (
            "The Marsh Rally for Justice (MRJ) held the valley for a month. Governor Ana Obi "
            "said the terrorist bandits had looted the market.",
            "Obi",
            "Marsh Rally for Justice",
        ),
        # a descriptor the text tied to a named body with 'of' stands for it
        (
            "Mirov lived through six weeks of occupation by the bandits of the so-called "
            "Kessa Brotherhood. On Monday Governor Ana Obi said the bandits had looted the "
            "clinic.",
            "Obi",
            "Kessa Brotherhood",
        ),
        # a bare plural for a body's people: the one such body the text names
        (
            "The Varnian Armed Forces patrol the valley. The Tessa Liberation Front says "
            "soldiers executed four young men.",
            "Tessa Liberation Front",
            "Varnian Armed Forces",
        ),
        # ... or the body the text calls by that noun's word ('the army')
        (
            "The Ejército Popular de Norland took the bridge on Monday. The army said the "
            "town was calm. The Tessa Liberation Front says soldiers executed four young men.",
            "Tessa Liberation Front",
            "Ejército Popular de Norland",
        ),
        # a fault said to be a party's, in reported speech
        (
            "According to Carla Veen, the flooding was a result of the negligence of the "
            "Delta Water Board.",
            "Veen",
            "Delta Water Board",
        ),
        # 'the government' before any government is named is the first country's,
        # not the one a later 'Moscow says' names
        (
            "If the government's plan holds, the schools in Estonia will reopen on Monday. "
            "The government says Russia did it. Moscow says it did not.",
            "Government of Estonia",
            "Russia",
        ),
        # 'Y did it': the deed the text is about
        ("Investigators spoke for hours. Carla Veen says Norland did it.", "Veen", "Norland"),
    ],
)
def test_a_wrong_reported_as_a_partys_deed_is_blame(nlp, text, accuser, accused):
    accusations = _run(nlp, text)
    assert _blames(accusations, accuser, accused), _pairs(accusations)


@pytest.mark.parametrize(
    "text",
    [
        # a wrong done to a thing, an unnamed doer, a belief, a denial
        "The Kelso Shipping Company said it had executed the contract in March.",
        "Gunmen kidnapped four engineers at a roadblock, the company and the police said.",
        "Carla Veen fears the Tessa Liberation Front will kidnap more farmers.",
        "Carla Veen denied that the Tessa Liberation Front had kidnapped the farmers.",
        "Carla Veen did not say the Tessa Liberation Front had looted the clinic.",
        # soldiers of which army? two are named
        "The Varnian Army and the Norland Army patrol the border. Carla Veen says soldiers "
        "executed four young men.",
        # a fault in the reporter's own voice, or denied
        "The flooding was a result of the negligence of the Delta Water Board.",
        '"There was no negligence by the Delta Water Board," Carla Veen said.',
        # 'Y did it for …' says why, not who; what someone should do is no deed
        "Ana Obi said the Norland Council just need to get their act together and act in a "
        "sensible way, and do it immediately.",
        # a warning of a wrong to come is no accusation
        "Carla Veen said the Tessa Liberation Front will kidnap more farmers.",
        "Carla Veen says Norland did it for the money.",
        # one's own deed, and a government blaming its own country
        "The Tessa Liberation Front says it abducted the two officers.",
        "Moscow says it did not. The government says Russia did it.",
    ],
)
def test_a_reported_deed_that_is_no_accusation(nlp, text):
    accusations = _run(nlp, text)
    assert _pairs(accusations) == set(), _pairs(accusations)


def test_blame_of_a_thing_answered_by_a_denial_blames_the_denier(nlp):
    text = (
        "The mayor of Corvo, Rui Abreu, pointed to a different culprit. Witnesses had seen "
        "sparks from a line owned by the distributor Norte Energia, he said. Norte Energia "
        "denied responsibility."
    )
    assert _blames(_run(nlp, text), "Abreu", "Norte Energia")
    text = (
        "The harbour master, Ivo Pranjic, blamed a faulty valve for the spill. The Kelso "
        "Shipping Company denied any involvement."
    )
    assert _blames(_run(nlp, text), "Pranjic", "Kelso Shipping Company")


def test_a_denial_further_on_answers_nothing(nlp):
    text = (
        "The harbour master, Ivo Pranjic, blamed a faulty valve for the spill. Divers are "
        "still at work. The sea was calm. The Kelso Shipping Company denied any involvement."
    )
    assert _pairs(_run(nlp, text)) == set()
    # unnamed people are not a thing: the denial answers someone else's blame
    text = (
        "Ana Obi accused foreign mercenaries of fighting beside the rebels. The Ndele Front "
        "denied responsibility for the raid."
    )
    assert _pairs(_run(nlp, text)) == set()


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        (
            "A Danish lab, Nordvik Security, has published the most detailed technical case, "
            "pointing to Red Heron and, behind it, the SVX.",
            "Nordvik Security",
            "Red Heron",
        ),
        (
            "A Danish lab, Nordvik Security, has published the most detailed technical case, "
            "pointing to Red Heron and, behind it, the SVX.",
            "Nordvik Security",
            "SVX",
        ),
        ("The firm said its evidence pointed to the Ndele Front.", "firm", "Ndele Front"),
    ],
)
def test_evidence_pointing_to_a_named_party_is_blame(nlp, text, accuser, accused):
    accusations = _run(nlp, text)
    assert _blames(accusations, accuser, accused), _pairs(accusations)


@pytest.mark.parametrize(
    "text",
    [
        "The Kelso Institute published data pointing to Norland's growth.",
        "The Kelso Institute published a case pointing to a slowdown in Norland.",
        "Analysts pointed to Norland as a model for the region.",
    ],
)
def test_pointing_to_no_culprit(nlp, text):
    assert _pairs(_run(nlp, text)) == set()


def test_a_pronoun_for_an_unnamed_body_blames_in_the_bodys_words(nlp) -> None:
    found = _run(
        nlp,
        "The nurses' union has been asking for this since 2019, and it holds the Ministry "
        "of Health responsible for years of neglect.",
    )
    assert _blames(found, "nurses' union", "Ministry of Health")
    assert not any("responsible" in x for a in found for x in a.accused_texts)


def test_soldiers_named_by_no_army_of_the_document_wait_for_the_story(nlp) -> None:
    found = _run(nlp, "The Kivu Liberation Front says soldiers executed three young men.")
    assert ("Kivu Liberation Front", "soldiers") in _pairs(found)
    assert not _run(nlp, "The Kivu Liberation Front says gunmen executed three young men.")


def test_a_guilty_plea_is_the_partys_own_admission(nlp) -> None:
    assert not _run(
        nlp,
        "Tom Ardley, 55, pleaded guilty to threatening to assault a federal official, "
        "the prosecutor's office said in a statement.",
    )
    assert _blames(
        _run(nlp, "The mayor said the Harbour Board is responsible for the flooding."),
        "mayor",
        "Harbour Board",
    )


@pytest.mark.parametrize(
    "text",
    [
        "It is not as though we accuse the Harbour Board of doing it each time it happens.",
        "They act as if we had accused the Harbour Board of theft.",
        "If the council blamed the Harbour Board, it would be wrong.",
    ],
)
def test_a_comparison_or_a_condition_accuses_no_one(nlp, text) -> None:
    assert not _run(nlp, text)
