"""every statement keeps its speaker mention as written

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 09:00:00

The words that name a statement's speaker in the article ("Defence Minister Nurlan Yermekbayev",
"he", "a spokesperson for the ministry"), with their offsets into the body and the kind of
speaker they describe (person, organization or group). Where no named actor is the speaker the
mention is the only identification the article gives, so `speaker_mention_key` (folded) lets
`speaker=` find it. Statements stored before this revision have no mention until their article
is ingested again (the extractor version changes with it, so a re-ingest extracts them again).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("speaker_mention", sa.String(300)),
    ("speaker_mention_key", sa.String(300)),
    ("speaker_mention_start", sa.Integer()),
    ("speaker_mention_end", sa.Integer()),
    ("speaker_mention_kind", sa.String(20)),
)


def upgrade() -> None:
    # Plain ALTER TABLE on both databases: a batch copy would drop the statement triggers.
    for name, type_ in COLUMNS:
        op.add_column("statement", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column("statement", name)
