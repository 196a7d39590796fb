"""A Ray ingest against a local one: the first --n articles of a .jsonl ingested with
`--engine ray` into one database (one actor killed with `ray.kill` as it takes a batch, so that
Ray restarts it and runs the batch again) and with local worker processes into another, then
every table of the two compared, ids and timestamps aside (`table_compare.py`). Both databases
are emptied first. Exit code 1 if any table differs or any article failed.

    .venv/bin/python scripts/engine_equality.py --n 1000 \\
        --ray-url postgresql://postgres@127.0.0.1:5432/dossier_ray_a \\
        --local-url postgresql://postgres@127.0.0.1:5432/dossier_ray_b
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import write_sample  # noqa: E402
from db_state import prepare  # noqa: E402
from locations import REUTERS  # noqa: E402
from table_compare import contents, report  # noqa: E402

from app.ingest.ray_workers import RayWorkers  # noqa: E402
from app.ingest.service import ingest_paths  # noqa: E402


@contextmanager
def killing_an_actor(at_batch: int) -> Iterator[list[int]]:
    """While inside, the actor that takes the `at_batch`-th batch (from 1) is killed at once
    (Ray may restart it); the list gets the number of that batch once it is done."""
    import ray

    submit = RayWorkers.submit
    calls = 0
    killed: list[int] = []

    def submit_then_kill(self: RayWorkers, articles: list) -> object:  # type: ignore[type-arg]
        nonlocal calls
        actor = self.actors[self._turn % len(self.actors)]
        future = submit(self, articles)
        calls += 1
        if calls == at_batch:
            ray.kill(actor, no_restart=False)
            killed.append(calls)
        return future

    RayWorkers.submit = submit_then_kill  # type: ignore[method-assign,assignment]
    try:
        yield killed
    finally:
        RayWorkers.submit = submit  # type: ignore[method-assign]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=REUTERS, help="a .jsonl of articles")
    parser.add_argument("--n", type=int, default=1000, help="articles (the first N)")
    parser.add_argument("--processes", type=int, default=2, help="actors and local processes")
    parser.add_argument(
        "--kill-at", type=int, default=3, help="batch whose actor is killed (0: none)"
    )
    parser.add_argument("--ray-url", required=True, help="database for the Ray ingest")
    parser.add_argument("--local-url", required=True, help="database for the local ingest")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="engine-equality-") as tmp:
        jsonl = Path(tmp) / "sample.jsonl"
        n = write_sample(args.input, args.n, jsonl)
        print(f"{n:,} articles from {args.input}", flush=True)
        failed = 0
        for url in (args.ray_url, args.local_url):
            prepare(url)
        with killing_an_actor(args.kill_at) as killed:
            start = time.perf_counter()
            ray_run = ingest_paths([jsonl], database_url=args.ray_url, progress=False,
                                   processes=args.processes, engine_name="ray")  # fmt: skip
            print(f"ray: {ray_run.new} new, {ray_run.failed} failed in "
                  f"{time.perf_counter() - start:.1f} s; actor killed at batch "
                  f"{killed[0] if killed else 'none'}", flush=True)  # fmt: skip
        start = time.perf_counter()
        local = ingest_paths([jsonl], database_url=args.local_url, progress=False,
                             processes=args.processes)  # fmt: skip
        print(f"local: {local.new} new, {local.failed} failed in "
              f"{time.perf_counter() - start:.1f} s", flush=True)  # fmt: skip
        failed = ray_run.failed + local.failed
    equal, lines = report(contents(args.ray_url), contents(args.local_url))
    print(lines)
    return 0 if equal and not failed and ray_run.new == local.new else 1


if __name__ == "__main__":
    os.environ.setdefault("DOSSIER_LOG_LEVEL", "warning")
    raise SystemExit(main())
