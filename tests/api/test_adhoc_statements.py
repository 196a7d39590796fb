"""Ad-hoc statement queries answer the same whatever serves them: with the response cache on
(computed, then from the cache) or off, a word tested on each row or read from the full-text
index, and a total counted past its cap or not."""

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.queries import statement_filters, statement_totals
from app.queries.common import TOTALS
from tests.factories import World

# One path of every kind bench_adhoc.py asks, alone and in pairs, and a few that match nothing.
PATHS = [
    "/api/v1/statements",
    "/api/v1/statements?speaker=tokayev",
    "/api/v1/statements?speaker=Stoltenberg&kind=indirect",
    "/api/v1/statements?speaker=official",
    "/api/v1/statements?q=kazakhstan",
    "/api/v1/statements?q=partner&published_from=2024-01-01&published_to=2024-12-31",
    "/api/v1/statements?country=kz",
    "/api/v1/statements?country=KZ&q=partner",
    "/api/v1/statements?country=KZ&speaker=tokayev",
    "/api/v1/statements?country=US&published_from=2024-06-01&published_to=2024-06-30",
    "/api/v1/statements?kind=indirect",
    "/api/v1/statements?kind=direct&country=KZ",
    "/api/v1/statements?published_from=2024-01-01&published_to=2024-12-31",
    "/api/v1/statements?q=nothing+like+this",
    "/api/v1/statements?country=FR&q=kazakhstan",
    "/api/v1/statements?limit=2",
]


@contextlib.contextmanager
def _client(monkeypatch: pytest.MonkeyPatch, cache: bool) -> Iterator[TestClient]:
    from app.main import create_app

    monkeypatch.setenv("DOSSIER_RESPONSE_CACHE", "true" if cache else "false")
    get_settings.cache_clear()
    with TestClient(create_app(), raise_server_exceptions=True) as client:
        yield client
    get_settings.cache_clear()


def _answers(client: TestClient) -> list[Any]:
    return [client.get(path).json() for path in PATHS]


def test_answers_are_the_same_with_the_cache_on_and_off(
    engine: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _client(monkeypatch, cache=False) as client:
        off = _answers(client)
    with _client(monkeypatch, cache=True) as client:
        computed, cached = _answers(client), _answers(client)
    assert computed == off
    assert cached == off
    assert [len(a["items"]) for a in off] == [7, 3, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 6, 0, 0, 2]


@pytest.mark.parametrize("narrow", [0, 10**9])
def test_a_word_with_a_country_matches_the_same_tested_or_indexed(
    strict_client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch, narrow: int
) -> None:
    """NARROW 0: the word is read from the full-text index; 10**9: tested on each statement
    of the country. The same statements either way."""
    monkeypatch.setattr(statement_filters, "NARROW", narrow)
    TOTALS.clear()
    page = strict_client.get("/api/v1/statements?country=kz&q=AS+A+PARTNER").json()
    assert [i["text"] for i in page["items"]] == ["We value Kazakhstan as a partner,"]
    assert (page["total"], page["total_exact"]) == (1, True)


def test_a_total_past_the_cap_is_the_cap_and_not_exact(
    strict_client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(statement_totals, "TOTAL_CAP", 3)
    TOTALS.clear()
    first = strict_client.get("/api/v1/statements?limit=2").json()
    assert (first["total"], first["total_exact"]) == (3, False)
    # The walk keeps its first page's total, and yields every statement once.
    second = strict_client.get(
        "/api/v1/statements", params={"limit": 2, "cursor": first["next_cursor"]}
    ).json()
    assert (second["total"], second["total_exact"]) == (3, False)
    items = _walk(strict_client, limit=2)
    assert len(items) == len({i["id"] for i in items}) == 7
    # Exact up to the cap (a word of three letters or more from the full-text index), and past
    # it the cap.
    for path, expected in [
        ("/api/v1/statements?speaker=tokayev", (3, True)),
        ("/api/v1/statements?q=a", (3, False)),
        ("/api/v1/statements?q=ar", (3, True)),
        ("/api/v1/statements?q=kazakhstan", (2, True)),
        ("/api/v1/statements?kind=direct", (3, False)),
    ]:
        page = strict_client.get(path).json()
        assert (page["total"], page["total_exact"]) == expected, path


def test_a_country_alone_keeps_its_exact_stored_total(
    strict_client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(statement_totals, "TOTAL_CAP", 1)
    TOTALS.clear()
    page = strict_client.get("/api/v1/statements?country=KZ").json()
    assert (page["total"], page["total_exact"]) == (2, True)
    both = strict_client.get("/api/v1/statements?country=KZ&kind=direct").json()
    assert (both["total"], both["total_exact"]) == (1, False)
    word = strict_client.get("/api/v1/statements?q=kazakhstan").json()
    assert (word["total"], word["total_exact"], len(word["items"])) == (1, False, 2)
    assert [i["kind"] for i in _walk(strict_client, limit=1, country="KZ", kind="direct")] == [
        "direct",
        "direct",
    ]


def _walk(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every statement of a walk of /statements with `params`, page by page."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(
            "/api/v1/statements", params={**params, **({"cursor": cursor} if cursor else {})}
        ).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
