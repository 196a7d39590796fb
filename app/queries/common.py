"""Shared query pieces: folded text filters and keyset pagination over a stable sort key."""

import functools
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, Row, Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from app.core.text import fold

Direction = Literal["asc", "desc"]
# Types of the values of a sort key, as a cursor carries them ("?": may be null).
KeyPart = Literal["int", "str", "date?"]
AnyRow = Row[*tuple[Any, ...]]
T = TypeVar("T")


@dataclass(frozen=True)
class SortColumn:
    """One column of a sort key; NULLs always sort last, in either direction.

    `nullable=False` (a NOT NULL column) leaves NULLS LAST out of the SQL, so that a plain
    index in this order serves the ORDER BY (neither SQLite nor PostgreSQL infer it).
    """

    column: ColumnElement[Any] | QueryableAttribute[Any]
    direction: Direction = "asc"
    nullable: bool = True

    def order_by(self) -> ColumnElement[Any]:
        ordered = self.column.desc() if self.direction == "desc" else self.column.asc()
        return ordered.nulls_last() if self.nullable else ordered


@dataclass(frozen=True)
class Keyset:
    """Where the previous page ended (`key`) and the ingest state it was computed at."""

    key: tuple[Any, ...]
    snapshot: dict[str, int] = field(default_factory=dict)


@dataclass
class PageResult:
    items: list[dict[str, Any]]
    total: int
    next: Keyset | None
    # False: more than `total` match (a list that stops counting at a cap).
    total_exact: bool = True


def folded(value: str | None) -> str | None:
    """The filter's match key, or None when the filter is absent or only white space."""
    if value is None:
        return None
    key = fold(value)
    return key or None


def page_total(after: Keyset | None, count: Callable[[], int], *, wanted: bool = True) -> int:
    """The total of the walk: counted on page one, then carried by the cursor (same snapshot).

    Detail pages that only show the first items pass `wanted=False` and get 0.
    """
    if after is not None and after.snapshot.get("t", -1) >= 0:
        return after.snapshot["t"]
    return count() if wanted else 0


class TotalCache:
    """Totals of list queries for a few seconds, per process: the database is read-mostly.

    Keys carry the walk's snapshot (the largest id at page one), so that anything ingested
    since is counted at once; `ttl` bounds how long a total may miss updates in place.
    """

    def __init__(self, ttl: float = 10.0, size: int = 4096) -> None:
        self.ttl = ttl
        self.size = size
        self._items: dict[Hashable, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, count: Callable[[], int]) -> int:
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        value = count()
        with self._lock:
            if len(self._items) >= self.size:
                self._items = {k: v for k, v in self._items.items() if now - v[0] < self.ttl}
                if len(self._items) >= self.size:
                    self._items.clear()
            self._items[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


TOTALS = TotalCache()


def newest_id(session: Session, id_column: Any) -> int:
    """The largest id in `id_column`'s table (0 when empty): one index look-up."""
    return session.scalar(_largest(id_column)) or 0


@functools.cache
def _largest(id_column: Any) -> Select[tuple[Any]]:
    """`SELECT max(id_column)`, built once per column (several times a request)."""
    return select(func.max(id_column))


def as_of_snapshot(
    session: Session,
    id_column: Any,
    upto: int | None,
    current: Callable[[], T],
    bounded: Callable[[], T],
) -> T:
    """An answer as of a walk's snapshot, `upto` being the largest id of `id_column`'s table at
    its first page (None: no snapshot, the data as it is). `current()` answers from the data as
    it is now (stored counts, a count without the id bound), which is the same while no row is
    newer than the snapshot: checked before it runs and after, so that nothing stored meanwhile
    was counted. Otherwise `bounded()` answers from the rows up to the snapshot."""
    if upto is None:
        return current()
    if newest_id(session, id_column) <= upto:
        answer = current()
        if newest_id(session, id_column) <= upto:
            return answer
    return bounded()


def count_as_of(
    session: Session, id_column: Any, conds: Sequence[ColumnElement[bool]], upto: int | None
) -> int:
    """The rows of `id_column`'s table matching `conds` with an id up to `upto` (a walk's
    snapshot). While no row is newer the count runs without the id bound: SQLite counts a whole
    table from its smallest index, but with the bound it reads every row of the table."""
    count = select(func.count()).select_from(id_column.class_)
    return as_of_snapshot(
        session,
        id_column,
        upto,
        lambda: session.scalar(count.where(*conds)) or 0,
        lambda: session.scalar(count.where(*conds, id_column <= upto)) or 0,
    )


def data_version(session: Session) -> tuple[Any, ...]:
    """What changes whenever articles are stored: the database, the largest article and
    statement ids and the latest ingestion time (three index look-ups); keys cached totals."""
    row = session.execute(_data_version_select()).one()
    return (str(session.get_bind().engine.url), *row)


@functools.cache
def _data_version_select() -> Select[tuple[Any, Any, Any]]:
    from app.core.models import Article, Statement

    return select(
        select(func.max(Article.id)).scalar_subquery(),
        select(func.max(Statement.id)).scalar_subquery(),
        select(func.max(Article.ingested_at)).scalar_subquery(),
    )


def after_key(sort: Sequence[SortColumn], key: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after `key` in the order of `sort` (NULLs last), for keyset paging."""
    disjuncts: list[ColumnElement[bool]] = []
    equal_prefix: list[ColumnElement[bool]] = []
    for column, value in zip(sort, key, strict=True):
        col = column.column
        if value is not None:
            beyond = col < value if column.direction == "desc" else col > value
            if column.nullable:
                beyond = or_(beyond, col.is_(None))
            disjuncts.append(and_(*equal_prefix, beyond))
            equal_prefix.append(col == value)
        else:
            # Nothing sorts after NULL in this column; only later columns can advance.
            equal_prefix.append(col.is_(None))
    return or_(false(), *disjuncts)


def order_by(sort: Sequence[SortColumn]) -> list[ColumnElement[Any]]:
    return [column.order_by() for column in sort]


def split_page(
    rows: Sequence[Any], limit: int, key_of: Any, snapshot: dict[str, int]
) -> tuple[list[Any], Keyset | None]:
    """Rows of this page, and the keyset of the next page when there is one (fetch limit+1)."""
    page = list(rows[:limit])
    if len(rows) <= limit or not page:
        return page, None
    return page, Keyset(key=tuple(key_of(page[-1])), snapshot=snapshot)


def first_snapshot(session: Session, after: Keyset | None, **ids: Any) -> dict[str, int]:
    """The walk's snapshot: the cursor's, or on page one the largest id of each id column
    named (`a=Article.id`), which keeps rows stored mid-walk out of later pages."""
    if after is not None:
        return after.snapshot
    return {name: newest_id(session, column) for name, column in ids.items()}


def counted_snapshot(
    snapshot: dict[str, int],
    after: Keyset | None,
    count: Callable[[], int],
    *,
    wanted: bool = True,
) -> dict[str, int]:
    """The snapshot with the walk's total as "t" (see `page_total`)."""
    return {**snapshot, "t": page_total(after, count, wanted=wanted)}


def page_rows(
    session: Session,
    stmt: Select[*tuple[Any, ...]],
    sort: Sequence[SortColumn],
    limit: int,
    after: Keyset | None,
) -> Sequence[AnyRow]:
    """The rows of `stmt` after the previous page's key, in the order of `sort`: one more than
    the page holds, to tell whether another follows."""
    if after is not None:
        stmt = stmt.where(after_key(sort, after.key))
    return session.execute(stmt.order_by(*order_by(sort)).limit(limit + 1)).all()


def paginate(
    session: Session,
    rows: Sequence[AnyRow],
    limit: int,
    snapshot: dict[str, int],
    key_of: Callable[[AnyRow], tuple[Any, ...]],
    items: Callable[[Session, Sequence[AnyRow]], list[dict[str, Any]]],
) -> PageResult:
    """The page of `rows` (fetched one over `limit`): its items, the walk's total (the
    snapshot's "t"; a lower bound when it holds "x") and the keyset of the next page, whose
    cursor carries `snapshot`."""
    page, next_keyset = split_page(rows, limit, key_of, snapshot)
    return PageResult(
        items=items(session, page),
        total=snapshot["t"],
        next=next_keyset,
        total_exact="x" not in snapshot,
    )


def name_or_alias_contains(
    key: Any, owner_id: Any, alias_owner_id: Any, alias_key: Any, needle: str
) -> ColumnElement[bool]:
    """`needle` (folded) is a substring of the folded name or of any alias of the row."""
    return or_(
        key.contains(needle, autoescape=True),
        exists().where(alias_owner_id == owner_id, alias_key.contains(needle, autoescape=True)),
    )
