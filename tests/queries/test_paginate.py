"""The keyset paging every list query shares: the walk's snapshot, its total, and the page."""

from typing import Any

from sqlalchemy.orm import Session

from app.queries.common import Keyset, counted_snapshot, first_snapshot, paginate


class Row:
    def __init__(self, id: int) -> None:
        self.id = id


def ids(_session: Session, rows: Any) -> list[dict[str, Any]]:
    return [{"id": row.id} for row in rows]


def by_id(row: Any) -> tuple[int]:
    return (row.id,)


# The session is only handed on (to the items function) or not needed (a cursor's snapshot).
NO_SESSION: Any = None


def never_counted() -> int:
    raise AssertionError("the cursor carries the total")


def test_page_one_counts_the_total_into_the_snapshot() -> None:
    assert counted_snapshot({"a": 9}, None, lambda: 4) == {"a": 9, "t": 4}


def test_a_cursor_carries_the_total_without_counting_again() -> None:
    after = Keyset(key=(3,), snapshot={"a": 9, "t": 4})
    assert counted_snapshot(after.snapshot, after, never_counted) == {"a": 9, "t": 4}


def test_a_total_not_wanted_is_zero_without_counting() -> None:
    assert counted_snapshot({"a": 9}, None, never_counted, wanted=False) == {"a": 9, "t": 0}


def test_a_cursor_keeps_the_snapshot_of_page_one() -> None:
    after = Keyset(key=(3,), snapshot={"a": 2, "s": 5})
    assert first_snapshot(NO_SESSION, after, a=object(), s=object()) == {"a": 2, "s": 5}


def test_a_fuller_fetch_gives_the_next_keyset_from_the_last_row_of_the_page() -> None:
    snapshot = {"a": 9, "t": 3}
    page = paginate(NO_SESSION, [Row(1), Row(2), Row(3)], 2, snapshot, by_id, ids)
    assert page.items == [{"id": 1}, {"id": 2}]
    assert page.total == 3
    assert page.next == Keyset(key=(2,), snapshot=snapshot)


def test_the_last_page_has_no_next_keyset() -> None:
    page = paginate(NO_SESSION, [Row(1), Row(2)], 2, {"t": 2}, by_id, ids)
    assert page.items == [{"id": 1}, {"id": 2}]
    assert page.next is None
