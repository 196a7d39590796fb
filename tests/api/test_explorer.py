"""The explorer page at `/`: served by the app with its own assets, driven in headless Chromium."""

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.ingest.service import ingest_paths
from tests.api.browser import chromium, offline_page, served_app
from tests.paths import BUNDLED_ARTICLES

EXPLORER_ROOT = Path(__file__).resolve().parents[2] / "app" / "static"
ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
needs_chromium = pytest.mark.usefixtures("chromium_installed")


def test_explorer_page_and_its_assets_are_served_by_the_app(strict_client: TestClient) -> None:
    page = strict_client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Dossier explorer" in page.text
    assets = [a for a in ASSET.findall(page.text) if a.startswith("/static/")]
    assert {"/static/explorer/explorer.css", "/static/explorer/explorer.js"} <= set(assets)
    for asset in ASSET.findall(page.text):
        parts = urlsplit(asset)
        assert not parts.scheme and not parts.netloc, asset  # nothing from a CDN
        assert strict_client.get(asset).status_code == 200, asset
    script = strict_client.get("/static/explorer/explorer.js").text
    assert "http://" not in script and "https://" not in script


@pytest.mark.parametrize("path", ["/actors/7", "/exercises/3", "/countries/kz"])
def test_each_view_url_answers_the_explorer_page(strict_client: TestClient, path: str) -> None:
    # The page draws the view from the URL, so a reload lands on it, known entity or not.
    page = strict_client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.text == strict_client.get("/").text


@pytest.mark.parametrize("path", ["/actors/abc", "/actors/0", "/exercises/1.5", "/countries/KAZ"])
def test_a_malformed_view_url_is_a_422_problem(strict_client: TestClient, path: str) -> None:
    response = strict_client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.fixture
def seeded_server(engine: Engine, database_url: str) -> Iterator[str]:
    """The bundled articles ingested, and the app served by uvicorn on a free port."""
    summary = ingest_paths([BUNDLED_ARTICLES], database_url=database_url, progress=False)
    assert summary.new == 2 and summary.failed == 0
    with served_app() as base:
        yield base


@needs_chromium
def test_typing_a_speaker_shows_their_statements_and_the_highlighted_article(
    seeded_server: str,
) -> None:
    from playwright.sync_api import expect

    expected = httpx.get(f"{seeded_server}/api/v1/statements?speaker=Appathurai&limit=200").json()
    assert expected["total"] >= 2
    with chromium() as browser:
        page, log = offline_page(browser, seeded_server)
        page.goto(f"{seeded_server}/")
        statements = page.locator("#statements .statement")
        expect(page.locator("#status")).to_have_text(re.compile(r"^\d+ statements"))

        page.fill("#speaker", "appathurai")
        expect(page.locator("#status")).to_have_text(f"{expected['total']} statements")
        expect(statements).to_have_count(expected["total"])
        expect(statements.locator(".who")).to_have_text(["James Appathurai"] * expected["total"])
        expect(statements.locator("blockquote")).to_have_text(
            [item["text"] for item in expected["items"]]
        )
        # The words naming the speaker, where they say more than the name ("he", a title).
        mentions = [
            f" (“{item['speaker_mention']['text']}”)"
            for item in expected["items"]
            if item["speaker_mention"]["text"] != item["speaker"]["name"]
        ]
        assert mentions
        expect(statements.locator(".mention")).to_have_text(mentions)
        assert "speaker=appathurai" in page.url
        export = page.locator("#export").get_attribute("href")
        assert export == "/api/v1/statements?speaker=appathurai&format=csv"

        first = expected["items"][0]
        statements.first.click()
        article = page.locator("#article")
        expect(article.locator("h2")).to_have_text(first["article"]["title"])
        expect(article.locator("mark.current")).to_have_text(first["text"])
        detail = httpx.get(f"{seeded_server}/api/v1/articles/{first['article']['id']}").json()
        marks = article.locator("mark")
        expect(marks).to_have_count(len(detail["statements"]))
        body = article.locator(".body")
        expect(body).to_have_text(detail["body"])
        log.assert_clean()


def test_the_vendored_chart_library_is_served_with_its_licence_and_version_note(
    strict_client: TestClient,
) -> None:
    vendor = EXPLORER_ROOT / "vendor" / "chartjs"
    script = strict_client.get("/static/vendor/chartjs/chart.umd.min.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    version = re.search(r"Chart\.js v(\d+\.\d+\.\d+)", script.text[:200])
    assert version is not None
    assert f"**{version[1]}**" in (vendor / "README.md").read_text()
    assert "MIT License" in (vendor / "LICENSE.md").read_text()


@needs_chromium
def test_a_described_speaker_links_the_organisation_its_words_name(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    (tmp_path / "navy.txt").write_text(
        "Borovian Navy opens its drill\n\nThe Borovian Navy opened the drill on Monday.\n\n"
        "A spokesperson for the Borovian Navy said two more ships would join on Friday.\n",
        encoding="utf-8",
    )
    summary = ingest_paths([tmp_path], database_url=database_url, progress=False)
    assert summary.new == 1
    with served_app() as base, chromium() as browser:
        page, log = offline_page(browser, base)
        page.goto(f"{base}/?q=ships")
        who = page.locator("#statements .statement .who")
        expect(who).to_have_text(["A spokesperson for the Borovian Navy (Borovian Navy)"])
        who.locator("a").click()
        expect(page.locator("#entity-view h2")).to_have_text("Borovian Navy")
        assert re.search(r"/actors/\d+$", page.url)
        log.assert_clean()
