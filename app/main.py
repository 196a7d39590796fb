"""The FastAPI application: routers under /api/v1, problem+json errors, offline docs."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from app.api.cache.cache import ResponseCache
from app.api.cache.middleware import CachingMiddleware
from app.api.docs import install_docs
from app.api.errors import install_problem_handlers
from app.api.examples import document_cursor_examples
from app.api.explorer import install_explorer
from app.api.methods import HttpMethods
from app.api.responses import UTF8JSONResponse
from app.api.routes import api_router, health
from app.api.schemas import Health
from app.api.security import API_KEY_HEADER
from app.api.warmup import warm_up
from app.core.config import get_settings

API_PREFIX = "/api/v1"

DESCRIPTION = """News articles turned into a database of actors, statements, military exercises
and countries.

* **Lists** answer `{"items", "next_cursor", "total", "total_exact"}`. Pass `next_cursor` back
  as `cursor` (with the same filters: a cursor used with other filters or on another list is a
  422) for the next page; `limit` is 1 to 200. A walk is a snapshot taken on its first page:
  rows ingested meanwhile neither repeat nor shift items, and `total` stays put. Statements are
  counted up to 5,000: past that `total` is 5,000 and `total_exact` false.
* **Text filters** ignore case, diacritics and surrounding white space; country filters take
  ISO 3166-1 alpha-2 codes in any case (two letters of no country are a 422); date filters
  take `YYYY-MM-DD` only.
* **Errors** are RFC 9457 problem details (`application/problem+json`); a 422 lists every
  refused parameter in `errors`."""


TAGS = [
    {"name": "health", "description": "Liveness of the API and its database."},
    {
        "name": "articles",
        "description": "News articles: list them, read one with everything extracted from it, "
        "and (with the API key) send new ones to be extracted and stored.",
    },
    {
        "name": "actors",
        "description": "People and organisations, merged across articles, with their roles, "
        "aliases and counts.",
    },
    {
        "name": "statements",
        "description": "Who said what: direct quotes and reported speech with their speakers, "
        "plus counts per speaker, organisation, country, kind and period.",
    },
    {
        "name": "exercises",
        "description": "Named military exercises with their hosts and participants.",
    },
    {"name": "countries", "description": "Countries the articles mention, with counts."},
]


def operation_id(route: APIRoute) -> str:
    """Stable `tag-name` ids, so generated clients get readable method names."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    if get_settings().warm_up:
        await warm_up(app)
    yield


def create_app() -> FastAPI:
    app = FastAPI(
        lifespan=lifespan,
        title="Dossier API",
        version="1.0.0",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        default_response_class=UTF8JSONResponse,
        generate_unique_id_function=operation_id,
        openapi_tags=TAGS,
    )
    install_problem_handlers(app)
    document_cursor_examples(app)
    install_docs(app)
    install_explorer(app)
    app.include_router(api_router, prefix=API_PREFIX)
    # The same health check at the root, for load balancers that probe `/health`.
    app.add_api_route(
        "/health", health.check_health, response_model=Health, include_in_schema=False
    )
    settings = get_settings()
    if settings.response_cache:
        # Innermost: ETag, Link and CORS headers are still computed per request around it.
        app.add_middleware(
            ResponseCache, prefix=API_PREFIX + "/", ttl=settings.response_cache_seconds
        )
    app.add_middleware(CachingMiddleware, prefix=API_PREFIX)
    # Outside the caching middleware, so that a HEAD is tagged as its GET.
    app.add_middleware(HttpMethods, routes=app.router.routes)
    origins = settings.cors_origins
    if origins:
        # Added last, so outermost: preflights and CORS headers cover every answer.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=[API_KEY_HEADER, "If-None-Match", "Content-Type"],
            expose_headers=["ETag", "Link", "Location", "Content-Disposition"],
        )
    return app


app = create_app()
