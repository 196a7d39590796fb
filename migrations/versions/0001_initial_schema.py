"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 21:50:11.889140
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _country_rows() -> list[dict[str, str]]:
    """Every ISO 3166-1 country, so that foreign keys to `country` always resolve."""
    import pycountry

    from app.core.text import fold

    rows = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        rows.append({"code": c.alpha_2, "iso3": c.alpha_3, "name": name, "name_key": fold(name)})
    return rows


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("source_key", sa.String(length=200), nullable=True),
        sa.Column("translated_from", sa.String(length=200), nullable=True),
        sa.Column("published_at", sa.Date(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_article_content_hash")),
        sa.UniqueConstraint("external_id", name=op.f("uq_article_external_id")),
        sa.UniqueConstraint("url", name=op.f("uq_article_url")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_source"), ["source"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_source_key"), ["source_key"], unique=False)

    op.create_table(
        "country",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("iso3", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_country")),
    )
    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_country_name_key"), ["name_key"], unique=False)

    op.create_table(
        "actor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('person', 'organization')", name=op.f("ck_actor_kind")),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_actor_country_code_country")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["actor.id"],
            name=op.f("fk_actor_organization_id_actor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("kind", "key", name="uq_actor_kind_key"),
    )
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_country_code"), ["country_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_actor_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "article_country",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_country_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_article_country_country_code_country")
        ),
        sa.PrimaryKeyConstraint("article_id", "country_code", name=op.f("pk_article_country")),
    )
    with op.batch_alter_table("article_country", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_country_country_code"), ["country_code"], unique=False
        )

    op.create_table(
        "exercise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=True),
        sa.Column("frequency", sa.String(length=50), nullable=True),
        sa.Column("host_country_code", sa.String(length=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["host_country_code"],
            ["country.code"],
            name=op.f("fk_exercise_host_country_code_country"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise")),
        sa.UniqueConstraint("key", name=op.f("uq_exercise_key")),
    )
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercise_host_country_code"), ["host_country_code"], unique=False
        )

    op.create_table(
        "actor_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("alias_key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_actor_alias_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_alias")),
        sa.UniqueConstraint("actor_id", "alias_key", name="uq_actor_alias_actor_key"),
    )
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_alias_alias_key"), ["alias_key"], unique=False)

    op.create_table(
        "article_actor",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_article_actor_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_actor_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "actor_id", name=op.f("pk_article_actor")),
    )
    with op.batch_alter_table("article_actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_actor_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "article_exercise",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("month", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_exercise_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercise.id"],
            name=op.f("fk_article_exercise_exercise_id_exercise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "exercise_id", name=op.f("pk_article_exercise")),
    )
    with op.batch_alter_table("article_exercise", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_exercise_exercise_id"), ["exercise_id"], unique=False
        )

    op.create_table(
        "exercise_participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("month", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('units', 'representatives', 'participant')",
            name=op.f("ck_exercise_participation_role"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_exercise_participation_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["country.code"],
            name=op.f("fk_exercise_participation_country_code_country"),
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercise.id"],
            name=op.f("fk_exercise_participation_exercise_id_exercise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_participation")),
        sa.UniqueConstraint(
            "exercise_id", "country_code", "role", "article_id", name="uq_exercise_participation"
        ),
    )
    with op.batch_alter_table("exercise_participation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercise_participation_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_exercise_participation_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_exercise_participation_year"), ["year"], unique=False)

    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_title", sa.String(length=500), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("cue", sa.String(length=100), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('direct', 'indirect')", name=op.f("ck_statement_kind")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_statement_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["actor.id"],
            name=op.f("fk_statement_speaker_id_actor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.create_index(
            "ix_statement_article_position", ["article_id", "position"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_statement_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_statement_speaker_id"), ["speaker_id"], unique=False)

    op.create_table(
        "statement_country",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["country.code"],
            name=op.f("fk_statement_country_country_code_country"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_country_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "country_code", name=op.f("pk_statement_country")),
    )
    with op.batch_alter_table("statement_country", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statement_country_country_code"), ["country_code"], unique=False
        )

    country = sa.table(
        "country",
        sa.column("code", sa.String),
        sa.column("iso3", sa.String),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
    )
    op.bulk_insert(country, _country_rows())


def downgrade() -> None:
    with op.batch_alter_table("statement_country", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_country_country_code"))

    op.drop_table("statement_country")
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_statement_kind"))
        batch_op.drop_index("ix_statement_article_position")

    op.drop_table("statement")
    with op.batch_alter_table("exercise_participation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_participation_year"))
        batch_op.drop_index(batch_op.f("ix_exercise_participation_country_code"))
        batch_op.drop_index(batch_op.f("ix_exercise_participation_article_id"))

    op.drop_table("exercise_participation")
    with op.batch_alter_table("article_exercise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_exercise_exercise_id"))

    op.drop_table("article_exercise")
    with op.batch_alter_table("article_actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_actor_actor_id"))

    op.drop_table("article_actor")
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_alias_alias_key"))

    op.drop_table("actor_alias")
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_host_country_code"))

    op.drop_table("exercise")
    with op.batch_alter_table("article_country", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_country_country_code"))

    op.drop_table("article_country")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_organization_id"))
        batch_op.drop_index(batch_op.f("ix_actor_country_code"))

    op.drop_table("actor")
    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_country_name_key"))

    op.drop_table("country")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_source_key"))
        batch_op.drop_index(batch_op.f("ix_article_source"))
        batch_op.drop_index(batch_op.f("ix_article_published_at"))

    op.drop_table("article")
