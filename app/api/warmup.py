"""Warm-up at startup: each process asks one request of each kind the API serves most before it
accepts connections.

A new process paid for its first request of each kind of query: SQLAlchemy compiles the
statements and the database reads its indexes (on the 1M-statement scale database, 150 ms for
a first page of statements that then takes 6 ms, and more while another worker is still
starting). The lifespan now asks the first page of statements, its next page by cursor, the
statements of that page's first speaker, organisation, country and a word, and that item's
article and actor, through the whole application (so the answers are cached too). Values come
from the data, so nothing is assumed about it; an empty database warms what it can. A failure
is logged and the server starts anyway. `DOSSIER_WARM_UP=false` skips it.
"""

import asyncio
import json
import logging
import time
from typing import Any
from urllib.parse import quote, urlencode

log = logging.getLogger(__name__)

API = "/api/v1"
TIMEOUT_S = 30.0  # the warm-up gives up after this; the server starts regardless


async def warm_up(app: Any) -> None:
    """Ask the paths of `_paths` of `app` (an ASGI application) one after the other."""
    started = time.perf_counter()
    try:
        asked = await asyncio.wait_for(_warm(app), TIMEOUT_S)
    except Exception as exc:  # a warm-up must never keep the server from starting
        log.warning("warm-up skipped: %s", exc or type(exc).__name__)
        return
    log.info("warmed up %d paths in %.0f ms", asked, (time.perf_counter() - started) * 1000)


async def _warm(app: Any) -> int:
    status, first = await _get(app, f"{API}/statements", {"limit": 20})
    asked = 1
    if status != 200:
        return asked
    paths: list[tuple[str, dict[str, Any]]] = []
    items: list[dict[str, Any]] = first.get("items") or []
    cursor = first.get("next_cursor")
    if cursor is None and len(items) > 1:  # one page of 20 holds them all: pages of 1
        cursor = (await _get(app, f"{API}/statements", {"limit": 1}))[1].get("next_cursor")
        asked += 1
    if cursor:
        paths.append((f"{API}/statements", {"limit": 20, "cursor": cursor}))
    if items:
        paths.append((f"{API}/articles/{items[0]['article']['id']}", {}))
    speaker = next((item["speaker"] for item in items if item.get("speaker")), None)
    if speaker is not None:
        paths.append((f"{API}/actors/{speaker['id']}", {}))
        paths.append((f"{API}/statements", {"limit": 20, "speaker": speaker["name"]}))
        if speaker.get("kind") == "organization":
            paths.append((f"{API}/statements", {"limit": 20, "organization_id": speaker["id"]}))
    codes = [code for item in items for code in item.get("countries", [])]
    if codes:
        paths.append((f"{API}/statements", {"limit": 20, "country": codes[0]}))
    words = [w.strip(".,;:!?\"'") for item in items[:1] for w in item.get("text", "").split()]
    words = [w for w in words if len(w) >= 5]
    if words:
        paths.append((f"{API}/statements", {"limit": 20, "q": words[0]}))
    paths.append((f"{API}/articles", {"limit": 20}))
    for path, params in paths:
        await _get(app, path, params)
        asked += 1
    return asked


async def _get(app: Any, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """GET `path` from the ASGI `app` in-process: (status, the JSON body or {})."""
    query = urlencode(params, quote_via=quote).encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"warm-up"), (b"accept", b"application/json")],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 0),
    }
    status = 0
    body: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    try:
        data = json.loads(b"".join(body)) if status == 200 else {}
    except ValueError:
        data = {}
    return status, data if isinstance(data, dict) else {}
