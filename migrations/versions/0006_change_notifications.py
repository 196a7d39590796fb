"""change notifications on PostgreSQL

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 13:50:00

Every statement that writes a data table (INSERT, UPDATE, DELETE, TRUNCATE; by the ingester, by
hand, by anything) sends `NOTIFY dossier_data_changed` when its transaction commits (PostgreSQL
folds the notifications of one transaction into one). The API's response cache listens on a
connection of its own and counts them as its data version, so a cached answer needs no query
per request. SQLite needs none of this: `PRAGMA data_version` tells the same.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "dossier_data_changed"
TABLES = (
    "actor",
    "actor_alias",
    "article",
    "article_actor",
    "article_country",
    "article_exercise",
    "country",
    "exercise",
    "exercise_alias",
    "exercise_participation",
    "statement",
    "statement_country",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION dossier_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION dossier_data_changed()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_data_changed ON {table}")
    op.execute("DROP FUNCTION dossier_data_changed()")
