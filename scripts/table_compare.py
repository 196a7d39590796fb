"""Every table of two Dossier databases compared row by row, ids and timestamps aside.

A row is read as its columns without its own integer id and without its timestamps; a column
that refers to another table's id stands for that row's content (recursively), so two
databases that hold the same data under other ids compare equal. Works on SQLite and PostgreSQL;
on SQLite the full-text table is compared by its rows, not by the shadow tables that store its
index (their segments record the order of past writes and deletes, not the data).

    .venv/bin/python scripts/table_compare.py postgresql://.../a postgresql://.../b
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any

from locations import REPO
from sqlalchemy import Connection, DateTime, MetaData, Table, text

sys.path.insert(0, str(REPO))

from app.core.db import make_engine  # noqa: E402

Content = tuple[tuple[str, Any], ...]


class _Reader:
    """One database's tables, read whole, each row turned into its content."""

    def __init__(self, url: str) -> None:
        engine = make_engine(url, pooled=False)
        try:
            self.meta = MetaData()
            self.meta.reflect(engine)
            with engine.connect() as conn:
                shadows = _index_shadow_tables(conn)
                self.rows = {
                    name: [dict(row._mapping) for row in conn.execute(table.select())]
                    for name, table in self.meta.tables.items()
                    if name not in shadows
                }
        finally:
            engine.dispose()
        self._by_id = {
            name: {row["id"]: row for row in rows}
            for name, rows in self.rows.items()
            if _has_own_id(self.meta.tables[name])
        }
        self._memo: dict[tuple[str, Any], Content] = {}

    def contents(self, name: str) -> Counter[Content]:
        return Counter(self._content(name, row) for row in self.rows[name])

    def _content(self, name: str, row: dict[str, Any]) -> Content:
        table = self.meta.tables[name]
        own_id = _has_own_id(table)
        key = (name, row["id"]) if own_id else None
        if key is not None and key in self._memo:
            return self._memo[key]
        refs = _id_references(table, set(self._by_id))
        values = []
        for column in table.columns:
            if (own_id and column.name == "id") or isinstance(column.type, DateTime):
                continue
            value = row[column.name]
            if column.name in refs and value is not None:
                target = refs[column.name]
                value = self._content(target, self._by_id[target][value])
            values.append((column.name, value))
        content = tuple(values)
        if key is not None:
            self._memo[key] = content
        return content


def _index_shadow_tables(conn: Connection) -> set[str]:
    """SQLite's tables behind its virtual (full-text) tables: `<virtual>_data` and the like."""
    if conn.dialect.name != "sqlite":
        return set()
    names = [
        n for (n,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
    ]
    virtual = [n for (n,) in conn.execute(text(
        "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"))]  # fmt: skip
    return {n for n in names for v in virtual if n.startswith(f"{v}_")}


def _has_own_id(table: Table) -> bool:
    return [c.name for c in table.primary_key.columns] == ["id"]


def _id_references(table: Table, with_ids: set[str]) -> dict[str, str]:
    """Columns of `table` that hold the id of a row of another table (by column name)."""
    return {
        fk.parent.name: fk.column.table.name
        for fk in table.foreign_keys
        if fk.column.name == "id" and fk.column.table.name in with_ids
    }


Contents = dict[str, Counter[Content]]


def contents(url: str) -> Contents:
    """Every table of the database at `url`, as the multiset of its rows' contents."""
    reader = _Reader(url)
    return {name: reader.contents(name) for name in sorted(reader.rows)}


def differences(a: Contents, b: Contents, examples: int = 3) -> list[str]:
    """How `a` and `b` differ, one line each, with a few rows as examples (none: equal)."""
    problems = []
    if set(a) != set(b):
        problems.append(f"tables differ: {sorted(set(a) ^ set(b))}")
    for name in sorted(set(a) & set(b)):
        left, right = a[name], b[name]
        if left == right:
            continue
        only_a, only_b = left - right, right - left
        problems.append(f"{name}: {sum(only_a.values())} rows only in A, "
                        f"{sum(only_b.values())} only in B")  # fmt: skip
        for row in [*only_a][:examples]:
            problems.append(f"  only in A: {dict(row)}")
        for row in [*only_b][:examples]:
            problems.append(f"  only in B: {dict(row)}")
    return problems


def report(a: Contents, b: Contents) -> tuple[bool, str]:
    """Whether `a` equals `b`, and the rows per table with the differences, as lines."""
    lines = [f"  {name}: {sum(rows.values())} rows" for name, rows in a.items()]
    problems = differences(a, b)
    total = sum(sum(rows.values()) for rows in a.values())
    lines += problems or [f"every table equal: {len(a)} tables, {total} rows"]
    return not problems, "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        raise SystemExit("usage: table_compare.py URL_A URL_B")
    equal, lines = report(contents(args[0]), contents(args[1]))
    print(lines)
    return 0 if equal else 1


if __name__ == "__main__":
    raise SystemExit(main())
