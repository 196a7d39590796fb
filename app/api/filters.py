"""The statement filters as query parameters, declared once for the list, its facets and its
timeline: `Annotated[StatementFilters, Depends()]` reads them into the queries' filters."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from app.api.params import (
    CountryCode,
    PublishedFrom,
    PublishedTo,
    SafeText,
    id_filter,
    text_filter,
)
from app.api.schemas import StatementKind
from app.queries import statement_filters as queries


@dataclass(frozen=True)
class StatementFilters(queries.StatementFilters):
    """The filters of `GET /statements`, each validated before any SQL runs."""

    speaker: Annotated[
        SafeText | None,
        text_filter("Speaker's canonical name, any alias, or the surname alone.", "Appathurai"),
    ] = None
    speaker_id: Annotated[int | None, id_filter("Statements by this actor.")] = None
    organization_id: Annotated[
        int | None, id_filter("Statements by members of this organisation.")
    ] = None
    country: CountryCode = None
    article_id: Annotated[int | None, id_filter("Statements of this article.")] = None
    kind: Annotated[
        StatementKind | None,
        Query(description="Direct quote or reported speech.", examples=["direct"]),
    ] = None
    q: Annotated[
        SafeText | None, text_filter("Words in the statement (substring).", "security")
    ] = None
    published_from: PublishedFrom = None
    published_to: PublishedTo = None


@dataclass(frozen=True)
class FacetFilters(StatementFilters):
    """The same filters for the facets and the timeline, whose documentation gives `q` an
    example of its own (a field redeclared keeps its place among the parameters)."""

    q: Annotated[
        SafeText | None, text_filter("Words in the statement (substring).", "peacekeeping")
    ] = None
