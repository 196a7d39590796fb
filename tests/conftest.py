"""Shared fixtures: a database built by `alembic upgrade head`, emptied between tests.

SQLite by default (a fresh file per test session); PostgreSQL when TEST_DATABASE_URL is set
(its `public` schema is dropped and rebuilt by the migrations at the start of the session).
"""

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.core.db import get_engine, get_sessionmaker, make_engine, normalise_url
from app.core.migrate import upgrade_head
from tests.database import empty_database

# The factories and the world they build, for every folder that reads the API or the queries.
pytest_plugins = ["tests.factories"]

# Test apps start without the warm-up requests (they would fill the response cache before each
# test looks); tests/api/test_warmup.py turns it on.
os.environ.setdefault("DOSSIER_WARM_UP", "false")


def _reset_clients() -> None:
    get_settings.cache_clear()
    get_engine.cache_clear()
    get_sessionmaker.cache_clear()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        engine = make_engine(url, pooled=False)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    url = normalise_url(url)
    upgrade_head(url)
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    _reset_clients()
    yield url
    if previous is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = previous
    get_engine().dispose()
    _reset_clients()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The configured engine over an empty (but migrated) database."""
    engine = get_engine()
    empty_database(engine)
    yield engine
    empty_database(engine)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session over the empty database of `engine`."""
    with Session(engine) as session:
        yield session


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    from app.main import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client
