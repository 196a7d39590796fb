"""ETag / If-None-Match, Link rel="next", Vary and CORS headers of the JSON API."""

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.core.config import get_settings
from tests.factories import Factory, World


def test_json_answers_carry_an_etag_and_revalidate_to_304(client: TestClient, world: World) -> None:
    first = client.get("/api/v1/statements?speaker=tokayev")
    tag = first.headers["etag"]
    assert tag.startswith('"') and tag.endswith('"') and len(tag) > 10
    assert first.headers["cache-control"] == "no-cache"
    assert client.get("/api/v1/statements?speaker=tokayev").headers["etag"] == tag
    again = client.get("/api/v1/statements?speaker=tokayev", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    other = client.get("/api/v1/statements?speaker=stoltenberg", headers={"If-None-Match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag


@pytest.mark.parametrize("form", ["W/{tag}", '"nope", {tag}', "*"])
def test_if_none_match_accepts_weak_tags_lists_and_star(
    client: TestClient, world: World, form: str
) -> None:
    tag = client.get("/api/v1/actors/" + str(world.tokayev.id)).headers["etag"]
    response = client.get(
        f"/api/v1/actors/{world.tokayev.id}", headers={"If-None-Match": form.format(tag=tag)}
    )
    assert response.status_code == 304


def test_etag_changes_when_the_data_changes(
    client: TestClient, world: World, factory: Factory
) -> None:
    tag = client.get("/api/v1/statements").headers["etag"]
    factory.statement(world.undated, "The exercise will be regional,", world.muller)
    response = client.get("/api/v1/statements", headers={"If-None-Match": tag})
    assert response.status_code == 200
    assert response.headers["etag"] != tag
    assert response.json()["total"] == 8


def test_errors_and_csv_get_no_etag(client: TestClient, world: World) -> None:
    missing = client.get("/api/v1/articles/999999")
    assert missing.status_code == 404 and "etag" not in missing.headers
    csv = client.get("/api/v1/statements?format=csv")
    assert "etag" not in csv.headers
    assert csv.headers["vary"] == "Accept"


def test_link_header_points_to_the_next_page(client: TestClient, world: World) -> None:
    seen: list[int] = []
    url: str | None = "/api/v1/statements?limit=2&published_to=2024-12-31"
    pages = 0
    while url is not None:
        response = client.get(url)
        page = response.json()
        seen += [item["id"] for item in page["items"]]
        pages += 1
        link = response.headers.get("link")
        if page["next_cursor"] is None:
            assert link is None
            url = None
            continue
        assert link is not None and link.endswith('>; rel="next"')
        url = link[1 : link.index(">")]
        query = parse_qs(urlsplit(url).query)
        assert query == {
            "limit": ["2"],
            "published_to": ["2024-12-31"],
            "cursor": [page["next_cursor"]],
        }
    everything = client.get("/api/v1/statements?limit=200&published_to=2024-12-31").json()
    assert seen == [item["id"] for item in everything["items"]]
    assert pages == 3


@pytest.fixture
def cors_client(engine: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    from app.main import create_app

    monkeypatch.setenv("DOSSIER_CORS_ORIGINS", '["http://localhost:3000"]')
    get_settings.cache_clear()
    with TestClient(create_app()) as client:
        yield client
    get_settings.cache_clear()


def test_cors_exposes_etag_and_link(cors_client: TestClient, world: World) -> None:
    origin = {"Origin": "http://localhost:3000"}
    response = cors_client.get("/api/v1/statements?limit=1", headers=origin)
    assert response.headers["access-control-allow-origin"] == "http://localhost:3000"
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert {"etag", "link", "location", "content-disposition"} <= exposed
    preflight = cors_client.options(
        "/api/v1/articles",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-api-key, content-type",
        },
    )
    assert preflight.status_code == 200
    conditional = cors_client.options(
        "/api/v1/statements",
        headers={
            **origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert conditional.status_code == 200
    stranger = cors_client.get("/api/v1/statements", headers={"Origin": "http://evil.test"})
    assert "access-control-allow-origin" not in stranger.headers
