"""The local web app: pages over the store, a JSON API mirroring the contract, uploads.

Everything is served from this process and the package: templates, CSS, JS and the API
docs' assets (fastapi-offline) are local, so the app works with no network. Article
text is untrusted HTML: templates autoescape, the document view escapes every character
of the text itself (web/highlight.py), and pages carry a Content-Security-Policy that
allows only this server's own scripts.

Routes live in three routers: `pages` (HTML), `api` (the JSON contract) and `uploads`
(adding articles, jobs); what they share is `state.WebState`, given as a dependency.
`create_app` only assembles them, so a new concern is one line here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.middleware.base import BaseHTTPMiddleware

from storyline.config import VERSION as __version__
from storyline.config import Settings
from storyline.store import Store
from storyline.web import api, pages, uploads
from storyline.web.jobs import Jobs
from storyline.web.security import install_security
from storyline.web.state import WebState

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


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


def create_app(
    store: Store, settings: Settings | None = None, allow_hosts: Iterable[str] = ()
) -> FastAPI:
    """The app over one store: pages, the JSON API and uploads, each a router.
    `app.state.jobs` runs the uploads; `app.state.web` is what every route shares.
    `allow_hosts`: Host names served besides the loopback ones (see `web.security`)."""
    settings = settings or store.settings
    app = FastAPIOffline(
        title="Storyline",
        version=__version__,
        description=(
            "Stories, sources, quotes, claims and places from the local store. The JSON "
            "API mirrors the `storyline.json` contract (schema version 1)."
        ),
        redoc_url=None,
    )
    app.add_middleware(_Limits, max_body=settings.max_bytes * 4 + 100_000)
    install_security(app, max_body=settings.max_bytes * 4 + 100_000, allow_hosts=allow_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    jobs = Jobs(store, settings)
    app.state.store, app.state.jobs = store, jobs
    app.state.web = WebState(store, settings, jobs)
    app.add_exception_handler(HTTPException, pages.http_error)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(uploads.router)
    return app
