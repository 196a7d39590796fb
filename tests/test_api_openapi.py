"""The OpenAPI schema as generated clients see it: stable operation ids, described everything."""

from typing import Any

from fastapi.testclient import TestClient

pytest_plugins = ["tests.api_factories"]

# Generated clients name their methods after these (articlesListArticles, ...): renaming one is a
# breaking change for every frontend built on the schema.
OPERATION_IDS = {
    ("GET", "/api/v1/health"): "health-check_health",
    ("GET", "/api/v1/articles"): "articles-list_articles",
    ("POST", "/api/v1/articles"): "articles-create_article",
    ("GET", "/api/v1/articles/{article_id}"): "articles-get_article",
    ("POST", "/api/v1/articles:batch"): "articles-create_articles_batch",
    ("GET", "/api/v1/actors"): "actors-list_actors",
    ("GET", "/api/v1/actors/{actor_id}"): "actors-get_actor",
    ("GET", "/api/v1/statements/facets"): "statements-get_statement_facets",
    ("GET", "/api/v1/statements/timeline"): "statements-get_statement_timeline",
    ("GET", "/api/v1/statements"): "statements-list_statements",
    ("GET", "/api/v1/statements/{statement_id}"): "statements-get_statement",
    ("GET", "/api/v1/exercises"): "exercises-list_exercises",
    ("GET", "/api/v1/exercises/{exercise_id}"): "exercises-get_exercise",
    ("GET", "/api/v1/countries"): "countries-list_countries",
    ("GET", "/api/v1/countries/{code}"): "countries-get_country",
}


def operations(schema: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }


def test_operation_ids_are_stable_and_readable(strict_client: TestClient) -> None:
    schema = strict_client.get("/openapi.json").json()
    assert {key: op["operationId"] for key, op in operations(schema).items()} == OPERATION_IDS
