"""The local web app: pages over the store, a JSON API mirroring the contract, uploads.

Everything is served from this process and the package: templates, CSS, JS and the API
docs' assets (fastapi-offline) are local, so the app works with no network. Article
text is untrusted HTML: templates autoescape, the document view escapes every character
of the text itself (web/highlight.py), and pages carry a Content-Security-Policy that
allows only this server's own scripts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from markupsafe import Markup
from starlette.middleware.base import BaseHTTPMiddleware

from storyline import __version__
from storyline.config import Settings
from storyline.models import Analysis, Claim, Document, Entity, Event, MentionRef, Quote, Story
from storyline.render.basemap import Pin, map_svg
from storyline.render.control_strip import Cite, control_strips, strip_svg
from storyline.store import Store
from storyline.web.highlight import highlight, parse_passage
from storyline.web.jobs import Jobs, Upload
from storyline.web.views import Index, passage_href

HERE = Path(__file__).parent
ALLOWED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv", ".xml", ".rss", ".atom")
MAX_FILES = 50
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class UploadError(ValueError):
    """A bad upload, with a message for the user."""


def _web_cite(ref: MentionRef) -> Cite:
    """A control strip's citation: the document page with the passage marked."""
    return Cite(
        ref.document, f"/documents/{ref.document}?p={ref.start}-{ref.end}#p-{ref.start}-{ref.end}"
    )


def safe_name(name: str | None, fallback: str) -> str:
    """A file name with no folders and only plain characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" .")[:100]
    return base or fallback


def check_upload(name: str, data: bytes, limit: int) -> Upload:
    """Reject what ingest could never use, with a clear reason naming the file."""
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise UploadError(f"{name}: unsupported file type (use {', '.join(ALLOWED_SUFFIXES)})")
    if len(data) > limit:
        raise UploadError(f"{name}: {len(data)} bytes, over the {limit}-byte limit")
    if not data.strip():
        raise UploadError(f"{name}: empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError(f"{name}: binary data, not a text, HTML, JSONL, CSV or feed file")
    return Upload(name, data)


class _Limits(BaseHTTPMiddleware):
    """Refuse oversized request bodies before reading them; add security headers."""

    def __init__(self, app, max_body: int) -> None:
        super().__init__(app)
        self.max_body = max_body

    async def dispatch(self, request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return JSONResponse(
                {"detail": f"request of {length} bytes, over the {self.max_body}-byte limit"},
                status_code=413,
            )
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        is_docs = request.url.path.startswith(("/docs", "/static-offline-docs"))
        if not is_docs:  # the Swagger page runs one inline script of its own
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The app over one store. `app.state.jobs` runs the uploads."""
    settings = settings or store.settings
    max_file = settings.max_bytes
    app = FastAPIOffline(
        title="Storyline",
        version=__version__,
        description=(
            "Stories, sources, quotes, claims and places from the local store. The JSON "
            "API mirrors the `storyline.json` contract (schema version 1)."
        ),
        redoc_url=None,
    )
    app.add_middleware(_Limits, max_body=max_file * 4 + 100_000)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(passage_href=passage_href, version=__version__)
    jobs = Jobs(store, settings)
    app.state.store, app.state.jobs = store, jobs
    cache: dict[str, object] = {}

    def index() -> Index:
        analysis = store.load_analysis() or Analysis()
        if cache.get("analysis") is not analysis:
            cache["analysis"], cache["index"] = analysis, Index(analysis)
        return cache["index"]  # type: ignore[return-value]

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        return templates.TemplateResponse(
            request, name, {"ix": index(), **context}, status_code=status
        )

    def found(value, what: str, key: str):
        """The value looked up, or a 404 naming what was not found."""
        if value is None:
            raise HTTPException(404, f"no {what} {key!r} in the store")
        return value

    async def read_uploads(files: list[UploadFile], text: str, title: str) -> list[Upload]:
        uploads: list[Upload] = []
        if len(files) > MAX_FILES:
            raise UploadError(f"{len(files)} files: at most {MAX_FILES} per upload")
        for i, f in enumerate(files):
            if not f.filename:
                continue  # the browser sends an empty part when no file is chosen
            data = await f.read(max_file + 1)
            uploads.append(check_upload(safe_name(f.filename, f"file{i}.txt"), data, max_file))
        if text.strip():
            body = (title.strip() + "\n\n" if title.strip() else "") + text.strip() + "\n"
            name = safe_name(title, "pasted")[:60] + ".txt" if title.strip() else "pasted.txt"
            uploads.append(check_upload(name, body.encode("utf-8"), max_file))
        if not uploads:
            raise UploadError("nothing to add: choose files or paste an article")
        return uploads

    # ------------------------------------------------------------------ pages

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, message=exc.detail)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(
        request: Request,
        q: str = "",
        date_from: str = "",
        date_to: str = "",
        place: str = "",
        entity: str = "",
        outlet: str = "",
    ):
        filters = dict(
            q=q, date_from=date_from, date_to=date_to, place=place, entity=entity, outlet=outlet
        )
        stories = store.list_stories(**{k: v.strip() or None for k, v in filters.items()})
        counts = store.counts()
        return page(request, "stories.html", stories=stories, filters=filters, counts=counts)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str):
        ix = index()
        story = found(ix.stories.get(story_id), "story", story_id)
        strips = control_strips(ix.analysis, story.documents, _web_cite)
        return page(
            request,
            "story.html",
            story=story,
            svg=Markup(map_svg(ix.story_places(story), title=f"Places in {story.title}")),
            strips=[Markup(strip_svg(x)) for x in strips],  # labels escaped in strip_svg
        )

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entity_list(request: Request):
        return page(request, "entities.html")

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str):
        entity = found(index().entities.get(entity_id), "entity", entity_id)
        # The basemap escapes every label it writes, so its SVG is safe markup.
        geo = entity.geo
        pins = [Pin(entity.name, geo.lat, geo.lon, area=geo.feature == "country")] if geo else []
        svg = Markup(map_svg(pins, title=entity.name))
        return page(request, "entity.html", entity=entity, svg=svg)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, p: str = ""):
        ix = index()
        doc = found(ix.docs.get(doc_id) or store.get_document(doc_id), "document", doc_id)
        passage = parse_passage(p, len(doc.text))
        body = highlight(doc.text, ix.document_marks(doc), passage)
        return page(request, "document.html", doc=doc, body=body, passage=passage)

    @app.get("/documents/{doc_id}/raw", include_in_schema=False)
    def document_raw(doc_id: str):
        raw = found(store.get_raw(doc_id), "raw input for document", doc_id)
        data = raw.raw.encode("utf-8") if isinstance(raw.raw, str) else raw.raw
        # Served as an attachment of plain bytes: never rendered as HTML by the browser.
        return Response(
            data,
            media_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{doc_id}.raw"'},
        )

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_form(request: Request):
        return page(request, "add.html", errors=[], max_file=max_file)

    @app.post("/add", include_in_schema=False)
    async def add_submit(
        request: Request,
        files: Annotated[list[UploadFile], File()] = [],  # noqa: B006
        text: Annotated[str, Form()] = "",
        title: Annotated[str, Form()] = "",
    ):
        try:
            uploads = await read_uploads(files, text, title)
        except UploadError as exc:
            return page(request, "add.html", 400, errors=[str(exc)], max_file=max_file)
        job = jobs.submit(uploads)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str):
        job = found(jobs.get(job_id), "job", job_id)
        return page(request, "job.html", job=job)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request):
        return page(request, "api.html")

    # ------------------------------------------------------------------- API

    @app.get("/api/analysis", response_model=Analysis, tags=["contract"])
    def api_analysis():
        """The whole analysis of the store, as `storyline.json`."""
        return index().analysis

    @app.get("/api/stories", response_model=list[Story], tags=["contract"])
    def api_stories(
        q: str | None = None,
        date_from: Annotated[str | None, Query(description="ISO date, partial allowed")] = None,
        date_to: Annotated[str | None, Query(description="ISO date, partial allowed")] = None,
        place: Annotated[str | None, Query(description="Place entity id or name")] = None,
        entity: Annotated[str | None, Query(description="Entity id or name")] = None,
        outlet: str | None = None,
        limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
    ):
        """Stories matching every filter given."""
        return store.list_stories(q, date_from, date_to, place, entity, outlet, limit, offset)

    @app.get("/api/stories/{story_id}", response_model=Story, tags=["contract"])
    def api_story(story_id: str):
        story = found(index().stories.get(story_id), "story", story_id)
        return story

    @app.get("/api/entities", response_model=list[Entity], tags=["contract"])
    def api_entities(type: str | None = None, q: str | None = None):
        needle = (q or "").lower()
        return [
            e
            for e in index().analysis.entities
            if (type is None or e.type == type)
            and (not needle or any(needle in a.lower() for a in [e.name, *e.aliases]))
        ]

    @app.get("/api/entities/{entity_id}", response_model=Entity, tags=["contract"])
    def api_entity(entity_id: str):
        entity = found(index().entities.get(entity_id), "entity", entity_id)
        return entity

    @app.get("/api/documents", response_model=list[Document], tags=["contract"])
    def api_documents(story: str | None = None, outlet: str | None = None):
        return [
            d
            for d in index().analysis.documents
            if (story is None or d.story == story) and (outlet is None or d.outlet == outlet)
        ]

    @app.get("/api/documents/{doc_id}", response_model=Document, tags=["contract"])
    def api_document(doc_id: str):
        doc = found(index().docs.get(doc_id) or store.get_document(doc_id), "document", doc_id)
        return doc

    def in_story(doc_id: str, story: str | None) -> bool:
        if story is None:
            return True
        s = index().stories.get(story)
        return s is not None and doc_id in s.documents

    @app.get("/api/quotes", response_model=list[Quote], tags=["contract"])
    def api_quotes(
        story: str | None = None, document: str | None = None, speaker: str | None = None
    ):
        return [
            q
            for q in index().analysis.quotes
            if in_story(q.document, story)
            and (document is None or q.document == document)
            and (speaker is None or q.speaker == speaker)
        ]

    @app.get("/api/claims", response_model=list[Claim], tags=["contract"])
    def api_claims(
        story: str | None = None,
        document: str | None = None,
        status: str | None = None,
        group: str | None = None,
    ):
        return [
            c
            for c in index().analysis.claims
            if in_story(c.document, story)
            and (document is None or c.document == document)
            and (status is None or c.status == status)
            and (group is None or c.group == group)
        ]

    @app.get("/api/events", response_model=list[Event], tags=["contract"])
    def api_events(story: str | None = None):
        ix = index()
        if story is None:
            return ix.analysis.events
        s = ix.stories.get(story)
        return ix.story_events(s) if s else []

    @app.post("/api/documents", status_code=202, tags=["add"])
    async def api_add(
        files: Annotated[list[UploadFile], File()] = [],  # noqa: B006
        text: Annotated[str, Form()] = "",
        title: Annotated[str, Form()] = "",
    ):
        """Add articles (files and/or pasted text); returns the background job."""
        try:
            uploads = await read_uploads(files, text, title)
        except UploadError as exc:
            raise HTTPException(400, str(exc)) from None
        return jobs.submit(uploads).as_dict()

    @app.get("/api/jobs/{job_id}", tags=["add"])
    def api_job(job_id: str):
        """Progress of an add-articles job: state, phase, done/total, results."""
        job = found(jobs.get(job_id), "job", job_id)
        return job.as_dict()

    return app
