"""a described speaker keeps the organisation its description names

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 20:30:00

"A spokesperson for the ministry said": no actor is the speaker, the mention is the description,
and the ministry it names is linked by `speaker_mention_organization_id` (an actor of the same
article). Statements stored before this revision have no link until their article is ingested
again (the extractor version changes with it, so a re-ingest extracts them again).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMN = "speaker_mention_organization_id"


def upgrade() -> None:
    # A plain ALTER TABLE on both databases (a batch copy would drop the statement triggers);
    # SQLite takes a REFERENCES clause on a new NULL column, though Alembic will not write one.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE statement ADD COLUMN {COLUMN} INTEGER "
            "REFERENCES actor (id) ON DELETE SET NULL"
        )
        return
    op.add_column(
        "statement",
        sa.Column(
            COLUMN,
            sa.Integer(),
            sa.ForeignKey("actor.id", ondelete="SET NULL", name="fk_statement_mention_org"),
            nullable=True,
        ),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_statement_mention_org", "statement", type_="foreignkey")
    op.drop_column("statement", COLUMN)
