"""Reading a speaker phrase: the name a phrase ends with, what it says in parentheses, the
body an earlier sentence names by capitalised words. Pure functions of the parsed words."""

import re
from functools import lru_cache

from spacy.tokens import Token

from app.extract.actors.model import joins_words
from app.extract.actors.places import is_country_word
from app.extract.lexicon import get_lexicon


@lru_cache(maxsize=64)
def body_before_head(head: str) -> re.Pattern[str]:
    """One to three capitalised words, maybe a lower-case one, then `head`: "Azerbaijani
    defense ministry", "Indian Army"."""
    words = r"(?:(?!The\b)[A-Z][\w’'-]+\s+){1,3}"
    return re.compile(rf"\b({words}(?:[a-z]+\s+)?{re.escape(head)})\b")


def before_parenthesis(phrase: list[Token]) -> list[Token]:
    """A speaker phrase without what it says in parentheses: "the Ministry (MEA)", "Chief of
    Staff of the Forces (EDF), Gen. Riho Terras"; an unclosed parenthesis ends it."""
    kept: list[Token] = []
    depth = 0
    for k, tok in enumerate(phrase):
        if tok.text == "(" and k > 0:
            depth += 1
        elif tok.text == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(tok)
    return kept


def name_run(words: list[Token]) -> list[Token]:
    """The capitalised words that end `words` and may be a name: no title, body, place or
    common word; name particles ("al-", "bin", "van") inside it."""
    lex = get_lexicon()
    run: list[Token] = []
    for tok in reversed(words):
        low = tok.lower_
        if run and (low in lex.name_particles or (tok.text == "-" and joins_words(tok))):
            run.insert(0, tok)
            continue
        if (
            not tok.text[:1].isupper()
            or low in lex.ranks | lex.honorifics | lex.role_nouns
            or low in lex.org_heads
            or tok.ent_type_ == "NORP"
            or (tok.ent_type_ in ("GPE", "LOC") and is_country_word(tok.text))
            or tok.pos_ != "PROPN"
        ):
            break
        run.insert(0, tok)
    while run and run[0].text == "-":
        run.pop(0)
    return run


def is_rank_or_honorific(tok: Token) -> bool:
    """`Col.`, `Colonel`, `Mr`: a word after which one capitalised word is a name."""
    lex = get_lexicon()
    titles = lex.ranks | lex.honorifics
    low = tok.lower_
    if low == "." and tok.i > 0:
        low = tok.doc[tok.i - 1].lower_ + "."
    return low in titles or low.rstrip(".") in titles or low + "." in titles
