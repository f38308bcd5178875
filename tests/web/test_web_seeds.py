"""Web app over the real pipeline: the seeds served, hostile articles, concurrent uploads.

The seeds are analysed once for the module (one spaCy pass); uploads then add small
articles written for these tests, parsing only what is new.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from html import unescape
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from storyline.pipeline import add_sources
from storyline.store import open_store
from storyline.web import create_app

pytestmark = pytest.mark.slow

HOSTILE_TXT = (
    "Council vote <script>window.__pwned = 1; alert('x')</script> delayed\n\n"
    'The council of Brenna delayed its vote on Friday. <img src="x" onerror="alert(1)"> '
    'A spokesman said the <b onmouseover=alert(2)>budget</b> needed "more time".\n\n'
    "<iframe src=javascript:alert(3)></iframe> The vote is now expected next month."
)
HOSTILE_HTML = (
    "<html><head><title>Market hall reopens</title>"
    "<script>window.__pwned = 2</script></head><body><article><h1>Market hall reopens</h1>"
    "<p>The market hall in Tovik reopened on Saturday after repairs that lasted a year, "
    "the town said. Traders welcomed the return of their customers.</p>"
    "<p>&lt;script&gt;alert('escaped in source')&lt;/script&gt; "
    '<a href="javascript:alert(4)">a link</a> Officials said about 120 stalls '
    "were open.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def app_client(seeds_dir, tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("seeds") / "store.sqlite")
    add_sources(store, [str(seeds_dir)])
    with TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        yield client
    store.close()


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    """Every element the browser would build from the page: tag and attributes."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


def upload(client, files: dict[str, bytes] | None = None, **form) -> dict:
    parts = [("files", (name, data, "text/plain")) for name, data in (files or {}).items()]
    response = client.post("/api/documents", files=parts or None, data=form)
    assert response.status_code == 202, response.text
    return response.json()


def finished(client, job_id: str) -> dict:
    client.app.state.jobs.wait()
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["state"] == "done", job
    return job


def test_serves_the_seed_stories(app_client):
    analysis = app_client.get("/api/analysis").json()
    stories = analysis["stories"]
    assert len(analysis["documents"]) == 5
    listed = re.findall(r'href="/stories/(s\d+)"', app_client.get("/").text)
    assert listed == [s["id"] for s in stories]
    # Acceptance: the December 2016 fall (four documents) and the March 2017 recapture.
    assert sorted(len(s["documents"]) for s in stories) == [1, 4]
    for story in stories:
        html = app_client.get(f"/stories/{story['id']}").text
        for section in ("briefing", "timeline", "map", "quotes", "claims"):
            assert f'id="{section}"' in html
        for sentence in story["summary"]:  # every briefing sentence links its sources
            for doc in sentence["sources"]:
                assert f'href="/documents/{doc}' in html


def test_briefing_citations_open_their_passage(app_client):
    stories = app_client.get("/api/stories").json()
    cited = [
        (p["document"], p["start"], p["end"])
        for s in stories
        for sentence in s["summary"]
        for p in sentence["passages"]
    ]
    if not cited:
        pytest.skip("the briefing gives no passages")
    doc, start, end = cited[0]
    html = app_client.get(f"/documents/{doc}", params={"p": f"{start}-{end}"}).text
    text = app_client.get(f"/api/documents/{doc}").json()["text"]
    marked = re.search(rf'<mark id="p-{start}-{end}" class="cited">(.*?)</mark>', html, re.S)
    assert marked is not None
    plain = re.sub(r"<[^>]+>", "", marked.group(1))
    assert plain.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&") == (
        text[start:end].replace("<", "&lt;").replace(">", "&gt;")
    )


def test_hostile_articles_are_escaped(app_client):
    job = upload(
        app_client,
        {"hostile.txt": HOSTILE_TXT.encode(), "hostile.html": HOSTILE_HTML.encode()},
    )
    job = finished(app_client, job["id"])
    assert len(job["added"]) == 2 and job["problems"] == []
    pages = ["/", "/entities"]
    for doc_id in job["added"]:
        doc = app_client.get(f"/api/documents/{doc_id}").json()
        assert doc["source"].startswith("upload/hostile.")
        pages += [f"/documents/{doc_id}", f"/stories/{doc['story']}"]
    for url in pages:
        tags = elements(app_client.get(url).text)
        assert [a for t, a in tags if t == "script"] == [{"src": "/static/app.js", "defer": None}]
        assert not [t for t, _ in tags if t in ("iframe", "img", "object", "embed")], url
        assert not [a for _, a in tags if any(k.startswith("on") for k in a)], url
        links = [v for _, a in tags for k, v in a.items() if k in ("href", "src") and v]
        assert not [v for v in links if v.strip().lower().startswith("javascript:")], url
    sources = {d: app_client.get(f"/api/documents/{d}").json()["source"] for d in job["added"]}
    txt_doc = next(d for d, source in sources.items() if source.endswith(".txt"))
    html = app_client.get(f"/documents/{txt_doc}").text
    body = html.split('<article class="text">', 1)[1].split("</article>", 1)[0]
    # Only the app's own tags are markup: without them, the escaped body is the text.
    shown = re.sub(r"</?(span|a|mark)\b[^>]*>", "", body)
    assert (
        "<" not in shown
        and unescape(shown) == app_client.get(f"/api/documents/{txt_doc}").json()["text"]
    )
    assert "onerror=&#34;alert(1)&#34;&gt;" in shown


def test_pasted_text_and_concurrent_uploads(app_client):
    before = {d["id"] for d in app_client.get("/api/documents").json()}
    articles = {
        f"note{i}.txt": (
            f"Bridge {name} repaired\n\nWorkers in {name} finished repairing the old bridge "
            f"on Monday, the mayor said. About {10 * (i + 1)} workers took part."
        ).encode()
        for i, name in enumerate(["Alder", "Birchby", "Cowley", "Dunmore"])
    }
    jobs: list[dict] = []
    errors: list[BaseException] = []

    def send(files):
        try:
            jobs.append(upload(app_client, files))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    batches = [{name: data} for name, data in articles.items()]
    batches.append({"again.txt": articles["note0.txt"]})  # same content, another name
    threads = [threading.Thread(target=send, args=(b,)) for b in batches]
    threads.append(
        threading.Thread(
            target=lambda: jobs.append(
                upload(app_client, title="Ferry resumes", text="The ferry to Holm ran again.")
            )
        )
    )
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    results = [finished(app_client, j["id"]) for j in jobs]
    added = [d for r in results for d in r["added"]]
    assert len(added) == len(set(added)) == 5  # four notes and the pasted one, once each
    assert sum(len(r["already_stored"]) for r in results) == 1
    docs = app_client.get("/api/documents").json()
    assert {d["id"] for d in docs} == before | set(added)
    assert len({d["content_hash"] for d in docs}) == len(docs)
    assert all(d["story"] for d in docs)  # every document is in a story after the reduce
    pasted = next(d for d in docs if d["source"].startswith("upload/Ferry"))
    assert pasted["title"] == "Ferry resumes"
    job_page = app_client.get(f"/jobs/{jobs[0]['id']}").text
    assert "Added" in job_page or "already stored" in job_page
    # Each job is a run of the store; its delta names the documents it added.
    runs = [r["run"] for r in results]
    assert all(runs) and len(set(runs)) == len(runs)
    first = next(r for r in results if r["added"])
    changed = app_client.get(f"/changes?run={first['run']}").text
    assert all(f'href="/documents/{d}"' in changed for d in first["added"])


def test_formats_the_cli_reads_can_be_uploaded(app_client):
    """Markdown, NDJSON, TSV and a gzipped JSON file, refused by the form before."""
    note = "Pier {0} reopened\n\nThe pier at {0} reopened on Sunday after repairs, the town said."
    rows = [
        {"title": f"Ferry to {town} resumes", "text": f"The ferry to {town} ran again on Monday."}
        for town in ("Holm", "Vesk")
    ]
    files = {
        "pier.md": note.format("Marlow").encode(),
        "wire.ndjson": "\n".join(json.dumps(r) for r in rows).encode(),
        "list.tsv": b"title\ttext\nMarket opens\tThe market at Orsa opened on Friday.\n",
        "feed.json.gz": gzip.compress(
            json.dumps([{"title": "Dam", "text": note.format("Ide")}]).encode()
        ),
    }
    job = finished(app_client, upload(app_client, files)["id"])
    assert job["problems"] == [] and len(job["added"]) == 5
    sources = sorted(app_client.get(f"/api/documents/{d}").json()["source"] for d in job["added"])
    assert [s.split("#")[0] for s in sources] == [
        "upload/feed.json.gz",
        "upload/list.tsv",
        "upload/pier.md",
        "upload/wire.ndjson",
        "upload/wire.ndjson",
    ]
