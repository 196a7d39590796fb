"""Actor queries: most statements first, counted as of the walk's snapshot so pages stay put."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from app.models import Actor, ActorAlias, ArticleActor, Statement
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    after_key,
    folded,
    name_or_alias_contains,
    order_by,
    page_total,
    split_page,
)

KEY_SPEC: tuple[KeyPart, ...] = ("int", "str", "int")
ID_LIST_MAX = 500


@dataclass(frozen=True)
class ActorFilters:
    q: str | None = None
    kind: str | None = None
    country: str | None = None
    organization_id: int | None = None


def _conditions(filters: ActorFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if (q := folded(filters.q)) is not None:
        alias = ActorAlias
        conds.append(
            name_or_alias_contains(Actor.key, Actor.id, alias.actor_id, alias.alias_key, q)
        )
    if filters.kind is not None:
        conds.append(Actor.kind == filters.kind)
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
    if after is not None:
        snapshot = after.snapshot
    else:
        snapshot = {
            "a": session.scalar(select(func.max(Actor.id))) or 0,
            "s": session.scalar(select(func.max(Statement.id))) or 0,
        }
    filtered = _conditions(filters)
    conds = [*filtered, Actor.id <= snapshot["a"]] if "a" in snapshot else filtered
    total = page_total(
        after,
        lambda: session.scalar(select(func.count()).select_from(Actor).where(*conds)) or 0,
        wanted=with_total,
    )
    snapshot = {**snapshot, "t": total}

    said = select(Statement.speaker_id, func.count().label("n")).where(
        Statement.speaker_id.is_not(None)
    )
    if filtered:
        # Count only the statements of matching actors; a short id list lets the planner use
        # ix_statement_speaker_order instead of grouping every statement.
        matching = select(Actor.id).where(*filtered)
        ids = list(session.scalars(matching.limit(ID_LIST_MAX + 1)))
        said = said.where(Statement.speaker_id.in_(ids if len(ids) <= ID_LIST_MAX else matching))
    if "s" in snapshot:
        said = said.where(Statement.id <= snapshot["s"])
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
    if after is not None:
        stmt = stmt.where(after_key(sort, after.key))
    rows = session.execute(stmt.order_by(*order_by(sort)).limit(limit + 1)).all()
    page, next_keyset = split_page(
        rows, limit, lambda r: (r.statement_count, r.name, r.id), snapshot
    )
    items = actor_items(session, [row.id for row in page])
    return PageResult(items=items, total=total, next=next_keyset)


def actor_items(session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Actor items for `ids`, in that order: four queries for the whole page, none per row."""
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
    statements = _counts(
        session,
        select(Statement.speaker_id, func.count())
        .where(Statement.speaker_id.in_(ids))
        .group_by(Statement.speaker_id),
    )
    articles = _counts(
        session,
        select(ArticleActor.actor_id, func.count())
        .where(ArticleActor.actor_id.in_(ids))
        .group_by(ArticleActor.actor_id),
    )
    return [_item(rows[i], aliases[i], statements, articles) for i in ids if i in rows]


def _counts(session: Session, stmt: Any) -> dict[int, int]:
    return {key: n for key, n in session.execute(stmt)}


def _item(
    row: AnyRow, aliases: list[str], statements: dict[int, int], articles: dict[int, int]
) -> dict[str, Any]:
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
        "statement_count": statements.get(row.id, 0),
        "article_count": articles.get(row.id, 0),
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
