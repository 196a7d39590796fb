"""Helpers of the crash and concurrency tests: invented articles, ingest subprocesses, snapshots
of what the database holds, and integrity checks. Works on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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

_FIRST = ["Arlen", "Dana", "Marat", "Olga", "Timur", "Saule", "Bolat", "Aigerim"]
_LAST = ["Tokarev", "Sagynova", "Beketov", "Nurlanova", "Ospanov", "Zhumabek", "Kairat", "Temir"]
_COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Mongolia", "Turkey", "India", "France"]
_EXERCISES = ["Steppe Falcon", "Silver Bridge", "Northern Shield", "Blue Horizon"]


def make_articles(count: int) -> list[dict[str, Any]]:
    """`count` invented articles; people, countries and exercises recur across them, so that
    storing them touches the shared rows (actors, exercises) that concurrent ingests contend for.
    """
    articles = []
    for i in range(count):
        person = i // 2  # each person in two consecutive articles
        first, last = _FIRST[person % 8], _LAST[(person // 8 + person) % 8]
        home, guest = _COUNTRIES[i % len(_COUNTRIES)], _COUNTRIES[(i + 3) % len(_COUNTRIES)]
        exercise = _EXERCISES[i % len(_EXERCISES)]
        body = (
            f"Defence Minister {first} {last} of {home} said on day {i} of the talks that the "
            f"{exercise} exercise would begin next month with troops from {guest}.\n\n"
            f'"We are ready to host our partners from {guest}," {last} told reporters. '
            f"Officials from {guest} said the {exercise} drills would last two weeks.\n\n"
            f"Report number {i} closes with a note on the weather in {home}."
        )
        articles.append(
            {
                "id": f"robust-{i}",
                "title": f"{home} prepares {exercise} exercise ({i})",
                "body": body,
                "published_at": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            }
        )
    return articles


def write_jsonl(path: Path, articles: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def ingest_command(url: str, *paths: Path) -> list[str]:
    return [sys.executable, "-c", "from app.cli import main; main()", "ingest", "--no-progress",
            "--database-url", url, *map(str, paths)]  # fmt: skip


def ingest_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "DOSSIER_LOG_LEVEL": "warning"}


def run_ingest(url: str, *paths: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ingest_command(url, *paths), cwd=ROOT, env=ingest_env(), capture_output=True,
        text=True, timeout=timeout,
    )  # fmt: skip


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


def snapshot(url: str) -> dict[str, Any]:
    """What the database holds, by content rather than by id: per article (by its external id)
    its statements with speakers, actors, countries and exercises; the sets of actors and
    exercises; the row count of every table."""
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            articles: dict[str, Any] = {}
            for article_id, external_id, digest in conn.execute(
                text("SELECT id, external_id, content_hash FROM article")
            ):
                params = {"a": article_id}
                statements = sorted(
                    tuple(map(str, row))
                    for row in conn.execute(
                        text(
                            "SELECT s.position, s.kind, s.text, coalesce(p.kind || ':' || p.key,"
                            " '') FROM statement s LEFT JOIN actor p ON p.id = s.speaker_id"
                            " WHERE s.article_id = :a"
                        ),
                        params,
                    )
                )
                actors = sorted(
                    f"{kind}:{key}"
                    for kind, key in conn.execute(
                        text(
                            "SELECT a.kind, a.key FROM article_actor l JOIN actor a"
                            " ON a.id = l.actor_id WHERE l.article_id = :a"
                        ),
                        params,
                    )
                )
                countries = sorted(
                    f"{code}:{n}"
                    for code, n in conn.execute(
                        text(
                            "SELECT country_code, mentions FROM article_country"
                            " WHERE article_id = :a"
                        ),
                        params,
                    )
                )
                exercises = sorted(
                    key
                    for (key,) in conn.execute(
                        text(
                            "SELECT e.key FROM article_exercise l JOIN exercise e"
                            " ON e.id = l.exercise_id WHERE l.article_id = :a"
                        ),
                        params,
                    )
                )
                articles[str(external_id or digest)] = {
                    "statements": statements,
                    "actors": actors,
                    "countries": countries,
                    "exercises": exercises,
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
