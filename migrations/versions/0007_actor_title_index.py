"""an index of the titled links of actors

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 15:40:00

Storing an article sets the title of each actor it links to the title its articles give most
often, a count over that actor's links. Without this index the count read every link of the
actor, titled or not, and an organisation named in thousands of articles made every article that
names it slower to store. The partial index holds only the titled links, in the order of the
count, so the count reads the index alone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHERE = sa.text("title IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_article_actor_titles",
        "article_actor",
        ["actor_id", "title", "article_id"],
        sqlite_where=WHERE,
        postgresql_where=WHERE,
    )


def downgrade() -> None:
    op.drop_index("ix_article_actor_titles", table_name="article_actor")
