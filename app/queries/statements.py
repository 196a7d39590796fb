"""Statement queries: the list newest article first, an article's statements, one statement."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from app.core.models import Actor, Article, Country, Statement, StatementCountry, sort_date
from app.queries.common import (
    TOTALS,
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    after_key,
    as_of_snapshot,
    counted_snapshot,
    data_version,
    first_snapshot,
    order_by,
    paginate,
)
from app.queries.statement_filters import StatementFilters, statement_conditions

# The cursor carries the article's published_at (null: undated), as before migration 0005;
# queries compare it as Statement.sort_date, where undated is UNDATED, below every date.
KEY_SPEC: tuple[KeyPart, ...] = ("date?", "int", "int", "int")
SORT = (
    SortColumn(Statement.sort_date, "desc", nullable=False),
    SortColumn(Statement.article_id, "desc", nullable=False),
    SortColumn(Statement.position, "asc", nullable=False),
    SortColumn(Statement.id, "asc", nullable=False),
)
# A filter matching at least one statement in DENSE is served on SQLite by walking the order
# index and testing each row (about 21 * DENSE index entries a page); a sparser one by fetching
# its matches and sorting them (fewer than snapshot / DENSE rows).
DENSE = 500


# The statement's own columns of an item, and what orders a page.
PAGE_COLUMNS = (
    Statement.id,
    Statement.text,
    Statement.kind,
    Statement.cue,
    Statement.speaker_title,
    Statement.speaker_mention,
    Statement.speaker_mention_start,
    Statement.speaker_mention_end,
    Statement.speaker_mention_kind,
    Statement.speaker_mention_organization_id,
    Statement.start,
    Statement.end,
    Statement.position,
    Statement.article_id,
    Statement.speaker_id,
    Statement.sort_date,
)


def _item_select(rows: Any = None) -> Select[*tuple[Any, ...]]:
    """Item rows: the statements of `rows` (a page of PAGE_COLUMNS; by default the table)
    with their article's title and date and their speaker."""
    rows = Statement.__table__ if rows is None else rows
    return (
        select(
            *(rows.c[column.key] for column in PAGE_COLUMNS[:-2]),
            Article.title.label("article_title"),
            Article.published_at,
            Actor.id.label("speaker_id"),
            Actor.name.label("speaker_name"),
            Actor.kind.label("speaker_kind"),
            _ORGANIZATION.name.label("speaker_mention_organization_name"),
        )
        .join(Article, Article.id == rows.c.article_id)
        .outerjoin(Actor, Actor.id == rows.c.speaker_id)
        .outerjoin(_ORGANIZATION, _ORGANIZATION.id == rows.c.speaker_mention_organization_id)
    )


# The organisation a described speaker's words name, beside the speaker in one row.
_ORGANIZATION = aliased(Actor, name="mention_organization")


def list_statements(
    session: Session, filters: StatementFilters, limit: int, after: Keyset | None
) -> PageResult:
    """One page of statements; the snapshot keeps statements stored mid-walk out."""
    snapshot = first_snapshot(session, after, s=Statement.id)
    conds, single_speaker = statement_conditions(session, filters)
    if "s" in snapshot:
        conds.append(Statement.id <= snapshot["s"])
    snapshot = counted_snapshot(
        snapshot, after, lambda: _total(session, filters, conds, snapshot.get("s"))
    )
    dense = (
        filters.speaker is None
        and filters.speaker_id is None
        and filters.article_id is None
        and snapshot["t"] * DENSE >= snapshot.get("s", 0)
    )
    if dense:
        # SQLite has no statistics to tell a dense filter from a sparse one: it is told.
        conds, _ = statement_conditions(session, filters, dense=True)
        if "s" in snapshot:
            conds.append(Statement.id + 0 <= snapshot["s"])
    rows = _page_rows(session, conds, limit, after, sparse=not dense and not single_speaker)
    return paginate(
        session,
        rows,
        limit,
        snapshot,
        lambda r: (r.published_at, r.article_id, r.position, r.id),
        statement_items,
    )


def _total(
    session: Session,
    filters: StatementFilters,
    conds: list[ColumnElement[bool]],
    upto: int | None,
) -> int:
    """The statements matching `conds` (the filters up to the snapshot's last statement,
    `upto`), kept a few seconds in TOTALS."""
    count = select(func.count()).select_from(Statement).where(*conds)

    def rows() -> int:
        return session.scalar(count) or 0

    def stored_count() -> int:
        # A country alone: the count migration 0008's triggers keep. Counting the rows
        # joined every mention to its statement (220 ms for the 60,000 of one country).
        code = str(filters.country).upper()
        stored = select(Country.statement_count).where(Country.code == code)
        return as_of_snapshot(
            session, Statement.id, upto, lambda: session.scalar(stored) or 0, rows
        )

    # type(filters): the API reads them into a subclass (app.api.filters), unequal to this one.
    alone = filters.country is not None and replace(filters, country=None) == type(filters)()
    key = ("statements", filters, upto, data_version(session))
    return TOTALS.get(key, stored_count if alone else rows)


def _page_rows(
    session: Session,
    conds: list[ColumnElement[bool]],
    limit: int,
    after: Keyset | None,
    *,
    sparse: bool,
) -> Sequence[AnyRow]:
    """Item rows of the statements matching `conds` after the previous page's key, one more
    than the page holds; `sparse`: the filter matches few statements of many speakers."""
    stmt = select(*PAGE_COLUMNS).where(*conds)
    if after is not None:
        published, *rest = after.key
        key = (sort_date(published), *rest)
        # The leading bound alone is an index range; after_key then drops the few rows of
        # that same date that came before.
        stmt = stmt.where(Statement.sort_date <= key[0], after_key(SORT, key))
    order = order_by(SORT)
    if sparse and session.get_bind().dialect.name == "postgresql":
        # A sparse filter: PostgreSQL, misjudging it, would walk the order index and test
        # each row. `sort_date + 0` (the same date) keeps it to fetching the matches by their
        # own index and sorting the few of them.
        order = [(Statement.sort_date + 0).desc(), *order[1:]]
    # The page is chosen from `statement` alone, then joined to its articles and speakers:
    # joined first, PostgreSQL misjudged a sparse page of many speakers (an organisation's
    # 578 members, 1 row each, taken for 10,566) and joined every article and actor before
    # sorting (250 ms for 21 rows).
    chosen = stmt.order_by(*order).limit(limit + 1).subquery("page")
    return session.execute(
        _item_select(chosen).order_by(
            chosen.c.sort_date.desc(), chosen.c.article_id.desc(), chosen.c.position, chosen.c.id
        )
    ).all()


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
            "speaker_mention": _speaker_mention(row),
            "article": {"id": row.article_id, "title": row.article_title},
            "start": row.start,
            "end": row.end,
            "position": row.position,
            "countries": countries[row.id],
        }
        for row in rows
    ]


def _speaker_mention(row: Any) -> dict[str, Any] | None:
    """The words naming the speaker as the article writes them; `described` when no actor is
    the speaker and these words are all the article says of them."""
    if row.speaker_mention is None:
        return None
    return {
        "text": row.speaker_mention,
        "start": row.speaker_mention_start,
        "end": row.speaker_mention_end,
        "kind": row.speaker_mention_kind,
        "described": row.speaker_id is None,
        "organization": (
            {
                "id": row.speaker_mention_organization_id,
                "name": row.speaker_mention_organization_name,
            }
            if row.speaker_mention_organization_id is not None
            else None
        ),
    }
