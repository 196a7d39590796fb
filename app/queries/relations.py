"""How entities relate: people quoted in an actor's articles, the articles and editions of an
exercise, and the countries that exercise with a country. Each is a few grouped queries over
the link tables, counted in SQL."""

from typing import Any

from sqlalchemy import Select, distinct, func, select, union
from sqlalchemy.orm import Session

from app.core.models import (
    Actor,
    Article,
    ArticleExercise,
    Country,
    Exercise,
    ExerciseParticipation,
    Statement,
)
from app.queries.articles import ITEM_COLUMNS, SORT, article_items
from app.queries.common import order_by


def co_quoted(session: Session, actor_id: int, size: int) -> tuple[int, list[dict[str, Any]]]:
    """Other speakers with statements in the articles where `actor_id` has one: how many such
    speakers in all, and the `size` sharing most articles (then most statements there, name)."""
    shared = select(Statement.article_id).where(Statement.speaker_id == actor_id)
    others = (
        select(
            Statement.speaker_id.label("id"),
            func.count(distinct(Statement.article_id)).label("article_count"),
            func.count().label("statement_count"),
        )
        .where(
            Statement.article_id.in_(shared),
            Statement.speaker_id.is_not(None),
            Statement.speaker_id != actor_id,
        )
        .group_by(Statement.speaker_id)
        .subquery()
    )
    total = session.scalar(select(func.count()).select_from(others)) or 0
    rows = session.execute(
        select(Actor.id, Actor.name, Actor.kind, others.c.article_count, others.c.statement_count)
        .join(others, others.c.id == Actor.id)
        .order_by(
            others.c.article_count.desc(), others.c.statement_count.desc(), Actor.name, Actor.id
        )
        .limit(size)
    )
    return total, [dict(row._mapping) for row in rows]


def _reports(exercise_id: int) -> Select[int, int | None, int | None]:
    """(article_id, year, month) of every article reporting the exercise, by its own line or
    by the participations it lists (one row per distinct triple)."""
    return union(
        select(ArticleExercise.article_id, ArticleExercise.year, ArticleExercise.month).where(
            ArticleExercise.exercise_id == exercise_id
        ),
        select(
            ExerciseParticipation.article_id,
            ExerciseParticipation.year,
            ExerciseParticipation.month,
        ).where(ExerciseParticipation.exercise_id == exercise_id),
    )  # type: ignore[return-value]


def exercise_editions(session: Session, exercise_id: int) -> list[dict[str, Any]]:
    """The exercise's editions by year, oldest first (undated reports last): how many articles
    report each, the months they give and the countries taking part."""
    reports = _reports(exercise_id).subquery()
    editions: dict[int | None, dict[str, Any]] = {}
    for year, articles in session.execute(
        select(reports.c.year, func.count(distinct(reports.c.article_id))).group_by(reports.c.year)
    ):
        editions[year] = {"year": year, "article_count": articles, "months": [], "countries": []}
    for year, month in session.execute(
        select(reports.c.year, reports.c.month)
        .where(reports.c.month.is_not(None))
        .distinct()
        .order_by(reports.c.month)
    ):
        editions[year]["months"].append(month)
    for year, code in session.execute(
        select(ExerciseParticipation.year, ExerciseParticipation.country_code)
        .where(ExerciseParticipation.exercise_id == exercise_id)
        .distinct()
        .order_by(ExerciseParticipation.country_code)
    ):
        editions[year]["countries"].append(code)
    return sorted(editions.values(), key=lambda e: (e["year"] is None, e["year"] or 0))


def exercise_articles(
    session: Session, exercise_id: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """How many articles report the exercise, and the newest `limit` of them as article items
    with the edition each reports (`year`, `month`: the first it gives, or null)."""
    reports = _reports(exercise_id).subquery()
    total = (
        session.scalar(select(func.count(distinct(reports.c.article_id))).select_from(reports)) or 0
    )
    edition: dict[int, tuple[int | None, int | None]] = {}
    for article_id, year, month in session.execute(
        select(reports.c.article_id, reports.c.year, reports.c.month).order_by(
            reports.c.article_id, reports.c.year.is_(None), reports.c.year, reports.c.month
        )
    ):
        edition.setdefault(article_id, (year, month))
    rows = session.execute(
        select(*ITEM_COLUMNS)
        .where(Article.id.in_(select(reports.c.article_id)))
        .order_by(*order_by(SORT))
        .limit(limit)
    ).all()
    items = article_items(session, rows)
    for item in items:
        item["year"], item["month"] = edition[item["id"]]
    return total, items


def _involvements() -> Any:
    """(code, exercise_id) of every country hosting or taking part in an exercise."""
    return union(
        select(Exercise.host_country_code.label("code"), Exercise.id.label("exercise_id")).where(
            Exercise.host_country_code.is_not(None)
        ),
        select(ExerciseParticipation.country_code, ExerciseParticipation.exercise_id),
    ).subquery()


def exercise_partners(session: Session, code: str, size: int) -> tuple[int, list[dict[str, Any]]]:
    """Countries hosting or taking part in the exercises `code` hosts or takes part in: how
    many in all, and the `size` sharing most exercises with it (then by name)."""
    involved, theirs = _involvements(), _involvements()
    mine = select(theirs.c.exercise_id).where(theirs.c.code == code)
    shared = func.count(distinct(involved.c.exercise_id)).label("exercise_count")
    partners = (
        select(involved.c.code, shared)
        .where(involved.c.exercise_id.in_(mine), involved.c.code != code)
        .group_by(involved.c.code)
        .subquery()
    )
    total = session.scalar(select(func.count()).select_from(partners)) or 0
    rows = session.execute(
        select(Country.code, Country.name, partners.c.exercise_count)
        .join(partners, partners.c.code == Country.code)
        .order_by(partners.c.exercise_count.desc(), Country.name, Country.code)
        .limit(size)
    )
    return total, [dict(row._mapping) for row in rows]
