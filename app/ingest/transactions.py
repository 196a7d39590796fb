"""Storing extracted articles: a batch in one transaction, or, when that fails, each article in
its own, retried when it collides with a concurrent ingest."""

import logging
import random
import time

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.extract.types import ArticleExtraction
from app.ingest.raw import RawArticle
from app.ingest.store import StoreOutcome, store_article
from app.ingest.store_actors import refresh_titles
from app.ingest.summary import IngestSummary, failure_reason

log = logging.getLogger(__name__)

# Times one article's transaction is tried when it collides with another ingest's (a unique key
# taken meanwhile, a deadlock, a locked SQLite file); each retry sees the other's rows.
STORE_ATTEMPTS = 8


def store_batch(
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
                summary.count(outcome)
            return
    for raw, extraction in extracted:
        try:
            outcome = _store(engine, raw, extraction)
        except Exception as exc:  # rolled back whole: the article is stored entirely or not
            log.debug("storing %s failed", raw.origin, exc_info=True)
            summary.fail(raw.origin, f"could not store: {failure_reason(exc)}")
            continue
        summary.count(outcome)


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
                log.info("storing %s collided (%s); retrying", raw.origin, failure_reason(exc))
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
