"""Ingestion end to end: migrate, read, clean, extract in batches, store a batch a transaction.

Failures (unreadable files or records, extraction or storage errors) are collected, never fatal.
"""

import logging
import random
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

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
from sqlalchemy import Engine, distinct, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.core.db import make_engine, resolve_database_url
from app.core.migrate import upgrade_head
from app.core.models import Actor, ArticleCountry, Exercise, Statement
from app.extract.nlp import get_nlp
from app.extract.pipeline import extract_article, extract_chunk, extract_many
from app.extract.types import ArticleExtraction, CleanArticle
from app.ingest.clean import clean_article
from app.ingest.raw import RawArticle, ReadFailure
from app.ingest.readers import find_files, read_file_with_offsets
from app.ingest.store import StoreOutcome, store_article
from app.ingest.store_actors import refresh_titles
from app.ingest.versions import is_unchanged

log = logging.getLogger(__name__)

# Articles extracted together: big enough for spaCy's batching, small enough that progress moves.
BATCH_SIZE = 32
# Times one article's transaction is tried when it collides with another ingest's (a unique key
# taken meanwhile, a deadlock, a locked SQLite file); each retry sees the other's rows.
STORE_ATTEMPTS = 8


@dataclass
class IngestSummary:
    """What one ingest run did, and what the database holds afterwards."""

    files_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # read, with a caveat
    statements: int = 0
    actors: int = 0
    exercises: int = 0
    countries: int = 0  # countries that occur in at least one article

    def fail(self, origin: str, reason: str) -> None:
        self.failed += 1
        self.failures.append((origin, reason))

    def render(self) -> str:
        """The summary as lines of plain text, failures first, totals last."""
        lines = []
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines += [f"  {origin}: {reason}" for origin, reason in self.warnings]
        if self.failures:
            lines.append(f"Failed ({self.failed}):")
            lines += [f"  {origin}: {reason}" for origin, reason in self.failures]
        if self.files_read == 0:
            lines.append("No .txt, .json or .jsonl files found.")
        lines += [
            f"Files read: {self.files_read}",
            f"Articles: {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed",
            f"Database now holds: {self.statements} statements, {self.actors} actors, "
            f"{self.exercises} exercises, {self.countries} countries",
        ]
        return "\n".join(lines)


def ingest_paths(
    paths: Sequence[Path],
    *,
    database_url: str | None = None,
    progress: bool = True,
    processes: int = 1,
) -> IngestSummary:
    """Ingest the .txt, .json and .jsonl files under `paths` into the database at `database_url`
    (default: the DATABASE_URL setting), after bringing its schema up to date. With
    `processes` > 1, extraction runs in that many worker processes (one model each) while this
    process reads and stores."""
    url = resolve_database_url(database_url)
    upgrade_head(url)
    engine = make_engine(url)
    summary = IngestSummary()
    workers = _Workers(processes) if processes > 1 else None
    batch_size = BATCH_SIZE * max(1, processes)
    files: list[Path] = []
    for found in find_files(paths):
        if isinstance(found, ReadFailure):
            summary.fail(found.origin, found.reason)
        else:
            files.append(found)
    summary.files_read = len(files)
    try:
        with _progress_bar(progress) as bar:
            task = bar.add_task("Ingesting", total=sum(_size(f) for f in files), articles=0)
            # With workers, one batch is extracted while the one before it is stored here.
            in_flight: deque[_Pending] = deque()
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
            _count_totals(session, summary)
    finally:
        engine.dispose()
        if workers is not None:
            workers.shutdown()
    return summary


class _Workers:
    """Long-lived extraction worker processes: each loads the spaCy model once, not once per
    batch. A worker that dies (killed, out of memory, crashed) breaks the whole pool: it is
    then replaced by a new one. When articles keep killing the worker that extracts them alone
    (`MAX_DEATHS_IN_A_ROW` of them, none extracted in between: workers that cannot run at all),
    the run gives up on workers and extracts in its own process."""

    MAX_DEATHS_IN_A_ROW = 3

    def __init__(self, processes: int) -> None:
        self._processes = processes
        self.pool = self._start()
        self.deaths_in_a_row = 0

    @property
    def given_up(self) -> bool:
        return self.deaths_in_a_row >= self.MAX_DEATHS_IN_A_ROW

    def extracted(self) -> None:
        """Articles were extracted in a worker: the deaths before were not the workers'."""
        self.deaths_in_a_row = 0

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._processes, mp_context=get_context("spawn"), initializer=get_nlp
        )

    def submit(self, articles: list[CleanArticle]) -> "Future[list[ArticleExtraction]]":
        try:
            return self.pool.submit(extract_chunk, articles)
        except BrokenProcessPool:
            self.renew(self.pool)
            return self.pool.submit(extract_chunk, articles)

    def renew(self, broken: ProcessPoolExecutor) -> None:
        """A new pool in place of `broken`, unless that was replaced already."""
        if self.pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()

    def shutdown(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=True)


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


@dataclass
class _Pending:
    """A batch read and cleaned, its extraction running in the workers (or not yet started)."""

    cleaned: list[tuple[RawArticle, CleanArticle]]
    futures: list["Future[list[ArticleExtraction]]"] | None = None
    pool: ProcessPoolExecutor | None = None  # the one the futures run in


def _start_batch(
    engine: Engine,
    batch: list[RawArticle],
    summary: IngestSummary,
    workers: _Workers | None = None,
) -> _Pending:
    """Skip the unchanged articles, clean the rest and hand them to the workers, if any."""
    if not batch:
        return _Pending([])
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
            summary.fail(raw.origin, f"cleaning failed: {_reason(exc)}")
    pending = _Pending(cleaned)
    if workers is not None and not workers.given_up and cleaned:
        articles = [clean for _raw, clean in cleaned]
        # Batches hold BATCH_SIZE articles per worker: one chunk each.
        chunks = [articles[i : i + BATCH_SIZE] for i in range(0, len(articles), BATCH_SIZE)]
        pending.futures = [workers.submit(chunk) for chunk in chunks]
        pending.pool = workers.pool
    return pending


def _finish_batch(
    engine: Engine, pending: _Pending, summary: IngestSummary, workers: _Workers | None = None
) -> None:
    _store_batch(engine, _extract(pending, summary, workers), summary)


def _store_batch(
    engine: Engine,
    extracted: list[tuple[RawArticle, ArticleExtraction]],
    summary: IngestSummary,
) -> None:
    """Store the batch in one transaction (one commit, not one per article); if any article
    fails (or a concurrent ingest collides), roll the batch back and store it one article a
    transaction, each retried on collisions, so only a failing article is lost and every other
    one is stored exactly as alone."""
    if not extracted:
        return
    with Session(engine) as session:
        try:
            titles: set[int] = set()
            outcomes = [
                store_article(session, raw, extraction, titles=titles)
                for raw, extraction in extracted
            ]
            refresh_titles(session, titles)  # once for the batch: the same titles at commit
            session.commit()
        except Exception:
            session.rollback()
            log.debug("storing the batch failed; storing it one article at a time", exc_info=True)
        else:
            for outcome in outcomes:
                _count(summary, outcome)
            return
    for raw, extraction in extracted:
        try:
            outcome = _store(engine, raw, extraction)
        except Exception as exc:  # rolled back whole: the article is stored entirely or not
            log.debug("storing %s failed", raw.origin, exc_info=True)
            summary.fail(raw.origin, f"could not store: {_reason(exc)}")
            continue
        _count(summary, outcome)


def _count(summary: IngestSummary, outcome: StoreOutcome) -> None:
    if outcome == "new":
        summary.new += 1
    elif outcome == "updated":
        summary.updated += 1
    else:
        summary.unchanged += 1


def _store(engine: Engine, raw: RawArticle, extraction: ArticleExtraction) -> StoreOutcome:
    """Store one article in one transaction: rolled back whole on any error, so it is stored
    entirely or not at all. A collision with a concurrent ingest (IntegrityError on a unique key,
    a deadlock or serialization failure, a locked SQLite file) retries the whole transaction,
    which then finds the other's rows and reuses them."""
    for attempt in range(1, STORE_ATTEMPTS + 1):
        with Session(engine) as session:
            try:
                outcome = store_article(session, raw, extraction)
                session.commit()
                return outcome
            except Exception as exc:
                session.rollback()
                if attempt == STORE_ATTEMPTS or not _is_collision(exc):
                    raise
                log.info("storing %s collided (%s); retrying", raw.origin, _reason(exc))
        time.sleep(random.uniform(0, 0.02 * 2**attempt))
    raise AssertionError("unreachable")


def _is_collision(exc: Exception) -> bool:
    """An error another transaction caused, which the same work can get past when tried again."""
    if isinstance(exc, IntegrityError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    # PostgreSQL: serialization failure, deadlock; SQLite: another writer holds the file.
    if getattr(exc.orig, "sqlstate", None) in {"40001", "40P01"}:
        return True
    message = str(exc.orig).lower()
    return "database is locked" in message or "database is busy" in message


def _extract(
    pending: _Pending, summary: IngestSummary, workers: _Workers | None = None
) -> list[tuple[RawArticle, ArticleExtraction]]:
    """The batch's extractions, from the workers or extracted together here; if that fails,
    one by one, so only the bad article is lost."""
    cleaned = pending.cleaned
    try:
        if pending.futures is None:
            extractions = list(extract_many([clean for _raw, clean in cleaned]))
        else:
            extractions = [e for future in pending.futures for e in future.result()]
        if len(extractions) == len(cleaned):
            if pending.futures is not None and workers is not None:
                workers.extracted()
            return [(raw, ext) for (raw, _clean), ext in zip(cleaned, extractions, strict=True)]
        log.warning(
            "extract_many returned %d of %d; retrying alone", len(extractions), len(cleaned)
        )
    except BrokenProcessPool:
        log.warning("an extraction worker died; extracting the batch one article at a time")
        if workers is not None and pending.pool is not None and not workers.given_up:
            workers.renew(pending.pool)
    except Exception:
        log.warning("batch extraction failed; extracting the batch one by one", exc_info=True)
    # Each article alone: in a worker process of its own when there are workers, so that an
    # article that kills its process is known, and takes neither this process nor a batch with it.
    alone = _Workers(1) if workers is not None and not workers.given_up else None
    results = []
    try:
        for raw, clean in cleaned:
            try:
                results.append((raw, _extract_alone(clean, alone)))
                if alone is not None and workers is not None:
                    workers.extracted()
            except BrokenProcessPool:
                # Whatever killed the worker (memory, a crash in compiled code) came with this
                # article: it is reported, and a new process takes the rest.
                log.warning("the extraction worker died on %s", raw.origin)
                summary.fail(raw.origin, "extraction failed: the worker process died on it "
                                         "(killed, out of memory or crashed)")  # fmt: skip
                if alone is None or workers is None:
                    continue
                workers.deaths_in_a_row += 1
                if workers.given_up:
                    log.error("%d articles in a row killed their extraction worker: extracting "
                              "in this process from now on", workers.deaths_in_a_row)  # fmt: skip
                    alone.shutdown()
                    alone = None
                    workers.shutdown(wait=False)  # what it still holds is extracted here too
                else:
                    alone.renew(alone.pool)
            except Exception as exc:  # an extractor bug must cost one article, not the run
                log.debug("extracting %s failed", raw.origin, exc_info=True)
                summary.fail(raw.origin, f"extraction failed: {_reason(exc)}")
    finally:
        if alone is not None:
            alone.shutdown()
    return results


def _extract_alone(article: CleanArticle, alone: _Workers | None) -> ArticleExtraction:
    """One article extracted by itself, in the `alone` worker if given, else here."""
    if alone is None:
        return extract_article(article)
    (extraction,) = alone.submit([article]).result()
    return extraction


def _count_totals(session: Session, summary: IngestSummary) -> None:
    summary.statements = session.scalar(select(func.count()).select_from(Statement)) or 0
    summary.actors = session.scalar(select(func.count()).select_from(Actor)) or 0
    summary.exercises = session.scalar(select(func.count()).select_from(Exercise)) or 0
    summary.countries = (
        session.scalar(select(func.count(distinct(ArticleCountry.country_code)))) or 0
    )


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


def _reason(exc: Exception) -> str:
    # Database errors carry the statement and parameters; their first line is the reason.
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
