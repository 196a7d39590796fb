"""A benchmark's database read once into memory, so that measured runs do not read from disk."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path


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


def warm_database(url: str) -> str:
    """Read the database once so that measured runs do not read from disk."""
    t0 = time.perf_counter()
    path = sqlite_path(url)
    if path is not None:
        size = warm_file(path)
        return f"read {size / 2**20:.0f} MiB in {time.perf_counter() - t0:.1f} s"
    from sqlalchemy import text

    from app.core.db import make_engine

    engine = make_engine(url, pooled=False)
    try:
        with engine.connect() as conn:
            tables = [
                r[0]
                for r in conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                )
            ]
            for t in tables:
                conn.execute(text(f'SELECT count(*) FROM "{t}"'))
            with contextlib.suppress(Exception):
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_prewarm"))
                conn.commit()
                names = conn.execute(
                    text(
                        "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n "
                        "ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                        "AND c.relkind IN ('r', 'i')"
                    )
                ).all()
                for (name,) in names:
                    conn.execute(text("SELECT pg_prewarm(:n)"), {"n": name})
    finally:
        engine.dispose()
    return f"counted and prewarmed in {time.perf_counter() - t0:.1f} s"
