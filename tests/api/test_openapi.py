"""The OpenAPI schema as generated clients see it: stable operation ids, described everything."""

from typing import Any

from fastapi.testclient import TestClient

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
    ("GET", "/api/v1/actors/{actor_id}/co-quoted"): "actors-get_co_quoted",
    ("GET", "/api/v1/statements/facets"): "statements-get_statement_facets",
    ("GET", "/api/v1/statements/timeline"): "statements-get_statement_timeline",
    ("GET", "/api/v1/statements"): "statements-list_statements",
    ("GET", "/api/v1/statements/{statement_id}"): "statements-get_statement",
    ("GET", "/api/v1/exercises"): "exercises-list_exercises",
    ("GET", "/api/v1/exercises/{exercise_id}"): "exercises-get_exercise",
    ("GET", "/api/v1/exercises/{exercise_id}/articles"): "exercises-get_exercise_articles",
    ("GET", "/api/v1/countries"): "countries-list_countries",
    ("GET", "/api/v1/countries/{code}"): "countries-get_country",
    ("GET", "/api/v1/countries/{code}/partners"): "countries-get_exercise_partners",
    **{
        ("GET", f"/api/v1/{name}.csv"): f"{name}-export_{name}"
        for name in ("articles", "actors", "statements", "exercises", "countries")
    },
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


def test_every_tag_operation_parameter_and_field_is_described(strict_client: TestClient) -> None:
    schema = strict_client.get("/openapi.json").json()
    tags = {tag["name"]: tag.get("description") for tag in schema["tags"]}
    assert set(tags) == {"health", "articles", "actors", "statements", "exercises", "countries"}
    undocumented = [f"tag {name}" for name, description in tags.items() if not description]
    for (method, path), operation in operations(schema).items():
        where = f"{method} {path}"
        if not (operation.get("summary") and operation.get("description")):
            undocumented.append(f"{where}: summary or description")
        if not set(operation.get("tags", [])) & set(tags):
            undocumented.append(f"{where}: tag")
        for parameter in operation.get("parameters", []):
            if not parameter.get("description"):
                undocumented.append(f"{where} {parameter['name']}: description")
            if not parameter["schema"].get("examples"):
                undocumented.append(f"{where} {parameter['name']}: example")
    for name, component in schema["components"]["schemas"].items():
        if not component.get("description"):
            undocumented.append(f"schema {name}: description")
        for field, spec in component.get("properties", {}).items():
            if not spec.get("description"):
                undocumented.append(f"{name}.{field}: description")
            if _is_scalar(spec) and "examples" not in spec:
                undocumented.append(f"{name}.{field}: example")
    assert undocumented == []


def _is_scalar(spec: dict[str, Any]) -> bool:
    """Not an object, a list or a reference (those are described by their own schema)."""
    variants = spec.get("anyOf", [spec])
    return not any("$ref" in v or v.get("type") in ("array", "object") for v in variants)


def test_error_responses_are_declared_for_every_operation(strict_client: TestClient) -> None:
    schema = strict_client.get("/openapi.json").json()
    for (method, path), operation in operations(schema).items():
        declared = set(operation["responses"])
        assert "503" in declared, (method, path)  # every operation needs the database
        if path != "/api/v1/health":
            assert "422" in declared, (method, path)
        if "{" in path:
            assert "404" in declared, (method, path)
        if method == "POST":
            assert {"401", "403", "409", "422"} <= declared, path
            assert operation["security"] == [{"APIKeyHeader": []}]
        for status, response in operation["responses"].items():
            assert response.get("description"), (method, path, status)
            if status.startswith("4"):
                media = response["content"]["application/problem+json"]["schema"]
                assert media == {"$ref": "#/components/schemas/Problem"}


def test_lists_answer_json_and_their_exports_csv_alone(strict_client: TestClient) -> None:
    # One media type per response, so that generated clients parse each (a 200 of JSON and
    # CSV together made them decode CSV as JSON).
    schema = strict_client.get("/openapi.json").json()
    found = operations(schema)
    lists = [
        key for key, op in found.items() if op["operationId"].split("-")[1].startswith("list_")
    ]
    assert len(lists) == 5
    for method, path in lists:
        operation = found[(method, path)]
        assert set(operation["responses"]["200"]["content"]) == {"application/json; charset=utf-8"}
        assert "Location" in operation["responses"]["303"]["headers"]
        assert "format" in {p["name"] for p in operation["parameters"]}
        export = found[("GET", f"{path}.csv")]
        assert set(export["responses"]["200"]["content"]) == {"text/csv"}
        header = export["responses"]["200"]["content"]["text/csv"]["example"]
        assert header.startswith("code," if path.endswith("countries") else "id,")
        filters = [
            p["name"] for p in operation["parameters"] if p["name"] not in ("limit", "format")
        ]
        assert [p["name"] for p in export["parameters"]] == filters


def test_the_ingest_body_is_documented_with_an_example(strict_client: TestClient) -> None:
    schema = strict_client.get("/openapi.json").json()
    single = schema["paths"]["/api/v1/articles"]["post"]["requestBody"]
    ref = single["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/ArticleInput"
    batch = schema["paths"]["/api/v1/articles:batch"]["post"]["requestBody"]
    items = batch["content"]["application/json"]["schema"]
    assert items["items"] == {"$ref": "#/components/schemas/ArticleInput"}
    assert items["maxItems"] == 100
    example = schema["components"]["schemas"]["ArticleInput"]["examples"][0]
    assert {"title", "body", "published_at"} <= set(example)
