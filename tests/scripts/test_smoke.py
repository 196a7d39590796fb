"""Smoke tests of the benchmark scripts: each runs end to end on a handful of articles.

Tiny sizes and durations only (the figures mean nothing here); they check that the scripts run
and print their tables. They need ../shared/corpora and skip without it.
"""

import shutil
import subprocess
import sys

import pytest

from app.core.counts import COUNTERS, counted_sql
from tests.paths import CORPORA_DIR, ROOT

SCRIPTS = ROOT / "scripts"
CORPORA = CORPORA_DIR
REUTERS = CORPORA / "reuters21578.jsonl"

pytestmark = pytest.mark.skipif(not REUTERS.exists(), reason=f"{REUTERS} is absent")


def _run(*args: str, timeout: float = 120) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


@pytest.fixture(scope="module")
def tiny_scale_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("scale")
    url = f"sqlite:///{folder / 'scale.db'}"
    out = _run(
        str(SCRIPTS / "make_scale_db.py"), "--database-url", url, "--cache-dir", str(folder),
        "--sample-reuters", "4", "--sample-bbc", "3", "--sample-defence", "2",
        "--articles", "40", "--statements", "60",
    )  # fmt: skip
    assert "Built" in out and '"statement"' in out
    return url


def test_make_scale_db_replicates_consistently(tiny_scale_db: str) -> None:
    import sqlite3

    con = sqlite3.connect(tiny_scale_db.split("///", 1)[1])
    try:
        assert con.execute("SELECT count(*) FROM article").fetchone()[0] >= 40
        assert con.execute("SELECT count(*) FROM statement").fetchone()[0] >= 60
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # Keys stay unique: one actor per (kind, key), one article per hash.
        assert con.execute(
            "SELECT count(*) FROM (SELECT kind, key FROM actor GROUP BY 1, 2 HAVING count(*) > 1)"
        ).fetchone() == (0,)
        # The stored counts (set aside with the triggers during the copy) match the rows.
        for table, ref, target, key, column, amount in COUNTERS:
            counted = counted_sql(table, ref, target, key, amount)
            assert con.execute(
                f"SELECT count(*) FROM {target} WHERE {column} <> {counted}"
            ).fetchone() == (0,), column
            assert con.execute(f"SELECT max({column}) FROM {target}").fetchone()[0] > 0
    finally:
        con.close()


@pytest.mark.parametrize(
    "tool",
    [
        "python",
        pytest.param(
            "wrk", marks=pytest.mark.skipif(not shutil.which("wrk"), reason="wrk not installed")
        ),
    ],
)
@pytest.mark.slow
def test_bench_api_prints_figures(tiny_scale_db: str, tool: str) -> None:
    out = _run(
        str(SCRIPTS / "bench_api.py"), "--database-url", tiny_scale_db, "--workers", "1",
        "--connections", "4", "--duration", "0.3", "--runs", "1", "--warmup", "0",
        "--walk-pages", "3", "--per-kind", "5", "--loadgen-tool", tool,
    )  # fmt: skip
    assert f"load generator: {tool}" in out
    assert "req/s" in out and "bare" in out and "page1000" in out and "p99" in out
    assert "first request of each speaker path, one client" in out
    # Every kind answered: a table row per kind with a non-zero rate and no bad answers.
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:1].isalpha()}
    for kind in ("bare", "speaker", "page1", "page1000", "mix"):
        assert float(rows[kind][1].replace(",", "")) > 0, rows[kind]
        assert rows[kind][-1] == "0", rows[kind]  # the "bad" column


@pytest.mark.slow
def test_bench_adhoc_prints_figures(tiny_scale_db: str) -> None:
    out = _run(
        str(SCRIPTS / "bench_adhoc.py"), "--database-url", tiny_scale_db, "--workers", "1",
        "--connections", "2", "--duration", "1", "--runs", "1", "--cache", "off,on",
        "--kinds", "speaker,q,country+dates", "--paths", "10", "--single", "3", "--pool", "50",
    )  # fmt: skip
    assert "pools: " in out and "each path x" in out
    table = out.split("== ", 1)[1]
    rows = {line.rsplit(None, 9)[0]: line.split() for line in table.splitlines()[3:] if line}
    for key in ("bare", "this/cache off mix", "this/cache on q", "this/cache off one client q"):
        assert rows[key][-1] == "0", rows[key]  # the "bad" column
        assert int(rows[key][-2].replace(",", "")) > 0, rows[key]  # requests
    assert float(rows["this/cache on mix"][-9].replace(",", "")) > 0  # req/s


@pytest.mark.slow
def test_bench_ingest_prints_figures() -> None:
    out = _run(
        str(SCRIPTS / "bench_ingest.py"), "--n", "3", "--processes", "1", "--runs", "1",
    )  # fmt: skip
    assert "words/s" in out and "ingest p=1" in out and "pipe p=1" in out
    assert "pipe-ops p=1" in out and "on Dossier's matrix library (pipe-ops): x" in out
    assert "parse p=1" in out and "the selective parse alone (parse), no extraction" in out
    assert "words by what the selective parse runs on them: every component " in out
