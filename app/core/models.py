"""The relational model: five core tables (article, actor, statement, exercise, country) and links.

`*_key` columns hold `app.core.text.fold` of the visible value; filters and merges use them so that
matching ignores case, diacritics and surrounding white space on SQLite and PostgreSQL alike.
"""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ACTOR_KINDS = ("person", "organization")
STATEMENT_KINDS = ("direct", "indirect")
PARTICIPATION_ROLES = ("units", "representatives", "participant")
# Statement.sort_date of statements of undated articles: below every real date.
UNDATED = date.min
UNDATED_TEXT = UNDATED.isoformat()


def sort_date(published_at: date | None) -> date:
    """Statement.sort_date for an article published on `published_at` (None: undated)."""
    return UNDATED if published_at is None else published_at


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Country(Base):
    __tablename__ = "country"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    iso3: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    # Its article_country rows (ranks the list), their mentions and its statement_country
    # rows, kept by migration 0008's triggers.
    article_count: Mapped[int] = mapped_column(Integer, server_default="0")
    mention_count: Mapped[int] = mapped_column(Integer, server_default="0")
    statement_count: Mapped[int] = mapped_column(Integer, server_default="0")


class Article(Base):
    __tablename__ = "article"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(500), unique=True)
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text)  # fold(title + "\n" + body)
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    source_key: Mapped[str | None] = mapped_column(String(200), index=True)
    translated_from: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[date | None] = mapped_column(Date, index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # app.extract.version.EXTRACTOR_VERSION of the extraction stored for this article.
    extractor_version: Mapped[str | None] = mapped_column(String(32))

    statements: Mapped[list["Statement"]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Actor(Base):
    __tablename__ = "actor"
    __table_args__ = (
        UniqueConstraint("kind", "key", name="uq_actor_kind_key"),
        CheckConstraint("kind IN ('person', 'organization')", name="kind"),
        Index("ix_actor_rank", text("statement_count DESC"), "name", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))
    # Persons: the folded last word of the name (app.core.names.surname_key), for surname lookups.
    surname_key: Mapped[str | None] = mapped_column(String(100), index=True)
    # Most frequent title across articles; kept up to date by the ingest store.
    title: Mapped[str | None] = mapped_column(String(500))
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("actor.id", ondelete="SET NULL"), index=True
    )
    # Statements it is the speaker of (ranks the list) and its article links, both kept by
    # migration 0008's triggers.
    statement_count: Mapped[int] = mapped_column(Integer, server_default="0")
    article_count: Mapped[int] = mapped_column(Integer, server_default="0")

    aliases: Mapped[list["ActorAlias"]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", passive_deletes=True
    )


class ActorAlias(Base):
    __tablename__ = "actor_alias"
    __table_args__ = (UniqueConstraint("actor_id", "alias_key", name="uq_actor_alias_actor_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)
    # Aliases of persons: the folded last word, as on Actor.
    surname_key: Mapped[str | None] = mapped_column(String(100), index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class ArticleActor(Base):
    __tablename__ = "article_actor"
    __table_args__ = (
        # An actor's title is the one its articles give most often (migration 0007): the
        # titled links alone, read from the index.
        Index(
            "ix_article_actor_titles",
            "actor_id",
            "title",
            "article_id",
            sqlite_where=text("title IS NOT NULL"),
            postgresql_where=text("title IS NOT NULL"),
        ),
    )

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    title: Mapped[str | None] = mapped_column(String(500))
    mentions: Mapped[int] = mapped_column(Integer, default=1)


# Newest article first, undated last, then by position (migration 0005).
_STATEMENT_ORDER = (text("sort_date DESC"), text("article_id DESC"), "position", "id")


class Statement(Base):
    __tablename__ = "statement"
    __table_args__ = (
        CheckConstraint("kind IN ('direct', 'indirect')", name="kind"),
        Index("ix_statement_article_position", "article_id", "position"),
        # The default order of statements (migration 0005), alone and per speaker; the first
        # also holds what a walk along it tests (kind, speaker: migration 0012).
        Index("ix_statement_order", *_STATEMENT_ORDER, "kind", "speaker_id"),
        Index("ix_statement_speaker_order", "speaker_id", *_STATEMENT_ORDER),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    # Indexed by ix_statement_speaker_order (speaker_id first).
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"))
    speaker_title: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    cue: Mapped[str | None] = mapped_column(String(100))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    # The article's published_at, or UNDATED when it has none; kept by the store (the default
    # order "newest article first, undated last" as one NOT NULL column of one table).
    sort_date: Mapped[date] = mapped_column(Date, server_default=UNDATED_TEXT)
    # The words naming the speaker as written, their offsets into the body and the kind of
    # speaker (person, organization, group); the folded key finds described speakers.
    speaker_mention: Mapped[str | None] = mapped_column(String(300))
    speaker_mention_key: Mapped[str | None] = mapped_column(String(300))
    speaker_mention_start: Mapped[int | None] = mapped_column(Integer)
    speaker_mention_end: Mapped[int | None] = mapped_column(Integer)
    speaker_mention_kind: Mapped[str | None] = mapped_column(String(20))
    # The organisation a described speaker's words name ("a spokesperson for the ministry").
    speaker_mention_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("actor.id", ondelete="SET NULL", name="fk_statement_mention_org")
    )

    article: Mapped[Article] = relationship(back_populates="statements")


class StatementCountry(Base):
    __tablename__ = "statement_country"
    __table_args__ = (
        # A country's statements from the index alone (migration 0012).
        Index("ix_statement_country_code_statement", "country_code", "statement_id"),
    )

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statement.id", ondelete="CASCADE"), primary_key=True
    )
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), primary_key=True)


class ArticleCountry(Base):
    __tablename__ = "article_country"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    country_code: Mapped[str] = mapped_column(
        ForeignKey("country.code"), primary_key=True, index=True
    )
    mentions: Mapped[int] = mapped_column(Integer, default=1)


class Exercise(Base):
    __tablename__ = "exercise"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str | None] = mapped_column(String(100))
    frequency: Mapped[str | None] = mapped_column(String(50))
    host_country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"), index=True)


class ExerciseAlias(Base):
    """Another name of an exercise ("Baltic Operations" for BALTOPS); merges use it too."""

    __tablename__ = "exercise_alias"
    __table_args__ = (
        UniqueConstraint("exercise_id", "alias_key", name="uq_exercise_alias_exercise_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)


class ExerciseParticipation(Base):
    __tablename__ = "exercise_participation"
    __table_args__ = (
        UniqueConstraint(
            "exercise_id", "country_code", "role", "article_id", name="uq_exercise_participation"
        ),
        # An exercise's participations in the answer's order, every column they show (0009).
        Index(
            "ix_exercise_participation_order",
            "exercise_id",
            "article_id",
            "role",
            "country_code",
            "year",
            "month",
        ),
        CheckConstraint("role IN ('units', 'representatives', 'participant')", name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    month: Mapped[int | None] = mapped_column(Integer)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )


class ArticleExercise(Base):
    """An exercise as one article reports it: the edition's year and month where given."""

    __tablename__ = "article_exercise"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercise.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    year: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
