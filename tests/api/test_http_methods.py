"""HEAD answers as GET without a body (ETag included), OPTIONS lists every method of the path
in `Allow`, and every 405 carries that same `Allow`."""

import pytest
from fastapi.testclient import TestClient

from tests.factories import World

GETS = [
    "/api/v1/articles",
    "/api/v1/articles?country=KZ",
    "/api/v1/statements?speaker=Tokayev&limit=1",
    "/api/v1/statements/facets",
    "/api/v1/countries/KZ",
    "/api/v1/actors/2147483647",
    "/health",
    "/",
    "/docs",
    "/openapi.json",
]


@pytest.mark.parametrize("path", GETS)
def test_head_answers_as_get_without_a_body(
    strict_client: TestClient, world: World, path: str
) -> None:
    got = strict_client.get(path)
    head = strict_client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "link", "cache-control"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_head_of_a_list_carries_its_etag_and_revalidates(
    strict_client: TestClient, world: World
) -> None:
    tag = strict_client.head("/api/v1/statements").headers["etag"]
    assert tag == strict_client.get("/api/v1/statements").headers["etag"]
    again = strict_client.head("/api/v1/statements", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""


def test_head_of_a_csv_export_has_its_headers(strict_client: TestClient, world: World) -> None:
    head = strict_client.head("/api/v1/statements?format=csv")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/csv")
    assert "statements.csv" in head.headers["content-disposition"]


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/api/v1/articles", "GET, HEAD, POST, OPTIONS"),
        ("/api/v1/articles/1", "GET, HEAD, OPTIONS"),
        ("/api/v1/articles:batch", "POST, OPTIONS"),
        ("/api/v1/statements/facets", "GET, HEAD, OPTIONS"),
        ("/health", "GET, HEAD, OPTIONS"),
        ("/static/explorer/explorer.js", "GET, HEAD, OPTIONS"),
    ],
)
def test_options_and_405_list_every_method_of_the_path(
    strict_client: TestClient, path: str, allow: str
) -> None:
    options = strict_client.options(path)
    assert options.status_code == 204 and options.content == b""
    assert options.headers["allow"] == allow
    refused = strict_client.request("PATCH", path)
    assert refused.status_code == 405
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.headers["allow"] == allow


def test_options_of_an_unknown_path_is_a_404(strict_client: TestClient) -> None:
    response = strict_client.options("/api/v1/nothing")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
