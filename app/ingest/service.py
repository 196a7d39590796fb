"""Ingestion end to end: migrate, read, clean, extract in batches, store a batch a transaction.

Failures (unreadable files or records, extraction or storage errors) are collected, never fatal.
"""

import logging
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.core.db import make_engine, resolve_database_url
from app.core.migrate import upgrade_head
from app.extract.types import CleanArticle
from app.ingest.clean import clean_article
from app.ingest.raw import RawArticle, ReadFailure
from app.ingest.readers import find_files, read_file_with_offsets
from app.ingest.summary import IngestSummary, failure_reason
from app.ingest.transactions import store_batch
from app.ingest.versions import is_unchanged
from app.ingest.workers import PendingBatch, WorkerPool, Workers, extract_batch

log = logging.getLogger(__name__)

# Articles extracted together: big enough for spaCy's batching, small enough that progress moves.
BATCH_SIZE = 32

ExtractionEngine = Literal["local", "ray"]


def ingest_paths(
    paths: Sequence[Path],
    *,
    database_url: str | None = None,
    progress: bool = True,
    processes: int = 1,
    engine_name: ExtractionEngine = "local",
) -> IngestSummary:
    """Ingest the .txt, .json and .jsonl files under `paths` into the database at `database_url`
    (default: the DATABASE_URL setting), after bringing its schema up to date. With
    `processes` > 1, extraction runs in that many worker processes (one model each) while this
    process reads and stores; with `engine_name` "ray", in that many Ray actors."""
    url = resolve_database_url(database_url)
    upgrade_head(url)
    engine = make_engine(url)
    summary = IngestSummary()
    batch_size = BATCH_SIZE * max(1, processes)
    files: list[Path] = []
    for found in find_files(paths):
        if isinstance(found, ReadFailure):
            summary.fail(found.origin, found.reason)
        else:
            files.append(found)
    summary.files_read = len(files)
    workers: WorkerPool | None = None
    try:
        workers = _workers(engine_name, processes)
        with _progress_bar(progress) as bar:
            task = bar.add_task("Ingesting", total=sum(_size(f) for f in files), articles=0)
            # With workers, one batch is extracted while the one before it is stored here.
            in_flight: deque[PendingBatch] = deque()
            ahead = 1 if workers is not None else 0

            def finish_oldest() -> None:
                _finish_batch(engine, in_flight.popleft(), summary, workers)
                bar.update(task, articles=summary.new + summary.updated + summary.unchanged)

            batch: list[RawArticle] = []
            for raw in _read_all(files, summary, bar, task):
                batch.append(raw)
                if len(batch) >= batch_size:
                    in_flight.append(_start_batch(engine, batch, summary, workers))
                    batch = []
                    while len(in_flight) > ahead:
                        finish_oldest()
            in_flight.append(_start_batch(engine, batch, summary, workers))
            while in_flight:
                finish_oldest()
        with Session(engine) as session:
            summary.count_totals(session)
    finally:
        engine.dispose()
        if workers is not None:
            workers.shutdown()
    return summary


def _workers(engine_name: ExtractionEngine, processes: int) -> WorkerPool | None:
    """Where the extraction runs: Ray actors, local worker processes, or (None) here."""
    if engine_name == "ray":
        from app.ingest.ray_workers import RayWorkers

        return RayWorkers(processes)
    return Workers(processes) if processes > 1 else None


def _read_all(
    files: list[Path], summary: IngestSummary, bar: Progress, task: TaskID
) -> Iterator[RawArticle]:
    for path in files:
        done = 0
        for item, offset in read_file_with_offsets(path):
            bar.advance(task, offset - done)
            done = offset
            if isinstance(item, ReadFailure):
                summary.fail(item.origin, item.reason)
            else:
                if item.warning:
                    summary.warnings.append((item.origin, item.warning))
                yield item
        bar.advance(task, _size(path) - done)


def _start_batch(
    engine: Engine,
    batch: list[RawArticle],
    summary: IngestSummary,
    workers: WorkerPool | None = None,
) -> PendingBatch:
    """Skip the unchanged articles, clean the rest and hand them to the workers, if any."""
    if not batch:
        return PendingBatch([])
    # Articles stored before with the same text need no extraction: that is most of a re-run.
    with Session(engine) as session:
        todo = []
        for raw in batch:
            if is_unchanged(session, raw):
                summary.unchanged += 1
            else:
                todo.append(raw)
    cleaned: list[tuple[RawArticle, CleanArticle]] = []
    for raw in todo:
        try:
            cleaned.append((raw, clean_article(raw.title, raw.body)))
        except Exception as exc:  # a cleaning bug must cost one article, not the run
            log.debug("cleaning %s failed", raw.origin, exc_info=True)
            summary.fail(raw.origin, f"cleaning failed: {failure_reason(exc)}")
    pending = PendingBatch(cleaned)
    if workers is not None and not workers.given_up and cleaned:
        articles = [clean for _raw, clean in cleaned]
        # Batches hold BATCH_SIZE articles per worker: one chunk each.
        chunks = [articles[i : i + BATCH_SIZE] for i in range(0, len(articles), BATCH_SIZE)]
        pending.futures = [workers.submit(chunk) for chunk in chunks]
        pending.pool = workers.pool
    return pending


def _finish_batch(
    engine: Engine,
    pending: PendingBatch,
    summary: IngestSummary,
    workers: WorkerPool | None = None,
) -> None:
    store_batch(engine, extract_batch(pending, summary, workers), summary)


def _progress_bar(enabled: bool) -> Progress:
    # On stderr, so stdout carries only the summary (and stays parseable).
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
