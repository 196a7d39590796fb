"""Which of the model's named entities are no actors: quoted names, groups, posts, words of a
title, exercise names, dates and the like."""

import re
from collections.abc import Set
from functools import lru_cache

from spacy.tokens import Span

from app.extract.actors.model import in_spans
from app.extract.actors.org_names import clean_org_name
from app.extract.actors.places import is_country_word
from app.extract.lexicon import get_lexicon


def is_no_actor(ent: Span, name_spans: list[tuple[int, int]], not_actors: Set[str]) -> bool:
    """`ent` names no person or body: it lies in a short quoted name (`name_spans`), opens
    with one of `not_actors` (lower case), or its words or neighbours say it is no actor."""
    lex = get_lexicon()
    doc = ent.doc
    if in_spans(ent.start_char, ent.end_char, name_spans):
        return True
    low = clean_org_name(ent.text).lower()
    if ent.label_ == "ORG" and is_country_word(clean_org_name(ent.text)):
        return True  # "Peruvian" is an adjective, not a body
    if ent[-1].lower_ in lex.unnamed_heads:
        return True  # "Peruvian Marines" are a group
    if any(low.startswith(n) for n in not_actors) or _not_actor_words().search(low):
        return True
    words = {t.lower_ for t in ent}
    after = doc[ent.end] if ent.end < len(doc) else None
    titled = after is not None and after.lower_ in lex.role_nouns
    if titled and words <= lex.ranks | lex.role_nouns | {"the", "of"}:
        return True  # "Defence" of "Defence Minister"
    if words <= lex.ranks and not words & lex.org_heads:
        return True  # "Defense" of "Secretary of Defense"
    if ent.label_ == "ORG" and ent[-1].lower_ in lex.role_nouns - lex.org_heads:
        return True  # "Supreme Allied Commander": a post, not a body
    if words & lex.not_actor_after or re.search(r"\b\d{4}\b", ent.text):
        return True
    if after is not None and (after.lower_ in lex.not_actor_after or after.like_num):
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.lower_ in lex.not_actor_before


@lru_cache
def _not_actor_words() -> re.Pattern[str]:
    """Any of the lexicon's words that make a name no actor, as a whole word."""
    words = sorted(get_lexicon().not_actor_words, key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
