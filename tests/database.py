"""The test database's data tables, and emptying them between tests."""

from sqlalchemy import Engine, text

from app.core.models import Base

# Children first; `country` keeps the ISO rows the migration loads.
DATA_TABLES = [t.name for t in reversed(Base.metadata.sorted_tables) if t.name != "country"]


def empty_database(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in DATA_TABLES:
            conn.execute(text(f"DELETE FROM {table}"))  # names from the model, no input
