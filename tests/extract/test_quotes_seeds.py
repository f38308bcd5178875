"""Acceptance on the reference seeds: quotes, speakers and accusations."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def quotes(seeds_analysis):
    return seeds_analysis.quotes


def _doc_with(analysis, needle: str) -> str:
    return next(d.id for d in analysis.documents if needle in d.text)


def _speaker(quotes, fragment: str, kind: str = "direct") -> str:
    found = [q for q in quotes if q.kind == kind and fragment in q.text]
    assert found, f"no {kind} quote holding {fragment!r}"
    return found[0].speaker_name or ""


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("took their eye off the ball in Palmyra", "Townsend"),
        ("didn’t send us an inventory", "Townsend"),
        ("if the Russians don’t strike it we will", "Townsend"),  # split quote, 2nd half
        ("it’s up to them to take it back", "Townsend"),
        ("gonna march down and isolate Raqqa", "Townsend"),  # 'Townsend said, “…”'
        ("clean up the mess again", "Earnest"),  # '…," said Earnest'
        ("grave risk that Russia is taking", "Earnest"),  # 'he said', name a paragraph up
        ("yet to completely neutralize", "Peskov"),
        ("lack of coordinated action", "Peskov"),  # unattributed follow-on paragraph
        ("surrounded by mountains", "Caillet"),
        ("launching surprise attacks from desert positions", "Winter"),
        ("high level of operational security", "Winter"),  # follow-on paragraph
        ("triumphalist propaganda frenzy", "Winter"),  # 'he said'
        ("symbolically potent site", "Winter"),  # partial quote in reported speech
        ("stop at local objectives", "Caillet"),  # 'he said'
        ("hard-liners’ morale has been boosted", "Caillet"),  # 'he added', plural possessive
        ("thwarted all terrorist attacks", "Defense Ministry"),  # partial quote, organisation
    ],
)
def test_every_direct_quote_has_its_speaker(quotes, fragment, speaker):
    assert speaker.lower() in _speaker(quotes, fragment).lower()


def test_no_false_direct_quotes(seeds_analysis, quotes):
    direct = [q for q in quotes if q.kind == "direct"]
    # Scare quotes in headlines and link lists, and comment text, are not quotations.
    assert not [q for q in direct if q.text.strip() == "clean up"]
    assert not [q for q in direct if "recapture Palmyra" in q.text]
    assert not [q for q in direct if q.text.strip() in ("involvement", "UNCLASSIFIED")]
    opinion = _doc_with(seeds_analysis, "My Comment")
    assert not [q for q in direct if q.document == opinion]
    assert len(direct) == 22
    for q in direct:
        assert q.speaker_name, q.text


def test_quote_offsets_and_ids(seeds_analysis, quotes):
    texts = {d.id: d.text for d in seeds_analysis.documents}
    assert [q.id for q in quotes] == [f"q{i}" for i in range(1, len(quotes) + 1)]
    for q in quotes:
        assert texts[q.document][q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("Russian and Syrian forces abandoned heavy weapons", "Townsend"),
        ("Raqqa offensive couldn’t wait", "Townsend"),
        ("threat to the region had increased significantly", "Earnest"),
        ("flooding into Syria", "Peskov"),
        ("carried out more than 60 overnight strikes", "Defense Ministry"),
        ("Daesh would continue pushing", "Caillet"),
        ("forced to issue daily denials", "Winter"),
        ("likely to push hard", "Winter"),
    ],
)
def test_indirect_statements(quotes, fragment, speaker):
    assert speaker.lower() in _speaker(quotes, fragment, "indirect").lower()


def test_defense_ministry_is_one_speaker_phrase(quotes):
    q = next(q for q in quotes if "60 overnight strikes" in q.text and q.kind == "indirect")
    assert "Russia" in (q.speaker_name or "") and "Ministry" in (q.speaker_name or "")
    assert q.cue == "said"


def test_blame_traded_between_washington_and_moscow(seeds_analysis):
    accusations = seeds_analysis.accusations

    def blamed(accuser_words, accused_word):
        return [
            a
            for a in accusations
            if any(w in (a.accuser or "") for w in accuser_words)
            and any(accused_word.lower() in x.lower() for x in a.accused)
        ]

    us_officials = ("Townsend", "general", "Earnest")
    assert blamed(us_officials, "Russia")
    assert blamed(us_officials, "Syria")
    assert blamed(("Kremlin", "Russia", "Peskov"), "United States")
    for a in accusations:
        assert a.text and a.start is not None and a.end is not None
