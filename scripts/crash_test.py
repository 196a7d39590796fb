"""Crash safety: SIGKILL an ingest at random moments, check the database, finish with a re-run.

1. An uninterrupted ingest of invented articles gives the reference (then the tables are emptied).
2. `--kills` times: start the same ingest and, once it stores, kill it with SIGKILL after a
   random delay (uniform over the reference run's storing time), then check integrity:
   SQLite's integrity and foreign key checks, no orphan or duplicate rows, and every stored
   article exactly as in the reference (none half stored).
   A run that had stored everything before its kill leaves nothing to interrupt: the tables
   are then emptied for the next kill.
3. A last ingest runs to the end; the database must then equal the reference, row for row.

    .venv/bin/python scripts/crash_test.py [--kills 10] [--articles 40] [--database-url URL]

Without --database-url it works in a temporary SQLite file. The database's data tables are
emptied: never point it at a database you want to keep. Exit code 0 when every check passed.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from db_state import (  # noqa: E402
    counts,
    differences,
    integrity_problems,
    prepare,
    snapshot,
)
from ingest_runs import run_ingest, start_ingest  # noqa: E402
from invented_articles import make_articles, write_jsonl  # noqa: E402


def wait_for_storing(url: str, process: subprocess.Popen[str], above: int = 0) -> float:
    """When the ingest stored its first article (more than `above` stored), or ended."""
    while process.poll() is None:
        if counts(url)["article"] > above:
            break
        time.sleep(0.05)
    return time.monotonic()


def reference_run(
    url: str, inputs: list[Path], expected: int
) -> tuple[dict[str, Any], float] | None:
    """The uninterrupted ingest of `expected` articles: its snapshot, and how long it stored (the
    window the kills fall into); None, with FAIL printed, when it cannot serve as a reference."""
    process = start_ingest(url, *inputs)
    started = time.monotonic()
    first_store = wait_for_storing(url, process) - started
    process.wait()
    duration = time.monotonic() - started
    if process.returncode != 0:
        print("FAIL: the uninterrupted ingest failed")
        return None
    window = max(duration - first_store, 0.1)
    reference = snapshot(url)
    print(
        f"Reference: {duration:.1f} s, storing from {first_store:.1f} s; rows {reference['counts']}"
    )
    if reference["counts"]["article"] != expected or not reference["counts"]["statement"]:
        print("FAIL: the uninterrupted ingest did not store every article with statements")
        return None
    if integrity_problems(url, reference):
        print(f"FAIL: the reference itself: {integrity_problems(url, reference)}")
        return None
    return reference, window


def kill_once(url: str, inputs: list[Path], delay: float) -> bool:
    """The ingest started and, `delay` seconds after it stores, SIGKILLed; whether it had
    finished by then (nothing to kill)."""
    before = counts(url)["article"]
    process = start_ingest(url, *inputs)
    # Once this run stores (or it has nothing left to do), a random moment after that.
    wait_for_storing(url, process, above=before)
    time.sleep(delay)
    finished = process.poll() is not None
    if not finished:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return finished


def kill_runs(
    url: str, inputs: list[Path], reference: dict[str, Any], window: float, kills: int,
    rng: random.Random, expected: int,
) -> bool:  # fmt: skip
    """`kills` ingests killed at random moments of the storing window, each followed by the
    integrity checks; whether any check failed."""
    failed = False
    for kill in range(1, kills + 1):
        delay = rng.uniform(0, window)
        finished = kill_once(url, inputs, delay)
        problems = integrity_problems(url, reference)
        stored = counts(url)["article"]
        state = "had finished" if finished else "killed"
        verdict = "ok" if not problems else "FAIL " + "; ".join(problems)
        print(
            f"Kill {kill:2}: {delay:4.1f} s into storing ({state}), "
            f"{stored}/{expected} articles stored: {verdict}"
        )
        failed |= bool(problems)
        if finished or stored == expected:
            prepare(url)  # nothing left to interrupt: the next kill starts from empty
    return failed


def rerun_completes(url: str, inputs: list[Path], reference: dict[str, Any]) -> bool:
    """A last ingest to the end: whether it succeeded and left exactly the reference's rows."""
    done = run_ingest(url, *inputs)
    final = snapshot(url)
    same = final == reference
    print(f"Re-run: exit {done.returncode}, rows {final['counts']}")
    print(f"Re-run equals the uninterrupted run: {'yes' if same else 'NO'}")
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n")
    if not same:
        for line in differences(final, reference):
            print(line)
    return done.returncode == 0 and same and not integrity_problems(url, reference)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=None, help="of the kill moments")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="robust_crash_") as tmp:
        folder = Path(tmp)
        url = args.database_url or f"sqlite:///{folder / 'crash.db'}"
        # Two files, so a kill can also fall between files.
        articles = make_articles(args.articles)
        half = len(articles) // 2
        inputs = [
            write_jsonl(folder / "a.jsonl", articles[:half]),
            write_jsonl(folder / "b.jsonl", articles[half:]),
        ]

        prepare(url)
        found = reference_run(url, inputs, len(articles))
        if found is None:
            return 1
        reference, window = found
        prepare(url)

        failed = kill_runs(url, inputs, reference, window, args.kills, rng, len(articles))
        failed |= not rerun_completes(url, inputs, reference)
        prepare(url)
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
