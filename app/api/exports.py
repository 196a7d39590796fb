"""The CSV export operation of each list: `GET /api/v1/{list}.csv` answers `text/csv` only
(every item matching the list's filters, from `cursor` on), so that generated clients read it
as text and the list itself as JSON. `format=csv` (or `Accept: text/csv`) on a list is a 303
to its export with the same query (app.api.lists)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from app.api.export import EXPORT_PAGE, csv_export
from app.api.lists import EXPORT_PATH, CsvList
from app.api.paging import Cursor, decode_cursor, query_digest
from app.api.params import LIST_RESPONSES, UNAVAILABLE
from app.queries.common import KeyPart, Keyset, PageResult

# One page of a list query with its filters: (session, filters, limit, after).
FetchFiltered = Callable[[Session, Any, int, Keyset | None], PageResult]


@dataclass(frozen=True)
class ExportStart:
    """Where an export starts: a cursor of the list, or its first item (a dependency, so that
    it follows the filters in the documentation)."""

    cursor: Cursor = None


class CsvFile(Response):
    """A CSV attachment (the schema names its media type without the charset)."""

    media_type = "text/csv"


def csv_example(export: CsvList) -> str:
    return ",".join(title for title, _ in export.columns) + "\r\n"


def add_export(
    router: APIRouter,
    filters_type: type,
    key_spec: tuple[KeyPart, ...],
    fetch: FetchFiltered,
    export: CsvList,
) -> None:
    """Add `GET {prefix}.csv` to `router`: the list `export.name` as a CSV file."""

    def export_list(
        filters: Annotated[filters_type, Depends()],  # type: ignore[valid-type]
        start: Annotated[ExportStart, Depends()],
    ) -> Response:
        after = decode_cursor(start.cursor, key_spec, query_digest(export.name, filters))
        return csv_export(
            export.name,
            export.columns,
            lambda s, a: export.prepare(fetch(s, filters, EXPORT_PAGE, a)),
            after,
        )

    router.add_api_route(
        EXPORT_PATH,
        export_list,
        methods=["GET"],
        name=f"export_{export.name}",
        summary=f"Export {export.name} as CSV",
        description=f"Every item of `GET /api/v1/{export.name}` matching the filters, as one "
        f"CSV file (`{export.name}.csv`, UTF-8, a header row, lists joined with `;`, streamed, "
        "no `limit`); with `cursor` (a `next_cursor` of the list with the same filters), from "
        "that page on.",
        response_class=CsvFile,
        responses={
            200: {
                "description": f"`{export.name}.csv` as an attachment.",
                "content": {
                    "text/csv": {"schema": {"type": "string"}, "example": csv_example(export)}
                },
            },
            422: LIST_RESPONSES[422],
            503: UNAVAILABLE,
        },
    )
