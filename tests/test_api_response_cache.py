"""The response cache of GET /api/v1: keyed by URL and Accept, dropped when the data changes."""

import asyncio
import os
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.testclient import TestClient

from app.api.caching import CachingMiddleware, entity_tag
from app.cache import ResponseCache, SQLiteVersion, VersionGate
from app.config import get_settings
from app.main import create_app


class World:
    """What the endpoints see: a data version and a count of computed answers."""

    def __init__(self) -> None:
        self.version = 1
        self.computed = 0


@pytest.fixture
def world() -> World:
    return World()


def things_app(world: World, *, ttl: float = 60, tagged: bool = False) -> FastAPI:
    """`/api/v1/things` (JSON or CSV) and `/api/v1/missing` (404) behind a ResponseCache, and
    behind CachingMiddleware too when `tagged`."""
    app = FastAPI()

    @app.get("/api/v1/things")
    def things(request: Request) -> object:
        world.computed += 1
        if "text/csv" in request.headers.get("accept", ""):
            return PlainTextResponse(f"n\r\n{world.version}\r\n", media_type="text/csv")
        return {"version": world.version, "computed": world.computed}

    @app.get("/api/v1/missing")
    def missing() -> JSONResponse:
        world.computed += 1
        return JSONResponse({"detail": "no"}, status_code=404)

    app.add_middleware(ResponseCache, prefix="/api/v1/", ttl=ttl, version=lambda: world.version)
    if tagged:
        app.add_middleware(CachingMiddleware, prefix="/api/v1")
    return app


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    with TestClient(things_app(world)) as client:
        yield client


def test_a_repeated_get_is_answered_from_the_cache(client: TestClient, world: World) -> None:
    first = client.get("/api/v1/things?limit=5")
    second = client.get("/api/v1/things?limit=5")
    assert first.json() == second.json() == {"version": 1, "computed": 1}
    assert world.computed == 1
    client.get("/api/v1/things?limit=6")  # another query string is another answer
    assert world.computed == 2


def test_new_data_is_seen_by_the_next_request(client: TestClient, world: World) -> None:
    assert client.get("/api/v1/things").json()["version"] == 1
    world.version = 2  # an ingest stored an article
    assert client.get("/api/v1/things").json() == {"version": 2, "computed": 2}


def test_csv_and_json_of_one_url_are_cached_apart(client: TestClient, world: World) -> None:
    as_json = client.get("/api/v1/things")
    as_csv = client.get("/api/v1/things", headers={"Accept": "text/csv"})
    again_json = client.get("/api/v1/things")
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text == "n\r\n1\r\n"
    assert again_json.json() == as_json.json()
    assert world.computed == 2


def test_errors_are_not_cached(client: TestClient, world: World) -> None:
    assert client.get("/api/v1/missing").status_code == 404
    assert client.get("/api/v1/missing").status_code == 404
    assert world.computed == 2


def test_headers_added_outside_the_cache_are_not_kept_in_it(world: World) -> None:
    app = FastAPI()

    @app.get("/api/v1/things")
    def things() -> dict[str, int]:
        return {"version": world.version}

    app.add_middleware(ResponseCache, prefix="/api/v1/", ttl=60, version=lambda: world.version)

    @app.middleware("http")
    async def stamp(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.append("x-seen-by", request.headers.get("x-client", "?"))
        return response

    with TestClient(app) as client:
        first = client.get("/api/v1/things", headers={"x-client": "a"})
        second = client.get("/api/v1/things", headers={"x-client": "b"})
    assert first.headers.get_list("x-seen-by") == ["a"]
    assert second.headers.get_list("x-seen-by") == ["b"]


def _slow_counter(calls: list[float], delay: float = 0.05) -> Callable[[], int]:
    def version() -> int:
        calls.append(time.monotonic())
        number = len(calls)
        time.sleep(delay)
        return number

    return version


def test_version_gate_shares_one_query_among_concurrent_requests() -> None:
    calls: list[float] = []
    gate = VersionGate(_slow_counter(calls), threaded=True)

    async def main() -> list[Hashable]:
        return await asyncio.gather(*(gate.get() for _ in range(32)))

    results = asyncio.run(main())
    # the first request starts a check; the 31 that arrive while it runs share the next one
    assert len(calls) == 2 and results == [1] + [2] * 31


def test_version_gate_never_answers_with_a_check_older_than_the_request() -> None:
    calls: list[float] = []
    gate = VersionGate(_slow_counter(calls), threaded=True)

    async def main() -> tuple[Hashable, Hashable, float]:
        first = asyncio.ensure_future(gate.get())
        await asyncio.sleep(0.01)  # the first check is in flight
        arrived = time.monotonic()
        second = await gate.get()
        return await first, second, arrived

    first, second, arrived = asyncio.run(main())
    assert (first, second) == (1, 2)
    assert calls[1] >= arrived  # the second answer comes from a check started after it arrived


def test_version_gate_passes_errors_to_every_waiter() -> None:
    def down() -> int:
        raise OSError("database down")

    gate = VersionGate(down, threaded=True)

    async def main() -> list[BaseException | Hashable]:
        return await asyncio.gather(*(gate.get() for _ in range(3)), return_exceptions=True)

    assert all(isinstance(r, OSError) for r in asyncio.run(main()))


def test_an_expired_answer_is_sent_once_more_while_it_is_recomputed(world: World) -> None:
    with TestClient(things_app(world, ttl=0.2)) as client:
        assert client.get("/api/v1/things").json() == {"version": 1, "computed": 1}
        time.sleep(0.3)  # expired, same data version
        # not kept waiting: the expired answer
        assert client.get("/api/v1/things").json() == {"version": 1, "computed": 1}
        deadline = time.monotonic() + 5
        while world.computed < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert world.computed == 2  # recomputed beside that request
        assert client.get("/api/v1/things").json() == {"version": 1, "computed": 2}
        world.version = 2  # new data: never the old answer, expired or not
        assert client.get("/api/v1/things").json() == {"version": 2, "computed": 3}


def test_sqlite_version_sees_every_commit_of_other_connections(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE article (id INTEGER PRIMARY KEY, ingested_at TEXT);"
            "CREATE TABLE statement (id INTEGER PRIMARY KEY);"
            "INSERT INTO article VALUES (1, '2026-01-01'), (2, '2026-01-02');"
            "INSERT INTO statement VALUES (1), (2);"
        )
    version = SQLiteVersion(str(path))
    first = version()
    assert version() == first  # nothing committed since
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM statement WHERE id = 1")  # moves no largest id
    second = version()
    assert second != first
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO statement VALUES (3)")
    third = version()
    assert third != second and third[2] == 3
    # The file replaced by another (a restored backup): the version follows the new file.
    replacement = tmp_path / "new.db"
    with sqlite3.connect(replacement) as conn:
        conn.executescript(
            "CREATE TABLE article (id INTEGER PRIMARY KEY, ingested_at TEXT);"
            "CREATE TABLE statement (id INTEGER PRIMARY KEY);"
            "INSERT INTO statement VALUES (7);"
        )
    os.replace(replacement, path)
    assert version()[2] == 7


def test_a_cached_answer_keeps_the_tag_of_its_body(world: World) -> None:
    with TestClient(things_app(world, tagged=True)) as client:
        computed = client.get("/api/v1/things")
        cached = client.get("/api/v1/things")
        revalidated = client.get(
            "/api/v1/things", headers={"If-None-Match": cached.headers["etag"]}
        )
        assert world.computed == 1
        csv_computed = client.get("/api/v1/things", headers={"Accept": "text/csv"})
        csv_cached = client.get("/api/v1/things", headers={"Accept": "text/csv"})
    assert world.computed == 2  # the CSV answer once
    # CSV answers get no tag, cached or not
    assert "etag" not in csv_computed.headers and "etag" not in csv_cached.headers
    assert cached.headers["etag"] == computed.headers["etag"] == entity_tag(computed.content)
    assert cached.headers.get_list("etag") == [computed.headers["etag"]]  # one tag, not two
    assert revalidated.status_code == 304


@pytest.mark.parametrize(
    ("url", "ttl"),
    [("sqlite:///{tmp}/file.db", None), ("postgresql://postgres@127.0.0.1:5432/test", 60.0)],
)
def test_answers_expire_only_where_the_version_can_miss_a_change(
    url: str, ttl: float | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite3.connect(tmp_path / "file.db").close()
    monkeypatch.setenv("DATABASE_URL", url.format(tmp=tmp_path))
    monkeypatch.setenv("DOSSIER_RESPONSE_CACHE_SECONDS", "60")
    get_settings.cache_clear()
    try:
        app = create_app()
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert [m.kwargs["ttl"] for m in app.user_middleware if m.cls is ResponseCache] == [ttl]
