"""Statement queries: filters by speaker (name, alias or surname), country, article and date."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from app.models import Actor, ActorAlias, Article, Statement, StatementCountry
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    after_key,
    folded,
    order_by,
    page_total,
    split_page,
)

KEY_SPEC: tuple[KeyPart, ...] = ("date?", "int", "int", "int")
SORT = (
    SortColumn(Article.published_at, "desc"),
    SortColumn(Article.id, "desc"),
    SortColumn(Statement.position, "asc"),
    SortColumn(Statement.id, "asc"),
)


@dataclass(frozen=True)
class StatementFilters:
    speaker: str | None = None
    speaker_id: int | None = None
    organization_id: int | None = None
    country: str | None = None
    article_id: int | None = None
    kind: str | None = None
    q: str | None = None
    published_from: date | None = None
    published_to: date | None = None


def _speaker_ids(name_key: str) -> Select[int]:
    """Actors called `name_key`: canonical name, an alias, or (persons) the surname alone."""
    surname = "% " + name_key.replace("/", "//").replace("%", "/%").replace("_", "/_")
    by_alias = select(ActorAlias.actor_id).where(
        or_(
            ActorAlias.alias_key == name_key,
            and_(
                ActorAlias.alias_key.like(surname, escape="/"),
                exists().where(Actor.id == ActorAlias.actor_id, Actor.kind == "person"),
            ),
        )
    )
    return select(Actor.id).where(
        or_(
            Actor.key == name_key,
            and_(Actor.kind == "person", Actor.key.like(surname, escape="/")),
            Actor.id.in_(by_alias),
        )
    )


def _conditions(session: Session, filters: StatementFilters) -> list[ColumnElement[bool]]:
    # Speakers are looked up first: a short id list lets the planner use ix_statement_speaker_id.
    conds: list[ColumnElement[bool]] = []
    if (speaker := folded(filters.speaker)) is not None:
        conds.append(Statement.speaker_id.in_(list(session.scalars(_speaker_ids(speaker)))))
    if filters.speaker_id is not None:
        conds.append(Statement.speaker_id == filters.speaker_id)
    if filters.organization_id is not None:
        members = select(Actor.id).where(Actor.organization_id == filters.organization_id)
        conds.append(Statement.speaker_id.in_(list(session.scalars(members))))
    if filters.country is not None:
        conds.append(
            exists().where(
                StatementCountry.statement_id == Statement.id,
                StatementCountry.country_code == filters.country.upper(),
            )
        )
    if filters.article_id is not None:
        conds.append(Statement.article_id == filters.article_id)
    if filters.kind is not None:
        conds.append(Statement.kind == filters.kind)
    if (q := folded(filters.q)) is not None:
        conds.append(Statement.text_key.contains(q, autoescape=True))
    if filters.published_from is not None:
        conds.append(Article.published_at >= filters.published_from)
    if filters.published_to is not None:
        conds.append(Article.published_at <= filters.published_to)
    return conds


def _item_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Statement.id,
            Statement.text,
            Statement.kind,
            Statement.cue,
            Statement.speaker_title,
            Statement.start,
            Statement.end,
            Statement.position,
            Statement.article_id,
            Article.title.label("article_title"),
            Article.published_at,
            Actor.id.label("speaker_id"),
            Actor.name.label("speaker_name"),
            Actor.kind.label("speaker_kind"),
        )
        .join(Article, Article.id == Statement.article_id)
        .outerjoin(Actor, Actor.id == Statement.speaker_id)
    )


def list_statements(
    session: Session, filters: StatementFilters, limit: int, after: Keyset | None
) -> PageResult:
    """One page of statements; the snapshot keeps statements stored mid-walk out."""
    if after is not None:
        snapshot = after.snapshot
    else:
        snapshot = {"s": session.scalar(select(func.max(Statement.id))) or 0}
    conds = _conditions(session, filters)
    if "s" in snapshot:
        conds.append(Statement.id <= snapshot["s"])
    count = select(func.count()).select_from(Statement)
    if filters.published_from is not None or filters.published_to is not None:
        count = count.join(Article, Article.id == Statement.article_id)
    total = page_total(after, lambda: session.scalar(count.where(*conds)) or 0)
    snapshot = {**snapshot, "t": total}
    stmt = _item_select().where(*conds)
    if after is not None:
        stmt = stmt.where(after_key(SORT, after.key))
    rows = session.execute(stmt.order_by(*order_by(SORT)).limit(limit + 1)).all()
    page, next_keyset = split_page(
        rows, limit, lambda r: (r.published_at, r.article_id, r.position, r.id), snapshot
    )
    return PageResult(items=statement_items(session, page), total=total, next=next_keyset)


def statements_of_article(session: Session, article_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        _item_select()
        .where(Statement.article_id == article_id)
        .order_by(Statement.position, Statement.id)
    ).all()
    return statement_items(session, rows)


def get_statement(session: Session, statement_id: int) -> dict[str, Any] | None:
    row = session.execute(_item_select().where(Statement.id == statement_id)).first()
    return statement_items(session, [row])[0] if row is not None else None


def statement_items(session: Session, rows: Sequence[AnyRow]) -> list[dict[str, Any]]:
    """Statement items with their country codes from one query."""
    countries: dict[int, list[str]] = defaultdict(list)
    ids = [row.id for row in rows]
    if ids:
        for statement_id, code in session.execute(
            select(StatementCountry.statement_id, StatementCountry.country_code)
            .where(StatementCountry.statement_id.in_(ids))
            .order_by(StatementCountry.country_code)
        ):
            countries[statement_id].append(code)
    return [
        {
            "id": row.id,
            "text": row.text,
            "kind": row.kind,
            "cue": row.cue,
            "speaker": (
                {"id": row.speaker_id, "name": row.speaker_name, "kind": row.speaker_kind}
                if row.speaker_id is not None
                else None
            ),
            "speaker_title": row.speaker_title,
            "article": {"id": row.article_id, "title": row.article_title},
            "start": row.start,
            "end": row.end,
            "position": row.position,
            "countries": countries[row.id],
        }
        for row in rows
    ]
