"""The speaker mention as written: the words of an attribution that name its speaker ("Defence
Minister Nurlan Yermekbayev", "he", "a spokesperson for the ministry"), their offsets, and the
kind of speaker they name, read from the resolved actor or, for a description, from its head."""

from spacy.tokens import Token

from app.extract.actors.model import Organization, Person
from app.extract.lexicon import get_lexicon
from app.extract.speakers.phrases import before_parenthesis
from app.extract.types import SpeakerKind, SpeakerMention

_FIRST_PERSON_PLURAL = {"we", "us"}  # a group speaking of itself; "they", "them" are the lexicon's


def speaker_mention(
    phrase: list[Token], speaker: Person | Organization | None
) -> SpeakerMention | None:
    """The mention of `phrase` (punctuation trimmed at both ends), of the resolved speaker's kind
    or, when nobody named is the speaker, of the kind its words describe."""
    words = _trimmed(before_parenthesis(phrase))
    if not words:
        return None
    first, last = words[0], words[-1]
    start, end = first.idx, last.idx + len(last.text)
    text = first.doc.text[start:end]
    if isinstance(speaker, Person):
        kind: SpeakerKind = "person"
    elif isinstance(speaker, Organization):
        kind = "organization"
    else:
        kind = description_kind(words)
    return SpeakerMention(text=text, start=start, end=end, kind=kind)


def description_kind(words: list[Token]) -> SpeakerKind:
    """`officials`, `several executives`, `they`: a group; `it`, `the ministry`, `a statement
    from the navy`: an organisation; `a union representative`, `he`: a person."""
    lex = get_lexicon()
    lows = [t.lower_ for t in words]
    if lows[0] in _FIRST_PERSON_PLURAL or lows[0] in lex.plural_pronouns:
        return "group"
    if lows[0] == "it":
        return "organization"
    head = _head(words)
    low = head.lower_
    if low in lex.role_nouns or low in lex.ranks:
        return "person"
    if low in lex.source_nouns or low in lex.org_heads or low in lex.speaking_org_heads:
        return "organization"
    if low in lex.unnamed_heads or head.tag_ in ("NNS", "NNPS"):
        return "group"
    if head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "NORP", "GPE"):
        return "organization"
    return "person"


def owner_words(phrase: list[Token]) -> list[Token]:
    """The words of a description that name whose speaker it is: `a spokesperson for the
    ministry` -> `the ministry`, `a NATO official`, `the alliance's spokesman` -> `NATO`,
    `the alliance`; [] when the description names no one else."""
    words = _trimmed(before_parenthesis(phrase))
    if not words:
        return []
    head = _head(words)
    k = words.index(head)
    after = words[k + 1 :]
    if after and after[0].lower_ in ("for", "of", "at", "from", "with") and len(after) > 1:
        return after[1:]
    owner = [t for t in words[:k] if t.lower_ not in ("'s", "’s")]
    while owner and (owner[0].pos_ in ("DET", "NUM", "ADJ") or owner[0].is_punct):
        owner = owner[1:]
    named = [t for t in owner if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP", "GPE")]
    return owner if named or any(t.lower_ in ("'s", "’s") for t in words[:k]) else []


def _head(words: list[Token]) -> Token:
    """The noun the description is about: `a spokesperson for the company` -> spokesperson."""
    for k, tok in enumerate(words):
        if tok.pos_ == "ADP" or tok.text == ",":
            return _last_noun(words[:k]) or words[k - 1] if k else words[-1]
    return _last_noun(words) or words[-1]


def _last_noun(words: list[Token]) -> Token | None:
    return next((t for t in reversed(words) if t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _trimmed(phrase: list[Token]) -> list[Token]:
    words = list(phrase)
    while words and (words[0].is_punct or words[0].is_space):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].is_space):
        words = words[:-1]
    return words
