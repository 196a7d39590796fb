"""Reduced runs of scripts/crash_test.py (3 SIGKILLs) and scripts/concurrency_test.py (two
ingests at once) on the test database, SQLite or PostgreSQL. The scripts' own checks decide:
integrity after each kill, the re-run equal to an uninterrupted run, the concurrent result
equal to a serial ingest with no error."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.paths import ROOT

HANG = 600  # seconds: detects a hang, not slowness


def run_script(name: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done.stdout


@pytest.mark.slow
def test_ingest_killed_three_times_leaves_whole_articles_and_a_rerun_completes(
    engine: Engine, database_url: str
) -> None:
    out = run_script(
        "crash_test.py", "--kills", "3", "--articles", "24", "--seed", "5",
        "--database-url", database_url,
    )  # fmt: skip
    assert out.count(": ok") == 3, out
    assert "Re-run equals the uninterrupted run: yes" in out
    assert out.strip().endswith("PASS")


@pytest.mark.slow
def test_two_concurrent_ingests_end_with_the_rows_of_a_serial_one(
    engine: Engine, database_url: str
) -> None:
    out = run_script("concurrency_test.py", "--articles", "24", "--database-url", database_url)
    assert "exits [0, 0]" in out and "equals serial: yes" in out, out
    assert out.strip().endswith("PASS")


@pytest.mark.slow
def test_soak_script_runs_briefly_without_errors(tmp_path: Path) -> None:
    """A few seconds of scripts/soak.py on a fresh SQLite file: the script works end to end
    (the real soak, 10 minutes on the scale database, is run by hand)."""
    from app.core.migrate import upgrade_head

    url = f"sqlite:///{tmp_path / 'soak.db'}"
    upgrade_head(url)
    out = run_script(
        "soak.py", "--database-url", url, "--duration", "8", "--interval", "4",
        "--connections", "4", "--articles", "6",
    )  # fmt: skip
    assert "Errors (5xx or failed connections): 0" in out, out
    assert "Server RSS:" in out and "0 failed" in out
