"""Engine and session factory; SQLite gets foreign keys and WAL, PostgreSQL a pool."""

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, StaticPool

from app.core.config import get_settings


def normalise_url(url: str) -> str:
    """Let plain `postgresql://` URLs use the psycopg 3 driver we ship."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class _Commits:
    count = 0


def _counted(_conn: Any) -> None:
    _Commits.count += 1


def local_commits() -> int:
    """Transactions this process has committed through its engines (no wait for a change
    notification to tell the response cache about the process's own writes)."""
    return _Commits.count


def make_engine(url: str, *, pooled: bool = True, single: bool = False) -> Engine:
    engine = _make_engine(url, pooled=pooled, single=single)
    event.listen(engine, "commit", _counted)
    return engine


def _make_engine(url: str, *, pooled: bool, single: bool) -> Engine:
    """An engine for `url`; `pooled=False` for one-shot work such as migrations, `single=True`
    for one connection kept for one thread (the response cache's version check)."""
    url = normalise_url(url)
    extra: dict[str, Any] = {} if pooled else {"poolclass": NullPool}
    if single:
        extra = {"poolclass": StaticPool}
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **extra
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if not pooled or single:
        return create_engine(url, **extra)
    # API queries each read a few rows: parallel workers only add start-up cost (and take the
    # cores that other requests need).
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        connect_args={"options": "-c max_parallel_workers_per_gather=0"},
    )


def resolve_database_url(explicit: str | None = None) -> str:
    """The database to work on: the URL a command was given, else the DATABASE_URL setting
    (the API gives none)."""
    return explicit or get_settings().database_url


@lru_cache
def get_engine() -> Engine:
    """The process's engine for the API and its CSV exports."""
    return make_engine(resolve_database_url())


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def get_session() -> Iterator[Session]:
    """FastAPI dependency: one session per request, read-only use, always closed."""
    session = get_sessionmaker()()
    try:
        yield session
    finally:
        session.close()
