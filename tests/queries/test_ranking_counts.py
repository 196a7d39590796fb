"""Migration 0008's stored counts: kept exact by triggers whatever writes, and the lists ranked
from them answer what counting the rows answers."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from app.api.cache.cache import clear_caches
from app.core.counts import COUNTERS, counted_sql
from app.core.models import Actor, Article, ArticleCountry, Statement
from app.queries.actors import (
    ActorFilters,
    _conditions,
    _ranked_by_counting,
    _ranked_by_stored_counts,
)
from app.queries.common import newest_id
from tests.factories import Factory, World, build_world, walk


def _wrong_counts(session: Session) -> list[tuple[str, object, int, int]]:
    """(counter, key, stored, counted) for every stored count that differs from its rows."""
    wrong = []
    for table, ref, target, key, column, amount in COUNTERS:
        counted = counted_sql(table, ref, target, key, amount)
        rows = session.execute(text(f"SELECT {key}, {column}, {counted} FROM {target}"))
        wrong += [(f"{target}.{column}", k, s, c) for k, s, c in rows if s != c]
    return wrong


def _nonzero(session: Session) -> int:
    return sum(
        session.scalar(text(f"SELECT count(*) FROM {target} WHERE {column} <> 0")) or 0
        for _t, _r, target, _k, column, _a in COUNTERS
    )


def test_counts_follow_every_write(session: Session, factory: Factory) -> None:
    world = build_world(factory)
    assert _nonzero(session) > 0
    assert _wrong_counts(session) == []
    said = session.scalars(select(Statement).where(Statement.speaker_id.is_not(None))).first()
    assert said is not None
    someone_else = world.stoltenberg.id if said.speaker_id != world.stoltenberg.id else None
    writes = [
        # a statement moved to another speaker, to none, and back
        update(Statement).where(Statement.id == said.id).values(speaker_id=someone_else),
        update(Statement).where(Statement.id == said.id).values(speaker_id=said.speaker_id),
        # a country link's mentions changed, then moved to another country
        update(ArticleCountry)
        .where(ArticleCountry.article_id == world.eagle_article.id)
        .values(mentions=ArticleCountry.mentions + 3),
        update(ArticleCountry)
        .where(ArticleCountry.article_id == world.eagle_article.id)
        .where(ArticleCountry.country_code == "KZ")
        .values(country_code="FR"),
        # a statement written by hand, then deleted
        insert(Statement).values(
            article_id=world.eagle_article.id, speaker_id=world.stoltenberg.id, text="x",
            text_key="x", kind="direct", start=0, end=1, position=99,
        ),
        delete(Statement).where(Statement.position == 99),
        # an actor deleted: its statements lose their speaker
        delete(Actor).where(Actor.id == world.stoltenberg.id),
        # an article deleted: its statements and links go with it
        delete(Article).where(Article.id == world.eagle_article.id),
    ]  # fmt: skip
    for write in writes:
        session.execute(write)
        session.commit()
        assert _wrong_counts(session) == [], str(write)


def test_truncate_resets_the_counts(session: Session, factory: Factory) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    build_world(factory)
    session.execute(
        text("TRUNCATE statement_country, statement, article_country, article_actor CASCADE")
    )
    session.commit()
    assert _nonzero(session) == 0
    assert _wrong_counts(session) == []


FILTERS = [
    ActorFilters(),
    ActorFilters(kind="person"),
    ActorFilters(kind="organization"),
    ActorFilters(country="NO"),
    ActorFilters(q="st"),
    ActorFilters(q="an", kind="person"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_stored_ranking_is_the_counted_ranking(
    session: Session, world: World, filters: ActorFilters
) -> None:
    upto = newest_id(session, Statement.id)
    filtered = _conditions(filters)
    counted = _ranked_by_counting(session, filtered, filtered, upto, 1000, None)
    stored = _ranked_by_stored_counts(session, _conditions(filters, ranked=True), 1000, None)
    assert [tuple(r) for r in stored] == [tuple(r) for r in counted]
    assert counted  # every filter here matches some actor


@pytest.mark.parametrize("params", [{}, {"kind": "person"}, {"q": "st"}, {"q": "zzzz"}], ids=repr)
def test_actor_walks_rank_by_statements_then_name(
    strict_client: TestClient, session: Session, world: World, params: dict[str, str]
) -> None:
    items = walk(strict_client, "/api/v1/actors", 2, **params)
    keys = [(-i["statement_count"], i["name"], i["id"]) for i in items]
    assert keys == sorted(keys)
    for item in items:
        counted = session.scalar(
            select(text("count(*)"))
            .select_from(Statement)
            .where(Statement.speaker_id == item["id"])
        )
        assert item["statement_count"] == counted
    total = strict_client.get("/api/v1/actors", params=params).json()["total"]
    assert total == len(items)


def test_country_walk_ranks_by_articles_with_counted_numbers(
    strict_client: TestClient, session: Session, world: World
) -> None:
    items = walk(strict_client, "/api/v1/countries", 2)
    assert items
    keys = [(-i["article_count"], i["name"], i["code"]) for i in items]
    assert keys == sorted(keys)
    for item in items:
        links = session.execute(
            select(ArticleCountry.mentions).where(ArticleCountry.country_code == item["code"])
        ).all()
        assert (item["article_count"], item["mention_count"]) == (
            len(links),
            sum(m for (m,) in links),
        )
        said = session.scalar(
            text("SELECT count(*) FROM statement_country WHERE country_code = :c"),
            {"c": item["code"]},
        )
        assert item["statement_count"] == said


def test_statement_totals_by_country_are_the_rows(
    strict_client: TestClient, session: Session, world: World
) -> None:
    """A country alone totals from its stored count: the same as the statements walked, also
    after a statement is deleted by hand and with a second filter (counted from the rows)."""
    codes = session.scalars(text("SELECT DISTINCT country_code FROM statement_country")).all()
    assert codes

    def check() -> None:
        for code in codes:
            items = walk(strict_client, "/api/v1/statements", 1, country=code.lower())
            first = strict_client.get("/api/v1/statements", params={"country": code}).json()
            assert first["total"] == len(items), code
            direct = [i for i in items if i["kind"] == "direct"]
            both = {"country": code, "kind": "direct"}
            assert strict_client.get("/api/v1/statements", params=both).json()["total"] == len(
                direct
            )

    check()
    victim = session.scalar(text("SELECT min(statement_id) FROM statement_country"))
    session.execute(delete(Statement).where(Statement.id == victim))
    session.commit()
    # Totals are cached a few seconds under the largest ids, which this deletion keeps.
    clear_caches()
    check()
