"""`dossier ingest` in a subprocess, as the crash, concurrency and soak runs start it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from locations import REPO


def ingest_command(url: str, *paths: Path) -> list[str]:
    return [sys.executable, "-c", "from app.cli import main; main()", "ingest", "--no-progress",
            "--database-url", url, *map(str, paths)]  # fmt: skip


def ingest_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "DOSSIER_LOG_LEVEL": "warning"}


def run_ingest(url: str, *paths: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """An ingest run to its end; its output captured."""
    return subprocess.run(
        ingest_command(url, *paths), cwd=REPO, env=ingest_env(), capture_output=True,
        text=True, timeout=timeout,
    )  # fmt: skip


def start_ingest(
    url: str, *paths: Path, capture: bool = False, cwd: Path | None = REPO
) -> subprocess.Popen[str]:
    """An ingest started and left running; its output captured (text) or discarded. `cwd` None:
    the caller's folder."""
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(
        ingest_command(url, *paths), cwd=cwd, env=ingest_env(), stdout=output, stderr=output,
        text=True,
    )  # fmt: skip
