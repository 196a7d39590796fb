"""Date filters take ISO dates (YYYY-MM-DD) only: Unix times, compact dates and datetimes are
a 422 problem whose message says which form to use."""

import pytest
from fastapi.testclient import TestClient

from tests.factories import World

PATHS = ["articles", "statements", "statements/facets", "statements/timeline"]
RULE = "is a date as YYYY-MM-DD (ISO 8601), such as 2024-01-31"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("parameter", ["published_from", "published_to"])
@pytest.mark.parametrize(
    "value",
    ["0", "1700000000", "20240101", "2024-1-1", "2024-01-01T00:00", "01/02/2024", "٢٠٢٤-01-01"],
)
def test_a_date_in_another_form_is_a_422_naming_the_form(
    strict_client: TestClient, world: World, path: str, parameter: str, value: str
) -> None:
    response = strict_client.get(f"/api/v1/{path}", params={parameter: value})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    assert error["parameter"] == parameter
    assert error["message"] == f"{parameter} {RULE}, not '{value}'"
    assert response.json()["detail"] == f"Invalid parameter. {parameter} {RULE}, not '{value}'"


def test_a_day_that_is_not_in_the_calendar_is_a_422(strict_client: TestClient) -> None:
    response = strict_client.get("/api/v1/articles", params={"published_from": "2024-02-30"})
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert message == "published_from '2024-02-30' is not a day of the calendar"


@pytest.mark.parametrize("path", PATHS)
def test_an_iso_date_filters(strict_client: TestClient, world: World, path: str) -> None:
    response = strict_client.get(
        f"/api/v1/{path}", params={"published_from": "2024-05-01", "published_to": "2024-05-31"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["total"] >= 1


def test_the_schema_says_dates_are_iso(strict_client: TestClient) -> None:
    schema = strict_client.get("/openapi.json").json()
    for parameter in schema["paths"]["/api/v1/articles"]["get"]["parameters"]:
        if parameter["name"].startswith("published_"):
            assert parameter["schema"]["anyOf"][0] == {"type": "string", "format": "date"}
            assert "YYYY-MM-DD" in parameter["description"]
