"""Two ingests at once over overlapping inputs end with exactly the rows of a serial ingest.

Invented articles 0..N-1: both inputs start with the same half, in the same order, so that the
two processes store the same articles at the same moments; each then has articles of its own.
Every article shares people, countries and exercises with others. A serial ingest (first input,
then second) gives the reference; then both inputs are ingested by two processes started
together. Both must exit 0 (no error), and the database must hold the reference's rows: no
duplicate actor, country link or exercise.

    .venv/bin/python scripts/concurrency_test.py [--articles 24] [--database-url URL]

Without --database-url it works in a temporary SQLite file (where one writer waits for the
other). The database's data tables are emptied: never point it at a database you want to keep.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from db_state import differences, integrity_problems, prepare, snapshot  # noqa: E402
from ingest_runs import run_ingest, start_ingest  # noqa: E402
from invented_articles import make_articles, write_jsonl  # noqa: E402


def serial_reference(url: str, inputs: list[Path], expected: int) -> dict[str, Any] | None:
    """The inputs ingested one after the other: the snapshot of `expected` articles the
    concurrent runs must match; None, with FAIL printed, when that failed."""
    prepare(url)
    for path in inputs:
        done = run_ingest(url, path)
        if done.returncode != 0:
            print(done.stdout, done.stderr, sep="\n")
            print("FAIL: the serial ingest failed")
            return None
    reference = snapshot(url)
    print(f"Serial: rows {reference['counts']}")
    if reference["counts"]["article"] != expected or not reference["counts"]["actor"]:
        print("FAIL: the serial ingest did not store every article with actors")
        return None
    return reference


def concurrent_round(url: str, inputs: list[Path], reference: dict[str, Any], round_: int) -> bool:
    """One ingest per input, all started together, on emptied tables; whether every one exited 0
    and the database ended with the reference's rows and no integrity problem."""
    prepare(url)
    started = time.monotonic()
    processes = [start_ingest(url, path, capture=True) for path in inputs]
    outputs = [p.communicate(timeout=900) for p in processes]
    elapsed = time.monotonic() - started
    codes = [p.returncode for p in processes]
    now = snapshot(url)
    problems = integrity_problems(url, reference)
    same = now == reference
    print(
        f"Concurrent {round_}: {elapsed:.1f} s, exits {codes}, rows {now['counts']}, "
        f"equals serial: {'yes' if same else 'NO'}"
    )
    for (out, err), code in zip(outputs, codes, strict=True):
        if code != 0:
            print(out, err[-3000:], sep="\n")
    for problem in problems:
        print(f"  {problem}")
    if not same:
        for line in differences(now, reference):
            print(line)
    return codes == [0] * len(inputs) and same and not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--rounds", type=int, default=1, help="concurrent runs to compare")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="robust_concurrency_") as tmp:
        folder = Path(tmp)
        url = args.database_url or f"sqlite:///{folder / 'concurrency.db'}"
        articles = make_articles(args.articles)
        # Both start with the same half, in the same order, so that they store the same
        # articles (and create the same people and exercises) at the same moments.
        half, rest = (len(articles) // 4) * 2, (len(articles) // 4) * 3
        first = write_jsonl(folder / "first.jsonl", articles[:half] + articles[half:rest])
        second = write_jsonl(folder / "second.jsonl", articles[:half] + articles[rest:])

        reference = serial_reference(url, [first, second], len(articles))
        if reference is None:
            return 1
        failed = False
        for round_ in range(1, args.rounds + 1):
            failed |= not concurrent_round(url, [first, second], reference, round_)
        prepare(url)
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
