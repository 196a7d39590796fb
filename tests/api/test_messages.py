"""422 messages in users' words: each names its parameter and what it takes ("q is at most
500 characters"), for every length limit of the schema and every bound of the parameters."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.security import API_KEY_HEADER
from app.core.config import get_settings
from app.main import create_app

KEY = "test-key-messages"


def limited_parameters() -> list[tuple[str, str, int]]:
    """(path, parameter, maxLength) of every query parameter with a length limit."""
    schema = create_app().openapi()
    found = []
    for path, item in schema["paths"].items():
        for parameter in item.get("get", {}).get("parameters", []):
            for option in parameter["schema"].get("anyOf", [parameter["schema"]]):
                if "maxLength" in option and "{" not in path:
                    found.append((path, parameter["name"], option["maxLength"]))
    return found


def test_every_length_limit_is_found() -> None:
    names = {name for _, name, _ in limited_parameters()}
    assert {"q", "speaker", "source", "cursor"} <= names


@pytest.mark.parametrize(("path", "parameter", "limit"), limited_parameters())
def test_a_value_over_a_length_limit_says_the_limit(
    strict_client: TestClient, path: str, parameter: str, limit: int
) -> None:
    response = strict_client.get(path, params={parameter: "x" * (limit + 1)})
    assert response.status_code == 422
    message = f"{parameter} is at most {limit} characters, not {limit + 1}"
    assert response.json()["errors"][0]["message"] == message
    assert response.json()["detail"] == f"Invalid parameter. {message}"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/statements?limit=0", "limit is at least 1, not 0"),
        ("/api/v1/statements?limit=201", "limit is at most 200, not 201"),
        ("/api/v1/statements?limit=ten", "limit is a whole number, not 'ten'"),
        ("/api/v1/articles/1.5", "article_id is a whole number, not '1.5'"),
        ("/api/v1/statements?kind=quote", "kind is one of 'direct' or 'indirect', not 'quote'"),
        (
            "/api/v1/statements/facets?facet=year",
            "facet is one of 'speaker', 'organization', 'country' or 'kind', not 'year'",
        ),
        ("/api/v1/statements/facets?size=101", "size is at most 100, not 101"),
        ("/api/v1/exercises?year=0", "year is at least 1, not 0"),
        ("/api/v1/statements?q=a%00b", "q must not contain a NUL character"),
        (
            "/api/v1/countries/KAZ",
            "code is an ISO 3166-1 alpha-2 code (two letters, such as KZ), not 'KAZ'",
        ),
    ],
)
def test_bounds_and_kinds_are_said_in_words(
    strict_client: TestClient, url: str, message: str
) -> None:
    response = strict_client.get(url)
    assert response.status_code == 422
    assert [e["message"] for e in response.json()["errors"]] == [message]


@pytest.fixture
def writer(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("DOSSIER_API_KEY", KEY)
    get_settings.cache_clear()
    yield client
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("field", "limit"),
    [("title", 2000), ("body", 500_000), ("id", 500), ("url", 2000), ("source", 200)],
)
def test_an_article_field_over_its_limit_says_the_limit(
    writer: TestClient, field: str, limit: int
) -> None:
    record: dict[str, Any] = {"title": "A title", "body": "A body.", field: "x" * (limit + 1)}
    message = f"{field} is at most {limit} characters, not {limit + 1}"
    one = writer.post("/api/v1/articles", json=record, headers={API_KEY_HEADER: KEY})
    assert one.status_code == 422
    assert message in [e["message"] for e in one.json()["errors"]]
    batch = writer.post("/api/v1/articles:batch", json=[record], headers={API_KEY_HEADER: KEY})
    assert batch.status_code == 200
    (result,) = batch.json()["results"]
    assert result["status"] == "failed"
    assert message in [e["message"] for e in result["errors"]]


def test_an_empty_title_is_said_in_words(writer: TestClient) -> None:
    response = writer.post(
        "/api/v1/articles", json={"title": "", "body": "A body."}, headers={API_KEY_HEADER: KEY}
    )
    assert response.status_code == 422
    assert "title must not be empty" in [e["message"] for e in response.json()["errors"]]
