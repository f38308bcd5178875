"""The app's routes come from three routers (pages, JSON API, uploads), and every page
is displayed from the context its handler builds (a template names nothing else)."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from jinja2 import StrictUndefined
from test_api import FERRY, build_store

from storyline.web import api, create_app, pages, uploads


def routes(routes_list) -> set[tuple[str, str]]:
    return {(m, r.path) for r in routes_list if isinstance(r, APIRoute) for m in r.methods}


@pytest.fixture(scope="module")
def strict_client(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("routes") / "s.sqlite")
    app = create_app(store)
    app.state.web.templates.env.undefined = StrictUndefined  # a name not given fails
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client
    store.close()


def test_routes_are_split_by_area(strict_client):
    page_routes = routes(pages.router.routes)
    api_routes = routes(api.router.routes)
    upload_routes = routes(uploads.router.routes)
    assert ("GET", "/stories/{story_id}") in page_routes and ("GET", "/api") in page_routes
    assert all(m == "GET" for m, _ in page_routes | api_routes)
    assert not [p for _, p in page_routes if p.startswith("/api/")]
    assert all(p.startswith("/api/") for _, p in api_routes) and len(api_routes) == 10
    assert upload_routes == {
        ("GET", "/add"),
        ("POST", "/add"),
        ("GET", "/jobs/{job_id}"),
        ("POST", "/api/documents"),
        ("GET", "/api/jobs/{job_id}"),
    }
    # The app adds no route of its own but the API docs; each router's routes are served.
    own = {p for _, p in routes(strict_client.app.routes)}
    assert own <= {"/docs", "/docs/oauth2-redirect"}
    for method, path in sorted(page_routes | api_routes | upload_routes):
        url = path.format(story_id="s1", entity_id="e1", doc_id="d1", job_id="nope")
        r = strict_client.request(method, url)
        assert r.status_code in (200, 400) or "nope" in r.text, (method, path, r.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=ferry&outlet=Harbour+Post",
        "/stories/s1",
        "/stories/s2",
        "/entities",
        "/entities/e1",
        "/entities/e2",
        f"/documents/d1?p=0-{FERRY.index('.') + 1}",
        "/documents/d3",
        "/add",
        "/api",
    ],
)
def test_every_page_renders_from_its_handlers_context(strict_client, url):
    r = strict_client.get(url)
    assert r.status_code == 200 and "</html>" in r.text


def test_error_pages_and_api_errors(strict_client):
    r = strict_client.get("/stories/nope")
    assert r.status_code == 404 and "no story &#39;nope&#39; in the store" in r.text
    assert strict_client.get("/jobs/nope").status_code == 404
    r = strict_client.get("/api/stories/nope")
    assert r.status_code == 404 and r.json() == {"detail": "no story 'nope' in the store"}
    form = strict_client.post("/add", data={"text": " "})
    assert form.status_code == 400 and "nothing to add" in form.text
