"""Soak: the API under steady load for a long time while an ingest writes into the same database.

A uvicorn server (subprocess) serves `--database-url`; a separate load process keeps
`--connections` keep-alive connections busy for `--duration` seconds over a mix of list, filter,
search and detail requests; meanwhile ingests of invented articles (fresh ids each run) write
into the same database, one after another until the end. Printed: requests and errors (a 5xx
or a failed connection; must be 0), p50/p99 per `--interval`, the server's RSS at the start and
the end, and the ingests' outcomes.

    .venv/bin/python scripts/soak.py --database-url sqlite:////tmp/robust_soak/scale.db \\
        [--duration 600] [--connections 32] [--interval 60]

The database gets the ingested articles: use a copy of the scale database, not the original.
Exit code 0 when there was no error and every ingest succeeded.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from db_state import engine_for  # noqa: E402
from figures import percentile  # noqa: E402
from ingest_runs import start_ingest  # noqa: E402
from invented_articles import make_articles, write_jsonl  # noqa: E402
from loadgen import interval_load  # noqa: E402
from proc_stats import tree_rss_kb  # noqa: E402
from servers import free_port, serve  # noqa: E402
from sqlalchemy import text  # noqa: E402

API = "/api/v1"


def request_paths(url: str, seed: int) -> list[str]:
    """A mix over every kind of read: lists, filters, searches and details of existing rows."""
    engine = engine_for(url)
    try:
        with engine.connect() as conn:

            def ids(table: str) -> list[int]:
                # Fixed table names; ids from the first rows (any existing ids would do).
                query = f"SELECT id FROM {table} ORDER BY id LIMIT 200"
                return [int(i) for (i,) in conn.execute(text(query))]

            articles, actors, statements, exercises = (
                ids(t) for t in ("article", "actor", "statement", "exercise")
            )
            names = [n for (n,) in conn.execute(text("SELECT name FROM actor LIMIT 50"))]
            codes = [c for (c,) in conn.execute(text("SELECT code FROM country LIMIT 50"))]
    finally:
        engine.dispose()
    rng = random.Random(seed)
    paths = [f"{API}/articles?limit=20", f"{API}/statements?limit=50", f"{API}/actors",
             f"{API}/countries", f"{API}/exercises", f"{API}/health"]  # fmt: skip
    paths += [f"{API}/articles/{i}" for i in rng.sample(articles, min(20, len(articles)))]
    paths += [f"{API}/actors/{i}" for i in rng.sample(actors, min(20, len(actors)))]
    paths += [f"{API}/statements/{i}" for i in rng.sample(statements, min(20, len(statements)))]
    paths += [f"{API}/exercises/{i}" for i in exercises[:10]]
    paths += [f"{API}/statements?speaker={quote(n)}&limit=20" for n in names[:20]]
    paths += [f"{API}/actors?q={quote(n.split()[-1])}" for n in names[:20]]
    paths += [f"{API}/articles?country={c}&limit=20" for c in codes[:20]]
    paths += [f"{API}/statements?q=minister&limit=20", f"{API}/articles?q=exercise"]
    return paths


def load(port: int, paths: list[str], connections: int, duration: float, interval: float,
         out: Any) -> None:  # fmt: skip
    """In its own process: closed-loop load; latencies bucketed by `interval`."""
    out.put(interval_load(port, paths, connections, duration, interval))


@dataclass
class Soaked:
    """What a soak saw: the load's answers, the ingests meanwhile, the server's memory."""

    outcome: dict[str, Any]  # the load's latency buckets, statuses and errors
    ingests: list[tuple[int, float, str]] = field(default_factory=list)  # exit, seconds, summary
    rss_samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds in, KiB)
    rss_start: int = 0
    rss_end: int = 0


def fresh_articles(count: int, run: int) -> list[dict[str, Any]]:
    """`count` invented articles with ids and titles of their own."""
    articles = make_articles(count)
    for article in articles:
        # New ids and text each run (and each soak), so every run stores new rows.
        token = f"{time.time_ns()}-{run}"
        article["id"] = f"soak-{token}-{article['id']}"
        article["title"] += f" [soak {token}]"
    return articles


def ingest_watched(url: str, path: Path, server_pid: int, started: float, soaked: Soaked) -> None:
    """One ingest to its end, the server's RSS sampled every second meanwhile."""
    t0 = time.monotonic()
    proc = start_ingest(url, path, capture=True, cwd=None)
    while proc.poll() is None:
        time.sleep(1)
        soaked.rss_samples.append((time.monotonic() - started, tree_rss_kb(server_pid)))
    out, err = proc.communicate()
    summary = next((line for line in out.splitlines() if line.startswith("Articles:")), "")
    soaked.ingests.append((proc.returncode, time.monotonic() - t0, summary or err[-300:]))


def soak(args: argparse.Namespace, paths: list[str]) -> Soaked:
    """The server under load from its own process for --duration seconds, ingests one after
    another meanwhile."""
    port = free_port()
    env = {"DATABASE_URL": args.database_url, "DOSSIER_LOG_LEVEL": "warning"}
    with (
        tempfile.TemporaryDirectory(prefix="robust_soak_") as tmp,
        serve("app.main:app", port, 1, env) as server,
    ):
        rss_start = tree_rss_kb(server.pid)
        results: Any = multiprocessing.get_context("spawn").Queue()
        loader = multiprocessing.get_context("spawn").Process(
            target=load,
            args=(port, paths, args.connections, args.duration, args.interval, results),
        )
        started = time.monotonic()
        loader.start()
        soaked = Soaked({}, rss_samples=[(0.0, rss_start)], rss_start=rss_start)
        run = 0
        while time.monotonic() - started < args.duration:
            run += 1
            path = write_jsonl(Path(tmp) / f"soak-{run}.jsonl", fresh_articles(args.articles, run))
            ingest_watched(args.database_url, path, server.pid, started, soaked)
        # Read the result before joining: the loader cannot exit while its result is unsent.
        soaked.outcome = results.get(
            timeout=max(0.0, args.duration - (time.monotonic() - started)) + 180
        )
        loader.join(60)
        soaked.rss_end = tree_rss_kb(server.pid)
    return soaked


def print_intervals(soaked: Soaked, interval: float) -> None:
    """A row per interval: requests, p50, p99 and max latency, the server's RSS at its end."""
    buckets: dict[int, list[float]] = soaked.outcome["buckets"]
    print(f"{'interval s':>10} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'RSS MB':>7}")  # fmt: skip
    for k in sorted(buckets):
        lat = sorted(buckets[k])
        start = k * interval
        # The server's RSS at the end of the interval (last sample taken within it).
        rss = [r for t, r in soaked.rss_samples if t <= start + interval] or [soaked.rss_end]
        print(f"{start:>5.0f}-{start + interval:<4.0f} {len(lat):>9} "
              f"{percentile(lat, 50) * 1000:>8.1f} {percentile(lat, 99) * 1000:>8.1f} "
              f"{lat[-1] * 1000:>8.1f} {rss[-1] / 1024:>7.0f}")  # fmt: skip


def report(args: argparse.Namespace, paths: list[str], soaked: Soaked) -> int:
    """The soak's figures printed; 0 when there was no error and every ingest succeeded."""
    outcome = soaked.outcome
    total = sum(len(v) for v in outcome["buckets"].values())
    errors: list[str] = outcome["errors"]
    print(f"Soak: {args.duration:.0f} s, {args.connections} connections, {len(paths)} paths, "
          f"database {args.database_url}")  # fmt: skip
    print(f"Requests: {total} ({total / args.duration:.0f}/s), statuses {outcome['statuses']}")
    print(f"Errors (5xx or failed connections): {len(errors)}")
    for sample in errors[:5]:
        print(f"  {sample}")
    print_intervals(soaked, args.interval)
    samples, rss_end = soaked.rss_samples, soaked.rss_end
    warm = next((r for t, r in samples if t >= min(args.interval, 60)), rss_end)
    print(f"Server RSS: idle before load {soaked.rss_start / 1024:.0f} MB, after the first "
          f"interval {warm / 1024:.0f} MB, end {rss_end / 1024:.0f} MB, "
          f"max {max(r for _t, r in samples) / 1024:.0f} MB")  # fmt: skip
    failed_ingests = [i for i in soaked.ingests if i[0] != 0]
    print(f"Ingests meanwhile: {len(soaked.ingests)} runs, {len(failed_ingests)} failed")
    for code, seconds, summary in soaked.ingests:
        print(f"  exit {code} in {seconds:.0f} s: {summary}")
    return 0 if not errors and not failed_ingests else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of load")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--interval", type=float, default=60.0, help="seconds per p99 row")
    parser.add_argument("--articles", type=int, default=400, help="per ingest run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    paths = request_paths(args.database_url, args.seed)
    return report(args, paths, soak(args, paths))


if __name__ == "__main__":
    sys.exit(main())
