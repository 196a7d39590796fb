"""JSON responses: the app's default class, and answers sent without validating them again."""

from typing import Any

from fastapi import Response
from fastapi.responses import JSONResponse
from pydantic_core import to_json


class UTF8JSONResponse(JSONResponse):
    media_type = "application/json; charset=utf-8"


def built_json(body: Any) -> Response:
    """`body`, which the queries built to the route's response model, as JSON without FastAPI
    validating it against that model first. Validation costs about 5 us per exercise
    participation, and an exercise reported by thousands of articles carries as many: 300 ms of
    a 900 ms exercise page at scale. The bytes are those FastAPI would send
    (tests/test_api_built_json.py compares them on every route that uses this)."""
    return Response(content=to_json(body), media_type=UTF8JSONResponse.media_type)
