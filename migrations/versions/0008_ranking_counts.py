"""counts that rank actors and countries, kept by triggers

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 18:00:00

The actor list is ranked by statement count and the country list by article count. Counted at
request time, the first page of either grouped every statement (a million of them at scale) or
every country link: 300 ms to 1 s. `actor.statement_count` and `country.article_count` now hold
those counts, and `actor.article_count`, `country.mention_count` and `country.statement_count`
the other counts their items show (the most quoted actors are named in thousands of articles,
the most named countries in tens of thousands).

Triggers keep them whatever writes (the ingester, a bulk copy, SQL by hand): a row inserted,
deleted or moved in `statement`, `article_actor`, `article_country` or `statement_country` adds
or takes one (the mentions: its `mentions`). The lists read them while no row is newer than the
walk's snapshot, which holds unless articles are being ingested during the walk
(app/queries/actors.py, app/queries/countries.py).

On PostgreSQL, `ix_article_newest` serves the article list's order (newest first, undated last);
SQLite walks `ix_article_published_at` backwards in that order.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.core.counts import COUNTERS, recount_sql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_triggers(
    table: str, ref: str, target: str, key: str, column: str, amount: str | None
) -> list[str]:
    def step(row: str, sign: str) -> str:
        add = f"{row}.{amount}" if amount else "1"
        return f"UPDATE {target} SET {column} = {column} {sign} {add} WHERE {key} = {row}.{ref};"

    name = f"{table}_{column}"
    moved = f"OLD.{ref} IS NOT NEW.{ref}" + (
        f" OR OLD.{amount} IS NOT NEW.{amount}" if amount else ""
    )
    watched = ref + (f", {amount}" if amount else "")
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} WHEN NEW.{ref} IS NOT NULL "
        f"BEGIN {step('NEW', '+')} END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} WHEN OLD.{ref} IS NOT NULL "
        f"BEGIN {step('OLD', '-')} END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {table} "
        f"WHEN {moved} BEGIN {step('OLD', '-')} {step('NEW', '+')} END",
    ]


def _postgres_triggers(
    table: str, ref: str, target: str, key: str, column: str, amount: str | None
) -> list[str]:
    name = f"{table}_{column}"
    same = f"OLD.{ref} IS NOT DISTINCT FROM NEW.{ref}" + (
        f" AND OLD.{amount} IS NOT DISTINCT FROM NEW.{amount}" if amount else ""
    )
    watched = ref + (f", {amount}" if amount else "")
    old, new = (f"OLD.{amount}", f"NEW.{amount}") if amount else ("1", "1")
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' AND {same} THEN RETURN NULL; END IF; "
        f"IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.{ref} IS NOT NULL THEN "
        f"UPDATE {target} SET {column} = {column} - {old} WHERE {key} = OLD.{ref}; END IF; "
        f"IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.{ref} IS NOT NULL THEN "
        f"UPDATE {target} SET {column} = {column} + {new} WHERE {key} = NEW.{ref}; END IF; "
        "RETURN NULL; END $$",
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}()",
        f"CREATE FUNCTION {name}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"UPDATE {target} SET {column} = 0 WHERE {column} <> 0; RETURN NULL; END $$",
        f"CREATE TRIGGER {name}_truncate AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}_truncate()",
    ]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for counter in COUNTERS:
        _table, _ref, target, _key, column, _amount = counter
        op.add_column(target, sa.Column(column, sa.Integer(), nullable=False, server_default="0"))
        op.execute(recount_sql(*counter))
        for sql in (_postgres_triggers if postgres else _sqlite_triggers)(*counter):
            op.execute(sql)
    op.create_index("ix_actor_rank", "actor", [sa.text("statement_count DESC"), "name", "id"])
    if postgres:  # SQLite walks ix_article_published_at backwards in this order
        op.execute(
            "CREATE INDEX ix_article_newest ON article "
            "(published_at DESC NULLS LAST, id DESC NULLS LAST)"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP INDEX ix_article_newest")
    op.drop_index("ix_actor_rank", table_name="actor")
    for table, _ref, target, _key, column, _amount in COUNTERS:
        name = f"{table}_{column}"
        if postgres:
            op.execute(f"DROP TRIGGER {name} ON {table}")
            op.execute(f"DROP TRIGGER {name}_truncate ON {table}")
            op.execute(f"DROP FUNCTION {name}()")
            op.execute(f"DROP FUNCTION {name}_truncate()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER {name}_{suffix}")
        with op.batch_alter_table(target) as batch:
            batch.drop_column(column)
