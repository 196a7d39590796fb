"""Programs and optional packages some tests drive (Debian's Chromium, the client generator in
its own environment, the `ray` extra): where they are, and a missing one is a skip that says
how to install it, or a failure under CI (`CI` set), where it must be there."""

import importlib
import os
import shutil
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest

from tests.paths import ROOT

# Debian's package installs it here; DOSSIER_CHROMIUM names another.
CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_INSTALL = "apt-get install -y chromium chromium-driver (Debian's Chromium)"
# The generator pins a typer older than the project's, so it lives in an environment of its
# own (`make client-generator`, which `make test` runs).
CLIENT_GENERATOR = Path(
    os.environ.get(
        "DOSSIER_CLIENT_GENERATOR",
        ROOT / ".venv" / "client-generator" / "bin" / "openapi-python-client",
    )
)
CLIENT_GENERATOR_INSTALL = "make client-generator (openapi-python-client in .venv/client-generator)"


def require(program: Path, install: str) -> Path:
    """`program`, or a skip naming how to install it (a failure under CI)."""
    if program.exists() or shutil.which(str(program)):
        return program
    _missing(f"{program} is not installed; install it with: {install}")


def require_module(name: str, install: str) -> ModuleType:
    """The imported module `name`, or a skip naming how to install it (a failure under CI)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        _missing(f"{name} is not installed; install it with: {install}")


def _missing(message: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI runs every test: nothing may skip)")
    pytest.skip(message)
