"""Country filters take ISO 3166-1 alpha-2 codes only, in any case: two letters that name no
country are a 422 problem on every filter, never an empty list; the schema states the set."""

import re

import pytest
from fastapi.testclient import TestClient

from app.api.codes import COUNTRY_CODES, COUNTRY_PATTERN
from tests.factories import World

FILTERED = [
    "articles",
    "actors",
    "statements",
    "exercises",
    "statements/facets",
    "statements/timeline",
]


@pytest.mark.parametrize("path", FILTERED)
@pytest.mark.parametrize("code", ["XX", "qq", "Zz", "EU", "UK"])
def test_a_code_of_no_country_is_a_422_on_every_filter(
    strict_client: TestClient, world: World, path: str, code: str
) -> None:
    response = strict_client.get(f"/api/v1/{path}", params={"country": code})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    assert error["parameter"] == "country"
    assert error["message"] == (
        f"country '{code}' is not an ISO 3166-1 alpha-2 country code (two letters, such as KZ)"
    )


@pytest.mark.parametrize("path", FILTERED)
@pytest.mark.parametrize("code", ["KZ", "kz", "Kz", "gb"])
def test_a_country_code_in_any_case_is_accepted(
    strict_client: TestClient, world: World, path: str, code: str
) -> None:
    response = strict_client.get(f"/api/v1/{path}", params={"country": code})
    assert response.status_code == 200, response.text


def test_the_schema_pattern_accepts_exactly_the_iso_codes_in_any_case(
    strict_client: TestClient,
) -> None:
    schema = strict_client.get("/openapi.json").json()
    (parameter,) = [
        p
        for p in schema["paths"]["/api/v1/statements"]["get"]["parameters"]
        if p["name"] == "country"
    ]
    pattern = re.compile(parameter["schema"]["anyOf"][0]["pattern"])
    assert pattern.pattern == COUNTRY_PATTERN
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    pairs = [a + b for a in letters for b in letters]
    accepted = {pair for pair in pairs if pattern.fullmatch(pair)}
    assert accepted == COUNTRY_CODES and len(accepted) == 249
    assert all(pattern.fullmatch(code.lower()) for code in COUNTRY_CODES)
    assert "ISO 3166-1 alpha-2" in parameter["description"]
