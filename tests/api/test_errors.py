"""Malformed requests answer 4xx problem details by validation; nothing reaches a 500."""

import base64
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.api.paging import query_digest
from app.core.db import get_session, make_engine
from app.main import create_app
from tests.factories import World

HUGE = str(2**64)
LONG = "x" * 5000
NUL = "abc\x00def"


def raw_cursor(payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


BAD_QUERIES: list[tuple[str, dict[str, Any], str]] = [
    ("articles", {"limit": 0}, "limit"),
    ("articles", {"limit": 1000}, "limit"),
    ("articles", {"limit": "ten"}, "limit"),
    ("articles", {"limit": -1}, "limit"),
    ("actors", {"limit": HUGE}, "limit"),
    ("articles", {"cursor": "not a cursor!"}, "cursor"),
    ("articles", {"cursor": "Zm9v"}, "cursor"),  # "foo"
    ("articles", {"cursor": raw_cursor([1, 2])}, "cursor"),
    ("articles", {"cursor": raw_cursor({"k": ["2024-99-99", 1], "s": {}})}, "cursor"),
    ("articles", {"cursor": raw_cursor({"k": [None, 2**70], "s": {}})}, "cursor"),
    ("articles", {"cursor": raw_cursor({"k": [None, 1], "s": {"a": 2**70}})}, "cursor"),
    ("actors", {"cursor": raw_cursor({"k": [1, "a\x00", 1], "s": {}})}, "cursor"),
    ("actors", {"cursor": raw_cursor({"k": [1, "\ud800", 1], "s": {}})}, "cursor"),
    ("actors", {"cursor": raw_cursor({"k": [1, "KZ", "KZ"], "s": {}})}, "cursor"),
    ("statements", {"cursor": raw_cursor({"k": [None, 1], "s": {}})}, "cursor"),
    ("countries", {"cursor": NUL}, "cursor"),
    ("articles", {"cursor": raw_cursor({"k": [None, 1.5], "s": {}})}, "cursor"),
    ("articles", {"cursor": raw_cursor({"k": [None, 2**31], "s": {}})}, "cursor"),
    ("statements", {"cursor": raw_cursor({"k": [None, 1, 1, 1], "s": {"s": -(2**31)}})}, "cursor"),
    ("articles", {"cursor": raw_cursor({"k": [None, True], "s": {}})}, "cursor"),
    ("exercises", {"cursor": raw_cursor({"k": [1, 1], "s": {}})}, "cursor"),
    ("articles", {"cursor": base64.urlsafe_b64encode(b"[" * 1400).decode()}, "cursor"),
    ("articles", {"cursor": base64.urlsafe_b64encode(b'{"k": 1e999}').decode()}, "cursor"),
    ("articles", {"cursor": base64.urlsafe_b64encode(b"\xff\xfe").decode()}, "cursor"),
    ("exercises", {"cursor": "x" * 3000}, "cursor"),
    ("statements", {"kind": "shouted"}, "kind"),
    ("actors", {"kind": "robot"}, "kind"),
    ("articles", {"q": LONG}, "q"),
    ("actors", {"q": LONG}, "q"),
    ("statements", {"speaker": LONG}, "speaker"),
    ("statements", {"q": LONG}, "q"),
    ("exercises", {"q": LONG}, "q"),
    ("countries", {"q": LONG}, "q"),
    ("articles", {"source": LONG}, "source"),
    ("articles", {"q": NUL}, "q"),
    ("articles", {"source": NUL}, "source"),
    ("actors", {"q": NUL}, "q"),
    ("statements", {"speaker": NUL}, "speaker"),
    ("statements", {"q": NUL}, "q"),
    ("exercises", {"q": NUL}, "q"),
    ("countries", {"q": NUL}, "q"),
    ("articles", {"country": "K\x00"}, "country"),
    ("articles", {"country": "KAZ"}, "country"),
    ("actors", {"country": "1"}, "country"),
    ("statements", {"country": "k z"}, "country"),
    ("exercises", {"country": "ZZZ"}, "country"),
    ("articles", {"published_from": "2024-13-45"}, "published_from"),
    ("articles", {"published_to": "yesterday"}, "published_to"),
    ("statements", {"published_from": "2024-01-01\x00"}, "published_from"),
    ("articles", {"actor_id": HUGE}, "actor_id"),
    ("articles", {"actor_id": "one"}, "actor_id"),
    ("statements", {"speaker_id": str(2**40)}, "speaker_id"),
    ("statements", {"organization_id": "-5"}, "organization_id"),
    ("statements", {"article_id": "1.5"}, "article_id"),
    ("actors", {"organization_id": HUGE}, "organization_id"),
    ("exercises", {"year": HUGE}, "year"),
    ("exercises", {"year": "MMXXIV"}, "year"),
]


@pytest.mark.parametrize(("resource", "params", "parameter"), BAD_QUERIES)
def test_bad_query_parameter_is_a_422_naming_it(
    strict_client: TestClient, world: World, resource: str, params: dict[str, Any], parameter: str
) -> None:
    body = assert_problem(strict_client.get(f"/api/v1/{resource}", params=params), 422)
    assert parameter in [e["parameter"] for e in body["errors"]]
    assert all({"parameter", "in", "message"} <= set(e) for e in body["errors"])
    assert parameter in body["detail"]


BAD_PATHS = [
    "/api/v1/articles/abc",
    f"/api/v1/articles/{HUGE}",
    "/api/v1/articles/0",
    "/api/v1/actors/-3",
    "/api/v1/statements/%00",
    "/api/v1/exercises/1e3",
    f"/api/v1/statements/{2**40}",
    "/api/v1/countries/K%00",
    "/api/v1/countries/KAZ",
]


@pytest.mark.parametrize("path", BAD_PATHS)
def test_bad_id_in_the_path_is_a_422(strict_client: TestClient, world: World, path: str) -> None:
    body = assert_problem(strict_client.get(path), 422)
    assert body["errors"][0]["in"] == "path"


def test_longest_allowed_text_is_accepted(strict_client: TestClient, world: World) -> None:
    response = strict_client.get("/api/v1/articles", params={"q": "x" * 500})
    assert response.status_code == 200 and response.json()["total"] == 0


@pytest.mark.parametrize(
    ("resource", "key"),
    [
        ("articles", [None, 2**31 - 1]),
        ("articles", ["9999-12-31", -(2**31 - 1)]),
        ("statements", ["0001-01-01", 2**31 - 1, -1, 2**31 - 1]),
        ("actors", [2**31 - 1, "\u00e9\U0001f4a5", -5]),
        ("exercises", ["", 2**31 - 1]),
        ("countries", [2**31 - 1, "Z" * 300, "%_"]),
    ],
)
def test_well_formed_cursor_with_extreme_values_is_answered(
    strict_client: TestClient, world: World, resource: str, key: list[Any]
) -> None:
    top = 2**31 - 1
    digest = query_digest(resource, {})
    cursor = raw_cursor({"k": key, "s": {"a": top, "s": top, "e": top, "t": 7}, "q": digest})
    response = strict_client.get(f"/api/v1/{resource}", params={"cursor": cursor})
    assert response.status_code == 200, response.text


def test_cursor_of_another_filter_set_is_a_422_saying_so(
    strict_client: TestClient, world: World
) -> None:
    cursor = strict_client.get("/api/v1/articles", params={"limit": 1}).json()["next_cursor"]
    response = strict_client.get("/api/v1/articles", params={"cursor": cursor, "country": "KG"})
    body = assert_problem(response, 422)
    assert body["errors"][0]["parameter"] == "cursor"
    assert "same filters" in body["detail"]


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/nothing", "/api/v2/articles", "/api/v1/"])
def test_unknown_route_is_a_404_problem(strict_client: TestClient, path: str) -> None:
    assert_problem(strict_client.get(path), 404)


def test_unknown_id_is_a_404_problem_naming_it(strict_client: TestClient, world: World) -> None:
    body = assert_problem(strict_client.get("/api/v1/articles/2147483647"), 404)
    assert "2147483647" in body["detail"]


def test_wrong_method_is_a_405_problem(strict_client: TestClient) -> None:
    response = strict_client.put("/api/v1/articles", json={})
    assert_problem(response, 405)
    assert "GET" in response.headers["allow"]
    assert_problem(strict_client.delete("/api/v1/articles/1"), 405)


@pytest.fixture
def broken_database_client(engine: Engine) -> Iterator[TestClient]:
    """The app with sessions on a database that cannot be opened."""
    dead = make_engine("sqlite:////nonexistent-dir/never/there.db")

    def dead_session() -> Iterator[Session]:
        with Session(dead) as session:
            yield session

    app = create_app()
    app.dependency_overrides[get_session] = dead_session
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    dead.dispose()


def test_health_is_ok_when_the_database_answers(strict_client: TestClient) -> None:
    response = strict_client.get("/api/v1/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert strict_client.get("/health").json() == {"status": "ok"}


def test_health_is_503_without_a_database(broken_database_client: TestClient) -> None:
    assert_problem(broken_database_client.get("/api/v1/health"), 503)


def test_lists_are_503_without_a_database(broken_database_client: TestClient) -> None:
    assert_problem(broken_database_client.get("/api/v1/articles"), 503)


def test_last_resort_handler_answers_a_problem_without_internals(engine: Engine) -> None:
    app: FastAPI = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    body = assert_problem(response, 500)
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert body["title"] == "Internal Server Error"


NASTY = [
    "",
    " ",
    "\x00",
    "%",
    "_",
    "'; DROP TABLE article; --",
    '"',
    "\\",
    "💥",
    "é\u0301",
    "x" * 501,
    "-1",
    "0",
    str(2**63),
    HUGE,
    "1e309",
    "NaN",
    "null",
    "[]",
    "2024-02-30",
    "../../etc/passwd",
    "<script>",
]


def documented_list_parameters(client: TestClient) -> list[tuple[str, str]]:
    schema = client.get("/openapi.json").json()
    return [
        (path, parameter["name"])
        for path, item in schema["paths"].items()
        if "{" not in path and not path.endswith("/health") and "get" in item
        for parameter in item["get"].get("parameters", [])
    ]


@pytest.mark.slow
def test_no_documented_parameter_value_reaches_a_server_error(
    strict_client: TestClient, world: World
) -> None:
    checked = 0
    for path, name in documented_list_parameters(strict_client):
        for value in NASTY:
            response = strict_client.get(path, params={name: value})
            assert response.status_code in (200, 422), (path, name, value, response.text)
            if response.status_code == 422:
                assert_problem(response, 422)
            checked += 1
    assert checked > 30 * len(NASTY)


@pytest.mark.parametrize("resource", ["articles", "actors", "statements", "exercises", "countries"])
def test_no_id_in_the_path_reaches_a_server_error(
    strict_client: TestClient, world: World, resource: str
) -> None:
    for value in [*NASTY[1:], "1", "KZ", "kz"]:
        response = strict_client.get(f"/api/v1/{resource}/{quote(value, safe='')}")
        assert response.status_code in (200, 404, 422), (resource, value, response.text)
        if response.status_code != 200:
            assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles?q=%ff%fe",
        "/api/v1/statements?speaker=%ed%a0%80",
        "/api/v1/actors?q=%c0%af",
        "/api/v1/countries/%ff%fe",
        "/api/v1/articles?source=%e2%82",
    ],
)
def test_invalid_utf8_in_the_url_is_not_a_server_error(
    strict_client: TestClient, world: World, url: str
) -> None:
    response = strict_client.get(url)
    assert response.status_code in (200, 404, 422), response.text
