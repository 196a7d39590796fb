"""bench_ingest's coverage: the share of words at each level of the selective parse."""

import importlib.util
from types import ModuleType

import pytest

from tests.paths import SCRIPTS_DIR

SCRIPT = SCRIPTS_DIR / "bench_ingest.py"


def _bench_ingest() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_ingest_under_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_coverage_counts_the_words_of_each_level() -> None:
    text = "He said prices would rise.\n\nShares in Acme fell.\n\nIt was quiet."
    shares = _bench_ingest().coverage([text])
    assert shares == pytest.approx({"speech": 5 / 12, "names": 4 / 12, "plain": 3 / 12})


def test_coverage_of_a_speech_paragraph_includes_the_two_before_it() -> None:
    text = "It was quiet.\n\nShares in Acme fell.\n\nIt rose.\n\nThe minister said so."
    shares = _bench_ingest().coverage([text])
    assert shares == pytest.approx({"speech": 10 / 13, "names": 0.0, "plain": 3 / 13})
