"""Small ORM factories and a shared world of rows for the API tests."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.core.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleActor,
    ArticleCountry,
    ArticleExercise,
    Exercise,
    ExerciseAlias,
    ExerciseParticipation,
    Statement,
    StatementCountry,
)
from app.core.names import surname_key
from app.core.text import fold
from app.extract.types import SpeakerKind, SpeakerMention, StatementMention
from app.ingest.store import speaker_mention_columns, statement_key
from app.ingest.versions import content_hash


class Factory:
    """Inserts rows the way the ingest store would, committing after each call."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._positions: dict[int, int] = {}

    def _save(self, *rows: Any) -> None:
        self.session.add_all(rows)
        self.session.commit()

    def article(
        self,
        title: str,
        body: str,
        *,
        source: str | None = None,
        published_at: date | None = None,
        url: str | None = None,
        countries: dict[str, int] | None = None,
        translated_from: str | None = None,
    ) -> Article:
        article = Article(
            content_hash=content_hash(title, body),
            url=url,
            title=title,
            body=body,
            search_key=fold(title + "\n" + body),
            source=source,
            source_key=fold(source) if source else None,
            translated_from=translated_from,
            published_at=published_at,
            ingested_at=datetime.now(UTC),
        )
        self._save(article)
        for code, mentions in (countries or {}).items():
            self._save(ArticleCountry(article_id=article.id, country_code=code, mentions=mentions))
        return article

    def actor(
        self,
        name: str,
        kind: str = "person",
        *,
        title: str | None = None,
        country: str | None = None,
        organization: Actor | None = None,
        aliases: Sequence[str] = (),
    ) -> Actor:
        actor = Actor(
            name=name,
            kind=kind,
            key=fold(name),
            # As the store fills it (the speaker filter looks surnames up by it).
            surname_key=surname_key(name) if kind == "person" else None,
            title=title,
            country_code=country,
            organization_id=organization.id if organization else None,
        )
        self._save(actor)
        for alias in aliases:
            self._save(
                ActorAlias(
                    actor_id=actor.id,
                    alias=alias,
                    alias_key=fold(alias),
                    surname_key=surname_key(alias) if kind == "person" else None,
                )
            )
        return actor

    def mention(
        self, article: Article, actor: Actor, title: str | None = None, mentions: int = 1
    ) -> None:
        self._save(
            ArticleActor(article_id=article.id, actor_id=actor.id, title=title, mentions=mentions)
        )

    def statement(
        self,
        article: Article,
        text: str,
        speaker: Actor | None = None,
        *,
        kind: str = "direct",
        cue: str | None = "said",
        speaker_title: str | None = None,
        countries: Sequence[str] = (),
        mention: str | None = None,
        mention_kind: SpeakerKind = "person",
    ) -> Statement:
        """A statement of `article`; `mention` is the words naming its speaker (found in the
        body), keyed as the store keys them."""
        start = article.body.index(text)
        position = self._positions.get(article.id, 0)
        self._positions[article.id] = position + 1
        written = None
        if mention is not None:
            at = article.body.index(mention)
            written = SpeakerMention(mention, at, at + len(mention), mention_kind)
        extracted = StatementMention(text, "direct", start, start + len(text),
                                     speaker_mention=written)  # fmt: skip
        speaker_id = speaker.id if speaker else None
        statement = Statement(
            article_id=article.id,
            speaker_id=speaker_id,
            speaker_title=speaker_title,
            text=text,
            text_key=statement_key(extracted, speaker_id),
            kind=kind,
            cue=cue,
            start=start,
            end=start + len(text),
            position=position,
            **speaker_mention_columns(written),
        )
        self._save(statement)
        for code in countries:
            self._save(StatementCountry(statement_id=statement.id, country_code=code))
        return statement

    def exercise(
        self,
        name: str,
        *,
        kind: str | None = None,
        frequency: str | None = None,
        host: str | None = None,
        aliases: Sequence[str] = (),
    ) -> Exercise:
        exercise = Exercise(
            name=name, key=fold(name), kind=kind, frequency=frequency, host_country_code=host
        )
        self._save(exercise)
        self._save(
            *(ExerciseAlias(exercise_id=exercise.id, alias=a, alias_key=fold(a)) for a in aliases)
        )
        return exercise

    def reported(
        self,
        exercise: Exercise,
        article: Article,
        *,
        year: int | None = None,
        month: int | None = None,
        participants: dict[str, Sequence[str]] | None = None,
    ) -> None:
        self._save(
            ArticleExercise(article_id=article.id, exercise_id=exercise.id, year=year, month=month)
        )
        for role, codes in (participants or {}).items():
            for code in codes:
                self._save(
                    ExerciseParticipation(
                        exercise_id=exercise.id,
                        country_code=code,
                        role=role,
                        year=year,
                        month=month,
                        article_id=article.id,
                    )
                )


@dataclass
class World:
    """The shared fixture rows, by role in the tests."""

    eagle_article: Article
    nato_article: Article
    undated: Article
    zurich: Article
    tokayev: Actor
    nato: Actor
    stoltenberg: Actor
    muller: Actor
    minister: Actor
    steppe_eagle: Exercise
    cooperation: Exercise
    statements: dict[str, Statement]


EAGLE_BODY = (
    "Steppe Eagle opened near Almaty. "
    '"Kazakhstan is ready to host our partners," President Tokayev said. '
    "Tokayev noted that the United States sent units. "
    "Defence Minister Ruslan Zhaksylykov attended."
)
NATO_BODY = (
    "NATO Secretary General Jens Stoltenberg arrived in Astana. "
    '"We value Kazakhstan as a partner," Stoltenberg said. '
    "He added that Russia was informed. "
    '"Security is shared," Tokayev replied.'
)
UNDATED_BODY = '"The exercise will be regional," an official said about Kyrgyzstan.'
ZURICH_BODY = '"Wir sind bereit," said José Müller in Zürich about the United States.'


def build_world(factory: Factory) -> World:
    f = factory
    eagle_article = f.article(
        "Steppe Eagle begins in Kazakhstan",
        EAGLE_BODY,
        source="Kazinform",
        published_at=date(2024, 6, 10),
        url="https://example.kz/eagle",
        countries={"KZ": 3, "US": 1},
    )
    nato_article = f.article(
        "NATO chief visits Astana",
        NATO_BODY,
        source="Reuters",
        published_at=date(2024, 5, 1),
        url="https://example.com/nato",
        countries={"KZ": 1, "RU": 2},
        translated_from="Russian",
    )
    undated = f.article("Undated note", UNDATED_BODY, countries={"KG": 1})
    zurich = f.article(
        "Ålesund and Zürich talk",
        ZURICH_BODY,
        source="kazinform ",
        published_at=date(2024, 6, 10),
        countries={"US": 1},
    )
    tokayev = f.actor(
        "Kassym-Jomart Tokayev", title="President", country="KZ", aliases=["K. Tokayev"]
    )
    nato = f.actor("NATO", "organization", aliases=["North Atlantic Alliance"])
    stoltenberg = f.actor(
        "Jens Stoltenberg", title="Secretary General", country="NO", organization=nato
    )
    muller = f.actor("José Müller", country="US")
    minister = f.actor("Ruslan Zhaksylykov", title="Defence Minister", country="KZ")
    f.mention(eagle_article, tokayev, "President", mentions=2)
    f.mention(eagle_article, minister, "Defence Minister")
    f.mention(nato_article, stoltenberg, "NATO Secretary General", mentions=2)
    f.mention(nato_article, nato)
    f.mention(nato_article, tokayev, "Head of State")
    f.mention(zurich, muller)
    s = {
        "ready": f.statement(
            eagle_article,
            "Kazakhstan is ready to host our partners,",
            tokayev,
            speaker_title="President",
            countries=["KZ"],
            mention="President Tokayev",
        ),
        "units": f.statement(
            eagle_article,
            "the United States sent units",
            tokayev,
            kind="indirect",
            cue="noted",
            countries=["US"],
        ),
        "value": f.statement(
            nato_article,
            "We value Kazakhstan as a partner,",
            stoltenberg,
            speaker_title="NATO Secretary General",
            countries=["KZ"],
        ),
        "russia": f.statement(
            nato_article,
            "Russia was informed",
            stoltenberg,
            kind="indirect",
            cue="added",
            countries=["RU"],
        ),
        "shared": f.statement(nato_article, "Security is shared,", tokayev, cue="replied"),
        "regional": f.statement(
            undated, "The exercise will be regional,", None, countries=["KG"], mention="an official"
        ),
        "bereit": f.statement(zurich, "Wir sind bereit,", muller, countries=[]),
    }
    steppe_eagle = f.exercise(
        "Steppe Eagle",
        kind="peacekeeping",
        frequency="annual",
        host="KZ",
        aliases=["Dala Qyrany"],
    )
    cooperation = f.exercise("Regional Cooperation", host="KG")
    f.reported(
        steppe_eagle,
        eagle_article,
        year=2024,
        month=6,
        participants={"units": ["US", "KZ"], "representatives": ["RU"]},
    )
    f.reported(steppe_eagle, nato_article, year=2023)
    f.reported(cooperation, undated, year=2022, participants={"participant": ["KZ"]})
    return World(
        eagle_article=eagle_article,
        nato_article=nato_article,
        undated=undated,
        zurich=zurich,
        tokayev=tokayev,
        nato=nato,
        stoltenberg=stoltenberg,
        muller=muller,
        minister=minister,
        steppe_eagle=steppe_eagle,
        cooperation=cooperation,
        statements=s,
    )


@pytest.fixture
def factory(engine: Engine) -> Iterator[Factory]:
    with Session(engine, expire_on_commit=False) as session:
        yield Factory(session)


@pytest.fixture
def world(factory: Factory) -> World:
    return build_world(factory)


@pytest.fixture
def strict_client(engine: Engine) -> Iterator[TestClient]:
    """A client that raises server errors, so a 4xx is shown to come from validation."""
    from app.main import create_app

    with TestClient(create_app(), raise_server_exceptions=True) as test_client:
        yield test_client


def walk(client: TestClient, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, page by page, checking the envelope on the way."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    pages = 0
    while True:
        query: dict[str, Any] = dict(params, limit=limit)
        if cursor:
            query["cursor"] = cursor
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        assert set(page) == {"items", "next_cursor", "total", "total_exact"}
        assert page["total_exact"] is True  # every test world is far below any count's cap
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next_cursor"]
        pages += 1
        assert pages < 1000
        if cursor is None:
            return items
