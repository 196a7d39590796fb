"""Ingestion over HTTP: POST /api/v1/articles and /api/v1/articles:batch, behind the API key."""

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.security import API_KEY_HEADER
from app.core.config import get_settings

KEY = "test-key-9f2c"
AUTH = {API_KEY_HEADER: KEY}
TITLE = "Borovia hosts a naval drill"
BODY = (
    "Defence Minister Tomas Halvorsen opened the drill in Bergen.\n\n"
    '"We are ready to welcome our partners in the region," Tomas Halvorsen said.\n\n'
    "Halvorsen noted that Sweden sent two ships."
)


def article(**fields: Any) -> dict[str, Any]:
    return {"title": TITLE, "body": BODY, "source": "Borovia Post", **fields}


@pytest.fixture
def writer(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("DOSSIER_API_KEY", KEY)
    get_settings.cache_clear()
    yield client
    get_settings.cache_clear()


def test_post_article_without_key_is_401_and_wrong_key_403(writer: TestClient) -> None:
    missing = writer.post("/api/v1/articles", json=article())
    assert missing.status_code == 401
    assert missing.headers["content-type"].startswith("application/problem+json")
    wrong = writer.post("/api/v1/articles", json=article(), headers={API_KEY_HEADER: "nope"})
    assert wrong.status_code == 403
    assert writer.get("/api/v1/articles").json()["total"] == 0


def test_post_article_answers_201_with_its_extraction_and_location(writer: TestClient) -> None:
    response = writer.post(
        "/api/v1/articles", json=article(published_at="2024-03-05T08:00:00Z"), headers=AUTH
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "new"
    stored = body["article"]
    assert stored["title"] == TITLE
    assert stored["published_at"] == "2024-03-05"
    assert stored["source"] == "Borovia Post"
    said = [s for s in stored["statements"] if s["kind"] == "direct"]
    assert [s["text"] for s in said] == ["We are ready to welcome our partners in the region"]
    assert said[0]["speaker"]["name"] == "Tomas Halvorsen"
    assert stored["body"][said[0]["start"] : said[0]["end"]] == said[0]["text"]
    assert "Tomas Halvorsen" in {a["name"] for a in stored["actors"]}
    assert [c["code"] for c in stored["countries"]] == ["SE"]
    location = response.headers["location"]
    assert location.endswith(f"/api/v1/articles/{stored['id']}")
    assert writer.get(location).json() == stored


def test_same_article_twice_is_unchanged_and_new_text_updates(writer: TestClient) -> None:
    first = writer.post("/api/v1/articles", json=article(id="bp-1"), headers=AUTH)
    again = writer.post("/api/v1/articles", json=article(id="bp-1"), headers=AUTH)
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"
    assert again.json()["article"] == first.json()["article"]
    changed = BODY.replace("two ships", "three ships")
    updated = writer.post("/api/v1/articles", json=article(id="bp-1", body=changed), headers=AUTH)
    assert updated.status_code == 200
    assert updated.json()["status"] == "updated"
    assert updated.json()["article"]["id"] == first.json()["article"]["id"]
    assert "three ships" in updated.json()["article"]["body"]
    assert writer.get("/api/v1/articles").json()["total"] == 1


def test_text_is_accepted_instead_of_body(writer: TestClient) -> None:
    response = writer.post("/api/v1/articles", json={"title": TITLE, "text": BODY}, headers=AUTH)
    assert response.status_code == 201
    assert response.json()["article"]["body"].startswith("Defence Minister Tomas Halvorsen")


@pytest.mark.parametrize(
    ("payload", "parameter"),
    [
        ({"body": BODY}, "title"),
        ({"title": TITLE}, "body"),
        ({"title": 7, "body": BODY}, "title"),
        ({"title": "   ", "body": BODY}, "body"),
        ({"title": TITLE, "body": "a\x00b"}, "body"),
        ({"title": TITLE, "body": BODY, "published_at": "last Tuesday"}, "body"),
        ({"title": TITLE, "body": BODY, "id": True}, "id"),
        ([article()], "body"),
    ],
)
def test_malformed_article_is_a_422_problem(
    writer: TestClient, payload: Any, parameter: str
) -> None:
    response = writer.post("/api/v1/articles", json=payload, headers=AUTH)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert any(e["parameter"].startswith(parameter) for e in problem["errors"]), problem
    assert writer.get("/api/v1/articles").json()["total"] == 0


def test_invalid_json_and_lone_surrogate_are_422(writer: TestClient) -> None:
    headers = {**AUTH, "content-type": "application/json"}
    broken = writer.post("/api/v1/articles", content=b'{"title": ', headers=headers)
    assert broken.status_code == 422
    surrogate = b'{"title": "x", "body": "a \\ud800 b"}'
    lone = writer.post("/api/v1/articles", content=surrogate, headers=headers)
    assert lone.status_code == 422
    assert lone.headers["content-type"].startswith("application/problem+json")


def test_conflicting_url_is_a_409_problem(writer: TestClient) -> None:
    writer.post("/api/v1/articles", json=article(id="a", url="https://x.test/a"), headers=AUTH)
    other = article(id="b", url="https://x.test/b", body=BODY + " More later.")
    assert writer.post("/api/v1/articles", json=other, headers=AUTH).status_code == 201
    clash = article(id="a", url="https://x.test/b", body=BODY + " Changed.")
    response = writer.post("/api/v1/articles", json=clash, headers=AUTH)
    assert response.status_code == 409
    assert "url" in response.json()["detail"]


def test_batch_stores_good_records_and_reports_bad_ones(writer: TestClient) -> None:
    records = [
        article(id="one"),
        {"title": "No text here"},
        "not an object",
        article(id="two", body=BODY.replace("Sweden", "Finland")),
        article(id="one"),
    ]
    response = writer.post("/api/v1/articles:batch", json=records, headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["new"], result["updated"], result["unchanged"], result["failed"]) == (2, 0, 1, 2)
    statuses = [(r["index"], r["status"]) for r in result["results"]]
    assert statuses == [(0, "new"), (1, "failed"), (2, "failed"), (3, "new"), (4, "unchanged")]
    assert "body" in result["results"][1]["detail"]
    assert result["results"][2]["errors"][0]["parameter"] == "record"
    assert result["results"][4]["article_id"] == result["results"][0]["article_id"]
    listed = writer.get("/api/v1/articles").json()
    assert listed["total"] == 2
    found = writer.get("/api/v1/statements", params={"country": "FI"}).json()
    assert found["items"][0]["article"]["id"] == result["results"][3]["article_id"]


def test_batch_requires_the_key_and_bounds_its_size(writer: TestClient) -> None:
    assert writer.post("/api/v1/articles:batch", json=[article()]).status_code == 401
    wrong = {API_KEY_HEADER: "x"}
    assert writer.post("/api/v1/articles:batch", json=[article()], headers=wrong).status_code == 403
    too_many = writer.post("/api/v1/articles:batch", json=[article()] * 101, headers=AUTH)
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["parameter"] == "body"
    empty = writer.post("/api/v1/articles:batch", json=[], headers=AUTH)
    assert empty.status_code == 422
    not_a_list = writer.post("/api/v1/articles:batch", json=article(), headers=AUTH)
    assert not_a_list.status_code == 422
    assert writer.get("/api/v1/articles").json()["total"] == 0


def test_extractor_failure_is_a_422_problem_and_stores_nothing(
    writer: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(article: object) -> None:
        raise RuntimeError("extractor bug at /secret/path.py")

    monkeypatch.setattr("app.ingest.single.extract_article", broken)
    response = writer.post("/api/v1/articles", json=article(id="boom"), headers=AUTH)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 422 and "extractor failed" in body["detail"]
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert writer.get("/api/v1/articles").json()["total"] == 0
    batch = writer.post("/api/v1/articles:batch", json=[article(id="boom")], headers=AUTH)
    assert batch.status_code == 200
    assert batch.json()["failed"] == 1
    assert "extractor failed" in batch.json()["results"][0]["detail"]


def test_a_described_speaker_links_the_organisation_its_description_names(
    writer: TestClient,
) -> None:
    body = (
        "The Borovian Navy opened the drill in Bergen on Monday.\n\n"
        "A spokesperson for the Borovian Navy said two more ships would join on Friday."
    )
    response = writer.post("/api/v1/articles", json=article(body=body), headers=AUTH)
    assert response.status_code == 201, response.text
    (said,) = response.json()["article"]["statements"]
    assert said["speaker"] is None
    mention = said["speaker_mention"]
    assert (mention["text"], mention["described"]) == (
        "A spokesperson for the Borovian Navy",
        True,
    )
    navy = writer.get(f"/api/v1/actors/{mention['organization']['id']}").json()
    assert navy["name"] == mention["organization"]["name"] == "Borovian Navy"
    export = writer.get("/api/v1/statements", params={"format": "csv"}).text
    (row,) = csv.DictReader(io.StringIO(export))
    assert row["speaker_mention_organization_name"] == "Borovian Navy"
