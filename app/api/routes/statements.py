"""Statements: who said what, filtered by speaker, organisation, country, article and date."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from app.api.errors import NotFoundError
from app.api.export import EXPORT_PAGE, STATEMENT_COLUMNS, ExportFormat, csv_export, wants_csv
from app.api.paging import Cursor, Limit, decode_cursor, page_body
from app.api.params import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    CountryCode,
    PublishedFrom,
    PublishedTo,
    SafeText,
    SessionDep,
    id_filter,
    id_path,
    text_filter,
)
from app.api.schemas import StatementItem, StatementKind, StatementPage
from app.queries import statements as queries
from app.queries.statement_filters import StatementFilters

router = APIRouter(prefix="/statements", tags=["statements"])


@router.get("", response_model=StatementPage, responses=LIST_RESPONSES)
def list_statements(
    session: SessionDep,
    request: Request,
    speaker: Annotated[
        SafeText | None,
        text_filter("Speaker's canonical name, any alias, or the surname alone.", "Appathurai"),
    ] = None,
    speaker_id: Annotated[int | None, id_filter("Statements by this actor.")] = None,
    organization_id: Annotated[
        int | None, id_filter("Statements by members of this organisation.")
    ] = None,
    country: CountryCode = None,
    article_id: Annotated[int | None, id_filter("Statements of this article.")] = None,
    kind: Annotated[
        StatementKind | None,
        Query(description="Direct quote or reported speech.", examples=["direct"]),
    ] = None,
    q: Annotated[
        SafeText | None, text_filter("Words in the statement (substring).", "security")
    ] = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 20,
    cursor: Cursor = None,
    export_format: ExportFormat = None,
) -> dict[str, Any] | StreamingResponse:
    """List statements, newest article first, then in order within the article."""
    after = decode_cursor(cursor, queries.KEY_SPEC)
    filters = StatementFilters(
        speaker=speaker,
        speaker_id=speaker_id,
        organization_id=organization_id,
        country=country,
        article_id=article_id,
        kind=kind,
        q=q,
        published_from=published_from,
        published_to=published_to,
    )
    if wants_csv(request, export_format):
        return csv_export(
            "statements",
            STATEMENT_COLUMNS,
            lambda s, a: queries.list_statements(s, filters, EXPORT_PAGE, a),
            after,
        )
    return page_body(queries.list_statements(session, filters, limit, after))


@router.get("/{statement_id}", response_model=StatementItem, responses=DETAIL_RESPONSES)
def get_statement(
    session: SessionDep, statement_id: Annotated[int, id_path("Statement id.")]
) -> dict[str, Any]:
    """Get one statement."""
    statement = queries.get_statement(session, statement_id)
    if statement is None:
        raise NotFoundError("statement", statement_id)
    return statement
