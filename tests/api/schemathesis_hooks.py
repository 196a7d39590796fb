"""Schemathesis hooks for the `--checks all` run (tests/api/test_schemathesis.py).

A cursor belongs to the query that returned it (app.api.paging), which no JSON Schema can
say: any string of up to 2,000 characters is schema-valid, and the app rightly refuses one it
did not hand out for these filters. Every request generated as valid therefore gets, in place
of its generated cursor, a cursor of its own list and filters, as a client walking the list
has; requests generated as invalid keep theirs, and tests/api/test_errors.py and
test_cursor_binding.py cover refused cursors."""

from typing import Any

import schemathesis

from app.api.examples import cursor_for, list_of


@schemathesis.hook
def before_call(context: Any, case: Any, **kwargs: Any) -> None:
    query = case.query or {}
    list_name = list_of(case.operation.path)
    mode = case.meta.generation.mode if case.meta is not None else None
    if list_name is None or "cursor" not in query or mode is None or not mode.is_positive:
        return
    if isinstance(query["cursor"], str):
        query["cursor"] = cursor_for(list_name, query)
