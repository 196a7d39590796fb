"""Extraction of a batch: in long-lived worker processes, or in this one; an article that breaks
its batch (or kills its worker) is extracted alone, so that it costs only itself."""

import logging
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from app.extract.nlp import get_nlp
from app.extract.pipeline import extract_article, extract_chunk, extract_many
from app.extract.types import ArticleExtraction, CleanArticle
from app.ingest.raw import RawArticle
from app.ingest.summary import IngestSummary, failure_reason

log = logging.getLogger(__name__)


class WorkerPool:
    """Extraction workers that each load the spaCy model once, not once per batch: local
    processes (`Workers`) or Ray actors (`app.ingest.ray_workers`). When articles keep killing
    the worker that extracts them alone (`MAX_DEATHS_IN_A_ROW` of them, none extracted in
    between: workers that cannot run at all), the run gives up on workers and extracts in its
    own process."""

    MAX_DEATHS_IN_A_ROW = 3
    pool: Any  # what a batch's futures run on, handed back to `renew` when it breaks

    def __init__(self) -> None:
        self.deaths_in_a_row = 0

    @property
    def given_up(self) -> bool:
        return self.deaths_in_a_row >= self.MAX_DEATHS_IN_A_ROW

    def extracted(self) -> None:
        """Articles were extracted in a worker: the deaths before were not the workers'."""
        self.deaths_in_a_row = 0

    def submit(self, articles: list[CleanArticle]) -> "Future[list[ArticleExtraction]]":
        raise NotImplementedError

    def renew(self, broken: Any) -> None:
        """A new pool in place of `broken` after a worker's death, unless that was replaced
        already (nothing to do where the pool replaces its workers itself)."""

    def shutdown(self, wait: bool = True) -> None:
        raise NotImplementedError


class Workers(WorkerPool):
    """Long-lived extraction worker processes. A worker that dies (killed, out of memory,
    crashed) breaks the whole pool: it is then replaced by a new one."""

    def __init__(self, processes: int) -> None:
        super().__init__()
        self._processes = processes
        self.pool: ProcessPoolExecutor = self._start()

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

    def renew(self, broken: Any) -> None:
        if self.pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()

    def shutdown(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=True)


@dataclass
class PendingBatch:
    """A batch read and cleaned, its extraction running in the workers (or not yet started)."""

    cleaned: list[tuple[RawArticle, CleanArticle]]
    futures: list["Future[list[ArticleExtraction]]"] | None = None
    pool: Any = None  # the one the futures run in


def extract_batch(
    pending: PendingBatch, summary: IngestSummary, workers: WorkerPool | None = None
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
    return _extract_one_by_one(cleaned, summary, workers)


def _extract_one_by_one(
    cleaned: list[tuple[RawArticle, CleanArticle]],
    summary: IngestSummary,
    workers: WorkerPool | None,
) -> list[tuple[RawArticle, ArticleExtraction]]:
    """Each article alone: in a worker process of its own when there are workers, so that an
    article that kills its process is known, and takes neither this process nor a batch with it."""
    alone = Workers(1) if workers is not None and not workers.given_up else None
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
                alone = _after_a_death(alone, workers)
            except Exception as exc:  # an extractor bug must cost one article, not the run
                log.debug("extracting %s failed", raw.origin, exc_info=True)
                summary.fail(raw.origin, f"extraction failed: {failure_reason(exc)}")
    finally:
        if alone is not None:
            alone.shutdown()
    return results


def _after_a_death(alone: Workers, workers: WorkerPool) -> Workers | None:
    """The worker for the next article alone after `alone` died: a new one, or none (extract
    here) once too many articles in a row have killed theirs."""
    workers.deaths_in_a_row += 1
    if not workers.given_up:
        alone.renew(alone.pool)
        return alone
    log.error("%d articles in a row killed their extraction worker: extracting "
              "in this process from now on", workers.deaths_in_a_row)  # fmt: skip
    alone.shutdown()
    workers.shutdown(wait=False)  # what it still holds is extracted here too
    return None


def _extract_alone(article: CleanArticle, alone: Workers | None) -> ArticleExtraction:
    """One article extracted by itself, in the `alone` worker if given, else here."""
    if alone is None:
        return extract_article(article)
    (extraction,) = alone.submit([article]).result()
    return extraction
