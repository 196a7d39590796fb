"""Words that make a title and where a title may start: role nouns, ranks and the
participles inside a title ('commanding officer'), a title's quality, and the start of the
clause a title is read in. Pure functions of the parsed tokens."""

import re

from spacy.tokens import Token

from app.extract.lexicon import get_lexicon

_ENDS_SENTENCE = {".", "!", "?"}
_OF_A_BODY = re.compile(r"\b(?:of|for)\s+(?:the\s+)?[A-Z\d]")


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
    """2 for a title with a role ("Defence Minister") or a post in a body ("commodore of
    Destroyer Squadron 7"), 1 for a rank only ("General") or a generic role ("leader")."""
    lex = get_lexicon()
    words = [w.strip(".,'’").lower() for w in title.split()]
    roles = [w for w in words if w in lex.role_nouns and w not in lex.rank_titles]
    if any(w in lex.generic_roles for w in roles):
        return 1
    return 2 if roles or _OF_A_BODY.search(title) else 1


def is_modifier_before_role(token: Token) -> bool:
    """'commanding' in 'commanding officer', 'Acting' in 'Acting President': a participle that
    is part of the title it opens, not a verb ('meeting President X' is a verb)."""
    doc = token.doc
    capital = token.text[:1].isupper()
    if token.tag_ != "VBG" and not (token.tag_ == "VBN" and capital) or token.i + 1 >= len(doc):
        return False  # 'Retired Lt. Gen.', but not 'appointed chief executive'
    role = doc[token.i + 1]
    return is_role(role) and (role.is_lower or capital)


def clause_start(token: Token) -> int:
    """The index where `token`'s sentence starts, reaching back over a break the model put
    where no sentence ends: after ')' or a comma, or after the dot of an abbreviated rank
    ('Navy Cmdr. John Doe')."""
    doc = token.doc
    start = token.sent.start
    while start > 1:
        before = doc[start - 1]
        abbreviated = before.text == "." and doc[start - 2].lower_ + "." in get_lexicon().ranks
        if (before.text in _ENDS_SENTENCE and not abbreviated) or before.is_space:
            break
        if "\n" in doc[start - 1].whitespace_ or before.is_quote:
            break
        start = doc[start - 1].sent.start
    return start


def follows_title_of(token: Token) -> bool:
    """`token` comes right after "<title> of" ("Secretary of State", "Director of ...")."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].lower_ != "of":
        return False
    return is_title_word(doc[token.i - 2])
