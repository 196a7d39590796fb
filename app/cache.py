"""A response cache for the read-only API: the database is read-mostly, written by ingestion.

A pure ASGI middleware keeps the body of successful `GET /api/v1/...` responses, keyed by path
and query string, together with the *data version* it was computed at: the largest article and
statement ids and the latest `article.ingested_at` (three index look-ups, one query). Every
request reads the current data version first, so an article stored (new or updated) by any
process is seen by the next request.

On SQLite the version also counts every commit of any other connection or process, hand-made
deletions included: SQLite tells a connection whether the file changed since it last asked
(`PRAGMA data_version`, a few microseconds), and only then is the query run again. On
PostgreSQL the version query is a network round trip: it runs in a thread, off the event
loop, and concurrent requests share one query (`VersionGate`). A request only joins a query
that started after it arrived, so it still sees every commit made before it arrived.

An entry older than `ttl` seconds is recomputed, which bounds how long a change that moves none
of the three (a row deleted by hand on PostgreSQL) can go unseen; the app sets no `ttl` on an
SQLite file, whose version sees every change (`version_sees_every_commit`). While the data
version is unchanged, the expired answer is still sent to the request that finds it, and the
recomputation runs beside it (stale-while-revalidate): a busy path never has all its clients
wait for it.
"""

import asyncio
import logging
import os
import sqlite3
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, make_url, text
from starlette.datastructures import Headers

from app.api.caching import entity_tag, is_json
from app.config import get_settings
from app.db import make_engine

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[..., Any]

VERSION_SQL = text(
    "SELECT (SELECT max(id) FROM article), (SELECT max(id) FROM statement), "
    "(SELECT max(ingested_at) FROM article)"
)


_CACHES: "weakref.WeakSet[ResponseCache]" = weakref.WeakSet()


def clear_caches() -> None:
    """Forget every cached answer and total of this process (after writing around ingestion)."""
    from app.queries.common import TOTALS

    TOTALS.clear()
    for cache in list(_CACHES):
        cache.clear()


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


_SQLITE_VERSIONS: dict[str, SQLiteVersion] = {}


def _sqlite_file(url: str) -> str | None:
    """The file of a file-backed SQLite URL (not `:memory:` nor a URI), else None."""
    parsed = make_url(url)
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:" or parsed.query:
        return None
    return name if Path(name).is_file() else None


def version_sees_every_commit(url: str) -> bool:
    """Whether `current_data_version` changes with every commit to the database at `url`."""
    return _sqlite_file(url) is not None


def current_data_version() -> Hashable:
    url = get_settings().database_url
    source = _SQLITE_VERSIONS.get(url)
    if source is None and (path := _sqlite_file(url)) is not None:
        source = _SQLITE_VERSIONS.setdefault(url, SQLiteVersion(path))
    if source is not None:
        return source()
    with _version_engine(url).connect() as conn:
        row = conn.execute(VERSION_SQL).one()
    return tuple(row)


class VersionGate:
    """The data version for many concurrent requests with few queries: a request joins the
    check in flight if that check started after the request arrived, else waits for it to end
    and joins (or starts) the next one. `threaded=False` calls `version` on the loop instead."""

    def __init__(self, version: Callable[[], Hashable], *, threaded: bool) -> None:
        self.version = version
        self.threaded = threaded
        self.started = 0  # checks started so far; the current one is number `started`
        self.task: asyncio.Future[Hashable] | None = None

    async def get(self) -> Hashable:
        if not self.threaded:
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


def _fresh(start: Message) -> Message:
    """A copy of a response start message with its own header list."""
    return {**start, "headers": list(start.get("headers", []))}


async def _send_entry(entry: tuple[Hashable, float, Message, bytes], send: Any) -> None:
    await send(_fresh(entry[2]))
    await send({"type": "http.response.body", "body": entry[3], "more_body": False})


async def _no_body() -> Message:
    """`receive` of a GET recomputed without its client."""
    return {"type": "http.request", "body": b"", "more_body": False}


async def _discard(message: Message) -> None:
    """`send` of an answer that goes only to the cache."""


class ResponseCache:
    """Caches 200 answers of GET requests under `prefix`; everything else passes through."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        prefix: str = "/api/v1/",
        ttl: float | None = 60.0,
        max_bytes: int = 128 * 2**20,
        max_body: int = 4 * 2**20,
        version: Callable[[], Hashable] = current_data_version,
        version_in_thread: bool | None = None,
    ) -> None:
        self.app = app
        self.prefix = prefix
        self.ttl = ttl
        self.max_bytes = max_bytes
        self.max_body = max_body
        if version_in_thread is None:  # a round trip to a server; SQLite answers in-process
            version_in_thread = not get_settings().database_url.startswith("sqlite")
        self.version = VersionGate(version, threaded=version_in_thread)
        self.entries: OrderedDict[tuple[str, bytes], tuple[Hashable, float, Message, bytes]] = (
            OrderedDict()
        )
        self.bytes = 0
        self.pending: dict[tuple[str, bytes], tuple[Hashable, asyncio.Event]] = {}
        self.tasks: set[asyncio.Future[None]] = set()  # revalidations in flight
        _CACHES.add(self)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(self.prefix)
            or scope["path"].endswith("/health")
        ):
            await self.app(scope, receive, send)
            return
        try:
            version = await self.version.get()
        except Exception:  # the database is down: let the endpoint answer (and report) it
            await self.app(scope, receive, send)
            return
        # The Accept header chooses JSON or CSV for the same URL: it is part of the key.
        accept = next((v for k, v in scope.get("headers", []) if k == b"accept"), b"")
        key = (scope["path"], scope.get("query_string", b"") + b"\x00" + accept)
        now = time.monotonic()
        hit = self.entries.get(key)
        if hit is not None and hit[0] == version:
            self.entries.move_to_end(key)
            if self.ttl is not None and now - hit[1] >= self.ttl and key not in self.pending:
                self._revalidate(scope, key, version, now)
            await _send_entry(hit, send)
            return
        waiting = self.pending.get(key)
        if waiting is not None and waiting[0] == version:
            # The same answer is being computed: wait for it rather than compute it again
            # (32 clients asking for one cold page cost one query, not 32).
            await waiting[1].wait()
            hit = self.entries.get(key)
            if hit is not None and hit[0] == version:
                await _send_entry(hit, send)
                return
        await self._compute(scope, receive, send, key, version, now, self._claim(key, version))

    def _claim(self, key: Any, version: Hashable) -> asyncio.Event:
        """Mark `key` as being computed at `version`; requests for it wait for the event."""
        done = asyncio.Event()
        self.pending[key] = (version, done)
        return done

    def _revalidate(self, scope: Scope, key: Any, version: Hashable, now: float) -> None:
        """Recompute an expired entry in the background (its answer goes only to the cache)."""
        task = asyncio.ensure_future(
            self._compute(dict(scope), _no_body, _discard, key, version, now,
                          self._claim(key, version))
        )  # fmt: skip
        self.tasks.add(task)
        task.add_done_callback(self._revalidated)

    def _revalidated(self, task: "asyncio.Future[None]") -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # The expired entry stays: the next request that finds it tries again.
            log.error("revalidating a cached answer failed", exc_info=task.exception())

    async def _compute(
        self,
        scope: Scope,
        receive: Any,
        send: Any,
        key: Any,
        version: Hashable,
        now: float,
        done: asyncio.Event,
    ) -> None:
        """Run the app for this request, keep a 200 answer, then release `key` (`_claim`)."""
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = _fresh(message)  # as this app sent it, before outer middlewares add
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start.get("status") == 200:
                    self._store(key, version, now, start, b"".join(chunks))
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            done.set()
            if self.pending.get(key, (None, None))[1] is done:
                del self.pending[key]

    def _store(
        self, key: tuple[str, bytes], version: Hashable, now: float, start: Message, body: bytes
    ) -> None:
        if len(body) > self.max_body:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old[3])
        if is_json(Headers(raw=start["headers"])):
            # The tag that CachingMiddleware would compute from the body, computed once.
            start["headers"].append((b"etag", entity_tag(body).encode()))
        self.entries[key] = (version, now, start, body)
        self.bytes += len(body)
        while self.bytes > self.max_bytes and self.entries:
            _, evicted = self.entries.popitem(last=False)
            self.bytes -= len(evicted[3])

    def clear(self) -> None:
        self.entries.clear()
        self.bytes = 0
