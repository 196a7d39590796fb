"""CSV export of the lists: every item matching the filters, streamed page by page.

A list answers CSV for `format=csv` or `Accept: text/csv`. The export walks the list's own keyset
pages (so it is a snapshot, like a cursor walk) with no 200-item cap; nested fields are flattened
(`speaker_name`, `article_title`) and lists joined with `;`. A text cell that a spreadsheet would
run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
`'`, as OWASP advises for CSV files opened in spreadsheets; numbers are left as they are.
"""

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from app.core.db import get_sessionmaker
from app.queries.common import Keyset, PageResult

# Items fetched per query while exporting; the 200 cap of `limit` is for pages a client holds.
EXPORT_PAGE = 500
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
LIST_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ExportFormat = Annotated[
    Literal["json", "csv"] | None,
    Query(
        alias="format",
        description="`json` answers one page of the list envelope; `csv` a 303 to the list's "
        "CSV export operation (its path with `.csv`) with the same filters. "
        "Without it, `Accept: text/csv` chooses CSV, anything else JSON.",
        examples=["json"],
    ),
]

Getter = Callable[[dict[str, Any]], Any]
Column = tuple[str, Getter]
FetchPage = Callable[[Session, Keyset | None], PageResult]


def field(path: str) -> Getter:
    """The value at a dotted path (`speaker.name`); None when a step is missing or null."""
    steps = path.split(".")

    def get(item: dict[str, Any]) -> Any:
        value: Any = item
        for step in steps:
            if not isinstance(value, dict):
                return None
            value = value.get(step)
        return value

    return get


def columns(*paths: str, **named: Getter) -> list[Column]:
    """Columns named after their path (`speaker.name` -> `speaker_name`), then computed ones."""
    return [(p.replace(".", "_"), field(p)) for p in paths] + list(named.items())


def _participants(item: dict[str, Any]) -> list[str]:
    # "US units 2024-06 #12": country, role, edition and the article reporting it.
    out = []
    for p in item.get("participants") or []:
        edition = "" if p["year"] is None else f" {p['year']}"
        if p["year"] is not None and p["month"] is not None:
            edition += f"-{p['month']:02d}"
        out.append(f"{p['country']} {p['role']}{edition} #{p['article_id']}")
    return out


ARTICLE_COLUMNS = columns("id", "title", "source", "published_at", "url", "statement_count")
STATEMENT_COLUMNS = columns(
    "id",
    "text",
    "kind",
    "cue",
    "speaker.id",
    "speaker.name",
    "speaker.kind",
    "speaker_title",
    "speaker_mention.text",
    "speaker_mention.kind",
    "speaker_mention.described",
    "speaker_mention.organization.id",
    "speaker_mention.organization.name",
    "article.id",
    "article.title",
    "start",
    "end",
    "position",
    "countries",
)
ACTOR_COLUMNS = columns(
    "id",
    "name",
    "kind",
    "title",
    "organization.id",
    "organization.name",
    "country",
    "aliases",
    "statement_count",
    "article_count",
)
EXERCISE_COLUMNS = columns(
    "id",
    "name",
    "kind",
    "frequency",
    "host_country",
    "aliases",
    participant_countries=lambda item: sorted({p["country"] for p in item["participants"]}),
    participants=_participants,
    article_count=field("article_count"),
)
COUNTRY_COLUMNS = columns(
    "code",
    "iso3",
    "name",
    "article_count",
    "mention_count",
    "statement_count",
    "exercise_count",
)


def wants_csv(request: Request, export_format: str | None) -> bool:
    """`format` decides; without it, an Accept header that names text/csv does."""
    if export_format is not None:
        return export_format == "csv"
    for part in request.headers.get("accept", "").split(","):
        media, *params = (piece.strip().lower() for piece in part.split(";"))
        if media == "text/csv" and not any(p.replace(" ", "") in ("q=0", "q=0.0") for p in params):
            return True
    return False


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as JSON writes it
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_export(
    name: str, cols: Sequence[Column], fetch: FetchPage, after: Keyset | None = None
) -> StreamingResponse:
    """Stream every page `fetch` yields, from `after` (a cursor) or the start, as `name`.csv."""

    def chunks() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([title for title, _ in cols])
        position = after
        # Its own session: the body is sent after the request's dependencies have closed theirs.
        with get_sessionmaker()() as session:
            while True:
                page = fetch(session, position)
                for item in page.items:
                    writer.writerow([_cell(get(item)) for _, get in cols])
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
                if page.next is None:
                    return
                position = page.next

    return StreamingResponse(
        chunks(),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
