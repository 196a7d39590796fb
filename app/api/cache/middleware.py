"""HTTP caching and paging headers for the JSON API: ETag / If-None-Match and Link rel="next".

An ASGI middleware over `/api/v1` GETs. A 200 JSON answer gets a strong `ETag` (a hash of its
body) and `Cache-Control: no-cache` (clients may keep it but must revalidate); a request whose
`If-None-Match` names that tag gets `304 Not Modified` with no body. A list page whose envelope
has a `next_cursor` gets `Link: <same URL, cursor=next_cursor>; rel="next"`.
"""

import re

from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.cache.etag import entity_tag, is_json, matches

# The envelope's cursor is base64url; `"` inside any JSON string value is escaped, so this
# pattern can only match the envelope's own key.
NEXT_CURSOR = re.compile(rb'"next_cursor":"([A-Za-z0-9_-]+)"')


class CachingMiddleware:
    """ETag, Cache-Control, Vary and Link on GET answers under `prefix`; a 304 when
    If-None-Match names the tag."""

    def __init__(self, app: ASGIApp, prefix: str = "/api/v1") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(self.prefix)
        ):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if message["status"] == 200:
                    # The same URL answers JSON or CSV depending on Accept.
                    headers.append("Vary", "Accept")
                if message["status"] == 200 and is_json(headers):
                    start = message
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._send_tagged(scope, start, b"".join(chunks), send)
            else:
                await send(message)

        await self.app(scope, receive, capture)

    async def _send_tagged(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = MutableHeaders(scope=start)
        # The response cache stores an answer with its tag: a hit is not hashed again.
        tag = headers.get("etag") or entity_tag(body)
        headers["ETag"] = tag
        headers["Cache-Control"] = "no-cache"
        found = NEXT_CURSOR.search(body)
        if found is not None:
            url = URL(scope=scope).include_query_params(cursor=found.group(1).decode())
            headers["Link"] = f'<{url}>; rel="next"'
        if_none_match = Headers(scope=scope).get("if-none-match")
        if if_none_match is not None and matches(if_none_match, tag):
            for name in ("content-length", "content-type"):
                if name in headers:
                    del headers[name]
            await send({**start, "status": 304})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})
