"""bench_adhoc.py's request paths: an analyst's queries, each new, drawn with a seed from large
pools that the database itself offers (speakers by surname, words of statement texts, every
country, date ranges, kinds, organisations) and from pairs of them."""

from __future__ import annotations

import random
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

API = "/api/v1/statements"
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2025, 12, 31)
# Widths of a date range, in days: a week to five years.
RANGE_DAYS = (7, 30, 90, 365, 365 * 5)


@dataclass
class Pools:
    """Everything a path draws from."""

    surnames: list[str]  # last word of persons who speak (a surname alone finds them)
    words: list[str]  # words of statement texts, lower-cased, four letters or more
    countries: list[str]  # every country mentioned by a statement
    kinds: list[str]  # every statement kind stored
    orgs: list[int]  # organisations with members


def read_pools(url: str, rng: random.Random, size: int) -> Pools:
    """Pools of about `size` values each (fewer when the database has fewer)."""
    from sqlalchemy import text

    from app.core.db import make_engine

    engine = make_engine(url, pooled=False)
    try:
        with engine.connect() as conn:

            def column(sql: str, **params: Any) -> list[Any]:
                return [r[0] for r in conn.execute(text(sql), params)]

            top = conn.scalar(text("SELECT max(id) FROM statement")) or 1
            ids = sorted({rng.randint(1, top) for _ in range(size)})
            texts = column(f"SELECT text FROM statement WHERE id IN ({','.join(map(str, ids))})")
            names = column(
                "SELECT name FROM actor WHERE kind = 'person' AND statement_count > 0 ORDER BY id"
            )
            return Pools(
                surnames=sorted({n.split()[-1] for n in rng.sample(names, min(size, len(names)))}),
                words=_words(texts, rng),
                countries=column(
                    "SELECT code FROM country WHERE statement_count > 0 ORDER BY code"
                ),
                kinds=column("SELECT DISTINCT kind FROM statement ORDER BY kind"),
                orgs=column(
                    "SELECT DISTINCT organization_id FROM actor "
                    "WHERE organization_id IS NOT NULL ORDER BY 1"
                ),
            )
    finally:
        engine.dispose()


def _words(texts: list[str], rng: random.Random) -> list[str]:
    """One word of four letters or more from each text that has one, lower-cased, distinct."""
    words: set[str] = set()
    for t in texts:
        found = [w.strip(".,;:!?\"'()") for w in t.split()]
        found = [w for w in found if len(w) >= 4 and w.isalpha()]
        if found:
            words.add(rng.choice(found).lower())
    return sorted(words)


def date_range(rng: random.Random) -> dict[str, str]:
    width = timedelta(days=rng.choice(RANGE_DAYS))
    start = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY - width).days))
    return {"published_from": start.isoformat(), "published_to": (start + width).isoformat()}


Draw = Callable[[Pools, random.Random], dict[str, Any]]

# Each kind of query: the filters one path of it draws.
KINDS: dict[str, Draw] = {
    "speaker": lambda p, r: {"speaker": r.choice(p.surnames)},
    "q": lambda p, r: {"q": r.choice(p.words)},
    "country": lambda p, r: {"country": r.choice(p.countries)},
    "dates": lambda p, r: date_range(r),
    "kind": lambda p, r: {"kind": r.choice(p.kinds)},
    "org": lambda p, r: {"organization_id": r.choice(p.orgs)},
    "country+q": lambda p, r: {"country": r.choice(p.countries), "q": r.choice(p.words)},
    "country+speaker": lambda p, r: {
        "country": r.choice(p.countries),
        "speaker": r.choice(p.surnames),
    },
    "country+dates": lambda p, r: {"country": r.choice(p.countries), **date_range(r)},
    "q+dates": lambda p, r: {"q": r.choice(p.words), **date_range(r)},
    "kind+country": lambda p, r: {"kind": r.choice(p.kinds), "country": r.choice(p.countries)},
    "speaker+kind": lambda p, r: {"speaker": r.choice(p.surnames), "kind": r.choice(p.kinds)},
}


def kind_paths(pools: Pools, kind: str, count: int, rng: random.Random) -> list[str]:
    """Up to `count` distinct paths of `kind` (fewer when its pool cannot make that many: a
    kind alone, a country alone), in the order drawn."""
    seen: dict[str, None] = {}
    for _ in range(count * 3):
        if len(seen) >= count:
            break
        seen[f"{API}?{urllib.parse.urlencode(KINDS[kind](pools, rng))}"] = None
    return list(seen)


def run_paths(
    pools: Pools, kinds: list[str], runs: int, count: int, seed: int
) -> list[dict[str, list[str]]]:
    """For each run, `count` paths of each kind, and "mix": a shuffle of a share of every kind
    (`count` in all). Each run draws afresh, so that a path seldom comes again in a later run."""
    out = []
    for run in range(runs):
        rng = random.Random(f"{seed}-{run}")
        paths = {kind: kind_paths(pools, kind, count, rng) for kind in kinds}
        mix = [p for kind in kinds for p in kind_paths(pools, kind, count // len(kinds), rng)]
        rng.shuffle(mix)
        out.append({**paths, "mix": mix})
    return out
