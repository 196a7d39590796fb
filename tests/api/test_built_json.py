"""Answers sent without FastAPI's validation (`app.api.responses.built_json`) are exactly what
validating them against the route's response model gives: no key more or less, no value
changed. The routes whose items carry exercise participations use it; the participations are
JSON text the database writes (`app.core.jsontext.RawJSON`, migration 0009)."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from pydantic_core import PydanticSerializationError
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from app.api.responses import json_bytes
from app.api.schemas import (
    ArticleDetail,
    CountryDetail,
    ExerciseItem,
    ExercisePage,
    StatementPage,
)
from app.core.jsontext import RawJSON, plain
from app.core.models import ExerciseParticipation
from tests.factories import (
    Factory,
    World,
)


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
        ("/api/v1/statements", StatementPage),
        ("/api/v1/statements?limit=1", StatementPage),
        ("/api/v1/statements?country=kz&q=exercise", StatementPage),
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


def test_participants_are_every_row_in_order(
    strict_client: TestClient, factory: Factory, world: World
) -> None:
    """Each exercise's participants are its rows, ordered by article, role and country, with
    null editions as null; the same in the list, the detail and a country's detail."""
    later = factory.article("Steppe Eagle again", "Units from Kyrgyzstan and Mongolia.")
    factory.reported(
        world.steppe_eagle, later, participants={"units": ["MN", "KG"], "participant": ["TR"]}
    )
    part = ExerciseParticipation
    rows = factory.session.execute(
        select(
            part.exercise_id, part.country_code, part.role, part.year, part.month, part.article_id
        )
    ).all()
    expected: dict[int, list[dict[str, Any]]] = {}
    for exercise_id, *values in sorted(rows, key=lambda r: (r[5], r[2], r[1])):
        keys = ("country", "role", "year", "month", "article_id")
        expected.setdefault(exercise_id, []).append(dict(zip(keys, values, strict=True)))
    assert any(p["month"] is None for p in expected[world.steppe_eagle.id])

    listed = strict_client.get("/api/v1/exercises").json()["items"]
    assert {item["id"]: item["participants"] for item in listed} == expected
    for exercise_id, participants in expected.items():
        detail = strict_client.get(f"/api/v1/exercises/{exercise_id}").json()
        assert detail["participants"] == participants
    country = strict_client.get("/api/v1/countries/MN").json()
    assert [e["participants"] for e in country["exercises"]] == [expected[world.steppe_eagle.id]]


def test_json_bytes_writes_raw_text_as_it_is() -> None:
    body = {
        "a": RawJSON('[{"x":1},{"y":null}]'),
        "b": [RawJSON("[]"), "\ue000 a string that looks like nothing special: 0"],
        "c": 'text with "quotes" and \u00e9',
    }
    data = json_bytes(body)
    assert json.loads(data) == {
        "a": [{"x": 1}, {"y": None}],
        "b": [[], "\ue000 a string that looks like nothing special: 0"],
        "c": 'text with "quotes" and \u00e9',
    }
    assert b'"a":[{"x":1},{"y":null}]' in data
    assert json_bytes({"n": 1}) == b'{"n":1}'
    with pytest.raises(PydanticSerializationError, match="object is not JSON serialisable"):
        json_bytes({"bad": object()})
    assert plain(RawJSON("[1]")) == [1] and plain([1]) == [1]


def test_postgresql_holds_country_codes_to_two_capitals(engine: Engine) -> None:
    """PostgreSQL writes a participation's country between quote marks as it is (0009)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the check is PostgreSQL's; SQLite escapes with json_object")
    for code in ('Q"', "q1", "QQQ"):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO country (code, iso3, name, name_key) VALUES (:c, 'QQQ', 'Q', 'q')"
                ),
                {"c": code},
            )
