"""People of one article: the name a span gives (without the ranks, honorifics, party label and
places around it), names the model missed after a title, and the list of people, where a
surname or a shorter form joins the fuller name."""

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from app.extract.actors.model import (
    Person,
    family_name_first,
    joins_words,
    surname_of,
    text_between,
    without_possessive,
)
from app.extract.actors.places import countries_in, is_country_word
from app.extract.actors.title_words import follows_title_of, is_title_word
from app.extract.actors.titles import title_before
from app.extract.lexicon import get_lexicon

_NOT_NAME_TYPES = ("GPE", "ORG", "NORP", "LOC", "DATE")  # entity types a missed name never has


@dataclass(frozen=True, slots=True)
class NameReading:
    """A person's name as one span of the article gives it."""

    name: str
    mention: tuple[int, int]  # where the name is: its first character, len(name) long
    titles: tuple[Token, ...]  # ranks and honorifics written before it ("Rear Adm.", "Mr")
    first: Token  # a title before the name ends before this word
    last: Token  # a title after the name starts after this word
    start: int  # the index of the span's first token


def read_name(span: Span, places: Set[str]) -> NameReading | None:
    """The name `span` gives a person (a name, maybe with ranks or honorifics before it);
    None when it names no one. `places` are words the article uses as places."""
    lex = get_lexicon()
    tokens = [
        t for t in span if not t.is_punct or t.text == "." or (t.text == "-" and joins_words(t))
    ]
    while tokens and tokens[-1].lower_ in ("'s", "’s", "'", "’"):
        tokens.pop()
    if not tokens:
        return None
    tokens += _hyphen_tail(tokens[-1])
    if tokens[0].i > 0 and span.doc[tokens[0].i - 1].lower_ in lex.honorifics:
        return _after_honorific(tokens, span.doc[tokens[0].i - 1])
    last = tokens[-1]
    label = party_label(tokens)
    if label and label == len(tokens):
        return None  # "Lib Dem" alone is a party, whatever the model says
    if label and len(tokens) - label >= 2:
        tokens = tokens[label:]  # "Lib Dem Norman Baker": the party is not the name
    if follows_title_of(tokens[0]):
        return None  # "Director of Public Prosecutions": the words close a title
    while len(tokens) > 2 and tokens[-1].lower_ in lex.role_nouns:
        tokens.pop()  # "Paul Smith MP"
    titled = [k for k, t in enumerate(tokens) if is_title_word(t)]
    titles: list[Token] = []
    if titled and titled[-1] < len(tokens) - 1:
        # "Chilean Col. John Smith", "Rear Adm. John Smith": the name follows the last rank
        titles = [t for t in tokens[: titled[-1] + 1] if is_title_word(t)]
        tokens = tokens[titled[-1] + 1 :]
    elif titled:
        return None
    tokens = _without_places(tokens, places)
    tokens = without_nickname(tokens)
    if not _is_name(tokens):
        return None
    name = without_possessive(_written(tokens))
    first = titles[0] if titles else tokens[0]
    mention = (tokens[0].idx, tokens[0].idx + len(name))
    return NameReading(name, mention, tuple(titles), first, last, span.start)


_QUOTE_MARKS = set("\"'“”‘’«»")


def _after_hyphen(tok: Token) -> bool:
    """The word after a joining hyphen: "in" of "Jae-in" needs no capital."""
    return tok.i > 0 and tok.doc[tok.i - 1].text == "-" and joins_words(tok.doc[tok.i - 1])


def _hyphen_tail(last: Token) -> list[Token]:
    """The rest of a hyphenated word the span cut short: "Moon Jae" of "Moon Jae-in"."""
    doc = last.doc
    if last.i + 2 >= len(doc) or not last.is_alpha:
        return []
    hyphen, rest = doc[last.i + 1], doc[last.i + 2]
    if hyphen.text == "-" and joins_words(hyphen) and rest.is_alpha:
        return [hyphen, rest]
    return []


def without_nickname(tokens: list[Token]) -> list[Token]:
    """`Michael "Erik" Kurilla` is Michael Kurilla: a word in quote marks inside a name is a
    nickname, not part of the name."""
    doc = tokens[0].doc if tokens else None
    if doc is None or len(tokens) < 3:
        return tokens
    quoted = set()
    for tok in tokens[1:-1]:
        before, after = doc[tok.i - 1], doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if before.text in _QUOTE_MARKS and after is not None and after.text in _QUOTE_MARKS:
            quoted.add(tok.i)
    return [t for t in tokens if t.i not in quoted]


def _written(tokens: list[Token]) -> str:
    """The words as the article writes them, joined by a space where a word was left out."""
    parts = [[tokens[0]]]
    for tok in tokens[1:]:
        if tok.i == parts[-1][-1].i + 1:
            parts[-1].append(tok)
        else:
            parts.append([tok])
    return " ".join(text_between(part[0], part[-1]) for part in parts)


def _after_honorific(tokens: list[Token], honorific: Token) -> NameReading | None:
    """`Mr. Bishop`: after an honorific every capitalised word is the name."""
    if not all(t.text[:1].isupper() for t in tokens if t.is_alpha):
        return None
    name = without_possessive(text_between(tokens[0], tokens[-1]))
    mention = (tokens[0].idx, tokens[0].idx + len(name))
    return NameReading(name, mention, (honorific,), honorific, tokens[-1], tokens[0].i)


def _without_places(tokens: list[Token], places: Set[str]) -> list[Token]:
    """The name without a place caught at an edge ("Asia James Smith", "Smith Peru")."""
    tokens = list(tokens)
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    last_is_place = tokens[-1].text in places if tokens else False
    if len(tokens) > 1 and (
        (last_is_place and len(tokens) > 2) or is_country_word(tokens[-1].text)
    ):
        tokens.pop()
    if len(tokens) > 2 and tokens[0].i > 0:
        before = tokens[0].doc[tokens[0].i - 1]
        if before.lower_ in ("and", "of", "for", "to", "in") or tokens[0].text in places:
            tokens.pop(0)
    return tokens


def _is_name(tokens: list[Token]) -> bool:
    """The words are capitalised and make no possessive, group, number or bare title."""
    lex = get_lexicon()
    if not tokens or not (tokens[-1].text[:1].isupper() or _after_hyphen(tokens[-1])):
        return False
    if not all(
        t.text[:1].isupper() or t.lower_ in lex.name_particles or _after_hyphen(t)
        for t in tokens
        if t.is_alpha
    ):
        return False
    if any(t.lower_ in ("'s", "’s") for t in tokens):
        return False  # "Monday's Evening Star" is no one's name
    if tokens[-1].lower_ in lex.unnamed_heads:
        return False  # "Peruvian Marines" are a group
    if any(t.like_num for t in tokens):
        return False
    return not (len(tokens) == 1 and tokens[0].lower_ in lex.role_nouns | lex.ranks)


def _after_hyphen(token: Token) -> bool:
    """'jun' of 'Sung-jun': a lower-case part of a hyphenated given name."""
    doc = token.doc
    return token.i > 1 and doc[token.i - 1].text == "-" and joins_words(doc[token.i - 1])


def party_label(tokens: list[Token]) -> int:
    """How many of the first `tokens` spell a party label ("Lib Dem", "Labour"), else 0."""
    words = [t.lower_ for t in tokens]
    for label in get_lexicon().party_labels:
        if tuple(words[: len(label)]) == label:
            return len(label)
    return 0


def gender_of(titles: Sequence[Token]) -> str | None:
    """ "f" or "m" when an honorific among `titles` says so ("Mrs", "Sir")."""
    lex = get_lexicon()
    words = [t.lower_ for t in titles]
    if any(w in lex.female_honorifics for w in words):
        return "f"
    if any(w in lex.male_honorifics for w in words):
        return "m"
    return None


def rank_of(titles: Sequence[Token]) -> str | None:
    """The rank `titles` spell without their honorifics ("Rear Adm."), if any."""
    rank = [t.text for t in titles if t.lower_ not in get_lexicon().honorifics]
    return " ".join(rank) if rank else None


def titled_name_runs(
    doc: Doc, place_words: Set[str], named: Sequence[tuple[int, int]]
) -> list[Span]:
    """Names the model missed right after a title: `US ambassador to Lima John Doe`.
    `named` are the spans of the people already found (a title stops there)."""
    lex = get_lexicon()
    runs: list[Span] = []
    i = 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and (doc[j].is_alpha or re.fullmatch(r"[A-Z]\.", doc[j].text))
            and doc[j].ent_type_ not in _NOT_NAME_TYPES
            and not is_title_word(doc[j])
            and doc[j].lower_ not in lex.org_heads
        ):
            j += 1
        start = i
        while start < j and doc[start].text in place_words:
            start += 1
        if j - start >= 3 and countries_in(doc[start].text):
            start += 1  # "Minister of Peru John Doe"
        if 2 <= j - start <= 4 and start > 0 and title_before(doc[start], start, named):
            runs.append(doc[start:j])
        i = max(j, i + 1)
    return runs


def add_person(persons: list[Person], name: str, span: tuple[int, int] | None) -> Person:
    """The person `name` stands for, added to `persons` if new, with the mention `span`;
    a fuller name becomes the person's name and the shorter one an alias."""
    person = find_person(persons, name)
    if person is None:
        person = Person(name)
        persons.append(person)
    elif len(name.split()) > len(person.name.split()) or (
        len(name) > len(person.name) and name.startswith(person.name + "-")
    ):
        if len(person.name.split()) > 1:
            person.aliases.add(person.name)
        person.name = name
    elif name != person.name and len(name.split()) > 1:
        person.aliases.add(name)  # "Ann Lee" for "Ann B. Lee III"
    if span and span not in person.mentions:
        person.mentions.append(span)
    return person


def find_person(persons: list[Person], name: str) -> Person | None:
    """The person `name` stands for: the same name, or a surname of a fuller name."""
    low = name.lower()
    parts = low.split()
    for person in persons:
        full = person.name.lower()
        if full == low:
            return person
        other = full.split()
        mine, theirs = surname_of(name).lower(), person.surname.lower()
        if mine.startswith(theirs + "-") or theirs.startswith(mine + "-"):
            mine = theirs  # "Lund" of a "Lund-Berg" the model cut short
        if len(parts) == 1 and low == (family_name_first(person.name) or "").lower():
            return person  # "Xi" of "Xi Jinping"
        if mine == theirs and (
            len(parts) == 1
            or len(other) == 1
            or parts[0] == other[0]
            or other[-len(parts) :] == parts
            or parts[-len(other) :] == other
        ):
            return person
    return None


def find_more_mentions(persons: list[Person], text: str) -> None:
    """Surnames and names the model missed, found again by plain text search."""
    for person in persons:
        for form in dict.fromkeys((person.name, *person.short_forms)):  # the full name first
            pattern = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
            for m in re.finditer(pattern, text):
                if not any(s <= m.start() < e for s, e in person.mentions):
                    person.mentions.append((m.start(), m.end()))
        person.mentions.sort()
