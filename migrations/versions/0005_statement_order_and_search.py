"""statement sort date, ordered indexes, substring search indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 01:40:00

- `statement.sort_date`: the article's `published_at`, or 0001-01-01 when it has none (so that
  the default order "article newest first, undated last" is one NOT NULL column), filled here
  for existing rows, set by the store, and kept by triggers whatever writes (a statement
  inserted without it, an article whose `published_at` changes).
- `article.ingested_at` indexed: its maximum is part of the data version that keys cached totals.
- Indexes in the default order of statements, alone and after `speaker_id`, so that a page is an
  index range rather than a join and a sort of every matching row. The latter replaces
  `ix_statement_speaker_id` (its prefix), which planners preferred with a sort after it.
- `statement.text_key` substring search (`q`): on SQLite an FTS5 trigram index (external
  content, kept by triggers), on PostgreSQL a pg_trgm GIN index; both answer the same substring
  semantics as `LIKE '%q%'` for needles of three characters or more.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNDATED = "0001-01-01"

SQLITE_SORT_DATE = [
    "CREATE TRIGGER statement_sort_date_ai AFTER INSERT ON statement "
    "WHEN new.sort_date IS NOT coalesce("
    f"(SELECT published_at FROM article WHERE id = new.article_id), '{UNDATED}') BEGIN "
    "UPDATE statement SET sort_date = coalesce("
    f"(SELECT published_at FROM article WHERE id = new.article_id), '{UNDATED}') "
    "WHERE id = new.id; END",
    "CREATE TRIGGER statement_sort_date_au AFTER UPDATE OF article_id, sort_date ON statement "
    "WHEN new.sort_date IS NOT coalesce("
    f"(SELECT published_at FROM article WHERE id = new.article_id), '{UNDATED}') BEGIN "
    "UPDATE statement SET sort_date = coalesce("
    f"(SELECT published_at FROM article WHERE id = new.article_id), '{UNDATED}') "
    "WHERE id = new.id; END",
    "CREATE TRIGGER article_sort_date_au AFTER UPDATE OF published_at ON article "
    "WHEN new.published_at IS NOT old.published_at BEGIN "
    f"UPDATE statement SET sort_date = coalesce(new.published_at, '{UNDATED}') "
    "WHERE article_id = new.id; END",
]
POSTGRES_SORT_DATE = [
    "CREATE FUNCTION statement_sort_date() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.sort_date := coalesce((SELECT published_at FROM article WHERE id = NEW.article_id), "
    f"DATE '{UNDATED}'); RETURN NEW; END $$",
    "CREATE TRIGGER statement_sort_date BEFORE INSERT OR UPDATE OF article_id, sort_date "
    "ON statement FOR EACH ROW EXECUTE FUNCTION statement_sort_date()",
    "CREATE FUNCTION article_sort_date() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"UPDATE statement SET sort_date = coalesce(NEW.published_at, DATE '{UNDATED}') "
    "WHERE article_id = NEW.id; RETURN NULL; END $$",
    "CREATE TRIGGER article_sort_date AFTER UPDATE OF published_at ON article FOR EACH ROW "
    "WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at) "
    "EXECUTE FUNCTION article_sort_date()",
]

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE statement_fts USING fts5("
    "text_key, content='statement', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER statement_fts_ai AFTER INSERT ON statement BEGIN "
    "INSERT INTO statement_fts(rowid, text_key) VALUES (new.id, new.text_key); END",
    "CREATE TRIGGER statement_fts_ad AFTER DELETE ON statement BEGIN "
    "INSERT INTO statement_fts(statement_fts, rowid, text_key) "
    "VALUES ('delete', old.id, old.text_key); END",
    "CREATE TRIGGER statement_fts_au AFTER UPDATE OF text_key ON statement BEGIN "
    "INSERT INTO statement_fts(statement_fts, rowid, text_key) "
    "VALUES ('delete', old.id, old.text_key); "
    "INSERT INTO statement_fts(rowid, text_key) VALUES (new.id, new.text_key); END",
    "INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_date", sa.Date(), nullable=False, server_default=UNDATED)
        )
    op.execute(
        sa.text(
            "UPDATE statement SET sort_date = coalesce("
            "(SELECT a.published_at FROM article a WHERE a.id = statement.article_id), "
            f"'{UNDATED}')"
        )
    )
    op.create_index("ix_article_ingested_at", "article", ["ingested_at"])
    op.create_index(
        "ix_statement_order",
        "statement",
        [sa.text("sort_date DESC"), sa.text("article_id DESC"), "position", "id"],
    )
    op.create_index(
        "ix_statement_speaker_order",
        "statement",
        ["speaker_id", sa.text("sort_date DESC"), sa.text("article_id DESC"), "position", "id"],
    )
    op.drop_index("ix_statement_speaker_id", table_name="statement")
    if op.get_bind().dialect.name == "sqlite":
        for sql in SQLITE_SORT_DATE + SQLITE_FTS:
            op.execute(sa.text(sql))
    else:
        for sql in POSTGRES_SORT_DATE:
            op.execute(sa.text(sql))
        op.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        op.execute(
            sa.text(
                "CREATE INDEX ix_statement_text_key_trgm ON statement "
                "USING gin (text_key gin_trgm_ops)"
            )
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in (
            "statement_fts_ai",
            "statement_fts_ad",
            "statement_fts_au",
            "statement_sort_date_ai",
            "statement_sort_date_au",
            "article_sort_date_au",
        ):
            op.execute(sa.text(f"DROP TRIGGER IF EXISTS {name}"))
        op.execute(sa.text("DROP TABLE IF EXISTS statement_fts"))
    else:
        op.execute(sa.text("DROP INDEX IF EXISTS ix_statement_text_key_trgm"))
        op.execute(sa.text("DROP TRIGGER IF EXISTS statement_sort_date ON statement"))
        op.execute(sa.text("DROP TRIGGER IF EXISTS article_sort_date ON article"))
        op.execute(sa.text("DROP FUNCTION IF EXISTS statement_sort_date()"))
        op.execute(sa.text("DROP FUNCTION IF EXISTS article_sort_date()"))
    op.drop_index("ix_article_ingested_at", table_name="article")
    op.create_index("ix_statement_speaker_id", "statement", ["speaker_id"])
    op.drop_index("ix_statement_speaker_order", table_name="statement")
    op.drop_index("ix_statement_order", table_name="statement")
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_column("sort_date")
