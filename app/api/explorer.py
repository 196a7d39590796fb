"""The explorer page at `/`: static HTML, CSS and JavaScript shipped in the package, no build."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

EXPLORER_DIR = Path(__file__).resolve().parents[1] / "static" / "explorer"
STATIC_URL = "/static/explorer"


def install_explorer(app: FastAPI) -> None:
    """Serve the page at `/` and its assets under /static/explorer."""
    app.mount(STATIC_URL, StaticFiles(directory=EXPLORER_DIR), name="explorer-static")

    @app.get("/", include_in_schema=False)
    def explorer() -> FileResponse:
        return FileResponse(EXPLORER_DIR / "index.html", media_type="text/html; charset=utf-8")
