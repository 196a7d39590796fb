"""Actor queries: most statements first, counted as of the walk's snapshot so pages stay put.

The counts are read from `actor.statement_count` (kept by triggers, migration 0008) while no
statement is newer than the snapshot, and counted up to the snapshot otherwise."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from app.core.models import Actor, ActorAlias, ArticleActor, Statement
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    as_of_snapshot,
    count_as_of,
    counted_snapshot,
    first_snapshot,
    folded,
    name_or_alias_contains,
    page_rows,
    paginate,
)

KEY_SPEC: tuple[KeyPart, ...] = ("int", "str", "int")
ID_LIST_MAX = 500


@dataclass(frozen=True)
class ActorFilters:
    q: str | None = None
    kind: str | None = None
    country: str | None = None
    organization_id: int | None = None


def _conditions(filters: ActorFilters, *, ranked: bool = False) -> list[ColumnElement[bool]]:
    """The filters' conditions; `ranked`: for a walk along ix_actor_rank, where the kind is
    tested on each row (half the actors are persons) rather than looked up by the kind index
    and sorted, which SQLite, without statistics, would do."""
    conds: list[ColumnElement[bool]] = []
    if (q := folded(filters.q)) is not None:
        alias = ActorAlias
        conds.append(
            name_or_alias_contains(Actor.key, Actor.id, alias.actor_id, alias.alias_key, q)
        )
    if filters.kind is not None:
        conds.append((Actor.kind + "" if ranked else Actor.kind) == filters.kind)
    if filters.country is not None:
        conds.append(Actor.country_code == filters.country.upper())
    if filters.organization_id is not None:
        conds.append(Actor.organization_id == filters.organization_id)
    return conds


def top_actors(session: Session, filters: ActorFilters, limit: int) -> list[dict[str, Any]]:
    """The first `limit` actors of the list, without counting them all."""
    return list_actors(session, filters, limit, None, with_total=False).items


def list_actors(
    session: Session,
    filters: ActorFilters,
    limit: int,
    after: Keyset | None,
    *,
    with_total: bool = True,
) -> PageResult:
    """One page of actors by statement count; counts and membership as of the snapshot."""
    snapshot = first_snapshot(session, after, a=Actor.id, s=Statement.id)
    filtered = _conditions(filters)
    bound = [Actor.id <= snapshot["a"]] if "a" in snapshot else []
    conds = [*filtered, *bound]
    few = None  # the matching actors' ids, when a name filter leaves few of them
    if filters.q is not None:
        found = list(session.scalars(select(Actor.id).where(*conds).limit(ID_LIST_MAX + 1)))
        few = found if len(found) <= ID_LIST_MAX else None
    snapshot = counted_snapshot(
        snapshot,
        after,
        lambda: (
            len(few)
            if few is not None
            else count_as_of(session, Actor.id, filtered, snapshot.get("a"))
        ),
        wanted=with_total,
    )
    along = [Actor.id.in_(few)] if few is not None else _conditions(filters, ranked=True)
    upto = snapshot.get("s")
    rows = as_of_snapshot(
        session,
        Statement.id,
        upto,
        lambda: _ranked_by_stored_counts(session, [*along, *bound], limit, after),
        lambda: _ranked_by_counting(session, filtered, conds, upto, limit, after),
    )
    return paginate(
        session, rows, limit, snapshot, lambda r: (r.statement_count, r.name, r.id), _row_items
    )


def _ranked_by_stored_counts(
    session: Session, conds: list[ColumnElement[bool]], limit: int, after: Keyset | None
) -> Sequence[AnyRow]:
    """The page from `actor.statement_count` along ix_actor_rank. The stored count is every
    statement of the actor, which is the count as of the snapshot while no statement is newer."""
    sort = (
        SortColumn(Actor.statement_count, "desc", nullable=False),
        SortColumn(Actor.name, "asc", nullable=False),
        SortColumn(Actor.id, "asc", nullable=False),
    )
    stmt = select(Actor.id, Actor.name, Actor.statement_count).where(*conds)
    return page_rows(session, stmt, sort, limit, after)


def _ranked_by_counting(
    session: Session,
    filtered: list[ColumnElement[bool]],
    conds: list[ColumnElement[bool]],
    upto: int | None,
    limit: int,
    after: Keyset | None,
) -> Sequence[AnyRow]:
    """The page from counting the statements up to the snapshot's last one (`upto`): what a
    walk needs once statements have been stored since its first page."""
    said = select(Statement.speaker_id, func.count().label("n")).where(
        Statement.speaker_id.is_not(None)
    )
    if filtered:
        # Count only the statements of matching actors; a short id list lets the planner use
        # ix_statement_speaker_order instead of grouping every statement.
        matching = select(Actor.id).where(*filtered)
        ids = list(session.scalars(matching.limit(ID_LIST_MAX + 1)))
        said = said.where(Statement.speaker_id.in_(ids if len(ids) <= ID_LIST_MAX else matching))
    if upto is not None:
        said = said.where(Statement.id <= upto)
    counts = said.group_by(Statement.speaker_id).subquery()
    ranked = (
        select(
            Actor.id,
            Actor.name,
            func.coalesce(counts.c.n, 0).label("statement_count"),
        )
        .outerjoin(counts, counts.c.speaker_id == Actor.id)
        .where(*conds)
        .subquery()
    )
    sort = (
        SortColumn(ranked.c.statement_count, "desc"),
        SortColumn(ranked.c.name, "asc"),
        SortColumn(ranked.c.id, "asc"),
    )
    stmt = select(ranked.c.id, ranked.c.name, ranked.c.statement_count)
    return page_rows(session, stmt, sort, limit, after)


def actor_items(session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Actor items for `ids`, in that order: two queries for the whole page, none per row;
    the counts from the columns migration 0008's triggers keep."""
    if not ids:
        return []
    organization = aliased(Actor)
    rows = {
        row.id: row
        for row in session.execute(
            select(
                Actor.id,
                Actor.name,
                Actor.kind,
                Actor.title,
                Actor.country_code,
                Actor.statement_count,
                Actor.article_count,
                organization.id.label("organization_id"),
                organization.name.label("organization_name"),
            )
            .outerjoin(organization, organization.id == Actor.organization_id)
            .where(Actor.id.in_(ids))
        )
    }
    aliases: dict[int, list[str]] = defaultdict(list)
    for actor_id, alias in session.execute(
        select(ActorAlias.actor_id, ActorAlias.alias)
        .where(ActorAlias.actor_id.in_(ids))
        .order_by(ActorAlias.alias)
    ):
        aliases[actor_id].append(alias)
    return [_item(rows[i], aliases[i]) for i in ids if i in rows]


def _row_items(session: Session, rows: Sequence[AnyRow]) -> list[dict[str, Any]]:
    return actor_items(session, [row.id for row in rows])


def _item(row: AnyRow, aliases: list[str]) -> dict[str, Any]:
    organization = (
        {"id": row.organization_id, "name": row.organization_name}
        if row.organization_id is not None
        else None
    )
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "title": row.title,
        "organization": organization,
        "country": row.country_code,
        "aliases": [a for a in aliases if a != row.name],
        "statement_count": row.statement_count,
        "article_count": row.article_count,
    }


def actor_titles(session: Session, actor_id: int) -> list[dict[str, Any]]:
    """Every title an article gives the actor, with those articles' ids, most used first."""
    by_title: dict[str, list[int]] = defaultdict(list)
    for title, article_id in session.execute(
        select(ArticleActor.title, ArticleActor.article_id)
        .where(ArticleActor.actor_id == actor_id, ArticleActor.title.is_not(None))
        .order_by(ArticleActor.article_id)
    ):
        if title is not None:
            by_title[title].append(article_id)
    ranked = sorted(by_title.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [{"title": title, "article_ids": ids} for title, ids in ranked]
