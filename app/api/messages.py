"""Validation errors in users' words: which parameter, and what it takes ("q is at most 500
characters", "published_from is a date as YYYY-MM-DD ..."), rather than pydantic's wording
("Value should have at most 500 items after validation, not 501")."""

from collections.abc import Callable
from typing import Any

from app.api.codes import COUNTRY_MESSAGE, COUNTRY_PATTERN
from app.api.params import DATE_RULE, ISO_DATE, NO_NUL

TWO_LETTERS = r"^[A-Za-z]{2}$"
# The steps pydantic adds to an error's location for each member of a union (`id` is text or
# a whole number): `int`, `str`, `function-after[...]`.
UNION_STEPS = frozenset({"int", "str", "float", "bool", "none", "constrained-str"})
Phrase = Callable[[str, dict[str, Any], Any], str]


def _length(word: str, bound: str) -> Phrase:
    def phrase(name: str, ctx: dict[str, Any], value: Any) -> str:
        limit = ctx.get(f"{bound}_length")
        unit = "characters" if isinstance(value, str) else "items"
        if bound == "min" and limit == 1:
            return f"{name} must not be empty"
        actual = f", not {len(value)}" if hasattr(value, "__len__") else ""
        return f"{name} is {word} {limit} {unit}{actual}"

    return phrase


def _bound(word: str, key: str) -> Phrase:
    return lambda name, ctx, value: f"{name} is {word} {ctx.get(key)}, not {value}"


PHRASES: dict[str, Phrase] = {
    "string_too_long": _length("at most", "max"),
    "too_long": _length("at most", "max"),
    "string_too_short": _length("at least", "min"),
    "too_short": _length("at least", "min"),
    "greater_than_equal": _bound("at least", "ge"),
    "greater_than": _bound("more than", "gt"),
    "less_than_equal": _bound("at most", "le"),
    "less_than": _bound("less than", "lt"),
    "int_parsing": lambda name, ctx, value: f"{name} is a whole number, not {_shown(value)}",
    "int_from_float": lambda name, ctx, value: f"{name} is a whole number, not {_shown(value)}",
    "int_type": lambda name, ctx, value: f"{name} is a whole number, not {_shown(value)}",
    "string_type": lambda name, ctx, value: f"{name} is text, not {_shown(value)}",
    "literal_error": lambda name, ctx, value: (
        f"{name} is one of {ctx.get('expected')}, not {_shown(value)}"
    ),
    "missing": lambda name, ctx, value: f"{name} is required",
}


def user_message(parameter: str, error: dict[str, Any]) -> str:
    """The message of one validation error, naming `parameter` (its base name for an item of
    a repeated parameter: `facet`, not `facet.0`)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = parameter.split(".")[0] if parameter.split(".")[-1].isdigit() else parameter
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == COUNTRY_PATTERN:
        return f"{name} {_shown(value)} {COUNTRY_MESSAGE}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == NO_NUL:
        return f"{name} must not contain a NUL character"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == TWO_LETTERS:
        return (
            f"{name} is an ISO 3166-1 alpha-2 code (two letters, such as KZ), not {_shown(value)}"
        )
    if kind.startswith("date_") and ISO_DATE.fullmatch(str(value)):
        return f"{name} {_shown(value)} is not a day of the calendar"
    if kind.startswith("date_") or (kind == "value_error" and DATE_RULE in str(ctx.get("error"))):
        return f"{name} {DATE_RULE}, not {_shown(value)}"
    if kind == "value_error":
        return f"{name} {ctx.get('error')}"
    if kind in PHRASES:
        return PHRASES[kind](name, ctx, value)
    return str(error.get("msg", "invalid"))


def described(errors: list[Any], location: str | None = None) -> list[dict[str, str]]:
    """Each pydantic error as `{parameter, in, message}`. The location is the first step of
    the error's `loc` (`query`, `path`, `body`) unless given; the parameter is named by the
    other steps without the union members pydantic adds, and has one message (the first: a
    union's members all fail on the same value)."""
    out: dict[str, dict[str, str]] = {}
    for error in errors:
        steps = [str(step) for step in error.get("loc", ())]
        where = location or (steps.pop(0) if steps else "request")
        parts = [p for p in steps if p not in UNION_STEPS and "[" not in p]
        name = ".".join(parts) or ("record" if location else where)
        if name not in out:
            out[name] = {"parameter": name, "in": where, "message": user_message(name, error)}
    return list(out.values())


def problem_detail(lead: str, errors: list[dict[str, str]]) -> str:
    """`lead` and every error's message, each naming its parameter."""
    parts = (
        e["message"]
        if e["message"].startswith(e["parameter"].split(".")[0] + " ")
        else f"{e['parameter']}: {e['message']}"
        for e in errors
    )
    return f"{lead} " + "; ".join(parts)


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:36] + "...'"
