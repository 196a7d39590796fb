"""The two seed articles ingested, then every point of `seeds.json` checked through the API."""

import json
import re
import unicodedata
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.ingest.service import ingest_paths
from tests.paths import BUNDLED_ARTICLES, GOLD_DIR

GOLD_FILE = GOLD_DIR / "seeds.json"

pytestmark = pytest.mark.skipif(not GOLD_FILE.exists(), reason=f"{GOLD_FILE} is absent")

_QUOTES = "\"'“”„‟«»‘’‚‛`"
_EDGE = _QUOTES + " .,;:-–—!?"


def norm(text: str) -> str:
    """The gold's normalisation: case folded, spaces collapsed, quote marks and edge punctuation
    stripped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(f"[{re.escape(_QUOTES)}]", "", text)
    return re.sub(r"\s+", " ", text).strip(_EDGE)


@pytest.fixture
def gold() -> dict[str, Any]:
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def seeded(client: TestClient, database_url: str) -> TestClient:
    summary = ingest_paths([BUNDLED_ARTICLES], database_url=database_url, progress=False)
    assert summary.failed == 0 and summary.new == 2
    return client


def get_all(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = dict(params, limit=200)
        if cursor:
            query["cursor"] = cursor
        page = client.get(path, params=query)
        assert page.status_code == 200, page.text
        data = page.json()
        items += data["items"]
        cursor = data["next_cursor"]
        if not cursor:
            return items


def article_by_file(client: TestClient, title: str) -> dict[str, Any]:
    matches = [a for a in get_all(client, "/api/v1/articles") if a["title"] == title]
    assert len(matches) == 1, f"article {title!r} not found once"
    detail = client.get(f"/api/v1/articles/{matches[0]['id']}")
    assert detail.status_code == 200
    return detail.json()


def test_every_required_statement_is_found_with_speaker_kind_cue_and_offsets(
    seeded: TestClient, gold: dict[str, Any]
) -> None:
    for g_article in gold["articles"]:
        article = article_by_file(seeded, g_article["title"])
        body = article["body"]
        found = get_all(seeded, "/api/v1/statements", article_id=article["id"])
        by_text = {norm(s["text"]): s for s in found}
        for g in g_article["statements"]["required"]:
            got = by_text.get(norm(g["text"]))
            assert got is not None, f"missing statement: {g['text'][:80]!r}"
            assert got["kind"] == g["kind"], g["text"][:60]
            assert got["cue"] == g["cue"], g["text"][:60]
            assert got["speaker"] is not None and got["speaker"]["name"] == g["speaker"]
            assert body[got["start"] : got["end"]] == got["text"]
            assert got["article"] == {"id": article["id"], "title": article["title"]}


def test_no_statement_outside_the_gold_and_none_forbidden(
    seeded: TestClient, gold: dict[str, Any]
) -> None:
    for g_article in gold["articles"]:
        article = article_by_file(seeded, g_article["title"])
        allowed = {
            norm(g["text"])
            for g in g_article["statements"]["required"] + g_article["statements"]["optional"]
        }
        forbidden = {norm(t) for t in g_article["statements"]["forbidden_texts"]}
        for s in get_all(seeded, "/api/v1/statements", article_id=article["id"]):
            text = norm(s["text"])
            assert text not in forbidden, f"forbidden statement {s['text']!r}"
            assert text in allowed, f"statement not in the gold: {s['text'][:80]!r}"


def test_articles_have_clean_bodies_and_sources(seeded: TestClient, gold: dict[str, Any]) -> None:
    for g_article in gold["articles"]:
        article = article_by_file(seeded, g_article["title"])
        assert not article["body"].startswith(g_article["title"])
        for line in g_article.get("boilerplate_lines_removed", []):
            assert line not in article["body"]
        sources = g_article.get("sources")
        if sources:
            assert article["source"] == sources["reported_by"]
            assert article.get("translated_from") == sources["translated_from"]
            assert not article["body"].rstrip().endswith(sources["translated_from"])


def find_actor(client: TestClient, name: str, kind: str) -> dict[str, Any]:
    matches = [a for a in get_all(client, "/api/v1/actors", q=name, kind=kind) if a["name"] == name]
    assert len(matches) == 1, f"actor {name!r} ({kind}) found {len(matches)} times"
    return matches[0]


def test_required_actors_with_titles_organisations_countries_and_aliases(
    seeded: TestClient, gold: dict[str, Any]
) -> None:
    for g_article in gold["articles"]:
        article = article_by_file(seeded, g_article["title"])
        for g in g_article["actors"]["required"]:
            actor = find_actor(seeded, g["name"], g["kind"])
            detail = seeded.get(f"/api/v1/actors/{actor['id']}").json()
            assert article["id"] in {a["id"] for a in detail["articles"]}
            if "title_contains" in g:
                titles = [t["title"] for t in detail["titles"] if article["id"] in t["article_ids"]]
                assert any(g["title_contains"].lower() in (t or "").lower() for t in titles), (
                    g["name"],
                    titles,
                )
            if "organization" in g:
                assert actor["organization"] is not None, g["name"]
                org = seeded.get(f"/api/v1/actors/{actor['organization']['id']}").json()
                assert g["organization"] in [org["name"], *org["aliases"]]
            if "country" in g:
                assert actor["country"] == g["country"], g["name"]
            for alias in g.get("aliases_include", []):
                assert alias in actor["aliases"], (g["name"], actor["aliases"])


def test_forbidden_names_are_not_actors(seeded: TestClient, gold: dict[str, Any]) -> None:
    names = {norm(a["name"]) for a in get_all(seeded, "/api/v1/actors")}
    for g_article in gold["articles"]:
        for name in g_article["actors"]["forbidden_names"]:
            assert norm(name) not in names, name


def test_countries_of_each_article(seeded: TestClient, gold: dict[str, Any]) -> None:
    for g_article in gold["articles"]:
        article = article_by_file(seeded, g_article["title"])
        codes = {c["code"] for c in article["countries"]}
        assert set(g_article["countries"]["required"]) <= codes
        assert not set(g_article["countries"]["forbidden"]) & codes
        listed = {norm(c["name"]) for c in get_all(seeded, "/api/v1/countries")}
        for region in g_article["countries"]["regions_not_countries"]:
            assert norm(region) not in listed
    kz = seeded.get("/api/v1/countries/kz")
    assert kz.status_code == 200 and kz.json()["article_count"] == 2


def test_exercises_with_host_dates_and_participants_by_role(
    seeded: TestClient, gold: dict[str, Any]
) -> None:
    all_names = {norm(e["name"]) for e in get_all(seeded, "/api/v1/exercises")}
    for g_article in gold["articles"]:
        article = article_by_file(seeded, g_article["title"])
        for g in g_article["exercises"]["required"]:
            matches = [
                e
                for e in get_all(seeded, "/api/v1/exercises", q=g["name"])
                if e["name"] == g["name"]
            ]
            assert len(matches) == 1, g["name"]
            exercise = matches[0]
            for field, key in [
                ("kind", "kind"),
                ("frequency", "frequency"),
                ("host", "host_country"),
            ]:
                if field in g:
                    assert exercise[key] == g[field], field
            mine = [p for p in exercise["participants"] if p["article_id"] == article["id"]]
            for role, countries in g["participants"].items():
                got = {p["country"] for p in mine if p["role"] == role}
                assert got == set(countries), role
            for p in mine:
                assert (p["year"], p["month"]) == (g.get("year"), g.get("month"))
        for name in g_article["exercises"]["forbidden_names"]:
            assert norm(name) not in all_names, name


def test_actors_merged_across_articles_and_statement_counts(
    seeded: TestClient, gold: dict[str, Any]
) -> None:
    corpus = gold["corpus"]
    titles = {g["file"]: g["title"] for g in gold["articles"]}
    kinds = {a["name"]: a["kind"] for g in gold["articles"] for a in g["actors"]["required"]}
    for g in corpus["same_actor_across_articles"]:
        actor = find_actor(seeded, g["name"], kinds[g["name"]])
        detail = seeded.get(f"/api/v1/actors/{actor['id']}").json()
        assert {titles[f] for f in g["article_files"]} <= {a["title"] for a in detail["articles"]}
        assert actor["article_count"] >= len(g["article_files"])
        if "min_statements" in g:
            assert actor["statement_count"] >= g["min_statements"]
    optional = Counter(s["speaker"] for a in gold["articles"] for s in a["statements"]["optional"])
    for name, count in corpus["statements_by_speaker"].items():
        said = get_all(seeded, "/api/v1/statements", speaker=name)
        assert count <= len(said) <= count + optional[name], name
        assert {s["speaker"]["name"] for s in said} == {name}


def test_surname_alone_finds_the_speaker(seeded: TestClient, gold: dict[str, Any]) -> None:
    for name in gold["corpus"]["statements_by_speaker"]:
        surname = name.split()[-1]
        by_surname = get_all(seeded, "/api/v1/statements", speaker=f"  {surname.upper()} ")
        assert {s["speaker"]["name"] for s in by_surname} == {name}


def test_second_ingest_changes_no_count(seeded: TestClient, database_url: str) -> None:
    def counts() -> dict[str, int]:
        return {
            path: seeded.get(f"/api/v1/{path}", params={"limit": 1}).json()["total"]
            for path in ("articles", "actors", "statements", "exercises", "countries")
        }

    before = counts()
    summary = ingest_paths([BUNDLED_ARTICLES], database_url=database_url, progress=False)
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (0, 0, 2, 0)
    assert counts() == before
