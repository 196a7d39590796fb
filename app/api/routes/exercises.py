"""Military exercises, merged across articles, with participants per article."""

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.errors import NotFoundError
from app.api.export import EXERCISE_COLUMNS, EXPORT_PAGE, ExportFormat, csv_export, wants_csv
from app.api.paging import Cursor, Limit, decode_cursor, page_body
from app.api.params import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    SafeText,
    SessionDep,
    country_filter,
    id_path,
    text_filter,
)
from app.api.responses import built_json
from app.api.schemas import ExerciseItem, ExercisePage
from app.core.jsontext import plain
from app.queries import exercises as queries
from app.queries.common import PageResult

router = APIRouter(prefix="/exercises", tags=["exercises"])


@router.get("", response_model=ExercisePage, responses=LIST_RESPONSES)
def list_exercises(
    session: SessionDep,
    request: Request,
    q: Annotated[SafeText | None, text_filter("Words in the name (substring).", "Eagle")] = None,
    country: Annotated[str | None, country_filter("Host or participant country.")] = None,
    year: Annotated[
        int | None, Query(ge=1, le=9999, description="Year of an edition.", examples=[2024])
    ] = None,
    limit: Limit = 20,
    cursor: Cursor = None,
    export_format: ExportFormat = None,
) -> Response:
    """List exercises by name."""
    after = decode_cursor(cursor, queries.KEY_SPEC)
    filters = queries.ExerciseFilters(q=q, country=country, year=year)
    if wants_csv(request, export_format):
        return csv_export(
            "exercises",
            EXERCISE_COLUMNS,
            lambda s, a: _with_values(queries.list_exercises(s, filters, EXPORT_PAGE, a)),
            after,
        )
    return built_json(page_body(queries.list_exercises(session, filters, limit, after)))


def _with_values(page: PageResult) -> PageResult:
    """The page with each item's participants read once from their JSON text, for the CSV
    columns that take them apart."""
    items = [{**item, "participants": plain(item["participants"])} for item in page.items]
    return replace(page, items=items)


@router.get("/{exercise_id}", response_model=ExerciseItem, responses=DETAIL_RESPONSES)
def get_exercise(
    session: SessionDep, exercise_id: Annotated[int, id_path("Exercise id.")]
) -> Response:
    """Get one exercise with its participants."""
    exercise = queries.get_exercise(session, exercise_id)
    if exercise is None:
        raise NotFoundError("exercise", exercise_id)
    return built_json(exercise)
