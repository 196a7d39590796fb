"""Keyset paging: every item exactly once at any page size, also while articles are ingested."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory, World, walk

LISTS = ["articles", "actors", "statements", "exercises", "countries"]


def key(item: dict[str, object]) -> object:
    return item.get("id", item.get("code"))


@pytest.fixture
def crowded(factory: Factory, world: World) -> World:
    """More rows with ties on every sort key: same dates, no dates, same names and counts."""
    for n in range(5):
        published = date(2024, 6, 10) if n < 3 else None
        article = factory.article(
            f"Tie {n}", f"Body {n} says hello.", published_at=published, countries={"FR": 1}
        )
        factory.statement(article, "hello", None)
        factory.actor(f"Twin {n % 2 if n < 4 else 2}", "organization" if n in (2, 3) else "person")
        factory.exercise(f"Drill {n}")
    factory.exercise("Drill", host="FR")
    return world


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_walking_pages_yields_each_item_once_in_order(
    strict_client: TestClient, crowded: World, resource: str, limit: int
) -> None:
    whole = strict_client.get(f"/api/v1/{resource}", params={"limit": 200}).json()
    walked = walk(strict_client, f"/api/v1/{resource}", limit)
    assert [key(i) for i in walked] == [key(i) for i in whole["items"]]
    assert len({key(i) for i in walked}) == len(walked) == whole["total"]


def test_total_counts_all_matches_on_every_page(strict_client: TestClient, crowded: World) -> None:
    cursor = None
    for _ in range(3):
        params: dict[str, object] = {"limit": 2, "country": "FR"}
        if cursor:
            params["cursor"] = cursor
        page = strict_client.get("/api/v1/articles", params=params).json()
        assert page["total"] == 5
        cursor = page["next_cursor"]
    assert cursor is None


def test_filters_apply_on_later_pages(strict_client: TestClient, crowded: World) -> None:
    walked = walk(strict_client, "/api/v1/statements", 1, q="hello")
    assert [s["text"] for s in walked] == ["hello"] * 5


def ingest_more(factory: Factory, world: World) -> None:
    """What a concurrent ingest adds: a newest, an oldest and an undated article."""
    for published in (date(2030, 1, 1), date(1990, 1, 1), None):
        article = factory.article(
            f"Late {published}",
            "NATO said Russia and Kazakhstan agree. More.",
            published_at=published,
            countries={"RU": 9, "KZ": 1, "DE": 1},
        )
        factory.mention(article, world.nato)
        for text in ("Russia and Kazakhstan agree", "More"):
            factory.statement(article, text, world.nato, countries=["RU"])
    factory.actor("Newcomer")
    factory.exercise("AAA First By Name")


@pytest.mark.parametrize("resource", LISTS)
def test_ingest_during_a_walk_repeats_and_skips_nothing(
    strict_client: TestClient, factory: Factory, crowded: World, resource: str
) -> None:
    path = f"/api/v1/{resource}"
    before = walk(strict_client, path, 200)
    first = strict_client.get(path, params={"limit": 2}).json()
    ingest_more(factory, crowded)
    seen = list(first["items"])
    cursor = first["next_cursor"]
    while cursor:
        page = strict_client.get(path, params={"limit": 2, "cursor": cursor}).json()
        assert page["total"] == first["total"]  # counted as of the first page
        seen += page["items"]
        cursor = page["next_cursor"]
    assert [key(i) for i in seen] == [key(i) for i in before]
    # A new walk sees what was ingested.
    assert len(walk(strict_client, path, 200)) > len(before)


def test_cursor_is_opaque_urlsafe_text(strict_client: TestClient, crowded: World) -> None:
    cursor = strict_client.get("/api/v1/articles", params={"limit": 1}).json()["next_cursor"]
    assert isinstance(cursor, str) and cursor
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
