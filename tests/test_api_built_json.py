"""Answers sent without FastAPI's validation (`app.api.responses.built_json`) are exactly what
validating them against the route's response model gives: no key more or less, no value
changed. The routes whose items carry exercise participations use it."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.schemas import ArticleDetail, CountryDetail, ExerciseItem, ExercisePage

pytest.register_assert_rewrite("tests.api_factories")
from tests.api_factories import World  # noqa: E402

pytest_plugins = ["tests.api_factories"]


def _paths(world: World) -> list[tuple[str, type[BaseModel]]]:
    articles = [world.eagle_article, world.nato_article, world.undated, world.zurich]
    return [
        ("/api/v1/exercises", ExercisePage),
        ("/api/v1/exercises?limit=1", ExercisePage),
        ("/api/v1/exercises?country=us", ExercisePage),
        (f"/api/v1/exercises/{world.steppe_eagle.id}", ExerciseItem),
        (f"/api/v1/exercises/{world.cooperation.id}", ExerciseItem),
        ("/api/v1/countries/KZ", CountryDetail),
        ("/api/v1/countries/us", CountryDetail),
        ("/api/v1/countries/FR", CountryDetail),
        *((f"/api/v1/articles/{a.id}", ArticleDetail) for a in articles),
    ]


def test_built_answers_equal_validated_answers(strict_client: TestClient, world: World) -> None:
    for path, model in _paths(world):
        response = strict_client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        body: Any = response.json()
        assert body == model.model_validate(body).model_dump(mode="json", by_alias=True), path


def test_built_answers_carry_the_participations(strict_client: TestClient, world: World) -> None:
    eagle = strict_client.get(f"/api/v1/exercises/{world.steppe_eagle.id}").json()
    assert {(p["country"], p["role"]) for p in eagle["participants"]} == {
        ("US", "units"),
        ("KZ", "units"),
        ("RU", "representatives"),
    }
    article = strict_client.get(f"/api/v1/articles/{world.eagle_article.id}").json()
    assert article["published_at"] == "2024-06-10"
    assert [e["name"] for e in article["exercises"]] == ["Steppe Eagle"]


def test_unknown_ids_are_still_problems(strict_client: TestClient, world: World) -> None:
    for path in ("/api/v1/exercises/999999", "/api/v1/countries/QQ", "/api/v1/articles/999999"):
        response = strict_client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/problem+json")
