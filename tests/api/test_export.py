"""CSV export of the list endpoints: streamed, complete past 200 rows, filtered, well quoted."""

import csv
import io

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory, World


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_statement_export_is_complete_past_200_rows(client: TestClient, factory: Factory) -> None:
    lines = [f"Line {n:03d} is said." for n in range(250)]
    article = factory.article("Long briefing", " ".join(lines))
    speaker = factory.actor("Mira Kollan")
    for line in lines:
        factory.statement(article, line, speaker)
    response = client.get("/api/v1/statements", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition == 'attachment; filename="statements.csv"'
    assert "content-length" not in response.headers  # streamed, not built whole first
    rows = read_csv(response.text)
    assert [row["text"] for row in rows] == lines
    assert len({row["id"] for row in rows}) == 250
    assert {row["speaker_name"] for row in rows} == {"Mira Kollan"}


def test_accept_header_chooses_csv_and_format_json_wins(client: TestClient, world: World) -> None:
    by_header = client.get("/api/v1/statements", headers={"Accept": "text/csv"})
    by_param = client.get("/api/v1/statements?format=csv")
    assert by_header.headers["content-type"].startswith("text/csv")
    assert by_header.text == by_param.text
    as_json = client.get("/api/v1/statements?format=json", headers={"Accept": "text/csv"})
    assert as_json.headers["content-type"].startswith("application/json")
    browser = client.get("/api/v1/statements", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("application/json")
    refused = client.get("/api/v1/statements", headers={"Accept": "text/csv;q=0"})
    assert refused.headers["content-type"].startswith("application/json")


def test_export_applies_the_filters_and_flattens_nested_fields(
    client: TestClient, world: World
) -> None:
    rows = read_csv(client.get("/api/v1/statements?format=csv&speaker=tokayev").text)
    assert [row["text"] for row in rows] == [
        "Kazakhstan is ready to host our partners,",
        "the United States sent units",
        "Security is shared,",
    ]
    first = rows[0]
    assert first["speaker_id"] == str(world.tokayev.id)
    assert first["speaker_name"] == "Kassym-Jomart Tokayev"
    assert first["speaker_title"] == "President"
    assert first["article_id"] == str(world.eagle_article.id)
    assert first["article_title"] == "Steppe Eagle begins in Kazakhstan"
    assert first["countries"] == "KZ"
    unattributed = read_csv(client.get("/api/v1/statements?format=csv&country=KG").text)
    assert unattributed[0]["speaker_name"] == "" and unattributed[0]["speaker_id"] == ""
    listed = client.get("/api/v1/statements", params={"speaker": "tokayev", "limit": 200}).json()
    assert [row["id"] for row in rows] == [str(item["id"]) for item in listed["items"]]


def test_export_quotes_commas_quotes_newlines_and_keeps_utf8(
    client: TestClient, factory: Factory
) -> None:
    tricky = 'He said "no, never",\nthen left; José Müller agreed'
    article = factory.article('Zürich, "quoted" title', f"Intro. {tricky} Outro.")
    factory.statement(article, tricky, factory.actor("José Müller"), countries=["CH", "DE"])
    response = client.get("/api/v1/statements?format=csv")
    assert response.content.decode("utf-8") == response.text
    (row,) = read_csv(response.text)
    assert row["text"] == tricky
    assert row["article_title"] == 'Zürich, "quoted" title'
    assert row["speaker_name"] == "José Müller"
    assert row["countries"] == "CH;DE"


@pytest.mark.parametrize(
    ("path", "header", "expected"),
    [
        ("articles", ["id", "title", "source", "published_at", "url", "statement_count"], 4),
        (
            "actors",
            [
                "id",
                "name",
                "kind",
                "title",
                "organization_id",
                "organization_name",
                "country",
                "aliases",
                "statement_count",
                "article_count",
            ],
            5,
        ),
        (
            "exercises",
            [
                "id",
                "name",
                "kind",
                "frequency",
                "host_country",
                "aliases",
                "participant_countries",
                "participants",
                "article_count",
            ],
            2,
        ),
        (
            "countries",
            [
                "code",
                "iso3",
                "name",
                "article_count",
                "mention_count",
                "statement_count",
                "exercise_count",
            ],
            4,
        ),
    ],
)
def test_every_list_exports_csv(
    client: TestClient, world: World, path: str, header: list[str], expected: int
) -> None:
    response = client.get(f"/api/v1/{path}", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{path}.csv"'
    rows = read_csv(response.text)
    assert list(rows[0]) == header
    assert len(rows) == expected == client.get(f"/api/v1/{path}").json()["total"]


def test_exported_cells_of_actors_and_exercises(client: TestClient, world: World) -> None:
    actors = {r["name"]: r for r in read_csv(client.get("/api/v1/actors?format=csv").text)}
    assert actors["Jens Stoltenberg"]["organization_name"] == "NATO"
    assert actors["NATO"]["aliases"] == "North Atlantic Alliance"
    assert actors["Kassym-Jomart Tokayev"]["statement_count"] == "3"
    exercises = read_csv(client.get("/api/v1/exercises?format=csv&q=steppe").text)
    (eagle,) = exercises
    assert eagle["participant_countries"] == "KZ;RU;US"
    assert f"US units 2024-06 #{world.eagle_article.id}" in eagle["participants"].split(";")


def test_export_from_a_cursor_continues_the_walk(client: TestClient, world: World) -> None:
    first = client.get("/api/v1/statements", params={"limit": 2}).json()
    rest = read_csv(
        client.get(
            "/api/v1/statements", params={"format": "csv", "cursor": first["next_cursor"]}
        ).text
    )
    everything = read_csv(client.get("/api/v1/statements?format=csv").text)
    assert [r["id"] for r in rest] == [r["id"] for r in everything][2:]


@pytest.mark.parametrize("value", ["xml", "CSV ", ""])
def test_unknown_format_is_a_422_problem(client: TestClient, world: World, value: str) -> None:
    response = client.get("/api/v1/actors", params={"format": value})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["parameter"] == "format"


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(
    client: TestClient, factory: Factory
) -> None:
    formulas = ['=HYPERLINK("http://x.test","click")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB"]
    plain = "A plain sentence - with a dash inside."
    body = "Body of the article. " + " ".join(formulas) + " " + plain
    article = factory.article("=cmd|' /C calc'!A0", body)
    actor = factory.actor("@Someone")
    for text in formulas:
        factory.statement(article, text, actor)
    factory.statement(article, plain, actor)
    rows = read_csv(client.get("/api/v1/statements?format=csv").text)
    texts = {row["text"] for row in rows}
    assert texts == {"'" + f for f in formulas} | {plain}
    assert {row["speaker_name"] for row in rows} == {"'@Someone"}
    assert {row["article_title"] for row in rows} == {"'=cmd|' /C calc'!A0"}
    assert all(row["start"].isdigit() for row in rows)  # numbers untouched
    # JSON keeps the text as stored
    items = client.get("/api/v1/statements?limit=200").json()["items"]
    assert {i["text"] for i in items} >= set(formulas)
