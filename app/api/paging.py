"""Opaque list cursors: base64url JSON of the last sort key and the snapshot of page one."""

import base64
import binascii
import json
from datetime import date
from typing import Annotated, Any

from fastapi import Query

from app.api.errors import InvalidParameterError
from app.queries.common import KeyPart, Keyset, PageResult

# Ids and counts are INTEGER columns: PostgreSQL refuses larger parameters for them.
MAX_INT = 2**31 - 1

Limit = Annotated[
    int,
    Query(ge=1, le=200, description="Items per page, 1 to 200.", examples=[20]),
]
Cursor = Annotated[
    str | None,
    Query(
        max_length=2000,
        description="The `next_cursor` of the previous page; omit for the first page.",
        examples=["eyJrIjpbIjIwMjQtMDUtMDEiLDQyXSwicyI6eyJhIjo5OX19"],
    ),
]


def encode_cursor(keyset: Keyset) -> str:
    payload = {"k": [_to_json(v) for v in keyset.key], "s": keyset.snapshot}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, spec: tuple[KeyPart, ...]) -> Keyset | None:
    """The keyset a cursor stands for; any tampering or garbage is a 422 on `cursor`."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode())
        key = payload["k"]
        snapshot = payload["s"]
        if not isinstance(key, list) or len(key) != len(spec) or not isinstance(snapshot, dict):
            raise ValueError("shape")
        values = tuple(_from_json(v, part) for v, part in zip(key, spec, strict=True))
        snap = {str(k): _int(v) for k, v in snapshot.items()}
    except (ValueError, TypeError, KeyError, RecursionError, binascii.Error) as exc:
        raise InvalidParameterError(
            "cursor", "not a cursor this list returned; start again without `cursor`"
        ) from exc
    return Keyset(key=values, snapshot=snap)


def page_body(page: PageResult) -> dict[str, Any]:
    """The list envelope every list endpoint answers."""
    next_cursor = encode_cursor(page.next) if page.next is not None else None
    return {
        "items": page.items,
        "next_cursor": next_cursor,
        "total": page.total,
        "total_exact": page.total_exact,
    }


def _to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -MAX_INT <= value <= MAX_INT:
        raise ValueError("int")
    return value


def _from_json(value: Any, part: KeyPart) -> Any:
    if value is None and part.endswith("?"):
        return None
    if part == "int":
        return _int(value)
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("str")
    value.encode()  # a lone surrogate ("\ud800" in the JSON) raises here, not in the driver
    if part.startswith("date"):
        return date.fromisoformat(value)
    return value
