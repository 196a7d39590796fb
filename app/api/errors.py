"""RFC 9457 problem details for every error the API answers, including the last-resort one."""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.messages import described, problem_detail

PROBLEM_MEDIA_TYPE = "application/problem+json"

logger = logging.getLogger(__name__)


class NotFoundError(Exception):
    """An id in the path names no row."""

    def __init__(self, resource: str, key: object, key_name: str = "id") -> None:
        super().__init__(f"{resource} {key_name} {key} not found")
        self.resource = resource
        self.key = key
        self.key_name = key_name


class InvalidParameterError(Exception):
    """A parameter passed the schema but is still unusable (e.g. a cursor that does not decode)."""

    def __init__(self, parameter: str, message: str, location: str = "query") -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message
        self.location = location


def problem(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A problem+json response; `type` is about:blank, so `title` is the status phrase."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _validation_problem(errors: list[dict[str, str]]) -> JSONResponse:
    return problem(422, problem_detail("Invalid parameter.", errors), errors=errors)


async def _on_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return _validation_problem(described(list(exc.errors())))


async def _on_invalid_parameter(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidParameterError)
    return _validation_problem(
        [{"parameter": exc.parameter, "in": exc.location, "message": exc.message}]
    )


async def _on_not_found(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NotFoundError)
    return problem(404, f"No {exc.resource} with {exc.key_name} {exc.key}.")


async def _on_http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404 and exc.detail == HTTPStatus(404).phrase:
        detail = "No such resource. The API lives under /api/v1; see /docs."
    else:
        detail = str(exc.detail)
    return problem(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _on_database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    logger.error("database unavailable: %s", exc.__class__.__name__)
    return problem(503, "The database is not answering; try again later.")


async def _on_unexpected(_: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=exc)
    return problem(500, "An unexpected error occurred; it has been logged.")


# What each error status documents as its example: a problem of that status.
EXAMPLE_DETAILS = {
    401: "Send the API key in the X-API-Key header.",
    403: "The API key is wrong, or this server takes no writes.",
    404: "No article with id 2147483647.",
    409: "Not stored: another article has this url.",
    422: "Invalid parameter. limit is at most 200, not 1000",
    503: "The database is not answering; try again later.",
}


def problem_example(status: int) -> dict[str, Any]:
    """The documented example of a problem answered with `status`."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": EXAMPLE_DETAILS.get(status, HTTPStatus(status).description),
    }
    if status == 422:
        body["errors"] = [
            {"parameter": "limit", "in": "query", "message": "limit is at most 200, not 1000"}
        ]
    return body


def document_problems(app: FastAPI) -> None:
    """Make the schema say what is sent: error responses are problem+json, not plain JSON."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    for status, response in operation.get("responses", {}).items():
                        content = response.get("content", {})
                        if status[0] in "45" and content:
                            schemas = [c["schema"] for c in content.values() if "schema" in c]
                            media: dict[str, Any] = {"schema": schemas[0]} if schemas else {}
                            media["example"] = problem_example(int(status))
                            response["content"] = {PROBLEM_MEDIA_TYPE: media}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def install_problem_handlers(app: FastAPI) -> None:
    """Route every error through `problem`, so clients always get problem+json."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(InvalidParameterError, _on_invalid_parameter)
    app.add_exception_handler(NotFoundError, _on_not_found)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(OperationalError, _on_database_unavailable)
    app.add_exception_handler(Exception, _on_unexpected)
    document_problems(app)
