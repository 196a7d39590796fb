"""`dossier migrate` and `dossier serve`: the database schema and the HTTP API."""

import os
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from app.cli.common import DatabaseUrlOption, configure_logging
from app.core.config import get_settings
from app.core.db import resolve_database_url
from app.core.migrate import upgrade_head


def migrate(database_url: DatabaseUrlOption = None) -> None:
    """Bring the database schema up to date (alembic upgrade head)."""
    configure_logging()
    url = resolve_database_url(database_url)
    upgrade_head(url)
    typer.echo(
        f"Database schema is up to date: {make_url(url).render_as_string(hide_password=True)}"
    )


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to listen on (default: PORT, else 8000).", show_default=False)
    ] = int(os.environ.get("PORT", "8000")),
) -> None:
    """Serve the HTTP API with uvicorn."""
    import uvicorn

    uvicorn.run("app.main:app", host=host, port=port, log_level=get_settings().log_level.lower())
