"""The JSON API: the store's current analysis, record by record, as the contract has it
(`storyline.json`, schema version 1). Uploads and jobs are in web/uploads.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from storyline.models import Analysis, Claim, Document, Entity, Event, Quote, Story
from storyline.web.state import Web, found
from storyline.web.views import Index

router = APIRouter(prefix="/api", tags=["contract"])


def _in_story(ix: Index, doc_id: str, story: str | None) -> bool:
    if story is None:
        return True
    s = ix.stories.get(story)
    return s is not None and doc_id in s.documents


@router.get("/analysis", response_model=Analysis)
def api_analysis(web: Web):
    """The whole analysis of the store, as `storyline.json`."""
    return web.index().analysis


@router.get("/stories", response_model=list[Story])
def api_stories(
    web: Web,
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
    return web.store.list_stories(q, date_from, date_to, place, entity, outlet, limit, offset)


@router.get("/stories/{story_id}", response_model=Story)
def api_story(web: Web, story_id: str):
    return found(web.index().stories.get(story_id), "story", story_id)


@router.get("/entities", response_model=list[Entity])
def api_entities(web: Web, type: str | None = None, q: str | None = None):
    needle = (q or "").lower()
    return [
        e
        for e in web.index().analysis.entities
        if (type is None or e.type == type)
        and (not needle or any(needle in a.lower() for a in [e.name, *e.aliases]))
    ]


@router.get("/entities/{entity_id}", response_model=Entity)
def api_entity(web: Web, entity_id: str):
    return found(web.index().entities.get(entity_id), "entity", entity_id)


@router.get("/documents", response_model=list[Document])
def api_documents(web: Web, story: str | None = None, outlet: str | None = None):
    return [
        d
        for d in web.index().analysis.documents
        if (story is None or d.story == story) and (outlet is None or d.outlet == outlet)
    ]


@router.get("/documents/{doc_id}", response_model=Document)
def api_document(web: Web, doc_id: str):
    doc = web.index().docs.get(doc_id) or web.store.get_document(doc_id)
    return found(doc, "document", doc_id)


@router.get("/quotes", response_model=list[Quote])
def api_quotes(
    web: Web, story: str | None = None, document: str | None = None, speaker: str | None = None
):
    ix = web.index()
    return [
        q
        for q in ix.analysis.quotes
        if _in_story(ix, q.document, story)
        and (document is None or q.document == document)
        and (speaker is None or q.speaker == speaker)
    ]


@router.get("/claims", response_model=list[Claim])
def api_claims(
    web: Web,
    story: str | None = None,
    document: str | None = None,
    status: str | None = None,
    group: str | None = None,
):
    ix = web.index()
    return [
        c
        for c in ix.analysis.claims
        if _in_story(ix, c.document, story)
        and (document is None or c.document == document)
        and (status is None or c.status == status)
        and (group is None or c.group == group)
    ]


@router.get("/events", response_model=list[Event])
def api_events(web: Web, story: str | None = None):
    ix = web.index()
    if story is None:
        return ix.analysis.events
    s = ix.stories.get(story)
    return ix.story_events(s) if s else []
