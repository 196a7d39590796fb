"""Countries that occur in the articles, with counts and related articles, exercises, actors."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import StreamingResponse

from app.api.errors import NotFoundError
from app.api.export import COUNTRY_COLUMNS, EXPORT_PAGE, ExportFormat, csv_export, wants_csv
from app.api.paging import Cursor, Limit, decode_cursor, page_body
from app.api.params import DETAIL_RESPONSES, LIST_RESPONSES, SafeText, SessionDep, text_filter
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
    request: Request,
    q: Annotated[SafeText | None, text_filter("Part of the country name.", "kazakh")] = None,
    limit: Limit = 20,
    cursor: Cursor = None,
    export_format: ExportFormat = None,
) -> dict[str, Any] | StreamingResponse:
    """List countries mentioned in some article, most articles first, then by name."""
    after = decode_cursor(cursor, queries.KEY_SPEC)
    if wants_csv(request, export_format):
        return csv_export(
            "countries",
            COUNTRY_COLUMNS,
            lambda s, a: queries.list_countries(s, q, EXPORT_PAGE, a),
            after,
        )
    return page_body(queries.list_countries(session, q, limit, after))


@router.get("/{code}", response_model=CountryDetail, responses=DETAIL_RESPONSES)
def get_country(
    session: SessionDep,
    code: Annotated[
        str,
        Path(
            pattern=r"^[A-Za-z]{2}$",
            description="ISO 3166-1 alpha-2 code, case-insensitive.",
            examples=["KZ"],
        ),
    ],
) -> Response:
    """Get one country with its articles, exercises and actors."""
    country = queries.get_country(session, code)
    if country is None:
        raise NotFoundError("country", code.upper())
    code = country["code"]
    return built_json(
        {
            **country,
            "articles": newest_articles(session, ArticleFilters(country=code), DETAIL_LIMIT),
            "exercises": all_exercises(session, ExerciseFilters(country=code)),
            "actors": top_actors(session, ActorFilters(country=code), DETAIL_LIMIT),
        }
    )
