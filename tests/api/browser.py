"""The app served by uvicorn on a free port, and headless Chromium pages that may reach that
server alone (every other request is aborted and recorded) and record console errors."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import uvicorn

from app.main import create_app
from tests.tools import CHROMIUM, CHROMIUM_INSTALL, require


@contextmanager
def served_app() -> Iterator[str]:
    """The app on 127.0.0.1 (the configured database), yielding its base URL."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=0, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class PageLog:
    """What a page did wrong: requests off the host, failed requests, console errors."""

    off_host: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.off_host == [], self.off_host
        assert self.failed == [], self.failed
        assert self.errors == [], self.errors


def offline_page(browser: Any, base: str, **context: Any) -> tuple[Any, PageLog]:
    """A new page whose requests to any host but `base`'s are aborted (and logged)."""
    host = urlsplit(base).hostname
    log = PageLog()
    page = browser.new_page(**context)

    def only_the_app(route: Any) -> None:
        if urlsplit(route.request.url).hostname == host:
            route.continue_()
        else:
            log.off_host.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_app)
    page.on("requestfailed", lambda request: log.failed.append(request.url))
    page.on("pageerror", lambda error: log.errors.append(f"page error: {error}"))
    page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
    return page, log


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (a skip saying how to install it where
    it is missing; a failure under CI)."""
    from playwright.sync_api import sync_playwright

    require(CHROMIUM, CHROMIUM_INSTALL)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                # Any host but the test server fails to resolve, as a second guard.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()
