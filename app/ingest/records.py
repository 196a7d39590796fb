"""A JSON record (from a .json file, a JSON Lines line or an HTTP request) as a `RawArticle`.

Fields: title, body or text; optional id, url, source, published_at. A record whose fields are
missing, of the wrong type or too long is refused with the first field at fault.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from app.ingest.raw import RawArticle, ReadFailure, ReadItem, too_long

# Column sizes of the optional fields (app.core.models.Article).
MAX_FIELD_CHARS = {"id": 500, "url": 2000, "source": 200}


class RecordError(ValueError):
    """A JSON record whose fields are missing or of the wrong type."""


def record_or_failure(record: Any, origin: str, warning: str | None = None) -> ReadItem:
    """The record as an article (with the file's `warning`, if any), or why it is refused."""
    try:
        article = record_to_article(record, origin)
    except RecordError as exc:
        return ReadFailure(origin, str(exc))
    return replace(article, warning=warning) if warning else article


def record_to_article(record: Any, origin: str) -> RawArticle:
    """A JSON record (title, body or text; optional id, url, source, published_at) as an article.

    Raises `RecordError` naming the first field that is missing or of the wrong type.
    """
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, found {json_type(record)}")
    title = _optional_str(record, "title")
    if not title:
        raise RecordError("missing 'title'")
    body_key = "body" if record.get("body") is not None else "text"
    body = _optional_str(record, body_key)
    if not body:
        raise RecordError("missing 'body' (or 'text')")
    if reason := too_long(title, body):
        raise RecordError(reason)
    external_id = record.get("id")
    if external_id is not None and not (
        isinstance(external_id, str | int) and not isinstance(external_id, bool)
    ):
        raise RecordError(f"'id' must be a string or an integer, found {json_type(external_id)}")
    external = None if external_id is None else str(external_id).strip() or None
    if external is not None and "\x00" in external:
        raise RecordError("'id' contains a NUL character")
    url = _optional_str(record, "url")
    source = _optional_str(record, "source")
    for key, value in (("id", external), ("url", url), ("source", source)):
        if value is not None and len(value) > MAX_FIELD_CHARS[key]:
            raise RecordError(f"{key!r} is longer than {MAX_FIELD_CHARS[key]} characters")
    return RawArticle(
        title=title,
        body=body,
        origin=origin,
        external_id=external,
        url=url,
        source=source,
        published_at=_parse_date(record.get("published_at")),
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{key!r} must be a string, found {json_type(value)}")
    if "\x00" in value:  # a \u0000 escape: no text column takes it
        raise RecordError(f"{key!r} contains a NUL character")
    return value.strip() or None


def _parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(f"'published_at' must be an ISO date string, found {json_type(value)}")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # Timestamps ("2017-05-03T10:00:00Z") keep only their date.
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise RecordError(f"'published_at' is not an ISO date (YYYY-MM-DD): {value!r}") from None


def json_type(value: Any) -> str:
    """What kind of JSON value `value` is, as an error message names it ("a list", "null")."""
    names: Sequence[tuple[type | tuple[type, ...], str]] = (
        (bool, "a boolean"),
        ((int, float), "a number"),
        (str, "a string"),
        (list, "a list"),
        (dict, "an object"),
    )
    if value is None:
        return "null"
    return next((name for kind, name in names if isinstance(value, kind)), type(value).__name__)
