"""Articles: list with full-text, source, country, actor and date filters; detail with links."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from app.api.errors import NotFoundError
from app.api.export import ARTICLE_COLUMNS
from app.api.exports import add_export
from app.api.filters import ArticleFilters
from app.api.lists import CsvList, ListParamsDep
from app.api.params import DETAIL_RESPONSES, LIST_RESPONSES, SessionDep, id_path
from app.api.responses import built_json
from app.api.schemas import ArticleDetail, ArticlePage
from app.queries import articles as queries

router = APIRouter(prefix="/articles", tags=["articles"])
EXPORT = CsvList("articles", ARTICLE_COLUMNS)


@router.get("", response_model=ArticlePage, responses=LIST_RESPONSES)
def list_articles(
    session: SessionDep,
    filters: Annotated[ArticleFilters, Depends()],
    listing: ListParamsDep,
) -> dict[str, Any] | Response:
    """List articles, newest first, then by id."""
    return listing.answer(
        session,
        filters,
        queries.KEY_SPEC,
        lambda s, limit, after: queries.list_articles(s, filters, limit, after),
        EXPORT,
    )


add_export(router, ArticleFilters, queries.KEY_SPEC, queries.list_articles, EXPORT)


@router.get("/{article_id}", response_model=ArticleDetail, responses=DETAIL_RESPONSES)
def get_article(
    session: SessionDep, article_id: Annotated[int, id_path("Article id.")]
) -> Response:
    """Get one article with its clean body, countries, actors, statements and exercises."""
    article = queries.article_detail(session, article_id)
    if article is None:
        raise NotFoundError("article", article_id)
    return built_json(article)
