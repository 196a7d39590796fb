"""Actors: people and organisations merged across articles, with aliases and counts."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from app.api.errors import NotFoundError
from app.api.export import ACTOR_COLUMNS
from app.api.exports import add_export
from app.api.filters import ActorFilters
from app.api.lists import CsvList, ListParamsDep
from app.api.params import DETAIL_RESPONSES, LIST_RESPONSES, SessionDep, id_path
from app.api.schemas import ActorDetail, ActorPage
from app.queries import actors as queries
from app.queries.articles import ArticleFilters, newest_articles

router = APIRouter(prefix="/actors", tags=["actors"])
EXPORT = CsvList("actors", ACTOR_COLUMNS)

DETAIL_ARTICLES = 100


@router.get("", response_model=ActorPage, responses=LIST_RESPONSES)
def list_actors(
    session: SessionDep,
    filters: Annotated[ActorFilters, Depends()],
    listing: ListParamsDep,
) -> dict[str, Any] | Response:
    """List actors, most statements first, then by name."""
    return listing.answer(
        session,
        filters,
        queries.KEY_SPEC,
        lambda s, limit, after: queries.list_actors(s, filters, limit, after),
        EXPORT,
    )


add_export(router, ActorFilters, queries.KEY_SPEC, queries.list_actors, EXPORT)


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
