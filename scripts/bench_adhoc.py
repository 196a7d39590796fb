"""Ad-hoc query benchmark: an analyst's statement queries, each path new, beside a bare route.

bench_api.py cycles a few paths per kind, so after each path's first answer it measures the
response cache. Here every run draws its paths afresh, with a seed, from pools the database
offers (scripts/adhoc_paths.py: thousands of speakers by surname and words of statement texts,
every country, date ranges, kinds, organisations, and pairs of them), so that a path comes
about once (the output prints how often each came on average).

For each target (this checkout, or `--target LABEL=REPO[@URL]` given several times to compare
versions side by side) and each response-cache setting (`--cache off,on`), a uvicorn server
of --workers workers is started; then for each of --runs runs: the bare route, and on every
server the mix of all kinds, then each kind, for --duration seconds on --connections
connections (wrk when installed). Then, one client at a time, --single paths of each kind,
each asked once. Prints per kind req/s, p50/p95/p99/max, server CPU per request and the ratio
to the bare route of the same run, medians over the runs.

    .venv/bin/python scripts/bench_adhoc.py --database-url sqlite:////tmp/scale.db \
        --workers 2 --connections 32 --duration 5 --runs 3 --cache off,on
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adhoc_paths import KINDS, read_pools, run_paths  # noqa: E402
from bench_api import measure  # noqa: E402
from db_warm import warm_database  # noqa: E402
from figures import median, percentile, table  # noqa: E402
from locations import REPO  # noqa: E402
from proc_stats import tree_cpu_seconds  # noqa: E402
from servers import free_port, get_json, serve  # noqa: E402


def targets(args: argparse.Namespace) -> list[tuple[str, Path, str]]:
    """(label, checkout, database URL) of each version served."""
    if not args.target:
        return [("this", REPO, args.database_url)]
    out = []
    for spec in args.target:
        label, _, rest = spec.partition("=")
        repo, _, url = rest.partition("@")
        out.append((label, Path(repo).resolve(), url or args.database_url))
    return out


def settle(pid: int, most: float = 30.0) -> None:
    """Until the server is idle (under 5% of a core over half a second, at most `most`
    seconds): requests a load left queued when it stopped are not charged to the next."""
    for _ in range(int(most / 0.5)):
        cpu0 = tree_cpu_seconds(pid)
        time.sleep(0.5)
        if tree_cpu_seconds(pid) - cpu0 < 0.025:
            return


def single_client(port: int, paths: list[str], pid: int) -> dict[str, Any]:
    """Each path asked once, one at a time: latencies and the server's CPU per request."""
    cpu0 = tree_cpu_seconds(pid)
    times = sorted(get_json(port, p)[1] * 1000 for p in paths)
    cpu = tree_cpu_seconds(pid) - cpu0
    return {
        "requests": len(times),
        **{f"p{q}_ms": percentile(times, q) for q in (50, 95, 99)},
        "max_ms": times[-1] if times else float("nan"),
        "server_cpu_ms_per_req": cpu / max(len(times), 1) * 1000,
    }


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    kinds = [k for k in args.kinds.split(",") if k]
    first_url = targets(args)[0][2]
    pools = read_pools(first_url, random.Random(args.seed), args.pool)
    print(
        f"pools: {len(pools.surnames)} surnames, {len(pools.words)} words, "
        f"{len(pools.countries)} countries, {len(pools.kinds)} kinds, {len(pools.orgs)} orgs",
        flush=True,
    )
    plans = run_paths(pools, kinds, args.runs, args.paths, args.seed)
    single = run_paths(pools, kinds, 1, args.single, args.seed + 1000)[0]
    caches = [c for c in args.cache.split(",") if c]
    results: dict[str, list[dict[str, Any]]] = {}
    with contextlib.ExitStack() as stack:
        bare_port = free_port()
        bare = stack.enter_context(
            serve("bare_app:app", bare_port, args.workers, {}, app_dir=str(REPO / "scripts"))
        )
        servers = []
        for label, repo, url in targets(args):
            print(f"warming {label}: {warm_database(url)}", flush=True)
            for cache in caches:
                env = {"DATABASE_URL": url, "DOSSIER_LOG_LEVEL": "warning",
                       "DOSSIER_RESPONSE_CACHE": "1" if cache == "on" else "0"}  # fmt: skip
                port = free_port()
                app = serve("app.main:app", port, args.workers, env, repo=repo)
                proc = stack.enter_context(app)
                servers.append((f"{label}/cache {cache}", port, proc.pid))
        for run, plan in enumerate(plans):
            record(results, "bare", measure(bare_port, ["/bare"], args, bare.pid, args.duration))
            for name, port, pid in servers:
                for kind in ["mix", *kinds] if args.per_kind_load else ["mix"]:
                    data = measure(port, plan[kind], args, pid, args.duration)
                    settle(pid)
                    data["distinct"] = len(plan[kind])
                    record(results, f"{name} {kind}", data, run, args.runs)
        for name, port, pid in servers:
            for kind in kinds:
                record(results, f"{name} one client {kind}", single_client(port, single[kind], pid))
    return results


def record(
    results: dict[str, list[dict[str, Any]]], key: str, data: dict[str, Any],
    run: int = 0, runs: int = 1,
) -> None:  # fmt: skip
    results.setdefault(key, []).append(data)
    repeats = data["requests"] / data["distinct"] if data.get("distinct") else 0
    print(
        f"[run {run + 1}/{runs}] {key:40s} {data.get('rps', float('nan')):8.1f} req/s  "
        f"p50 {data['p50_ms']:6.1f}  p95 {data['p95_ms']:6.1f}  p99 {data['p99_ms']:6.1f}  "
        f"max {data['max_ms']:7.1f} ms  server {data['server_cpu_ms_per_req']:.2f} ms CPU/req"
        + (f"  each path x{repeats:.1f}" if repeats else "")
        + (f"  non-2xx {data['requests'] - data['ok']}" if "ok" in data else ""),
        flush=True,
    )


def summary(results: dict[str, list[dict[str, Any]]]) -> str:
    bare = [r["rps"] for r in results.get("bare", [])]
    rows = []
    for key, runs in results.items():
        ratios = [r["rps"] / b for r, b in zip(runs, bare, strict=False) if "rps" in r and b]
        rows.append([
            key, median([r.get("rps", float("nan")) for r in runs]),
            median(ratios) if ratios and key != "bare" else float("nan"),
            *(median([r[f"p{q}_ms"] for r in runs]) for q in (50, 95, 99)),
            max(r["max_ms"] for r in runs),
            median([r["server_cpu_ms_per_req"] for r in runs]),
            sum(r["requests"] for r in runs),
            sum(r["requests"] - r.get("ok", r["requests"]) + r.get("errors", 0) for r in runs),
        ])  # fmt: skip
    return table(
        rows,
        ["kind", "req/s", "x bare", "p50 ms", "p95 ms", "p99 ms", "max ms", "srv CPU ms/req",
         "requests", "bad"],
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--target", action="append", help="LABEL=REPO[@URL], to compare")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measurement")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", default="off,on", help="response cache settings to serve")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--pool", type=int, default=5000, help="values drawn per pool")
    parser.add_argument("--paths", type=int, default=6000, help="paths per kind and run")
    parser.add_argument("--single", type=int, default=200, help="one-client paths per kind")
    parser.add_argument(
        "--per-kind-load", action=argparse.BooleanOptionalAction, default=True,
        help="each kind under load too, not only the mix",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.loadgen_tool = "wrk" if shutil.which("wrk") else "python"
    args.max_requests = 2_000_000
    print(f"load generator: {args.loadgen_tool}", flush=True)
    results = run_all(args)
    print(
        f"\n== {args.connections} connections, {args.workers} worker(s), medians of {args.runs} "
        f"run(s) of {args.duration:g} s; one client: {args.single} paths per kind ==\n"
        + summary(results),
        flush=True,
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
