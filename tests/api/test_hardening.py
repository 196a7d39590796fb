"""Security hardening of the read API: CORS closed by default, no internals in any error,
SQL only through bound parameters."""

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from app.core.config import get_settings
from app.main import create_app
from tests.paths import APP_DIR

ORIGIN = "https://newsroom.example"


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Change settings through the environment; the cached settings are rebuilt around it."""
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


def test_cors_is_closed_by_default(engine: Engine, settings_env: pytest.MonkeyPatch) -> None:
    settings_env.delenv("DOSSIER_CORS_ORIGINS", raising=False)
    with TestClient(create_app()) as client:
        response = client.get("/api/v1/countries", headers={"Origin": ORIGIN})
        preflight = client.options(
            "/api/v1/countries",
            headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
        )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_the_configured_origins(
    engine: Engine, settings_env: pytest.MonkeyPatch
) -> None:
    settings_env.setenv("DOSSIER_CORS_ORIGINS", f'["{ORIGIN}"]')
    with TestClient(create_app()) as client:
        allowed = client.get("/api/v1/countries", headers={"Origin": ORIGIN})
        other = client.get("/api/v1/countries", headers={"Origin": "https://evil.example"})
        preflight = client.options(
            "/api/v1/countries",
            headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
        )
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    # The allowed origins may also write (POST ingestion, which still needs the API key);
    # nothing else, and no other origin, gets any of it.
    methods = {m.strip() for m in preflight.headers["access-control-allow-methods"].split(",")}
    assert methods == {"GET", "POST"}


def _app_raising(exc: Exception) -> FastAPI:
    app = create_app()

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise exc

    return app


INTERNALS = [
    (
        "ProgrammingError",
        ProgrammingError(
            "SELECT secret FROM article WHERE id = %(id)s", {"id": 1}, Exception("/srv/app/x.py")
        ),
    ),
    ("KeyError", KeyError("/work/app/queries/articles.py")),
    ("ValueError", ValueError('File "/work/app/core/db.py", line 3, in get_session')),
]


@pytest.mark.parametrize(("name", "exc"), INTERNALS, ids=[name for name, _ in INTERNALS])
def test_unexpected_errors_show_no_sql_paths_or_traceback(
    engine: Engine, name: str, exc: Exception
) -> None:
    with TestClient(_app_raising(exc), raise_server_exceptions=False) as client:
        response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    for leak in (name, "SELECT", "secret", "/srv/", "/work/", ".py", "Traceback", 'File "'):
        assert leak not in response.text, leak


def test_database_errors_do_not_show_the_database_location(engine: Engine) -> None:
    error = OperationalError(
        "SELECT 1", {}, Exception('connection to server at "db.internal" failed: /var/run/x')
    )
    with TestClient(_app_raising(error), raise_server_exceptions=False) as client:
        response = client.get("/api/v1/boom")
    assert response.status_code == 503
    for leak in ("db.internal", "/var/run", "SELECT", "OperationalError"):
        assert leak not in response.text, leak


def test_sql_is_built_only_with_bound_parameters() -> None:
    """No SQL text assembled from strings in the application: f-strings, % or .format() on
    text passed to text(), execute() or exec_driver_sql()."""
    pattern = re.compile(
        r"(text|execute|exec_driver_sql)\(\s*(f[\"']|[\"'][^\"']*[\"']\s*(%|\.format))"
    )
    offenders = [
        f"{path.relative_to(APP_DIR)}:{number}"
        for path in APP_DIR.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_the_app_is_not_in_debug_mode(engine: Engine) -> None:
    app = create_app()
    assert app.debug is False
    with TestClient(app) as client:
        response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert "Traceback" not in response.text and "/work/" not in response.text
