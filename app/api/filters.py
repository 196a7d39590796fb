"""The filters of each list as query parameters, declared once per list: a route takes
`Annotated[ArticleFilters, Depends()]` and hands it to the queries as their filters.

Each is a dependency rather than parameters of the route, so that the list's `limit`, `cursor`
and `format` (app.api.lists, a dependency too) follow them, in the documentation and in the
errors of an invalid request alike."""

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Query

from app.api.params import (
    CountryCode,
    PublishedFrom,
    PublishedTo,
    SafeText,
    country_filter,
    id_filter,
    text_filter,
)
from app.api.schemas import ActorKind, StatementKind
from app.queries import actors, articles, exercises, statement_filters


@dataclass(frozen=True)
class ArticleFilters(articles.ArticleFilters):
    """The filters of `GET /articles`."""

    q: Annotated[
        SafeText | None, text_filter("Words in the title or body (substring).", "Steppe Eagle")
    ] = None
    source: Annotated[
        SafeText | None, text_filter("Publisher or agency (whole name).", "Kazinform")
    ] = None
    country: CountryCode = None
    actor_id: Annotated[int | None, id_filter("Articles naming this actor.")] = None
    published_from: PublishedFrom = None
    published_to: PublishedTo = None


@dataclass(frozen=True)
class ActorFilters(actors.ActorFilters):
    """The filters of `GET /actors`."""

    q: Annotated[
        SafeText | None, text_filter("Part of the name or of any alias.", "North Atlantic Alliance")
    ] = None
    kind: Annotated[
        ActorKind | None, Query(description="Person or organisation.", examples=["person"])
    ] = None
    country: Annotated[str | None, country_filter("The actor's country.")] = None
    organization_id: Annotated[int | None, id_filter("Actors speaking for this organisation.")] = (
        None
    )


@dataclass(frozen=True)
class ExerciseFilters(exercises.ExerciseFilters):
    """The filters of `GET /exercises` (an article's exercises are on the article's page)."""

    q: Annotated[SafeText | None, text_filter("Words in the name (substring).", "Eagle")] = None
    country: Annotated[str | None, country_filter("Host or participant country.")] = None
    year: Annotated[
        int | None, Query(ge=1, le=9999, description="Year of an edition.", examples=[2024])
    ] = None
    article_id: int | None = field(default=None, init=False)


@dataclass(frozen=True)
class CountryFilters:
    """The filter of `GET /countries`."""

    q: Annotated[SafeText | None, text_filter("Part of the country name.", "kazakh")] = None


@dataclass(frozen=True)
class StatementFilters(statement_filters.StatementFilters):
    """The filters of `GET /statements`."""

    speaker: Annotated[
        SafeText | None,
        text_filter(
            "Speaker's canonical name, any alias, or the surname alone; when no actor has it, "
            "words of a speaker the article only describes (`spokesperson`).",
            "Appathurai",
        ),
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
    """The filters of the statement list for its facets and timeline, whose documentation
    gives `q` an example of its own (a field declared again keeps its place)."""

    q: Annotated[
        SafeText | None, text_filter("Words in the statement (substring).", "peacekeeping")
    ] = None
