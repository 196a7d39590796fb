"""Validation errors in users' words: which parameter, and what it takes ("q is at most 500
characters", "published_from is a date as YYYY-MM-DD"), rather than pydantic's wording."""

from typing import Any

from app.api.codes import COUNTRY_MESSAGE, COUNTRY_PATTERN
from app.api.params import DATE_RULE, ISO_DATE


def user_message(parameter: str, error: dict[str, Any]) -> str:
    """The message of one validation error, naming `parameter`."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == COUNTRY_PATTERN:
        return f"{_shown(error.get('input'))} {COUNTRY_MESSAGE}"
    if kind.startswith("date_") and ISO_DATE.fullmatch(str(error.get("input"))):
        return f"{parameter} {_shown(error.get('input'))} is not a day of the calendar"
    if kind.startswith("date_") or (kind == "value_error" and DATE_RULE in str(ctx.get("error"))):
        return f"{parameter} {DATE_RULE}, not {_shown(error.get('input'))}"
    return str(error.get("msg", "invalid"))


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "...'"
