"""Country queries: only countries some article mentions, most articles first."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select, union
from sqlalchemy.orm import Session

from app.core.models import (
    Article,
    ArticleCountry,
    Country,
    Exercise,
    ExerciseParticipation,
)
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    as_of_snapshot,
    counted_snapshot,
    first_snapshot,
    folded,
    page_rows,
    paginate,
)

KEY_SPEC: tuple[KeyPart, ...] = ("int", "str", "str")


def list_countries(session: Session, q: str | None, limit: int, after: Keyset | None) -> PageResult:
    """One page of countries; article counts are as of the snapshot so the order holds. They
    are read from `country.article_count` (kept by triggers, migration 0008) while no article is
    newer than the snapshot, and counted up to the snapshot otherwise."""
    snapshot = first_snapshot(session, after, a=Article.id)
    upto = snapshot.get("a")
    stored = select(Country.code, Country.iso3, Country.name, Country.article_count).where(
        Country.article_count > 0
    )

    def counted() -> PageResult:
        counts = (
            select(ArticleCountry.country_code, func.count().label("article_count"))
            .where(ArticleCountry.article_id <= upto)
            .group_by(ArticleCountry.country_code)
            .subquery()
        )
        ranked = select(Country.code, Country.iso3, Country.name, counts.c.article_count).join(
            counts, counts.c.country_code == Country.code
        )
        return _page(session, ranked, q, limit, after, snapshot)

    return as_of_snapshot(
        session,
        Article.id,
        upto,
        lambda: _page(session, stored, q, limit, after, snapshot),
        counted,
    )


def _page(
    session: Session,
    ranked: Select[str, str, str, int],
    q: str | None,
    limit: int,
    after: Keyset | None,
    snapshot: dict[str, int],
) -> PageResult:
    """A page of `ranked` (code, iso3, name, article_count), most articles first."""
    if (key := folded(q)) is not None:
        ranked = ranked.where(Country.name_key.contains(key, autoescape=True))
    ranked_sq = ranked.subquery()
    count = select(func.count()).select_from(ranked_sq)
    snapshot = counted_snapshot(snapshot, after, lambda: session.scalar(count) or 0)
    sort = (
        SortColumn(ranked_sq.c.article_count, "desc"),
        SortColumn(ranked_sq.c.name, "asc"),
        SortColumn(ranked_sq.c.code, "asc"),
    )
    rows = page_rows(session, select(ranked_sq), sort, limit, after)
    return paginate(
        session, rows, limit, snapshot, lambda r: (r.article_count, r.name, r.code), country_items
    )


def get_country(session: Session, code: str) -> dict[str, Any] | None:
    row = session.execute(
        select(Country.code, Country.iso3, Country.name).where(Country.code == code.upper())
    ).first()
    return country_items(session, [row])[0] if row is not None else None


def country_items(session: Session, rows: Sequence[AnyRow]) -> list[dict[str, Any]]:
    """Country items: three counts from the columns migration 0008's triggers keep, and the
    exercises from one grouped query for the whole page."""
    codes = [row.code for row in rows]
    if not codes:
        return []
    counts = {
        code: (articles, mentions, statements)
        for code, articles, mentions, statements in session.execute(
            select(
                Country.code, Country.article_count, Country.mention_count, Country.statement_count
            ).where(Country.code.in_(codes))
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
            "article_count": counts.get(row.code, (0, 0, 0))[0],
            "mention_count": counts.get(row.code, (0, 0, 0))[1],
            "statement_count": counts.get(row.code, (0, 0, 0))[2],
            "exercise_count": exercises.get(row.code, 0),
        }
        for row in rows
    ]
