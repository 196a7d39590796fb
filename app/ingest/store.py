"""Write one article and its extraction: upsert the article, merge actors and exercises, link all.

Only flushes: the caller owns the transaction (a batch of articles, or one article after a
failure), so a failure leaves nothing.
"""

import logging
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.core.models import (
    Actor,
    Article,
    ArticleActor,
    ArticleCountry,
    ArticleExercise,
    Exercise,
    ExerciseParticipation,
    Statement,
    StatementCountry,
    sort_date,
)
from app.core.text import fold
from app.extract.types import ArticleExtraction, CleanArticle, SpeakerMention, StatementMention
from app.extract.version import EXTRACTOR_VERSION
from app.ingest.raw import RawArticle
from app.ingest.rows import country_codes, insert_rows, known, table
from app.ingest.store_actors import refresh_titles, store_actors
from app.ingest.store_exercises import store_exercises
from app.ingest.versions import content_hash, find_stored, is_current

log = logging.getLogger(__name__)

StoreOutcome = Literal["new", "updated", "unchanged"]

# Run for every article: built once (building it each time cost about as much as running it).
_INSERT_STATEMENTS = insert(table(Statement)).returning(
    table(Statement).c.id, sort_by_parameter_order=True
)


class StoreConflict(ValueError):
    """The article would take an id, url or text that another stored article already has."""


def store_article(
    session: Session,
    raw: RawArticle,
    extraction: ArticleExtraction,
    *,
    titles: set[int] | None = None,
) -> StoreOutcome:
    """Store `raw` with `extraction`; an existing version with other text has its links replaced.

    The titles of the actors it links are refreshed at once, or, given a `titles` set, their ids
    are added to it for one `refresh_titles` over a batch of articles before its commit."""
    digest = content_hash(raw.title, raw.body)
    article = find_stored(session, raw, digest)
    if is_current(article, digest):
        return "unchanged"
    _check_conflicts(session, raw, digest, article)

    outcome: StoreOutcome = "new" if article is None else "updated"
    previous_actors: set[int] = set()
    previous_exercises: set[int] = set()
    if article is None:
        article = Article(content_hash=digest)
        session.add(article)
    else:
        previous_actors, previous_exercises = _clear_extraction(session, article.id)
    _write_article(article, raw, extraction.article, digest)
    session.flush()

    codes = country_codes(session)
    actor_ids = store_actors(session, article.id, extraction.actors, codes)
    exercise_ids = store_exercises(session, article.id, extraction.exercises, codes)
    countries = [
        {"article_id": article.id, "country_code": code, "mentions": mentions}
        for code, mentions in extraction.countries.items()
        if known(code, codes, "article country") and mentions > 0
    ]
    insert_rows(session, ArticleCountry, countries)
    _store_statements(session, article, extraction, actor_ids, codes)
    session.flush()

    current_actors = set(actor_ids.values())
    if titles is None:
        refresh_titles(session, current_actors | previous_actors)
    else:
        titles.update(current_actors | previous_actors)
    _delete_orphans(session, previous_actors - current_actors, previous_exercises - exercise_ids)
    session.flush()
    return outcome


def _write_article(article: Article, raw: RawArticle, clean: CleanArticle, digest: str) -> None:
    """The article row's columns from the text as read (`raw`) and as cleaned (`clean`); what
    `raw` does not give (an id, a url, a date) a stored version keeps."""
    source = raw.source or clean.source
    article.content_hash = digest
    article.external_id = raw.external_id or article.external_id
    article.url = raw.url or article.url
    article.title = clean.title
    article.body = clean.body
    article.search_key = fold(f"{clean.title}\n{clean.body}")
    article.source = source
    article.source_key = fold(source) if source else None
    article.translated_from = clean.translated_from
    article.published_at = raw.published_at or article.published_at
    article.ingested_at = datetime.now(UTC)
    article.extractor_version = EXTRACTOR_VERSION


def _check_conflicts(
    session: Session, raw: RawArticle, digest: str, article: Article | None
) -> None:
    """Refuse, with a reason, an update that would collide with another article's unique keys."""
    if article is None:
        return
    checks = (
        ("text", Article.content_hash, digest),
        ("url", Article.url, raw.url),
        ("id", Article.external_id, raw.external_id),
    )
    for label, column, value in checks:
        if value is None:
            continue
        other = session.scalar(select(Article.id).where(column == value, Article.id != article.id))
        if other is not None:
            raise StoreConflict(f"article #{other} already has the same {label}")


def _clear_extraction(session: Session, article_id: int) -> tuple[set[int], set[int]]:
    """Delete what the old text's extraction wrote; return the actors and exercises it linked."""
    actor_ids = set(
        session.scalars(select(ArticleActor.actor_id).where(ArticleActor.article_id == article_id))
    )
    exercise_ids = set(
        session.scalars(
            select(ArticleExercise.exercise_id).where(ArticleExercise.article_id == article_id)
        )
    )
    statement_ids = select(Statement.id).where(Statement.article_id == article_id)
    # Explicit deletes rather than ON DELETE CASCADE: the article row itself stays.
    session.execute(
        delete(StatementCountry).where(StatementCountry.statement_id.in_(statement_ids))
    )
    for model in (Statement, ArticleActor, ArticleCountry, ArticleExercise, ExerciseParticipation):
        session.execute(delete(model).where(model.article_id == article_id))
    session.expire_all()
    return actor_ids, exercise_ids


def _store_statements(
    session: Session,
    article: Article,
    extraction: ArticleExtraction,
    actor_ids: dict[str, int],
    codes: frozenset[str],
) -> None:
    rows: list[dict[str, Any]] = []
    for position, mention in enumerate(extraction.statements):
        speaker_id = None
        if mention.speaker:
            speaker_id = actor_ids.get(fold(mention.speaker))
            if speaker_id is None:
                log.warning("speaker %r is not among the article's actors", mention.speaker)
        rows.append({
            "article_id": article.id,
            "sort_date": sort_date(article.published_at),
            "speaker_id": speaker_id,
            "speaker_title": mention.speaker_title,
            "text": mention.text,
            "text_key": statement_key(mention, speaker_id),
            "kind": mention.kind,
            "cue": mention.cue,
            "start": mention.start,
            "end": mention.end,
            "position": position,
            **speaker_mention_columns(mention.speaker_mention),
            "speaker_mention_organization_id": _described_organization(mention, actor_ids),
        })  # fmt: skip
    if not rows:
        return
    # One INSERT for the article's statements; their ids come back in the rows' order.
    ids = session.scalars(_INSERT_STATEMENTS, rows).all()
    countries = [
        {"statement_id": statement_id, "country_code": code}
        for statement_id, mention in zip(ids, extraction.statements, strict=True)
        for code in dict.fromkeys(mention.countries)
        if known(code, codes, "statement country")
    ]
    insert_rows(session, StatementCountry, countries)


SPEAKER_MENTION_COLUMNS = (
    "speaker_mention",
    "speaker_mention_key",
    "speaker_mention_start",
    "speaker_mention_end",
    "speaker_mention_kind",
)


def statement_key(mention: StatementMention, speaker_id: int | None) -> str:
    """What `q` searches: the statement's words, and a described speaker's description
    ("a union representative"), which no actor row holds."""
    key = fold(mention.text)
    if speaker_id is None and mention.speaker_mention is not None:
        key += "\n" + fold(mention.speaker_mention.text)
    return key


def speaker_mention_columns(mention: SpeakerMention | None) -> dict[str, Any]:
    if mention is None:
        return dict.fromkeys(SPEAKER_MENTION_COLUMNS)
    return {
        "speaker_mention": mention.text[:300],
        "speaker_mention_key": fold(mention.text)[:300],
        "speaker_mention_start": mention.start,
        "speaker_mention_end": mention.end,
        "speaker_mention_kind": mention.kind,
    }


def _described_organization(mention: StatementMention, actor_ids: dict[str, int]) -> int | None:
    """The actor id of the organisation a described speaker's words name."""
    written = mention.speaker_mention
    if written is None or written.organization is None:
        return None
    return actor_ids.get(fold(written.organization))


def _delete_orphans(session: Session, actor_ids: set[int], exercise_ids: set[int]) -> None:
    """Remove actors and exercises that only the replaced text mentioned."""
    for actor_id in actor_ids:
        if (
            session.scalar(
                select(ArticleActor.actor_id).where(ArticleActor.actor_id == actor_id).limit(1)
            )
            is None
        ):
            session.execute(delete(Actor).where(Actor.id == actor_id))
    for exercise_id in exercise_ids:
        linked = select(ArticleExercise.exercise_id).where(
            ArticleExercise.exercise_id == exercise_id
        )
        if session.scalar(linked.limit(1)) is None:
            session.execute(delete(Exercise).where(Exercise.id == exercise_id))
