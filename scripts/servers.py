"""uvicorn servers of the benchmarks on 127.0.0.1: a free port, start, wait until healthy, stop;
and one timed JSON request to them."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from locations import PYTHON, REPO

HEALTHY_WITHIN = 90  # seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(
    target: str,
    port: int,
    workers: int,
    env: dict[str, str],
    app_dir: str | None = None,
    repo: Path = REPO,
) -> Iterator[subprocess.Popen[bytes]]:
    """uvicorn serving `target` on 127.0.0.1:`port`; the same options for both apps. `repo`:
    the checkout whose `app` it imports (another one to compare two versions side by side)."""
    cmd = [PYTHON, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers), "--log-level", "warning", "--no-access-log"]  # fmt: skip
    if app_dir:
        cmd += ["--app-dir", app_dir]
    env = {**os.environ, "PYTHONPATH": str(repo), **env}
    proc = subprocess.Popen(cmd, cwd=repo, env=env, start_new_session=True)
    try:
        wait_until_healthy(proc, port, cmd)
        # With --workers > 1 every worker must be up, not only the first.
        time.sleep(1.0 if workers > 1 else 0.1)
        yield proc
    finally:
        stop(proc)


def wait_until_healthy(proc: subprocess.Popen[bytes], port: int, cmd: list[str]) -> None:
    """Until GET /health answers 200; an error if the server exits or is not healthy in time."""
    deadline = time.time() + HEALTHY_WITHIN
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {' '.join(cmd)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.time() > deadline:
            raise RuntimeError(f"server not healthy after {HEALTHY_WITHIN} s: {' '.join(cmd)}")
        time.sleep(0.2)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group; SIGKILL if it has not exited within 15 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def get_json(port: int, path: str) -> tuple[Any, float]:
    """GET `path` from 127.0.0.1:`port`: the decoded body and the seconds it took."""
    t0 = time.perf_counter()
    # The Accept header of the load generators: it is part of the response cache's key.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        body = json.loads(response.read())
    return body, time.perf_counter() - t0
