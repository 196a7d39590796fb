"""The explorer page at `/` and at each view's URL: static HTML, CSS and JavaScript shipped in
the package, no build."""

from pathlib import Path
from typing import Annotated

from fastapi import FastAPI
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from app.api.params import id_path

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
EXPLORER_DIR = STATIC_DIR / "explorer"
STATIC_URL = "/static/explorer"
# Third-party browser code, each library with its licence and version note (Chart.js).
VENDOR_URL = "/static/vendor"


def explorer_page() -> FileResponse:
    """The one page; its script draws the view the URL names."""
    return FileResponse(EXPLORER_DIR / "index.html", media_type="text/html; charset=utf-8")


# The views' URLs answer the same page, so a reload or a shared link lands on the view. A
# malformed id or code is refused as any path parameter is (422 problem+json).
def actor_view(actor_id: Annotated[int, id_path("Actor id.")]) -> FileResponse:
    return explorer_page()


def exercise_view(exercise_id: Annotated[int, id_path("Exercise id.")]) -> FileResponse:
    return explorer_page()


def country_view(code: Annotated[str, PathParam(pattern=r"^[A-Za-z]{2}$")]) -> FileResponse:
    return explorer_page()


def install_explorer(app: FastAPI) -> None:
    """Serve the page at `/` and at each view's URL, its assets under /static/explorer and
    the vendored libraries under /static/vendor."""
    app.mount(STATIC_URL, StaticFiles(directory=EXPLORER_DIR), name="explorer-static")
    app.mount(VENDOR_URL, StaticFiles(directory=STATIC_DIR / "vendor"), name="vendor-static")
    app.add_api_route("/", explorer_page, include_in_schema=False)
    app.add_api_route("/actors/{actor_id}", actor_view, include_in_schema=False)
    app.add_api_route("/exercises/{exercise_id}", exercise_view, include_in_schema=False)
    app.add_api_route("/countries/{code}", country_view, include_in_schema=False)
