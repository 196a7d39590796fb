"""One router per resource under /api/v1."""

from fastapi import APIRouter

from app.api.routes import (
    actors,
    articles,
    countries,
    exercises,
    facets,
    health,
    ingest,
    relations,
    statements,
)

api_router = APIRouter()
# facets before statements: /statements/facets must not be read as /statements/{id}.
for module in (
    health,
    articles,
    ingest,
    actors,
    facets,
    statements,
    exercises,
    countries,
    relations,
):
    api_router.include_router(module.router)
