"""The OpenAPI examples work: each operation's examples, sent together as documentation tools
and test generators send them, get an answer of a documented status whose body matches the
documented schema; and every documented response example matches its own schema and status."""

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from app.api.security import API_KEY_HEADER
from app.core.config import get_settings
from app.core.models import Base
from app.ingest.service import ingest_paths
from app.main import create_app
from tests.paths import BUNDLED_ARTICLES

KEY = "test-key-examples"


@pytest.fixture
def seeded(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The bundled articles (where the examples come from) behind a client with the API key,
    stored with ids from 1 as in a new database (the examples' ids)."""
    restart_ids(engine)
    summary = ingest_paths([BUNDLED_ARTICLES], database_url=database_url, progress=False)
    assert summary.new == 2
    monkeypatch.setenv("DOSSIER_API_KEY", KEY)
    get_settings.cache_clear()
    with TestClient(create_app(), follow_redirects=False) as client:
        client.headers[API_KEY_HEADER] = KEY
        yield client
    get_settings.cache_clear()


def restart_ids(engine: Engine) -> None:
    """PostgreSQL keeps counting ids after the tables are emptied: start them again at 1."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in (t.name for t in Base.metadata.sorted_tables if "id" in t.columns):
            conn.execute(
                text(
                    "SELECT setval(seq, 1, false) FROM pg_get_serial_sequence(:t, 'id') seq "
                    "WHERE seq IS NOT NULL"
                ),
                {"t": table},
            )


def first_example(spec: dict[str, Any]) -> Any:
    if "example" in spec:
        return spec["example"]
    return (spec.get("schema", {}).get("examples") or spec.get("examples") or [None])[0]


def example_request(schema: dict[str, Any], path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """The request an operation's examples make: every parameter with its first example."""
    query: dict[str, Any] = {}
    for parameter in operation.get("parameters", []):
        value = first_example(parameter)
        assert value is not None, (path, parameter["name"])
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(value))
        else:
            query[parameter["name"]] = value
    request: dict[str, Any] = {"url": path, "params": query}
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        ref = body["schema"].get("$ref") or body["schema"]["items"]["$ref"]
        record = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["examples"][0]
        request["json"] = record if "$ref" in body["schema"] else [record]
    return request


def validate(schema: dict[str, Any], shape: dict[str, Any], value: Any) -> None:
    jsonschema.validate(value, {**shape, "components": schema["components"]})


def test_every_operation_answers_its_examples_as_documented(seeded: TestClient) -> None:
    schema = seeded.get("/openapi.json").json()
    answered = 0
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            request = example_request(schema, path, operation)
            response = seeded.request(method.upper(), **request)
            where = f"{method.upper()} {response.request.url}"
            status = str(response.status_code)
            assert status in operation["responses"], (where, response.text[:500])
            assert response.status_code < 400, (where, response.text[:500])
            content = operation["responses"][status].get("content", {})
            media = response.headers.get("content-type", "").split(";")[0]
            declared = {key.split(";")[0]: spec for key, spec in content.items()}
            if not declared:
                assert response.content == b"", where
                continue
            assert media in declared, (where, media, list(declared))
            if media.endswith("json"):
                validate(schema, declared[media]["schema"], response.json())
            else:
                header = declared[media]["example"].splitlines()[0]
                assert response.text.splitlines()[0] == header, where
            answered += 1
    assert answered >= 20


def test_every_documented_response_example_matches_its_schema(
    strict_client: TestClient,
) -> None:
    schema = strict_client.get("/openapi.json").json()
    checked = 0
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                for media, spec in response.get("content", {}).items():
                    if "example" not in spec or "json" not in media:
                        continue
                    validate(schema, spec["schema"], spec["example"])
                    if media == "application/problem+json":
                        assert spec["example"]["status"] == int(status), (method, path, status)
                    checked += 1
    assert checked >= 40
