"""Fixtures of the API tests that drive a browser."""

import pytest

from tests.tools import CHROMIUM, CHROMIUM_INSTALL, require


@pytest.fixture
def chromium_installed() -> None:
    """Debian's Chromium is there: else a skip that says how to install it (a failure under
    CI, where every browser test must run)."""
    require(CHROMIUM, CHROMIUM_INSTALL)
