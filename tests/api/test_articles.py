"""Articles: default order, every filter, totals and the detail with its related lists."""

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import World

URL = "/api/v1/articles"


def titles(client: TestClient, **params: Any) -> list[str]:
    response = client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


def test_newest_first_then_id_with_undated_last(strict_client: TestClient, world: World) -> None:
    body = strict_client.get(URL).json()
    assert [item["id"] for item in body["items"]] == [
        world.zurich.id,  # same day as the Steppe Eagle article, higher id
        world.eagle_article.id,
        world.nato_article.id,
        world.undated.id,
    ]
    assert body["total"] == 4 and body["next_cursor"] is None


def test_item_fields(strict_client: TestClient, world: World) -> None:
    item = strict_client.get(URL, params={"source": "Reuters"}).json()["items"][0]
    assert item == {
        "id": world.nato_article.id,
        "title": "NATO chief visits Astana",
        "source": "Reuters",
        "published_at": "2024-05-01",
        "url": "https://example.com/nato",
        "statement_count": 3,
    }


def test_q_matches_title_or_body_ignoring_case_diacritics_and_space(
    strict_client: TestClient, world: World
) -> None:
    assert titles(strict_client, q="  STEPPE   eagle ") == ["Steppe Eagle begins in Kazakhstan"]
    assert titles(strict_client, q="zurich") == ["Ålesund and Zürich talk"]
    assert titles(strict_client, q="alesund") == ["Ålesund and Zürich talk"]
    assert titles(strict_client, q="Almaty") == ["Steppe Eagle begins in Kazakhstan"]
    assert titles(strict_client, q="100%") == []
    assert titles(strict_client, q="no such words") == []


def test_source_is_folded(strict_client: TestClient, world: World) -> None:
    expected = ["Ålesund and Zürich talk", "Steppe Eagle begins in Kazakhstan"]
    assert titles(strict_client, source=" KAZINFORM") == expected
    assert strict_client.get(URL, params={"source": "kazinform"}).json()["total"] == 2


def test_country_filter_is_case_insensitive(strict_client: TestClient, world: World) -> None:
    assert titles(strict_client, country="kz") == [
        "Steppe Eagle begins in Kazakhstan",
        "NATO chief visits Astana",
    ]
    assert titles(strict_client, country="KG") == ["Undated note"]
    assert titles(strict_client, country="fr") == []


def test_actor_filter(strict_client: TestClient, world: World) -> None:
    assert titles(strict_client, actor_id=world.tokayev.id) == [
        "Steppe Eagle begins in Kazakhstan",
        "NATO chief visits Astana",
    ]
    assert titles(strict_client, actor_id=999_999) == []


def test_date_range_is_inclusive_and_skips_undated(strict_client: TestClient, world: World) -> None:
    assert titles(strict_client, published_from="2024-06-10") == [
        "Ålesund and Zürich talk",
        "Steppe Eagle begins in Kazakhstan",
    ]
    assert titles(strict_client, published_to="2024-05-01") == ["NATO chief visits Astana"]
    assert titles(strict_client, published_from="2024-05-01", published_to="2024-06-09") == [
        "NATO chief visits Astana"
    ]


def test_filters_combine_and_total_counts_all_matches(
    strict_client: TestClient, world: World
) -> None:
    body = strict_client.get(URL, params={"source": "kazinform", "country": "US", "limit": 1})
    assert body.json()["total"] == 2
    assert len(body.json()["items"]) == 1
    assert titles(strict_client, source="kazinform", country="KZ", q="eagle") == [
        "Steppe Eagle begins in Kazakhstan"
    ]


def test_detail_has_body_countries_actors_statements_exercises(
    strict_client: TestClient, world: World
) -> None:
    response = strict_client.get(f"{URL}/{world.nato_article.id}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["body"] == world.nato_article.body
    assert detail["translated_from"] == "Russian"
    assert detail["statement_count"] == 3
    assert detail["countries"] == [
        {"code": "RU", "name": "Russian Federation", "mentions": 2},
        {"code": "KZ", "name": "Kazakhstan", "mentions": 1},
    ]
    assert detail["actors"] == [
        {
            "id": world.stoltenberg.id,
            "name": "Jens Stoltenberg",
            "kind": "person",
            "title": "NATO Secretary General",
        },
        {
            "id": world.tokayev.id,
            "name": "Kassym-Jomart Tokayev",
            "kind": "person",
            "title": "Head of State",
        },
        {"id": world.nato.id, "name": "NATO", "kind": "organization", "title": None},
    ]
    texts = [s["text"] for s in detail["statements"]]
    assert texts == [
        "We value Kazakhstan as a partner,",
        "Russia was informed",
        "Security is shared,",
    ]
    for statement in detail["statements"]:
        assert detail["body"][statement["start"] : statement["end"]] == statement["text"]
        assert statement["article"]["id"] == world.nato_article.id
    assert [e["name"] for e in detail["exercises"]] == ["Steppe Eagle"]


def test_unknown_article_is_a_404_problem(strict_client: TestClient, world: World) -> None:
    response = strict_client.get(f"{URL}/424242")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404
