"""actor and alias surname keys

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 01:20:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WORD = re.compile(r"[^\s.]+")


def _surname_key(key: str) -> str | None:
    # A frozen copy of app.core.names.surname_key over an already folded key.
    words = _WORD.findall(key)
    return words[-1][:100] if words else None


def upgrade() -> None:
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("surname_key", sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f("ix_actor_surname_key"), ["surname_key"], unique=False)
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.add_column(sa.Column("surname_key", sa.String(length=100), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_actor_alias_surname_key"), ["surname_key"], unique=False
        )
    conn = op.get_bind()
    persons = conn.execute(sa.text("SELECT id, key FROM actor WHERE kind = 'person'")).all()
    conn.execute(
        sa.text("UPDATE actor SET surname_key = :s WHERE id = :i"),
        [{"s": _surname_key(key), "i": id_} for id_, key in persons] or [{"s": None, "i": -1}],
    )
    aliases = conn.execute(
        sa.text(
            "SELECT a.id, a.alias_key FROM actor_alias a JOIN actor p ON p.id = a.actor_id"
            " WHERE p.kind = 'person'"
        )
    ).all()
    conn.execute(
        sa.text("UPDATE actor_alias SET surname_key = :s WHERE id = :i"),
        [{"s": _surname_key(key), "i": id_} for id_, key in aliases] or [{"s": None, "i": -1}],
    )


def downgrade() -> None:
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_alias_surname_key"))
        batch_op.drop_column("surname_key")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_surname_key"))
        batch_op.drop_column("surname_key")
