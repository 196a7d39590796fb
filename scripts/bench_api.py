"""API load benchmark: real queries on a (scale) database against a bare FastAPI endpoint.

For each uvicorn worker count, starts the real app (`app.main:app`) and the bare app
(scripts/bare_app.py) with the same uvicorn settings, then, from a separate load-generator
process, sends each kind of request for --duration seconds on --connections keep-alive
connections to 127.0.0.1. The load generator is wrk when it is installed (C; one thread, a
Lua script cycling through the paths), else an asyncio one of this script (raw HTTP/1.1,
bounded in time and count), which itself needs about a core at 1,000 requests/s: on a 2-core
machine it, not the server, then sets the pace (`--loadgen-tool` chooses).

  bare        GET /bare on the bare app (the reference)
  speaker     /statements?speaker=<name>       country   /statements?country=<code>
  org         /statements?organization_id=<id> fulltext  /statements?q=<word>
  actor       /actors/<id>                     article   /articles/<id>
  page1       /statements (page 1)             page1000  /statements?cursor=<page 1,000>
  mix         all the real kinds above, interleaved

Before each worker count the database is read once into memory; before the measured runs,
every path is requested once, one at a time (its first, uncached answer: printed per kind),
then --warmup seconds of the mix. The runs print requests/s,
p50/p95/p99/max latency, CPU per request (the uvicorn process tree, the
load generator, and the whole machine, which includes PostgreSQL backends) and the ratio to the
bare endpoint, medians over --runs runs (max: the worst of all runs).

    .venv/bin/python scripts/bench_api.py --database-url sqlite:////work/scale/scale.db \
        --workers 1,2 --connections 32 --duration 20 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_paths import cursor_walk, pick_params  # noqa: E402
from db_warm import warm_database  # noqa: E402
from figures import median, percentile, table  # noqa: E402
from loadgen import from_wrk, latency_load, wrk_command  # noqa: E402
from locations import PYTHON, REPO  # noqa: E402
from phases import run_phase  # noqa: E402
from proc_stats import machine_cpu_seconds, tree_cpu_seconds  # noqa: E402
from servers import free_port, get_json, serve  # noqa: E402

nan = float("nan")
KINDS = ("speaker", "country", "org", "fulltext", "actor", "article", "page1", "page1000")


def measure(
    port: int, paths: list[str], args: argparse.Namespace, server_pid: int, duration: float
) -> dict[str, Any]:
    """One run of load on `paths` from a separate process (wrk or this script's --loadgen
    mode): the load generator's figures and the CPU per request of server and machine."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(paths, handle)
        paths_file = handle.name
    try:
        cpu0 = tree_cpu_seconds(server_pid)
        machine0 = machine_cpu_seconds()
        if args.loadgen_tool == "wrk":
            cmd = wrk_command(
                port, paths, Path(paths_file).with_suffix(".lua"), args.connections, duration
            )
        else:
            cmd = [PYTHON, str(Path(__file__).resolve()), "--loadgen", "--port", str(port),
                   "--paths-file", paths_file, "--connections", str(args.connections),
                   "--duration", str(duration),
                   "--max-requests", str(args.max_requests)]  # fmt: skip
        phase = run_phase(cmd, timeout=duration + 120)
        server_cpu = tree_cpu_seconds(server_pid) - cpu0
        machine_cpu = machine_cpu_seconds() - machine0
    finally:
        os.unlink(paths_file)
        Path(paths_file).with_suffix(".lua").unlink(missing_ok=True)
    data = from_wrk(phase.data, phase.cpu_s) if args.loadgen_tool == "wrk" else phase.data
    n = max(data["requests"], 1)
    data["server_cpu_ms_per_req"] = server_cpu / n * 1000
    data["loadgen_cpu_ms_per_req"] = data["loadgen_cpu_s"] / n * 1000
    data["server_cpu_s"] = server_cpu
    # Everything the machine did meanwhile: the database server (PostgreSQL backends are not
    # children of uvicorn), the load generator, and any noise from other tenants.
    data["machine_cpu_ms_per_req"] = machine_cpu / n * 1000
    return data


def wanted_kinds(args: argparse.Namespace) -> tuple[str, ...]:
    """The kinds of --kinds, in its order."""
    return tuple(k for k in args.kinds.split(",") if k)


def run_workers(
    args: argparse.Namespace, workers: int, params: dict[str, list[str]] | None
) -> dict[str, Any]:
    env = {"DATABASE_URL": args.database_url, "DOSSIER_LOG_LEVEL": "warning"}
    app_port, bare_port = free_port(), free_port()
    wanted = wanted_kinds(args)
    results: dict[str, list[dict[str, Any]]] = {k: [] for k in ("bare", *wanted, "mix")}
    # Before each worker count, not once: pages left untouched for half a minute drop out of
    # the page cache on these machines, and the runs of the previous worker count touched
    # only the mix's paths (a first request then read the disk: 200 ms for an organisation's
    # count that takes 3 ms from memory).
    print(f"warming the database: {warm_database(args.database_url)}", flush=True)
    with serve("bare_app:app", bare_port, workers, {}, app_dir=str(REPO / "scripts")) as bare, \
            serve("app.main:app", app_port, workers, env) as api:  # fmt: skip
        paths = params or pick_params(args.database_url, args.seed, args.per_kind)
        walk_path, walk_times = cursor_walk(app_port, args.walk_pages)
        paths["page1000"] = [walk_path]
        print_walk(workers, args.walk_pages, walk_times)
        kinds = [k for k in wanted if paths.get(k)]
        mix = [p for kind in kinds for p in paths[kind][: max(1, args.per_kind // 4)]]
        random.Random(args.seed).shuffle(mix)
        cold = first_requests(app_port, {k: paths[k] for k in kinds}, workers)
        if args.warmup > 0:
            measure(app_port, mix, args, api.pid, args.warmup)
            measure(bare_port, ["/bare"], args, bare.pid, min(args.warmup, 2.0))
        order = [("bare", bare_port, ["/bare"], bare.pid)]
        order += [(k, app_port, paths[k], api.pid) for k in kinds]
        order += [("mix", app_port, mix, api.pid)]
        for run in range(args.runs):
            for kind, port, kind_paths, pid in order:
                data = measure(port, kind_paths, args, pid, args.duration)
                results[kind].append(data)
                print_run(f"[workers={workers} run {run + 1}/{args.runs}] {kind:9s}", data)
    return {"workers": workers, "results": results, "walk_times": walk_times, "cold_ms": cold}


def print_walk(workers: int, pages: int, walk_times: list[float]) -> None:
    print(
        f"[workers={workers}] cursor walk to page {pages}: "
        f"{len(walk_times)} requests, "
        f"{sum(walk_times):.1f} s, p50 page {median(walk_times) * 1000:.1f} ms "
        f"(first {walk_times[0] * 1000 if walk_times else float('nan'):.1f} ms, last "
        f"{walk_times[-1] * 1000 if walk_times else float('nan'):.1f} ms)",
        flush=True,
    )


def first_requests(port: int, paths: dict[str, list[str]], workers: int) -> dict[str, list[float]]:
    """Each path's first request, one at a time: what an uncached query costs alone (sorted
    milliseconds per kind)."""
    cold: dict[str, list[float]] = {}
    for kind, kind_paths in paths.items():
        times = sorted(get_json(port, p)[1] * 1000 for p in kind_paths)
        cold[kind] = times
        print(
            f"[workers={workers}] first request of each {kind} path, one client: "
            f"{len(times)} paths, p50 {percentile(times, 50):.1f}  p99 "
            f"{percentile(times, 99):.1f}  max {times[-1]:.1f} ms",
            flush=True,
        )
    return cold


def print_run(label: str, data: dict[str, Any]) -> None:
    """One measured run's line."""
    print(
        f"{label} "
        f"{data['rps']:8.1f} req/s  p50 {data['p50_ms']:7.1f}  p99 "
        f"{data['p99_ms']:7.1f}  max {data['max_ms']:7.1f} ms  "
        f"server {data['server_cpu_ms_per_req']:.2f} ms CPU/req  "
        f"machine {data['machine_cpu_ms_per_req']:.2f} ms CPU/req  "
        f"non-2xx {data['requests'] - data['ok']}  errors {data['errors']}",
        flush=True,
    )


def summarise(outcome: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    res = outcome["results"]
    bare_rps = [r["rps"] for r in res["bare"]]
    rows = []
    summary: dict[str, Any] = {}
    for kind, runs in res.items():
        if not runs:
            continue
        ratios = [r["rps"] / b for r, b in zip(runs, bare_rps, strict=False) if b]
        s = {
            "rps": median([r["rps"] for r in runs]),
            "p50_ms": median([r["p50_ms"] for r in runs]),
            "p95_ms": median([r["p95_ms"] for r in runs]),
            "p99_ms": median([r["p99_ms"] for r in runs]),
            "max_ms": max(r["max_ms"] for r in runs),
            "server_cpu_ms": median([r["server_cpu_ms_per_req"] for r in runs]),
            "loadgen_cpu_ms": median([r["loadgen_cpu_ms_per_req"] for r in runs]),
            "machine_cpu_ms": median([r.get("machine_cpu_ms_per_req", nan) for r in runs]),
            "ratio_to_bare": median(ratios) if ratios else float("nan"),
            "non_2xx": sum(r["requests"] - r["ok"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
            "requests": sum(r["requests"] for r in runs),
        }
        summary[kind] = s
        rows.append([kind, s["rps"], s["ratio_to_bare"], s["p50_ms"], s["p95_ms"], s["p99_ms"],
                     s["max_ms"], s["server_cpu_ms"], s["loadgen_cpu_ms"], s["machine_cpu_ms"],
                     s["requests"],
                     s["non_2xx"] + s["errors"]])  # fmt: skip
    text = table(
        rows,
        ["kind", "req/s", "x bare", "p50 ms", "p95 ms", "p99 ms", "max ms", "srv CPU ms/req",
         "gen CPU ms/req", "all CPU ms/req", "requests", "bad"],
    )  # fmt: skip
    cold = outcome.get("cold_ms", {})
    checks = acceptance(summary, {k: max(v) for k, v in cold.items() if v})
    return text + "\n" + "\n".join(checks), summary


def acceptance(s: dict[str, Any], cold_max: dict[str, float]) -> list[str]:
    out = []

    def line(ok: bool, what: str) -> None:
        out.append(f"  [{'PASS' if ok else 'FAIL'}] {what}")

    if "speaker" in s:
        line(s["speaker"]["p99_ms"] <= 20, f"speaker p99 {s['speaker']['p99_ms']:.1f} ms <= 20")
    if "mix" in s:
        line(s["mix"]["ratio_to_bare"] >= 0.5,
             f"mix req/s {s['mix']['ratio_to_bare']:.1%} of bare >= 50%")  # fmt: skip
    if "page1" in s and "page1000" in s:
        r50 = s["page1000"]["p50_ms"] / s["page1"]["p50_ms"]
        r99 = s["page1000"]["p99_ms"] / s["page1"]["p99_ms"]
        line(r50 <= 1.5 and r99 <= 1.5, f"page 1,000 / page 1: p50 x{r50:.2f}, p99 x{r99:.2f}")
    worst = max((v["max_ms"], k) for k, v in s.items() if k != "bare")
    line(worst[0] <= 200, f"slowest request under load {worst[0]:.0f} ms ({worst[1]}) <= 200")
    if cold_max:
        first = max((v, k) for k, v in cold_max.items())
        line(first[0] <= 200,
             f"slowest first request of a path, one client {first[0]:.0f} ms ({first[1]}) "
             "<= 200")  # fmt: skip
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="database the API serves (e.g. the scale DB)")
    parser.add_argument("--workers", default="1", help="uvicorn worker counts, e.g. 1,2")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per kind and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured mix seconds")
    parser.add_argument("--max-requests", type=int, default=2_000_000, help="cap per kind")
    parser.add_argument("--walk-pages", type=int, default=1000, help="page of the deep cursor")
    parser.add_argument("--per-kind", type=int, default=50, help="distinct paths per kind")
    parser.add_argument("--kinds", default=",".join(KINDS), help="subset of the kinds")
    parser.add_argument(
        "--loadgen-tool",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load generator: wrk (C, when installed: `apt-get install wrk`) or the asyncio one "
        "of this script, which costs about a core of its own at 1,000 req/s; auto: wrk if found",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    # Load-generator mode (internal).
    parser.add_argument("--loadgen", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--paths-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.loadgen:
        paths = json.loads(Path(args.paths_file).read_text())
        print(json.dumps(latency_load(args.port, paths, args.connections, args.duration,
                                      args.max_requests)))  # fmt: skip
        return 0
    if not args.database_url:
        parser.error("--database-url is required")
    # SIGTERM unwinds like Ctrl-C, so that the servers started here are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if args.loadgen_tool == "auto":
        args.loadgen_tool = "wrk" if shutil.which("wrk") else "python"
    print(f"load generator: {args.loadgen_tool}", flush=True)
    outcomes = []
    for workers in [int(w) for w in args.workers.split(",")]:
        outcome = run_workers(args, workers, None)
        text, summary = summarise(outcome)
        outcome["summary"] = summary
        outcomes.append(outcome)
        print(
            f"\n== {args.connections} connections, {workers} worker(s), medians of {args.runs} "
            f"run(s) of {args.duration:g} s per kind ==\n{text}\n",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(outcomes, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
