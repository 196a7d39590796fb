"""Countries: only those some article mentions, most articles first, counts and detail."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import World

URL = "/api/v1/countries"


def codes(client: TestClient, **params: Any) -> list[str]:
    response = client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["code"] for item in response.json()["items"]]


def test_only_mentioned_countries_most_articles_first_then_name(
    strict_client: TestClient, world: World
) -> None:
    # KZ and US have two articles each (Kazakhstan < United States), then KG < RU by name.
    assert codes(strict_client) == ["KZ", "US", "KG", "RU"]
    assert strict_client.get(URL).json()["total"] == 4


def test_empty_database_lists_no_country(strict_client: TestClient) -> None:
    assert strict_client.get(URL).json() == {
        "items": [],
        "next_cursor": None,
        "total": 0,
        "total_exact": True,
    }


def test_item_counts(strict_client: TestClient, world: World) -> None:
    item = strict_client.get(URL, params={"q": "kazakh"}).json()["items"][0]
    assert item == {
        "code": "KZ",
        "iso3": "KAZ",
        "name": "Kazakhstan",
        "article_count": 2,
        "mention_count": 4,
        "statement_count": 2,
        "exercise_count": 2,  # hosts Steppe Eagle, takes part in Regional Cooperation
    }


def test_q_matches_name_folded(strict_client: TestClient, world: World) -> None:
    assert codes(strict_client, q="  RUSSIAN ") == ["RU"]
    assert codes(strict_client, q="united") == ["US"]
    assert codes(strict_client, q="france") == []


def test_detail_with_articles_exercises_and_actors(strict_client: TestClient, world: World) -> None:
    response = strict_client.get(f"{URL}/kz")
    assert response.status_code == 200
    detail = response.json()
    assert detail["code"] == "KZ" and detail["article_count"] == 2
    assert [a["id"] for a in detail["articles"]] == [world.eagle_article.id, world.nato_article.id]
    assert [e["name"] for e in detail["exercises"]] == ["Regional Cooperation", "Steppe Eagle"]
    assert [a["name"] for a in detail["actors"]] == ["Kassym-Jomart Tokayev", "Ruslan Zhaksylykov"]


def test_country_no_article_mentions_has_zero_counts(
    strict_client: TestClient, world: World
) -> None:
    detail = strict_client.get(f"{URL}/FR").json()
    assert detail["name"] == "France"
    assert detail["article_count"] == 0 and detail["articles"] == []


def test_unknown_code_is_a_404_problem(strict_client: TestClient, world: World) -> None:
    response = strict_client.get(f"{URL}/XX")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("code", ["xx", "QQ"])
def test_the_404_of_an_unknown_code_names_the_code(
    strict_client: TestClient, world: World, code: str
) -> None:
    for path in (f"{URL}/{code}", f"{URL}/{code}/partners"):
        response = strict_client.get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == f"No country with code {code.upper()}."
