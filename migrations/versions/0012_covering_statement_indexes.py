"""statement indexes that hold what the list's filters test

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 00:20:00

A filter that matches many statements is served by walking `ix_statement_order` and testing
each row; a kind or an organisation's members were tested on the table's row, read for every
entry walked (57 ms for the indirect statements of one country at 1M statements, about 7,000
rows read). The order index now also holds `kind` and `speaker_id` after its key (the order is
unchanged: `id` is unique), so those tests and the capped totals read the index alone.

A country's statements were found by `ix_statement_country_country_code`, whose entries name
the row and not the statement, so that each match read the table too; the new index holds the
statement id beside the code.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDER = [sa.text("sort_date DESC"), sa.text("article_id DESC"), "position", "id"]


def upgrade() -> None:
    op.drop_index("ix_statement_order", table_name="statement")
    op.create_index("ix_statement_order", "statement", [*ORDER, "kind", "speaker_id"])
    op.drop_index("ix_statement_country_country_code", table_name="statement_country")
    op.create_index(
        "ix_statement_country_code_statement", "statement_country", ["country_code", "statement_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_statement_country_code_statement", table_name="statement_country")
    op.create_index("ix_statement_country_country_code", "statement_country", ["country_code"])
    op.drop_index("ix_statement_order", table_name="statement")
    op.create_index("ix_statement_order", "statement", ORDER)
