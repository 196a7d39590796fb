"""Statements: who said what, filtered by speaker, organisation, country, article and date."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from app.api.errors import NotFoundError
from app.api.export import STATEMENT_COLUMNS
from app.api.exports import add_export
from app.api.filters import StatementFilters
from app.api.lists import CsvList, ListParamsDep
from app.api.params import DETAIL_RESPONSES, LIST_RESPONSES, SessionDep, id_path
from app.api.schemas import StatementItem, StatementPage
from app.queries import statements as queries

router = APIRouter(prefix="/statements", tags=["statements"])
EXPORT = CsvList("statements", STATEMENT_COLUMNS)


@router.get("", response_model=StatementPage, responses=LIST_RESPONSES)
def list_statements(
    session: SessionDep,
    filters: Annotated[StatementFilters, Depends()],
    listing: ListParamsDep,
) -> dict[str, Any] | Response:
    """List statements, newest article first, then in order within the article."""
    return listing.answer(
        session,
        filters,
        queries.KEY_SPEC,
        lambda s, limit, after: queries.list_statements(s, filters, limit, after),
        EXPORT,
        built=True,
    )


add_export(router, StatementFilters, queries.KEY_SPEC, queries.list_statements, EXPORT)


@router.get("/{statement_id}", response_model=StatementItem, responses=DETAIL_RESPONSES)
def get_statement(
    session: SessionDep, statement_id: Annotated[int, id_path("Statement id.")]
) -> dict[str, Any]:
    """Get one statement."""
    statement = queries.get_statement(session, statement_id)
    if statement is None:
        raise NotFoundError("statement", statement_id)
    return statement
