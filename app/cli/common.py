"""What the commands share: the database option and the log format."""

import logging
from typing import Annotated

import typer

from app.core.config import get_settings

DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL of the database; overrides DATABASE_URL (default sqlite:///./dossier.db).",
        show_default=False,
    ),
]


def configure_logging() -> None:
    logging.basicConfig(
        level=get_settings().log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
