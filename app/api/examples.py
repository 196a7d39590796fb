"""Examples of the OpenAPI schema that need the app to compute them: the `cursor` of each list.

A cursor belongs to its query (app.api.paging), so no fixed string could be an example that
works: each list's example is a cursor of the request its other examples make together, as
documentation tools and test generators send them."""

from typing import Any

from fastapi import FastAPI

from app.api.lists import EXPORT_PATH
from app.api.paging import encode_cursor, query_digest
from app.queries import actors, articles, countries, exercises, statements
from app.queries.common import KeyPart, Keyset

API_PREFIX = "/api/v1/"
# The sort key of each list, by the name of its path.
KEY_SPECS: dict[str, tuple[KeyPart, ...]] = {
    "articles": articles.KEY_SPEC,
    "actors": actors.KEY_SPEC,
    "statements": statements.KEY_SPEC,
    "exercises": exercises.KEY_SPEC,
    "countries": countries.KEY_SPEC,
}
# Paging and format parameters: a cursor's query is made of the others.
NOT_FILTERS = {"limit", "cursor", "format"}
EXAMPLE_KEY: dict[KeyPart, Any] = {"int": 1, "str": "A", "date?": "2017-04-12"}


def cursor_for(list_name: str, filters: dict[str, Any]) -> str:
    """A cursor of the list `list_name` filtered by `filters` (values by name, as a query
    string gives them), after an item of the list's key (`EXAMPLE_KEY`)."""
    given = {name: value for name, value in filters.items() if name not in NOT_FILTERS}
    key = tuple(EXAMPLE_KEY[part] for part in KEY_SPECS[list_name])
    return encode_cursor(Keyset(key=key), query_digest(list_name, given))


def example_cursor(list_name: str, parameters: list[dict[str, Any]]) -> str:
    """A cursor for the list filtered by its parameters' first examples."""
    return cursor_for(
        list_name,
        {
            p["name"]: p["schema"]["examples"][0]
            for p in parameters
            if p["in"] == "query" and p["schema"].get("examples")
        },
    )


def list_of(path: str) -> str | None:
    """The list a path under /api/v1 lists or exports (`statements`), if any."""
    name = path.removeprefix(API_PREFIX).removesuffix(EXPORT_PATH)
    return name if name in KEY_SPECS else None


def document_cursor_examples(app: FastAPI) -> None:
    """Give the `cursor` of every list and its export the example cursor of its example
    request."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for path, item in schema["paths"].items():
                name = list_of(path)
                operation = item.get("get")
                if name is None or operation is None:
                    continue
                for parameter in operation.get("parameters", []):
                    if parameter["name"] == "cursor":
                        example = example_cursor(name, operation["parameters"])
                        parameter["schema"]["examples"] = [example]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
