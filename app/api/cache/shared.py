"""Answers shared by the worker processes of one server, through an SQLite file.

Under several uvicorn workers each also writes what it computes to a file that the workers of
that server share (`SharedAnswers`), and reads it before computing an answer it lacks. The
workers' data versions are their own counts, so a shared answer carries the time its
computation started instead: a worker takes it only if that is later than the last change of
the data this worker has seen (or its own start), so the answer was computed from data at
least as new as what this worker would read.
"""

import hashlib
import json
import logging
import multiprocessing
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Message = dict[str, Any]


class SharedAnswers:
    """Answers shared by the worker processes of one server: an SQLite file (WAL, no fsync)
    holding key -> (monotonic time the computation started, response start, body). Any failure
    (a lock held too long, a full disk) makes a read a miss and a write a no-op: it is a cache."""

    TIMEOUT_S = 0.02  # waited for another worker's write, then given up
    MAX_ENTRIES = 20_000  # the oldest written are dropped beyond this

    def __init__(self, path: Path) -> None:
        self.path = path
        self.writes = 0
        self.conn: sqlite3.Connection | None = None

    @classmethod
    def for_workers(cls, database_url: str) -> "SharedAnswers | None":
        """The file of this server's workers (uvicorn starts them as children of one process);
        None in a process of its own, where there is no one to share with."""
        parent = multiprocessing.parent_process()
        if parent is None or parent.pid is None:
            return None
        folder = Path(tempfile.gettempdir()) / f"dossier-answers-{os.getuid()}"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            _remove_orphans(folder)
        except OSError as exc:
            log.warning("answers are not shared between workers: %s", exc)
            return None
        digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
        return cls(folder / f"{parent.pid}-{digest}.db")

    def _connection(self) -> sqlite3.Connection:
        if self.conn is None:
            conn = sqlite3.connect(self.path, timeout=self.TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)  # fmt: skip
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS answer (key BLOB PRIMARY KEY, started REAL, "
                "head TEXT, body BLOB)"
            )
            self.conn = conn
        return self.conn

    def get(self, key: bytes) -> tuple[float, Message, bytes] | None:
        try:
            row = (
                self._connection()
                .execute("SELECT started, head, body FROM answer WHERE key = ?", (key,))
                .fetchone()
            )
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            head = json.loads(row[1])
            headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in head["headers"]]
            start = {"type": "http.response.start", "status": int(head["status"]),
                     "headers": headers}  # fmt: skip
            return float(row[0]), start, bytes(row[2])
        except (ValueError, TypeError, KeyError, AttributeError):  # a damaged row: a miss
            return None

    def put(self, key: bytes, started: float, start: Message, body: bytes) -> None:
        head = json.dumps({
            "status": start["status"],
            "headers": [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start["headers"]],
        })  # fmt: skip
        try:
            conn = self._connection()
            conn.execute(
                "INSERT OR REPLACE INTO answer (key, started, head, body) VALUES (?, ?, ?, ?)",
                (key, started, head, body),
            )
            self.writes += 1
            if self.writes % 500 == 0:
                conn.execute(
                    "DELETE FROM answer WHERE rowid <= (SELECT max(rowid) FROM answer) - ?",
                    (self.MAX_ENTRIES,),
                )
        except sqlite3.Error as exc:
            log.debug("a shared answer was not written: %s", exc)


def _remove_orphans(folder: Path) -> None:
    """Files of servers that have stopped (their process is gone)."""
    for path in folder.glob("*.db*"):
        pid = path.name.split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def shared_key(key: tuple[str, bytes]) -> bytes:
    """The key in the workers' file of a cache key (path, query string and Accept)."""
    return key[0].encode() + b"\x00" + key[1]
