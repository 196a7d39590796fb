"""Response models of the HTTP API (api.md is the contract; extra fields are documented here)."""

from datetime import date
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from app.core.jsontext import plain

ActorKind = Literal["person", "organization"]
StatementKind = Literal["direct", "indirect"]
SpeakerKind = Literal["person", "organization", "group"]
ParticipationRole = Literal["units", "representatives", "participant"]

T = TypeVar("T")


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(Schema, Generic[T]):
    items: list[T] = Field(description="This page of results, in the list's stable order.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page.",
        examples=["eyJrIjpbIjIwMjQtMDUtMDEiLDQyXSwicyI6eyJhIjo5OX19"],
    )
    total: int = Field(description="How many items match the filters in all.", examples=[42])
    total_exact: bool = Field(
        default=True,
        description="False when more items match than `total` says: a list that stops counting "
        "at a cap (statements: 5,000) gives the cap as `total`.",
        examples=[True],
    )


class Health(Schema):
    """Liveness of the API and its database."""

    status: Literal["ok"] = Field(description="`ok` when the database answers.", examples=["ok"])


class ArticleRef(Schema):
    """The article a statement comes from."""

    id: int = Field(description="Article id.", examples=[12])
    title: str = Field(
        description="Headline.",
        examples=["Kazakhstan is the Most Reliable NATO Partner in Central Asia – Special Envoy"],
    )


class SpeakerRef(Schema):
    """The actor a statement is attributed to."""

    id: int = Field(description="Actor id.", examples=[7])
    name: str = Field(description="Canonical full name.", examples=["James Appathurai"])
    kind: ActorKind = Field(description="Person or organisation.", examples=["person"])


class OrganizationRef(Schema):
    """The organisation an actor speaks for."""

    id: int = Field(description="Actor id of the organisation.", examples=[3])
    name: str = Field(description="Canonical name.", examples=["NATO"])


class ArticleItem(Schema):
    """An article as lists show it."""

    id: int = Field(description="Article id.", examples=[12])
    title: str = Field(
        description="Headline.",
        examples=["Kazakhstan is the Most Reliable NATO Partner in Central Asia – Special Envoy"],
    )
    source: str | None = Field(description="Publisher or agency.", examples=["Kazinform"])
    published_at: date | None = Field(description="Publication date.", examples=["2024-05-01"])
    url: str | None = Field(description="Where it was published.", examples=["https://x.kz/a"])
    statement_count: int = Field(description="Statements found in the article.", examples=[5])


class ArticleCountry(Schema):
    """A country an article mentions, with how often."""

    code: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["KZ"])
    name: str = Field(description="Country name.", examples=["Kazakhstan"])
    mentions: int = Field(description="Times the article mentions it.", examples=[3])


class ArticleActor(Schema):
    """An actor an article names, with the role it gives them."""

    id: int = Field(description="Actor id.", examples=[7])
    name: str = Field(description="Canonical name.", examples=["James Appathurai"])
    kind: ActorKind = Field(description="Person or organisation.", examples=["person"])
    title: str | None = Field(
        description="The role this article gives the actor.",
        examples=["NATO Secretary General's Special Representative for Central Asia"],
    )


class SpeakerMention(Schema):
    """The words that name a statement's speaker, as the article writes them: a name, a
    pronoun or a description. A statement whose speaker no actor names (`described`) still
    has its mention ("a union representative", "officials")."""

    text: str = Field(
        description="The words as written.", examples=["NATO's special representative"]
    )
    start: int = Field(description="Offset of the words in the article body.", examples=[412])
    end: int = Field(description="End offset: `body[start:end]` is the mention.", examples=[443])
    kind: SpeakerKind = Field(
        description="What the words name: a person, an organisation or a group of people.",
        examples=["person"],
    )
    described: bool = Field(
        description="True when no actor is the speaker and the mention is all the article "
        "says of them.",
        examples=[False],
    )
    organization: OrganizationRef | None = Field(
        default=None,
        description="For a described speaker, the organisation the description names "
        '("a spokesperson for the ministry", "a NATO official"); null otherwise.',
        examples=[None],
    )


class StatementItem(Schema):
    """One passage of speech attributed to one speaker: a direct quote or reported speech."""

    id: int = Field(description="Statement id.", examples=[101])
    text: str = Field(
        description="The words, without quote marks.",
        examples=["Kazakhstan is the most active partner of NATO in the region"],
    )
    kind: StatementKind = Field(description="Direct quote or reported speech.", examples=["direct"])
    cue: str | None = Field(description="Reporting verb or phrase.", examples=["said"])
    speaker: SpeakerRef | None = Field(description="Who said it, if found.")
    speaker_title: str | None = Field(
        description="The role the article gives the speaker.",
        examples=["NATO Secretary General's Special Representative for Central Asia"],
    )
    speaker_mention: SpeakerMention | None = Field(
        description="The words naming the speaker in the article, also for a speaker no actor "
        "names; null when the article gives none the extractor found (and for statements "
        "stored before mentions were kept, until their article is ingested again)."
    )
    article: ArticleRef = Field(description="The article it comes from.")
    start: int = Field(description="Offset of the passage in the article body.", examples=[120])
    end: int = Field(description="End offset: `body[start:end]` is the passage.", examples=[160])
    position: int = Field(description="Order of the statement in its article.", examples=[0])
    countries: list[str] = Field(description="Codes of countries mentioned.", examples=[["KZ"]])


class Participant(Schema):
    """A country taking part in an edition of an exercise, as one article reports it."""

    country: str = Field(description="ISO alpha-2 code.", examples=["US"])
    role: ParticipationRole = Field(description="How the country takes part.", examples=["units"])
    year: int | None = Field(description="Year of the edition reported.", examples=[2024])
    month: int | None = Field(description="Month of the edition reported.", examples=[6])
    article_id: int = Field(description="Article that reports it.", examples=[12])


class ExerciseItem(Schema):
    """A named military exercise, merged across articles."""

    id: int = Field(description="Exercise id.", examples=[4])
    name: str = Field(description="Name of the exercise.", examples=["Steppe Eagle"])
    kind: str | None = Field(description="Kind of exercise.", examples=["peacekeeping"])
    frequency: str | None = Field(description="How often it is held.", examples=["annual"])
    host_country: str | None = Field(description="Host country code.", examples=["KZ"])
    aliases: list[str] = Field(
        description="Other names used for it.", examples=[["Baltic Operations"]]
    )
    # The queries give the participations as JSON text (app.core.jsontext.RawJSON).
    participants: Annotated[list[Participant], BeforeValidator(plain)] = Field(
        description="Participations, per article."
    )
    article_count: int = Field(description="Articles that report it.", examples=[2])


class ArticleDetail(ArticleItem):
    """An article with its clean body and everything extracted from it."""

    body: str = Field(description="Clean text; statement offsets index it.", examples=["..."])
    translated_from: str | None = Field(
        description="Original language or source of a translation.", examples=["Kazakh"]
    )
    countries: list[ArticleCountry] = Field(description="Countries mentioned, most first.")
    actors: list[ArticleActor] = Field(description="Actors named in the article.")
    statements: list[StatementItem] = Field(description="Statements, in order of position.")
    exercises: list[ExerciseItem] = Field(description="Exercises the article reports.")


class ActorItem(Schema):
    """A person or organisation, merged across articles."""

    id: int = Field(description="Actor id.", examples=[7])
    name: str = Field(description="Canonical full name.", examples=["James Appathurai"])
    kind: ActorKind = Field(description="Person or organisation.", examples=["person"])
    title: str | None = Field(
        description="The role most often given.",
        examples=["NATO Secretary General's Special Representative for Central Asia"],
    )
    organization: OrganizationRef | None = Field(description="The body they speak for.")
    country: str | None = Field(description="Country code.", examples=["KZ"])
    aliases: list[str] = Field(
        description="Other names used for them.", examples=[["North Atlantic Alliance"]]
    )
    statement_count: int = Field(description="Statements attributed to them.", examples=[3])
    article_count: int = Field(description="Articles naming them.", examples=[2])


class ActorTitle(Schema):
    """A role given to an actor, with the articles giving it."""

    title: str = Field(description="A role given to the actor.", examples=["Defence Minister"])
    article_ids: list[int] = Field(description="Articles giving that role.", examples=[[12, 15]])


class ActorDetail(ActorItem):
    """An actor with every role given and the articles naming them."""

    titles: list[ActorTitle] = Field(description="Every role given, with the article ids.")
    articles: list[ArticleItem] = Field(
        description="Articles naming the actor, newest first (at most 100; page through "
        "`/articles?actor_id=` for all)."
    )


class CountryItem(Schema):
    """A country that occurs in some article, with counts."""

    code: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["KZ"])
    iso3: str = Field(description="ISO 3166-1 alpha-3 code.", examples=["KAZ"])
    name: str = Field(description="Country name.", examples=["Kazakhstan"])
    article_count: int = Field(description="Articles mentioning it.", examples=[2])
    mention_count: int = Field(description="Mentions over all articles.", examples=[9])
    statement_count: int = Field(description="Statements mentioning it.", examples=[4])
    exercise_count: int = Field(description="Exercises it hosts or takes part in.", examples=[1])


class CountryDetail(CountryItem):
    """A country with its articles, exercises and actors."""

    articles: list[ArticleItem] = Field(
        description="Articles mentioning it, newest first (at most 100; page through "
        "`/articles?country=` for all)."
    )
    exercises: list[ExerciseItem] = Field(description="Exercises it hosts or takes part in.")
    actors: list[ActorItem] = Field(
        description="Actors whose country it is, most statements first (at most 100; page "
        "through `/actors?country=` for all)."
    )


class ArticlePage(Page[ArticleItem]):
    """One page of articles: `items`, `next_cursor`, `total`."""


class ActorPage(Page[ActorItem]):
    """One page of actors: `items`, `next_cursor`, `total`."""


class StatementPage(Page[StatementItem]):
    """One page of statements: `items`, `next_cursor`, `total`."""


class ExercisePage(Page[ExerciseItem]):
    """One page of exercises: `items`, `next_cursor`, `total`."""


class CountryPage(Page[CountryItem]):
    """One page of countries: `items`, `next_cursor`, `total`."""


class ParameterError(Schema):
    """One refused parameter of a 422 problem."""

    parameter: str = Field(description="The parameter at fault.", examples=["limit"])
    in_: str = Field(alias="in", description="Where it was given.", examples=["query"])
    message: str = Field(
        description="Why it was refused, naming the parameter and what it takes.",
        examples=["limit is at most 200, not 1000"],
    )


class Problem(Schema):
    """RFC 9457 problem details, answered as `application/problem+json`."""

    type: str = Field(description="Problem type URI.", examples=["about:blank"])
    title: str = Field(description="Short summary of the status.", examples=["Not Found"])
    status: int = Field(description="HTTP status code.", examples=[404])
    detail: str = Field(description="What went wrong here.", examples=["No article with id 9."])
    errors: list[ParameterError] | None = Field(
        default=None, description="For 422: every parameter refused and why."
    )
