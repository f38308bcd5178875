"""Reader-comment layouts: name / timestamp / text, text / '— Name, date', widgets with
unfamiliar class names, and a widget the main-text extraction left in the body."""

from __future__ import annotations

from storyline.config import Settings
from storyline.ingest.comments import split_comments
from storyline.ingest.documents import build_document
from storyline.ingest.readers import parse_bytes
from storyline.models import RawInput

ARTICLE = [
    "Storm closes harbour",
    "The harbour stayed shut for a second day on Tuesday, the port authority said.",
    "Fishermen said they had lost a week's income.",
]


def test_name_timestamp_text_with_handles() -> None:
    lines = [
        *ARTICLE,
        "Comments (2)",
        "Rui Batista",
        "10 August 2025, 11:02",
        "I grew up by this harbour and have never seen it closed so long.",
        "harbour_watch_77",
        "20.01.2026, 09:12",
        "The authority said the same last winter.",
    ]
    split = split_comments(lines)
    assert [(c.author, c.text[:10]) for c in split.comments] == [
        ("Rui Batista", "I grew up "),
        ("harbour_watch_77", "The author"),
    ]
    assert split.body == ARTICLE


def test_text_then_dash_signature() -> None:
    lines = [
        *ARTICLE,
        "Comments",
        "The figure that matters is the overtime rate.",
        "— Ada K., 9 May 2021",
        "Balanced piece.",
        "— dock_hand, 10 May 2021",
    ]
    comments = split_comments(lines).comments
    assert [(c.author, c.text) for c in comments] == [
        ("Ada K.", "The figure that matters is the overtime rate."),
        ("dock_hand", "Balanced piece."),
    ]


PAGE = """<html><head><title>Storm closes harbour</title></head><body><article>
<h1>Storm closes harbour</h1>
<p>The harbour stayed shut for a second day on Tuesday, the port authority said, as gales
battered the coast and the fishing fleet stayed tied up at the quay for the third day.</p>
<p>Fishermen said they had lost a week's income, and traders at the market said the price
of fish had doubled since Sunday, when the storm first reached the bay.</p>
<div class="reader-reactions"><h4>Reactions (2)</h4><ul>
<li class="fb"><div class="who"><strong>Mara V.</strong></div>
<div class="when">27/10/2024 10:02</div>
<p>Thank you for covering this. Nobody else did.</p></li>
<li class="fb"><div class="who"><strong>quay_side</strong></div>
<div class="when">27/10/2024 11:48</div>
<p>The port was shut last winter too, for longer.</p></li>
</ul></div></article></body></html>"""


def test_widget_with_unfamiliar_classes_gives_authors() -> None:
    raw = next(parse_bytes(PAGE.encode(), "page.html", "html", Settings()))
    assert [(c.author, c.text[:12]) for c in raw.comments] == [
        ("Mara V.", "Thank you fo"),
        ("quay_side", "The port was"),
    ]


def test_comments_leaked_into_the_body_leave_it() -> None:
    body = "\n".join([*ARTICLE, "Mara V.", "Thank you for covering this. Nobody else did."])
    raw = RawInput(
        source="p.html",
        raw=body,
        body=body,
        comments=[{"author": "Mara V.", "text": "Thank you for covering this. Nobody else did."}],
    )
    d = build_document(raw, "d1")
    assert "Nobody else did" not in d.text and "Mara V." not in d.text
    assert [c.author for c in d.comments] == ["Mara V."]
