"""Actors: most statements first, name and alias search, filters and the detail."""

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import Factory, World

URL = "/api/v1/actors"


def names(client: TestClient, **params: Any) -> list[str]:
    response = client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_most_statements_first_then_name(strict_client: TestClient, world: World) -> None:
    assert names(strict_client) == [
        "Kassym-Jomart Tokayev",  # 3 statements
        "Jens Stoltenberg",  # 2
        "José Müller",  # 1
        "NATO",  # 0, then by name
        "Ruslan Zhaksylykov",  # 0
    ]


def test_item_fields(strict_client: TestClient, world: World) -> None:
    item = strict_client.get(URL, params={"q": "stoltenberg"}).json()["items"][0]
    assert item == {
        "id": world.stoltenberg.id,
        "name": "Jens Stoltenberg",
        "kind": "person",
        "title": "Secretary General",
        "organization": {"id": world.nato.id, "name": "NATO"},
        "country": "NO",
        "aliases": [],
        "statement_count": 2,
        "article_count": 1,
    }


def test_q_matches_name_or_alias_substring_folded(strict_client: TestClient, world: World) -> None:
    assert names(strict_client, q=" atlantic  ALLIANCE ") == ["NATO"]
    assert names(strict_client, q="k. toka") == ["Kassym-Jomart Tokayev"]
    assert names(strict_client, q="MULLER") == ["José Müller"]
    assert names(strict_client, q="jose müller") == ["José Müller"]
    assert names(strict_client, q="berg") == ["Jens Stoltenberg"]
    assert names(strict_client, q="_") == []


def test_alias_listed_on_item(strict_client: TestClient, world: World) -> None:
    item = strict_client.get(URL, params={"q": "nato"}).json()["items"][0]
    assert item["aliases"] == ["North Atlantic Alliance"]
    assert item["kind"] == "organization" and item["organization"] is None


def test_kind_country_and_organization_filters(strict_client: TestClient, world: World) -> None:
    assert names(strict_client, kind="organization") == ["NATO"]
    assert names(strict_client, country="kz") == ["Kassym-Jomart Tokayev", "Ruslan Zhaksylykov"]
    assert names(strict_client, organization_id=world.nato.id) == ["Jens Stoltenberg"]
    assert names(strict_client, kind="person", country="US") == ["José Müller"]
    assert strict_client.get(URL, params={"kind": "person"}).json()["total"] == 4


def test_detail_has_titles_with_article_ids_and_articles(
    strict_client: TestClient, world: World
) -> None:
    response = strict_client.get(f"{URL}/{world.tokayev.id}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["statement_count"] == 3 and detail["article_count"] == 2
    assert detail["aliases"] == ["K. Tokayev"]
    assert sorted(detail["titles"], key=lambda t: t["title"]) == [
        {"title": "Head of State", "article_ids": [world.nato_article.id]},
        {"title": "President", "article_ids": [world.eagle_article.id]},
    ]
    assert [a["id"] for a in detail["articles"]] == [world.eagle_article.id, world.nato_article.id]
    assert detail["articles"][0]["statement_count"] == 2


def test_unknown_actor_is_a_404_problem(strict_client: TestClient, world: World) -> None:
    response = strict_client.get(f"{URL}/987654")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_detail_lists_the_newest_hundred_articles(
    strict_client: TestClient, factory: Factory
) -> None:
    busy = factory.actor("Busy Speaker")
    for n in range(105):
        factory.mention(factory.article(f"Story {n}", f"Body {n}."), busy)
    detail = strict_client.get(f"{URL}/{busy.id}").json()
    assert detail["article_count"] == 105
    ids = [a["id"] for a in detail["articles"]]
    assert len(ids) == 100 and ids == sorted(ids, reverse=True)
