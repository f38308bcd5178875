"""Cleaning rules, one by one, on fixtures of our own; then the seeds (read at run time)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.comments import split_comments
from storyline.ingest.documents import build_document
from storyline.lexicon import Knowledge
from storyline.models import Document, Problem, RawInput

LEAD = (
    "The regional council approved the new harbour budget on Tuesday after a debate "
    "that lasted well into the night, officials said."
)
SECOND = "Opposition members said the plan ignored the fishing communities on the coast."


def doc(body: str, knowledge: Knowledge | None = None, **meta) -> Document:
    raw = RawInput(source="fixture.txt", raw=body, body=body, **meta)
    built = build_document(raw, "d1", knowledge)
    assert isinstance(built, Document), built
    return built


def article(*middle: str) -> str:
    """A headline, the given lines between two real paragraphs, blank-line separated."""
    return "\n\n".join(["Council backs harbour plan", LEAD, *middle, SECOND])


@pytest.mark.parametrize(
    "line",
    [
        "2 min read",
        "12 min read",
        "Reading time: 4 minutes",
        "Related Content",
        "Related articles:",
        "You may also like",
        "Read more ....",
        "Read more: Why the harbour matters",
        "Continue reading »",
        "Share this article",
        "Share on Facebook",
        "Facebook | Twitter | WhatsApp",
        "Subscribe to our newsletter",
        "Sign up for breaking news alerts",
        "Follow us on Telegram",
        "No comments:",
        "Post a Comment",
        "Newer Post Older Post Home",
        "Advertisement",
        "© 2024 Harbour Times. All rights reserved.",
        "Labels: harbour, council",
        "* * *",
    ],
)
def test_boilerplate_line_is_removed_and_kept_verbatim(line):
    d = doc(article(line))
    assert line not in d.text
    assert line in d.removed
    assert d.text == LEAD + "\n\n" + SECOND


def test_removed_line_is_the_exact_original_string():
    d = doc(article("  3 min read \u00a0"))
    assert "  3 min read \u00a0" in d.removed


def test_repeated_headline_is_removed_but_title_kept():
    d = doc(article("Council Backs Harbour Plan."))
    assert d.title == "Council backs harbour plan"
    assert d.removed == ["Council Backs Harbour Plan."]
    assert "Council" not in d.text.split("\n\n")[0][:8]


def test_metadata_title_is_used_and_its_repeat_in_the_body_removed():
    body = "\n\n".join(["Council backs harbour plan", LEAD, SECOND])
    d = doc(body, title="Council backs harbour plan")
    assert d.title == "Council backs harbour plan"
    assert d.text.startswith(LEAD)
    assert d.removed == ["Council backs harbour plan"]


@pytest.mark.parametrize(
    "caption",
    [
        "Fishermen unload their catch at dawn on Monday [AFP]",
        "Fishermen unload their catch at dawn on Monday [Harbour Times]",
        "Fishermen unload their catch at dawn on Monday. Reuters.",
        "Fishermen unload their catch at dawn on Monday (AP Photo)",
        "Fishermen unload their catch at dawn on Monday - Getty Images",
        "Fishermen unload their catch at dawn on Monday. Photo: Ana Ruiz/EPA",
        "Fishermen unload their catch at dawn on Monday. Coastline Photos / Ana Ruiz",
        "Photo: Ana Ruiz",
        "AFP",
    ],
)
def test_captions_and_credits_are_removed(caption):
    d = doc(article(caption))
    assert caption in d.removed
    assert d.text == LEAD + "\n\n" + SECOND


def test_sentence_ending_in_an_acronym_in_parentheses_is_not_a_caption():
    line = "The figures were published by the Coastal Fisheries Board (CFB)."
    d = doc(article(line))
    assert line in d.text


def test_inline_credit_sentence_is_cut_out_of_its_paragraph():
    para = "Boats were damaged in the storm. Reuters. Repairs will take weeks, the port said."
    d = doc(article(para))
    assert "Boats were damaged in the storm. Repairs will take weeks, the port said." in d.text
    assert "Reuters." in d.removed
    # a sentence that merely names an agency stays
    d2 = doc(article("The storm was first reported by Reuters. Repairs will take weeks."))
    assert "reported by Reuters. Repairs" in d2.text


def test_source_line_gives_outlet_and_is_removed():
    d = doc(article("Source: Harbour Times"))
    assert d.outlet == "Harbour Times"
    assert "Source: Harbour Times" in d.removed
    assert "Source" not in d.text


def test_metadata_outlet_wins_over_source_line():
    d = doc(article("Source: Harbour Times"), outlet="Coast Weekly")
    assert d.outlet == "Coast Weekly"


def test_sentence_about_sources_is_not_a_source_line():
    line = "Sources close to the council said the vote had been delayed twice."
    d = doc(article(line))
    assert line in d.text
    assert d.outlet is None


def test_link_list_is_removed():
    links = "\n".join(
        [
            "Council approves harbour plan after long debate -- Harbour Times",
            "Fishermen protest outside council hall -- Coast Weekly",
            "What the new harbour budget means for you -- The Daily Tide",
        ]
    )
    d = doc(article("More News On The Harbour Plan", links))
    assert d.text == LEAD + "\n\n" + SECOND
    assert sum(" -- " in r for r in d.removed) == 3


def test_single_dash_attribution_line_is_not_a_link_list():
    line = "Harbour chief quits over budget dispute – Council"
    d = doc(article(line))
    assert line in d.text


def test_datelines_at_the_top_are_removed_and_date_kept():
    body = "Tuesday, March 5, 2024\n\nCouncil backs harbour plan\n\n" + LEAD
    d = doc(body)
    assert d.title == "Council backs harbour plan"
    assert d.published == "2024-03-05"
    assert d.removed == ["Tuesday, March 5, 2024"]
    assert d.text == LEAD


def test_byline_gives_author():
    d = doc("Council backs harbour plan\n\nBy Marta Silva | Harbour desk\n\n" + LEAD)
    assert d.author == "Marta Silva"
    assert d.text == LEAD


def test_a_dateline_that_ends_in_a_byline_gives_date_and_author():
    d = doc("Council backs harbour plan\n\nPosted on 9 May 2021 by Ionela Țepeș-Adeyemi\n\n" + LEAD)
    assert d.published == "2021-05-09"
    assert d.author == "Ionela Țepeș-Adeyemi"
    assert d.text == LEAD


def test_date_chrome_is_no_author():
    from storyline.ingest.documents import _plausible_author

    assert _plausible_author("Published ; Harbour newsroom") is None
    assert _plausible_author("Updated 12:04") is None
    assert _plausible_author("Marta Silva") == "Marta Silva"


def test_blank_line_paragraphs_and_line_paragraphs_are_kept():
    d = doc("Council backs harbour plan\n\n" + LEAD + "\n\n" + SECOND)
    assert d.text.split("\n\n") == [LEAD, SECOND]
    d2 = doc("Council backs harbour plan\n" + LEAD + "\n" + SECOND)
    assert d2.text.split("\n\n") == [LEAD, SECOND]


def test_hard_wrapped_lines_are_joined():
    wrapped = (
        "The regional council approved the new harbour\nbudget on Tuesday after a long debate."
    )
    d = doc("Council backs harbour plan\n\n" + wrapped)
    assert d.text == wrapped.replace("\n", " ")


def test_title_is_first_line_that_is_not_a_dateline_or_boilerplate():
    d = doc("16 May, 2024\n2 min read\nCouncil backs harbour plan\n" + LEAD)
    assert d.title == "Council backs harbour plan"


def test_document_with_nothing_but_boilerplate_is_a_problem():
    built = build_document(
        RawInput(source="x.txt", raw="", body="Related Content\n\nShare this"), "d1"
    )
    assert isinstance(built, Problem)
    assert built.stage == "clean"


def test_patterns_extend_through_a_data_folder(tmp_path):
    (tmp_path / "boilerplate.toml").write_text(
        "[lines]\npromo = ['''watch our harbour documentary.*''']\n"
    )
    line = "Watch our harbour documentary tonight"
    assert line in doc(article(line)).text
    d = doc(article(line), Knowledge([tmp_path]))
    assert line in d.removed and line not in d.text


# ------------------------------------------------------------------ reader comments


def test_blog_comments_are_split_with_authors_and_several_paragraphs():
    body = "\n\n".join(
        [
            "Council backs harbour plan",
            LEAD,
            SECOND,
            "Marta Silva said...",
            "Finally some money for the harbour.",
            "Rui O'Neill said...",
            "Marta Silva:",
            "It is not enough money.",
            "And the fishermen were never asked.",
            "Post a Comment",
        ]
    )
    d = doc(body)
    assert d.text == LEAD + "\n\n" + SECOND
    assert [c.author for c in d.comments] == ["Marta Silva", "Rui O'Neill"]
    assert d.comments[1].text.split("\n\n") == [
        "Marta Silva:",
        "It is not enough money.",
        "And the fishermen were never asked.",
    ]
    assert "Post a Comment" in d.removed


def test_leave_a_reply_section_with_timestamps():
    body = "\n".join(
        [
            "Council backs harbour plan",
            LEAD,
            SECOND,
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Ines Costa says:",
            "May 3, 2024 at 9:15 am",
            "Good news for the port.",
            "Reply",
        ]
    )
    d = doc(body)
    assert d.text == LEAD + "\n\n" + SECOND
    assert [(c.author, c.text) for c in d.comments] == [("Ines Costa", "Good news for the port.")]
    assert "May 3, 2024 at 9:15 am" in d.removed
    assert "Leave a Reply" in d.removed


def test_numbered_comments_section_without_headers():
    body = "\n\n".join(["Council backs harbour plan", LEAD, SECOND, "3 comments", "Great."])
    d = doc(body)
    assert d.text == LEAD + "\n\n" + SECOND
    assert [c.text for c in d.comments] == ["Great."]


def test_html_comment_block_gives_named_comments():
    d = doc(
        LEAD,
        title="Council backs harbour plan",
        comments_text="2 comments\n\nMarta S.\n\nAbout time.\n\nAnonymous reader question?",
    )
    assert [(c.author, c.text) for c in d.comments] == [
        ("Marta S.", "About time."),
        (None, "Anonymous reader question?"),
    ]


@pytest.mark.parametrize("line", ["He said...", "Officials said:", "The minister said: "])
def test_article_lines_are_not_comment_headers(line):
    d = doc(article(line, "We will build it this year."))
    assert d.comments == []
    assert "We will build it this year." in d.text


def test_split_comments_leaves_lines_alone_without_a_section():
    lines = ["Headline", LEAD, "", SECOND]
    assert split_comments(lines).body == lines


# ------------------------------------------------------------------ seeds (acceptance)

READ_TIME = re.compile(r"^\s*\d+\s*min(?:ute)?s?\.?\s+read\s*$", re.IGNORECASE)
STRUCTURAL = ("Related Content", "Read more", "No comments:", "Post a Comment", "Source:")
CREDIT = re.compile(r"(?:\[[A-Z][\w ]{1,30}\]|(?:^|[.!?]\s+)(?:Reuters|AFP|AP)\.?)\s*$")
LINK_LINE = re.compile(r"^.{10,} -- [A-Z][\w. /]{1,40}$")


@pytest.fixture(scope="module")
def seed_docs(seeds_dir):
    out = {}
    for i, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        built = build_document(RawInput(source=str(path), raw=text, body=text), f"d{i + 1}")
        assert isinstance(built, Document), built
        out[path.name] = built
    assert len(out) == 5
    return out


def test_seeds_keep_no_boilerplate_in_text(seed_docs):
    for d in seed_docs.values():
        for line in d.text.split("\n"):
            assert not READ_TIME.match(line), line
            assert not line.strip().startswith(STRUCTURAL), line
            assert not CREDIT.search(line.strip()), line
            assert not LINK_LINE.match(line), line
            assert not re.match(r"^More News On\b", line), line
        # no credit sentence survives inside a paragraph
        assert not re.search(r"[.!?]\s+(?:Reuters|AFP)\.\s", d.text)


def test_seeds_repeated_headline_is_gone(seed_docs):
    for d in seed_docs.values():
        assert d.title
        assert d.title.strip() not in [p.strip() for p in d.text.split("\n\n")]


def test_seeds_removed_lines_cover_the_boilerplate(seed_docs):
    removed = [line for d in seed_docs.values() for line in d.removed]
    for marker in ("Related Content", "Read more", "No comments:", "Post a Comment", "Source:"):
        assert any(line.strip().startswith(marker) for line in removed), marker
    assert any(READ_TIME.match(line) for line in removed)
    assert sum(bool(LINK_LINE.match(line)) for line in removed) >= 10
    assert sum(bool(CREDIT.search(line.strip())) for line in removed) >= 2


def test_seed_reader_comments_are_split_out(seed_docs):
    with_comments = [d for d in seed_docs.values() if d.comments]
    assert len(with_comments) == 1
    d = with_comments[0]
    assert d.published == "2017-03-02"
    assert len(d.comments) == 2
    assert all(c.author and " " in c.author for c in d.comments)
    assert d.comments[0].author != d.comments[1].author
    # the second comment spans several paragraphs and addresses the first commenter
    assert d.comments[1].text.count("\n\n") >= 2
    assert d.comments[1].text.startswith(d.comments[0].author)
    for c in d.comments:
        assert c.author not in d.text
        for para in c.text.split("\n\n"):
            assert para not in d.text


LINE_PARTS = st.sampled_from(
    [
        "Read more",
        "....",
        " -- ",
        "Reuters.",
        "[AFP]",
        "Source: ",
        "said...",
        "Leave a Reply",
        "2 min read",
        "Sunday, December 11, 2016",
        "14/05/2023",
        "My Comment:",
        "“",
        "”",
        "Share",
        "\n",
        "\n\n",
        " ",
        "By ",
        "The council",
    ]
)


@given(st.lists(st.one_of(LINE_PARTS, st.text(max_size=30)), max_size=40).map("".join))
@settings(max_examples=200, deadline=None)
def test_cleaning_never_fails_on_odd_text(body):
    built = build_document(RawInput(source="fuzz.txt", raw=body, body=body), "d1")
    if isinstance(built, Problem):
        assert built.reason.startswith("no article text left"), built.reason
    else:
        assert built.text.strip()
        assert "\n\n\n" not in built.text


def test_headline_repeated_without_the_site_suffix_of_the_metadata_title():
    body = "\n\n".join(["Council backs harbour plan", LEAD])
    d = doc(body, title="Council backs harbour plan | Harbour Times")
    assert d.text == LEAD
    assert d.removed == ["Council backs harbour plan"]


def test_structured_html_comments_are_preferred_to_the_flat_text():
    from storyline.models import Comment

    raw = RawInput(source="p.html", raw="", body=LEAD, title="Council backs harbour plan")
    raw = raw.model_copy(
        update={
            "comments": [Comment(author="Marta S.", text="About time.")],
            "comments_text": "Marta S.\n\nAbout time.",
        }
    )
    d = build_document(raw, "d1")
    assert [(c.author, c.text) for c in d.comments] == [("Marta S.", "About time.")]
