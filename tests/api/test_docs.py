"""OpenAPI schema and the /docs and /redoc pages, which must work with no internet access."""

import re
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.main import create_app
from tests.tools import CHROMIUM

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_openapi_has_readable_stable_operation_ids(strict_client: TestClient) -> None:
    schema = strict_client.get("/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    ids = {op["operationId"] for op in operations}
    assert {
        "articles-list_articles",
        "articles-get_article",
        "actors-list_actors",
        "statements-list_statements",
        "exercises-get_exercise",
        "countries-get_country",
        "health-check_health",
    } <= ids
    assert len(ids) == len(operations)
    for op in operations:
        assert op["description"], op["operationId"]
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), (op["operationId"], parameter["name"])
            assert parameter["schema"].get("examples"), (op["operationId"], parameter["name"])


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_use_only_assets_served_by_the_app(strict_client: TestClient, page: str) -> None:
    response = strict_client.get(page)
    assert response.status_code == 200
    html = response.text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assets = ASSET.findall(html)
    assert assets, "the page loads no asset at all"
    for asset in assets:
        parts = urlsplit(asset)
        assert not parts.scheme and not parts.netloc, asset
        assert strict_client.get(asset).status_code == 200, asset
    assert "/openapi.json" in html
    assert strict_client.get("/openapi.json").status_code == 200


def test_swagger_oauth_redirect_page_is_served(strict_client: TestClient) -> None:
    assert strict_client.get("/docs/oauth2-redirect").status_code == 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_server(engine: Engine) -> Iterator[str]:
    """The app served by uvicorn on a free local port, in a thread."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def rendered_dom(url: str) -> str:
    """The DOM after scripts ran, in headless Chromium that can reach only 127.0.0.1."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                # Any host but the test server fails to resolve: the page must not need one.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--virtual-time-budget=15000",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.usefixtures("chromium_installed")
def test_swagger_ui_renders_the_operations_offline(live_server: str) -> None:
    dom = rendered_dom(f"{live_server}/docs")
    assert "opblock" in dom
    assert "/api/v1/articles/{article_id}" in dom
    assert "/api/v1/statements" in dom


@pytest.mark.usefixtures("chromium_installed")
def test_redoc_renders_the_operations_offline(live_server: str) -> None:
    dom = rendered_dom(f"{live_server}/redoc")
    assert "List Articles" in dom
    assert "Get Country" in dom
    assert "Dossier API" in dom


def test_error_responses_are_documented_as_problem_json(strict_client: TestClient) -> None:
    schema = strict_client.get("/openapi.json").json()
    for path, item in schema["paths"].items():
        for operation in item.values():
            responses = operation["responses"]
            assert "422" in responses or path.endswith("/health"), path
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"]
                    ref = response["content"]["application/problem+json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/Problem"
