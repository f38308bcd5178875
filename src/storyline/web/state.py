"""What every route shares: the store, the settings, the jobs, the page templates and
the index over the store's current analysis. Routes receive it as a dependency (`Web`)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates

from storyline.config import VERSION as __version__
from storyline.config import Settings
from storyline.models import Analysis
from storyline.render.story import SECTIONS
from storyline.store import Store
from storyline.web.jobs import Jobs
from storyline.web.views import Index, cite_href, passage_href

HERE = Path(__file__).parent


def page_templates() -> Jinja2Templates:
    """The page templates; their globals only format links, they fetch no data."""
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        passage_href=passage_href, cite_href=cite_href, sections=SECTIONS, version=__version__
    )
    return templates


@dataclass
class WebState:
    store: Store
    settings: Settings
    jobs: Jobs
    templates: Jinja2Templates = field(default_factory=page_templates)
    _index: Index | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def index(self) -> Index:
        """The index over the store's current analysis, rebuilt when the analysis changes."""
        analysis = self.store.load_analysis() or Analysis()
        with self._lock:
            if self._index is None or self._index.analysis is not analysis:
                self._index = Index(analysis)
            return self._index

    def page(self, request: Request, name: str, context: dict[str, Any], status: int = 200):
        """A page from its template and the context its handler built."""
        stored = len(self.index().analysis.documents)
        return self.templates.TemplateResponse(
            request, name, {"documents_stored": stored, **context}, status_code=status
        )


def web_state(request: Request) -> WebState:
    return request.app.state.web


Web = Annotated[WebState, Depends(web_state)]


T = TypeVar("T")


def found(value: T | None, what: str, key: str) -> T:
    """The value looked up, or a 404 naming what was not found."""
    if value is None:
        raise HTTPException(404, f"no {what} {key!r} in the store")
    return value
