"""The response cache of GET /api/v1: keyed by URL and Accept, dropped when the data changes."""

import asyncio
import multiprocessing
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url, text

from app.api.cache.cache import ResponseCache
from app.api.cache.etag import entity_tag
from app.api.cache.middleware import CachingMiddleware
from app.api.cache.shared import SharedAnswers
from app.api.cache.versions import PostgresVersion, SQLiteVersion, VersionGate
from app.core.config import get_settings
from app.main import create_app


class World:
    """What the endpoints see: a data version and a count of computed answers."""

    def __init__(self) -> None:
        self.version = 1
        self.computed = 0


@pytest.fixture
def world() -> World:
    return World()


def things_app(
    world: World,
    *,
    ttl: float | None = 60,
    tagged: bool = False,
    shared: SharedAnswers | None = None,
) -> FastAPI:
    """`/api/v1/things` (JSON or CSV) and `/api/v1/missing` (404) behind a ResponseCache (that
    shares its answers through `shared`), and behind CachingMiddleware too when `tagged`."""
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

    app.add_middleware(
        ResponseCache, prefix="/api/v1/", ttl=ttl, version=lambda: world.version, shared=shared
    )
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


def test_version_gate_checks_on_the_loop_while_a_check_cannot_block() -> None:
    threads: list[str] = []
    connected = [False]

    def version() -> int:
        threads.append(threading.current_thread().name)
        connected[0] = True  # connecting done: the next checks only read a socket
        return len(threads)

    gate = VersionGate(version, threaded=True, quick=lambda: connected[0])

    async def main() -> list[Hashable]:
        return [await gate.get() for _ in range(3)]

    assert asyncio.run(main()) == [1, 2, 3]
    main_thread = threading.main_thread().name
    assert threads[0] != main_thread and threads[1:] == [main_thread, main_thread]


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


@pytest.mark.parametrize("url", ["sqlite:///{tmp}/file.db", "postgresql://postgres@127.0.0.1/test"])
@pytest.mark.parametrize(("setting", "ttl"), [(None, None), ("60", 60.0)])
def test_answers_live_until_the_data_changes_unless_a_lifetime_is_set(
    url: str,
    setting: str | None,
    ttl: float | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sqlite3.connect(tmp_path / "file.db").close()
    monkeypatch.setenv("DATABASE_URL", url.format(tmp=tmp_path))
    if setting is None:
        monkeypatch.delenv("DOSSIER_RESPONSE_CACHE_SECONDS", raising=False)
    else:
        monkeypatch.setenv("DOSSIER_RESPONSE_CACHE_SECONDS", setting)
    get_settings.cache_clear()
    try:
        app = create_app()
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert [m.kwargs["ttl"] for m in app.user_middleware if m.cls is ResponseCache] == [ttl]


def _postgres(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("change notifications are PostgreSQL's (TEST_DATABASE_URL)")
    return database_url


def _other_process_commit(database_url: str, sql: str) -> None:
    """A commit made outside this process's engines (psycopg directly), as another process's."""
    conninfo = make_url(database_url).set(drivername="postgresql")
    with psycopg.connect(conninfo.render_as_string(hide_password=False), autocommit=True) as c:
        c.execute(sql)


def _until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_postgres_version_counts_change_notifications(engine: Engine, database_url: str) -> None:
    version = PostgresVersion(_postgres(database_url))
    first = version()
    assert version() == first  # nothing committed since
    # Another process deletes by hand (no row matches: the statement still writes the table).
    _other_process_commit(database_url, "DELETE FROM statement WHERE id = -1")
    assert _until(lambda: version() != first)
    second = version()
    with engine.begin() as conn:  # this process's own commit counts at once
        conn.execute(text("DELETE FROM article WHERE id = -1"))
    assert version() != second
    # The listening connection lost: the call fails, the next one listens again.
    third = version()
    _other_process_commit(
        database_url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE query = 'LISTEN dossier_data_changed'",
    )
    assert _until(lambda: _fails(version))
    assert version() != third


def _fails(version: Callable[[], Hashable]) -> bool:
    try:
        version()
    except psycopg.Error:
        return True
    return False


def test_a_deletion_by_hand_on_postgres_reaches_cached_answers(
    engine: Engine, database_url: str
) -> None:
    _postgres(database_url)
    with TestClient(create_app()) as client:
        _insert_then_delete_by_hand(client, database_url)


def _insert_then_delete_by_hand(client: TestClient, database_url: str) -> None:
    _other_process_commit(
        database_url,
        "INSERT INTO article (id, title, body, search_key, content_hash, ingested_at) "
        "VALUES (991, 'Kept', 'b', 'kept b', 'h991', now())",
    )
    assert _until(lambda: client.get("/api/v1/articles/991").status_code == 200)
    assert client.get("/api/v1/articles/991").json()["title"] == "Kept"  # now cached
    _other_process_commit(database_url, "DELETE FROM article WHERE id = 991")
    assert _until(lambda: client.get("/api/v1/articles/991").status_code == 404)


# Two workers of one server: each its own World (its own data version count), one shared file.


def test_a_worker_takes_the_answer_another_worker_computed(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path / "answers.db")
    one, two = World(), World()
    with (
        TestClient(things_app(one, tagged=True, shared=shared)) as a,
        TestClient(things_app(two, tagged=True, shared=shared)) as b,
    ):
        first = a.get("/api/v1/things?limit=5")
        second = b.get("/api/v1/things?limit=5")
        assert second.json() == first.json() == {"version": 1, "computed": 1}
        assert second.headers["etag"] == first.headers["etag"]
        assert (one.computed, two.computed) == (1, 0)
        assert b.get("/api/v1/things?limit=5").json() == first.json()  # now its own entry
        b.get("/api/v1/things", headers={"Accept": "text/csv"})  # another key: computed
        assert two.computed == 1


def test_a_worker_does_not_take_an_answer_older_than_a_change_it_has_seen(
    tmp_path: Path,
) -> None:
    shared = SharedAnswers(tmp_path / "answers.db")
    one, two = World(), World()
    with (
        TestClient(things_app(one, shared=shared)) as a,
        TestClient(things_app(two, shared=shared)) as b,
    ):
        a.get("/api/v1/things")
        two.version = 2  # worker two sees a commit that worker one has not seen yet
        assert b.get("/api/v1/things").json() == {"version": 2, "computed": 1}
        # Computed by worker one after worker two saw that change, so from data at least as
        # new: taken (its body says 1 because each World counts versions of its own).
        a.get("/api/v1/things?limit=1")
        assert b.get("/api/v1/things?limit=1").json() == {"version": 1, "computed": 2}
        assert two.computed == 1
        a.get("/api/v1/things?limit=2")
        time.sleep(0.01)
        two.version = 3  # seen by worker two after worker one computed ?limit=2
        assert b.get("/api/v1/things?limit=2").json() == {"version": 3, "computed": 2}


def test_answers_from_before_a_worker_started_are_not_taken(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path / "answers.db")
    one, two = World(), World()
    with TestClient(things_app(one, shared=shared)) as a:
        a.get("/api/v1/things")
        with TestClient(things_app(two, shared=shared)) as b:
            b.get("/api/v1/things")
            a.get("/api/v1/things?limit=1")
            b.get("/api/v1/things?limit=1")
    assert (one.computed, two.computed) == (2, 1)


def test_a_shared_answer_older_than_the_lifetime_is_not_taken(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path / "answers.db")
    one, two = World(), World()
    with (
        TestClient(things_app(one, ttl=0.05, shared=shared)) as a,
        TestClient(things_app(two, ttl=0.05, shared=shared)) as b,
    ):
        a.get("/api/v1/things")
        time.sleep(0.1)
        b.get("/api/v1/things")
    assert two.computed == 1


def test_a_shared_file_that_cannot_be_used_is_a_cache_miss(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path / "missing-folder" / "answers.db")
    start = {"type": "http.response.start", "status": 200, "headers": []}
    shared.put(b"key", 1.0, start, b"body")  # no error
    assert shared.get(b"key") is None
    world = World()
    with TestClient(things_app(world, shared=shared)) as client:
        assert client.get("/api/v1/things").status_code == 200
        assert client.get("/api/v1/things").json() == {"version": 1, "computed": 1}


def test_a_damaged_shared_row_is_a_cache_miss(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path / "answers.db")
    start = {"type": "http.response.start", "status": 200, "headers": []}
    shared.put(b"key", 1.0, start, b"body")
    assert shared.get(b"key") == (1.0, start, b"body")
    with sqlite3.connect(tmp_path / "answers.db") as conn:
        conn.execute("UPDATE answer SET head = 'not json'")
    assert shared.get(b"key") is None


def test_workers_share_a_file_per_server_and_stopped_servers_files_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert SharedAnswers.for_workers("sqlite:///a.db") is None  # a process of its own

    class Parent:
        pid = os.getpid()  # a running server

    monkeypatch.setattr("multiprocessing.parent_process", lambda: Parent())
    folder = tmp_path / f"dossier-answers-{os.getuid()}"
    folder.mkdir()
    stopped = folder / "999999999-0123456789abcdef.db"  # no such process
    stopped.write_bytes(b"")
    one = SharedAnswers.for_workers("sqlite:///a.db")
    assert one is not None and one.path.parent == folder
    assert one.path.name.startswith(f"{os.getpid()}-")
    assert not stopped.exists()
    again = SharedAnswers.for_workers("sqlite:///a.db")
    assert again is not None and again.path == one.path  # the other worker of that server
    other = SharedAnswers.for_workers("sqlite:///b.db")
    assert other is not None and other.path != one.path  # another database, another file


def _shared_path_in_child(url: str) -> str | None:
    shared = SharedAnswers.for_workers(url)
    return str(shared.path) if shared is not None else None


def test_a_spawned_worker_finds_the_file_of_its_supervisor() -> None:
    """uvicorn starts its workers with multiprocessing's spawn: their parent is the server."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        path = pool.apply(_shared_path_in_child, ("sqlite:///x.db",))
    assert path is not None
    assert Path(path).name.startswith(f"{os.getpid()}-")
    Path(path).unlink(missing_ok=True)
