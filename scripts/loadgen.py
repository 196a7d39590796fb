"""Closed-loop HTTP load on keep-alive connections to 127.0.0.1: an asyncio client of raw
HTTP/1.1 (bounded in time and count), or wrk driven by a Lua script.

Each connection sends its next request as soon as the last one is answered, cycling through the
paths; what is recorded of each answer is up to the kind of load: every latency
(`latency_load`, the figures of bench_api.py) or latencies by interval of the run
(`interval_load`, soak.py's).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from figures import percentile

HOST = "127.0.0.1"


def encode_requests(port: int, paths: Sequence[str]) -> list[bytes]:
    """A keep-alive GET of each path, asking for JSON (the Accept header is part of the
    response cache's key)."""
    return [
        f"GET {p} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: application/json\r\n\r\n".encode()
        for p in paths
    ]


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """One HTTP/1.1 response read to its end: its status, and whether the server closes."""
    status_line = await reader.readline()
    if not status_line:
        raise asyncio.IncompleteReadError(b"", None)
    status = int(status_line.split()[1])
    length: int | None = None
    chunked = close = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif name == b"connection" and b"close" in value.lower():
            close = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    return status, close


class ClosedLoop:
    """`connections` keep-alive connections cycling through `paths`; statuses and failed
    connections counted here, each answer recorded by `answered` (of a subclass)."""

    def __init__(
        self, port: int, paths: Sequence[str], connections: int, timeout: float,
        max_requests: int | None = None,
    ) -> None:  # fmt: skip
        self.port = port
        self.paths = list(paths)
        self.requests = encode_requests(port, paths)
        self.connections = connections
        self.timeout = timeout
        self.budget = max_requests  # requests left to send; None: no limit
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self.started = 0.0

    def answered(self, index: int, status: int, latency: float, elapsed: float) -> None:
        """Request `index` (of the cycle through the paths) answered with `status` after
        `latency` seconds, `elapsed` seconds into the run."""

    def run(self, duration: float) -> float:
        """The load for `duration` seconds (or until the budget is spent); its wall seconds."""
        return asyncio.run(self._run(duration))

    async def _run(self, duration: float) -> float:
        self.started = time.perf_counter()
        deadline = self.started + duration
        await asyncio.gather(*(self._connection(i, deadline) for i in range(self.connections)))
        return time.perf_counter() - self.started

    def _take(self) -> bool:
        """Whether the budget allows one more request (which it then counts)."""
        if self.budget is None:
            return True
        if self.budget <= 0:
            return False
        self.budget -= 1
        return True

    async def _connection(self, start: int, deadline: float) -> None:
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        index = start
        while time.perf_counter() < deadline and self._take():
            sending = index
            index += self.connections
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(HOST, self.port)
                assert reader is not None
                sent = time.perf_counter()
                writer.write(self.requests[sending % len(self.requests)])
                status, close = await asyncio.wait_for(read_response(reader), self.timeout)
                done = time.perf_counter()
                self.statuses[status] = self.statuses.get(status, 0) + 1
                self.answered(sending, status, done - sent, done - self.started)
                if close:
                    writer.close()
                    writer = None
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                self.errors.append(f"{type(exc).__name__}: {exc}"[:200])
                if writer is not None:
                    writer.close()
                writer = None
        if writer is not None:
            writer.close()


class _Latencies(ClosedLoop):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latencies: list[float] = []

    def answered(self, index: int, status: int, latency: float, elapsed: float) -> None:
        self.latencies.append(latency)


def latency_load(
    port: int, paths: list[str], connections: int, duration: float, max_requests: int
) -> dict[str, Any]:
    """Closed-loop load: `connections` keep-alive connections, each sending as soon as answered."""
    load = _Latencies(port, paths, connections, timeout=30.0, max_requests=max_requests)
    cpu0 = time.process_time()
    wall = load.run(duration)
    cpu = time.process_time() - cpu0
    lat = sorted(load.latencies)
    n = len(lat)
    ok = sum(v for k, v in load.statuses.items() if 200 <= k < 300)
    return {
        "requests": n,
        "ok": ok,
        "statuses": {str(k): v for k, v in sorted(load.statuses.items())},
        "errors": len(load.errors),
        "error_sample": load.errors[:3],
        "wall_s": wall,
        "rps": n / wall if wall else 0.0,
        "p50_ms": percentile(lat, 50) * 1000,
        "p95_ms": percentile(lat, 95) * 1000,
        "p99_ms": percentile(lat, 99) * 1000,
        "max_ms": (lat[-1] if lat else float("nan")) * 1000,
        "loadgen_cpu_s": cpu,
    }


class _ByInterval(ClosedLoop):
    def __init__(self, *args: Any, duration: float, interval: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.interval = interval
        self.last_bucket = max(0, -(-int(duration) // int(interval)) - 1)
        self.buckets: dict[int, list[float]] = {}

    def answered(self, index: int, status: int, latency: float, elapsed: float) -> None:
        bucket = min(int(elapsed // self.interval), self.last_bucket)  # tail into the last
        self.buckets.setdefault(bucket, []).append(latency)
        if status >= 500:
            self.errors.append(f"HTTP {status} on {self.paths[index % len(self.paths)]}")


def interval_load(
    port: int, paths: list[str], connections: int, duration: float, interval: float
) -> dict[str, Any]:
    """Closed-loop load for `duration` seconds; latencies bucketed by `interval`, a 5xx answer
    counted as an error like a failed connection."""
    load = _ByInterval(port, paths, connections, timeout=60, duration=duration, interval=interval)
    load.run(duration)
    return {"buckets": load.buckets, "statuses": load.statuses, "errors": load.errors}


WRK_SCRIPT = """
paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1], {["Accept"] = "application/json"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\n{"requests": %%d, "bad_status": %%d, "errors": %%d, "wall_us": %%d, '
    .. '"p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def wrk_command(
    port: int, paths: list[str], script: Path, connections: int, duration: float
) -> list[str]:
    """wrk (one thread, `connections` keep-alive connections) cycling through the paths; its
    Lua script is written to `script`."""
    # Paths are percent-encoded ASCII: a JSON string is a valid Lua string.
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    return ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "30s",
            "-s", str(script), f"http://{HOST}:{port}"]  # fmt: skip


def from_wrk(data: dict[str, Any], cpu: float) -> dict[str, Any]:
    """wrk's figures in the shape of `latency_load`'s (wrk counts statuses >= 400 as bad)."""
    n, wall = data["requests"], data["wall_us"] / 1e6
    return {
        "requests": n,
        "ok": n - data["bad_status"],
        "statuses": {},
        "errors": data["errors"],
        "error_sample": [],
        "wall_s": wall,
        "rps": n / wall if wall else 0.0,
        **{f"{k}_ms": data[f"{k}_us"] / 1000 for k in ("p50", "p95", "p99", "max")},
        "loadgen_cpu_s": cpu,
    }
