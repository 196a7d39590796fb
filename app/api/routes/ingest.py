"""Ingestion over HTTP: one article, or a batch, in the JSON input format of `dossier ingest`.

Both routes require the API key. They store exactly as the CLI does: an article already stored
with the same text is `unchanged` (not extracted again); one with the same `id` or `url` but new
text is `updated`.
"""

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    model_validator,
)
from sqlalchemy.exc import IntegrityError

from app.api.errors import InvalidParameterError, NotFoundError, problem
from app.api.messages import described, problem_detail
from app.api.params import UNAVAILABLE, SessionDep, problem_response
from app.api.schemas import ArticleDetail, ParameterError
from app.api.security import require_api_key
from app.core.db import get_engine
from app.ingest.readers import RecordError
from app.ingest.single import ExtractionFailed, Ingested, ingest_record
from app.ingest.store import StoreConflict
from app.queries.articles import article_detail

log = logging.getLogger(__name__)

router = APIRouter(tags=["articles"], dependencies=[Depends(require_api_key)])

MAX_BATCH = 100
MAX_BODY = 500_000
SEED_BODY = (
    "Kazakhstan's Defence Minister Adilbek Dzhaksybekov met with the Special Representative of "
    "the Secretary General of the NATO for the Caucasus and Central Asia James Appathurai.\n\n"
    '"Kazakhstan is the most active partner of NATO in the region," James Appathurai said.'
)
Outcome = Literal["new", "updated", "unchanged"]


def _storable(value: str | None) -> str | None:
    # PostgreSQL refuses NUL and the drivers refuse lone surrogates: refuse them here, as a 422.
    if value is None:
        return None
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be Unicode text (no lone surrogate)") from None
    return value


Text = Annotated[str, AfterValidator(_storable)]


class ArticleInput(BaseModel):
    """One article in the JSON input format of `dossier ingest` (a .json or .jsonl record)."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "id": "kazinform-2017-0412",
                    "title": "Kazakh Defence Minister meets with NATO Special Representative",
                    "body": SEED_BODY,
                    "source": "Kazinform",
                    "url": "https://www.inform.kz/en/article_a3012345",
                    "published_at": "2017-04-12",
                }
            ]
        },
    )

    title: Text = Field(
        min_length=1,
        max_length=2000,
        description="Headline.",
        examples=["Kazakh Defence Minister meets with NATO Special Representative"],
    )
    body: Text | None = Field(
        default=None,
        max_length=MAX_BODY,
        description="Full text, paragraphs separated by blank lines (or give it as `text`).",
        examples=[SEED_BODY],
    )
    text: Text | None = Field(
        default=None,
        max_length=MAX_BODY,
        description="Alternative name of `body`, used when `body` is absent.",
        examples=[SEED_BODY],
    )
    id: Annotated[Text, Field(max_length=500)] | StrictInt | None = Field(
        default=None,
        description="Your identifier of the article; a later record with the same id replaces it.",
        examples=["kazinform-2017-0412"],
    )
    url: Text | None = Field(
        default=None,
        max_length=2000,
        description="Where it was published; also identifies the article.",
        examples=["https://www.inform.kz/en/article_a3012345"],
    )
    source: Text | None = Field(
        default=None,
        max_length=200,
        description="Publisher or agency; found in the text when absent.",
        examples=["Kazinform"],
    )
    published_at: Text | None = Field(
        default=None,
        max_length=40,
        description="Publication date, ISO 8601 (a timestamp keeps its date only).",
        examples=["2017-04-12"],
    )

    @model_validator(mode="after")
    def _has_text(self) -> "ArticleInput":
        if not (self.body or self.text):
            raise ValueError("give the article's text as `body` (or `text`)")
        return self


class IngestedArticle(BaseModel):
    """The outcome of ingesting one article, with its extraction."""

    status: Outcome = Field(
        description="`new` (201), `updated` (200: same id or url, new text, extracted again) or "
        "`unchanged` (200: already stored with this text; not extracted again).",
        examples=["new"],
    )
    article: ArticleDetail = Field(description="The stored article with its extraction.")


class BatchItemResult(BaseModel):
    """The outcome of one record of a batch."""

    index: int = Field(description="Position of the record in the request list.", examples=[0])
    status: Outcome | Literal["failed"] = Field(
        description="As for one article, or `failed` (see `detail`).", examples=["new"]
    )
    article_id: int | None = Field(description="Id of the stored article.", examples=[1])
    detail: str | None = Field(
        description="Why the record failed; null otherwise.", examples=[None]
    )
    errors: list[ParameterError] | None = Field(
        default=None, description="For a record refused by validation: every field and why."
    )


class BatchResult(BaseModel):
    """The outcome of a batch: counts, then one result per record."""

    new: int = Field(description="Records stored as new articles.", examples=[2])
    updated: int = Field(description="Records that replaced a stored version.", examples=[0])
    unchanged: int = Field(description="Records already stored with this text.", examples=[1])
    failed: int = Field(description="Records refused or not stored.", examples=[0])
    results: list[BatchItemResult] = Field(description="One result per record, in order.")


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: problem_response("The body cannot be parsed at all (e.g. bytes that are not UTF-8)."),
    401: problem_response("No API key in the X-API-Key header."),
    403: problem_response("Wrong API key, or writes are disabled (no DOSSIER_API_KEY)."),
    409: problem_response("The article's id, url or text belongs to another stored article."),
    422: problem_response(
        "The body is not an article in the input format (see `errors`), or the extractor "
        "failed on it (nothing stored)."
    ),
    503: UNAVAILABLE,
}
ORIGIN = "request body"
EXTRACTION_FAILED = "Not stored: the extractor failed on this article; the error has been logged."


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestedArticle,
    summary="Ingest one article",
    responses={
        200: {"model": IngestedArticle, "description": "Already stored: updated or unchanged."},
        **WRITE_RESPONSES,
    },
)
def create_article(
    article: ArticleInput, session: SessionDep, request: Request, response: Response
) -> dict[str, Any] | JSONResponse:
    """Extract and store one article: 201 when new, 200 when it was stored before."""
    try:
        done = ingest_record(get_engine(), article.model_dump(), ORIGIN)
    except RecordError as exc:
        raise InvalidParameterError("body", str(exc), location="body") from exc
    except (StoreConflict, IntegrityError) as exc:
        return problem(409, _conflict_reason(exc))
    except ExtractionFailed:
        log.exception("ingesting the posted article failed")
        return problem(422, EXTRACTION_FAILED)
    response.status_code = 201 if done.outcome == "new" else 200
    response.headers["Location"] = str(request.url_for("get_article", article_id=done.article_id))
    stored = article_detail(session, done.article_id)
    if stored is None:
        raise NotFoundError("article", done.article_id)
    return {"status": done.outcome, "article": stored}


@router.post(
    "/articles:batch",
    response_model=BatchResult,
    summary="Ingest many articles",
    responses=WRITE_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {"items": {"$ref": "#/components/schemas/ArticleInput"}}
                }
            }
        }
    },
)
def create_articles_batch(
    articles: Annotated[
        list[Any],
        Body(
            min_length=1,
            max_length=MAX_BATCH,
            description=f"1 to {MAX_BATCH} articles in the input format.",
        ),
    ],
) -> dict[str, Any]:
    """Ingest up to 100 articles, each on its own: a bad record fails alone, the others are
    stored. Answers 200 with one result per record."""
    results = [_ingest_item(index, record) for index, record in enumerate(articles)]
    counts = {status: 0 for status in ("new", "updated", "unchanged", "failed")}
    for result in results:
        counts[result["status"]] += 1
    return {**counts, "results": results}


def _ingest_item(index: int, record: Any) -> dict[str, Any]:
    failed: dict[str, Any] = {"index": index, "status": "failed", "article_id": None}
    try:
        payload = ArticleInput.model_validate(record)
    except ValidationError as exc:
        errors = described(list(exc.errors()), "body")
        return {**failed, "detail": problem_detail("Invalid record.", errors), "errors": errors}
    try:
        done: Ingested = ingest_record(get_engine(), payload.model_dump(), f"{ORIGIN}[{index}]")
    except RecordError as exc:
        return {**failed, "detail": str(exc)}
    except (StoreConflict, IntegrityError) as exc:
        return {**failed, "detail": _conflict_reason(exc)}
    except Exception:  # an extractor bug must cost one record, not the batch (as in the CLI)
        log.exception("ingesting record %d of a batch failed", index)
        return {**failed, "detail": EXTRACTION_FAILED}
    return {"index": index, "status": done.outcome, "article_id": done.article_id, "detail": None}


def _conflict_reason(exc: Exception) -> str:
    if isinstance(exc, StoreConflict):
        return f"Not stored: {exc}."
    return "Not stored: another request stored an article with the same id, url or text."
