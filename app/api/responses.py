"""JSON responses: the app's default class, and answers sent without validating them again."""

import re
import secrets
from typing import Any

from fastapi import Response
from fastapi.responses import JSONResponse
from pydantic_core import to_json

from app.core.jsontext import RawJSON


class UTF8JSONResponse(JSONResponse):
    media_type = "application/json; charset=utf-8"


def built_json(body: Any) -> Response:
    """`body`, which the queries built to the route's response model, as JSON without FastAPI
    validating it against that model first. Validation costs about 5 us per exercise
    participation, and an exercise reported by thousands of articles carries as many: 300 ms of
    a 900 ms exercise page at scale. The bytes are those FastAPI would send
    (tests/api/test_built_json.py compares them on every route that uses this).

    A `RawJSON` value in `body` (an exercise's participations, which the database writes as
    JSON) goes into the answer as its text."""
    return Response(content=json_bytes(body), media_type=UTF8JSONResponse.media_type)


def json_bytes(body: Any) -> bytes:
    """`body` as compact JSON, `RawJSON` values written as their text."""
    fragments: list[bytes] = []
    # A placeholder no text of the answer holds (a fresh random token each time), replaced
    # once the rest is serialised.
    token = f"\ue000{secrets.token_hex(8)}:"

    def fallback(value: Any) -> str:
        if not isinstance(value, RawJSON):
            raise TypeError(f"{type(value).__name__} is not JSON serialisable")
        fragments.append(value.text.encode())
        return f"{token}{len(fragments) - 1}"

    data = to_json(body, fallback=fallback)
    if not fragments:
        return data
    placeholder = re.compile(b'"' + re.escape(token.encode()) + rb'(\d+)"')
    return placeholder.sub(lambda m: fragments[int(m[1])], data)
