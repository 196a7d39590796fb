"""The store alone: the first --n articles of a .jsonl extracted once beforehand, then stored
as an ingest stores them (`store_batch`, batches of `BATCH_SIZE`) into a fresh database,
--runs times; articles/s and words/s of the store, the CPU of this process and, on a local
PostgreSQL, of its server process for the connection. The rate one ingest's store reaches is
the most that any number of extraction workers can feed into it.

    .venv/bin/python scripts/bench_store.py --n 1000 --runs 3 \\
        --database-url postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import fresh_database, write_sample  # noqa: E402
from figures import median  # noqa: E402
from locations import REUTERS  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402

from app.core.db import make_engine  # noqa: E402
from app.core.migrate import upgrade_head  # noqa: E402
from app.ingest.clean import clean_article  # noqa: E402
from app.ingest.raw import RawArticle  # noqa: E402
from app.ingest.readers import read_file  # noqa: E402
from app.ingest.service import BATCH_SIZE  # noqa: E402
from app.ingest.summary import IngestSummary  # noqa: E402
from app.ingest.transactions import store_batch  # noqa: E402


def extracted(jsonl: Path) -> list[tuple[RawArticle, Any]]:
    from app.extract.pipeline import extract_many

    raws = [r for r in read_file(jsonl) if isinstance(r, RawArticle)]
    cleaned = [clean_article(r.title, r.body) for r in raws]
    return list(zip(raws, extract_many(cleaned), strict=True))


def server_cpu_s(engine: Engine) -> float | None:
    """CPU seconds of the PostgreSQL backend serving this engine's connection (a local server)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def store_all(url: str, articles: list[tuple[RawArticle, Any]]) -> dict[str, Any]:
    upgrade_head(url)
    engine = make_engine(url)  # one pooled connection, reused batch after batch
    try:
        summary = IngestSummary()
        server0, cpu0, start = server_cpu_s(engine), time.process_time(), time.perf_counter()
        for i in range(0, len(articles), BATCH_SIZE):
            store_batch(engine, articles[i : i + BATCH_SIZE], summary)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
        server1 = server_cpu_s(engine)
    finally:
        engine.dispose()
    server = server1 - server0 if server0 is not None and server1 is not None else None
    return {"seconds": seconds, "cpu_s": cpu, "server_cpu_s": server, "new": summary.new}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=REUTERS, help="a .jsonl of articles")
    parser.add_argument("--n", type=int, default=1000, help="articles (the first N)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", help="as bench_ingest.py's (default: SQLite files)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        jsonl = Path(tmp) / "sample.jsonl"
        write_sample(args.input, args.n, jsonl)
        articles = extracted(jsonl)
        words = sum(len(extraction.article.body.split()) for _raw, extraction in articles)
        print(f"{len(articles):,} articles, {words:,} words extracted; storing", flush=True)
        runs = []
        for run in range(args.runs):
            with fresh_database(args.database_url, Path(tmp)) as url:
                data = store_all(url, articles)
            runs.append(data)
            server = data["server_cpu_s"]
            print(f"[run {run + 1}/{args.runs}] {data['seconds']:.1f} s  "
                  f"{data['new'] / data['seconds']:.1f} art/s  "
                  f"{words / data['seconds']:,.0f} words/s  CPU here {data['cpu_s']:.1f} s"
                  + (f", server {server:.1f} s" if server is not None else ""),
                  flush=True)  # fmt: skip
        seconds = median([r["seconds"] for r in runs])
        print(f"store: median {seconds:.1f} s, {len(articles) / seconds:.1f} art/s, "
              f"{words / seconds:,.0f} words/s; CPU here "
              f"{median([r['cpu_s'] for r in runs]):.1f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DOSSIER_LOG_LEVEL", "warning")
    raise SystemExit(main())
