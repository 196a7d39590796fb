"""An organisation's name as the article writes it: read from the model's entity (without the
words around it, with its acronym), found by the lexicon's known forms, cleaned of "the" and
possessives. Pure functions of the text."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from app.extract.actors.model import without_possessive
from app.extract.actors.title_words import is_title_word
from app.extract.lexicon import get_lexicon

_POSTED_HEADS = {"embassy", "consulate", "mission", "delegation", "office"}
_POSTED_PLACE = re.compile(r"\s+(?:in|to)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}")
_LEAD_POS = ("ADV", "CCONJ", "SCONJ", "ADP", "DET")


@dataclass(frozen=True, slots=True)
class OrgName:
    """An organisation named by one entity of the model."""

    name: str  # as clean_org_name gives it
    span: tuple[int, int]  # where the article names it
    acronym: str | None  # "(MALF)" inside or right after the entity


def org_name_of(ent: Span, text: str) -> OrgName | None:
    """The organisation an ORG entity of the article `text` names, without the words the model
    ran into; None when what is left is no name of a body ("the ministry", "Alliance")."""
    lead = 0
    while lead < len(ent) - 1 and ent[lead].pos_ in _LEAD_POS:
        lead += 1  # "Later the Ministry of Defence"
    name_part = ent[lead : _trail(ent, lead)]
    written = name_part.text
    inner = re.match(r"(.+?)\s*\(([A-Z][A-Za-z]{1,9})\)?$", written)
    if inner:
        written = inner.group(1)  # the model ran into "(ACR)"
    end = name_part.end_char
    if not inner and ent[-1].lower_ in _POSTED_HEADS:
        # "U.S. Embassy in Lima": the place belongs to the name
        place = _POSTED_PLACE.match(text, end)
        if place:
            written, end = text[ent.start_char : place.end()], place.end()
    name = clean_org_name(written)
    if not name or name.lower() in get_lexicon().generic_short_forms or name.lower() == "alliance":
        return None
    after = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", text[ent.end_char :])
    acronym = inner.group(2) if inner else None
    return OrgName(name, (ent.start_char, end), acronym or (after.group(1) if after else None))


def _trail(ent: Span, lead: int) -> int:
    """Where the body's name ends in `ent`: "Party Co-Chairman", "Co-" belongs to the title."""
    doc = ent.doc
    for k in range(lead + 2, len(ent)):
        nxt = ent.start + k + 1
        titled = nxt < len(doc) and is_title_word(doc[nxt])
        if ent[k].text in ("-", "‑") and titled:
            return k - 1
    return len(ent)


def clean_org_name(text: str) -> str:
    name = re.sub(r"\s+", " ", text).strip()
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    name = without_possessive(name)
    return name.strip(" ,.;:-–—\"'“”‘’")


def canonical_name(name: str) -> str | None:
    """The lexicon's canonical name for a known organisation's form, if any."""
    low = name.lower()
    for canonical, aliases in get_lexicon().org_aliases.items():
        if low == canonical.lower() or low in (a.lower() for a in aliases):
            return canonical
    return None


def known_org_mentions(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each form of the lexicon's known organisations `text` names, with where, form by form
    in the lexicon's order."""
    for form, pattern in _known_org_forms():
        if form not in text:  # the pattern's words are a substring: a quick no
            continue
        for m in pattern.finditer(text):
            yield form, (m.start(), m.end())


@lru_cache
def _known_org_forms() -> list[tuple[str, re.Pattern[str]]]:
    """Each form of the lexicon's known organisations, with its whole-word pattern, in order."""
    return [
        (form, re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])"))
        for canonical, aliases in get_lexicon().org_aliases.items()
        for form in [canonical, *aliases]
    ]
