"""make_scale_db.py's target database: the tables and columns copied, the target made empty,
rows written in bulk (DB-API executemany on SQLite, COPY on PostgreSQL) with the per-row
triggers and the substring index set aside meanwhile, then the stored counts, checks and
statistics of a finished build."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.core.counts import COUNTERS, recount_sql
from app.core.db import make_engine

# Tables in foreign-key order, with the columns copied.
TABLES: dict[str, tuple[str, ...]] = {
    "article": (
        "id", "content_hash", "external_id", "url", "title", "body", "search_key", "source",
        "source_key", "translated_from", "published_at", "ingested_at", "extractor_version",
    ),
    "actor": ("id", "name", "kind", "key", "title", "country_code", "organization_id"),
    "actor_alias": ("id", "actor_id", "alias", "alias_key"),
    "article_actor": ("article_id", "actor_id", "title", "mentions"),
    "exercise": ("id", "name", "key", "kind", "frequency", "host_country_code"),
    "exercise_alias": ("id", "exercise_id", "alias", "alias_key"),
    "article_exercise": ("article_id", "exercise_id", "year", "month"),
    "exercise_participation": (
        "id", "exercise_id", "country_code", "role", "year", "month", "article_id",
    ),
    "article_country": ("article_id", "country_code", "mentions"),
    "statement": (
        "id", "article_id", "speaker_id", "speaker_title", "text", "text_key", "kind", "cue",
        "start", "end", "position", "speaker_mention", "speaker_mention_key",
        "speaker_mention_start", "speaker_mention_end", "speaker_mention_kind",
    ),
    "statement_country": ("statement_id", "country_code"),
}  # fmt: skip
# Columns computed here rather than copied from the seed (written after the TABLES columns).
COMPUTED: dict[str, tuple[str, ...]] = {
    "actor": ("surname_key",),
    "actor_alias": ("surname_key",),
    "statement": ("sort_date",),
}
ID_TABLES = ("article", "actor", "actor_alias", "exercise", "exercise_participation", "statement")
SHARED_TABLES = ("exercise", "exercise_alias")  # written once, linked from every copy


def quote(column: str) -> str:
    return f'"{column}"'


def prepare_target(url: str, force: bool) -> None:
    """Refuse (unless `force`) a target that holds articles; with `force`, empty it."""
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        if path.exists():
            if not force:
                raise SystemExit(f"{path} exists; pass --force to replace it")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    database = make_url(url).database
    if database in {"test", "postgres", "template0", "template1"}:
        raise SystemExit(f"refusing to build into database {database!r}: use a dedicated one")
    engine = make_engine(url, pooled=False)
    try:
        with engine.begin() as conn:
            has = conn.scalar(text("SELECT to_regclass('public.article') IS NOT NULL"))
            if has:
                if not force:
                    raise SystemExit(f"database {database!r} has tables; pass --force")
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def fast_sqlite(con: Any) -> None:
    """SQLite set for a bulk load: no foreign key checks (on again in `finish`), no syncs,
    a large cache, temporary tables in memory."""
    for pragma in (
        "PRAGMA foreign_keys=OFF",
        "PRAGMA synchronous=OFF",
        "PRAGMA cache_size=-1000000",
        "PRAGMA temp_store=MEMORY",
    ):
        con.execute(pragma)


class SqliteWriter:
    """Rows by DB-API executemany, in one transaction until `commit`."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.con.execute("BEGIN")

    def write(self, name: str, rows: Iterable[tuple[Any, ...]]) -> None:
        cols = TABLES[name] + COMPUTED.get(name, ())
        sql = (
            f"INSERT INTO {name} ({', '.join(quote(c) for c in cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})"
        )
        self.con.executemany(sql, [tuple(_sqlite_value(v) for v in r) for r in rows])

    def commit(self) -> None:
        self.con.execute("COMMIT")
        self.con.execute("BEGIN")


def _sqlite_value(value: Any) -> Any:
    # Stored as SQLAlchemy stores them: ISO text.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class CopyWriter:
    """Rows by PostgreSQL COPY, in one transaction until `commit`."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def write(self, name: str, rows: Iterable[tuple[Any, ...]]) -> None:
        cols = ", ".join(quote(c) for c in TABLES[name] + COMPUTED.get(name, ()))
        with self.con.cursor() as cur, cur.copy(f"COPY {name} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def commit(self) -> None:
        self.con.commit()


def set_aside_sqlite(con: Any) -> Any:
    """Drop the statement insert triggers; the returned function rebuilds the FTS and puts
    them back."""
    triggers = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'statement' "
        "AND name LIKE '%\\_ai' ESCAPE '\\'"
    ).fetchall()
    for name, _ in triggers:
        con.execute(f"DROP TRIGGER {name}")
    has_fts = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'statement_fts'").fetchone()

    def restore() -> None:
        con.execute("COMMIT")
        con.execute("BEGIN")
        if has_fts:
            con.execute("INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')")
        for _, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
        con.execute("BEGIN")

    return restore


def set_aside_postgres(con: Any) -> Any:
    """Disable the statement insert trigger and drop the trigram index while copying."""
    with con.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'statement' "
            "AND indexdef LIKE '%gin_trgm_ops%'"
        )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f"DROP INDEX {name}")
        cur.execute("ALTER TABLE statement DISABLE TRIGGER USER")
    con.commit()

    def restore() -> None:
        with con.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '512MB'")
            for _, sql in indexes:
                cur.execute(sql)
            cur.execute("ALTER TABLE statement ENABLE TRIGGER USER")
        con.commit()

    return restore


def recount(con: Any, is_sqlite: bool) -> None:
    """The stored counts (app/core/counts.py) set from the rows: the statement triggers that keep
    them were set aside during the copy."""
    for counter in COUNTERS:
        if is_sqlite:
            con.execute(recount_sql(*counter))
        else:
            with con.cursor() as cur:
                cur.execute(recount_sql(*counter))
    if is_sqlite:
        con.execute("COMMIT")
        con.execute("BEGIN")
    else:
        con.commit()


def finish(con: Any, is_sqlite: bool, analyze: bool) -> None:
    """SQLite: foreign keys on and checked, ANALYZE if asked, WAL. PostgreSQL: the id sequences
    past the copied ids, then VACUUM ANALYZE (as autovacuum would)."""
    if is_sqlite:
        con.execute("PRAGMA foreign_keys=ON")
        bad = con.execute("PRAGMA foreign_key_check").fetchmany(5)
        if bad:
            raise SystemExit(f"foreign key violations: {bad}")
        if analyze:
            con.execute("ANALYZE")
        con.execute("PRAGMA journal_mode=WAL")
        return
    with con.cursor() as cur:
        for t in ID_TABLES:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))"
            )
    con.commit()
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
