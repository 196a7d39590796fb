"""Facets and timelines of statements: counts per speaker, organisation, country, kind and period
for the filters of the statement list."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from app.api.filters import FacetFilters
from app.api.params import LIST_RESPONSES, UNAVAILABLE, SessionDep
from app.api.schemas import StatementKind
from app.queries import facets as queries

router = APIRouter(prefix="/statements", tags=["statements"])

FacetName = Literal["speaker", "organization", "country", "kind"]
RESPONSES: dict[int | str, dict[str, Any]] = {422: LIST_RESPONSES[422], 503: UNAVAILABLE}
FiltersDep = Annotated[FacetFilters, Depends()]


class ActorCount(BaseModel):
    """An actor and how many statements matching the filters are theirs (or their members')."""

    id: int = Field(
        description="Actor id (pass as `speaker_id` or `organization_id`).", examples=[2]
    )
    name: str = Field(description="Canonical name.", examples=["James Appathurai"])
    count: int = Field(description="Statements matching the filters.", examples=[4])


class CountryCount(BaseModel):
    """A country and how many statements matching the filters mention it."""

    code: str = Field(description="ISO 3166-1 alpha-2 code (pass as `country`).", examples=["KZ"])
    name: str = Field(description="Country name.", examples=["Kazakhstan"])
    count: int = Field(description="Statements mentioning it.", examples=[3])


class KindCount(BaseModel):
    """A statement kind and how many statements matching the filters are of it."""

    kind: StatementKind = Field(description="Direct quote or reported speech.", examples=["direct"])
    count: int = Field(description="Statements of this kind.", examples=[5])


class StatementFacets(BaseModel):
    """Counts of the statements matching the filters, per facet."""

    total: int = Field(description="Statements matching the filters.", examples=[7])
    speakers: list[ActorCount] | None = Field(
        description="Top speakers, most statements first; null when not asked for."
    )
    organizations: list[ActorCount] | None = Field(
        description="Top organisations of the speakers (statements by their members), most "
        "first; null when not asked for."
    )
    countries: list[CountryCount] | None = Field(
        description="Top countries mentioned in the statements, most first; null when not asked "
        "for."
    )
    kinds: list[KindCount] | None = Field(
        description="Statements per kind; null when not asked for."
    )


class PeriodCount(BaseModel):
    """Statements of articles published in one period."""

    start: date = Field(
        description="First day of the period (a Monday for weeks).", examples=["2017-04-01"]
    )
    count: int = Field(description="Statements of articles published in it.", examples=[3])


class StatementTimeline(BaseModel):
    """Statements matching the filters per period of publication."""

    interval: queries.Interval = Field(description="Length of each period.", examples=["month"])
    total: int = Field(description="Statements matching the filters.", examples=[7])
    undated: int = Field(
        description="Statements of articles without a publication date (in no period).",
        examples=[1],
    )
    buckets: list[PeriodCount] = Field(
        description="Oldest first, from the first period with a statement to the last; empty "
        "periods between are listed with count 0 (unless that would exceed 5,000 periods)."
    )


@router.get("/facets", response_model=StatementFacets, responses=RESPONSES)
def get_statement_facets(
    session: SessionDep,
    filters: FiltersDep,
    facet: Annotated[
        list[FacetName] | None,
        Query(
            description="Facets to count (repeat the parameter); all four when omitted.",
            examples=[["speaker", "country"]],
        ),
    ] = None,
    size: Annotated[
        int, Query(ge=1, le=100, description="Buckets per facet, 1 to 100.", examples=[10])
    ] = 10,
) -> dict[str, object]:
    """Count the statements matching the filters per speaker, organisation, country and kind."""
    wanted = set(facet or ("speaker", "organization", "country", "kind"))
    where = queries.scope(session, filters)
    return {
        "total": queries.count_statements(session, where),
        "speakers": queries.speaker_counts(session, where, size) if "speaker" in wanted else None,
        "organizations": (
            queries.organization_counts(session, where, size) if "organization" in wanted else None
        ),
        "countries": queries.country_counts(session, where, size) if "country" in wanted else None,
        "kinds": queries.kind_counts(session, where) if "kind" in wanted else None,
    }


@router.get("/timeline", response_model=StatementTimeline, responses=RESPONSES)
def get_statement_timeline(
    session: SessionDep,
    filters: FiltersDep,
    interval: Annotated[
        queries.Interval,
        Query(description="Period length: day, week, month or year.", examples=["month"]),
    ] = "month",
) -> dict[str, object]:
    """Count the statements matching the filters per period of publication."""
    where = queries.scope(session, filters)
    series = queries.timeline(session, where, interval)
    return {
        "interval": interval,
        "total": queries.count_statements(session, where),
        "undated": series.undated,
        "buckets": series.buckets,
    }
