"""The response cache: whole answers of `GET /api/v1/...` kept under the data version.

A pure ASGI middleware keeps the body of successful `GET /api/v1/...` responses, keyed by path
and query string, together with the *data version* it was computed at (`versions`), and every
request reads the current data version first, so that a commit of any process (an ingest, a
deletion by hand) is seen by the requests that follow it.

Entries live until the data changes, or at most `ttl` seconds when one is set. An expired entry
whose data version is unchanged is still sent to the request that finds it while it is
recomputed beside that request (stale-while-revalidate). Under several workers, answers are
shared between them too (`shared`).
"""

import asyncio
import logging
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from starlette.datastructures import Headers

from app.api.cache.etag import entity_tag, is_json
from app.api.cache.shared import Message, SharedAnswers, shared_key
from app.api.cache.versions import VersionGate, current_data_version, version_is_quick
from app.core.config import get_settings
from app.core.db import resolve_database_url
from app.queries.common import TOTALS

log = logging.getLogger(__name__)

Scope = dict[str, Any]
ASGIApp = Callable[..., Any]

_CACHES: "weakref.WeakSet[ResponseCache]" = weakref.WeakSet()
_UNSEEN = object()  # no data version seen yet


def clear_caches() -> None:
    """Forget every cached answer and total of this process (after writing around ingestion)."""
    TOTALS.clear()
    for cache in list(_CACHES):
        cache.clear()


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
            version_in_thread = not resolve_database_url().startswith("sqlite")
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
            shared = SharedAnswers.for_workers(resolve_database_url()) if enabled else None
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
        found = self.shared.get(shared_key(key))
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
            self.shared.put(shared_key(key), now, start, body)

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
