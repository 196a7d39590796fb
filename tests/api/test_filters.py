"""The list filters as dependencies: their parameters come first, in the order declared, and
limit, cursor and format follow them."""

from dataclasses import fields

from fastapi.testclient import TestClient

from app.api.filters import ExerciseFilters, FacetFilters, StatementFilters


def parameters(client: TestClient, path: str) -> list[str]:
    operation = client.get("/openapi.json").json()["paths"][path]["get"]
    return [p["name"] for p in operation["parameters"]]


def test_statement_filters_precede_the_list_parameters(strict_client: TestClient) -> None:
    assert parameters(strict_client, "/api/v1/statements") == [
        *(f.name for f in fields(StatementFilters)),
        "limit",
        "cursor",
        "format",
    ]


def test_facet_filters_keep_the_order_of_the_statement_filters() -> None:
    assert [f.name for f in fields(FacetFilters)] == [f.name for f in fields(StatementFilters)]


def test_the_facets_document_q_with_their_own_example(strict_client: TestClient) -> None:
    paths = strict_client.get("/openapi.json").json()["paths"]

    def q_examples(path: str) -> list[str]:
        (q,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == "q"]
        return list(q["schema"]["examples"])

    assert q_examples("/api/v1/statements") == ["security"]
    assert q_examples("/api/v1/statements/facets") == ["peacekeeping"]
    assert q_examples("/api/v1/statements/timeline") == ["peacekeeping"]


def test_an_exercise_list_takes_no_article_filter(strict_client: TestClient) -> None:
    assert "article_id" not in parameters(strict_client, "/api/v1/exercises")
    assert ExerciseFilters().article_id is None


def test_an_invalid_filter_is_named_before_an_invalid_limit(strict_client: TestClient) -> None:
    answer = strict_client.get("/api/v1/articles", params={"limit": 0, "actor_id": 0})
    assert answer.status_code == 422
    assert [e["parameter"] for e in answer.json()["errors"]] == ["actor_id", "limit"]
