"""Exercise queries: ordered by name, participants and article counts fetched per page."""

import functools
import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
    union,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import QueryableAttribute, Session

from app.core.jsontext import RawJSON, json_array
from app.core.models import ArticleExercise, Exercise, ExerciseAlias, ExerciseParticipation
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    counted_snapshot,
    first_snapshot,
    folded,
    name_or_alias_contains,
    order_by,
    page_rows,
    paginate,
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
        conds.append(_reported_with(ArticleExercise.year, ExerciseParticipation.year, filters.year))
    if filters.article_id is not None:
        conds.append(
            _reported_with(
                ArticleExercise.article_id, ExerciseParticipation.article_id, filters.article_id
            )
        )
    return conds


def _reported_with(
    in_article: QueryableAttribute[Any], in_participation: QueryableAttribute[Any], value: int
) -> ColumnElement[bool]:
    """An article reports the exercise, or a participation in it, with `value` in the column
    given (article_exercise's `in_article`, exercise_participation's `in_participation`)."""
    return or_(
        exists().where(ArticleExercise.exercise_id == Exercise.id, in_article == value),
        exists().where(ExerciseParticipation.exercise_id == Exercise.id, in_participation == value),
    )


def list_exercises(
    session: Session, filters: ExerciseFilters, limit: int, after: Keyset | None
) -> PageResult:
    """One page of exercises by name; the snapshot keeps exercises stored mid-walk out."""
    snapshot = first_snapshot(session, after, e=Exercise.id)
    conds = _conditions(filters)
    if "e" in snapshot:
        conds.append(Exercise.id <= snapshot["e"])
    count = select(func.count()).select_from(Exercise).where(*conds)
    snapshot = counted_snapshot(snapshot, after, lambda: session.scalar(count) or 0)
    rows = page_rows(session, select(*ITEM_COLUMNS).where(*conds), SORT, limit, after)
    return paginate(session, rows, limit, snapshot, lambda r: (r.name, r.id), exercise_items)


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
    """Exercise items with participants and article counts, a query of each for the whole page.
    The participants are JSON text (`RawJSON`), written by the database."""
    ids = [row.id for row in rows]
    participants: dict[int, RawJSON] = {}
    aliases: dict[int, list[str]] = defaultdict(list)
    article_counts: dict[int, int] = {}
    if ids:
        for exercise_id, alias in session.execute(
            select(ExerciseAlias.exercise_id, ExerciseAlias.alias)
            .where(ExerciseAlias.exercise_id.in_(ids))
            .order_by(ExerciseAlias.exercise_id, ExerciseAlias.id)
        ):
            aliases[exercise_id].append(alias)
        participants = _participations(session, ids)
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
            participants=participants.get(row.id, EMPTY),
            article_count=article_counts.get(row.id, 0),
        )
        for row in rows
    ]


EMPTY = RawJSON("[]")
PARTICIPATION = ExerciseParticipation.__table__.c
# A participation's keys in the answer, and their columns.
PARTICIPATION_FIELDS = (
    ("country", PARTICIPATION.country_code),
    ("role", PARTICIPATION.role),
    ("year", PARTICIPATION.year),
    ("month", PARTICIPATION.month),
    ("article_id", PARTICIPATION.article_id),
)
# An exercise's participations in the order of ix_exercise_participation_order (migration 0009).
PARTICIPATION_ORDER = (PARTICIPATION.article_id, PARTICIPATION.role, PARTICIPATION.country_code)


def _participation_json(dialect: str) -> ColumnElement[str]:
    """A participation as compact JSON text, its keys in the answer's order. SQLite writes it
    with json_object. PostgreSQL's json_build_object puts spaces around the colons and its
    to_json costs most of a microsecond a value, so the text is assembled: strings between
    quote marks as they are (the check constraints `role` and `ck_country_code` admit three
    plain words and two capital letters), numbers as text."""
    if dialect != "postgresql":
        return func.json_object(*(x for key, column in PARTICIPATION_FIELDS for x in (key, column)))
    parts: list[ColumnElement[str]] = []
    for key, column in PARTICIPATION_FIELDS:
        parts.append(_constant(f'{"," if parts else "{"}"{key}":'))
        if key in ("country", "role"):
            parts += [_constant('"'), column, _constant('"')]
        else:
            parts.append(func.coalesce(cast(column, Text), "null"))
    parts.append(_constant("}"))
    return functools.reduce(operator.add, parts)


def _constant(value: str) -> ColumnElement[str]:
    """A text constant written into the SQL (those here hold no single quote)."""
    return literal_column(f"'{value}'", Text)


COMMA = _constant(",")


def _participations(session: Session, ids: list[int]) -> dict[int, RawJSON]:
    """The participants array of each exercise, ordered by article, role and country, as
    compact JSON text that the database writes. Reading the rows and building dictionaries in
    Python took half of an exercise page at scale, where an exercise reported by thousands of
    articles has as many participations."""
    dialect = session.get_bind().dialect.name
    element = _participation_json(dialect)
    where = PARTICIPATION.exercise_id.in_(ids)
    if dialect == "postgresql":
        # One string per exercise, aggregated in order: fetching a row per participation
        # cost more than the aggregate.
        return {
            exercise_id: RawJSON(f"[{text}]")
            for exercise_id, text in session.execute(
                select(
                    PARTICIPATION.exercise_id,
                    func.string_agg(element, aggregate_order_by(COMMA, *PARTICIPATION_ORDER)),
                )
                .where(where)
                .group_by(PARTICIPATION.exercise_id)
            )
        }
    # SQLite 3.40 has no ordered aggregate: a row per participation, in order.
    elements: dict[int, list[str]] = defaultdict(list)
    for exercise_id, text in session.execute(
        select(PARTICIPATION.exercise_id, element)
        .where(where)
        .order_by(PARTICIPATION.exercise_id, *PARTICIPATION_ORDER)
    ):
        elements[exercise_id].append(text)
    return {exercise_id: json_array(texts) for exercise_id, texts in elements.items()}
