"""`dossier stats`: what the database holds, and its top speakers and countries, as tables."""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.db import make_engine, resolve_database_url
from app.queries.stats import DatabaseStats, gather_stats


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
    engine: Engine = make_engine(resolve_database_url(database_url), pooled=False)
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
