"""Ingestion benchmark: Dossier ingestion against a plain full spaCy pass over the same texts.

Takes the first --n articles of a .jsonl file (default: ../shared/corpora/reuters21578.jsonl)
and, for each process count and run, in separate subprocesses (so that peak RSS and CPU figures
never mix):

  ingest  `app.ingest.service.ingest_paths` into a fresh database (SQLite file, or a fresh
          PostgreSQL database created on the server of --database-url and dropped afterwards);
  pipe    `nlp.pipe` of the same spaCy model over the same cleaned bodies, all components on,
          with the same number of processes: the model as spaCy ships it (`spacy.load`, its
          layers on blis), the plain pass a peer runs;
  pipe-ops  the same plain pass on the pipeline as Dossier loads it (`get_nlp`: its layers on
          the matrix library of the DOSSIER_BLAS setting), which shows how much of the ratio
          the parse that skips components earns and how much the matrix library;
  parse   Dossier's selective parse alone (`parse_many`, in chunks of 32 texts over the same
          number of processes), without extraction or storage: the most ingestion could reach
          if those cost nothing.

It prints articles/s, words/s, CPU seconds per 1,000 words, peak RSS (the process tree, summed)
and the ratio of words/s to the plain pass, as medians over --runs (the phases rotate in order
from run to run). The model load is outside the timed section of every phase, reported apart.

    .venv/bin/python scripts/bench_ingest.py --n 2000 --processes 1,2 --runs 3
    .venv/bin/python scripts/bench_ingest.py --n 200 --profile /tmp/ingest.prof
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import median, table  # noqa: E402
from ingest_phases import phase_ingest, phase_parse, phase_pipe, read_texts  # noqa: E402
from locations import PYTHON, REUTERS  # noqa: E402
from phases import run_phase  # noqa: E402

# Acceptance targets of the performance issue.
TARGET_RATIO = 2.0
TARGET_REUTERS_S = 300.0
REUTERS_ARTICLES = 19_043
TARGET_RSS_MB = 1536.0
PHASES = ["ingest", "pipe", "pipe-ops", "parse"]


def coverage(texts: list[str]) -> dict[str, float]:
    """Share of the words that the selective parse runs through each level of components:
    `speech` every component (as a plain pass does), `names` all but the parser, `plain`
    the tokenizer and sentence splitter only. Ingestion cannot beat the plain pass by more
    than the work the last two levels skip."""
    from app.extract.nlp import paragraph_levels
    from app.extract.pipeline import speech_marks

    counts = {"speech": 0, "names": 0, "plain": 0}
    for text in texts:
        for start, end, level in paragraph_levels(text, speech_marks(text)):
            counts[level.name.lower()] += len(text[start:end].split())
    total = sum(counts.values()) or 1
    return {level: count / total for level, count in counts.items()}


# --- driver ----------------------------------------------------------------------------------


def write_sample(source: Path, n: int, out: Path) -> int:
    """The first `n` non-empty lines of `source` into `out`; how many."""
    count = 0
    with source.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if count >= n:
                break
            if line.strip():
                dst.write(line if line.endswith("\n") else line + "\n")
                count += 1
    return count


@contextlib.contextmanager
def fresh_database(base_url: str | None, workdir: Path) -> Iterator[str]:
    """A fresh empty database URL: a new SQLite file, or a new PostgreSQL database."""
    if base_url is None or base_url.startswith("sqlite"):
        folder = workdir if base_url is None else Path(base_url.split("///", 1)[1]).parent
        path = folder / f"bench-ingest-{uuid.uuid4().hex[:8]}.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base_url)
    name = f"dossier_bench_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure_phase(cmd: list[str]) -> dict[str, Any]:
    phase = run_phase(cmd, timeout=3600)
    data = phase.data
    # CPU of the timed section: everything the tree used, minus the child's own set-up.
    data["cpu_s"] = max(phase.sampled_cpu_s - data["setup_cpu_s"], 0.0)
    data["peak_rss_mb"] = phase.peak_tree_rss_mb
    data["maxrss_mb"] = phase.maxrss_mb
    data["wall_s"] = phase.wall_s
    return data


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=REUTERS, help="a .jsonl of articles")
    parser.add_argument("--n", type=int, default=2000, help="articles (the first N)")
    parser.add_argument("--processes", default="1", help="process counts, e.g. 1,2")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--database-url",
        help="sqlite:///<dir>/any.db (fresh files in that folder) or a PostgreSQL URL (a fresh "
        "database is created on that server per run); default: SQLite in a temp folder",
    )
    parser.add_argument("--pipe-batch-size", type=int, help="nlp.pipe batch size (spaCy default)")
    parser.add_argument("--profile", type=Path, help="cProfile one ingest run to this file")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_phase_here(args: argparse.Namespace) -> None:
    """--phase: that phase in this process, its figures printed as one JSON line."""
    if args.phase == "ingest":
        data = phase_ingest(args.jsonl, int(args.processes), args.database_url)
    elif args.phase == "parse":
        data = phase_parse(args.jsonl, int(args.processes))
    else:  # pipe, pipe-ops
        shipped = args.phase == "pipe"
        data = phase_pipe(args.jsonl, int(args.processes), args.pipe_batch_size, shipped)
    print(json.dumps(data))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.phase:
        run_phase_here(args)
        return 0
    if not args.input.exists():
        raise SystemExit(f"no input file {args.input}")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        workdir = Path(tmp)
        jsonl = workdir / "sample.jsonl"
        n = write_sample(args.input, args.n, jsonl)
        texts, _records = read_texts(jsonl)
        words = sum(len(t.split()) for t in texts)
        print(f"{n:,} articles, {words:,} words (cleaned bodies) from {args.input}", flush=True)
        shares = coverage(texts)
        print("words by what the selective parse runs on them: "
              f"every component {shares['speech']:.1%} (speech and the paragraphs before it), "
              f"all but the parser {shares['names']:.1%} (names), "
              f"tokens and sentences only {shares['plain']:.1%}", flush=True)  # fmt: skip
        me = str(Path(__file__).resolve())
        results = run_rounds(args, me, jsonl, workdir, n, words)
        print(render(results, n, words, args.runs))
        if args.profile:
            profile_ingest(me, jsonl, args.profile, workdir, args.database_url)
        if args.json:
            args.json.write_text(json.dumps({"articles": n, "words": words, "coverage": shares,
                                             "results": results}, indent=1))  # fmt: skip
    return 0


def run_rounds(
    args: argparse.Namespace, me: str, jsonl: Path, workdir: Path, n: int, words: int
) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """--runs rounds of every phase for each process count (the phases rotating in order from
    round to round), each phase's figures printed as it ends."""
    results: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for run in range(args.runs):
        for p in [int(x) for x in args.processes.split(",")]:
            per = results.setdefault(p, {phase: [] for phase in PHASES})
            turn = run % len(PHASES)
            order = PHASES[turn:] + PHASES[:turn]
            for phase in order:
                data = run_one(args, me, phase, jsonl, p, workdir)
                data["articles_per_s"] = n / data["seconds"]
                data["words_per_s"] = words / data["seconds"]
                data["cpu_s_per_1k_words"] = data["cpu_s"] / words * 1000
                per[phase].append(data)
                print(
                    f"[run {run + 1}/{args.runs} processes={p}] {phase:8s} "
                    f"{data['seconds']:7.1f} s  {data['articles_per_s']:7.1f} art/s  "
                    f"{data['words_per_s']:8,.0f} words/s  CPU {data['cpu_s']:.1f} s  "
                    f"peak RSS {data['peak_rss_mb']:,.0f} MB"
                    + (
                        f"  (processes option: {data.get('processes_option')})"
                        if phase == "ingest"
                        else ""
                    ),
                    flush=True,
                )
    return results


def run_one(
    args: argparse.Namespace, me: str, phase: str, jsonl: Path, processes: int, workdir: Path
) -> dict[str, Any]:
    """One phase in its own subprocess (ingest into a fresh database), measured."""
    cmd = [PYTHON, me, "--phase", phase, "--jsonl", str(jsonl),
           "--processes", str(processes)]  # fmt: skip
    if phase in ("pipe", "pipe-ops") and args.pipe_batch_size:
        cmd += ["--pipe-batch-size", str(args.pipe_batch_size)]
    if phase == "ingest":
        with fresh_database(args.database_url, workdir) as url:
            return measure_phase([*cmd, "--database-url", url])
    return measure_phase(cmd)


def _ratios(runs: list[dict[str, Any]], baseline: list[dict[str, Any]]) -> list[float]:
    """words/s of each run over that of the baseline's run of the same round."""
    return [x["words_per_s"] / q["words_per_s"] for x, q in zip(runs, baseline, strict=True)]


def render(
    results: dict[int, dict[str, list[dict[str, Any]]]], n: int, words: int, runs: int
) -> str:
    rows = []
    checks = []
    for p, per in results.items():
        ratios = {phase: _ratios(per[phase], per["pipe"]) for phase in PHASES}
        same_ops = _ratios(per["ingest"], per["pipe-ops"])
        for phase in PHASES:
            d = per[phase]
            rows.append([
                f"{phase} p={p}", median([x["seconds"] for x in d]),
                median([x["articles_per_s"] for x in d]), median([x["words_per_s"] for x in d]),
                median([x["cpu_s_per_1k_words"] for x in d]) * 1000,
                max(x["peak_rss_mb"] for x in d), max(x["maxrss_mb"] for x in d),
                median([x["load_s"] for x in d]),
                median(ratios[phase]),
            ])  # fmt: skip
        ingest = per["ingest"]
        ratio = median(ratios["ingest"])
        rate = median([x["articles_per_s"] for x in ingest])
        est = REUTERS_ARTICLES / rate if rate else float("inf")
        rss = max(x["peak_rss_mb"] for x in ingest)
        option = ingest[0].get("processes_option")
        checks += [
            f"  processes={p}"
            + (
                ""
                if option
                else "  (ingest_paths takes no process count: ingestion ran in 1 process)"
            ),  # fmt: skip
            f"    [{'PASS' if ratio >= TARGET_RATIO else 'FAIL'}] ingest/pipe words/s "
            f"x{ratio:.2f} >= x{TARGET_RATIO} (needs x{TARGET_RATIO / ratio:.1f} faster)",
            f"    [info] the same against the plain pass on Dossier's matrix library (pipe-ops): "
            f"x{median(same_ops):.2f}; that plain pass itself: x{median(ratios['pipe-ops']):.2f}",
            f"    [info] the selective parse alone (parse), no extraction or storage: "
            f"x{median(ratios['parse']):.2f} of pipe, the most ingestion could reach",
            f"    [{'PASS' if est < TARGET_REUTERS_S else 'FAIL'}] {REUTERS_ARTICLES:,} Reuters "
            f"articles at {rate:.1f} art/s: ~{est:.0f} s < {TARGET_REUTERS_S:.0f} s",
            f"    [{'PASS' if rss < TARGET_RSS_MB else 'FAIL'}] ingest peak RSS {rss:,.0f} MB "
            f"< {TARGET_RSS_MB:,.0f} MB",
        ]
    head = ["phase", "s", "art/s", "words/s", "CPU ms/1k words", "peak RSS MB (tree)",
            "maxrss MB", "model load s", "x pipe"]  # fmt: skip
    return (
        f"\n== {n:,} articles, {words:,} words; medians of {runs} run(s) ==\n"
        + table(rows, head)
        + "\n"
        + "\n".join(checks)
    )


def profile_ingest(
    me: str, jsonl: Path, out: Path, workdir: Path, database_url: str | None
) -> None:
    """One ingest phase under cProfile; prints the top functions by own and cumulative time."""
    import pstats

    with fresh_database(database_url, workdir) as url:
        code = (
            "import cProfile,sys,json;sys.argv=sys.argv[1:];"
            f"sys.path.insert(0,{str(Path(me).parent)!r});"
            "import ingest_phases as b;p=cProfile.Profile();p.enable();"
            f"b.phase_ingest(b.Path({str(jsonl)!r}),1,{url!r});"
            f"p.disable();p.dump_stats({str(out)!r});print(json.dumps({{}}))"
        )
        run_phase([PYTHON, "-c", code, "x"], timeout=3600)
    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    os.environ.setdefault("DOSSIER_LOG_LEVEL", "warning")
    raise SystemExit(main())
