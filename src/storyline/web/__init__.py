"""The local web app (FastAPI): stories, sources, quotes, claims and places in the browser.

`create_app(store)` builds the app over a store; `storyline serve` runs it with uvicorn.
"""

from storyline.web.app import create_app

__all__ = ["create_app"]
