"""The people and organisations an article names, as the actor stage keeps them, and the
small readings of names and text that every actor module shares."""

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from app.extract.lexicon import get_lexicon

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Organization:
    name: str
    aliases: set[str] = field(default_factory=set)
    country: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    speaks: bool = False


@dataclass
class Person:
    name: str
    title: str | None = None
    organization: Organization | None = None
    country: str | None = None
    gender: str | None = None
    title_quality: int = 0  # 2: a role ("Defence Minister"), 1: a rank only ("General")
    rank: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    # Pronouns resolved to this person ("He told ITV"): later pronouns may chain on them.
    references: list[tuple[int, int]] = field(default_factory=list)
    speaks: bool = False
    aliases: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return surname_of(self.name)

    @property
    def short_forms(self) -> tuple[str, ...]:
        """The one-word forms an article calls the person by: the surname, and the family
        name a name puts first ("Xi" of "Xi Jinping", "Moon" of "Moon Jae-in")."""
        family = family_name_first(self.name)
        return (self.surname,) if family is None else (self.surname, family)


def surname_of(name: str) -> str:
    parts = [p for p in name.split() if p.lower().strip(",") not in get_lexicon().name_suffixes]
    return parts[-1] if parts else name


def family_name_first(name: str) -> str | None:
    """The first word of `name` when it is a family name that names put first."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in get_lexicon().family_names_first:
        return None
    return words[0]


def in_spans(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def without_possessive(name: str) -> str:
    """`name` without a closing possessive ("NATO's", "Jones'")."""
    return _POSSESSIVE.sub("", name).strip()


def text_between(first: Token, last: Token) -> str:
    """The article's text from `first` to the end of `last`, as written."""
    return first.doc[first.i : last.i + 1].text


def joins_words(tok: Token) -> bool:
    """A hyphen written without spaces ("Co-Chairman", "al-Hiyari") joins words; it separates
    nothing."""
    return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_
