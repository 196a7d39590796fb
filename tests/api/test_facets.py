"""Facets (counts per speaker, organisation, country, kind) and timelines of statements."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from app.queries.facets import period_start
from tests.factories import World


def test_facets_count_every_statement_per_speaker_organization_country_and_kind(
    client: TestClient, world: World
) -> None:
    response = client.get("/api/v1/statements/facets")
    assert response.status_code == 200, response.text
    facets = response.json()
    assert facets["total"] == 7
    assert [(s["name"], s["count"]) for s in facets["speakers"]] == [
        ("Kassym-Jomart Tokayev", 3),
        ("Jens Stoltenberg", 2),
        ("José Müller", 1),
    ]
    assert facets["speakers"][0]["id"] == world.tokayev.id
    assert facets["organizations"] == [{"id": world.nato.id, "name": "NATO", "count": 2}]
    assert [(c["code"], c["count"]) for c in facets["countries"]] == [
        ("KZ", 2),
        ("KG", 1),
        ("RU", 1),
        ("US", 1),
    ]
    assert facets["countries"][0]["name"] == "Kazakhstan"
    assert facets["kinds"] == [{"kind": "direct", "count": 5}, {"kind": "indirect", "count": 2}]


def test_facets_apply_the_statement_filters(client: TestClient, world: World) -> None:
    kz = client.get("/api/v1/statements/facets", params={"country": "kz"}).json()
    assert kz["total"] == 2
    assert [s["name"] for s in kz["speakers"]] == ["Jens Stoltenberg", "Kassym-Jomart Tokayev"]
    assert kz["countries"] == [{"code": "KZ", "name": "Kazakhstan", "count": 2}]
    june = client.get(
        "/api/v1/statements/facets", params={"published_from": "2024-06-01", "kind": "direct"}
    ).json()
    assert june["total"] == 2
    assert [s["name"] for s in june["speakers"]] == ["José Müller", "Kassym-Jomart Tokayev"]
    by_surname = client.get("/api/v1/statements/facets", params={"speaker": "tokayev"}).json()
    assert by_surname["total"] == 3
    assert by_surname["organizations"] == []


def test_each_bucket_count_is_the_total_of_the_list_filtered_by_it(
    client: TestClient, world: World
) -> None:
    base = {"published_to": "2024-12-31"}
    facets = client.get("/api/v1/statements/facets", params=base).json()
    assert facets["total"] == client.get("/api/v1/statements", params=base).json()["total"]
    checks = (
        [("speaker_id", b["id"], b["count"]) for b in facets["speakers"]]
        + [("organization_id", b["id"], b["count"]) for b in facets["organizations"]]
        + [("country", b["code"], b["count"]) for b in facets["countries"]]
        + [("kind", b["kind"], b["count"]) for b in facets["kinds"]]
    )
    assert len(checks) == 3 + 1 + 3 + 2
    for name, value, count in checks:
        listed = client.get("/api/v1/statements", params={**base, name: value}).json()
        assert listed["total"] == count, (name, value)


def test_facets_can_be_chosen_and_sized(client: TestClient, world: World) -> None:
    response = client.get("/api/v1/statements/facets?facet=kind&facet=speaker&size=1").json()
    assert response["speakers"] == [
        {"id": world.tokayev.id, "name": "Kassym-Jomart Tokayev", "count": 3}
    ]
    assert response["organizations"] is None and response["countries"] is None
    assert len(response["kinds"]) == 2


@pytest.mark.parametrize(
    "query", ["facet=speakers", "size=0", "size=101", "country=KAZ", "speaker_id=0"]
)
def test_bad_facet_parameters_are_422_problems(
    client: TestClient, world: World, query: str
) -> None:
    response = client.get(f"/api/v1/statements/facets?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_timeline_counts_statements_per_month_with_undated_apart(
    client: TestClient, world: World
) -> None:
    response = client.get("/api/v1/statements/timeline")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "interval": "month",
        "total": 7,
        "undated": 1,
        "buckets": [{"start": "2024-05-01", "count": 3}, {"start": "2024-06-01", "count": 3}],
    }


def test_timeline_weeks_and_days_fill_empty_periods(client: TestClient, world: World) -> None:
    weeks = client.get("/api/v1/statements/timeline?interval=week").json()["buckets"]
    assert [b["start"] for b in weeks] == [
        "2024-04-29",
        "2024-05-06",
        "2024-05-13",
        "2024-05-20",
        "2024-05-27",
        "2024-06-03",
        "2024-06-10",
    ]
    assert [b["count"] for b in weeks] == [3, 0, 0, 0, 0, 0, 3]
    days = client.get("/api/v1/statements/timeline?interval=day").json()["buckets"]
    assert len(days) == 41 and sum(b["count"] for b in days) == 6
    years = client.get("/api/v1/statements/timeline?interval=year&speaker=stoltenberg").json()
    assert years["buckets"] == [{"start": "2024-01-01", "count": 2}]
    assert years["total"] == 2 and years["undated"] == 0


def test_timeline_of_nothing_is_empty(client: TestClient, world: World) -> None:
    nothing = client.get("/api/v1/statements/timeline", params={"q": "no such words"}).json()
    assert nothing == {"interval": "month", "total": 0, "undated": 0, "buckets": []}
    bad = client.get("/api/v1/statements/timeline?interval=fortnight")
    assert bad.status_code == 422


def test_period_start_of_weeks_months_and_years() -> None:
    assert period_start(date(2024, 12, 31), "week") == date(2024, 12, 30)
    assert period_start(date(2024, 12, 31), "month") == date(2024, 12, 1)
    assert period_start(date(2024, 12, 31), "year") == date(2024, 1, 1)
    assert period_start(date(2024, 12, 31), "day") == date(2024, 12, 31)


def test_statement_ids_still_resolve_beside_facets(client: TestClient, world: World) -> None:
    statement = world.statements["ready"]
    assert client.get(f"/api/v1/statements/{statement.id}").json()["id"] == statement.id
