"""Opaque list cursors: base64url JSON of the last sort key, the snapshot of page one and a
digest of the query (list, order and filters) the cursor belongs to.

A cursor continues the walk it came from only: passed with other filters, or to another list,
it is a 422 that says so, rather than a page of another query with a `total` of the first."""

import base64
import binascii
import dataclasses
import hashlib
import json
from datetime import date
from typing import Annotated, Any

from fastapi import Query

from app.api.errors import InvalidParameterError
from app.core.text import fold
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
        description="The `next_cursor` of the previous page, with the same filters; omit for "
        "the first page. A cursor belongs to the list and filters of the page that returned "
        "it (`limit` and `format` may change): with other filters it is a 422. The example is "
        "a cursor of the request the other examples make together.",
    ),
]

NOT_A_CURSOR = "not a cursor this list returned; start again without `cursor`"
OTHER_QUERY = (
    "this cursor belongs to another query: pass it with the same filters as the page that "
    "returned it, or start again without `cursor`"
)


def query_digest(list_name: str, filters: object) -> str:
    """A short digest of a list and its filters (a dataclass, or their values by name) as the
    query reads them (text folded, codes in any case alike), so that a cursor names the query
    it continues."""
    given = (
        filters
        if isinstance(filters, dict)
        else {f.name: getattr(filters, f.name) for f in dataclasses.fields(filters)}  # type: ignore[arg-type]
    )
    values: dict[str, Any] = {}
    for name, value in given.items():
        # As text, so that a value parsed (1, a date) and as a query string gives it ("1")
        # are the same filter.
        text = None if value is None else fold(str(_to_json(value)))
        if text:
            values[name] = text
    raw = json.dumps([list_name, values], sort_keys=True, ensure_ascii=False).encode()
    digest = hashlib.sha256(raw).digest()[:9]
    return base64.urlsafe_b64encode(digest).decode()


def encode_cursor(keyset: Keyset, digest: str) -> str:
    payload = {"k": [_to_json(v) for v in keyset.key], "s": keyset.snapshot, "q": digest}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, spec: tuple[KeyPart, ...], digest: str) -> Keyset | None:
    """The keyset a cursor stands for; any tampering or garbage is a 422 on `cursor`, and so
    is a cursor of another query (`digest`)."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode())
        key, snapshot, query = payload["k"], payload["s"], payload["q"]
        if not isinstance(key, list) or len(key) != len(spec) or not isinstance(snapshot, dict):
            raise ValueError("shape")
        values = tuple(_from_json(v, part) for v, part in zip(key, spec, strict=True))
        snap = {str(k): _int(v) for k, v in snapshot.items()}
    except (ValueError, TypeError, KeyError, RecursionError, binascii.Error) as exc:
        raise InvalidParameterError("cursor", NOT_A_CURSOR) from exc
    if query != digest:
        raise InvalidParameterError("cursor", OTHER_QUERY)
    return Keyset(key=values, snapshot=snap)


def page_body(page: PageResult, digest: str) -> dict[str, Any]:
    """The list envelope every list endpoint answers."""
    next_cursor = encode_cursor(page.next, digest) if page.next is not None else None
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
