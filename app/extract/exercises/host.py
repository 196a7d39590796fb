"""Which country hosts an exercise, and every co-host named.

An explicit host ('hosted by X', 'X hosts', 'territory of X') wins over a venue ('held in X',
'in City, X', the dateline's country); of several co-hosts, the one that is also the venue, else
the first named; two venues and no host give no host.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from app.extract.countries import CountryHit
from app.extract.exercises.article import Article, tokens
from app.extract.exercises.groups import Focus
from app.extract.exercises.lexicon import Lexicon

_JOINED = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?")
_DATELINE_PLACE = re.compile(r"[ \t]*[A-Z][A-Z .'-]+,\s*")


@dataclass(slots=True)
class _HostEvidence:
    located: Counter[str]  # the dateline's country and each sentence's single venue
    explicit: list[str] = field(default_factory=list)  # each time a country is named host
    cohosts: list[list[str]] = field(default_factory=list)  # each list named hosts together


def host_and_cohosts(focus: Focus) -> tuple[str | None, list[str]]:
    """The host (None when the sentences do not settle it) and every co-host named."""
    evidence = _HostEvidence(located=Counter(_dateline_countries(focus.article)))
    for index in focus.sentences:
        _read_sentence(focus, index, evidence)
    named = list(dict.fromkeys(code for listed in evidence.cohosts for code in listed))
    if evidence.explicit:
        return Counter(evidence.explicit).most_common(1)[0][0], named
    if evidence.cohosts:
        for code in evidence.cohosts[0]:
            if evidence.located.get(code):
                return code, named
        return evidence.cohosts[0][0], named
    ranked = evidence.located.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0], named
    return None, named


def _read_sentence(focus: Focus, index: int, evidence: _HostEvidence) -> None:
    """Add what sentence `index` says of hosts; a sentence naming one venue only locates it."""
    text = focus.article.text
    start, end = focus.article.spans[index]
    hits = [h for h in focus.article.countries if start <= h.start < end]
    anchors = focus.anchors(index)
    venues: set[str] = set()
    places: set[str] = set()  # every 'in X', to see when a sentence names two venues
    for i, hit in enumerate(hits):
        before = text[max(start, hit.start - 60) : hit.start]
        after = text[hit.end : min(end, hit.end + 40)]
        if (
            i
            and hits[i - 1].code in places
            and _JOINED.fullmatch(text[hits[i - 1].end : hit.start])
        ):
            places.add(hit.code)  # 'in Estonia, Latvia and Poland': several venues
            continue
        named = _named_hosts(focus.article, hits, i, before, after)
        if named is not None:
            if len(named) > 1:
                evidence.cohosts.append(named)
            else:
                evidence.explicit.extend(named)
            continue
        if hit.adjective:
            continue
        place, venue = _venue(focus.article, hits, hit, before, anchors)
        if place:
            places.add(hit.code)
        if venue:
            venues.add(hit.code)
    if len(venues) == 1 and len(places | venues) == 1:
        evidence.located[venues.pop()] += 1


def _named_hosts(
    article: Article, hits: list[CountryHit], i: int, before: str, after: str
) -> list[str] | None:
    """The hosts a cue around hits[i] names: one, or several co-hosts; None for no cue.

    `before` and `after` are the text of the sentence next to the country. An empty list is a
    hosting cue that names no country ('the Russian hosts').
    """
    text, lex, hit = article.text, article.lexicon, hits[i]
    if lex.host_phrase.search(before):
        listed = _country_list_after(text, hit.start, hits)
        return listed if len(listed) > 1 else [hit.code]  # 'co-hosted by X and Y'
    if lex.territory_phrase.search(before) and not hit.adjective:
        return [hit.code]
    possessive = re.match(r"(?:’s|'s)((?:\s+[\w-]+){1,4})", after)
    if possessive and not hit.adjective and lex.exercise_word.search(possessive.group(1)):
        return [hit.code]  # "Peru's largest naval exercise"
    if re.match(r"(?:’s|'s)?\s+(?:territory|soil)\b", after) and re.search(
        r"\b(?:on|in)\s+(?:the\s+)?$", before
    ):
        return [hit.code]  # 'on Kazakh territory', 'on Polish soil'
    if lex.host_verb_after.match(after):
        subjects = _joined_before(text, hits, i)
        if len(subjects) > 1:
            return [s.code for s in subjects]  # 'Bolivia and Peru co-hosted'
        return [] if hit.adjective else [hit.code]
    if (
        lex.launch_verb_after.match(after)
        and not hit.adjective
        and len(_joined_before(text, hits, i)) == 1
        and not re.match(r"\s*(?:,|and)\s", after)
    ):
        return [hit.code]
    return None


def _venue(
    article: Article, hits: list[CountryHit], hit: CountryHit, before: str, anchors: list[int]
) -> tuple[bool, bool]:
    """Whether `hit` is a place ('in X') and whether it is where the exercise is held.

    'in X' is the venue after a word like 'held' or right after the exercise is named;
    'in City, X' is the venue.
    """
    lex = article.lexicon
    words = tokens(before)
    if words and words[-1].lower() in lex.direction_words:
        words = words[:-1]
    if words and words[-1].lower() == "the":
        words = words[:-1]
    if words and words[-1].lower() in ("in", "at"):
        context = {w.lower() for w in words[-6:-1]}
        near_anchor = any(0 <= hit.start - a <= 50 for a in anchors)
        return True, bool(context & lex.host_context_words) or near_anchor
    if len(words) >= 2 and words[-1] == "," and _after_place(words[:-1], lex):
        comma = hit.start - len(before) + before.rfind(",")
        return False, not any(h.end == comma for h in hits)  # 'in City, X', not 'in Y, X'
    return False, False


def _country_list_after(text: str, position: int, countries: list[CountryHit]) -> list[str]:
    """Codes of the country list starting right at `position` ('the United States and X')."""
    codes: list[str] = []
    cursor = position
    for hit in countries:
        if hit.start < cursor:
            continue
        gap = text[cursor : hit.start]
        if codes and not re.fullmatch(r"(?:’s|'s)?\s*(?:,|and|,\s*and)?\s*(?:the\s+)?", gap):
            break
        if not codes and not re.fullmatch(r"\s*(?:the\s+)?", gap):
            break
        codes.append(hit.code)
        cursor = hit.end
    return codes


def _joined_before(text: str, hits: list[CountryHit], i: int) -> list[CountryHit]:
    """The hits listed with hits[i] just before it ('Thailand and the US')."""
    subjects = [hits[i]]
    while i > 0 and _JOINED.fullmatch(text[hits[i - 1].end : hits[i].start]):
        i -= 1
        subjects.insert(0, hits[i])
    return subjects


def _dateline_countries(article: Article) -> list[str]:
    """'NIAMEY, Niger — ...' in the first lines: the story was filed in that country."""
    text = article.text
    codes: list[str] = []
    starts = {hit.start: hit for hit in article.countries if not hit.adjective}
    for line in list(re.finditer(r"[^\n]+", text))[:8]:
        place = _DATELINE_PLACE.match(text, line.start(), line.end())
        hit = starts.get(place.end()) if place else None
        if hit and re.match(r"\s*(?:—|–|-{1,3})", text[hit.end : hit.end + 5]):
            codes.append(hit.code)
    return codes


def _after_place(words: list[str], lex: Lexicon) -> bool:
    """True when `words` end with 'in|at|near <Place Name>' (the city before ', Country')."""
    i = len(words)
    while i > 0 and (words[i - 1][:1].isupper() or words[i - 1].lower() in lex.direction_words):
        i -= 1
    if i == len(words) or i == 0 or any(w in lex.weekdays for w in words[i:]):
        return False
    return words[i - 1].lower() in {"in", "at", "near", "outside", "off", "from"}
