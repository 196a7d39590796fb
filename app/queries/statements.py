"""Statement queries: the list newest article first, an article's statements, one statement."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.orm import Session, aliased

from app.core.models import Actor, Article, Statement, StatementCountry, sort_date
from app.queries.common import (
    AnyRow,
    KeyPart,
    Keyset,
    PageResult,
    SortColumn,
    after_key,
    counted_snapshot,
    first_snapshot,
    order_by,
    paginate,
)
from app.queries.statement_filters import StatementFilters, statement_conditions
from app.queries.statement_totals import capped_snapshot, statement_total

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


# The statement's own columns of an item.
ITEM_COLUMNS = (
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
)


def _item_select() -> Select[*tuple[Any, ...]]:
    """Item rows: statements with their article's title and date and their speaker."""
    return (
        select(
            *ITEM_COLUMNS,
            Article.title.label("article_title"),
            Article.published_at,
            Actor.id.label("speaker_id"),
            Actor.name.label("speaker_name"),
            Actor.kind.label("speaker_kind"),
            _ORGANIZATION.name.label("speaker_mention_organization_name"),
        )
        .join(Article, Article.id == Statement.article_id)
        .outerjoin(Actor, Actor.id == Statement.speaker_id)
        .outerjoin(_ORGANIZATION, _ORGANIZATION.id == Statement.speaker_mention_organization_id)
    )


# The organisation a described speaker's words name, beside the speaker in one row.
_ORGANIZATION = aliased(Actor, name="mention_organization")


def list_statements(
    session: Session, filters: StatementFilters, limit: int, after: Keyset | None
) -> PageResult:
    """One page of statements; the snapshot keeps statements stored mid-walk out."""
    snapshot = first_snapshot(session, after, s=Statement.id)
    conds, single_speaker = statement_conditions(session, filters)
    # The total applies the snapshot's bound itself (only when a statement is newer).
    snapshot = capped_snapshot(
        counted_snapshot(
            snapshot, after, lambda: statement_total(session, filters, conds, snapshot.get("s"))
        )
    )
    if "s" in snapshot:
        conds.append(Statement.id <= snapshot["s"])
    # "x": more than "t" match (TOTAL_CAP), so at least one more than it says.
    least = snapshot["t"] + snapshot.get("x", 0)
    dense = (
        filters.speaker is None
        and filters.speaker_id is None
        and filters.article_id is None
        and least * DENSE >= snapshot.get("s", 0)
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
    stmt = select(Statement.id).where(*conds)
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
    # sorting (250 ms for 21 rows). Its ids alone: a walk along ix_statement_order tests the
    # kind and speaker in the index, and the rows are read for the page only.
    chosen = stmt.order_by(*order).limit(limit + 1)
    return session.execute(_ITEMS_IN_ORDER.where(Statement.id.in_(chosen.scalar_subquery()))).all()


# Built once, not at every request (building the joins was a fifth of the Python of a page).
_ITEMS_IN_ORDER = _item_select().order_by(*order_by(SORT))
_COUNTRIES_OF_IDS = (
    select(StatementCountry.statement_id, StatementCountry.country_code)
    .where(StatementCountry.statement_id.in_(bindparam("ids", expanding=True)))
    .order_by(StatementCountry.country_code)
)


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
        for statement_id, code in session.execute(_COUNTRIES_OF_IDS, {"ids": ids}):
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
