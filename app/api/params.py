"""Query and path parameter types shared by the routers, validated before any SQL runs."""

import re
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Path, Query
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from app.api.codes import COUNTRY_PATTERN
from app.api.schemas import Problem
from app.core.db import get_session

MAX_ID = 2**31 - 1  # ids are INTEGER columns; larger values can name no row
MAX_TEXT = 500


# Text without NUL, as the schema states it (PostgreSQL stores no NUL in text).
NO_NUL = "^[^\\u0000]*$"


def text_filter(description: str, example: str) -> object:
    return Query(max_length=MAX_TEXT, pattern=NO_NUL, description=description, examples=[example])


# Text of a filter: `text_filter` bounds it and refuses NUL by its pattern, which the schema
# states (a validator function would hide the pattern from it).
SafeText = str


COUNTRY_RULE = (
    "An ISO 3166-1 alpha-2 code, in any case; two letters that name no country (`XX`) are a 422."
)


def country_filter(description: str) -> object:
    return Query(
        pattern=COUNTRY_PATTERN,
        description=f"{description} {COUNTRY_RULE}",
        examples=["KZ"],
    )


CountryCode = Annotated[str | None, country_filter("Country mentioned.")]
CountryPath = Annotated[
    str,
    Path(
        pattern=r"^[A-Za-z]{2}$",
        description="ISO 3166-1 alpha-2 code, in any case; a code of no country is a 404.",
        examples=["KZ"],
    ),
]


def id_filter(description: str) -> object:
    return Query(ge=1, le=MAX_ID, description=description, examples=[1])


def id_path(description: str) -> object:
    return Path(ge=1, le=MAX_ID, description=description, examples=[1])


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_RULE = "is a date as YYYY-MM-DD (ISO 8601), such as 2024-01-31"


def _iso_date_only(value: object) -> object:
    # pydantic's dates also take Unix times ("0") and compact forms ("20240101").
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError(DATE_RULE)
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
PublishedFrom = Annotated[
    IsoDate | None,
    Query(
        description="Published on or after this date, given as YYYY-MM-DD (ISO 8601); any "
        "other form of date is a 422.",
        examples=["2024-01-01"],
    ),
]
PublishedTo = Annotated[
    IsoDate | None,
    Query(
        description="Published on or before this date, given as YYYY-MM-DD (ISO 8601); any "
        "other form of date is a 422.",
        examples=["2024-12-31"],
    ),
]

SessionDep = Annotated[Session, Depends(get_session)]


def problem_response(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


UNAVAILABLE = problem_response("The database is not answering; try again later.")
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "One page of the list."},
    303: {
        "description": "With `format=csv` or `Accept: text/csv`: see the list's CSV export "
        "(its path with `.csv`: `/api/v1/statements.csv`) with the same filters and cursor.",
        "headers": {
            "Location": {
                "description": "The export operation with the same query, less `format` and "
                "`limit`.",
                "schema": {"type": "string"},
            }
        },
    },
    422: problem_response("A parameter is invalid (see `errors`)."),
    503: UNAVAILABLE,
}
DETAIL_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: problem_response("No such id."),
    422: problem_response("The id is not a valid id."),
    503: UNAVAILABLE,
}
