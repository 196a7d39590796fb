"""Statements: speaker by name, alias or surname, every other filter, offsets and detail."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import World

URL = "/api/v1/statements"


def texts(client: TestClient, **params: Any) -> list[str]:
    response = client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["text"] for item in response.json()["items"]]


TOKAYEV = [
    "Kazakhstan is ready to host our partners,",
    "the United States sent units",
    "Security is shared,",
]


def test_newest_article_first_then_position(strict_client: TestClient, world: World) -> None:
    assert texts(strict_client) == [
        "Wir sind bereit,",
        "Kazakhstan is ready to host our partners,",
        "the United States sent units",
        "We value Kazakhstan as a partner,",
        "Russia was informed",
        "Security is shared,",
        "The exercise will be regional,",
    ]


def test_item_fields_and_offsets(strict_client: TestClient, world: World) -> None:
    item = strict_client.get(URL, params={"kind": "indirect", "country": "us"}).json()["items"][0]
    statement = world.statements["units"]
    assert item == {
        "id": statement.id,
        "text": "the United States sent units",
        "kind": "indirect",
        "cue": "noted",
        "speaker": {"id": world.tokayev.id, "name": "Kassym-Jomart Tokayev", "kind": "person"},
        "speaker_title": None,
        "speaker_mention": None,
        "article": {"id": world.eagle_article.id, "title": "Steppe Eagle begins in Kazakhstan"},
        "start": statement.start,
        "end": statement.end,
        "position": 1,
        "countries": ["US"],
    }
    assert world.eagle_article.body[item["start"] : item["end"]] == item["text"]


def test_a_statement_carries_its_speaker_mention_as_written(
    strict_client: TestClient, world: World
) -> None:
    item = strict_client.get(f"{URL}/{world.statements['ready'].id}").json()
    body = world.eagle_article.body
    start = body.index("President Tokayev")
    assert item["speaker_mention"] == {
        "text": "President Tokayev",
        "start": start,
        "end": start + len("President Tokayev"),
        "kind": "person",
        "described": False,
        "organization": None,
    }


def test_a_described_speaker_is_a_mention_without_an_actor(
    strict_client: TestClient, world: World
) -> None:
    item = strict_client.get(f"{URL}/{world.statements['regional'].id}").json()
    assert item["speaker"] is None
    assert item["speaker_mention"]["text"] == "an official"
    assert item["speaker_mention"]["described"] is True


def test_speaker_and_words_find_a_described_speaker(
    strict_client: TestClient, world: World
) -> None:
    assert texts(strict_client, speaker="official") == ["The exercise will be regional,"]
    assert texts(strict_client, q="an official") == ["The exercise will be regional,"]
    # A named speaker's mention is not searched as words: the actor is.
    assert texts(strict_client, q="president tokayev") == []


@pytest.mark.parametrize(
    "speaker",
    ["Kassym-Jomart Tokayev", "  kassym-jomart   TOKAYEV ", "K. Tokayev", "tokayev", "TOKAYEV"],
)
def test_speaker_by_name_alias_or_surname(
    strict_client: TestClient, world: World, speaker: str
) -> None:
    assert texts(strict_client, speaker=speaker) == TOKAYEV


def test_speaker_ignores_diacritics_and_needs_a_whole_name(
    strict_client: TestClient, world: World
) -> None:
    assert texts(strict_client, speaker="jose muller") == ["Wir sind bereit,"]
    assert texts(strict_client, speaker="Müller") == ["Wir sind bereit,"]
    assert texts(strict_client, speaker="toka") == []
    assert texts(strict_client, speaker="Jomart Tokayev x") == []


def test_speaker_id_and_organization_filters(strict_client: TestClient, world: World) -> None:
    assert texts(strict_client, speaker_id=world.tokayev.id) == TOKAYEV
    stoltenberg = ["We value Kazakhstan as a partner,", "Russia was informed"]
    assert texts(strict_client, organization_id=world.nato.id) == stoltenberg


def test_country_article_kind_and_q_filters(strict_client: TestClient, world: World) -> None:
    assert texts(strict_client, country="KZ") == [
        "Kazakhstan is ready to host our partners,",
        "We value Kazakhstan as a partner,",
    ]
    assert texts(strict_client, article_id=world.nato_article.id) == [
        "We value Kazakhstan as a partner,",
        "Russia was informed",
        "Security is shared,",
    ]
    assert texts(strict_client, kind="indirect") == [
        "the United States sent units",
        "Russia was informed",
    ]
    assert texts(strict_client, q="  KAZAKHSTAN ") == [
        "Kazakhstan is ready to host our partners,",
        "We value Kazakhstan as a partner,",
    ]
    assert texts(strict_client, q="BEREIT") == ["Wir sind bereit,"]


def test_published_date_filters(strict_client: TestClient, world: World) -> None:
    assert texts(strict_client, published_to="2024-05-31") == [
        "We value Kazakhstan as a partner,",
        "Russia was informed",
        "Security is shared,",
    ]
    response = strict_client.get(URL, params={"published_from": "2024-06-01"}).json()
    assert response["total"] == 3


def test_statement_without_speaker(strict_client: TestClient, world: World) -> None:
    statement = world.statements["regional"]
    response = strict_client.get(f"{URL}/{statement.id}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["speaker"] is None
    assert detail["article"] == {"id": world.undated.id, "title": "Undated note"}
    assert detail["countries"] == ["KG"]


def test_unknown_statement_is_a_404_problem(strict_client: TestClient, world: World) -> None:
    response = strict_client.get(f"{URL}/31337")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
