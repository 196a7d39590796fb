"""Process trees, resident memory and CPU time read from /proc (Linux), without psutil."""

from __future__ import annotations

import os
import threading

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
