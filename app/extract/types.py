"""Plain results of extraction. Offsets index the cleaned body (`CleanArticle.body`)."""

from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization"]
SpeakerKind = Literal["person", "organization", "group"]
StatementKind = Literal["direct", "indirect"]
Role = Literal["units", "representatives", "participant"]


@dataclass(slots=True)
class CleanArticle:
    """An article after cleaning: title line and boilerplate lines removed."""

    title: str
    body: str
    source: str | None = None  # agency named in the text ("reports Kazinform")
    translated_from: str | None = None  # "Translated from Trend"


@dataclass(slots=True)
class ActorMention:
    """One person or organisation as a single article presents it."""

    name: str  # the most complete form the article gives, no titles or honorifics
    kind: ActorKind
    title: str | None = None  # role as this article gives it ("Defence Minister")
    organization: str | None = None  # `name` of another ActorMention (kind organization)
    country: str | None = None  # ISO alpha-2
    aliases: list[str] = field(default_factory=list)  # other forms used ("North Atlantic Alliance")
    mentions: int = 1


@dataclass(slots=True)
class SpeakerMention:
    """The words naming a statement's speaker as the article writes them: a name, a pronoun
    or a description ("a union representative"); equals body[start:end]."""

    text: str
    start: int
    end: int
    kind: SpeakerKind
    # `name` of the organisation a description names its speaker by ("a spokesperson for the
    # ministry", "a NATO official"); None for a named speaker
    organization: str | None = None


@dataclass(slots=True)
class StatementMention:
    text: str  # the words without the quote marks; equals body[start:end]
    kind: StatementKind
    start: int
    end: int
    cue: str | None = None  # "said", "noted", "according to"
    speaker: str | None = None  # `name` of an ActorMention, or None when unknown
    speaker_title: str | None = None
    countries: list[str] = field(default_factory=list)  # ISO alpha-2 codes in the text
    speaker_mention: SpeakerMention | None = None  # also when no named actor is the speaker


@dataclass(slots=True)
class Participation:
    country: str  # ISO alpha-2
    role: Role


@dataclass(slots=True)
class ExerciseMention:
    name: str  # without the year ("Iron Falcon" for "Iron Falcon-2019")
    aliases: list[str] = field(default_factory=list)  # other forms ("Baltic Operations")
    kind: str | None = None  # "peacekeeping"
    frequency: str | None = None  # "annual"
    host: str | None = None  # ISO alpha-2
    year: int | None = None
    month: int | None = None
    participants: list[Participation] = field(default_factory=list)


@dataclass(slots=True)
class ArticleExtraction:
    article: CleanArticle
    countries: dict[str, int] = field(default_factory=dict)  # code -> mentions
    actors: list[ActorMention] = field(default_factory=list)
    statements: list[StatementMention] = field(default_factory=list)  # in text order
    exercises: list[ExerciseMention] = field(default_factory=list)
