"""make_scale_db.py's seed: a sample of real articles (Reuters, BBC, defence-dev) ingested for
real into a SQLite database, cached by sample and extractor version, and read back table by
table."""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from locations import CORPORA, REUTERS
from scale_store import TABLES, quote

from app.ingest.raw import RawArticle
from app.ingest.readers import read_file

BBC_CATEGORIES = ("politics", "business", "tech", "entertainment", "sport")

log = logging.getLogger("make_scale_db")


def sample_records(n_reuters: int, n_bbc: int, n_defence: int, seed: int) -> list[dict[str, Any]]:
    """Real articles: Reuters lines (random, seeded), BBC files (politics first), defence-dev."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    if n_reuters and REUTERS.exists():
        with REUTERS.open(encoding="utf-8") as handle:
            lines = handle.readlines()
        for line in rng.sample(lines, min(n_reuters, len(lines))):
            records.append(json.loads(line))
    bbc = CORPORA / "bbc"
    if n_bbc and bbc.is_dir():
        files = [f for cat in BBC_CATEGORIES for f in sorted((bbc / cat).glob("*.txt"))]
        for path in files[:n_bbc]:
            for item in read_file(path):
                if isinstance(item, RawArticle):
                    rel = path.relative_to(bbc).with_suffix("").as_posix()
                    records.append(
                        {"id": f"bbc-{rel}", "title": item.title, "body": item.body,
                         "source": "BBC"}
                    )  # fmt: skip
    defence = sorted((CORPORA / "defence-dev").glob("*.txt"))[:n_defence]
    for path in defence:
        for item in read_file(path):
            if isinstance(item, RawArticle):
                records.append({"id": f"defence-{path.stem}", "title": item.title,
                                "body": item.body, "source": item.source})  # fmt: skip
    if not records:
        raise SystemExit(f"no articles found under {CORPORA}")
    return records


def build_seed(cache_dir: Path, n_reuters: int, n_bbc: int, n_defence: int, seed: int) -> Path:
    """A SQLite database of the sample ingested for real; cached by sample and extractor."""
    from app.extract.version import EXTRACTOR_VERSION
    from app.ingest.service import ingest_paths

    cache_dir.mkdir(parents=True, exist_ok=True)
    name = f"seed-r{n_reuters}-b{n_bbc}-d{n_defence}-s{seed}-{EXTRACTOR_VERSION}.db"
    path = cache_dir / name
    if path.exists():
        log.info("seed database cached: %s", path)
        return path
    records = sample_records(n_reuters, n_bbc, n_defence, seed)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "sample.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        log.info("extracting %d sample articles into %s", len(records), path)
        summary = ingest_paths([jsonl], database_url=f"sqlite:///{partial}", progress=False)
    log.info("seed: %s", summary.render().replace("\n", "; "))
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path


def load_seed(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(path)
    try:
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            name: con.execute(
                f"SELECT {', '.join(quote(c) for c in cols)} FROM {name} ORDER BY 1, 2"
            ).fetchall()
            if name in present
            else []
            for name, cols in TABLES.items()
        }
    finally:
        con.close()
