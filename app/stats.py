"""`dossier stats`: what the database holds, and its top speakers and countries, as tables."""

from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, distinct, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import make_engine
from app.models import (
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
    n = func.count()
    counts = [
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
    said = func.count().label("statements")
    speakers = [
        dict(row._mapping)
        for row in session.execute(
            select(Actor.id, Actor.name, Actor.kind, said)
            .join(Statement, Statement.speaker_id == Actor.id)
            .group_by(Actor.id, Actor.name, Actor.kind)
            .order_by(said.desc(), Actor.name, Actor.id)
            .limit(top)
        )
    ]
    articles = dict(
        session.execute(
            select(ArticleActor.actor_id, func.count())
            .where(ArticleActor.actor_id.in_([s["id"] for s in speakers]))
            .group_by(ArticleActor.actor_id)
        ).all()
    )
    for speaker in speakers:
        speaker["articles"] = articles.get(speaker["id"], 0)
    in_articles = func.count().label("articles")
    countries = [
        dict(row._mapping)
        for row in session.execute(
            select(
                Country.code,
                Country.name,
                in_articles,
                func.sum(ArticleCountry.mentions).label("mentions"),
            )
            .join(ArticleCountry, ArticleCountry.country_code == Country.code)
            .group_by(Country.code, Country.name)
            .order_by(in_articles.desc(), Country.name, Country.code)
            .limit(top)
        )
    ]
    statements = dict(
        session.execute(
            select(StatementCountry.country_code, func.count())
            .where(StatementCountry.country_code.in_([c["code"] for c in countries]))
            .group_by(StatementCountry.country_code)
        ).all()
    )
    for country in countries:
        country["statements"] = statements.get(country["code"], 0)
    return DatabaseStats(counts, speakers, countries)


def render(stats: DatabaseStats, console: Console) -> None:
    totals = Table(title="Database", title_justify="left")
    totals.add_column("What")
    totals.add_column("Count", justify="right")
    for what, count in stats.counts:
        totals.add_row(what, f"{count:,}")
    console.print(totals)

    speakers = Table(title=f"Top {len(stats.speakers)} speakers", title_justify="left")
    for name, justify in (("#", "right"), ("Speaker", "left"), ("Kind", "left")):
        speakers.add_column(name, justify=justify)  # type: ignore[arg-type]
    speakers.add_column("Statements", justify="right")
    speakers.add_column("Articles", justify="right")
    for rank, s in enumerate(stats.speakers, start=1):
        speakers.add_row(
            str(rank), s["name"], s["kind"], f"{s['statements']:,}", f"{s['articles']:,}"
        )
    console.print(speakers)

    countries = Table(title=f"Top {len(stats.countries)} countries", title_justify="left")
    countries.add_column("#", justify="right")
    countries.add_column("Country")
    countries.add_column("Code")
    for column in ("Articles", "Mentions", "Statements"):
        countries.add_column(column, justify="right")
    for rank, c in enumerate(stats.countries, start=1):
        countries.add_row(
            str(rank),
            c["name"],
            c["code"],
            f"{c['articles']:,}",
            f"{c['mentions']:,}",
            f"{c['statements']:,}",
        )
    console.print(countries)


def stats_command(
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="SQLAlchemy URL of the database; overrides DATABASE_URL.",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int, typer.Option(min=1, max=100, help="How many speakers and countries to list.")
    ] = 10,
) -> None:
    """Show what the database holds: counts of everything, the top speakers and countries."""
    engine: Engine = make_engine(database_url or get_settings().database_url, pooled=False)
    try:
        with Session(engine) as session:
            stats = gather_stats(session, top)
    except DBAPIError as exc:
        typer.echo(
            f"Cannot read the database ({type(exc.orig).__name__}); "
            "is it migrated? Run `dossier migrate`.",
            err=True,
        )
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    render(stats, Console(width=max(100, Console().width)))
