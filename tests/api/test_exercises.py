"""Exercises: by name, filters on name, host or participant country and year; detail."""

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import World

URL = "/api/v1/exercises"


def names(client: TestClient, **params: Any) -> list[str]:
    response = client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_ordered_by_name(strict_client: TestClient, world: World) -> None:
    assert names(strict_client) == ["Regional Cooperation", "Steppe Eagle"]


def test_item_fields(strict_client: TestClient, world: World) -> None:
    item = strict_client.get(URL, params={"q": "steppe"}).json()["items"][0]
    assert item["id"] == world.steppe_eagle.id
    assert (item["kind"], item["frequency"], item["host_country"]) == (
        "peacekeeping",
        "annual",
        "KZ",
    )
    assert item["article_count"] == 2
    assert item["aliases"] == ["Dala Qyrany"]
    article = world.eagle_article.id
    assert sorted(item["participants"], key=lambda p: (p["role"], p["country"])) == [
        {
            "country": "RU",
            "role": "representatives",
            "year": 2024,
            "month": 6,
            "article_id": article,
        },
        {"country": "KZ", "role": "units", "year": 2024, "month": 6, "article_id": article},
        {"country": "US", "role": "units", "year": 2024, "month": 6, "article_id": article},
    ]


def test_q_country_and_year_filters(strict_client: TestClient, world: World) -> None:
    assert names(strict_client, q="  STEPPE eagle ") == ["Steppe Eagle"]
    assert names(strict_client, q="coopération") == ["Regional Cooperation"]
    assert names(strict_client, country="kg") == ["Regional Cooperation"]  # host
    assert names(strict_client, country="ru") == ["Steppe Eagle"]  # participant
    assert names(strict_client, country="KZ") == ["Regional Cooperation", "Steppe Eagle"]
    assert names(strict_client, year=2022) == ["Regional Cooperation"]
    assert names(strict_client, year=2023) == ["Steppe Eagle"]  # edition without participants
    assert names(strict_client, year=1999) == []
    assert strict_client.get(URL, params={"country": "KZ", "year": 2024}).json()["total"] == 1


def test_q_matches_an_alias(strict_client: TestClient, world: World) -> None:
    assert names(strict_client, q=" QYRANY") == ["Steppe Eagle"]


def test_detail_and_404(strict_client: TestClient, world: World) -> None:
    response = strict_client.get(f"{URL}/{world.cooperation.id}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["name"] == "Regional Cooperation" and detail["host_country"] == "KG"
    assert detail["participants"] == [
        {
            "country": "KZ",
            "role": "participant",
            "year": 2022,
            "month": None,
            "article_id": world.undated.id,
        }
    ]
    missing = strict_client.get(f"{URL}/777777")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
