"""Helpers shared by the benchmark scripts: subprocess phases, /proc RSS and CPU, statistics.

Nothing here needs psutil: process trees, RSS and CPU time are read from /proc (Linux).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
REUTERS = CORPORA / "reuters21578.jsonl"
PYTHON = sys.executable
_TICKS = os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """`pid` and all its live descendants (from /proc/<pid>/task/*/children)."""
    found = [pid]
    index = 0
    while index < len(found):
        current = found[index]
        index += 1
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    found += [int(child) for child in handle.read().split()]
            except OSError:
                continue
    return found


def rss_kb(pid: int) -> int:
    """Resident set size of one process in KiB, 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """RSS of `pid` and its descendants, summed (shared pages are counted once per process)."""
    return sum(rss_kb(p) for p in descendants(pid))


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one live process (its own threads, not its children)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of `pid` and its live descendants, plus the children they have reaped."""
    total = 0.0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime
        total += sum(int(f) for f in fields[11:15]) / _TICKS
    return total


def machine_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine so far (all cores, from /proc/stat)."""
    with open("/proc/stat") as handle:
        fields = [int(f) for f in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / _TICKS


class PeakSampler:
    """Samples the summed RSS of a process tree in a thread; `peak_kb` once stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.cpu_by_pid: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = descendants(self.pid)
            self.peak_kb = max(self.peak_kb, sum(rss_kb(p) for p in pids))
            for p in pids:
                cpu = cpu_seconds(p)
                if cpu:
                    self.cpu_by_pid[p] = max(cpu, self.cpu_by_pid.get(p, 0.0))
            self._stop.wait(self.interval)

    @property
    def tree_cpu_s(self) -> float:
        """CPU seconds of every process seen in the tree (last sample of each)."""
        return sum(self.cpu_by_pid.values())


@dataclass
class PhaseResult:
    """One phase run in its own subprocess: its JSON answer and what it cost."""

    data: dict[str, Any]
    wall_s: float
    cpu_s: float  # user + system of the child and everything it waited for
    peak_tree_rss_mb: float  # sampled sum over the process tree
    maxrss_mb: float  # largest single process (RUSAGE_CHILDREN.ru_maxrss of this child)
    sampled_cpu_s: float = 0.0  # CPU of every process of the tree, sampled
    stderr: str = field(default="", repr=False)


def run_phase(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, timeout: float | None = None
) -> PhaseResult:
    """Run `cmd` (which prints one JSON object as its last stdout line) in a fresh subprocess.

    The RSS peak is sampled over the whole process tree; ru_maxrss is read from a grandchild
    wrapper so that figures of earlier phases never mix in.
    """
    wrapper = (
        "import json,resource,subprocess,sys;"
        "p=subprocess.run(sys.argv[1:]);"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "sys.stderr.write('\\n@@RUSAGE '+json.dumps([r.ru_maxrss,r.ru_utime+r.ru_stime])+'\\n');"
        "sys.exit(p.returncode)"
    )
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PYTHON, "-c", wrapper, *cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=REPO,
    )
    with PeakSampler(proc.pid) as sampler:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            raise RuntimeError(f"phase timed out after {timeout} s: {' '.join(cmd)}") from None
    wall = time.perf_counter() - start
    maxrss_kb, cpu = 0, 0.0
    kept = []
    for line in err.splitlines():
        if line.startswith("@@RUSAGE "):
            maxrss_kb, cpu = json.loads(line[len("@@RUSAGE ") :])
        else:
            kept.append(line)
    stderr = "\n".join(kept)
    if proc.returncode != 0:
        raise RuntimeError(f"phase failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-3000:]}")
    lines = [line for line in out.splitlines() if line.strip()]
    if not lines:
        raise RuntimeError(f"phase printed nothing: {' '.join(cmd)}\n{stderr[-3000:]}")
    return PhaseResult(
        data=json.loads(lines[-1]),
        wall_s=wall,
        cpu_s=cpu,
        peak_tree_rss_mb=sampler.peak_kb / 1024,
        maxrss_mb=maxrss_kb / 1024,
        sampled_cpu_s=sampler.tree_cpu_s,
        stderr=stderr,
    )


def self_usage() -> dict[str, float]:
    """This process's CPU seconds and ru_maxrss (MiB), for a phase to report about itself."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "self_cpu_s": r.ru_utime + r.ru_stime,
        "children_cpu_s": c.ru_utime + c.ru_stime,
        "self_maxrss_mb": r.ru_maxrss / 1024,
        "children_maxrss_mb": c.ru_maxrss / 1024,
    }


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (q in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def warm_file(path: Path) -> int:
    """Read a file (and its -wal) once so that it is in the page cache; bytes read."""
    total = 0
    for candidate in (path, Path(f"{path}-wal")):
        if candidate.exists():
            with candidate.open("rb") as handle:
                while chunk := handle.read(1 << 22):
                    total += len(chunk)
    return total


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///...` URL, else None."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    return None


def table(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> str:
    """A plain text table, numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 or n == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # nan
            return "-"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
