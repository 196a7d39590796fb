"""Actors: people and organisations merged across articles, with aliases and counts."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from app.api.errors import NotFoundError
from app.api.export import ACTOR_COLUMNS, EXPORT_PAGE, ExportFormat, csv_export, wants_csv
from app.api.paging import Cursor, Limit, decode_cursor, page_body
from app.api.params import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    SafeText,
    SessionDep,
    country_filter,
    id_filter,
    id_path,
    text_filter,
)
from app.api.schemas import ActorDetail, ActorKind, ActorPage
from app.queries import actors as queries
from app.queries.articles import ArticleFilters, newest_articles

router = APIRouter(prefix="/actors", tags=["actors"])

DETAIL_ARTICLES = 100


@router.get("", response_model=ActorPage, responses=LIST_RESPONSES)
def list_actors(
    session: SessionDep,
    request: Request,
    q: Annotated[
        SafeText | None, text_filter("Part of the name or of any alias.", "North Atlantic Alliance")
    ] = None,
    kind: Annotated[
        ActorKind | None, Query(description="Person or organisation.", examples=["person"])
    ] = None,
    country: Annotated[str | None, country_filter("The actor's country.")] = None,
    organization_id: Annotated[
        int | None, id_filter("Actors speaking for this organisation.")
    ] = None,
    limit: Limit = 20,
    cursor: Cursor = None,
    export_format: ExportFormat = None,
) -> dict[str, Any] | StreamingResponse:
    """List actors, most statements first, then by name."""
    after = decode_cursor(cursor, queries.KEY_SPEC)
    filters = queries.ActorFilters(q=q, kind=kind, country=country, organization_id=organization_id)
    if wants_csv(request, export_format):
        return csv_export(
            "actors",
            ACTOR_COLUMNS,
            lambda s, a: queries.list_actors(s, filters, EXPORT_PAGE, a),
            after,
        )
    return page_body(queries.list_actors(session, filters, limit, after))


@router.get("/{actor_id}", response_model=ActorDetail, responses=DETAIL_RESPONSES)
def get_actor(
    session: SessionDep, actor_id: Annotated[int, id_path("Actor id.")]
) -> dict[str, Any]:
    """Get one actor with every title given and the articles naming them."""
    found = queries.actor_items(session, [actor_id])
    if not found:
        raise NotFoundError("actor", actor_id)
    return {
        **found[0],
        "titles": queries.actor_titles(session, actor_id),
        "articles": newest_articles(session, ArticleFilters(actor_id=actor_id), DETAIL_ARTICLES),
    }
