"""Migration 0005's statement paths: sort_date kept by store and triggers, trigram `q`, speakers.

The indexed paths must answer exactly what the plain SQL they replace answered: `q` is the
substring `LIKE '%q%'` of the folded text, the speaker filter a name, an alias or a surname.
"""

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, event, insert, select, update
from sqlalchemy.orm import Session

from app.api.cache.cache import clear_caches
from app.core.models import UNDATED, Article, Statement
from app.core.text import fold
from app.extract.types import ArticleExtraction, CleanArticle, StatementMention
from app.ingest.raw import RawArticle
from app.ingest.store import store_article
from tests.factories import Factory, walk


def _store(session: Session, body: str, published_at: date | None, url: str) -> int:
    quote = body.split('"')[1]
    start = body.index(quote)
    raw = RawArticle(title="T", body=body, origin="t.txt", url=url, published_at=published_at)
    extraction = ArticleExtraction(
        article=CleanArticle(title="T", body=body, source=None),
        countries={},
        actors=[],
        statements=[
            StatementMention(text=quote, kind="direct", start=start, end=start + len(quote))
        ],
        exercises=[],
    )
    store_article(session, raw, extraction)
    session.commit()
    return session.scalars(select(Article.id).where(Article.url == url)).one()


def _sort_dates(session: Session, article_id: int) -> list[date]:
    session.expire_all()
    return list(
        session.scalars(select(Statement.sort_date).where(Statement.article_id == article_id))
    )


def test_store_sets_sort_date_on_insert_and_on_update(session: Session) -> None:
    dated = _store(session, '"We agree," he said.', date(2021, 3, 4), "https://e.org/1")
    undated = _store(session, '"We differ," he said.', None, "https://e.org/2")
    assert _sort_dates(session, dated) == [date(2021, 3, 4)]
    assert _sort_dates(session, undated) == [UNDATED]
    # A new text under the same url replaces the statements, with the new date.
    again = _store(session, '"We agree again," he said.', date(2022, 5, 6), "https://e.org/1")
    assert again == dated
    assert _sort_dates(session, dated) == [date(2022, 5, 6)]


def test_triggers_keep_sort_date_whatever_writes(session: Session) -> None:
    article_id = _store(session, '"Quote one," he said.', date(2020, 1, 2), "https://e.org/3")
    # A writer that does not know the column (e.g. a bulk insert) still gets the article's date.
    session.execute(
        insert(Statement).values(
            article_id=article_id, text="x", text_key="x", kind="direct", start=0, end=1,
            position=1,
        )
    )  # fmt: skip
    session.commit()
    assert _sort_dates(session, article_id) == [date(2020, 1, 2)] * 2
    # The article's date changing in place moves its statements, also to undated and back.
    session.execute(update(Article).where(Article.id == article_id).values(published_at=None))
    session.commit()
    assert _sort_dates(session, article_id) == [UNDATED] * 2
    session.execute(
        update(Article).where(Article.id == article_id).values(published_at=date(2019, 9, 9))
    )
    session.commit()
    assert _sort_dates(session, article_id) == [date(2019, 9, 9)] * 2
    # A wrong value written directly is put right.
    session.execute(
        update(Statement)
        .where(Statement.article_id == article_id)
        .values(sort_date=date(1999, 1, 1))
    )
    session.commit()
    assert _sort_dates(session, article_id) == [date(2019, 9, 9)] * 2


TEXTS = [
    "Kazakhstan is ready to host our partners",
    "The ALLIANCE's 50% share, they said",
    'Zürich talks: "no deal" yet',
    "under_score and back\\slash",
    "hostile hosts host",
    "Ukraine-Russia border, security first",
]
NEEDLES = [
    "host", "HOST", " host", "hosts host", "osti", "alliance's", "50%", "0% s", "%", "_", "r_s",
    "under_score", "back\\slash", "zurich", "ZÜRICH TALKS", '"no deal"', "no deal\"", "ra",
    "a", "  security   first ", "-russia", "kazakhstan is ready to host our partners",
    "not there", "ready  to", "st",
]  # fmt: skip


def _like(needle: str) -> set[str]:
    """The old semantics, in Python: the folded needle is a substring of the folded text."""
    key = fold(needle)
    return {t for t in TEXTS if key in fold(t)}


def test_q_is_the_substring_of_the_folded_text(strict_client: TestClient, factory: Factory) -> None:
    article = factory.article("Talks", " | ".join(TEXTS), published_at=date(2024, 1, 1))
    for text in TEXTS:
        factory.statement(article, text)
    for needle in NEEDLES:
        items = walk(strict_client, "/api/v1/statements", 2, q=needle)
        assert {i["text"] for i in items} == _like(needle), needle


def test_q_index_follows_deleted_and_changed_statements(
    strict_client: TestClient, factory: Factory, session: Session
) -> None:
    article = factory.article("Talks", " | ".join(TEXTS), published_at=date(2024, 1, 1))
    statements = [factory.statement(article, text) for text in TEXTS]
    assert strict_client.get("/api/v1/statements", params={"q": "hostile"}).json()["total"] == 1
    session.execute(delete(Statement).where(Statement.id == statements[4].id))
    session.execute(
        update(Statement)
        .where(Statement.id == statements[0].id)
        .values(text="A hostile bid", text_key=fold("A hostile bid"))
    )
    session.commit()
    # Written around ingestion (which the data version follows): cached answers are dropped.
    clear_caches()
    body = strict_client.get("/api/v1/statements", params={"q": "hostile"}).json()
    assert [i["id"] for i in body["items"]] == [statements[0].id]
    assert body["total"] == 1
    assert strict_client.get("/api/v1/statements", params={"q": "ready"}).json()["total"] == 0


def test_speaker_surname_lookup_needs_whole_trailing_words(
    strict_client: TestClient, factory: Factory
) -> None:
    article = factory.article("Talks", "abc def ghi jkl mno", published_at=date(2024, 1, 1))
    van = factory.actor("Jaap van der Berg", aliases=["J. v.d. Berg"])
    berger = factory.actor("Anna Berger")
    percent = factory.actor("Odd 100%_Name")
    org = factory.actor("Berg Group", "organization")
    said = {
        van.id: factory.statement(article, "abc", van).id,
        berger.id: factory.statement(article, "def", berger).id,
        percent.id: factory.statement(article, "ghi", percent).id,
        org.id: factory.statement(article, "jkl", org).id,
    }

    def speakers(name: str) -> set[int]:
        items = walk(strict_client, "/api/v1/statements", 5, speaker=name)
        return {i["speaker"]["id"] for i in items}

    assert speakers("Berg") == {van.id}  # not Berger, not the organisation "Berg Group"
    assert speakers("der Berg") == {van.id}
    assert speakers("van der berg") == {van.id}
    assert speakers("an der Berg") == set()  # whole words only
    assert speakers("v.d. berg") == {van.id}  # by the alias's trailing words
    assert speakers("Berg Group") == {org.id}
    assert speakers("group") == set()  # organisations have no surname
    assert speakers("100%_name") == {percent.id}
    assert speakers("0%_name") == set()
    assert speakers("...") == set()
    assert set(said) == {van.id, berger.id, percent.id, org.id}


def test_cached_answers_follow_the_data_version(
    strict_client: TestClient, factory: Factory, engine: Engine
) -> None:
    article = factory.article("Talks", " | ".join(TEXTS), published_at=date(2024, 1, 1))
    factory.statement(article, TEXTS[0])
    first = strict_client.get("/api/v1/statements", params={"q": "host"}).json()
    queries: list[str] = []
    listen = lambda *args: queries.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        again = strict_client.get("/api/v1/statements", params={"q": "host"}).json()
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert again == first
    # Served from the cache: nothing ran on the request pool (the data version is read on the
    # cache's own connection).
    assert queries == []
    # A statement stored since moves the version: the next answer counts it.
    factory.statement(article, TEXTS[4])
    after = strict_client.get("/api/v1/statements", params={"q": "host"}).json()
    assert after["total"] == first["total"] + 1 == 2
