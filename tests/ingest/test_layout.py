"""Boilerplate by position: mastheads, letterheads, related items, closing slogans,
reference numbers, syndication credits, share and follow lines; and the doc types and
outlets they tell."""

from __future__ import annotations

from storyline.ingest.clean import clean_lines
from storyline.ingest.documents import build_document
from storyline.models import RawInput

STATEMENT = """Statement on the flooding in the northern districts
Ministry of Water Resources – Press Office
REPUBLIC OF ELDORIA
Ministry of Water Resources
Ref: MWR/PR/2023/019
PRESS RELEASE

The Ministry of Water Resources informs the public that the river burst its banks on Sunday.

1. Rescue teams evacuated 1,200 residents from low-lying areas near the dam.

2. The Ministry calls on residents to follow the instructions of the emergency services.

In an emergency, call 199.

Water is life!

Port Avalon, 3 April 2023

Jonas Verra
Minister of Water Resources
"""

FILLER = (
    "The port authority said the closure would last until the wind dropped below gale force, "
    "and that pilots would guide the waiting ships in one at a time once it did. Traders at "
    "the fish market said prices had doubled since Sunday, and several restaurants on the "
    "seafront had closed their kitchens for the week.\n\n"
)
REPORT = (
    "Storm closes harbour for second day\nThe Harbour Times\n"
    "PORT AVALON, Tuesday, April 4, 2023 (Coastal Wire) — The harbour stayed shut.\n\n"
    'Fishermen said they had lost a week\'s income. "We cannot go out," said one captain.\n\n'
    + FILLER
    * 3
    + "This article was first published by Coastal Wire and is republished under licence.\n"
    "Related\nBridge repairs delayed until spring\n"
    "Ferry operator cuts winter timetable by a third\nShare: Facebook / Telegram / X\n"
    "Follow The Harbour Times on X for live updates\n"
)


def doc(body: str, **kw):
    return build_document(RawInput(source="a.txt", raw=body, body=body, **kw), "d1")


def test_statement_letterhead_reference_service_and_slogan_go() -> None:
    d = doc(STATEMENT)
    for line in ["REPUBLIC OF ELDORIA", "Ref: MWR/PR/2023/019", "PRESS RELEASE", "call 199",
                 "Water is life!"]:  # fmt: skip
        assert line not in d.text
    assert d.text.startswith("The Ministry of Water Resources informs")
    assert "Port Avalon, 3 April 2023" in d.text  # the signature stays
    assert d.outlet == "Ministry of Water Resources – Press Office"
    assert d.doc_type == "statement"
    assert d.published == "2023-04-03"


def test_report_masthead_credit_related_items_share_and_follow_go() -> None:
    d = doc(REPORT)
    assert d.outlet == "The Harbour Times"
    assert d.published == "2023-04-04"
    for line in ["republished under licence", "Bridge repairs", "Ferry operator", "Telegram",
                 "Follow The Harbour"]:  # fmt: skip
        assert line not in d.text
    # related items under a header are not a link list of other outlets (an aggregation sign)
    kinds = [k for k, _ in clean_lines(REPORT.split("\n")).kinds]
    assert kinds.count("related_item") == 2 and "link_list" not in kinds
    assert "We cannot go out" in d.text


def test_a_standfirst_is_no_letterhead() -> None:
    body = (
        "Rebels Take Border Town\nThe Valley Courier\nResidents Flee as Fighting Spreads\n"
        "Rebels seized the border town of Nalu on Monday after two days of fighting.\n"
    )
    cleaned = clean_lines(body.split("\n"))
    assert cleaned.masthead == "The Valley Courier"
    assert "Residents Flee as Fighting Spreads" in cleaned.paragraphs


def test_second_line_that_is_a_sentence_is_no_masthead() -> None:
    cleaned = clean_lines(["Rebels take town", "Rebels seized the town of Nalu on Monday."])
    assert cleaned.masthead is None
    assert cleaned.paragraphs == ["Rebels seized the town of Nalu on Monday."]


def test_metadata_outlet_masthead_line_goes() -> None:
    body = "Valley Fire Watch - daily briefing\nCrews contained the fire on Friday morning.\n"
    d = doc(body, title="Fire contained", outlet="Valley Fire Watch")
    assert "daily briefing" not in d.text


def test_roundup_with_sources_list_is_aggregation_and_my_take_is_opinion() -> None:
    body = (
        "Harbour storm: what we know\nCoast Digest\n"
        "The Harbour Times reported that the port was shut. Coastal Wire said ships waited "
        "offshore, and Radio Avalon put the losses at 2 million.\n\n"
        "Sources: The Harbour Times, Coastal Wire, Radio Avalon, Port Authority\n"
    )
    assert doc(body).doc_type == "aggregation"
    body = (
        "Why the harbour must reopen\nDock Notes\n"
        "The port has been shut for two days and the fishermen are counting losses.\n\n"
        "My take: the authority should publish its safety survey today.\n"
    )
    assert doc(body).doc_type == "opinion"


def test_image_copyright_caption_line_goes() -> None:
    body = (
        "Storm closes harbour\nThe Harbour Times\n"
        "The harbour stayed shut for a second day, the port authority said on Tuesday.\n"
        "Image copyright Coastal Wire Image caption The quay under water on Monday.\n"
        "Fishermen said they had lost a week's income.\n"
    )
    d = doc(body)
    assert "Image caption" not in d.text and "lost a week" in d.text
