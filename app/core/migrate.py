"""Bring a database's schema up to date with the Alembic history shipped in the package tree."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from app.core.db import normalise_url

ROOT = Path(__file__).resolve().parents[2]


def alembic_config(database_url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    # `%` is ConfigParser's interpolation character; URLs may contain it (encoded passwords).
    cfg.set_main_option("sqlalchemy.url", normalise_url(database_url).replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


def upgrade_head(database_url: str) -> None:
    """Run `alembic upgrade head` against `database_url`."""
    command.upgrade(alembic_config(database_url), "head")
