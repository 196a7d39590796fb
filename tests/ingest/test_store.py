"""The store: new, unchanged and updated articles; actor and exercise merging; one transaction."""

from datetime import date

import pytest
from sqlalchemy import Engine, func, inspect, select
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
from app.extract.types import (
    ActorMention,
    ArticleExtraction,
    CleanArticle,
    ExerciseMention,
    Participation,
    StatementMention,
)
from app.extract.version import EXTRACTOR_VERSION
from app.ingest.raw import RawArticle
from app.ingest.store import StoreConflict, store_article
from app.ingest.store_actors import refresh_titles
from app.ingest.versions import content_hash, is_unchanged

QUOTE = "We will take part in the exercise"
BODY = f'"{QUOTE}," said Defence Minister Ivan Petrov of Ruritania. NATO agreed.'


def raw(body: str = BODY, **fields: object) -> RawArticle:
    defaults: dict[str, object] = {"title": "Minister on drills", "origin": "test.txt"}
    return RawArticle(body=body, **{**defaults, **fields})  # type: ignore[arg-type]


def extraction(
    article: RawArticle,
    *,
    minister: str = "Ivan Petrov",
    title: str | None = "Defence Minister",
    aliases: list[str] | None = None,
    exercise: str = "Steppe Eagle",
    year: int | None = 2017,
) -> ArticleExtraction:
    """A small hand-made extraction: a minister, an organisation, a quote, an exercise."""
    start = article.body.find(QUOTE)
    return ArticleExtraction(
        article=CleanArticle(title=article.title, body=article.body, source="Kazinform"),
        countries={"KZ": 2, "US": 1},
        actors=[
            ActorMention(
                name=minister,
                kind="person",
                title=title,
                organization="Ministry of Defence",
                country="KZ",
                aliases=aliases or [],
                mentions=2,
            ),
            ActorMention(name="Ministry of Defence", kind="organization", country="KZ"),
        ],
        statements=[
            StatementMention(
                text=QUOTE,
                kind="direct",
                start=max(start, 0),
                end=max(start, 0) + len(QUOTE),
                cue="said",
                speaker=minister,
                speaker_title=title,
                countries=["KZ", "KZ"],
            )
        ],
        exercises=[
            ExerciseMention(
                name=exercise,
                kind="peacekeeping",
                frequency="annual",
                host="KZ",
                year=year,
                month=6,
                participants=[
                    Participation("KZ", "units"),
                    Participation("US", "units"),
                    Participation("US", "units"),
                ],
            )
        ],
    )


def counts(session: Session) -> dict[str, int]:
    models = (
        Article,
        Actor,
        ActorAlias,
        ArticleActor,
        Statement,
        StatementCountry,
        ArticleCountry,
        Exercise,
        ExerciseParticipation,
        ArticleExercise,
    )
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in models
    }


def store(session: Session, article: RawArticle, result: ArticleExtraction | None = None) -> str:
    outcome = store_article(session, article, result or extraction(article))
    session.commit()
    return outcome


def test_new_article_is_stored_with_its_whole_extraction(session: Session) -> None:
    article = raw(external_id="kz-1", url="https://example.org/1", published_at=date(2017, 6, 2))
    assert store(session, article) == "new"

    stored = session.scalars(select(Article)).one()
    assert stored.content_hash == content_hash(article.title, article.body)
    assert (stored.external_id, stored.url, stored.published_at) == (
        "kz-1",
        "https://example.org/1",
        date(2017, 6, 2),
    )
    assert stored.source == "Kazinform" and stored.source_key == "kazinform"
    assert stored.search_key.startswith('minister on drills "we will take part')

    minister = session.scalars(select(Actor).where(Actor.kind == "person")).one()
    ministry = session.scalars(select(Actor).where(Actor.kind == "organization")).one()
    assert (minister.name, minister.key, minister.title) == (
        "Ivan Petrov",
        "ivan petrov",
        "Defence Minister",
    )
    assert minister.country_code == "KZ" and minister.organization_id == ministry.id

    statement = session.scalars(select(Statement)).one()
    assert statement.speaker_id == minister.id
    assert stored.body[statement.start : statement.end] == QUOTE
    assert (statement.text_key, statement.position, statement.cue) == (QUOTE.lower(), 0, "said")
    assert session.scalars(select(StatementCountry.country_code)).all() == ["KZ"]

    exercise = session.scalars(select(Exercise)).one()
    assert (exercise.name, exercise.key, exercise.kind, exercise.host_country_code) == (
        "Steppe Eagle",
        "steppe eagle",
        "peacekeeping",
        "KZ",
    )
    participations = session.execute(
        select(ExerciseParticipation.country_code, ExerciseParticipation.role).order_by(
            ExerciseParticipation.country_code
        )
    ).all()
    assert [tuple(p) for p in participations] == [("KZ", "units"), ("US", "units")]
    link = session.scalars(select(ArticleExercise)).one()
    assert (link.year, link.month) == (2017, 6)
    mentions = session.execute(select(ArticleCountry.country_code, ArticleCountry.mentions))
    assert dict(mentions.all()) == {"KZ": 2, "US": 1}


def test_same_article_again_is_unchanged_and_writes_nothing(session: Session) -> None:
    article = raw(external_id="kz-1")
    store(session, article)
    before = counts(session)
    ingested_at = session.scalars(select(Article.ingested_at)).one()

    assert is_unchanged(session, article)
    assert store(session, article) == "unchanged"
    # The same text from another file, without id, is recognised by its content hash.
    assert store(session, raw(origin="copy.txt")) == "unchanged"
    assert counts(session) == before
    assert session.scalars(select(Article.ingested_at)).one() == ingested_at


def test_same_text_from_an_older_extractor_is_extracted_again(session: Session) -> None:
    article = raw(external_id="kz-1")
    store(session, article)
    stored = session.scalars(select(Article)).one()
    assert stored.extractor_version == EXTRACTOR_VERSION
    stored.extractor_version = "older"
    session.flush()
    before = counts(session)

    assert not is_unchanged(session, article)
    assert store(session, article) == "updated"
    assert stored.extractor_version == EXTRACTOR_VERSION
    assert counts(session) == before
    assert store(session, article) == "unchanged"


@pytest.mark.parametrize("key", ["external_id", "url"])
def test_new_text_with_same_id_or_url_replaces_the_old_extraction(
    session: Session, key: str
) -> None:
    identity = {key: "kz-1" if key == "external_id" else "https://example.org/1"}
    store(session, raw(**identity))
    old_article_id = session.scalars(select(Article.id)).one()

    revised = raw(body=BODY + " Revised.", **identity)
    assert not is_unchanged(session, revised)
    result = extraction(revised, minister="Aigerim Nurova", exercise="Regional Cooperation")
    assert store(session, revised, result) == "updated"

    stored = session.scalars(select(Article)).one()
    assert stored.id == old_article_id and stored.body.endswith("Revised.")
    speakers = session.scalars(
        select(Actor.name).join(Statement, Statement.speaker_id == Actor.id)
    ).all()
    assert speakers == ["Aigerim Nurova"]
    # Actors and exercises only the old text mentioned are gone; shared ones stay.
    assert sorted(session.scalars(select(Actor.name))) == ["Aigerim Nurova", "Ministry of Defence"]
    assert session.scalars(select(Exercise.name)).all() == ["Regional Cooperation"]
    assert counts(session)["statement"] == 1
    assert counts(session)["exercise_participation"] == 2


def test_reverting_to_the_old_text_restores_the_old_counts(session: Session) -> None:
    first = raw(external_id="kz-1")
    store(session, first)
    before = counts(session)
    revised = raw(body=BODY + " Revised.", external_id="kz-1")
    store(session, revised, extraction(revised, minister="Aigerim Nurova"))
    assert store(session, first) == "updated"
    assert counts(session) == before


def test_actor_is_merged_across_articles_by_folded_name_and_alias(session: Session) -> None:
    one = raw(title="One", external_id="1")
    two = raw(title="Two", external_id="2")
    three = raw(title="Three", external_id="3")
    store(session, one, extraction(one, minister="Ivan Petrov", aliases=["I. Petrov"]))
    store(session, two, extraction(two, minister="IVAN  PETRÓV", title="Minister"))
    # Named only by an alias the first article recorded.
    store(session, three, extraction(three, minister="I. Petrov", title="Minister"))

    person = session.scalars(select(Actor).where(Actor.kind == "person")).one()
    assert person.name == "Ivan Petrov"
    assert session.scalar(select(func.count()).select_from(ArticleActor)) == 6
    # "Minister" in two articles beats "Defence Minister" in one.
    assert person.title == "Minister"
    aliases = session.scalars(
        select(ActorAlias.alias_key).where(ActorAlias.actor_id == person.id)
    ).all()
    assert sorted(aliases) == ["i. petrov"]
    assert session.scalars(select(Actor).where(Actor.kind == "organization")).one()
    assert set(session.scalars(select(Statement.speaker_id))) == {person.id}


def test_name_and_alias_in_one_article_are_one_actor_with_summed_mentions(
    session: Session,
) -> None:
    article = raw()
    result = extraction(article)
    result.actors.append(
        ActorMention(name="MoD", kind="organization", aliases=["Ministry of Defence"], mentions=3)
    )
    store(session, article, result)
    ministry = session.scalars(select(Actor).where(Actor.kind == "organization")).one()
    link = session.scalars(select(ArticleActor).where(ArticleActor.actor_id == ministry.id)).one()
    assert link.mentions == 4
    assert session.scalars(
        select(ActorAlias.alias).where(ActorAlias.actor_id == ministry.id)
    ).all() == ["MoD"]


def test_exercise_fields_are_filled_only_when_unset(session: Session) -> None:
    one = raw(external_id="1")
    store(session, one)
    two = raw(title="Two", external_id="2")
    result = extraction(two, exercise="STEPPE EAGLE", year=2018)
    result.exercises[0].kind = "command-staff"
    result.exercises[0].host = "US"
    store(session, two, result)
    exercise = session.scalars(select(Exercise)).one()
    assert (exercise.name, exercise.kind, exercise.host_country_code) == (
        "Steppe Eagle",
        "peacekeeping",
        "KZ",
    )
    years = session.scalars(select(ArticleExercise.year).order_by(ArticleExercise.year)).all()
    assert years == [2017, 2018]


def test_exercise_named_by_an_alias_in_another_article_is_the_same_exercise(
    session: Session,
) -> None:
    first = raw(title="One", external_id="1")
    result = extraction(first, exercise="Northern Shield")
    result.exercises[0].aliases = ["NORSHIELD"]
    store(session, first, result)
    second = raw(title="Two", external_id="2")
    store(session, second, extraction(second, exercise="NORSHIELD"))

    exercise = session.scalars(select(Exercise)).one()
    assert exercise.name == "Northern Shield"
    aliases = session.scalars(select(ExerciseAlias.alias)).all()
    assert aliases == ["NORSHIELD"]
    assert len(session.scalars(select(ArticleExercise)).all()) == 2


def test_an_acronym_in_one_article_and_its_expansion_in_another_are_one_exercise(
    session: Session,
) -> None:
    first = raw(title="One", external_id="1")
    store(session, first, extraction(first, exercise="Rim of the Arctic"))
    second = raw(title="Two", external_id="2")
    store(session, second, extraction(second, exercise="RIMARC"))
    third = raw(title="Three", external_id="3")
    store(session, third, extraction(third, exercise="RIMSHOT"))  # spells no stored name

    names = sorted(session.scalars(select(Exercise.name)))
    assert names == ["RIMSHOT", "Rim of the Arctic"]
    aliases = session.scalars(select(ExerciseAlias.alias)).all()
    assert aliases == ["RIMARC"]
    assert len(session.scalars(select(ArticleExercise)).all()) == 3


def test_unknown_country_codes_are_dropped_not_fatal(session: Session) -> None:
    article = raw()
    result = extraction(article)
    result.countries["XX"] = 4
    result.statements[0].countries.append("ZZ")
    assert store(session, article, result) == "new"
    assert sorted(session.scalars(select(ArticleCountry.country_code))) == ["KZ", "US"]


def test_update_that_takes_another_articles_url_is_refused(session: Session) -> None:
    store(session, raw(title="A", external_id="a", url="https://example.org/a"))
    store(session, raw(title="B", external_id="b", url="https://example.org/b"))
    clash = raw(title="A2", external_id="a", url="https://example.org/b")
    with pytest.raises(StoreConflict, match="same url"):
        store_article(session, clash, extraction(clash))


def test_failed_article_leaves_nothing_and_others_stay(engine: Engine) -> None:
    good = raw(title="Good", external_id="good")
    with Session(engine) as session:
        store(session, good)
        before = counts(session)

    bad = raw(title="Bad", external_id="bad")
    result = extraction(bad)
    # A role outside the schema's check constraint fails at flush, after the article row.
    result.exercises[0].participants.append(Participation("KZ", "spectator"))  # type: ignore[arg-type]
    with Session(engine) as session:
        with pytest.raises(Exception, match="(?i)constraint|check"):
            store_article(session, bad, result)
        session.rollback()

    with Session(engine) as session:
        assert counts(session) == before
        assert session.scalars(select(Article.external_id)).all() == ["good"]


def _persons(session: Session) -> list[Actor]:
    return list(session.scalars(select(Actor).where(Actor.kind == "person").order_by(Actor.id)))


def test_one_person_across_articles_by_surname_and_compatible_first_name(
    session: Session,
) -> None:
    forms = ["Ivan Petrov", "I. Petrov", "Petrov", "Ivan S. Petrov"]
    for number, name in enumerate(forms):
        article = raw(title=f"Article {number}", external_id=str(number))
        store(session, article, extraction(article, minister=name))

    (person,) = _persons(session)
    assert person.name == "Ivan S. Petrov"  # the fullest form seen becomes the name
    assert person.surname_key == "petrov"
    aliases = set(session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == person.id)))
    assert aliases == {"Ivan Petrov", "I. Petrov", "Petrov"}
    assert set(session.scalars(select(Statement.speaker_id))) == {person.id}
    assert session.scalar(select(func.count()).select_from(Statement)) == 4


def test_an_incompatible_first_name_is_another_person(session: Session) -> None:
    for number, name in enumerate(["Ivan Petrov", "Sergei Petrov", "S. Petrov"]):
        article = raw(title=f"Article {number}", external_id=str(number))
        store(session, article, extraction(article, minister=name))
    assert [person.name for person in _persons(session)] == ["Ivan Petrov", "Sergei Petrov"]


def test_a_bare_surname_shared_by_two_people_is_not_merged(session: Session) -> None:
    for number, name in enumerate(["Ivan Petrov", "Sergei Petrov", "Petrov"]):
        article = raw(title=f"Article {number}", external_id=str(number))
        store(session, article, extraction(article, minister=name))
    names = [person.name for person in _persons(session)]
    assert names == ["Ivan Petrov", "Sergei Petrov", "Petrov"]


def test_a_surname_both_articles_use_does_not_make_two_given_names_one_person(
    session: Session,
) -> None:
    # Each article names its own Petrov in full, then by surname: the shared "Petrov" is no
    # evidence that they are one person.
    for number, name in enumerate(["Ivan Petrov", "Sergei Petrov"]):
        article = raw(title=f"Article {number}", external_id=str(number))
        store(session, article, extraction(article, minister=name, aliases=["Petrov"]))
    persons = _persons(session)
    assert [person.name for person in persons] == ["Ivan Petrov", "Sergei Petrov"]
    for person in persons:
        aliases = session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == person.id))
        assert aliases.all() == ["Petrov"]
    speakers = session.scalars(select(Statement.speaker_id).order_by(Statement.id)).all()
    assert speakers == [person.id for person in persons]


def test_a_bare_surname_first_takes_the_full_name_later(session: Session) -> None:
    for number, name in enumerate(["Petrov", "Ivan Petrov"]):
        article = raw(title=f"Article {number}", external_id=str(number))
        store(session, article, extraction(article, minister=name))
    (person,) = _persons(session)
    assert (person.name, person.key) == ("Ivan Petrov", "ivan petrov")
    assert session.scalars(
        select(ActorAlias.alias).where(ActorAlias.actor_id == person.id)
    ).all() == ["Petrov"]


def test_titles_refreshed_once_for_a_batch_are_those_of_one_article_at_a_time(
    engine: Engine,
) -> None:
    """A batch defers the actors' titles to one `refresh_titles` before its commit: the title
    an actor ends with is its most frequent one (ties: the latest), as when stored alone."""
    titles = ["Defence Minister", "Minister", "Defence Minister", "Deputy Minister", None]
    articles = [raw(title=f"Article {i}", external_id=str(i)) for i in range(len(titles))]
    with Session(engine) as session:
        deferred: set[int] = set()
        for article, title in zip(articles, titles, strict=True):
            store_article(session, article, extraction(article, title=title), titles=deferred)
        refresh_titles(session, deferred)
        session.commit()
        batch = session.scalar(select(Actor.title).where(Actor.name == "Ivan Petrov"))
        ministry = session.scalar(select(Actor.title).where(Actor.name == "Ministry of Defence"))
    assert (batch, ministry) == ("Defence Minister", None)
    with Session(engine) as session:  # three of them updated, one at a time
        for i in range(3):
            article = raw(BODY + " Updated.", title=f"Article {i}", external_id=str(i))
            assert store(session, article, extraction(article, title="Deputy Minister")) == (
                "updated"
            )
        alone = session.scalar(select(Actor.title).where(Actor.name == "Ivan Petrov"))
    assert alone == "Deputy Minister"  # now 4 of the 5 articles say so


def test_the_titled_links_index_serves_the_title_count(engine: Engine) -> None:
    names = inspect(engine).get_indexes("article_actor")
    index = next(i for i in names if i["name"] == "ix_article_actor_titles")
    assert index["column_names"] == ["actor_id", "title", "article_id"]
