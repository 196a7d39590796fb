"""Country queries: only countries some article mentions, most articles first."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from app.models import (
    Article,
    ArticleCountry,
    Country,
    Exercise,
    ExerciseParticipation,
    StatementCountry,
)
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    after_key,
    folded,
    order_by,
    page_total,
    split_page,
)

KEY_SPEC: tuple[KeyPart, ...] = ("int", "str", "str")


def list_countries(session: Session, q: str | None, limit: int, after: Keyset | None) -> PageResult:
    """One page of countries; article counts are as of the snapshot so the order holds."""
    if after is not None:
        snapshot = after.snapshot
    else:
        snapshot = {"a": session.scalar(select(func.max(Article.id))) or 0}
    mentioned = select(
        ArticleCountry.country_code,
        func.count().label("article_count"),
        func.sum(ArticleCountry.mentions).label("mention_count"),
    )
    if "a" in snapshot:
        mentioned = mentioned.where(ArticleCountry.article_id <= snapshot["a"])
    counts = mentioned.group_by(ArticleCountry.country_code).subquery()
    ranked = select(Country.code, Country.iso3, Country.name, counts.c.article_count).join(
        counts, counts.c.country_code == Country.code
    )
    if (key := folded(q)) is not None:
        ranked = ranked.where(Country.name_key.contains(key, autoescape=True))
    ranked_sq = ranked.subquery()
    total = page_total(
        after, lambda: session.scalar(select(func.count()).select_from(ranked_sq)) or 0
    )
    snapshot = {**snapshot, "t": total}
    sort = (
        SortColumn(ranked_sq.c.article_count, "desc"),
        SortColumn(ranked_sq.c.name, "asc"),
        SortColumn(ranked_sq.c.code, "asc"),
    )
    stmt = select(ranked_sq)
    if after is not None:
        stmt = stmt.where(after_key(sort, after.key))
    rows = session.execute(stmt.order_by(*order_by(sort)).limit(limit + 1)).all()
    page, next_keyset = split_page(
        rows, limit, lambda r: (r.article_count, r.name, r.code), snapshot
    )
    return PageResult(items=country_items(session, page), total=total, next=next_keyset)


def get_country(session: Session, code: str) -> dict[str, Any] | None:
    row = session.execute(
        select(Country.code, Country.iso3, Country.name).where(Country.code == code.upper())
    ).first()
    return country_items(session, [row])[0] if row is not None else None


def country_items(session: Session, rows: Sequence[AnyRow]) -> list[dict[str, Any]]:
    """Country items with their four counts, one grouped query per count for the whole page."""
    codes = [row.code for row in rows]
    if not codes:
        return []
    articles: dict[str, tuple[int, int]] = {
        code: (n, mentions or 0)
        for code, n, mentions in session.execute(
            select(ArticleCountry.country_code, func.count(), func.sum(ArticleCountry.mentions))
            .where(ArticleCountry.country_code.in_(codes))
            .group_by(ArticleCountry.country_code)
        )
    }
    statements: dict[str, int] = {
        code: n
        for code, n in session.execute(
            select(StatementCountry.country_code, func.count())
            .where(StatementCountry.country_code.in_(codes))
            .group_by(StatementCountry.country_code)
        )
    }
    involved = union(
        select(Exercise.host_country_code.label("code"), Exercise.id.label("exercise_id")).where(
            Exercise.host_country_code.in_(codes)
        ),
        select(ExerciseParticipation.country_code, ExerciseParticipation.exercise_id).where(
            ExerciseParticipation.country_code.in_(codes)
        ),
    ).subquery()
    exercises: dict[str, int] = {
        code: n
        for code, n in session.execute(
            select(involved.c.code, func.count()).group_by(involved.c.code)
        )
    }
    return [
        {
            "code": row.code,
            "iso3": row.iso3,
            "name": row.name,
            "article_count": articles.get(row.code, (0, 0))[0],
            "mention_count": articles.get(row.code, (0, 0))[1],
            "statement_count": statements.get(row.code, 0),
            "exercise_count": exercises.get(row.code, 0),
        }
        for row in rows
    ]
