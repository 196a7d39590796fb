"""Countries that occur in the articles, with counts and related articles, exercises, actors."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from app.api.errors import NotFoundError
from app.api.export import COUNTRY_COLUMNS
from app.api.exports import add_export
from app.api.filters import CountryFilters
from app.api.lists import CsvList, ListParamsDep
from app.api.params import DETAIL_RESPONSES, LIST_RESPONSES, CountryPath, SessionDep
from app.api.responses import built_json
from app.api.schemas import CountryDetail, CountryPage
from app.queries import countries as queries
from app.queries.actors import ActorFilters, top_actors
from app.queries.articles import ArticleFilters, newest_articles
from app.queries.common import Keyset, PageResult
from app.queries.exercises import ExerciseFilters, all_exercises

router = APIRouter(prefix="/countries", tags=["countries"])
EXPORT = CsvList("countries", COUNTRY_COLUMNS)

DETAIL_LIMIT = 100


@router.get("", response_model=CountryPage, responses=LIST_RESPONSES)
def list_countries(
    session: SessionDep,
    filters: Annotated[CountryFilters, Depends()],
    listing: ListParamsDep,
) -> dict[str, Any] | Response:
    """List countries mentioned in some article, most articles first, then by name."""
    return listing.answer(
        session,
        filters,
        queries.KEY_SPEC,
        lambda s, limit, after: _countries_page(s, filters, limit, after),
        EXPORT,
    )


def _countries_page(
    session: Session, filters: CountryFilters, limit: int, after: Keyset | None
) -> PageResult:
    return queries.list_countries(session, filters.q, limit, after)


add_export(router, CountryFilters, queries.KEY_SPEC, _countries_page, EXPORT)


@router.get("/{code}", response_model=CountryDetail, responses=DETAIL_RESPONSES)
def get_country(
    session: SessionDep,
    code: CountryPath,
) -> Response:
    """Get one country with its articles, exercises and actors."""
    country = queries.get_country(session, code)
    if country is None:
        raise NotFoundError("country", code.upper(), "code")
    code = country["code"]
    return built_json(
        {
            **country,
            "articles": newest_articles(session, ArticleFilters(country=code), DETAIL_LIMIT),
            "exercises": all_exercises(session, ExerciseFilters(country=code)),
            "actors": top_actors(session, ActorFilters(country=code), DETAIL_LIMIT),
        }
    )
