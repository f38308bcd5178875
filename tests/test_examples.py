"""The bundled examples: complete, listed, our own words, and cleaned as the README says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.ingest import ingest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FEED = EXAMPLES / "wire-feed.jsonl"

# file name (or 'wire-feed.jsonl#row') -> (published, published_from, doc_type, comments)
EXPECTED = {
    "2023-10-15_indian-ocean-herald_dondo-falls.txt": ("2023-10-15", "text", "report", 0),
    "wire-feed.jsonl#1": ("2023-10-16", "metadata", "report", 0),
    "2023-10-16_zambezi-observer_dondo-toll.html": ("2023-10-16", "metadata", "report", 3),
    "2023-10-16_conflict-digest_dondo-roundup.txt": ("2023-10-16", "text", "aggregation", 0),
    "2023-10-17_frontline-notebook_dondo-my-take.txt": ("2023-10-17", "text", "opinion", 2),
    "wire-feed.jsonl#2": ("2023-10-15", "metadata", "statement", 0),
    "2024-03-04_indian-ocean-herald_dondo-retaken.txt": ("2024-03-04", "text", "report", 0),
    "wire-feed.jsonl#3": ("2024-03-03", "metadata", "statement", 0),
    "2024-03-05_zambezi-observer_dondo-residents-return.html": (
        "2024-03-05",
        "metadata",
        "report",
        0,
    ),
    "2024-03-06_sofala-security-review_what-next-for-dondo.txt": (
        "2024-03-06",
        "text",
        "report",
        2,
    ),
    "wire-feed.jsonl#4": ("2023-05-14", "text", "report", 0),
    "2023-05-14_danube-daily_constanta-depot-fire.txt": ("2023-05-14", "text", "report", 0),
    "2023-05-15_euro-ports-review_constanta-questions.html": (
        "2023-05-15",
        "metadata",
        "report",
        0,
    ),
    "wire-feed.jsonl#5": ("2023-05-14", "metadata", "statement", 0),
}


def article_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.name != "README.md")


def key(source: str) -> str:
    return Path(source).name


@pytest.fixture(scope="module")
def docs():
    result = ingest([str(p) for p in article_files()])
    assert result.problems == []
    return {key(d.source): d for d in result.documents}


def test_at_least_twelve_articles_in_three_forms():
    files = article_files()
    assert {p.suffix for p in files} == {".txt", ".html", ".jsonl"}
    rows = [json.loads(line) for line in FEED.read_text(encoding="utf-8").splitlines()]
    count = sum(p.suffix != ".jsonl" for p in files) + len(rows)
    assert count >= 12
    assert count == len(EXPECTED)


def test_readme_lists_every_file():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for p in article_files():
        assert p.name in readme, p.name
    for name in re.findall(r"`((?:txt|html)/[^`]+)`", readme):
        assert (EXAMPLES / name).is_file(), name


def test_examples_are_cleaned_dated_and_typed_as_documented(docs):
    assert set(docs) == set(EXPECTED)
    for name, (published, source, doc_type, comments) in EXPECTED.items():
        d = docs[name]
        assert (d.published, d.published_from, d.doc_type) == (published, source, doc_type), name
        assert len(d.comments) == comments, name
        assert d.title and d.text, name


def test_syndicated_copy_is_marked(docs):
    copies = {name: d.duplicate_of for name, d in docs.items() if d.duplicate_of}
    original = docs["2023-10-15_indian-ocean-herald_dondo-falls.txt"]
    assert copies == {"wire-feed.jsonl#1": original.id}


def test_outlets(docs):
    assert docs["2024-03-04_indian-ocean-herald_dondo-retaken.txt"].outlet == "Indian Ocean Herald"
    assert docs["2023-05-14_danube-daily_constanta-depot-fire.txt"].outlet == "Danube Daily"
    assert docs["2023-10-16_zambezi-observer_dondo-toll.html"].outlet == "Zambezi Observer"
    assert docs["wire-feed.jsonl#5"].outlet == "dobrogea-agro-terminals.example"


def test_comments_are_out_of_the_text(docs):
    for d in docs.values():
        for c in d.comments:
            assert c.text.split("\n\n")[-1] not in d.text
    authors = [c.author for c in docs["2023-10-17_frontline-notebook_dondo-my-take.txt"].comments]
    assert authors == ["Miguel Santos", "Ana Lopes"]


def test_no_boilerplate_left_in_examples(docs):
    chrome = re.compile(
        r"^(?:\d+ min read|Related Content|Read more|More News On|Post a Comment|Leave a Reply"
        r"|Source:|Labels:|Share this|FOR IMMEDIATE RELEASE|Press release|-?ENDS-?)\b",
        re.IGNORECASE,
    )
    for name, d in docs.items():
        for para in d.text.split("\n\n"):
            assert not chrome.match(para), (name, para)
            assert not re.search(r"\[AFP\]$| -- [A-Z]", para), (name, para)


def test_hard_cases_for_later_stages_are_present(docs):
    text = "\n".join(d.text for d in docs.values())
    for needle in (
        "National Resistance Front (NRF)",  # acronym definition
        "Mozambique Defence Armed Forces (FADM)",
        "at least 40",  # conflicts with the army's 12
        "Roughly 2,000 residents",
        "more than 30 strikes",
        "last March",
        "on Saturday",
        "according to",
        "Constanta",  # spelling variant of Constanța
    ):
        assert needle in text, needle
    assert re.search(r"[”\"],? Col\. Armando Zucula, an army spokesman, told", text)


def test_examples_share_no_text_with_the_seeds(seeds_dir):
    """Our own words: no run of eight words in common with the reference articles."""

    def grams(t: str) -> set[str]:
        w = re.findall(r"\w+", t.lower())
        return {" ".join(w[i : i + 8]) for i in range(len(w) - 7)}

    seeds = set().union(*(grams(p.read_text(encoding="utf-8")) for p in seeds_dir.glob("*")))
    for p in article_files():
        assert not grams(p.read_text(encoding="utf-8")) & seeds, p.name
