"""A benchmark phase in a fresh subprocess: its JSON answer, wall time, CPU and peak memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from locations import PYTHON, REPO
from proc_stats import PeakSampler


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
