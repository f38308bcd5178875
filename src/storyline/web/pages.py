"""The HTML pages: stories, a story, entities, an entity, a document, the API guide.

Each handler builds everything its page shows (web/views.py); templates only display.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from storyline.pipeline import UnknownRun, changes, run_info
from storyline.render.delta import move_line, story_lines
from storyline.web.highlight import parse_passage
from storyline.web.state import Web, found, web_state

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

FILTERS = ("q", "date_from", "date_to", "place", "entity", "outlet")


async def http_error(request: Request, exc: HTTPException):
    """Errors as JSON under /api/, as a page elsewhere."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    context = {"message": exc.detail}
    return web_state(request).page(request, "error.html", context, exc.status_code)


@router.get("/")
def story_list(
    request: Request,
    web: Web,
    q: str = "",
    date_from: str = "",
    date_to: str = "",
    place: str = "",
    entity: str = "",
    outlet: str = "",
):
    filters = dict(zip(FILTERS, (q, date_from, date_to, place, entity, outlet), strict=True))
    ix = web.index()
    stories = web.store.list_stories(**{k: v.strip() or None for k, v in filters.items()})
    context = {
        "cards": [ix.story_card(s) for s in stories],
        "total": len(ix.analysis.stories),
        "filters": filters,
        "counts": web.store.counts(),
        "outlets": ix.outlets,
        "place_names": [e.name for e in ix.places[:200]],
        "entity_names": [e.name for e in ix.analysis.entities[:300]],
    }
    return web.page(request, "stories.html", context)


@router.get("/stories/{story_id}")
def story_page(request: Request, web: Web, story_id: str):
    ix = web.index()
    story = found(ix.stories.get(story_id), "story", story_id)
    return web.page(request, "story.html", {"page": ix.story_page(story)})


@router.get("/entities")
def entity_list(request: Request, web: Web):
    entities = sorted(web.index().analysis.entities, key=lambda e: (e.name, e.id))
    return web.page(request, "entities.html", {"entities": entities})


@router.get("/entities/{entity_id}")
def entity_page(request: Request, web: Web, entity_id: str):
    ix = web.index()
    entity = found(ix.entities.get(entity_id), "entity", entity_id)
    return web.page(request, "entity.html", {"page": ix.entity_page(entity)})


@router.get("/documents/{doc_id}")
def document_page(request: Request, web: Web, doc_id: str, p: str = ""):
    ix = web.index()
    doc = found(ix.docs.get(doc_id) or web.store.get_document(doc_id), "document", doc_id)
    page = ix.document_page(doc, parse_passage(p, len(doc.text)))
    return web.page(request, "document.html", {"page": page})


@router.get("/documents/{doc_id}/raw", response_class=Response)
def document_raw(web: Web, doc_id: str):
    raw = found(web.store.get_raw(doc_id), "raw input for document", doc_id)
    data = raw.raw.encode("utf-8") if isinstance(raw.raw, str) else raw.raw
    # Served as an attachment of plain bytes: never rendered as HTML by the browser.
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{doc_id}.raw"'},
    )


@router.get("/changes")
def changes_page(request: Request, web: Web, run: str = ""):
    """What a run changed (default: the latest), against the run before it."""
    chosen = int(run) if run.strip().isdigit() else None
    try:
        delta = changes(web.store, run=chosen)
    except UnknownRun as exc:
        raise HTTPException(404, str(exc)) from None
    context = {
        "delta": delta,
        "runs": [run_info(r) for r in web.store.runs() if r.has_snapshot],
        "stories": [(s, story_lines(s)) for s in delta.stories],
        "moves": [(move_line(m), m.documents) for m in delta.moves],
    }
    return web.page(request, "changes.html", context)


@router.get("/api")
def api_page(request: Request, web: Web):
    return web.page(request, "api.html", {})
