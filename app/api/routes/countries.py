"""Countries that occur in the articles, with counts and related articles, exercises, actors."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from app.api.errors import NotFoundError
from app.api.export import COUNTRY_COLUMNS
from app.api.filters import CountryFilters
from app.api.lists import CsvList, ListParamsDep
from app.api.params import DETAIL_RESPONSES, LIST_RESPONSES, CountryPath, SessionDep
from app.api.responses import built_json
from app.api.schemas import CountryDetail, CountryPage
from app.queries import countries as queries
from app.queries.actors import ActorFilters, top_actors
from app.queries.articles import ArticleFilters, newest_articles
from app.queries.exercises import ExerciseFilters, all_exercises

router = APIRouter(prefix="/countries", tags=["countries"])

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
        lambda s, limit, after: queries.list_countries(s, filters.q, limit, after),
        CsvList("countries", COUNTRY_COLUMNS),
    )


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
