"""Web app over a hand-made store (no spaCy): pages, JSON API, uploads' validation."""

from __future__ import annotations

import hashlib
import re

import pytest
from fastapi.testclient import TestClient

from storyline.ingest import IngestResult
from storyline.models import (
    Analysis,
    BriefingSentence,
    Claim,
    ClaimGroup,
    DocExtraction,
    Document,
    Entity,
    Event,
    Framing,
    FramingTerm,
    Geo,
    MentionRef,
    Quote,
    RawInput,
    Story,
)
from storyline.store import open_store
from storyline.web import create_app

# Written for these tests: a ferry strike in two made-up ports.
FERRY = (
    "Ferry crews in Orlen walked out on Tuesday, stranding about 2,000 passengers.\n\n"
    '"We will not sail until the contract is signed," union leader Mara Voss said.\n\n'
    "The port authority said more than 1,900 travellers were waiting at Kessa."
)
FERRY_2 = (
    "The strike at Orlen entered its second day, with 1,950 passengers stuck.\n\n"
    "Transport minister Ilan Brec said talks would resume on Thursday."
)
SCRIPTY = "Hostile <script>window.__pwned=1</script> text <img src=x onerror=alert(1)> ends."


def hand_made() -> tuple[IngestResult, Analysis]:
    """Three documents, two stories, entities, quotes, claims, events, framing."""
    texts = {"ferry.txt": FERRY, "ferry2.txt": FERRY_2, "odd.txt": SCRIPTY}
    ingested = IngestResult()
    outlets = ["Harbour Post", "Coastal Wire", "Odd News"]
    for i, (name, text) in enumerate(texts.items(), 1):
        doc = Document(
            id=f"d{i}",
            source=f"in/{name}",
            title=f"Story {i} <b>bold</b>",
            outlet=outlets[i - 1],
            published=f"2022-05-{10 + i:02d}",
            text=text,
            story="s1" if i < 3 else "s2",
            removed=["Share this article"],
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        ingested.documents.append(doc)
        ingested.raw[doc.id] = RawInput(source=doc.source, raw=text.encode(), body=text)
    q_start = FERRY.index("We will")
    q_end = FERRY.index(",", q_start)
    c1 = FERRY.index("about 2,000 passengers")
    c2 = FERRY_2.index("1,950 passengers")
    orlen = FERRY.index("Orlen")
    voss = FERRY.index("Mara")
    analysis = Analysis(
        documents=ingested.documents,
        stories=[
            Story(
                id="s1",
                title="Ferry strike strands passengers in Orlen",
                storyline="l1",
                documents=["d1", "d2"],
                start="2022-05-11",
                end="2022-05-12",
                summary=[
                    BriefingSentence(
                        text="Ferry crews in Orlen walked out, stranding about 2,000 passengers.",
                        sources=["d1", "d2"],
                        passages=[MentionRef(document="d1", start=0, end=FERRY.index(".") + 1)],
                    ),
                    BriefingSentence(text="Talks resume on Thursday.", sources=["d2"]),
                ],
            ),
            Story(id="s2", title="An odd <i>item</i>", documents=["d3"], storyline="l2"),
        ],
        entities=[
            Entity(
                id="e1",
                name="Orlen",
                type="GPE",
                aliases=["Orlen", "Port of Orlen"],
                geo=Geo(lat=54.3, lon=18.6, country="PL"),
                mentions=[MentionRef(document="d1", start=orlen, end=orlen + 5)],
            ),
            Entity(
                id="e2",
                name="Mara Voss",
                type="PERSON",
                aliases=["Mara Voss"],
                roles=["union leader"],
                mentions=[MentionRef(document="d1", start=voss, end=voss + 9)],
            ),
        ],
        quotes=[
            Quote(
                id="q1",
                document="d1",
                kind="direct",
                text=FERRY[q_start:q_end],
                start=q_start,
                end=q_end,
                speaker="e2",
                speaker_name="Mara Voss",
                cue="said",
            ),
        ],
        claims=[
            Claim(
                id="c1",
                document="d1",
                text="about 2,000 passengers",
                start=c1,
                end=c1 + 22,
                value=2000,
                approx="about",
                what="passengers",
                group="g1",
                status="agreed",
                claimant_name="reporter",
            ),
            Claim(
                id="c2",
                document="d2",
                text="1,950 passengers",
                start=c2,
                end=c2 + 16,
                value=1950,
                what="passengers",
                group="g1",
                status="agreed",
                claimant_name="reporter",
            ),
        ],
        claim_groups=[
            ClaimGroup(
                id="g1",
                what="stranded passengers",
                status="agreed",
                claims=["c1", "c2"],
                documents=["d1", "d2"],
            ),
        ],
        events=[
            Event(
                id="v1",
                date="2022-05-10",
                when="on Tuesday",
                description="Crews walk out",
                story="s1",
                documents=["d1"],
                place="e1",
            ),
        ],
        framing=[
            Framing(
                document="d1",
                outlet="Harbour Post",
                names=[FramingTerm(concept="strikers", terms={"crews": 1})],
                quoted=["e2"],
            ),
        ],
    )
    return ingested, analysis


def build_store(path):
    ingested, analysis = hand_made()
    store = open_store(path)
    store.save(ingested, analysis, [DocExtraction(document=d.id) for d in ingested.documents])
    return store


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("web") / "s.sqlite")
    with TestClient(create_app(store), base_url="http://127.0.0.1") as c:
        yield c
    store.close()


def test_story_list_and_filters(client):
    html = client.get("/").text
    assert "Ferry strike strands passengers in Orlen" in html and "/stories/s2" in html
    assert "An odd &lt;i&gt;item&lt;/i&gt;" in html  # titles are escaped
    only = lambda **p: re.findall(r'href="/stories/(s\d)"', client.get("/", params=p).text)  # noqa: E731
    assert only(place="orlen") == ["s1"]
    assert only(entity="Voss") == ["s1"]
    assert only(outlet="Odd News") == ["s2"]
    assert only(q="passengers") == ["s1"]
    assert only(date_from="2022-05-13") == ["s2"] and only(date_to="2022-04") == []


def test_story_page_sections_and_citations(client):
    html = client.get("/stories/s1").text
    for section in ("briefing", "timeline", "map", "quotes", "claims", "framing", "sources"):
        assert f'id="{section}"' in html
    end = FERRY.index(".") + 1
    assert f'href="/documents/d1?p=0-{end}#p-0-{end}"' in html  # cited passage
    assert 'href="/documents/d2"' in html  # a source with no passage opens the document
    assert "<svg" in html and "Orlen</text>" in html and "<path" in html  # place, basemap
    assert "Mara Voss" in html and "union leader" in html  # quotes by speaker, with role
    assert 'class="group agreed"' in html and "stranded passengers" in html
    assert "2022-05-10" in html and "on Tuesday" in html
    assert client.get("/stories/nope").status_code == 404


def test_story_page_draws_events_and_the_changing_figure_over_time(client):
    html = client.get("/stories/s1").text
    timeline = html[html.index('<section id="timeline">') : html.index('<section id="map">')]
    svg = re.search(r'<svg class="timeline-chart".*?</svg>', timeline, re.S).group(0)
    assert "<title>2022-05-10 (“on Tuesday”): Crews walk out — sources: d1 (Harbour Post)" in svg
    assert 'href="/documents/d1"' in svg  # the event's source document
    # the passenger count, 2,000 then 1,950 by the documents' dates, each point cited
    assert "stranded passengers (g1, agreed, changes over time)" in svg
    c2 = FERRY_2.index("1,950 passengers")
    assert f'href="/documents/d2?p={c2}-{c2 + 16}#p-{c2}-{c2 + 16}"' in svg
    assert ">1,950 [d2]</text>" in svg
    assert "timeline-chart" not in client.get("/stories/s2").text  # nothing dated there


def test_document_page_highlights_and_folds(client):
    end = FERRY.index(".") + 1
    html = client.get(f"/documents/d1?p=0-{end}").text
    assert f'<mark id="p-0-{end}" class="cited">' in html
    assert '<span class="quote"' in html and '<span class="claim"' in html
    assert 'href="/entities/e1"' in html  # mentions link to their entity
    assert "<details" in html and "Share this article" in html  # removed lines, folded
    # An invalid passage is ignored, never an error.
    assert client.get("/documents/d1?p=5-99999").status_code == 200
    assert "<mark" not in client.get("/documents/d1?p=x").text.split("<article")[1]


def test_entity_page(client):
    html = client.get("/entities/e2").text
    assert "union leader" in html and "We will not sail" in html and "2022-05-11" in html
    assert "<svg" in client.get("/entities/e1").text
    assert client.get("/entities").status_code == 200


def test_untrusted_text_is_escaped_everywhere(client):
    for url in ("/documents/d3", "/stories/s2", "/"):
        body = client.get(url).text
        assert "<script>window" not in body and "<img src=x" not in body
    api = client.get("/api/documents/d3")  # JSON keeps the text as is, never sniffed as HTML
    assert api.json()["text"] == SCRIPTY
    assert api.headers["content-type"] == "application/json"
    assert api.headers["x-content-type-options"] == "nosniff"
    html = client.get("/documents/d3").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "Story 3 &lt;b&gt;bold&lt;/b&gt;" in html
    csp = client.get("/documents/d3").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    raw = client.get("/documents/d3/raw")
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.content == SCRIPTY.encode()


def test_json_api_mirrors_the_contract(client):
    analysis = Analysis.model_validate(client.get("/api/analysis").json())
    assert [d.id for d in analysis.documents] == ["d1", "d2", "d3"]
    assert [s["id"] for s in client.get("/api/stories", params={"place": "e1"}).json()] == ["s1"]
    assert client.get("/api/stories/s1").json()["summary"][0]["sources"] == ["d1", "d2"]
    assert client.get("/api/entities/e2").json()["roles"] == ["union leader"]
    assert client.get("/api/documents/d2").json()["text"] == FERRY_2
    assert [q["id"] for q in client.get("/api/quotes", params={"story": "s1"}).json()] == ["q1"]
    assert client.get("/api/quotes", params={"story": "s2"}).json() == []
    assert len(client.get("/api/claims", params={"status": "agreed"}).json()) == 2
    assert client.get("/api/events", params={"story": "s1"}).json()[0]["when"] == "on Tuesday"
    assert client.get("/api/entities/nope").status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/analysis", "/api/stories/{story_id}", "/api/quotes", "/api/events"):
        assert path in paths


def test_api_docs_are_served_offline(client):
    docs = client.get("/docs").text
    assert "swagger-ui-bundle.js" in docs
    assert not re.search(r'(src|href)="https?://', docs)  # no CDN
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    for page in ("/", "/stories/s1", "/documents/d1", "/add", "/api"):
        assert not re.search(r'(src|href)="(https?:)?//', client.get(page).text), page
    assert client.get("/static/app.js").status_code == 200


def test_bad_uploads_get_clear_errors(client):
    def post(files=None, **data):
        return client.post("/api/documents", files=files or {}, data=data)

    r = post({"files": ("evil.exe", b"MZ\x00\x00", "application/octet-stream")})
    assert r.status_code == 400 and "evil.exe: unsupported file type" in r.json()["detail"]
    r = post({"files": ("blank.txt", b"   \n", "text/plain")})
    assert r.status_code == 400 and "blank.txt: empty file" in r.json()["detail"]
    r = post({"files": ("bin.txt", b"abc\x00\x01\x02", "text/plain")})
    assert r.status_code == 400 and "binary" in r.json()["detail"]
    r = post()
    assert r.status_code == 400 and "nothing to add" in r.json()["detail"]
    limit = client.app.state.store.settings.max_bytes
    r = post({"files": ("big.txt", b"a" * (limit + 1), "text/plain")})
    assert r.status_code in (400, 413) and "limit" in r.json()["detail"]
    huge = b"a" * (limit * 4 + 200_000)
    r = post({"files": ("huge.txt", huge, "text/plain")})
    assert r.status_code == 413
    form = client.post("/add", data={"text": "  "})
    assert form.status_code == 400 and "nothing to add" in form.text
    assert "../" not in client.app.state.jobs.jobs.__repr__()
