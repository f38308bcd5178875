"""Alias cues join the cued name to the entity just mentioned, in the document."""

from __future__ import annotations

from storyline.extract.mentions import find_mentions


def _clusters(nlp, text: str) -> dict[str, str]:
    return {m.text: m.cluster for m in find_mentions(nlp(text))}


def test_initials_cue(nlp) -> None:
    c = _clusters(
        nlp,
        "Rebels of the Ndele Patriotic Rally, an armed group known by its French initials "
        "RPN, seized the town. The RPN said it was in control.",
    )
    assert c["RPN"] == c["Ndele Patriotic Rally"]


def test_nom_de_guerre_and_spelling_cues(nlp) -> None:
    c = _clusters(
        nlp,
        "The group is led by Jonas Abdel Mbeki, who goes by the nom de guerre Tembo. Tembo "
        "told reporters the town had fallen. Aid reached Bossembele (also spelled "
        "Bossembélé) on Monday.",
    )
    assert c["Tembo"] == c["Jonas Abdel Mbeki"]
    assert c["Bossembélé"] == c["Bossembele"]


def test_no_cue_no_alias(nlp) -> None:
    c = _clusters(nlp, "WASHINGTON (Reuters) - The senator met Jonas Mbeki, a farmer, on Monday.")
    assert c.get("Reuters") is None or c["Reuters"] != c.get("WASHINGTON")
    assert c.get("Jonas Mbeki", "").startswith("p:")


def test_an_apposition_that_renames_a_body_is_its_alias(nlp):
    mentions = find_mentions(
        nlp(
            "The Harbour Authority, the Port Commission, said it would reopen the quay. "
            "The army, the National Guard, and police were deployed."
        )
    )
    clusters = {m.text: m.cluster for m in mentions}
    assert clusters["Port Commission"] == clusters["Harbour Authority"]
    assert clusters.get("National Guard") != clusters.get("army")


def test_is_known_as_and_a_closing_acronym(nlp) -> None:
    text = (
        "The group, whose commander Edilson Pabón Arias is known across the region as "
        '"El Profe", released two hostages. Researchers linked the intrusion to Russian '
        "military intelligence, the GRU."
    )
    clusters = {m.text: m.cluster for m in find_mentions(nlp(text))}
    assert clusters["El Profe"] == clusters["Edilson Pabón Arias"]
    assert clusters["GRU"] == clusters["Russian military intelligence"]
