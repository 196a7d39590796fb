"""Counts stored beside the rows they count, kept by migration 0008's triggers.

Each entry: (counted table, its column naming the counter's row, counter table, its key, counter
column, what a counted row adds: 1, or one of its columns). The triggers add on insert, take
away on delete, and move the amount on an update of either column, whatever writes.
"""

COUNTERS: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    ("statement", "speaker_id", "actor", "id", "statement_count", None),
    ("article_actor", "actor_id", "actor", "id", "article_count", None),
    ("article_country", "country_code", "country", "code", "article_count", None),
    ("article_country", "country_code", "country", "code", "mention_count", "mentions"),
    ("statement_country", "country_code", "country", "code", "statement_count", None),
)


def recount_sql(
    table: str, ref: str, target: str, key: str, column: str, amount: str | None
) -> str:
    """An UPDATE that sets the counter from the counted rows: the migration's backfill, and the
    end of a bulk copy that set the triggers aside."""
    return f"UPDATE {target} SET {column} = {counted_sql(table, ref, target, key, amount)}"


def counted_sql(table: str, ref: str, target: str, key: str, amount: str | None) -> str:
    """The counted value for the counter table's current row, as a scalar subquery."""
    add = f"sum({table}.{amount})" if amount else "count(*)"
    return f"(SELECT coalesce({add}, 0) FROM {table} WHERE {table}.{ref} = {target}.{key})"
