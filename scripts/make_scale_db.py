"""Build a large Dossier database (1,000,000+ statements) from real extracted articles, quickly.

1. A sample of real articles (Reuters, BBC, defence-dev from ../shared/corpora) goes through
   the real ingestion (read, clean, spaCy extraction, store) into a seed SQLite database,
   cached under the output folder by sample and extractor version.
2. The seed's rows are replicated into the target database (schema from `upgrade_head`) with
   bulk inserts: DB-API executemany on SQLite, COPY on PostgreSQL. Each copy gets:
   - new article ids, content hashes, external ids and urls; a random publication date
     (1990-2025);
   - new people: every person of the seed becomes, in each copy, a new actor with a varied name
     (another first name of the seed, a generated unique surname, aliases varied the same way),
     so statements per person stay as in real articles; organisations and exercises are shared
     by all copies (as real ones recur), so they accumulate statements like NATO does;
   - a country permutation (a fifth of the seed's countries shuffled among themselves), applied
     to article, statement, actor and exercise-participation countries alike.
   Every row keeps the schema's keys and foreign keys. A table the schema gains later must be
   added to TABLES in scale_store.py (copied per copy, or once in SHARED_TABLES), else it stays
   empty.

    .venv/bin/python scripts/make_scale_db.py --database-url sqlite:////work/scale/scale.db
    .venv/bin/python scripts/make_scale_db.py \
        --database-url postgresql://postgres@127.0.0.1:5432/dossier_scale --force
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_copies import Copies  # noqa: E402
from scale_seed import build_seed, load_seed  # noqa: E402
from scale_store import (  # noqa: E402
    SHARED_TABLES,
    TABLES,
    CopyWriter,
    SqliteWriter,
    fast_sqlite,
    finish,
    prepare_target,
    recount,
    set_aside_postgres,
    set_aside_sqlite,
)
from sqlalchemy.engine import make_url  # noqa: E402

from app.core.db import make_engine, normalise_url  # noqa: E402

log = logging.getLogger("make_scale_db")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="target database (made fresh)")
    parser.add_argument("--articles", type=int, default=100_000, help="at least this many")
    parser.add_argument("--statements", type=int, default=1_000_000, help="at least this many")
    parser.add_argument("--sample-reuters", type=int, default=300, help="Reuters seed articles")
    parser.add_argument("--sample-bbc", type=int, default=200, help="BBC seed articles")
    parser.add_argument(
        "--sample-defence", type=int, default=34, help="defence-dev seed articles (exercises)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path("/work/scale"), help="where the seed DB is cached"
    )
    parser.add_argument("--force", action="store_true", help="empty a non-empty target first")
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="ANALYZE SQLite afterwards (PostgreSQL is always analysed, as autovacuum would)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("alembic").setLevel(logging.WARNING)

    started = time.perf_counter()
    seed_path = build_seed(
        args.cache_dir, args.sample_reuters, args.sample_bbc, args.sample_defence, args.seed
    )
    seed_s = time.perf_counter() - started
    seed = load_seed(seed_path)
    n_articles = len(seed["article"])
    n_statements = len(seed["statement"])
    if n_articles == 0:
        raise SystemExit("the seed database holds no articles")
    copies = max(
        math.ceil(args.articles / n_articles),
        math.ceil(args.statements / n_statements) if n_statements else 1,
        1,
    )
    log.info(
        "seed: %d articles, %d statements, %d actors; %d copies",
        n_articles, n_statements, len(seed["actor"]), copies,
    )  # fmt: skip
    t0 = time.perf_counter()
    counts = replicate(args.database_url, seed, copies, args.seed, args.force, args.analyze)
    build_s = time.perf_counter() - t0
    result = {
        "database": make_url(normalise_url(args.database_url)).render_as_string(True),
        "copies": copies,
        "seed_s": round(seed_s, 1),
        "build_s": round(build_s, 1),
        **counts,
    }
    print(
        f"Built {counts['article']:,} articles, {counts['statement']:,} statements, "
        f"{counts['actor']:,} actors, {counts['actor_alias']:,} aliases in {build_s:.1f} s "
        f"(seed {seed_s:.1f} s)"
    )
    print(json.dumps(result))
    return 0


def replicate(
    url: str,
    seed: dict[str, list[tuple[Any, ...]]],
    copies: int,
    rng_seed: int,
    force: bool,
    analyze: bool,
) -> dict[str, int]:
    from app.core.migrate import upgrade_head

    url = normalise_url(url)
    is_sqlite = url.startswith("sqlite")
    prepare_target(url, force)
    upgrade_head(url)
    source = Copies(seed, copies, random.Random(rng_seed))
    counts = dict.fromkeys(TABLES, 0)

    engine = make_engine(url, pooled=False)
    raw = engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        if is_sqlite:
            fast_sqlite(driver)
        # Per-row triggers and the substring index cost more row by row than built once at the
        # end: set aside here (this script fills sort_date itself), restored after the copy.
        restore = set_aside_sqlite(driver) if is_sqlite else set_aside_postgres(driver)
        writer = SqliteWriter(driver) if is_sqlite else CopyWriter(driver)
        for name, rows in source.shared().items():
            writer.write(name, rows)
            counts[name] += len(rows)
        write_copies(writer, source, copies, counts)
        writer.commit()
        t_index = time.perf_counter()
        restore()
        log.info("indexes and triggers restored in %.1f s", time.perf_counter() - t_index)
        t_count = time.perf_counter()
        recount(driver, is_sqlite)
        log.info("stored counts recomputed in %.1f s", time.perf_counter() - t_count)
        finish(driver, is_sqlite, analyze)
    finally:
        raw.close()
        engine.dispose()
    return counts


def write_copies(
    writer: SqliteWriter | CopyWriter, source: Copies, copies: int, counts: dict[str, int]
) -> None:
    """Each copy's own rows written (and counted), committed every 20 copies, progress logged
    every 10 seconds."""
    last_log = time.perf_counter()
    for k in range(copies):
        rows = source.copy(k)
        for name in TABLES:
            if name not in SHARED_TABLES and rows[name]:
                writer.write(name, rows[name])
                counts[name] += len(rows[name])
        if (k + 1) % 20 == 0 or k + 1 == copies:
            writer.commit()
        if time.perf_counter() - last_log > 10 or k + 1 == copies:
            last_log = time.perf_counter()
            log.info(
                "copy %d/%d: %d articles, %d statements",
                k + 1, copies, counts["article"], counts["statement"],
            )  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
