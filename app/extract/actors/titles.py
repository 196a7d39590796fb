"""Titles read next to a person's name: a role before it ("Chile's Defence Minister John Doe"),
set off by a comma before it ("The spokesman for the ministry, John Doe,") or after it
("John Doe, NATO Secretary General,"). Pure functions of the parsed tokens."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.actors.model import text_between
from app.extract.actors.places import countries_in
from app.extract.actors.title_words import (
    clause_start,
    is_modifier_before_role,
    is_role,
    title_quality,
)
from app.extract.lexicon import get_lexicon

_CONNECTORS = {"of", "for", "to", "in", "on", "at", "with", "and", "'s", "’s", "-", "the"}
_WINDOW = 16
_GENERAL_OF = {
    "secretary",
    "attorney",
    "surgeon",
    "inspector",
    "governor",
    "consul",
    "solicitor",
    "director",
}

# The character spans of the people already named: a title does not run into one of them.
Named = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class TitleReading:
    """The richest title one mention of a person gives."""

    title: str  # without a leading country: "Defence Minister" of "Norway's Defence Minister"
    quality: int  # as title_quality
    sources: tuple[str, ...]  # the chosen title as written, then every title the mention gives


def read_title(
    first: Token, last: Token, mention_start: int, named: Named, rank: str | None
) -> TitleReading | None:
    """The richest title around the mention from `first` to `last`: a role before or after
    the name, else the person's `rank` ("General"); None when there is none."""
    before = title_before(first, mention_start, named)
    comma = title_before_comma(_rank_run_start(first), named)
    options = [t for t in (before, comma, title_after(last)) if t]
    scored = [(title_quality(t), -k, t) for k, t in enumerate(options)]
    if rank:
        scored.append((1, -9, rank))
    if not scored:
        return None
    quality, _, title = max(scored)
    return TitleReading(without_country(title), quality, (title, *options))


def _rank_run_start(first: Token) -> Token:
    """The first of the ranks and capitalised words written right before `first` ('Air Force
    Gen.' of 'Air Force Gen. Ann Lee')."""
    doc = first.doc
    i = first.i
    while i > 0 and (
        doc[i - 1].lower_ in get_lexicon().ranks
        or (doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper())  # 'Air Force'
        or (doc[i - 1].text == "." and i > 1 and is_role(doc[i - 2]))
    ):
        i -= 1
    return doc[i]


def without_country(title: str) -> str:
    """The title without the country that opens it ("Norway's Defence Minister")."""
    hits = countries_in(title)
    if not hits or hits[0].start != 0:
        return title
    rest = re.sub(r"^(?:'s|’s)\s*", "", title[hits[0].end :]).strip()
    rest = re.sub(r"^(?:and|of)\s+", "", rest)  # "Republic of X and Supreme Commander"
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
    while start > 0 and _joins_title(window, start - 1):
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


def _joins_title(window: list[Token], k: int) -> bool:
    """Whether the word `window[k]` belongs to the title that follows it: a capitalised word,
    a possessive, an ordinal, 'and' or 'of' between capitalised words ('Industry and
    Infrastructure Development Minister'), or a lower-case word of a compound before a
    lower-case word ('public affairs officer')."""
    word, after = window[k], window[k + 1]
    if word.lower_ in ("and", "of"):
        return k > 0 and window[k - 1].text[:1].isupper() and after.text[:1].isupper()
    if word.ent_type_ == "DATE" or word.pos_ in ("CCONJ", "SCONJ", "ADV", "DET", "INTJ"):
        return False  # 'Monday', 'But'
    if word.text[:1].isupper() or word.lower_ in ("'s", "’s", "(", ")"):
        return True
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", word.lower_):
        return True
    return (
        word.pos_ in ("NOUN", "ADJ")
        and word.is_alpha
        and after.is_lower
        and after.is_alpha
        or is_modifier_before_role(word)
    )


def _window_before(first: Token, mention_start: int, named: Named) -> list[Token]:
    """The words before `first` in its sentence that may make a title, up to a verb, a
    pronoun, a punctuation mark or a person already named."""
    lex = get_lexicon()
    doc = first.doc
    sent_start = clause_start(first)
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
        verb = tok.pos_ in ("VERB", "AUX") and not (
            is_modifier_before_role(tok) or low in lex.ranks or low in lex.role_nouns
        )  # "d’Affaires" is no verb
        if verb or tok.pos_ in ("PRON", "NUM") or low in ("a", "an", "who", "by"):
            break
        if low == "the" and (i == sent_start or doc[i - 1].lower_ not in _CONNECTORS):
            break
        if low == "and" and not (doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()):
            break
        window.insert(0, tok)
        i -= 1
    return window


def title_before_comma(first: Token, named: Named) -> str | None:
    """`The spokesman for the ministry, John Doe, said`: a title set off before the name; of
    a clause ('opened by the country's military chief, John Doe'), the part after its verb."""
    doc = first.doc
    i = first.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    sent_start = clause_start(first)
    if doc[i - 1].i < sent_start:
        return None
    commas = [t.i for t in doc[sent_start:i] if t.text == ","]
    if commas and commas[-1] > sent_start and _is_named(doc[commas[-1] - 1], named):
        return None  # the appositive of the person named before
    phrase = doc[(commas[-1] + 1 if commas else sent_start) : i]
    verbs = [
        t.i
        for t in phrase
        if (t.pos_ in ("VERB", "AUX") and not is_modifier_before_role(t)) or t.lower_ == "by"
    ]
    if verbs:
        if any(t.pos_ == "SCONJ" for t in doc[sent_start : verbs[0]]):
            return None  # 'Before he resigned the post of X, John Doe ...'
        phrase = doc[verbs[-1] + 1 : i]
        if not phrase or phrase[0].lower_ not in get_lexicon().title_determiners:
            return None  # 'led by its Director, ...', not '..., ministers met John Doe'
    if not 1 <= len(phrase) <= _WINDOW:
        return None
    skip = get_lexicon().title_determiners | {"a", "an"}
    words = [t for t in phrase if t.lower_ not in skip and not t.is_punct]
    if not words or not any(is_role(t) for t in [*words[:4], words[-1]]):
        return None
    return text_between(words[0], phrase[-1])


def title_after(last: Token) -> str | None:
    """An appositive title after a name: `<name>, NATO Secretary General, said`; one closed
    by the verb of the sentence without a comma (`<name>, Commander of X welcomed them`)."""
    lex = get_lexicon()
    doc = last.doc
    i = last.i + 1
    while i < len(doc) and doc[i].lower_ in lex.role_nouns:
        i += 1  # "Anna Smith MP, Shadow Secretary for ..."
    i = _past_caption_position(doc, i)
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and j - i <= _WINDOW and doc[j].text not in (",", ".", ";", "(", ")"):
        if doc[j].lower_ in ("who", "which", "that", "whose", "whom"):
            return None
        if doc[j].pos_ in ("VERB", "AUX") and not is_modifier_before_role(doc[j]):
            if doc[j].tag_ not in ("VBD", "VBZ", "VBP") or j - i < 2:
                return None
            if any(t.ent_type_ in ("PERSON", "DATE") for t in doc[i + 1 : j]):
                return None  # 'X, and Jane Doe said': no title closed by the verb
            break  # the sentence's verb closes the title
        j += 1
    phrase = [t for t in doc[i + 1 : j]]
    if not phrase or not any(is_role(t) for t in phrase[:6]):
        return None
    while phrase and phrase[0].lower_ in ("a", "an", "the"):
        phrase.pop(0)
    if not phrase:
        return None
    return text_between(phrase[0], phrase[-1])


def _past_caption_position(doc: Doc, i: int) -> int:
    """Past ', right,' after a name in a photo caption: the title follows it."""
    if i >= len(doc) or doc[i].text != ",":
        return i
    for position in get_lexicon().caption_positions:
        words = position.split()
        k = i + 1 + len(words)
        if k < len(doc) and [t.lower_ for t in doc[i + 1 : k]] == words and doc[k].text == ",":
            return k
    return i


def _is_named(tok: Token, named: Named) -> bool:
    return any(s <= tok.idx < e for s, e in named)
