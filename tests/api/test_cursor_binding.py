"""A cursor continues the query it came from only: with other filters, or on another list, it
is a 422 problem that says so; the same filters written otherwise, another `limit` or the
CSV format continue the walk."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import World

URL = "/api/v1/statements"


def next_cursor(client: TestClient, path: str = URL, **params: Any) -> str:
    page = client.get(path, params={"limit": 1, **params}).json()
    assert page["next_cursor"], page
    return str(page["next_cursor"])


def assert_other_query(response: Any) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["errors"] == [
        {
            "parameter": "cursor",
            "in": "query",
            "message": "this cursor belongs to another query: pass it with the same filters as "
            "the page that returned it, or start again without `cursor`",
        }
    ]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ({}, {"speaker": "Tokayev"}),
        ({"speaker": "Tokayev"}, {}),
        ({"speaker": "Tokayev"}, {"speaker": "Stoltenberg"}),
        ({"country": "KZ"}, {"country": "RU"}),
        ({"kind": "direct"}, {"kind": "direct", "published_from": "2017-01-01"}),
    ],
)
def test_a_cursor_with_other_filters_is_a_422(
    strict_client: TestClient, world: World, first: dict[str, str], then: dict[str, str]
) -> None:
    cursor = next_cursor(strict_client, **first)
    assert_other_query(strict_client.get(URL, params={**then, "cursor": cursor}))


def test_a_cursor_of_another_list_is_a_422(strict_client: TestClient, world: World) -> None:
    cursor = next_cursor(strict_client, "/api/v1/actors")
    response = strict_client.get("/api/v1/countries", params={"cursor": cursor})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_the_same_filters_written_otherwise_continue_the_walk(
    strict_client: TestClient, world: World
) -> None:
    whole = strict_client.get(URL, params={"speaker": "Tokayev"}).json()
    assert whole["total"] >= 2
    cursor = next_cursor(strict_client, speaker="Tokayev")
    page = strict_client.get(URL, params={"speaker": "  tokáyev ", "cursor": cursor, "limit": 5})
    assert page.status_code == 200, page.text
    assert page.json()["items"] == whole["items"][1:6]
    assert page.json()["total"] == whole["total"]


def test_a_cursor_continues_as_csv(strict_client: TestClient, world: World) -> None:
    cursor = next_cursor(strict_client, country="kz")
    response = strict_client.get(URL, params={"country": "KZ", "cursor": cursor, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
