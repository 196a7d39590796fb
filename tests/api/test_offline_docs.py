"""Offline means offline: /redoc and /docs ask no other host for anything (ReDoc's CDN logo
is replaced), and the site serves /favicon.ico, so a browser logs no error on any page."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.api.browser import chromium, offline_page, served_app


def test_the_redoc_script_names_no_cdn(strict_client: TestClient) -> None:
    page = strict_client.get("/redoc").text
    (script,) = [s for s in page.split('"') if s.endswith("redoc.standalone.js")]
    body = strict_client.get(script)
    assert body.status_code == 200
    assert body.headers["content-type"].startswith("text/javascript")
    assert "cdn.redoc.ly" not in body.text
    assert "Redocly" in body.text  # the bundle itself, not an empty answer


def test_favicon_is_served(strict_client: TestClient) -> None:
    response = strict_client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


@pytest.fixture
def server(engine: Engine, chromium_installed: None) -> Iterator[str]:
    with served_app() as base:
        yield base


@pytest.mark.slow
@pytest.mark.parametrize(("path", "drawn"), [("/redoc", ".api-content h1"), ("/docs", ".opblock")])
def test_the_docs_pages_ask_no_other_host_and_log_no_error(
    server: str, path: str, drawn: str
) -> None:
    with chromium() as browser:
        page, log = offline_page(browser, server)
        page.goto(f"{server}{path}")
        page.locator(drawn).first.wait_for(state="attached")
        page.wait_for_load_state("networkidle")
        log.assert_clean()
