"""Swagger UI and ReDoc served with assets from this app only (no CDN), for offline use, and
the site's `/favicon.ico`.

ReDoc's bundle draws Redocly's logo in its side menu from `cdn.redoc.ly`, with no option to
turn it off: the bundle is served with that address replaced by an inline image, so the page
asks no other host for anything."""

import importlib.util
from functools import cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC_URL = "/static/docs"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
REDOC_JS_URL = "/docs/redoc.standalone.js"
CDN_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
# An empty image in place of the logo (the link beside it keeps its text).
INLINE_LOGO = (
    b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
)


def static_dir() -> Path:
    """The asset folder fastapi-offline ships (Swagger UI, ReDoc, favicon)."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        raise RuntimeError("fastapi-offline is not installed; it provides the docs assets")
    return Path(spec.origin).parent / "static"


def install_docs(app: FastAPI, openapi_url: str = "/openapi.json") -> None:
    """Mount the assets and add /docs and /redoc pages that only reference them."""
    app.mount(STATIC_URL, StaticFiles(directory=static_dir()), name="docs-static")
    title = app.title

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(static_dir() / "favicon.png", media_type="image/png")

    @app.get(REDOC_JS_URL, include_in_schema=False)
    def redoc_script() -> Response:
        return Response(offline_redoc(), media_type="text/javascript; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_URL}/favicon.png",
            oauth2_redirect_url=OAUTH2_REDIRECT_URL,
            # The default validator badge would call validator.swagger.io.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{title} - ReDoc",
            redoc_js_url=REDOC_JS_URL,
            redoc_favicon_url=f"{STATIC_URL}/favicon.png",
            with_google_fonts=False,
        )


@cache
def offline_redoc() -> bytes:
    """ReDoc's bundle with its CDN logo replaced by an inline image."""
    script = (static_dir() / "redoc.standalone.js").read_bytes()
    if CDN_LOGO not in script:
        raise RuntimeError("the ReDoc bundle no longer names its CDN logo; check app/api/docs.py")
    return script.replace(CDN_LOGO, INLINE_LOGO)
