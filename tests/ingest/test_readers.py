"""Readers: each input kind gives the right RawInput records (fixtures in our own words)."""

from __future__ import annotations

import gzip
import io
import shutil
import sys
from pathlib import Path

import httpx
import pytest

from storyline.config import Settings
from storyline.ingest.readers import read_sources, sniff
from storyline.models import Problem, RawInput

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = Settings()


def read(*sources: str, **settings) -> list[RawInput | Problem]:
    return list(read_sources(list(sources), Settings(**settings)))


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_txt_body_is_whole_text_and_source_as_given():
    path = str(FIXTURES / "dam.txt")
    raw = only(read(path))
    assert isinstance(raw, RawInput)
    assert raw.source == path and raw.line is None and raw.format == "txt"
    assert raw.title is None  # the cleaning stage picks the headline
    assert raw.body.startswith("Dam inspection finds no damage after tremor\n\nTuesday")
    assert raw.raw == (FIXTURES / "dam.txt").read_bytes()


def test_html_main_text_metadata_and_comments_apart():
    raw = only(read(str(FIXTURES / "bridge.html")))
    assert raw.format == "html"
    assert raw.title == "River bridge reopens after repairs"
    assert raw.outlet == "Valley Courier"
    assert raw.author == "Mara Lind"
    assert raw.published == "2022-06-14"
    assert raw.url == "https://courier.example/news/bridge-reopens"
    assert "cracked arches" in raw.body and "four thousand cars" in raw.body
    for boilerplate in ("Sport", "Subscribe", "All rights reserved", "detour", "lorry ban"):
        assert boilerplate not in raw.body
    # paragraphs are separated by blank lines
    paragraphs = raw.body.split("\n\n")
    assert any(p.startswith("Engineers replaced") for p in paragraphs)
    assert "detour added twenty minutes" in raw.comments_text
    assert "Shame about the lorry ban" in raw.comments_text
    assert [(c.author, c.text[:20]) for c in raw.comments] == [
        ("Ivy Marsh", "Finally! The detour "),
        ("Olek", "Shame about the lorr"),
    ]


NESTED_COMMENTS = """<html><body><article><h1>Council votes to close the old pier</h1>
<p>The town council voted on Thursday to close the old pier to visitors from next month,
after engineers found that several of its wooden supports had rotted through.</p>
<p>Repairs would cost more than the council can spend this year, the mayor said.</p>
</article>
<div id="comments"><ol class="comment-list">
 <li id="comment-11" class="comment even depth-1">
  <article id="div-comment-11" class="comment-body">
   <footer class="comment-meta"><div class="comment-author vcard">
     <img class="avatar" src="a.png"><b class="fn">Hugo P.</b> <span class="says">says:</span></div>
     <div class="comment-metadata"><time>June 3, 2021 at 9:12 am</time></div></footer>
   <div class="comment-content"><p>My grandfather fished from that pier.</p>
     <p>Sad day for the town.</p></div>
   <div class="reply"><a class="comment-reply-link">Reply</a></div>
  </article>
  <ol class="children"><li id="comment-12" class="comment odd depth-2">
   <article id="div-comment-12" class="comment-body">
    <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Dana</b>
     <span class="says">says:</span></div></footer>
    <div class="comment-content"><p>Mine too. They should sell it for a pound.</p></div>
   </article></li></ol>
 </li>
</ol></div></body></html>"""


def test_html_comments_with_authors_nested_replies(tmp_path):
    (tmp_path / "pier.html").write_text(NESTED_COMMENTS)
    raw = only(read(str(tmp_path / "pier.html")))
    assert "grandfather" not in raw.body and "rotted through" in raw.body
    assert [(c.author, c.text) for c in raw.comments] == [
        ("Hugo P.", "My grandfather fished from that pier.\n\nSad day for the town."),
        ("Dana", "Mine too. They should sell it for a pound."),
    ]


def test_truncated_html_keeps_the_text_up_to_the_cut(tmp_path):
    page = (FIXTURES / "bridge.html").read_text()
    cut = page[: page.index("strengthened the foundations") + len("strengthened")]
    (tmp_path / "cut.html").write_text(cut)
    raw = only(read(str(tmp_path / "cut.html")))
    assert isinstance(raw, RawInput)
    assert "Alder river reopened" in raw.body
    assert raw.body.rstrip().endswith("strengthened")


def test_jsonl_column_mapping_and_line_numbers():
    path = str(FIXTURES / "rows.jsonl")
    rows = read(path)
    assert [r.line for r in rows] == [1, 3, 4]  # the blank line 2 is no article
    assert [r.source for r in rows] == [f"{path}#1", f"{path}#3", f"{path}#4"]
    first, second, third = rows
    assert first.title == "Library extends opening hours"
    assert first.url == "https://town.example/library"
    assert first.published == "2021-10-05" and first.outlet == "Town Herald"
    assert second.title == "Market square to get new trees"  # 'headline'
    assert second.body.startswith("Twelve lime trees")  # 'body'
    assert second.published == "2021-10-06"  # 'date'
    assert second.outlet == "Town Herald"  # 'source': {'name': …}
    assert second.author == "Pia Lund, Jo Ek"
    assert third.body.startswith("The swimming pool on Elm Street")  # HTML content extracted
    assert "<" not in third.body
    assert first.raw != second.raw  # each row keeps its own bytes (hashes differ)


def test_csv_rows_with_a_quoted_multiline_field():
    path = str(FIXTURES / "rows.csv")
    rows = read(path)
    assert [(r.line, r.source) for r in rows] == [(2, f"{path}#2"), (3, f"{path}#3")]
    assert rows[0].title == "Bus fares frozen" and rows[0].outlet == "Town Herald"
    assert rows[1].body.endswith("after a pause of almost\nthree years.")
    assert rows[1].published == "2021-11-04" and rows[1].url.endswith("night-trains")


def test_csv_semicolons_and_tsv(tmp_path):
    text = "Rail strike called off after a late offer from the operator and the unions."
    (tmp_path / "a.csv").write_text(
        f"Headline;Content;Link\nStrike off;{text};https://x.example/s\n"
    )
    (tmp_path / "b.tsv").write_text(f"title\tbody\nStrike off\t{text}\n")
    a, b = read(str(tmp_path / "a.csv"), str(tmp_path / "b.tsv"))
    assert a.title == b.title == "Strike off"
    assert a.body == b.body == text
    assert a.url == "https://x.example/s"


def test_json_array(tmp_path):
    text = "The harbour crane collapsed during a storm on Sunday night, but nobody was hurt."
    (tmp_path / "items.json").write_text(
        f'[{{"title": "Crane falls", "text": "{text}"}}, {{"title": "No text here"}}]'
    )
    good, bad = read(str(tmp_path / "items.json"))
    assert good.body == text and good.line == 1
    assert isinstance(bad, Problem) and bad.line == 2 and "no article text" in bad.reason


def test_rss_entries():
    path = str(FIXTURES / "wire.rss")
    first, second = read(path)
    assert first.source == f"{path}#1" and second.line == 2
    assert first.format == "feed" and first.outlet == "Harbour Wire"
    assert first.title == "Ferry service cut to two crossings a day"
    assert first.url == "https://wire.example/ferry-cut"
    assert first.published.startswith("2022-03-02")
    # full content preferred over the summary; markup reduced to paragraphs
    assert first.body.split("\n\n")[1].startswith("Islanders said")
    assert second.body.startswith("The weekly fish market")


def test_atom_entry():
    entry = only(read(str(FIXTURES / "wire.atom")))
    assert entry.title == "Snow closes the mountain pass for the weekend"
    assert entry.author == "Ruth Okafor" and entry.outlet == "Upland Notes"
    assert entry.published.startswith("2023-01-19")
    assert entry.body.startswith("Heavy snow") and "<p>" not in entry.body


def test_directory_recursive_sorted_hidden_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "b_sub").mkdir(parents=True)
    (corpus / ".git").mkdir()
    shutil.copy(FIXTURES / "dam.txt", corpus / "z.txt")
    shutil.copy(FIXTURES / "dam.txt", corpus / "b_sub" / "a.txt")
    shutil.copy(FIXTURES / "bridge.html", corpus / "a.html")
    (corpus / ".hidden.txt").write_text("secret")
    (corpus / ".git" / "config.txt").write_text("nothing")
    given = str(corpus) + "/"  # the path exactly as the user typed it
    sources = [r.source for r in read(given)]
    assert sources == [given + "a.html", given + "z.txt", given + "b_sub/a.txt"]


def test_glob_sorted_and_unmatched(tmp_path):
    for name in ("b.txt", "a.txt", "c.html"):
        shutil.copy(FIXTURES / "dam.txt", tmp_path / name)
    items = read(str(tmp_path / "*.txt"), str(tmp_path / "*.nothing"))
    assert [Path(i.source).name for i in items[:2]] == ["a.txt", "b.txt"]
    assert isinstance(items[2], Problem) and "no file matches" in items[2].reason


def test_gzipped_html(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress((FIXTURES / "bridge.html").read_bytes()))
    raw = only(read(str(tmp_path / "page.html.gz")))
    assert raw.format == "html" and raw.outlet == "Valley Courier"


def test_unknown_extension_is_sniffed(tmp_path):
    shutil.copy(FIXTURES / "bridge.html", tmp_path / "page.dat")
    shutil.copy(FIXTURES / "wire.rss", tmp_path / "feed.dat")
    page, *entries = read(str(tmp_path / "page.dat"), str(tmp_path / "feed.dat"))
    assert page.format == "html" and page.title.startswith("River bridge")
    assert [e.format for e in entries] == ["feed", "feed"]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ('{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("Plain words on a line.\nAnother line.", "txt"),
    ],
)
def test_sniff(text, fmt):
    assert sniff(text) == fmt


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(monkeypatch):
    _stdin(monkeypatch, (FIXTURES / "dam.txt").read_bytes())
    raw = only(read("-"))
    assert raw.source == "-" and raw.format == "txt" and raw.body.startswith("Dam inspection")


def test_stdin_html_and_jsonl(monkeypatch):
    _stdin(monkeypatch, (FIXTURES / "bridge.html").read_bytes())
    assert only(read("-")).outlet == "Valley Courier"
    _stdin(monkeypatch, (FIXTURES / "rows.jsonl").read_bytes())
    assert [r.source for r in read("-")] == ["-#1", "-#3", "-#4"]


def test_url_needs_fetch():
    problem = only(read("https://news.example/story"))
    assert isinstance(problem, Problem)
    assert "--fetch" in problem.reason and problem.source == "https://news.example/story"


def _mock_http(monkeypatch, handler) -> None:
    real = httpx.Client

    def client(*args, **kwargs):
        return real(*args, transport=httpx.MockTransport(handler), **kwargs)

    monkeypatch.setattr(httpx, "Client", client)


def test_url_fetch_html_and_errors(monkeypatch):
    page = (FIXTURES / "bridge.html").read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/missing":
            return httpx.Response(404)
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(200, content=page, headers={"content-type": "text/html"})

    _mock_http(monkeypatch, handler)
    good, missing, slow = read(
        "https://courier.example/a",
        "https://courier.example/missing",
        "http://x.example/slow",
        fetch=True,
    )
    assert isinstance(good, RawInput) and good.source == "https://courier.example/a"
    assert good.outlet == "Valley Courier" and "cracked arches" in good.body
    assert isinstance(missing, Problem) and "HTTP 404" in missing.reason
    assert isinstance(slow, Problem) and "timed out" in slow.reason


def test_url_fetch_size_limit(monkeypatch):
    _mock_http(monkeypatch, lambda request: httpx.Response(200, content=b"x" * 5000))
    problem = only(read("https://big.example/", fetch=True, max_bytes=1000))
    assert isinstance(problem, Problem) and problem.reason.startswith("too large")
