"""What the database holds: counts of every kind of row, and its top speakers and countries."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from app.core.models import (
    Actor,
    Article,
    ArticleActor,
    ArticleCountry,
    Country,
    Exercise,
    ExerciseParticipation,
    Statement,
    StatementCountry,
)


@dataclass
class DatabaseStats:
    counts: list[tuple[str, int]]  # (what, how many), in display order
    speakers: list[dict[str, Any]]  # name, kind, statements, articles
    countries: list[dict[str, Any]]  # code, name, articles, mentions, statements


def _count(session: Session, stmt: Any) -> int:
    return int(session.scalar(stmt) or 0)


def gather_stats(session: Session, top: int = 10) -> DatabaseStats:
    """Counts of every kind of row, then the `top` speakers and countries; grouped queries only."""
    return DatabaseStats(
        _row_counts(session), _top_speakers(session, top), _top_countries(session, top)
    )


def _row_counts(session: Session) -> list[tuple[str, int]]:
    n = func.count()
    return [
        ("Articles", _count(session, select(n).select_from(Article))),
        ("  with a publication date", _count(session, select(func.count(Article.published_at)))),
        ("Statements", _count(session, select(n).select_from(Statement))),
        ("  direct quotes", _count(session, select(n).where(Statement.kind == "direct"))),
        ("  reported speech", _count(session, select(n).where(Statement.kind == "indirect"))),
        ("  without a speaker", _count(session, select(n).where(Statement.speaker_id.is_(None)))),
        ("Actors", _count(session, select(n).select_from(Actor))),
        ("  people", _count(session, select(n).where(Actor.kind == "person"))),
        ("  organisations", _count(session, select(n).where(Actor.kind == "organization"))),
        ("Exercises", _count(session, select(n).select_from(Exercise))),
        (
            "  participations",
            _count(session, select(n).select_from(ExerciseParticipation)),
        ),
        (
            "Countries mentioned",
            _count(session, select(func.count(distinct(ArticleCountry.country_code)))),
        ),
    ]


def _rows(session: Session, stmt: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in session.execute(stmt)]


def _with_counts(
    session: Session, rows: list[dict[str, Any]], name: str, column: Any, key: str
) -> list[dict[str, Any]]:
    """`rows`, each given `name`: how many rows of `column`'s table hold its `key` in `column`
    (one grouped query for them all)."""
    counts: dict[Any, int] = dict(
        session.execute(
            select(column, func.count())
            .where(column.in_([row[key] for row in rows]))
            .group_by(column)
        ).all()
    )
    for row in rows:
        row[name] = counts.get(row[key], 0)
    return rows


def _top_speakers(session: Session, top: int) -> list[dict[str, Any]]:
    """The `top` speakers by statements, with the articles naming them."""
    said = func.count().label("statements")
    speakers = _rows(
        session,
        select(Actor.id, Actor.name, Actor.kind, said)
        .join(Statement, Statement.speaker_id == Actor.id)
        .group_by(Actor.id, Actor.name, Actor.kind)
        .order_by(said.desc(), Actor.name, Actor.id)
        .limit(top),
    )
    return _with_counts(session, speakers, "articles", ArticleActor.actor_id, "id")


def _top_countries(session: Session, top: int) -> list[dict[str, Any]]:
    """The `top` countries by articles, with their mentions and the statements naming them."""
    in_articles = func.count().label("articles")
    countries = _rows(
        session,
        select(
            Country.code,
            Country.name,
            in_articles,
            func.sum(ArticleCountry.mentions).label("mentions"),
        )
        .join(ArticleCountry, ArticleCountry.country_code == Country.code)
        .group_by(Country.code, Country.name)
        .order_by(in_articles.desc(), Country.name, Country.code)
        .limit(top),
    )
    return _with_counts(session, countries, "statements", StatementCountry.country_code, "code")
