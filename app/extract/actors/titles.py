"""Titles read next to a person's name: a role before it ("Chile's Defence Minister John Doe"),
set off by a comma before it ("The spokesman for the ministry, John Doe,") or after it
("John Doe, NATO Secretary General,"). Pure functions of the parsed tokens."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from app.extract.actors.model import text_between
from app.extract.actors.places import countries_in
from app.extract.lexicon import get_lexicon

_CONNECTORS = {"of", "for", "to", "in", "on", "at", "with", "and", "'s", "’s", "-", "the"}
_WINDOW = 16
_GENERAL_OF = {"secretary", "attorney", "surgeon", "inspector", "governor", "consul", "solicitor"}

# The character spans of the people already named: a title does not run into one of them.
Named = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class TitleReading:
    """The richest title one mention of a person gives."""

    title: str  # without a leading country: "Defence Minister" of "Norway's Defence Minister"
    quality: int  # as title_quality
    sources: tuple[str, ...]  # the chosen title as written, then every title the mention gives


def is_title_word(token: Token) -> bool:
    """A rank, honorific or role noun ("Gen.", "Mr", "minister")."""
    lex = get_lexicon()
    low = token.lower_
    return low in lex.ranks or low in lex.honorifics or low in lex.role_nouns


def is_role(token: Token) -> bool:
    """A word that makes a title: a military rank or a role noun (also as a plural noun)."""
    lex = get_lexicon()
    low = token.lower_
    if low in lex.rank_titles or low + "." in lex.rank_titles:
        return True
    return low in lex.role_nouns or (
        token.lemma_.lower() in lex.role_nouns and token.pos_ in ("NOUN", "PROPN")
    )


def title_quality(title: str) -> int:
    """2 for a title with a role ("Defence Minister"), 1 for a rank only ("General")."""
    lex = get_lexicon()
    words = [w.strip(".,'’").lower() for w in title.split()]
    roles = [w for w in words if w in lex.role_nouns and w not in lex.rank_titles]
    return 2 if roles else 1


def follows_title_of(token: Token) -> bool:
    """`token` comes right after "<title> of" ("Secretary of State", "Director of ...")."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].lower_ != "of":
        return False
    return is_title_word(doc[token.i - 2])


def read_title(
    first: Token, last: Token, mention_start: int, named: Named, rank: str | None
) -> TitleReading | None:
    """The richest title around the mention from `first` to `last`: a role before or after
    the name, else the person's `rank` ("General"); None when there is none."""
    before = title_before(first, mention_start, named) or title_before_comma(first, named)
    options = [t for t in (before, title_after(last)) if t]
    scored = [(title_quality(t), -k, t) for k, t in enumerate(options)]
    if rank:
        scored.append((1, -9, rank))
    if not scored:
        return None
    quality, _, title = max(scored)
    return TitleReading(without_country(title), quality, (title, *options))


def without_country(title: str) -> str:
    """The title without the country that opens it ("Norway's Defence Minister")."""
    hits = countries_in(title)
    if not hits or hits[0].start != 0:
        return title
    rest = re.sub(r"^(?:'s|’s)\s*", "", title[hits[0].end :]).strip()
    # "(CNF) Chief of Staff": the acronym belongs to the name before it
    rest = re.sub(r"^\(\s*[A-Z]{2,}\s*\)\s*", "", rest)
    return rest or title


def title_before(first: Token, mention_start: int, named: Named) -> str | None:
    """The title just before a name: `Chile's Defence Minister <name>`; `mention_start` is
    the index of the mention's first token (a name named before it stops the title)."""
    window = _window_before(first, mention_start, named)
    roles = [k for k, t in enumerate(window) if is_role(t)]
    if not roles:
        return None
    start = roles[0]
    while start > 0 and (
        window[start - 1].text[:1].isupper()
        or window[start - 1].lower_ in ("'s", "’s", "(", ")")
        or re.fullmatch(r"\d+(?:st|nd|rd|th)", window[start - 1].lower_)
    ):
        start -= 1
    while start < len(window) and window[start].lower_ in _CONNECTORS:
        start += 1
    if start >= len(window):
        return None
    last = len(window) - 1
    end = last
    lex = get_lexicon()
    while end > start and (
        window[end].lower_ in lex.rank_titles | {".", "-", "vice", "rear"}
        and any(is_role(t) and t.lower_ not in lex.rank_titles for t in window[start:end])
    ):
        end -= 1  # "Minister of Defense Colonel General": the rank is kept apart
    if end < last and (window[end + 1].text == "-" or window[end].lower_ in _GENERAL_OF):
        end = last  # "Secretary-General", "Attorney General" are one title
    return text_between(window[start], window[end])


def _window_before(first: Token, mention_start: int, named: Named) -> list[Token]:
    """The words before `first` in its sentence that may make a title, up to a verb, a
    pronoun, a punctuation mark or a person already named."""
    lex = get_lexicon()
    doc = first.doc
    sent_start = first.sent.start
    i = first.i - 1
    window: list[Token] = []
    while i >= sent_start and len(window) < _WINDOW:
        tok = doc[i]
        low = tok.lower_
        if i < mention_start and low not in lex.role_nouns | lex.ranks and _is_named(tok, named):
            break
        abbreviation = tok.text == "." and i > 0 and is_role(doc[i - 1])
        acronym = tok.text in "()" and (
            doc[i - 1].is_upper if tok.text == ")" else doc[i + 1].is_upper
        )
        if (
            tok.is_punct
            and tok.text not in ("-", "'s", "’s", "’", "'")
            and not abbreviation
            and not acronym
        ):
            break
        if tok.pos_ in ("VERB", "AUX", "PRON", "NUM") or low in ("a", "an", "who", "by"):
            break
        if low == "the" and (i == sent_start or doc[i - 1].lower_ not in _CONNECTORS):
            break
        if low == "and" and not (doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()):
            break
        window.insert(0, tok)
        i -= 1
    return window


def title_before_comma(first: Token, named: Named) -> str | None:
    """`The spokesman for the ministry, John Doe, said`: a title set off before the name."""
    doc = first.doc
    i = first.i - 1
    if i < 1 or doc[i].text != "," or first.sent.start != doc[i - 1].sent.start:
        return None
    sent_start = first.sent.start
    commas = [t.i for t in doc[sent_start:i] if t.text == ","]
    if commas and commas[-1] > sent_start and _is_named(doc[commas[-1] - 1], named):
        return None  # the appositive of the person named before
    phrase = doc[(commas[-1] + 1 if commas else sent_start) : i]
    if not 1 <= len(phrase) <= _WINDOW or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    words = [t for t in phrase if t.lower_ not in ("the", "a", "an") and not t.is_punct]
    if not words or not any(is_role(t) for t in words[:4]):  # '"...," a spokeswoman for'
        return None
    return text_between(words[0], phrase[-1])


def title_after(last: Token) -> str | None:
    """An appositive title after a name: `<name>, NATO Secretary General, said`."""
    doc = last.doc
    i = last.i + 1
    while i < len(doc) and doc[i].lower_ in get_lexicon().role_nouns:
        i += 1  # "Anna Smith MP, Shadow Secretary for ..."
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and j - i <= _WINDOW and doc[j].text not in (",", ".", ";", "(", ")"):
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].lower_ in ("who", "which"):
            return None
        j += 1
    phrase = [t for t in doc[i + 1 : j]]
    if not phrase or not any(is_role(t) for t in phrase[:6]):
        return None
    while phrase and phrase[0].lower_ in ("a", "an", "the"):
        phrase.pop(0)
    if not phrase:
        return None
    return text_between(phrase[0], phrase[-1])


def _is_named(tok: Token, named: Named) -> bool:
    return any(s <= tok.idx < e for s, e in named)
