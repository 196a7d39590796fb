"""Articles: list with full-text, source, country, actor and date filters; detail with links."""

from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from app.api.errors import NotFoundError
from app.api.export import ARTICLE_COLUMNS, EXPORT_PAGE, ExportFormat, csv_export, wants_csv
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
from app.api.responses import built_json
from app.api.schemas import ArticleDetail, ArticlePage
from app.queries import articles as queries

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=ArticlePage, responses=LIST_RESPONSES)
def list_articles(
    session: SessionDep,
    request: Request,
    q: Annotated[
        SafeText | None, text_filter("Words in the title or body (substring).", "Steppe Eagle")
    ] = None,
    source: Annotated[
        SafeText | None, text_filter("Publisher or agency (whole name).", "Kazinform")
    ] = None,
    country: CountryCode = None,
    actor_id: Annotated[int | None, id_filter("Articles naming this actor.")] = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    limit: Limit = 20,
    cursor: Cursor = None,
    export_format: ExportFormat = None,
) -> dict[str, Any] | StreamingResponse:
    """List articles, newest first, then by id."""
    after = decode_cursor(cursor, queries.KEY_SPEC)
    filters = queries.ArticleFilters(
        q=q,
        source=source,
        country=country,
        actor_id=actor_id,
        published_from=published_from,
        published_to=published_to,
    )
    if wants_csv(request, export_format):
        return csv_export(
            "articles",
            ARTICLE_COLUMNS,
            lambda s, a: queries.list_articles(s, filters, EXPORT_PAGE, a),
            after,
        )
    return page_body(queries.list_articles(session, filters, limit, after))


@router.get("/{article_id}", response_model=ArticleDetail, responses=DETAIL_RESPONSES)
def get_article(
    session: SessionDep, article_id: Annotated[int, id_path("Article id.")]
) -> Response:
    """Get one article with its clean body, countries, actors, statements and exercises."""
    article = queries.article_detail(session, article_id)
    if article is None:
        raise NotFoundError("article", article_id)
    return built_json(article)
