"""HTTP API: one router per resource under /api/v1."""

from fastapi import APIRouter

from app.api import actors, articles, countries, exercises, health, ingest, statements

api_router = APIRouter()
for module in (health, articles, ingest, actors, statements, exercises, countries):
    api_router.include_router(module.router)
