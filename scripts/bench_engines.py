"""Ingestion on Ray against local processes, side by side: the first --n articles of a .jsonl
ingested with each engine and worker count (default: Ray 1 and 2 actors, 1 and 2 local
processes) into a fresh database each time, in subprocesses of their own, the order rotating
from round to round; medians of --runs. Ray runs on a local cluster started before the clock
(a cluster is up before an ingest); its actors load the model inside the timed section, as the
local worker processes do. CPU is that of the whole process tree (Ray's own processes too).

    .venv/bin/python scripts/bench_engines.py --n 1000 --runs 3 \\
        --database-url postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import fresh_database, measure_phase, write_sample  # noqa: E402
from figures import median, table  # noqa: E402
from ingest_phases import phase_ingest, read_texts  # noqa: E402
from locations import PYTHON, REUTERS  # noqa: E402

DEFAULT_SETUPS = "ray:1,ray:2,local:1,local:2"
# (numerator, denominator, what the ratio says) of words/s, each from the same round.
RATIOS = [
    ("ray:2", "local:2", "Ray 2 actors / 2 local processes"),
    ("local:2", "local:1", "2 local processes / 1"),
    ("ray:2", "ray:1", "Ray 2 actors / 1"),
    ("ray:1", "local:1", "Ray 1 actor / 1 local process"),
]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=REUTERS, help="a .jsonl of articles")
    parser.add_argument("--n", type=int, default=1000, help="articles (the first N)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--setups", default=DEFAULT_SETUPS, help="engine:workers, comma-separated")
    parser.add_argument("--database-url", help="as bench_ingest.py's (default: SQLite files)")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # engine:workers, run here
    parser.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_rounds(args: argparse.Namespace, jsonl: Path, workdir: Path, words: int) -> dict[str, Any]:
    setups = args.setups.split(",")
    results: dict[str, list[dict[str, Any]]] = {setup: [] for setup in setups}
    me = str(Path(__file__).resolve())
    for run in range(args.runs):
        turn = run % len(setups)
        for setup in setups[turn:] + setups[:turn]:
            with fresh_database(args.database_url, workdir) as url:
                cmd = [PYTHON, me, "--phase", setup, "--jsonl", str(jsonl), "--database-url", url]
                data = measure_phase(cmd)
            data["words_per_s"] = words / data["seconds"]
            results[setup].append(data)
            print(f"[run {run + 1}/{args.runs}] {setup:8s} {data['seconds']:6.1f} s  "
                  f"{data['words_per_s']:7,.0f} words/s  CPU {data['cpu_s']:.1f} s  "
                  f"start {data['load_s']:.1f} s  new {data['new']} failed {data['failed']}  "
                  f"peak RSS {data['peak_rss_mb']:,.0f} MB", flush=True)  # fmt: skip
    return results


def render(results: dict[str, list[dict[str, Any]]], n: int, words: int, runs: int) -> str:
    rows = [
        [setup, median([x["seconds"] for x in d]), n / median([x["seconds"] for x in d]),
         median([x["words_per_s"] for x in d]), median([x["cpu_s"] for x in d]),
         median([x["cpu_s"] / words * 1e6 for x in d]), median([x["load_s"] for x in d]),
         max(x["peak_rss_mb"] for x in d)]
        for setup, d in results.items()
    ]  # fmt: skip
    head = ["setup", "s", "art/s", "words/s", "CPU s", "CPU ms/1k words", "start s",
            "peak RSS MB"]  # fmt: skip
    lines = [f"\n== {n:,} articles, {words:,} words; medians of {runs} run(s) ==",
             table(rows, head)]  # fmt: skip
    for top, bottom, label in RATIOS:
        if top in results and bottom in results:
            ratios = [a["words_per_s"] / b["words_per_s"]
                      for a, b in zip(results[top], results[bottom], strict=True)]  # fmt: skip
            lines.append(f"  {label}: x{median(ratios):.2f} (runs: "
                         + ", ".join(f"{r:.2f}" for r in ratios) + ")")  # fmt: skip
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.phase:
        engine, workers = args.phase.split(":")
        print(json.dumps(phase_ingest(args.jsonl, int(workers), args.database_url, engine)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        jsonl = Path(tmp) / "sample.jsonl"
        n = write_sample(args.input, args.n, jsonl)
        texts, _records = read_texts(jsonl)
        words = sum(len(t.split()) for t in texts)
        print(f"{n:,} articles, {words:,} words from {args.input}", flush=True)
        results = run_rounds(args, jsonl, Path(tmp), words)
        print(render(results, n, words, args.runs))
        if args.json:
            args.json.write_text(json.dumps({"articles": n, "words": words, "results": results}))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DOSSIER_LOG_LEVEL", "warning")
    raise SystemExit(main())
