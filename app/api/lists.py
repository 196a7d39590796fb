"""The tail every list route shares: `limit`, `cursor` and `format` as one dependency, then
one page in the list envelope, or for CSV a 303 to the list's export operation
(app.api.exports) with the same query."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.api.export import Column, ExportFormat, wants_csv
from app.api.paging import Cursor, Limit, decode_cursor, page_body, query_digest
from app.api.responses import built_json
from app.queries.common import KeyPart, Keyset, PageResult

# One page of a list query: (session, limit, the previous page's keyset).
FetchPage = Callable[[Session, int, Keyset | None], PageResult]
# Parameters of a page that its CSV export does not take.
PAGE_ONLY = ("format", "limit")
# A list's export is its path with this suffix (`/api/v1/statements.csv`), a path no
# detail route (`/statements/{id}`) also matches.
EXPORT_PATH = ".csv"


def _as_fetched(page: PageResult) -> PageResult:
    return page


@dataclass(frozen=True)
class CsvList:
    """A list as a CSV file: its name, its columns, and what a page needs before its rows are
    written (`prepare`)."""

    name: str
    columns: Sequence[Column]
    prepare: Callable[[PageResult], PageResult] = _as_fetched


@dataclass(frozen=True)
class ListParams:
    """`limit`, `cursor` and `format` of a list, and the request whose Accept header may ask
    for CSV; a route takes them after its filters."""

    request: Request
    limit: Limit = 20
    cursor: Cursor = None
    export_format: ExportFormat = None

    def answer(
        self,
        session: Session,
        filters: object,
        key_spec: tuple[KeyPart, ...],
        fetch: FetchPage,
        export: CsvList,
        *,
        built: bool = False,
    ) -> dict[str, Any] | Response:
        """The page after the cursor (a 422 for a cursor that does not decode to `key_spec` or
        belongs to other `filters`), or for CSV a 303 to the export; `built`: the page goes
        out as the queries built it (`built_json`)."""
        if wants_csv(self.request, self.export_format):
            return see_export(self.request)
        digest = query_digest(export.name, filters)
        after = decode_cursor(self.cursor, key_spec, digest)
        body = page_body(fetch(session, self.limit, after), digest)
        return built_json(body) if built else body


def see_export(request: Request) -> Response:
    """A 303 to the list's export operation with the request's filters and cursor."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in PAGE_ONLY]
    query = urlencode(items)
    path = request.url.path.rstrip("/") + EXPORT_PATH
    return RedirectResponse(path + (f"?{query}" if query else ""), status_code=303)


ListParamsDep = Annotated[ListParams, Depends()]
