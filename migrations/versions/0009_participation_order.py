"""exercise participations in the order exercise items list them; country codes checked

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 20:30:00

An exercise item lists every participation of every report, ordered by article, role and
country. An exercise reported by thousands of articles has as many, and reading them meant a
sort of all of the page's participations (100 ms of an exercise page at scale on SQLite). This
index holds them in that order after the exercise, with every column the item shows.

The database writes those participations as JSON text (app/queries/exercises.py). On
PostgreSQL the text is assembled by hand, and a country code goes in between quote marks as it
is, which `to_json` on each made 40 % slower: the check `ck_country_code` holds every code to
two capital letters, as the ISO rows migration 0001 loads are. (SQLite writes the text with
json_object, which escapes.)
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_exercise_participation_order",
        "exercise_participation",
        ["exercise_id", "article_id", "role", "country_code", "year", "month"],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE country ADD CONSTRAINT ck_country_code CHECK (code ~ '^[A-Z]{2}$')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE country DROP CONSTRAINT ck_country_code")
    op.drop_index("ix_exercise_participation_order", table_name="exercise_participation")
