"""Statement counts per speaker, organisation, country, kind and period, for any filters.

The conditions are those of the statement list (`StatementFilters`), so a bucket's count is the
`total` of the list filtered by that bucket. Each facet is one GROUP BY with a LIMIT.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, TypeVarTuple

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from app.core.models import Actor, Article, Country, Statement, StatementCountry
from app.queries.statement_filters import StatementFilters, statement_conditions

Interval = Literal["day", "week", "month", "year"]
# A gap-filled series longer than this (e.g. days over decades) lists only non-empty periods.
MAX_FILLED = 5000
Columns = TypeVarTuple("Columns")


@dataclass(frozen=True)
class Scope:
    """The filters' conditions, all on `statement` (dates too, through `sort_date`)."""

    conds: list[ColumnElement[bool]]


def scope(session: Session, filters: StatementFilters) -> Scope:
    conds, _one_speaker = statement_conditions(session, filters)
    return Scope(conds)


def _within(stmt: Select[*Columns], where: Scope) -> Select[*Columns]:
    return stmt.where(*where.conds)


def count_statements(session: Session, where: Scope) -> int:
    return session.scalar(_within(select(func.count()).select_from(Statement), where)) or 0


# What leads from a statement to each facet's buckets (joins after FROM statement).
ORGANIZATION = aliased(Actor)
# An alias, so that the `country` filter's EXISTS over statement_country is not correlated
# with this join (it would lose its FROM clause).
MENTIONED = aliased(StatementCountry)
TO_SPEAKER = (Actor, Actor.id == Statement.speaker_id)
TO_ORGANIZATION = (ORGANIZATION, ORGANIZATION.id == Actor.organization_id)
TO_MENTIONED = (MENTIONED, MENTIONED.statement_id == Statement.id)
TO_COUNTRY = (Country, Country.code == MENTIONED.country_code)


def speaker_counts(session: Session, where: Scope, size: int) -> list[dict[str, Any]]:
    return _top(session, where, Actor.id, Actor.name, [TO_SPEAKER], size)


def organization_counts(session: Session, where: Scope, size: int) -> list[dict[str, Any]]:
    """Statements by members of each organisation (as the `organization_id` filter counts)."""
    joins = [TO_SPEAKER, TO_ORGANIZATION]
    return _top(session, where, ORGANIZATION.id, ORGANIZATION.name, joins, size)


def country_counts(session: Session, where: Scope, size: int) -> list[dict[str, Any]]:
    return _top(session, where, Country.code, Country.name, [TO_MENTIONED, TO_COUNTRY], size)


def _top(
    session: Session,
    where: Scope,
    key: Any,
    name: Any,
    joins: list[tuple[Any, ColumnElement[bool]]],
    size: int,
) -> list[dict[str, Any]]:
    """The `size` buckets (`key`, `name`, count) with the most statements, then by name and
    key; `joins` lead from `statement` to the bucket's table."""
    n = func.count().label("count")
    stmt = select(key, name, n).select_from(Statement)
    for target, onclause in joins:
        stmt = stmt.join(target, onclause)
    rows = session.execute(
        _within(stmt, where).group_by(key, name).order_by(n.desc(), name, key).limit(size)
    )
    return [dict(row._mapping) for row in rows]


def kind_counts(session: Session, where: Scope) -> list[dict[str, Any]]:
    n = func.count().label("count")
    stmt = _within(select(Statement.kind, n).select_from(Statement), where)
    rows = session.execute(stmt.group_by(Statement.kind).order_by(n.desc(), Statement.kind))
    return [dict(row._mapping) for row in rows]


def period_start(day: date, interval: Interval) -> date:
    """The first day of the period holding `day`; weeks start on Monday (ISO 8601)."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


def _next_start(start: date, interval: Interval) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


@dataclass
class Timeline:
    buckets: list[dict[str, Any]]  # {"start": date, "count": int}, oldest first
    undated: int  # statements of articles without a publication date


def timeline(session: Session, where: Scope, interval: Interval) -> Timeline:
    """Statements per period of their article's publication date, empty periods included.

    SQL counts per day (portable across SQLite and PostgreSQL); days are then summed per period.
    """
    n = func.count().label("count")
    day_counts = select(Article.published_at, n).select_from(Statement)
    day_counts = day_counts.join(Article, Article.id == Statement.article_id).where(*where.conds)
    per_period: dict[date, int] = {}
    undated = 0
    for day, count in session.execute(day_counts.group_by(Article.published_at)):
        if day is None:
            undated += count
        else:
            start = period_start(day, interval)
            per_period[start] = per_period.get(start, 0) + count
    if not per_period:
        return Timeline([], undated)
    starts = sorted(per_period)
    filled = _series(starts[0], starts[-1], interval)
    if filled is not None:
        starts = filled
    return Timeline([{"start": s, "count": per_period.get(s, 0)} for s in starts], undated)


def _series(first: date, last: date, interval: Interval) -> list[date] | None:
    series = [first]
    while series[-1] < last:
        if len(series) >= MAX_FILLED:
            return None
        series.append(_next_start(series[-1], interval))
    return series
