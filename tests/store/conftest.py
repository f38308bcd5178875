"""Store backends for the tests: an SQLite file, and a PostgreSQL server.

The server is the one at `STORYLINE_TEST_PG` (default: postgres@127.0.0.1:5432, database
`test`, trust authentication; `.ci/run` starts one where none answers). Each test gets a
schema of its own, dropped afterwards, so runs on one server never collide. Without a
server the PostgreSQL variants are skipped, saying why, except under CI (`CI` set), where
a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG_URL = os.environ.get("STORYLINE_TEST_PG", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required under CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_engine():
    """An engine on the test server's database, or a skip (a failure under CI)."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        _unavailable("psycopg2 is not installed (pip install 'storyline[postgres]')")
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except OperationalError as exc:
        engine.dispose()
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        _unavailable(f"no server answers at {PG_URL} ({first}); set STORYLINE_TEST_PG")
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_engine):
    """A URL on a fresh schema of the test server (search_path set per connection)."""
    from sqlalchemy import text

    schema = f"storyline_test_{uuid.uuid4().hex[:12]}"
    with postgres_engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    with postgres_engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A store location: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    return request.getfixturevalue("postgres_url")
