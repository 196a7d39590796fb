"""Article list and detail queries: keyset paging newest first, counts in one grouped query."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from app.core.models import Actor, Article, ArticleActor, ArticleCountry, Country, Statement
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    count_as_of,
    counted_snapshot,
    first_snapshot,
    folded,
    page_rows,
    paginate,
)
from app.queries.exercises import ExerciseFilters, all_exercises
from app.queries.statements import statements_of_article

KEY_SPEC: tuple[KeyPart, ...] = ("date?", "int")
SORT = (SortColumn(Article.published_at, "desc"), SortColumn(Article.id, "desc"))
ITEM_COLUMNS = (Article.id, Article.title, Article.source, Article.published_at, Article.url)


@dataclass(frozen=True)
class ArticleFilters:
    q: str | None = None
    source: str | None = None
    country: str | None = None
    actor_id: int | None = None
    published_from: date | None = None
    published_to: date | None = None


def _conditions(filters: ArticleFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if (q := folded(filters.q)) is not None:
        conds.append(Article.search_key.contains(q, autoescape=True))
    if (source := folded(filters.source)) is not None:
        conds.append(Article.source_key == source)
    if filters.country is not None:
        conds.append(
            exists().where(
                ArticleCountry.article_id == Article.id,
                ArticleCountry.country_code == filters.country.upper(),
            )
        )
    if filters.actor_id is not None:
        # The actor's articles by their index, then sorted: most actors are named in a few
        # articles, which a walk along the date index would look for among all of them.
        conds.append(
            Article.id.in_(
                select(ArticleActor.article_id).where(ArticleActor.actor_id == filters.actor_id)
            )
        )
    if filters.published_from is not None:
        conds.append(Article.published_at >= filters.published_from)
    if filters.published_to is not None:
        conds.append(Article.published_at <= filters.published_to)
    return conds


def newest_articles(session: Session, filters: ArticleFilters, limit: int) -> list[dict[str, Any]]:
    """The first `limit` articles of the list, without counting them all."""
    return list_articles(session, filters, limit, None, with_total=False).items


def list_articles(
    session: Session,
    filters: ArticleFilters,
    limit: int,
    after: Keyset | None,
    *,
    with_total: bool = True,
) -> PageResult:
    """One page of articles; the snapshot keeps articles ingested mid-walk out of later pages."""
    snapshot = first_snapshot(session, after, a=Article.id)
    filtered = _conditions(filters)
    conds = [*filtered, Article.id <= snapshot["a"]] if "a" in snapshot else filtered
    snapshot = counted_snapshot(
        snapshot,
        after,
        lambda: count_as_of(session, Article.id, filtered, snapshot.get("a")),
        wanted=with_total,
    )
    rows = page_rows(session, select(*ITEM_COLUMNS).where(*conds), SORT, limit, after)
    return paginate(session, rows, limit, snapshot, lambda r: (r.published_at, r.id), article_items)


def article_items(session: Session, rows: Sequence[AnyRow]) -> list[dict[str, Any]]:
    """Article items for rows of ITEM_COLUMNS, with statement counts from one grouped query."""
    ids = [row.id for row in rows]
    counts: dict[int, int] = {}
    if ids:
        counts = {
            article_id: n
            for article_id, n in session.execute(
                select(Statement.article_id, func.count())
                .where(Statement.article_id.in_(ids))
                .group_by(Statement.article_id)
            )
        }
    return [dict(row._mapping, statement_count=counts.get(row.id, 0)) for row in rows]


def get_article(session: Session, article_id: int) -> dict[str, Any] | None:
    """The article item plus body and translation note, without related lists."""
    row = session.execute(
        select(*ITEM_COLUMNS, Article.body, Article.translated_from).where(Article.id == article_id)
    ).first()
    if row is None:
        return None
    return article_items(session, [row])[0]


def article_countries(session: Session, article_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Country.code, Country.name, ArticleCountry.mentions)
        .join(ArticleCountry, ArticleCountry.country_code == Country.code)
        .where(ArticleCountry.article_id == article_id)
        .order_by(ArticleCountry.mentions.desc(), Country.name, Country.code)
    )
    return [dict(row._mapping) for row in rows]


def article_actors(session: Session, article_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Actor.id, Actor.name, Actor.kind, ArticleActor.title)
        .join(ArticleActor, ArticleActor.actor_id == Actor.id)
        .where(ArticleActor.article_id == article_id)
        .order_by(ArticleActor.mentions.desc(), Actor.name, Actor.id)
    )
    return [dict(row._mapping) for row in rows]


def article_detail(session: Session, article_id: int) -> dict[str, Any] | None:
    """The article with its body, countries, actors, statements and exercises (None: no such
    article)."""
    article = get_article(session, article_id)
    if article is None:
        return None
    return {
        **article,
        "countries": article_countries(session, article_id),
        "actors": article_actors(session, article_id),
        "statements": statements_of_article(session, article_id),
        "exercises": all_exercises(session, ExerciseFilters(article_id=article_id)),
    }
