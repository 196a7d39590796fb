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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _robust_common import (  # noqa: E402
    ROOT,
    counts,
    ingest_command,
    ingest_env,
    integrity_problems,
    make_articles,
    prepare,
    run_ingest,
    snapshot,
    write_jsonl,
)


def start_ingest(url: str, inputs: list[Path]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ingest_command(url, *inputs), cwd=ROOT, env=ingest_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def wait_for_storing(url: str, process: subprocess.Popen[bytes], above: int = 0) -> float:
    """When the ingest stored its first article (more than `above` stored), or ended."""
    while process.poll() is None:
        if counts(url)["article"] > above:
            break
        time.sleep(0.05)
    return time.monotonic()


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
        process = start_ingest(url, inputs)
        started = time.monotonic()
        first_store = wait_for_storing(url, process) - started
        process.wait()
        duration = time.monotonic() - started
        if process.returncode != 0:
            print("FAIL: the uninterrupted ingest failed")
            return 1
        window = max(duration - first_store, 0.1)
        reference = snapshot(url)
        print(
            f"Reference: {duration:.1f} s, storing from {first_store:.1f} s; "
            f"rows {reference['counts']}"
        )
        if reference["counts"]["article"] != len(articles) or not reference["counts"]["statement"]:
            print("FAIL: the uninterrupted ingest did not store every article with statements")
            return 1
        if integrity_problems(url, reference):
            print(f"FAIL: the reference itself: {integrity_problems(url, reference)}")
            return 1
        prepare(url)

        failed = False
        for kill in range(1, args.kills + 1):
            delay = rng.uniform(0, window)
            before = counts(url)["article"]
            process = start_ingest(url, inputs)
            # Once this run stores (or it has nothing left to do), a random moment after that.
            wait_for_storing(url, process, above=before)
            time.sleep(delay)
            finished = process.poll() is not None
            if not finished:
                process.send_signal(signal.SIGKILL)
            process.wait()
            problems = integrity_problems(url, reference)
            stored = counts(url)["article"]
            state = "had finished" if finished else "killed"
            verdict = "ok" if not problems else "FAIL " + "; ".join(problems)
            print(
                f"Kill {kill:2}: {delay:4.1f} s into storing ({state}), "
                f"{stored}/{len(articles)} articles stored: {verdict}"
            )
            failed |= bool(problems)
            if finished or stored == len(articles):
                prepare(url)  # nothing left to interrupt: the next kill starts from empty

        done = run_ingest(url, *inputs)
        final = snapshot(url)
        same = final == reference
        print(f"Re-run: exit {done.returncode}, rows {final['counts']}")
        print(f"Re-run equals the uninterrupted run: {'yes' if same else 'NO'}")
        if done.returncode != 0:
            print(done.stdout, done.stderr, sep="\n")
        if not same:
            for key in ("actors", "exercises", "counts"):
                if final[key] != reference[key]:
                    print(f"  {key}: {final[key]} != {reference[key]}")
        failed |= done.returncode != 0 or not same or bool(integrity_problems(url, reference))
        prepare(url)
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
