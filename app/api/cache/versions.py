"""The data version of the configured database: what every cached answer is checked against.

The version counts changes without a query:

- SQLite file: SQLite tells a connection whether another one (of any process) has committed
  since it last asked (`PRAGMA data_version`, a few microseconds; `SQLiteVersion`).
- PostgreSQL: migration 0006's triggers send a notification at every commit that writes a data
  table; a connection of this process listens and counts them (`PostgresVersion`), reading
  only what has already arrived on its socket, on the event loop. Delivery takes a moment
  after the commit, so a request right after another process's commit may still get the
  answer of before it; this process's own commits count at once. While the listener must
  (re)connect, checks run in a thread and concurrent requests share one (`VersionGate`; a
  request only joins a check that started after it arrived).
- Anything else (an in-memory SQLite database): the largest article and statement ids and the
  latest `article.ingested_at`, one query (`VERSION_SQL`).
"""

import asyncio
import os
import sqlite3
import threading
from collections.abc import Callable, Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, make_url, text

from app.core.db import local_commits, make_engine, normalise_url, resolve_database_url

LISTEN_SQL = "LISTEN dossier_data_changed"  # the channel of migration 0006
VERSION_SQL = text(
    "SELECT (SELECT max(id) FROM article), (SELECT max(id) FROM statement), "
    "(SELECT max(ingested_at) FROM article)"
)


@lru_cache
def _version_engine(url: str) -> Engine:
    # Its own connection: the event loop must never wait for the pool that request threads
    # hold (they give their connections back only once the loop has sent their answers).
    return make_engine(url, single=True)


class SQLiteVersion:
    """The data version of one SQLite file, from its own connection: `PRAGMA data_version`
    changes whenever another connection (of any process) has committed since the last call,
    and only then are the ids read again. The generation number counts those changes, so that
    a commit which moves no id (a deletion) is a new version too."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.seen: int | None = None
        self.generation = 0
        self.version: Hashable = None
        self._open()

    def _open(self) -> None:
        # Autocommit: each read sees the latest commit. Only ever reads.
        self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.inode = os.stat(self.path).st_ino
        self.seen = None

    def __call__(self) -> Hashable:
        with self.lock:
            if os.stat(self.path).st_ino != self.inode:  # the file was replaced: follow it
                self.conn.close()
                self._open()
            changes = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if changes != self.seen:
                row = self.conn.execute(str(VERSION_SQL)).fetchone()
                self.seen = changes
                self.generation += 1
                self.version = (self.generation, *row)
            return self.version


class PostgresVersion:
    """The data version of a PostgreSQL database, with no query per call: migration 0006's
    triggers send `NOTIFY dossier_data_changed` at every commit that wrote a data table, and
    this listens on a connection of its own, counting what has arrived on its socket (read
    without waiting). This process's own commits count at once (`local_commits`), before
    their notification comes back. A lost connection raises; the next call listens again,
    as a new version (what happened meanwhile is unknown)."""

    def __init__(self, url: str) -> None:
        self.conninfo = (
            make_url(normalise_url(url))
            .set(drivername="postgresql")
            .render_as_string(hide_password=False)
        )
        self.lock = threading.Lock()
        self.conn: psycopg.Connection[Any] | None = None
        self.generation = 0

    @property
    def connected(self) -> bool:
        return self.conn is not None

    def __call__(self) -> Hashable:
        with self.lock:
            try:
                if self.conn is None:
                    conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=10)
                    conn.execute(LISTEN_SQL)
                    self.conn = conn
                    self.generation += 1
                pgconn = self.conn.pgconn
                pgconn.consume_input()
                changed = False
                while pgconn.notifies() is not None:
                    changed = True
                self.generation += changed
            except psycopg.Error:
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                raise
            return (self.generation, local_commits())


_VERSIONS: dict[str, Callable[[], Hashable]] = {}


def _sqlite_file(url: str) -> str | None:
    """The file of a file-backed SQLite URL (not `:memory:` nor a URI), else None."""
    parsed = make_url(url)
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:" or parsed.query:
        return None
    return name if Path(name).is_file() else None


def _version_source(url: str) -> Callable[[], Hashable] | None:
    """The change-counting version of the database at `url`, if it has one."""
    source = _VERSIONS.get(url)
    if source is None:
        if (path := _sqlite_file(url)) is not None:
            source = _VERSIONS.setdefault(url, SQLiteVersion(path))
        elif make_url(normalise_url(url)).get_backend_name() == "postgresql":
            source = _VERSIONS.setdefault(url, PostgresVersion(url))
    return source


def version_is_quick() -> bool:
    """Whether the next `current_data_version()` answers without blocking: a change counter,
    already connected (a listener that must connect first may wait on the network)."""
    source = _version_source(resolve_database_url())
    return source is not None and getattr(source, "connected", True)


def current_data_version() -> Hashable:
    """The data version of the configured database: a change counter (SQLite file,
    PostgreSQL), else the ids and time of `VERSION_SQL`."""
    url = resolve_database_url()
    if (source := _version_source(url)) is not None:
        return source()
    with _version_engine(url).connect() as conn:
        row = conn.execute(VERSION_SQL).one()
    return tuple(row)


class VersionGate:
    """The data version for many concurrent requests with few queries: a request joins the
    check in flight if that check started after the request arrived, else waits for it to end
    and joins (or starts) the next one. `threaded=False`, or `quick()` true (the next check
    will not block), calls `version` on the loop instead."""

    def __init__(
        self,
        version: Callable[[], Hashable],
        *,
        threaded: bool,
        quick: Callable[[], bool] = lambda: False,
    ) -> None:
        self.version = version
        self.threaded = threaded
        self.quick = quick
        self.started = 0  # checks started so far; the current one is number `started`
        self.task: asyncio.Future[Hashable] | None = None

    async def get(self) -> Hashable:
        if not self.threaded or self.quick():
            return self.version()
        ticket = self.started  # a check numbered above this started after we arrived
        while True:
            task = self.task
            if task is not None and self.started > ticket:
                return await asyncio.shield(task)
            if task is not None and not task.done():
                await asyncio.wait({task})  # it may predate us: wait, then take the next one
                continue
            self.started += 1
            self.task = asyncio.ensure_future(asyncio.to_thread(self.version))
            self.task.add_done_callback(_retrieve)


def _retrieve(task: "asyncio.Future[Any]") -> None:
    """Mark a failed check's exception as seen (its waiters re-raise it themselves)."""
    if not task.cancelled():
        task.exception()
