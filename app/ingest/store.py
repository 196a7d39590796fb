"""Write one article and its extraction: upsert the article, merge actors and exercises, link all.

Only flushes: the caller owns the transaction (a batch of articles, or one article after a
failure), so a failure leaves nothing.
"""

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar, cast

from sqlalchemy import Table, bindparam, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from app.core.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleActor,
    ArticleCountry,
    ArticleExercise,
    Base,
    Country,
    Exercise,
    ExerciseAlias,
    ExerciseParticipation,
    Statement,
    StatementCountry,
    sort_date,
)
from app.core.names import PersonName, surname_key
from app.core.text import fold
from app.extract.types import ActorMention, ArticleExtraction, ExerciseMention
from app.extract.version import EXTRACTOR_VERSION
from app.ingest.readers import RawArticle

log = logging.getLogger(__name__)

StoreOutcome = Literal["new", "updated", "unchanged"]
_V = TypeVar("_V")  # a stored article, or a row of its identifying columns


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


# The queries run for every article and actor mention, built once and run with parameters:
# building a select each time (its clauses, then its cache key) cost about as much as running it.

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
# One folded form (most mentions: no expanding IN list to render), or several.
_ACTOR_BY_KEY = select(Actor).where(Actor.kind == bindparam("kind"), Actor.key == bindparam("key"))
_ACTOR_BY_KEYS = select(Actor).where(
    Actor.kind == bindparam("kind"), Actor.key.in_(bindparam("keys", expanding=True))
)
_ACTOR_BY_ALIAS, _ACTOR_BY_ALIASES = (
    select(ActorAlias.alias_key, Actor)
    .join(Actor, ActorAlias.actor_id == Actor.id)
    .where(Actor.kind == bindparam("kind"), match)
    .order_by(Actor.id)
    for match in (
        ActorAlias.alias_key == bindparam("key"),
        ActorAlias.alias_key.in_(bindparam("keys", expanding=True)),
    )
)
_PERSONS_BY_SURNAME = (
    select(Actor)
    .where(
        Actor.kind == "person",
        or_(
            Actor.surname_key == bindparam("surname"),
            Actor.id.in_(
                select(ActorAlias.actor_id).where(ActorAlias.surname_key == bindparam("surname"))
            ),
        ),
    )
    .order_by(Actor.id)
)
_SURNAME_ALIASES = (
    select(ActorAlias.actor_id, ActorAlias.alias)
    .where(
        ActorAlias.actor_id.in_(bindparam("ids", expanding=True)),
        ActorAlias.surname_key == bindparam("surname"),
    )
    .order_by(ActorAlias.id)
)
_ALIAS_KEYS = select(ActorAlias.alias_key).where(ActorAlias.actor_id == bindparam("actor_id"))
_INSERT_ACTOR = insert(Actor).returning(Actor)
_INSERT_STATEMENTS = insert(_table(Statement)).returning(
    _table(Statement).c.id, sort_by_parameter_order=True
)


class StoreConflict(ValueError):
    """The article would take an id, url or text that another stored article already has."""


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
    return _is_current(_first_version(rows, raw, digest), digest)


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


def _is_current(stored: Any, digest: str) -> bool:
    """Stored with the same text by the same extractor: storing it again would change nothing."""
    return (
        stored is not None
        and stored.content_hash == digest
        and stored.extractor_version == EXTRACTOR_VERSION
    )


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
    if _is_current(article, digest):
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

    clean = extraction.article
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
    session.flush()

    codes = _country_codes(session)
    actor_ids = _store_actors(session, article.id, extraction.actors, codes)
    exercise_ids = _store_exercises(session, article.id, extraction.exercises, codes)
    countries = [
        {"article_id": article.id, "country_code": code, "mentions": mentions}
        for code, mentions in extraction.countries.items()
        if _known(code, codes, "article country") and mentions > 0
    ]
    _insert(session, ArticleCountry, countries)
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


def _store_actors(
    session: Session, article_id: int, mentions: list[ActorMention], codes: frozenset[str]
) -> dict[str, int]:
    """Merge each mention into an actor; return fold(mention name) -> actor id."""
    actors: dict[str, Actor] = {}
    links: dict[int, dict[str, Any]] = {}  # actor id -> its article_actor row
    for mention in mentions:
        found = _find_actor(session, mention)
        actor = found or _new_actor(session, mention)
        # A new actor has no aliases to read back.
        _add_aliases(session, actor, [mention.name, *mention.aliases], None if found else set())
        actors[fold(mention.name)] = actor
        if (
            actor.country_code is None
            and mention.country
            and _known(mention.country, codes, "actor country")
        ):
            actor.country_code = mention.country
        # Two mentions of one article may resolve to one actor (a name and its alias).
        link = links.setdefault(
            actor.id, {"article_id": article_id, "actor_id": actor.id, "title": None, "mentions": 0}
        )
        link["mentions"] += max(mention.mentions, 1)
        link["title"] = link["title"] or mention.title
    _insert(session, ArticleActor, list(links.values()))
    for mention in mentions:
        if not mention.organization:
            continue
        actor = actors[fold(mention.name)]
        organization = actors.get(fold(mention.organization)) or _lookup_actor(
            session, "organization", [mention.organization]
        )
        if actor.organization_id is None and organization is not None and organization is not actor:
            actor.organization_id = organization.id
    return {key: actor.id for key, actor in actors.items()}


def _find_actor(session: Session, mention: ActorMention) -> Actor | None:
    actor = _lookup_actor(session, mention.kind, [mention.name, *mention.aliases])
    if actor is None and mention.kind == "person":
        actor = _same_person(session, mention.name)
    return actor


def _same_person(session: Session, name: str) -> Actor | None:
    """The one stored person whose name (or an alias) is compatible with `name`, if any.

    "Jack Straw" joins a stored "J. Straw" or "Straw", and the actor takes the fuller name; a
    bare surname joins a full name only when that surname belongs to one stored person.
    """
    surname = surname_key(name)
    if surname is None:
        return None
    wanted = PersonName.parse(name)
    candidates = session.scalars(_PERSONS_BY_SURNAME, {"surname": surname}).all()
    forms: dict[int, list[str]] = {candidate.id: [candidate.name] for candidate in candidates}
    if candidates:
        for actor_id, alias in session.execute(
            _SURNAME_ALIASES, {"ids": list(forms), "surname": surname}
        ):
            forms[actor_id].append(alias)
    # Its name and every alias with this surname must agree with `name`.
    matches = [
        candidate
        for candidate in candidates
        if all(wanted.compatible(PersonName.parse(form)) for form in forms[candidate.id])
    ]
    if len(matches) != 1:
        # No one, or several people it could be ("Clinton"): a new actor is the honest answer.
        return None
    actor = matches[0]
    known = PersonName.parse(actor.name)
    if len(wanted.given) + len(wanted.surname) > len(known.given) + len(known.surname):
        # The fuller form becomes the name; the old one stays an alias.
        old_name = actor.name
        actor.name, actor.key = name.strip(), fold(name)
        _add_aliases(session, actor, [old_name])
    return actor


def _lookup_actor(session: Session, kind: str, names: list[str]) -> Actor | None:
    """An actor of `kind` whose name or one of whose aliases equals one of `names`, folded."""
    keys = [key for key in dict.fromkeys(fold(name) for name in names) if key]
    if not keys:
        return None
    # The mention's own name first, then its other forms, each as a name before as an alias;
    # the oldest actor wins a tie. Two queries at most, for all the forms at once.
    one = len(keys) == 1
    params: dict[str, Any] = {"kind": kind, **({"key": keys[0]} if one else {"keys": keys})}
    by_name = {
        actor.key: actor
        for actor in session.scalars(_ACTOR_BY_KEY if one else _ACTOR_BY_KEYS, params)
    }
    if keys[0] in by_name:
        return by_name[keys[0]]
    by_alias: dict[str, Actor] = {}
    for alias_key, actor in session.execute(_ACTOR_BY_ALIAS if one else _ACTOR_BY_ALIASES, params):
        by_alias.setdefault(alias_key, actor)
    for key in keys:
        found = by_name.get(key) or by_alias.get(key)
        if found is not None:
            return found
    return None


def _new_actor(session: Session, mention: ActorMention) -> Actor:
    """The actor inserted at once (its id is needed), by one INSERT that returns it into the
    session: a flush of the one object through the unit of work cost several times that."""
    row = {
        "name": mention.name.strip(),
        "kind": mention.kind,
        "key": fold(mention.name),
        "surname_key": surname_key(mention.name) if mention.kind == "person" else None,
    }
    return session.scalars(_INSERT_ACTOR, [row]).one()


def _add_aliases(
    session: Session, actor: Actor, names: Iterable[str], known: set[str] | None = None
) -> None:
    """Aliases for those of `names` the actor is not yet known by; `known`: its alias keys
    when the caller knows them (a new actor has none), else they are read."""
    if known is None:
        known = set(session.scalars(_ALIAS_KEYS, {"actor_id": actor.id}))
    known.add(actor.key)
    person = actor.kind == "person"
    for alias, key in _new_forms(known, names):
        surname = surname_key(alias) if person else None
        session.add(ActorAlias(actor_id=actor.id, alias=alias, alias_key=key, surname_key=surname))


def _new_forms(known: set[str], names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(name, folded key) for each of `names` whose key is not in `known`; `known` grows."""
    for name in names:
        key = fold(name)
        if key and key not in known:
            known.add(key)
            yield name.strip(), key


def _store_exercises(
    session: Session, article_id: int, mentions: list[ExerciseMention], codes: frozenset[str]
) -> set[int]:
    """Merge each mention into an exercise by folded name; link it and its participants."""
    linked: dict[int, ArticleExercise] = {}
    participations: set[tuple[int, str, str]] = set()
    for mention in mentions:
        key = fold(mention.name)
        if not key:
            continue
        exercise = _find_exercise(session, [mention.name, *mention.aliases])
        if exercise is None:
            exercise = Exercise(name=mention.name.strip(), key=key)
            session.add(exercise)
            session.flush()
        _add_exercise_aliases(session, exercise, [mention.name, *mention.aliases])
        exercise.kind = exercise.kind or mention.kind
        exercise.frequency = exercise.frequency or mention.frequency
        if (
            exercise.host_country_code is None
            and mention.host
            and _known(mention.host, codes, "exercise host")
        ):
            exercise.host_country_code = mention.host
        link = linked.get(exercise.id)
        if link is None:
            linked[exercise.id] = link = ArticleExercise(
                article_id=article_id, exercise_id=exercise.id
            )
            session.add(link)
        link.year = link.year or mention.year
        link.month = link.month or mention.month
        for participant in mention.participants:
            identity = (exercise.id, participant.country, participant.role)
            if identity in participations or not _known(
                participant.country, codes, "exercise participant"
            ):
                continue
            participations.add(identity)
            session.add(
                ExerciseParticipation(
                    exercise_id=exercise.id,
                    country_code=participant.country,
                    role=participant.role,
                    year=mention.year,
                    month=mention.month,
                    article_id=article_id,
                )
            )
    return set(linked)


def _find_exercise(session: Session, names: list[str]) -> Exercise | None:
    """The stored exercise any of `names` is: its name first, then an alias."""
    keys = [k for k in dict.fromkeys(fold(n) for n in names) if k]
    if not keys:
        return None
    for key in keys:
        found = session.scalar(select(Exercise).where(Exercise.key == key))
        if found is not None:
            return found
    return session.scalar(
        select(Exercise)
        .join(ExerciseAlias, ExerciseAlias.exercise_id == Exercise.id)
        .where(ExerciseAlias.alias_key.in_(keys))
        .order_by(Exercise.id)
        .limit(1)
    )


def _add_exercise_aliases(session: Session, exercise: Exercise, names: Iterable[str]) -> None:
    known = set(
        session.scalars(
            select(ExerciseAlias.alias_key).where(ExerciseAlias.exercise_id == exercise.id)
        )
    )
    known.add(exercise.key)
    for alias, key in _new_forms(known, names):
        session.add(ExerciseAlias(exercise_id=exercise.id, alias=alias, alias_key=key))


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
            "text_key": fold(mention.text),
            "kind": mention.kind,
            "cue": mention.cue,
            "start": mention.start,
            "end": mention.end,
            "position": position,
        })  # fmt: skip
    if not rows:
        return
    # One INSERT for the article's statements; their ids come back in the rows' order.
    ids = session.scalars(_INSERT_STATEMENTS, rows).all()
    countries = [
        {"statement_id": statement_id, "country_code": code}
        for statement_id, mention in zip(ids, extraction.statements, strict=True)
        for code in dict.fromkeys(mention.countries)
        if _known(code, codes, "statement country")
    ]
    _insert(session, StatementCountry, countries)


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """The rows in one INSERT (executemany) of the table, without an ORM object each: link
    tables that nothing reads back before the commit."""
    if rows:
        session.execute(insert(_table(model)), rows)


def refresh_titles(session: Session, actor_ids: set[int]) -> None:
    """Set each actor's title to the one its articles give most often (ties: the latest), with
    one query for all the actors."""
    if not actor_ids:
        return
    rows = session.execute(
        select(
            ArticleActor.actor_id,
            ArticleActor.title,
            func.count(),
            func.max(ArticleActor.article_id),
        )
        .where(ArticleActor.actor_id.in_(actor_ids), ArticleActor.title.is_not(None))
        .group_by(ArticleActor.actor_id, ArticleActor.title)
    )
    best: dict[int, tuple[int, int, str | None]] = {}
    for actor_id, title, count, latest in rows:
        if actor_id not in best or (count, latest) > best[actor_id][:2]:
            best[actor_id] = (count, latest, title)
    for actor in session.scalars(select(Actor).where(Actor.id.in_(actor_ids))):
        chosen = best.get(actor.id)
        title = chosen[2] if chosen else None
        if actor.title != title:
            actor.title = title


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


def _country_codes(session: Session) -> frozenset[str]:
    """The ISO codes in `country`, read once per session: unknown codes would break foreign keys."""
    codes = session.info.get("country_codes")
    if codes is None:
        codes = frozenset(session.scalars(select(Country.code)))
        session.info["country_codes"] = codes
    return codes


def _known(code: str, codes: frozenset[str], what: str) -> bool:
    if code in codes:
        return True
    log.warning("ignoring unknown %s code %r", what, code)
    return False
