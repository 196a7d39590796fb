"""Which stored article a raw article is a version of (same id, url or text), and whether
storing it again would change anything.
"""

import hashlib
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from app.core.models import Article
from app.extract.version import EXTRACTOR_VERSION
from app.ingest.raw import RawArticle

_V = TypeVar("_V")  # a stored article, or a row of its identifying columns

# Run for every article, so built once and run with parameters (see the store's queries).
# An article's versions: those with its id, its url or its text, all in one query (each column
# is unique and indexed); the whole article, or only what tells whether it is current.
_SAME_ARTICLE = or_(
    Article.external_id == bindparam("external_id"),
    Article.url == bindparam("url"),
    Article.content_hash == bindparam("digest"),
)
_ARTICLES_LIKE = select(Article).where(_SAME_ARTICLE)
_VERSIONS_LIKE = select(
    Article.external_id, Article.url, Article.content_hash, Article.extractor_version
).where(_SAME_ARTICLE)


def content_hash(title: str, body: str) -> str:
    """SHA-256 of the text as read; the same article read again hashes the same."""
    return hashlib.sha256(f"{title.strip()}\n{body.strip()}".encode()).hexdigest()


def find_stored(session: Session, raw: RawArticle, digest: str | None = None) -> Article | None:
    """The stored article `raw` is a version of: same external id, else same url, else same text
    (`digest`: its `content_hash`, when the caller has it)."""
    digest = digest or content_hash(raw.title, raw.body)
    return _first_version(
        session.scalars(_ARTICLES_LIKE, _versions_of(raw, digest)).all(), raw, digest
    )


def is_unchanged(session: Session, raw: RawArticle) -> bool:
    """True when storing `raw` would change nothing, so its extraction can be skipped."""
    digest = content_hash(raw.title, raw.body)
    rows = session.execute(_VERSIONS_LIKE, _versions_of(raw, digest)).all()
    return is_current(_first_version(rows, raw, digest), digest)


def _versions_of(raw: RawArticle, digest: str) -> dict[str, str | None]:
    return {"external_id": raw.external_id, "url": raw.url, "digest": digest}


def _first_version(found: Sequence[_V], raw: RawArticle, digest: str) -> _V | None:
    """Of the articles with `raw`'s id, url or text, the one `find_stored` means."""
    for column, value in (("external_id", raw.external_id), ("url", raw.url),
                          ("content_hash", digest)):  # fmt: skip
        if value is not None:
            for article in found:
                if getattr(article, column) == value:
                    return article
    return None


def is_current(stored: Any, digest: str) -> bool:
    """Stored with the same text by the same extractor: storing it again would change nothing."""
    return (
        stored is not None
        and stored.content_hash == digest
        and stored.extractor_version == EXTRACTOR_VERSION
    )
