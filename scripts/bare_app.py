"""The bare FastAPI app that bench_api.py compares the real API with: one small JSON endpoint.

Served exactly like the real app (`uvicorn --app-dir scripts bare_app:app`, same workers and
options), it shows what FastAPI + uvicorn + the load generator cost on this machine without any
database or serialisation work.
"""

from fastapi import FastAPI

app = FastAPI(title="bare", docs_url=None, redoc_url=None, openapi_url=None)


@app.get("/bare")
async def bare() -> dict[str, object]:
    """A small JSON object, like a tiny list envelope. `async`: it does no blocking work, so it
    runs on the event loop, without the thread hop a plain `def` endpoint pays."""
    return {"items": [], "next_cursor": None, "total": 0}


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
