"""Statement filters as SQL: by speaker (name, alias or surname), organisation, country,
article, kind, words and date, all as conditions on `statement`."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    String,
    bindparam,
    column,
    exists,
    literal_column,
    select,
    table,
    union,
)
from sqlalchemy.orm import Session

from app.core.models import (
    ACTOR_KINDS,
    UNDATED,
    Actor,
    ActorAlias,
    Country,
    Statement,
    StatementCountry,
)
from app.core.names import surname_key
from app.queries.common import folded

ONE_DAY = timedelta(days=1)

# Shorter needles than this are matched by scanning (a trigram index needs three characters).
TRIGRAM = 3


@dataclass(frozen=True)
class StatementFilters:
    """What the statement list, its facets and its timeline are filtered by (None: any)."""

    speaker: str | None = None
    speaker_id: int | None = None
    organization_id: int | None = None
    country: str | None = None
    article_id: int | None = None
    kind: str | None = None
    q: str | None = None
    published_from: date | None = None
    published_to: date | None = None


DESCRIBED_MAX = 10_000  # statements of described speakers one `speaker=` may add
# A country with at most this many statements has `q` tested on each of them (_narrowed).
NARROW = 20_000


def _speaker_ids(with_surname: bool) -> CompoundSelect[int]:
    """Actors called the bound `key`: canonical name, an alias, or (persons, `with_surname`)
    the surname alone.

    "The surname alone" is a suffix of whole words (`key LIKE '% key'`, the bound `suffix`);
    such a key ends with the needle's last word, the bound `last`, so the indexed
    `surname_key` narrows it to a few rows first.
    """
    key, last, suffix = (bindparam(name, type_=String) for name in ("key", "last", "suffix"))
    # kind IN (...) lets the unique (kind, key) index serve the equality.
    by_key = select(Actor.id).where(Actor.kind.in_(ACTOR_KINDS), Actor.key == key)
    by_alias = select(ActorAlias.actor_id).where(ActorAlias.alias_key == key)
    if not with_surname:
        return union(by_key, by_alias)
    by_surname = select(Actor.id).where(
        Actor.surname_key == last, Actor.kind == "person", Actor.key.like(suffix, escape="/")
    )
    by_alias_surname = (
        select(ActorAlias.actor_id)
        .join(Actor, Actor.id == ActorAlias.actor_id)
        .where(
            ActorAlias.surname_key == last,
            ActorAlias.alias_key.like(suffix, escape="/"),
            Actor.kind == "person",
        )
    )
    return union(by_key, by_alias, by_surname, by_alias_surname)


# Built once: building the union at each request cost more than running it.
_SPEAKERS_BY_NAME = _speaker_ids(with_surname=False)
_SPEAKERS_BY_NAME_OR_SURNAME = _speaker_ids(with_surname=True)


def _speakers_called(session: Session, name_key: str) -> Sequence[int]:
    """Ids of the actors called `name_key` (see _speaker_ids)."""
    last = surname_key(name_key)
    if last is None:  # no word at all (only dots): no surname can end with it
        return session.scalars(_SPEAKERS_BY_NAME, {"key": name_key}).all()
    suffix = "% " + name_key.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return session.scalars(
        _SPEAKERS_BY_NAME_OR_SURNAME, {"key": name_key, "last": last, "suffix": suffix}
    ).all()


def _speaker_condition(
    session: Session, name_key: str, speaker_col: Any
) -> tuple[ColumnElement[bool], bool]:
    """Statements by the actors called `name_key`; when no actor is, those whose speaker no
    actor names but whose speaker mention holds it ("a union representative" for
    `speaker=union`). And whether that is one actor's statements alone."""
    speakers = _speakers_called(session, name_key)
    if speakers:
        return _in_ids(speaker_col, speakers), len(set(speakers)) == 1
    return Statement.id.in_(_described_speakers(session, name_key)), False


def _described_speakers(session: Session, name_key: str) -> list[int]:
    """Ids of statements by a described speaker whose words hold `name_key`. The words are in
    the statement's text key too (the store puts them there), so the full-text index finds
    the candidates; at most DESCRIBED_MAX of them."""
    if len(name_key) < TRIGRAM:
        return []
    found = select(Statement.id).where(
        _text_contains(session, name_key),
        Statement.speaker_id.is_(None),
        Statement.speaker_mention_key.contains(name_key, autoescape=True),
    )
    return list(session.scalars(found.limit(DESCRIBED_MAX)))


def _text_contains(session: Session, needle: str) -> ColumnElement[bool]:
    """`needle` (folded) is a substring of the statement's text_key: `LIKE '%needle%'`.

    Needles of three characters or more use the migration 0005 index: the FTS5 trigram table
    on SQLite (a phrase of trigrams matches exactly the rows holding that substring), the
    pg_trgm GIN index on PostgreSQL (which serves this LIKE as it is).
    """
    if len(needle) >= TRIGRAM and session.get_bind().dialect.name == "sqlite":
        matching: Select[tuple[Any]] = (
            select(literal_column("rowid")).select_from(FTS).where(fts_match(needle))
        )
        return Statement.id.in_(matching)
    return Statement.text_key.contains(needle, autoescape=True)


# The FTS5 trigram table of statement texts on SQLite (migration 0005), by rowid.
FTS = table("statement_fts", column("rowid"))


def fts_match(needle: str) -> ColumnElement[bool]:
    """The FTS5 rows holding `needle` (folded) as a substring: a phrase of its trigrams."""
    return literal_column("statement_fts").op("MATCH")('"' + needle.replace('"', '""') + '"')


def indexed_text(session: Session, filters: StatementFilters) -> str | None:
    """The folded `q` when statement_conditions finds it in SQLite's full-text table (the
    filter list then holds `id IN (its rows)`); None otherwise."""
    q = folded(filters.q)
    if q is None or len(q) < TRIGRAM or session.get_bind().dialect.name != "sqlite":
        return None
    return None if _narrowed(session, filters) else q


def statement_conditions(
    session: Session, filters: StatementFilters, *, dense: bool = False
) -> tuple[list[ColumnElement[bool]], bool]:
    """The filters as SQL, and whether they name one speaker; `dense` words the same
    conditions for testing rows one by one along the order index rather than for finding the
    matching rows by their own index."""
    # Speakers are looked up first: one id (or a short list) lets the planner use
    # ix_statement_speaker_order.
    conds: list[ColumnElement[bool]] = []
    single_speaker = False
    # Dense on SQLite (no statistics): `column + 0` keeps the planner off the other indexes,
    # so that it walks ix_statement_order, which needs no sort. A kind never takes its index
    # there (half the table: 360 ms to find a speaker's one indirect statement).
    sqlite = session.get_bind().dialect.name == "sqlite"
    speaker_col: Any = Statement.speaker_id + 0 if dense and sqlite else Statement.speaker_id
    kind_col: Any = Statement.kind + "" if sqlite else Statement.kind
    if (speaker := folded(filters.speaker)) is not None:
        condition, single_speaker = _speaker_condition(session, speaker, speaker_col)
        conds.append(condition)
    if filters.speaker_id is not None:
        conds.append(speaker_col == filters.speaker_id)
        single_speaker = True
    if filters.organization_id is not None:
        # Its members as a subquery, not a list: an organisation has up to a thousand, and
        # binding that many ids cost more than the queries (25 ms on PostgreSQL).
        members = select(Actor.id).where(Actor.organization_id == filters.organization_id)
        conds.append(speaker_col.in_(members))
    if filters.country is not None:
        code = filters.country.upper()
        if dense:  # tested row by row along the order index
            conds.append(
                exists().where(
                    StatementCountry.statement_id == Statement.id,
                    StatementCountry.country_code == code,
                )
            )
        else:  # the country's statements, fetched by its index
            conds.append(
                Statement.id.in_(
                    select(StatementCountry.statement_id).where(
                        StatementCountry.country_code == code
                    )
                )
            )
    if filters.article_id is not None:
        conds.append(Statement.article_id == filters.article_id)
    if filters.kind is not None:
        conds.append(kind_col == filters.kind)
    if (q := folded(filters.q)) is not None:
        if dense or _narrowed(session, filters):
            conds.append(Statement.text_key.contains(q, autoescape=True))
        else:
            conds.append(_text_contains(session, q))
    # Undated articles (sort_date UNDATED) match no date bound, as published_at NULL did not.
    if filters.published_from is not None:
        conds.append(Statement.sort_date >= max(filters.published_from, UNDATED + ONE_DAY))
    if filters.published_to is not None:
        conds.append(Statement.sort_date <= filters.published_to)
        conds.append(Statement.sort_date > UNDATED)
    return conds, single_speaker


def _narrowed(session: Session, filters: StatementFilters) -> bool:
    """Whether another filter leaves few enough statements that testing each one's text for
    `q` costs less than reading every statement holding it from the full-text index: a
    speaker, an article, or a country of at most NARROW statements (its stored count). The
    matches are the same either way; a common word of the index listed 65,000 statements
    (27 ms) to keep the nine of one country."""
    if filters.speaker is not None or filters.speaker_id is not None:
        return True
    if filters.article_id is not None:
        return True
    if filters.country is None:
        return False
    return stored_country_count(session, filters.country) <= NARROW


_COUNTRY_COUNT = select(Country.statement_count).where(Country.code == bindparam("code"))


def stored_country_count(session: Session, code: str) -> int:
    """The statements that mention the country, as migration 0008's triggers count them."""
    return session.scalar(_COUNTRY_COUNT, {"code": code.upper()}) or 0


def _in_ids(column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    # One id is an equality: an index on (speaker_id, order...) then yields rows in order.
    unique = sorted(set(ids))
    return column == unique[0] if len(unique) == 1 else column.in_(unique)
