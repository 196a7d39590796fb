"""bench_api.py's request paths: realistic parameters of each kind of request, read from the
database itself, and the path of a deep page reached by walking the cursors."""

from __future__ import annotations

import random
import urllib.parse
from dataclasses import dataclass
from typing import Any

from servers import get_json

API = "/api/v1"
SPEAKERS = (
    "SELECT a.name, a.kind, s.n FROM (SELECT speaker_id, count(*) AS n "
    "FROM statement WHERE speaker_id IS NOT NULL GROUP BY speaker_id) s "
    "JOIN actor a ON a.id = s.speaker_id"
)
COUNTRIES = (
    "SELECT country_code FROM statement_country GROUP BY country_code "
    "ORDER BY count(*) DESC LIMIT 40"
)
ORGANISATIONS = (
    "SELECT organization_id FROM actor WHERE organization_id IS NOT NULL "
    "GROUP BY organization_id ORDER BY count(*) DESC LIMIT 200"
)


@dataclass
class Candidates:
    """What the database offers as parameters, before they are chosen."""

    speakers: list[Any]  # (name, kind, statements) of every speaker
    countries: list[str]  # the most mentioned country codes
    orgs: list[int]  # the organisations with the most members
    texts: list[str]  # statements' texts, at random
    actor_ids: list[int]  # existing actor ids, at random
    article_ids: list[int]  # existing article ids, at random


def read_candidates(url: str, rng: random.Random, per_kind: int) -> Candidates:
    """The candidates; texts and ids drawn at random (`per_kind` x 4 tries each)."""
    from sqlalchemy import text

    from app.core.db import make_engine

    engine = make_engine(url, pooled=False)
    try:
        with engine.connect() as conn:
            speakers = list(conn.execute(text(SPEAKERS)).all())
            countries = _column(conn, text(COUNTRIES))
            orgs = _column(conn, text(ORGANISATIONS))
            top = {
                table: conn.scalar(text(f"SELECT max(id) FROM {table}")) or 1
                for table in ("actor", "article", "statement")
            }
            tries = per_kind * 4
            return Candidates(
                speakers,
                countries,
                orgs,
                texts=_at_random(conn, "SELECT text FROM statement", top["statement"], tries, rng),
                actor_ids=_at_random(conn, "SELECT id FROM actor", top["actor"], tries, rng),
                article_ids=_at_random(conn, "SELECT id FROM article", top["article"], tries, rng),
            )
    finally:
        engine.dispose()


def _column(conn: Any, statement: Any, params: dict[str, Any] | None = None) -> list[Any]:
    return [r[0] for r in conn.execute(statement, params)]


def _at_random(conn: Any, query: str, top: int, tries: int, rng: random.Random) -> list[Any]:
    """`query`'s rows for `tries` random ids up to `top` (the ids that exist)."""
    from sqlalchemy import bindparam, text

    statement = text(f"{query} WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
    return _column(conn, statement, {"ids": [rng.randint(1, top) for _ in range(tries)]})


def fulltext_words(texts: list[str], rng: random.Random) -> list[str]:
    """A word of six letters or more from each text that has one, lower-cased."""
    words: list[str] = []
    for t in texts:
        candidates = [w.strip(".,;:!?\"'()") for w in t.split()]
        candidates = [w for w in candidates if len(w) >= 6 and w.isalpha()]
        if candidates:
            words.append(rng.choice(candidates).lower())
    return words


def kind_paths(found: Candidates, rng: random.Random, per_kind: int) -> dict[str, list[str]]:
    """The paths of each kind (page1000 apart), in the order of the candidates."""
    # Speakers: mostly ordinary ones (a random speaker), a fifth of the most quoted.
    speakers = found.speakers
    speakers.sort(key=lambda r: -r[2])
    head = [r[0] for r in speakers[: max(1, per_kind // 5)]]
    tail = [r[0] for r in rng.sample(speakers, min(len(speakers), per_kind - len(head)))]
    words = fulltext_words(found.texts, rng)
    q = urllib.parse.quote
    return {
        "speaker": [f"{API}/statements?speaker={q(n)}" for n in head + tail],
        "country": [f"{API}/statements?country={c}" for c in found.countries],
        "org": [f"{API}/statements?organization_id={i}" for i in found.orgs[:per_kind]],
        "fulltext": [f"{API}/statements?q={q(w)}" for w in words[:per_kind]],
        "actor": [f"{API}/actors/{i}" for i in found.actor_ids[:per_kind]],
        "article": [f"{API}/articles/{i}" for i in found.article_ids[:per_kind]],
        "page1": [f"{API}/statements?limit=20"],
    }


def pick_params(url: str, seed: int, per_kind: int) -> dict[str, list[str]]:
    """Realistic request paths for each kind, read from the database itself."""
    rng = random.Random(seed)
    paths = kind_paths(read_candidates(url, rng, per_kind), rng, per_kind)
    for kind, values in list(paths.items()):
        rng.shuffle(values)
        if not values:
            print(f"no parameters found for {kind} in this database: kind skipped", flush=True)
            del paths[kind]
    return paths


def cursor_walk(port: int, pages: int, limit: int = 20) -> tuple[str, list[float]]:
    """The path of page `pages` of /statements?limit=`limit`, walked with cursors.

    The first items are skipped in pages of 200 (the largest limit: a cursor does not depend on
    the limit), the rest in pages of `limit`; returns that path and each request's time.
    """
    to_skip = (pages - 1) * limit
    cursor: str | None = None
    times: list[float] = []
    while to_skip > 0:
        step = 200 if to_skip >= 200 else limit
        path = f"{API}/statements?limit={step}"
        if cursor:
            path += f"&cursor={urllib.parse.quote(cursor)}"
        body, elapsed = get_json(port, path)
        times.append(elapsed)
        to_skip -= len(body["items"])
        cursor = body.get("next_cursor")
        if not cursor or not body["items"]:
            break
    path = f"{API}/statements?limit={limit}"
    return (path + f"&cursor={urllib.parse.quote(cursor)}" if cursor else path), times
