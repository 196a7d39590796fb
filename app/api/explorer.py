"""The explorer page at `/`: static HTML, CSS and JavaScript shipped in the package, no build."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
EXPLORER_DIR = STATIC_DIR / "explorer"
STATIC_URL = "/static/explorer"
# Third-party browser code, each library with its licence and version note (Chart.js).
VENDOR_URL = "/static/vendor"


def install_explorer(app: FastAPI) -> None:
    """Serve the page at `/` and its assets under /static/explorer."""
    app.mount(STATIC_URL, StaticFiles(directory=EXPLORER_DIR), name="explorer-static")
    app.mount(VENDOR_URL, StaticFiles(directory=STATIC_DIR / "vendor"), name="vendor-static")

    @app.get("/", include_in_schema=False)
    def explorer() -> FileResponse:
        return FileResponse(EXPLORER_DIR / "index.html", media_type="text/html; charset=utf-8")
