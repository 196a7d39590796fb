"""Entity tags of JSON answers: the tag of a body, which answers get one, and If-None-Match."""

import hashlib

from starlette.datastructures import Headers


def entity_tag(body: bytes) -> str:
    """The strong tag of a body: its SHA-256, 32 hex digits, quoted."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def is_json(headers: Headers) -> bool:
    """Whether an answer is JSON: those are the answers that get an ETag."""
    return headers.get("content-type", "").startswith("application/json")


def matches(if_none_match: str, tag: str) -> bool:
    """RFC 9110 weak comparison of `tag` with an If-None-Match list (or `*`)."""
    candidates = [t.strip() for t in if_none_match.split(",")]
    return "*" in candidates or tag in [t.removeprefix("W/") for t in candidates]
