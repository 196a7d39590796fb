"""The scripts' shared helpers that need no server or corpus: HTTP responses read by the load
generator, wrk's figures, percentiles and tables, snapshot differences, full-text words, the
timed section of a phase, and the ids and countries of a scale database's copies."""

import asyncio
import importlib
import random
from collections.abc import Callable
from types import ModuleType

import pytest

from tests.paths import SCRIPTS_DIR

Load = Callable[[str], ModuleType]


@pytest.fixture
def script_module(monkeypatch: pytest.MonkeyPatch) -> Load:
    """Imports a module of scripts/ as the scripts do (their folder on the path)."""
    monkeypatch.syspath_prepend(str(SCRIPTS_DIR))

    def load(name: str) -> ModuleType:
        return importlib.import_module(name)

    return load


def _read(loadgen: ModuleType, raw: bytes) -> tuple[int, bool]:
    async def read() -> tuple[int, bool]:
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        result: tuple[int, bool] = await loadgen.read_response(reader)
        # The whole response is consumed: nothing of it is left for the next one.
        assert await reader.read() == b""
        return result

    return asyncio.run(read())


def test_read_response_reads_a_body_by_its_length(script_module: Load) -> None:
    loadgen = script_module("loadgen")
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: x\r\n\r\nhello"
    assert _read(loadgen, raw) == (200, False)


def test_read_response_reads_chunks_and_a_closing_server(script_module: Load) -> None:
    loadgen = script_module("loadgen")
    raw = (
        b"HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"
    )
    assert _read(loadgen, raw) == (503, True)


def test_read_response_of_a_closed_connection_is_an_incomplete_read(script_module: Load) -> None:
    with pytest.raises(asyncio.IncompleteReadError):
        _read(script_module("loadgen"), b"")


def test_encode_requests_asks_for_json_on_a_kept_connection(script_module: Load) -> None:
    (request,) = script_module("loadgen").encode_requests(8000, ["/api/v1/actors?q=x"])
    assert request == (
        b"GET /api/v1/actors?q=x HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"
        b"Accept: application/json\r\n\r\n"
    )


def test_from_wrk_gives_rates_and_milliseconds(script_module: Load) -> None:
    data = {"requests": 200, "bad_status": 3, "errors": 1, "wall_us": 2_000_000,
            "p50_us": 1500, "p95_us": 2500, "p99_us": 4000, "max_us": 9000}  # fmt: skip
    figures = script_module("loadgen").from_wrk(data, cpu=0.5)
    assert figures == {
        "requests": 200, "ok": 197, "statuses": {}, "errors": 1, "error_sample": [],
        "wall_s": 2.0, "rps": 100.0, "p50_ms": 1.5, "p95_ms": 2.5, "p99_ms": 4.0,
        "max_ms": 9.0, "loadgen_cpu_s": 0.5,
    }  # fmt: skip


def test_percentile_is_the_nearest_rank(script_module: Load) -> None:
    figures = script_module("figures")
    values = [float(v) for v in range(1, 101)]
    assert figures.percentile(values, 50) == 50.0
    assert figures.percentile(values, 99) == 100.0
    assert figures.percentile([7.0], 99) == 7.0
    assert figures.percentile([], 50) != figures.percentile([], 50)  # nan


def test_table_aligns_numbers_right_and_formats_by_size(script_module: Load) -> None:
    text = script_module("figures").table([["bare", 1234.5, 12.34, 1.234, 5000, float("nan")]],
                                          ["kind", "a", "b", "c", "n", "x"])  # fmt: skip
    assert text.splitlines() == [
        "kind  a      b     c     n      x",
        "----  -----  ----  ----  -----  -",
        "bare  1,234  12.3  1.23  5,000  -",
    ]


def test_differences_name_what_differs_from_the_reference(script_module: Load) -> None:
    db_state = script_module("db_state")
    reference = {"actors": ["person:a"], "exercises": ["x"], "counts": {"actor": 1}}
    now = {"actors": ["person:a", "person:a2"], "exercises": ["x"], "counts": {"actor": 2}}
    assert db_state.differences(now, reference) == [
        "  actors: ['person:a', 'person:a2'] != ['person:a']",
        "  counts: {'actor': 2} != {'actor': 1}",
    ]
    assert db_state.differences(reference, reference) == []


def test_fulltext_words_take_one_long_word_of_each_text(script_module: Load) -> None:
    api_paths = script_module("api_paths")
    texts = ["The Minister said.", "tiny words only", '"Exercises" begin (tomorrow)']
    words = api_paths.fulltext_words(texts, random.Random(1))
    assert words[0] == "minister"
    assert len(words) == 2 and words[1] in {"exercises", "tomorrow"}


def test_timed_reports_the_work_after_its_times(script_module: Load) -> None:
    timed = script_module("ingest_phases").timed(lambda: "model", lambda m: {"loaded": m})
    assert list(timed) == ["seconds", "load_s", "setup_cpu_s", "loaded"]
    assert timed["loaded"] == "model" and timed["seconds"] >= 0 and timed["load_s"] >= 0


def test_country_maps_permute_codes_among_themselves(script_module: Load) -> None:
    codes = [f"C{i}" for i in range(10)]
    maps = script_module("scale_copies").country_maps(codes, 3, random.Random(1))
    assert len(maps) == 3 and maps[0] == {}
    for cmap in maps[1:]:
        assert len(cmap) == 2 and sorted(cmap) == sorted(cmap.values())


def test_copy_ids_shift_articles_and_people_but_not_organisations(script_module: Load) -> None:
    scale_copies = script_module("scale_copies")
    off = {"article": 100, "actor": 50}
    ids = scale_copies.CopyIds(2, off, {1: "person", 2: "organization"}, {"FR": "DE"})
    assert ids.art(7) == 207
    assert (ids.who(1), ids.who(2), ids.who(None)) == (101, 2, None)
    assert (ids.cc("FR"), ids.cc("IT"), ids.cc(None)) == ("DE", "IT", None)


def test_identity_audit_finds_two_given_names_but_not_initials_or_short_forms(
    script_module: Load,
) -> None:
    clash = script_module("identity_audit").given_name_clash
    assert clash(["Ivan Petrov", "Petrov", "Sergei Petrov"]) == ("Ivan Petrov", "Sergei Petrov")
    assert clash(["Jack Straw", "J. Straw", "Straw"]) is None
    assert clash(["Alexander Petrov", "Alex Petrov"]) is None
    assert clash(["Jaap de Hoop Scheffer", "de Hoop Scheffer"]) is None
    assert clash(["Exchequer Nigel Lawson", "Nigel Lawson"]) is None
