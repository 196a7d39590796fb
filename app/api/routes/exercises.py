"""Military exercises, merged across articles, with participants per article."""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from app.api.errors import NotFoundError
from app.api.export import EXERCISE_COLUMNS
from app.api.exports import add_export
from app.api.filters import ExerciseFilters
from app.api.lists import CsvList, ListParamsDep
from app.api.params import DETAIL_RESPONSES, LIST_RESPONSES, SessionDep, id_path
from app.api.responses import built_json
from app.api.schemas import ExerciseItem, ExercisePage
from app.core.jsontext import plain
from app.queries import exercises as queries
from app.queries.common import PageResult

router = APIRouter(prefix="/exercises", tags=["exercises"])


@router.get("", response_model=ExercisePage, responses=LIST_RESPONSES)
def list_exercises(
    session: SessionDep,
    filters: Annotated[ExerciseFilters, Depends()],
    listing: ListParamsDep,
) -> dict[str, Any] | Response:
    """List exercises by name."""
    return listing.answer(
        session,
        filters,
        queries.KEY_SPEC,
        lambda s, limit, after: queries.list_exercises(s, filters, limit, after),
        EXPORT,
        built=True,
    )


def _with_values(page: PageResult) -> PageResult:
    """The page with each item's participants read once from their JSON text, for the CSV
    columns that take them apart."""
    items = [{**item, "participants": plain(item["participants"])} for item in page.items]
    return replace(page, items=items)


EXPORT = CsvList("exercises", EXERCISE_COLUMNS, prepare=_with_values)
add_export(router, ExerciseFilters, queries.KEY_SPEC, queries.list_exercises, EXPORT)


@router.get("/{exercise_id}", response_model=ExerciseItem, responses=DETAIL_RESPONSES)
def get_exercise(
    session: SessionDep, exercise_id: Annotated[int, id_path("Exercise id.")]
) -> Response:
    """Get one exercise with its participants."""
    exercise = queries.get_exercise(session, exercise_id)
    if exercise is None:
        raise NotFoundError("exercise", exercise_id)
    return built_json(exercise)
