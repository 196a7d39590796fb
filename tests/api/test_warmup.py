"""The startup warm-up: one request of each common kind, values from the data, through the whole
app, before the server accepts connections; it never keeps the server from starting."""

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.api.warmup import warm_up
from app.core.config import get_settings
from app.main import create_app
from tests.factories import World


class Recorder:
    """An ASGI app in front of another that notes the paths and query strings asked."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.asked: list[tuple[str, str]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.asked.append((scope["path"], scope["query_string"].decode()))
        await self.app(scope, receive, send)


@pytest.fixture
def warm_setting(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DOSSIER_WARM_UP", "true")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def _warm(app: Any) -> Recorder:
    recorder = Recorder(app)
    asyncio.run(warm_up(recorder))
    return recorder


def test_each_common_kind_is_asked_with_values_from_the_data(world: World, engine: Engine) -> None:
    with TestClient(create_app()) as client:  # started: the app's stack is built
        recorder = _warm(client.app)
    paths = [path for path, _query in recorder.asked]
    queries = " ".join(query for _path, query in recorder.asked)
    assert paths[0] == "/api/v1/statements" and "cursor=" in queries
    assert any(p.startswith("/api/v1/articles/") for p in paths)
    assert any(p.startswith("/api/v1/actors/") for p in paths)
    assert "speaker=" in queries and "country=" in queries and "q=" in queries
    assert paths[-1] == "/api/v1/articles"


def test_an_empty_database_warms_what_it_can(engine: Engine) -> None:
    with TestClient(create_app()) as client:
        recorder = _warm(client.app)
    assert [path for path, _ in recorder.asked] == ["/api/v1/statements", "/api/v1/articles"]


def test_the_lifespan_warms_up_when_the_setting_is_on(
    world: World, warm_setting: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="app.api.warmup"), TestClient(create_app()) as c:
        assert c.get("/api/v1/statements?limit=1").status_code == 200
    assert any("warmed up" in r.getMessage() for r in caplog.records)


def test_a_failing_warm_up_is_logged_and_the_server_starts(
    engine: Engine, warm_setting: None, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("database unreachable")

    with caplog.at_level(logging.WARNING, logger="app.api.warmup"):
        asyncio.run(warm_up(broken))
    assert any("warm-up skipped: database unreachable" in r.getMessage() for r in caplog.records)
    with TestClient(create_app()) as client:  # and a real app starts with it on
        assert client.get("/health").status_code == 200
