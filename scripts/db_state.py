"""What the database of a crash or concurrency run holds: emptied tables, row counts, a snapshot
by content, and integrity checks. Works on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from typing import Any

from locations import REPO
from sqlalchemy import Connection, Engine, text

sys.path.insert(0, str(REPO))

from app.core.db import make_engine  # noqa: E402
from app.core.migrate import upgrade_head  # noqa: E402

# Children first; `country` keeps the ISO rows the migration loads.
DATA_TABLES = [
    "exercise_participation",
    "article_exercise",
    "exercise_alias",
    "exercise",
    "statement_country",
    "statement",
    "article_country",
    "article_actor",
    "actor_alias",
    "actor",
    "article",
]

# An article's rows, by content (`:a` its id).
_STATEMENTS = (
    "SELECT s.position, s.kind, s.text, coalesce(p.kind || ':' || p.key,"
    " '') FROM statement s LEFT JOIN actor p ON p.id = s.speaker_id"
    " WHERE s.article_id = :a"
)
_ACTORS = (
    "SELECT a.kind, a.key FROM article_actor l JOIN actor a"
    " ON a.id = l.actor_id WHERE l.article_id = :a"
)
_COUNTRIES = "SELECT country_code, mentions FROM article_country WHERE article_id = :a"
_EXERCISES = (
    "SELECT e.key FROM article_exercise l JOIN exercise e"
    " ON e.id = l.exercise_id WHERE l.article_id = :a"
)

ORPHANS = {
    "statement without article": "SELECT count(*) FROM statement s "
    "WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.id = s.article_id)",
    "statement_country without statement": "SELECT count(*) FROM statement_country x "
    "WHERE NOT EXISTS (SELECT 1 FROM statement s WHERE s.id = x.statement_id)",
    "article_actor without article or actor": "SELECT count(*) FROM article_actor x "
    "WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.id = x.article_id) "
    "OR NOT EXISTS (SELECT 1 FROM actor p WHERE p.id = x.actor_id)",
    "article_country without article": "SELECT count(*) FROM article_country x "
    "WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.id = x.article_id)",
    "article_exercise without article or exercise": "SELECT count(*) FROM article_exercise x "
    "WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.id = x.article_id) "
    "OR NOT EXISTS (SELECT 1 FROM exercise e WHERE e.id = x.exercise_id)",
    "actor linked to no article": "SELECT count(*) FROM actor p "
    "WHERE NOT EXISTS (SELECT 1 FROM article_actor x WHERE x.actor_id = p.id)",
    "exercise linked to no article": "SELECT count(*) FROM exercise e "
    "WHERE NOT EXISTS (SELECT 1 FROM article_exercise x WHERE x.exercise_id = e.id)",
    "duplicate actor": "SELECT count(*) FROM (SELECT kind, key FROM actor "
    "GROUP BY kind, key HAVING count(*) > 1) d",
    "duplicate exercise": "SELECT count(*) FROM (SELECT key FROM exercise "
    "GROUP BY key HAVING count(*) > 1) d",
    "duplicate article": "SELECT count(*) FROM (SELECT external_id FROM article "
    "GROUP BY external_id HAVING count(*) > 1) d",
}


def engine_for(url: str) -> Engine:
    return make_engine(url, pooled=False)


def prepare(url: str) -> None:
    """The schema up to date and every data table empty."""
    upgrade_head(url)
    engine = engine_for(url)
    try:
        with engine.begin() as conn:
            for table in DATA_TABLES:
                conn.execute(text(f"DELETE FROM {table}"))  # fixed table names, no input
    finally:
        engine.dispose()


def counts(url: str) -> dict[str, int]:
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            return {
                t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                for t in DATA_TABLES
            }
    finally:
        engine.dispose()


def article_rows(conn: Connection, article_id: int) -> dict[str, Any]:
    """One article's statements with speakers, actors, countries and exercises, by content."""
    params = {"a": article_id}

    def rows(query: str) -> Any:
        return conn.execute(text(query), params)

    return {
        "statements": sorted(tuple(map(str, row)) for row in rows(_STATEMENTS)),
        "actors": sorted(f"{kind}:{key}" for kind, key in rows(_ACTORS)),
        "countries": sorted(f"{code}:{n}" for code, n in rows(_COUNTRIES)),
        "exercises": sorted(key for (key,) in rows(_EXERCISES)),
    }


def snapshot(url: str) -> dict[str, Any]:
    """What the database holds, by content rather than by id: per article (by its external id)
    its statements with speakers, actors, countries and exercises; the sets of actors and
    exercises; the row count of every table."""
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            articles = {
                str(external_id or digest): article_rows(conn, article_id)
                for article_id, external_id, digest in conn.execute(
                    text("SELECT id, external_id, content_hash FROM article")
                )
            }
            actor_set = sorted(
                f"{k}:{key}" for k, key in conn.execute(text("SELECT kind, key FROM actor"))
            )
            exercise_set = sorted(key for (key,) in conn.execute(text("SELECT key FROM exercise")))
        return {
            "articles": articles,
            "actors": actor_set,
            "exercises": exercise_set,
            "counts": counts(url),
        }
    finally:
        engine.dispose()


def differences(now: dict[str, Any], reference: dict[str, Any]) -> list[str]:
    """The actor and exercise sets and row counts of snapshot `now` that differ from the
    reference's, one line each."""
    return [
        f"  {key}: {now[key]} != {reference[key]}"
        for key in ("actors", "exercises", "counts")
        if now[key] != reference[key]
    ]


def integrity_problems(url: str, reference: dict[str, Any]) -> list[str]:
    """What is wrong with the database now: SQLite's own checks, orphans and duplicates, and any
    stored article whose rows differ from the reference's (half stored)."""
    problems = []
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            if url.startswith("sqlite"):
                (ok,) = conn.execute(text("PRAGMA integrity_check")).one()
                if ok != "ok":
                    problems.append(f"integrity_check: {ok}")
                fk = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                if fk:
                    problems.append(f"foreign_key_check: {fk[:5]}")
            for label, query in ORPHANS.items():
                found = int(conn.execute(text(query)).scalar_one())
                if found:
                    problems.append(f"{label}: {found}")
    finally:
        engine.dispose()
    now = snapshot(url)
    for key, stored in now["articles"].items():
        if stored != reference["articles"].get(key):
            problems.append(f"article {key} differs from an uninterrupted run (half stored)")
    return problems
