"""exercise aliases

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 22:36:47.911064
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exercise_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("alias_key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercise.id"],
            name=op.f("fk_exercise_alias_exercise_id_exercise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_alias")),
        sa.UniqueConstraint("exercise_id", "alias_key", name="uq_exercise_alias_exercise_key"),
    )
    with op.batch_alter_table("exercise_alias", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercise_alias_alias_key"), ["alias_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("exercise_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_alias_alias_key"))

    op.drop_table("exercise_alias")
