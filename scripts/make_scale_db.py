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
   added to TABLES (copied per copy, or once in SHARED_TABLES), else it stays empty.

    .venv/bin/python scripts/make_scale_db.py --database-url sqlite:////work/scale/scale.db
    .venv/bin/python scripts/make_scale_db.py \
        --database-url postgresql://postgres@127.0.0.1:5432/dossier_scale --force
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locations import CORPORA, REUTERS  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.core.counts import COUNTERS, recount_sql  # noqa: E402
from app.core.db import make_engine, normalise_url  # noqa: E402
from app.core.models import sort_date  # noqa: E402
from app.core.names import surname_key  # noqa: E402
from app.core.text import fold  # noqa: E402
from app.ingest.readers import RawArticle, read_file  # noqa: E402

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
        "start", "end", "position",
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
BBC_CATEGORIES = ("politics", "business", "tech", "entertainment", "sport")
_CONSONANTS = "bdfghklmnprstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]  # 75, all two letters wide
_ENDINGS = ("", "n", "v", "r", "ski", "son", "ez", "ov", "in", "ek", "as", "ard")

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


# --- seed ------------------------------------------------------------------------------------


def sample_records(n_reuters: int, n_bbc: int, n_defence: int, seed: int) -> list[dict[str, Any]]:
    """Real articles: Reuters lines (random, seeded), BBC files (politics first), defence-dev."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    if n_reuters and REUTERS.exists():
        with REUTERS.open(encoding="utf-8") as handle:
            lines = handle.readlines()
        for line in rng.sample(lines, min(n_reuters, len(lines))):
            records.append(json.loads(line))
    bbc = CORPORA / "bbc"
    if n_bbc and bbc.is_dir():
        files = [f for cat in BBC_CATEGORIES for f in sorted((bbc / cat).glob("*.txt"))]
        for path in files[:n_bbc]:
            for item in read_file(path):
                if isinstance(item, RawArticle):
                    rel = path.relative_to(bbc).with_suffix("").as_posix()
                    records.append(
                        {"id": f"bbc-{rel}", "title": item.title, "body": item.body,
                         "source": "BBC"}
                    )  # fmt: skip
    defence = sorted((CORPORA / "defence-dev").glob("*.txt"))[:n_defence]
    for path in defence:
        for item in read_file(path):
            if isinstance(item, RawArticle):
                records.append({"id": f"defence-{path.stem}", "title": item.title,
                                "body": item.body, "source": item.source})  # fmt: skip
    if not records:
        raise SystemExit(f"no articles found under {CORPORA}")
    return records


def build_seed(cache_dir: Path, n_reuters: int, n_bbc: int, n_defence: int, seed: int) -> Path:
    """A SQLite database of the sample ingested for real; cached by sample and extractor."""
    from app.extract.version import EXTRACTOR_VERSION
    from app.ingest.service import ingest_paths

    cache_dir.mkdir(parents=True, exist_ok=True)
    name = f"seed-r{n_reuters}-b{n_bbc}-d{n_defence}-s{seed}-{EXTRACTOR_VERSION}.db"
    path = cache_dir / name
    if path.exists():
        log.info("seed database cached: %s", path)
        return path
    records = sample_records(n_reuters, n_bbc, n_defence, seed)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "sample.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        log.info("extracting %d sample articles into %s", len(records), path)
        summary = ingest_paths([jsonl], database_url=f"sqlite:///{partial}", progress=False)
    log.info("seed: %s", summary.render().replace("\n", "; "))
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path


def load_seed(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(path)
    try:
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            name: con.execute(
                f"SELECT {', '.join(_q(c) for c in cols)} FROM {name} ORDER BY 1, 2"
            ).fetchall()
            if name in present
            else []
            for name, cols in TABLES.items()
        }
    finally:
        con.close()


# --- replication -----------------------------------------------------------------------------


class Names:
    """Unique generated surnames (fixed-width syllables + an ending) and a first-name pool."""

    def __init__(self, taken: set[str], first_names: list[str], rng: random.Random, need: int):
        self.taken = taken
        self.first_names = first_names or ["Alex"]
        self.rng = rng
        self.width = 3 if need < len(_SYLLABLES) ** 3 // 2 else 4
        self.counter = rng.randrange(len(_SYLLABLES) ** (self.width - 1))

    def surname(self) -> str:
        while True:
            n = self.counter
            self.counter += 1
            digits = []
            for _ in range(self.width):
                n, d = divmod(n, len(_SYLLABLES))
                digits.append(_SYLLABLES[d])
            if n:
                raise SystemExit("ran out of generated surnames")
            word = "".join(digits) + _ENDINGS[self.counter % len(_ENDINGS)]
            if word not in self.taken:
                return word.capitalize()


def person_variant(name: str, aliases: list[str], names: Names) -> tuple[str, list[str]]:
    """A new person: surname replaced by a generated one, first name by another real one."""
    tokens = name.split()
    surname = names.surname()
    old_last = tokens[-1]
    new_tokens = [*tokens[:-1], surname]
    if len(tokens) >= 2 and tokens[0][:1].isupper() and not tokens[0].endswith("."):
        new_tokens[0] = names.rng.choice(names.first_names)
    old_first = tokens[0] if len(tokens) >= 2 else None
    mapping = {fold(old_last): surname}
    if old_first is not None:
        mapping[fold(old_first)] = new_tokens[0]
    new_aliases = [" ".join(mapping.get(fold(t), t) for t in alias.split()) for alias in aliases]
    return " ".join(new_tokens), new_aliases


def country_maps(codes: list[str], copies: int, rng: random.Random) -> list[dict[str, str]]:
    """Per copy, a permutation of a fifth of `codes` (copy 0: identity)."""
    maps: list[dict[str, str]] = [{}]
    for _ in range(1, copies):
        chosen = rng.sample(codes, max(2, len(codes) // 5)) if len(codes) >= 2 else []
        shuffled = chosen[:]
        rng.shuffle(shuffled)
        maps.append(dict(zip(chosen, shuffled, strict=True)))
    return maps


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
    rng = random.Random(rng_seed)

    actors = seed["actor"]
    kind_of = {row[0]: row[2] for row in actors}
    persons = [row for row in actors if row[2] == "person"]
    aliases_of: dict[int, list[tuple[Any, ...]]] = {}
    for row in seed["actor_alias"]:
        aliases_of.setdefault(row[1], []).append(row)
    first_names = sorted({r[1].split()[0] for r in persons if len(r[1].split()) >= 2})
    first_names = [f for f in first_names if f[:1].isupper() and f.isalpha()]
    names = Names({r[3] for r in actors}, first_names, rng, len(persons) * copies)
    codes = sorted(
        {r[1] for r in seed["article_country"]} | {r[1] for r in seed["statement_country"]}
    )
    cmaps = country_maps(codes, copies, rng)
    off = {t: max((r[0] for r in seed[t]), default=0) for t in ID_TABLES}
    counts = dict.fromkeys(TABLES, 0)
    now = datetime.now(UTC)
    day0 = date(1990, 1, 1)
    span = (date(2025, 12, 31) - day0).days

    engine = make_engine(url, pooled=False)
    raw = engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        if is_sqlite:
            for pragma in (
                "PRAGMA foreign_keys=OFF",
                "PRAGMA synchronous=OFF",
                "PRAGMA cache_size=-1000000",
                "PRAGMA temp_store=MEMORY",
            ):
                driver.execute(pragma)
        # Per-row triggers and the substring index cost more row by row than built once at the
        # end: set aside here (this script fills sort_date itself), restored after the copy.
        restore = _set_aside_sqlite(driver) if is_sqlite else _set_aside_postgres(driver)
        writer = _SqliteWriter(driver) if is_sqlite else _CopyWriter(driver)

        # Shared rows, once: organisations, their aliases, exercises.
        org_rows = [r for r in actors if r[2] != "person"]
        writer.write("actor", [(*r, None) for r in _fix_org_links(org_rows, kind_of)])
        writer.write(
            "actor_alias", [(*a, None) for r in org_rows for a in aliases_of.get(r[0], [])]
        )
        counts["actor"] += len(org_rows)
        counts["actor_alias"] += sum(len(aliases_of.get(r[0], [])) for r in org_rows)
        for name in SHARED_TABLES:
            writer.write(name, seed[name])
            counts[name] += len(seed[name])

        last_log = time.perf_counter()
        for k in range(copies):
            cmap = cmaps[k]

            def cc(code: str | None, cmap: dict[str, str] = cmap) -> str | None:
                return None if code is None else cmap.get(code, code)

            def art(article_id: int, k: int = k) -> int:
                return article_id + k * off["article"]

            def who(actor_id: int | None, k: int = k) -> int | None:
                if actor_id is None or kind_of.get(actor_id) != "person":
                    return actor_id
                return actor_id + k * off["actor"]

            rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
            for a in seed["article"]:
                new = list(a)
                new[0] = art(a[0])
                if k:
                    new[1] = hashlib.sha256(f"{a[1]}:{k}".encode()).hexdigest()
                    new[2] = f"{a[2]}~{k}" if a[2] else None
                    new[3] = f"{a[3]}#copy{k}" if a[3] else None
                new[10] = None if rng.random() < 0.01 else day0 + timedelta(rng.randrange(span))
                new[11] = now
                rows["article"].append(tuple(new))
            for p in persons:
                alias_rows = aliases_of.get(p[0], [])
                if k == 0:
                    name, alias_names = p[1], [x[2] for x in alias_rows]
                else:
                    name, alias_names = person_variant(p[1], [x[2] for x in alias_rows], names)
                new_id = who(p[0])
                rows["actor"].append(
                    (new_id, name, p[2], fold(name), p[4], cc(p[5]), who(p[6]), surname_key(name))
                )
                seen = {fold(name)}
                for x, alias in zip(alias_rows, alias_names, strict=True):
                    key = fold(alias)
                    if key in seen:
                        continue
                    seen.add(key)
                    rows["actor_alias"].append(
                        (x[0] + k * off["actor_alias"], new_id, alias, key, surname_key(alias))
                    )
            for r in seed["article_actor"]:
                rows["article_actor"].append((art(r[0]), who(r[1]), r[2], r[3]))
            for r in seed["article_exercise"]:
                rows["article_exercise"].append((art(r[0]), *r[1:]))
            for r in seed["exercise_participation"]:
                rows["exercise_participation"].append(
                    (r[0] + k * off["exercise_participation"], r[1], cc(r[2]), r[3], r[4], r[5],
                     art(r[6]))
                )  # fmt: skip
            for r in seed["article_country"]:
                rows["article_country"].append((art(r[0]), cc(r[1]), r[2]))
            day = {a[0]: sort_date(a[10]) for a in rows["article"]}
            for r in seed["statement"]:
                rows["statement"].append(
                    (r[0] + k * off["statement"], art(r[1]), who(r[2]), *r[3:], day[art(r[1])])
                )
            for r in seed["statement_country"]:
                rows["statement_country"].append((r[0] + k * off["statement"], cc(r[1])))
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
        writer.commit()
        t_index = time.perf_counter()
        restore()
        log.info("indexes and triggers restored in %.1f s", time.perf_counter() - t_index)
        t_count = time.perf_counter()
        recount(driver, is_sqlite)
        log.info("stored counts recomputed in %.1f s", time.perf_counter() - t_count)
        if is_sqlite:
            driver.execute("PRAGMA foreign_keys=ON")
            bad = driver.execute("PRAGMA foreign_key_check").fetchmany(5)
            if bad:
                raise SystemExit(f"foreign key violations: {bad}")
            if analyze:
                driver.execute("ANALYZE")
            driver.execute("PRAGMA journal_mode=WAL")
        else:
            with driver.cursor() as cur:
                for t in ID_TABLES:
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                        f"(SELECT max(id) FROM {t}))"
                    )
            driver.commit()
            driver.autocommit = True
            with driver.cursor() as cur:
                cur.execute("VACUUM ANALYZE")
    finally:
        raw.close()
        engine.dispose()
    return counts


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


def _set_aside_sqlite(con: Any) -> Any:
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


def _set_aside_postgres(con: Any) -> Any:
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


def _fix_org_links(
    org_rows: list[tuple[Any, ...]], kind_of: dict[int, str]
) -> list[tuple[Any, ...]]:
    """Organisations are written before people: links to people are kept (copy 0 keeps ids),
    but written afterwards would break the insert order, so such links are dropped."""
    return [
        (*r[:6], r[6] if r[6] is None or kind_of.get(r[6]) != "person" else None) for r in org_rows
    ]


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


class _SqliteWriter:
    def __init__(self, con: Any) -> None:
        self.con = con
        self.con.execute("BEGIN")

    def write(self, name: str, rows: Iterable[tuple[Any, ...]]) -> None:
        cols = TABLES[name] + COMPUTED.get(name, ())
        sql = (
            f"INSERT INTO {name} ({', '.join(_q(c) for c in cols)}) "
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


class _CopyWriter:
    def __init__(self, con: Any) -> None:
        self.con = con

    def write(self, name: str, rows: Iterable[tuple[Any, ...]]) -> None:
        cols = ", ".join(_q(c) for c in TABLES[name] + COMPUTED.get(name, ()))
        with self.con.cursor() as cur, cur.copy(f"COPY {name} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def commit(self) -> None:
        self.con.commit()


def _q(column: str) -> str:
    return f'"{column}"'


if __name__ == "__main__":
    raise SystemExit(main())
