"""Store: documents, raw inputs, extractions, problems and the analysis, through
SQLAlchemy (an SQLite file by default, PostgreSQL by URL).

>>> from storyline.store import open_store
>>> with open_store("out/store.sqlite") as store:  # doctest: +SKIP
...     stories = store.list_stories(place="Palmyra")
"""

from storyline.store.core import SaveResult, Store, open_store, to_url
from storyline.store.incremental import add_sources

__all__ = ["SaveResult", "Store", "add_sources", "open_store", "to_url"]
