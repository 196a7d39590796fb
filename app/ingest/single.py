"""One article from a JSON record, as `dossier ingest` stores it: read, clean, extract, store.

The HTTP write endpoints use it; like the CLI, an article already stored with the same text is
not extracted again, and each article is stored in its own transaction.
"""

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.extract.pipeline import extract_article
from app.ingest.clean import clean_article
from app.ingest.raw import RawArticle
from app.ingest.records import record_to_article
from app.ingest.store import StoreOutcome, store_article
from app.ingest.versions import find_stored, is_unchanged

# spaCy pipelines are not documented as thread-safe; requests run in a thread pool.
_extraction_lock = threading.Lock()


class ExtractionFailed(Exception):
    """The extractor raised on this article (a bug it triggers): nothing was stored."""


@dataclass(frozen=True, slots=True)
class Ingested:
    outcome: StoreOutcome
    article_id: int


def ingest_record(engine: Engine, record: dict[str, Any], origin: str) -> Ingested:
    """Store one record; raises `RecordError` for a bad record, `ExtractionFailed` when the
    extractor raises on it, `StoreConflict` (or the database's IntegrityError, when two writers
    race) when it collides with another article."""
    raw = record_to_article(record, origin)
    with Session(engine) as session:
        if is_unchanged(session, raw):
            return Ingested("unchanged", _stored_id(session, raw))
    try:
        clean = clean_article(raw.title, raw.body)
        with _extraction_lock:
            extraction = extract_article(clean)
    except Exception as exc:  # as in the CLI: the article fails alone, with the cause logged
        raise ExtractionFailed(f"{raw.origin}: extraction failed") from exc
    with Session(engine) as session:
        try:
            outcome = store_article(session, raw, extraction)
            session.commit()
        except Exception:
            session.rollback()
            raise
        return Ingested(outcome, _stored_id(session, raw))


def _stored_id(session: Session, raw: RawArticle) -> int:
    article = find_stored(session, raw)
    if article is None:  # store_article has just written it in this session's database
        raise LookupError(f"{raw.origin}: stored article not found")
    return article.id
