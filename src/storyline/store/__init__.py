"""Store: documents, raw inputs, extractions, problems and the analysis, through
SQLAlchemy (an SQLite file by default, PostgreSQL by URL). It reads and writes records
only: the analysis it keeps is computed by the pipeline (`storyline.pipeline`).

>>> from storyline.store import open_store
>>> with open_store("out/store.sqlite") as store:  # doctest: +SKIP
...     stories = store.list_stories(place="Palmyra")
"""

from storyline.store.core import (
    SaveResult,
    StaleAnalysis,
    Store,
    StoredCorpus,
    StoredRun,
    open_store,
    to_url,
)

__all__ = [
    "SaveResult",
    "StaleAnalysis",
    "Store",
    "StoredCorpus",
    "StoredRun",
    "open_store",
    "to_url",
]
