"""article.extractor_version: which extractor produced an article's stored extraction

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article") as batch_op:
        batch_op.add_column(sa.Column("extractor_version", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch_op:
        batch_op.drop_column("extractor_version")
