"""The countries taking part in an exercise, each with its roles.

Countries listed together share a role, read after the list, before it or from the clause that
follows (roles.py; 'X and Y deployed coast guard units' are units, 'flew to X to take part' makes
X a place, not a participant); a sentence that counts countries without naming them ('troops
from nine countries') gives its role to the list in the next sentence. Hosts and co-hosts take part.
"""

import re

from app.extract.countries import CountryHit
from app.extract.exercises.article import Article
from app.extract.exercises.roles import role_after_clause, role_after_noun, role_before
from app.extract.types import Participation, Role

_ROLE_ORDER: dict[Role, int] = {"units": 0, "representatives": 1, "participant": 2}
_PERSONNEL_COUNT = re.compile(
    r"\d[\d,.]*\s+(?:\w+\s+)?(?:soldiers|troops|personnel|servicemen|service members)\b", re.I
)


def participants(article: Article, host: str | None, cohosts: list[str]) -> list[Participation]:
    """Units first, then representatives, then participants; each in order of first mention.

    A country that sent units or representatives is not also listed as a plain participant.
    """
    roles: dict[str, set[Role]] = {}
    first_seen: dict[str, int] = {}
    lists = _country_lists(article)
    pending = _roles_for_next_sentence(article)
    for i, group in enumerate(lists):
        next_start = lists[i + 1][0].start if i + 1 < len(lists) else len(article.text)
        role = _list_role(article, group, next_start, pending)
        if role is None:
            continue
        for hit in group:
            roles.setdefault(hit.code, set()).add(role)
            first_seen.setdefault(hit.code, hit.start)
    for code in dict.fromkeys([*cohosts, *([host] if host else [])]):
        roles.setdefault(code, set()).add("participant")  # a host takes part
        first_seen.setdefault(code, len(article.text))
    if host and article.lexicon.local_units.search(article.text):
        roles[host].add("units")
    result: list[Participation] = []
    for code, found in roles.items():
        if found & {"units", "representatives"}:
            found.discard("participant")
        for role in found:
            result.append(Participation(code, role))
    result.sort(key=lambda p: (_ROLE_ORDER[p.role], first_seen[p.country]))
    return result


def _country_lists(article: Article) -> list[list[CountryHit]]:
    """Countries in runs joined by 'and', commas or slashes, leaving out persons' nationalities."""
    text, lex = article.text, article.lexicon
    lists: list[list[CountryHit]] = []
    for hit in article.countries:
        following = re.match(r"\s+([\w.]+)", text[hit.end : hit.end + 30])
        if following and following.group(1) in lex.person_titles:
            continue  # 'U.S. Ambassador X', 'Russian General Y': a person's nationality
        if lists and lex.list_gap.match(text[lists[-1][-1].end : hit.start]):
            lists[-1].append(hit)
        else:
            lists.append([hit])
    return lists


def _roles_for_next_sentence(article: Article) -> dict[int, Role]:
    """Sentence index -> the role a counting sentence just before it gives its countries.

    'personnel from nine countries ...' / 'seven countries sent delegations.': the countries
    are listed in the next sentence ('Hailing from X, Y and Z ...').
    """
    text, lex = article.text, article.lexicon
    pending: dict[int, Role] = {}
    for index, (start, end) in enumerate(article.spans):
        counted = lex.counted_group.search(text, start, end)
        if not counted or any(0 <= h.start - counted.end() <= 40 for h in article.countries):
            continue
        cues: list[tuple[Role, re.Pattern[str]]] = [
            ("representatives", lex.representatives_before),
            ("units", lex.units_before),
            ("participant", lex.participant_after),
        ]
        for cue_role, pattern in cues:
            if pattern.search(text[start:end]):
                pending[index + 1] = cue_role
                break
    return pending


def _list_role(
    article: Article, group: list[CountryHit], next_start: int, pending: dict[int, Role]
) -> Role | None:
    """The role of one list of countries; None in a negated sentence or with no cue."""
    text, lex = article.text, article.lexicon
    first, last = group[0], group[-1]
    index = article.sentence_of(first.start)
    sentence_start, sentence_end = article.spans[index]
    title_of = re.search(r"\b([A-Z][\w.]*)\s+of\s+(?:the\s+)?$", text[sentence_start : first.start])
    affiliation = bool(title_of and title_of.group(1) in lex.person_titles)
    role = None if affiliation else role_after_noun(article, last.end)
    if role is None or role == "participant":
        role = role_before(article, first.start, sentence_start) or role
    if role is None and not lex.place_preposition.search(text[sentence_start : first.start]):
        # 'flew to X to take part': X is where they went, not who took part
        role = role_after_clause(article, last.end, sentence_end, next_start)
    if role is None and lex.sends_units.match(text, last.end, sentence_end):
        role = "units"
    if role is None or (role == "participant" and pending.get(index) == "units"):
        role = pending.get(index, role)
    if role is None or lex.negation.search(article.sentence(index)):
        return None
    if role == "participant" and (
        _counts_personnel(article, index) or lex.sends_units.match(text, last.end, sentence_end)
    ):
        return "units"  # 'X took part with 300 soldiers', 'X and Y deployed coast guard units'
    return role


def _counts_personnel(article: Article, index: int) -> bool:
    """'300 soldiers' in the sentence, or in the sentence before when it names no country."""
    if _PERSONNEL_COUNT.search(article.sentence(index)):
        return True
    if not index:
        return False
    start, end = article.spans[index - 1]
    previous_has_hits = any(start <= h.start < end for h in article.countries)
    return not previous_has_hits and bool(_PERSONNEL_COUNT.search(article.sentence(index - 1)))
