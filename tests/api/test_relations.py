"""What detail pages relate to: co-quoted speakers, an exercise's editions and articles, a
country's exercise partners; unknown ids 404 and bad parameters 422, as problem+json."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory, World

API = "/api/v1"


def test_co_quoted_are_the_other_speakers_of_the_actors_articles(
    strict_client: TestClient, world: World
) -> None:
    answer = strict_client.get(f"{API}/actors/{world.tokayev.id}/co-quoted").json()
    # Tokayev speaks in two articles; only the NATO one quotes someone else (twice).
    assert answer == {
        "actor_id": world.tokayev.id,
        "total": 1,
        "items": [
            {
                "id": world.stoltenberg.id,
                "name": "Jens Stoltenberg",
                "kind": "person",
                "article_count": 1,
                "statement_count": 2,
            }
        ],
    }
    back = strict_client.get(f"{API}/actors/{world.stoltenberg.id}/co-quoted").json()
    assert [(i["name"], i["statement_count"]) for i in back["items"]] == [
        ("Kassym-Jomart Tokayev", 1)
    ]
    alone = strict_client.get(f"{API}/actors/{world.muller.id}/co-quoted").json()
    assert (alone["total"], alone["items"]) == (0, [])


def test_co_quoted_ranked_by_shared_articles_then_statements_and_size_limits_the_items(
    strict_client: TestClient, world: World, factory: Factory
) -> None:
    drill = factory.article(
        "A joint drill is planned",
        '"We train together," the minister said. "Good," Tokayev said.',
        published_at=date(2024, 7, 1),
    )
    factory.statement(drill, "We train together,", world.minister)
    factory.statement(drill, "Good,", world.tokayev)
    url = f"{API}/actors/{world.tokayev.id}/co-quoted"
    answer = strict_client.get(url).json()
    # One shared article each: Stoltenberg speaks twice in his, the minister once.
    assert answer["total"] == 2
    assert [(i["name"], i["article_count"], i["statement_count"]) for i in answer["items"]] == [
        ("Jens Stoltenberg", 1, 2),
        ("Ruslan Zhaksylykov", 1, 1),
    ]
    first = strict_client.get(url, params={"size": 1}).json()
    assert first["total"] == 2 and [i["name"] for i in first["items"]] == ["Jens Stoltenberg"]
    organisation = strict_client.get(f"{API}/actors/{world.nato.id}/co-quoted").json()
    assert organisation == {"actor_id": world.nato.id, "total": 0, "items": []}


def test_exercise_editions_and_reporting_articles(strict_client: TestClient, world: World) -> None:
    answer = strict_client.get(f"{API}/exercises/{world.steppe_eagle.id}/articles").json()
    assert answer["exercise_id"] == world.steppe_eagle.id
    assert answer["editions"] == [
        {"year": 2023, "article_count": 1, "months": [], "countries": []},
        {"year": 2024, "article_count": 1, "months": [6], "countries": ["KZ", "RU", "US"]},
    ]
    assert answer["total"] == 2
    articles = [(a["id"], a["year"], a["month"]) for a in answer["articles"]]
    assert articles == [(world.eagle_article.id, 2024, 6), (world.nato_article.id, 2023, None)]
    first = answer["articles"][0]
    assert first["title"] == "Steppe Eagle begins in Kazakhstan"
    assert first["published_at"] == "2024-06-10" and first["statement_count"] == 2


def test_an_edition_known_from_participations_alone(
    strict_client: TestClient, world: World
) -> None:
    answer = strict_client.get(f"{API}/exercises/{world.cooperation.id}/articles").json()
    assert answer["editions"] == [
        {"year": 2022, "article_count": 1, "months": [], "countries": ["KZ"]}
    ]
    assert [a["title"] for a in answer["articles"]] == ["Undated note"]


def test_exercise_partners_of_a_country(strict_client: TestClient, world: World) -> None:
    # KZ hosts Steppe Eagle (US, RU take part) and joins Regional Cooperation (KG hosts).
    answer = strict_client.get(f"{API}/countries/kz/partners").json()
    assert answer["code"] == "KZ" and answer["total"] == 3
    assert [(p["code"], p["exercise_count"]) for p in answer["items"]] == [
        ("KG", 1),
        ("RU", 1),
        ("US", 1),
    ]
    assert answer["items"][0]["name"] == "Kyrgyzstan"
    us = strict_client.get(f"{API}/countries/US/partners", params={"size": 1}).json()
    assert us["total"] == 2 and [p["code"] for p in us["items"]] == ["KZ"]


@pytest.mark.parametrize(
    "path",
    [
        "/actors/777777/co-quoted",
        "/exercises/777777/articles",
        "/countries/ZZ/partners",
    ],
)
def test_unknown_entity_is_a_404_problem(
    strict_client: TestClient, world: World, path: str
) -> None:
    response = strict_client.get(API + path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "path",
    [
        "/actors/0/co-quoted",
        "/actors/abc/co-quoted",
        "/actors/1/co-quoted?size=0",
        "/actors/1/co-quoted?size=101",
        "/exercises/99999999999/articles",
        "/countries/KAZ/partners",
        "/countries/K1/partners",
        "/countries/KZ/partners?size=x",
    ],
)
def test_malformed_request_is_a_422_problem(
    strict_client: TestClient, world: World, path: str
) -> None:
    response = strict_client.get(API + path)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"]
