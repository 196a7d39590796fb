"""A response cache for the read-only API: the database is read-mostly, written by ingestion.

A pure ASGI middleware keeps the body of successful `GET /api/v1/...` responses, keyed by path
and query string, together with the *data version* it was computed at, and every request reads
the current data version first, so that a commit of any process (an ingest, a deletion by
hand) is seen by the requests that follow it. The version counts changes without a query:

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

Entries live until the data changes, or at most `ttl` seconds when one is set. An expired entry
whose data version is unchanged is still sent to the request that finds it while it is
recomputed beside that request (stale-while-revalidate).

Under several uvicorn workers each also writes what it computes to a file that the workers of
that server share (`SharedAnswers`), and reads it before computing an answer it lacks. The
workers' data versions are their own counts, so a shared answer carries the time its
computation started instead: a worker takes it only if that is later than the last change of
the data this worker has seen (or its own start), so the answer was computed from data at
least as new as what this worker would read.
"""

import asyncio
import hashlib
import json
import logging
import multiprocessing
import os
import sqlite3
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, make_url, text
from starlette.datastructures import Headers

from app.api.caching import entity_tag, is_json
from app.core.config import get_settings
from app.core.db import local_commits, make_engine, normalise_url

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[..., Any]

LISTEN_SQL = "LISTEN dossier_data_changed"  # the channel of migration 0006
VERSION_SQL = text(
    "SELECT (SELECT max(id) FROM article), (SELECT max(id) FROM statement), "
    "(SELECT max(ingested_at) FROM article)"
)


_CACHES: "weakref.WeakSet[ResponseCache]" = weakref.WeakSet()
_UNSEEN = object()  # no data version seen yet


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
    source = _version_source(get_settings().database_url)
    return source is not None and getattr(source, "connected", True)


def current_data_version() -> Hashable:
    """The data version of the configured database: a change counter (SQLite file,
    PostgreSQL), else the ids and time of `VERSION_SQL`."""
    url = get_settings().database_url
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


class SharedAnswers:
    """Answers shared by the worker processes of one server: an SQLite file (WAL, no fsync)
    holding key -> (monotonic time the computation started, response start, body). Any failure
    (a lock held too long, a full disk) makes a read a miss and a write a no-op: it is a cache."""

    TIMEOUT_S = 0.02  # waited for another worker's write, then given up
    MAX_ENTRIES = 20_000  # the oldest written are dropped beyond this

    def __init__(self, path: Path) -> None:
        self.path = path
        self.writes = 0
        self.conn: sqlite3.Connection | None = None

    @classmethod
    def for_workers(cls, database_url: str) -> "SharedAnswers | None":
        """The file of this server's workers (uvicorn starts them as children of one process);
        None in a process of its own, where there is no one to share with."""
        parent = multiprocessing.parent_process()
        if parent is None or parent.pid is None:
            return None
        folder = Path(tempfile.gettempdir()) / f"dossier-answers-{os.getuid()}"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            _remove_orphans(folder)
        except OSError as exc:
            log.warning("answers are not shared between workers: %s", exc)
            return None
        digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
        return cls(folder / f"{parent.pid}-{digest}.db")

    def _connection(self) -> sqlite3.Connection:
        if self.conn is None:
            conn = sqlite3.connect(self.path, timeout=self.TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)  # fmt: skip
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS answer (key BLOB PRIMARY KEY, started REAL, "
                "head TEXT, body BLOB)"
            )
            self.conn = conn
        return self.conn

    def get(self, key: bytes) -> tuple[float, Message, bytes] | None:
        try:
            row = (
                self._connection()
                .execute("SELECT started, head, body FROM answer WHERE key = ?", (key,))
                .fetchone()
            )
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            head = json.loads(row[1])
            headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in head["headers"]]
            start = {"type": "http.response.start", "status": int(head["status"]),
                     "headers": headers}  # fmt: skip
            return float(row[0]), start, bytes(row[2])
        except (ValueError, TypeError, KeyError, AttributeError):  # a damaged row: a miss
            return None

    def put(self, key: bytes, started: float, start: Message, body: bytes) -> None:
        head = json.dumps({
            "status": start["status"],
            "headers": [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start["headers"]],
        })  # fmt: skip
        try:
            conn = self._connection()
            conn.execute(
                "INSERT OR REPLACE INTO answer (key, started, head, body) VALUES (?, ?, ?, ?)",
                (key, started, head, body),
            )
            self.writes += 1
            if self.writes % 500 == 0:
                conn.execute(
                    "DELETE FROM answer WHERE rowid <= (SELECT max(rowid) FROM answer) - ?",
                    (self.MAX_ENTRIES,),
                )
        except sqlite3.Error as exc:
            log.debug("a shared answer was not written: %s", exc)


def _remove_orphans(folder: Path) -> None:
    """Files of servers that have stopped (their process is gone)."""
    for path in folder.glob("*.db*"):
        pid = path.name.split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _shared_key(key: tuple[str, bytes]) -> bytes:
    return key[0].encode() + b"\x00" + key[1]


class ResponseCache:
    """Caches 200 answers of GET requests under `prefix`; everything else passes through."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        prefix: str = "/api/v1/",
        ttl: float | None = None,
        max_bytes: int = 128 * 2**20,
        max_body: int = 4 * 2**20,
        version: Callable[[], Hashable] = current_data_version,
        version_in_thread: bool | None = None,
        shared: "SharedAnswers | None | bool" = True,
    ) -> None:
        self.app = app
        self.prefix = prefix
        self.ttl = ttl
        self.max_bytes = max_bytes
        self.max_body = max_body
        if version_in_thread is None:  # a round trip to a server; SQLite answers in-process
            version_in_thread = not get_settings().database_url.startswith("sqlite")
        quick = version_is_quick if version is current_data_version else lambda: False
        self.version = VersionGate(version, threaded=version_in_thread, quick=quick)
        self.entries: OrderedDict[tuple[str, bytes], tuple[Hashable, float, Message, bytes]] = (
            OrderedDict()
        )
        self.bytes = 0
        self.pending: dict[tuple[str, bytes], tuple[Hashable, asyncio.Event]] = {}
        self.tasks: set[asyncio.Future[None]] = set()  # revalidations in flight
        if shared is True:  # the workers' file, when there are workers and it is wanted
            settings = get_settings()
            enabled = settings.shared_response_cache
            shared = SharedAnswers.for_workers(settings.database_url) if enabled else None
        self.shared = shared or None
        # The data version last seen, and when it was first seen: shared answers computed
        # before that are not taken. Startup (the lifespan) counts as a first sight.
        self.seen: Hashable = _UNSEEN
        self.changed_at = time.monotonic()
        _CACHES.add(self)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan" and self.shared is not None:
            await self._see_version()
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
        if version != self.seen:
            self.seen, self.changed_at = version, now
        hit = self.entries.get(key)
        if hit is None and self.shared is not None:
            hit = self._shared_hit(key, version, now)
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

    async def _see_version(self) -> None:
        """The data version at startup, so that answers shared by the other workers since then
        are taken; a database that is down leaves it unseen (shared answers wait for the
        first request)."""
        try:
            version = await self.version.get()
        except Exception:
            return
        if self.seen is _UNSEEN:
            self.seen, self.changed_at = version, time.monotonic()

    def _shared_hit(
        self, key: tuple[str, bytes], version: Hashable, now: float
    ) -> tuple[Hashable, float, Message, bytes] | None:
        """Another worker's answer for `key`, computed from data no older than this worker has
        seen (and within the ttl), kept here as if computed at `version`."""
        assert self.shared is not None
        found = self.shared.get(_shared_key(key))
        if found is None:
            return None
        started, start, body = found
        if started <= self.changed_at or (self.ttl is not None and now - started >= self.ttl):
            return None
        self._keep(key, (version, started, start, body))
        return self.entries[key]

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
        if is_json(Headers(raw=start["headers"])):
            # The tag that CachingMiddleware would compute from the body, computed once.
            start["headers"].append((b"etag", entity_tag(body).encode()))
        self._keep(key, (version, now, start, body))
        if self.shared is not None:  # stamped with the time its computation started
            self.shared.put(_shared_key(key), now, start, body)

    def _keep(self, key: tuple[str, bytes], entry: tuple[Hashable, float, Message, bytes]) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old[3])
        self.entries[key] = entry
        self.bytes += len(entry[3])
        while self.bytes > self.max_bytes and self.entries:
            _, evicted = self.entries.popitem(last=False)
            self.bytes -= len(evicted[3])

    def clear(self) -> None:
        self.entries.clear()
        self.bytes = 0
