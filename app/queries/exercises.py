"""Exercise queries: ordered by name, participants and article counts fetched per page."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select, union
from sqlalchemy.orm import Session

from app.models import ArticleExercise, Exercise, ExerciseAlias, ExerciseParticipation
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

KEY_SPEC: tuple[KeyPart, ...] = ("str", "int")
SORT = (SortColumn(Exercise.name, "asc"), SortColumn(Exercise.id, "asc"))
ITEM_COLUMNS = (
    Exercise.id,
    Exercise.name,
    Exercise.kind,
    Exercise.frequency,
    Exercise.host_country_code.label("host_country"),
)


@dataclass(frozen=True)
class ExerciseFilters:
    q: str | None = None
    country: str | None = None
    year: int | None = None
    article_id: int | None = None


def _conditions(filters: ExerciseFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if (q := folded(filters.q)) is not None:
        conds.append(
            name_or_alias_contains(
                Exercise.key, Exercise.id, ExerciseAlias.exercise_id, ExerciseAlias.alias_key, q
            )
        )
    if filters.country is not None:
        code = filters.country.upper()
        conds.append(
            or_(
                Exercise.host_country_code == code,
                exists().where(
                    ExerciseParticipation.exercise_id == Exercise.id,
                    ExerciseParticipation.country_code == code,
                ),
            )
        )
    if filters.year is not None:
        conds.append(
            or_(
                exists().where(
                    ArticleExercise.exercise_id == Exercise.id,
                    ArticleExercise.year == filters.year,
                ),
                exists().where(
                    ExerciseParticipation.exercise_id == Exercise.id,
                    ExerciseParticipation.year == filters.year,
                ),
            )
        )
    if filters.article_id is not None:
        conds.append(
            or_(
                exists().where(
                    ArticleExercise.exercise_id == Exercise.id,
                    ArticleExercise.article_id == filters.article_id,
                ),
                exists().where(
                    ExerciseParticipation.exercise_id == Exercise.id,
                    ExerciseParticipation.article_id == filters.article_id,
                ),
            )
        )
    return conds


def list_exercises(
    session: Session, filters: ExerciseFilters, limit: int, after: Keyset | None
) -> PageResult:
    if after is not None:
        snapshot = after.snapshot
    else:
        snapshot = {"e": session.scalar(select(func.max(Exercise.id))) or 0}
    conds = _conditions(filters)
    if "e" in snapshot:
        conds.append(Exercise.id <= snapshot["e"])
    total = page_total(
        after, lambda: session.scalar(select(func.count()).select_from(Exercise).where(*conds)) or 0
    )
    snapshot = {**snapshot, "t": total}
    stmt = select(*ITEM_COLUMNS).where(*conds)
    if after is not None:
        stmt = stmt.where(after_key(SORT, after.key))
    rows = session.execute(stmt.order_by(*order_by(SORT)).limit(limit + 1)).all()
    page, next_keyset = split_page(rows, limit, lambda r: (r.name, r.id), snapshot)
    return PageResult(items=exercise_items(session, page), total=total, next=next_keyset)


def all_exercises(session: Session, filters: ExerciseFilters) -> list[dict[str, Any]]:
    """Every matching exercise, by name (for detail pages, where the set is small)."""
    rows = session.execute(
        select(*ITEM_COLUMNS).where(*_conditions(filters)).order_by(*order_by(SORT))
    ).all()
    return exercise_items(session, rows)


def get_exercise(session: Session, exercise_id: int) -> dict[str, Any] | None:
    row = session.execute(select(*ITEM_COLUMNS).where(Exercise.id == exercise_id)).first()
    return exercise_items(session, [row])[0] if row is not None else None


def exercise_items(session: Session, rows: Sequence[AnyRow]) -> list[dict[str, Any]]:
    """Exercise items with participants and article counts, two queries for the whole page."""
    ids = [row.id for row in rows]
    participants: dict[int, list[dict[str, Any]]] = defaultdict(list)
    aliases: dict[int, list[str]] = defaultdict(list)
    article_counts: dict[int, int] = {}
    if ids:
        for exercise_id, alias in session.execute(
            select(ExerciseAlias.exercise_id, ExerciseAlias.alias)
            .where(ExerciseAlias.exercise_id.in_(ids))
            .order_by(ExerciseAlias.exercise_id, ExerciseAlias.id)
        ):
            aliases[exercise_id].append(alias)
        # Core rows from the session's connection, not ORM rows: an exercise reported by
        # thousands of articles has as many participation rows (at scale, the ORM's handling
        # of them took an eighth of an exercise page).
        part = ExerciseParticipation.__table__.c
        columns = (part.exercise_id, part.country_code, part.role, part.year, part.month)
        rows_of = session.connection().execute(
            select(*columns, part.article_id)
            .where(part.exercise_id.in_(ids))
            .order_by(part.article_id, part.role, part.country_code)
        )
        keys = ("country", "role", "year", "month", "article_id")
        for exercise_id, *values in rows_of:
            participants[exercise_id].append(dict(zip(keys, values, strict=True)))
        reports = union(
            select(ArticleExercise.exercise_id, ArticleExercise.article_id).where(
                ArticleExercise.exercise_id.in_(ids)
            ),
            select(ExerciseParticipation.exercise_id, ExerciseParticipation.article_id).where(
                ExerciseParticipation.exercise_id.in_(ids)
            ),
        ).subquery()
        article_counts = {
            exercise_id: n
            for exercise_id, n in session.execute(
                select(reports.c.exercise_id, func.count()).group_by(reports.c.exercise_id)
            )
        }
    return [
        dict(
            row._mapping,
            aliases=aliases[row.id],
            participants=participants[row.id],
            article_count=article_counts.get(row.id, 0),
        )
        for row in rows
    ]
