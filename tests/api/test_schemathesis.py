"""Schemathesis with every check (`st run --checks all`: examples, coverage, fuzzing and
stateful phases; server errors, schema and content-type conformance, schema-valid requests
rejected, schema-violating requests accepted, the Allow header of 405s, ...) against the app
served by uvicorn over a database with data: it must find nothing.

Cursors generated for valid requests are replaced by cursors of their own query
(tests/api/schemathesis_hooks.py says why)."""

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.browser import served_app
from tests.factories import World
from tests.paths import ROOT

pytestmark = pytest.mark.slow
ST = Path(sys.executable).parent / "st"
EXAMPLES_PER_OPERATION = 20


@pytest.fixture
def server(world: World) -> Iterator[str]:
    with served_app() as base:
        yield base


def test_schemathesis_with_every_check_finds_nothing(server: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
    }
    done = subprocess.run(
        [
            str(ST),
            "run",
            f"{server}/openapi.json",
            "--checks",
            "all",
            "--seed",
            "1",
            "--max-examples",
            str(EXAMPLES_PER_OPERATION),
            "--no-color",
        ],
        # Its cache of past crashes (replayed on the next run) stays out of the work tree.
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    assert "FAILURES" not in output, output[-6000:]
    assert "Failures:" not in output, output[-6000:]
    counts = re.search(r"(\d+) generated, (\d+) passed", output)
    assert counts is not None and counts[1] == counts[2] and int(counts[1]) > 1000, output[-3000:]
    print(counts[0])
