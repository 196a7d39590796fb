"""Named military exercises, their kind, frequency, host, dates and participants.

A capitalised name becomes an exercise when the text ties it to an exercise word ("exercise
Iron X", "the Foo 2019 drills", "'Bar' peacekeeping exercise", "X is an annual exercise") or
gives it a year ("Foo 2019") in an article about exercises (names.py). Mentions of one exercise
are grouped (aliases in brackets, acronyms, "Exercise X" and "X"; groups.py), then the sentences
that mention it give its year and month (dates.py), kind and frequency (kinds.py), host and the
countries taking part with their role (below).
All word lists live in app/extract/data/exercises.json (lexicon.py).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from app.extract.countries import CountryHit
from app.extract.exercises.article import Article, read_article, tokens
from app.extract.exercises.dates import edition_month, edition_year
from app.extract.exercises.groups import Focus, focus_on, group_candidates
from app.extract.exercises.kinds import exercise_frequency, exercise_kind
from app.extract.exercises.lexicon import Lexicon
from app.extract.exercises.names import find_candidates
from app.extract.types import ExerciseMention, Participation, Role

# --- host ------------------------------------------------------------------------------------
# Which country hosts an exercise, and every co-host named.
#
# An explicit host ('hosted by X', 'X hosts', 'territory of X') wins over a venue ('held in X',
# 'in City, X', the dateline's country); of several co-hosts, the one that is also the venue, else
# the first named; two venues and no host give no host.

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


# --- roles -----------------------------------------------------------------------------------
# The part a list of countries plays in an exercise, read from the words around the list.
#
# 'units' sent troops ('U.S. troops', 'soldiers of X'), 'representatives' sent observers or
# delegates, a 'participant' takes part without more said ('X and Y will participate').


def role_after_noun(article: Article, end: int) -> Role | None:
    """The noun right after a list: 'U.S. troops', 'Filipino and American forces' are units."""
    lex = article.lexicon
    tail = article.text[end : end + 90]
    tail = re.sub(r"^(?:’s|'s|’|')", "", tail)
    words: list[str] = []
    for token in tokens(tail):
        if token in ',.;:()!?"“”' or token.lower() in lex.stop_words:
            break
        ends_sentence = token.endswith(".") and "." not in token[:-1] and len(token) > 3
        word = token.rstrip(".") if ends_sentence else token
        words.append(word.lower().split("-")[0] if word[:1].isupper() else word.lower())
        if ends_sentence or len(words) >= 6:
            break
    raw = [token.rstrip(".") for token in tokens(tail)[: len(words) + 1]]
    for i, word in enumerate(words):
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        follower = raw[i + 1] if i + 1 < len(raw) else ""
        if (word in lex.unit_nouns or pair in lex.unit_nouns) and follower not in (
            lex.non_unit_followers
        ):
            return "units"
        if word in lex.representative_nouns:
            return "representatives"
        if word == "participation" and i == 0:
            return "participant"
    if lex.exercise_word.search(" ".join(words)):
        return "participant"
    return None


def role_before(article: Article, start: int, sentence_start: int) -> Role | None:
    """The nearest cue before a list in its sentence: 'troops from', 'observers', 'between'."""
    text, lex = article.text, article.lexicon
    window = text[max(sentence_start, start - 90) : start]
    if lex.place_preposition.search(window):
        return None  # 'accredited in X', 'heading to X': a place, not where people come from
    cues: list[tuple[int, Role]] = []
    for match in lex.exercise_with.finditer(window):
        cues.append((match.end(), "participant"))
    representative_ends = [m.end() for m in lex.representatives_before.finditer(window)]
    for match in lex.units_before.finditer(window):
        # 'delegates of the land forces of X' are representatives, not units
        of_representatives = any(
            re.fullmatch(
                r"\s*(?:of|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", window[end : match.start()]
            )
            for end in representative_ends
        )
        cues.append((match.end(), "representatives" if of_representatives else "units"))
    for end in representative_ends:
        cues.append((end, "representatives"))
    for match in lex.participant_before.finditer(window):
        word = match.group(0).lower()
        if word in lex.context_gated:
            head = text[sentence_start : start - len(window) + match.start()]
            gates = list(lex.cue_gate.finditer(head))
            gate = gates[-1] if gates else None
            if gate is None or lex.clause_barrier.search(head[gate.end() :]):
                continue
        cues.append((match.end(), "participant"))
    if not cues:
        return None
    cues.sort()
    position, role = cues[-1]
    if role == "participant" and lex.inheriting_cue.search(window[:position]):
        # 'troops from 26 countries, including X': 'including' keeps the earlier role
        earlier = [cue for cue in cues[:-1] if cue[1] != "participant"]
        if earlier and not lex.clause_barrier.search(window[earlier[-1][0] : position]):
            role = earlier[-1][1]
    between = window[position:]
    if (
        lex.clause_barrier.search(between)
        or len(tokens(between)) > 10
        or re.search(r"[.;]", between)
    ):
        return None
    return role


def role_after_clause(
    article: Article, end: int, sentence_end: int, next_start: int
) -> Role | None:
    """The verb after a list, up to the sentence's end or the next list: 'X took part'."""
    lex = article.lexicon
    tail = article.text[end : min(sentence_end, next_start)]
    relative = re.match(r"\s*,\s*(?:which|who)\b[^,]*,", tail)
    if relative:
        tail = tail[relative.end() :]
    barrier = lex.clause_barrier.search(tail)
    if barrier:
        tail = tail[: barrier.start()]
    tail = " ".join(tokens(tail)[:14])
    if lex.launch_after_list.match(tail) and lex.exercise_word.search(tail):
        return "participant"  # 'X and Y kicked off their annual drills'
    reps = lex.representatives_after.search(tail)
    part = lex.participant_after.search(tail)
    if reps:
        return "representatives"  # 'took part as observers' is still observing
    if part:
        # 'X took part with a battalion': the troops make it units
        return "units" if lex.with_units.search(tail, part.end()) else "participant"
    return None


# --- participants ----------------------------------------------------------------------------
# The countries taking part in an exercise, each with its roles.
#
# Countries listed together share a role, read after the list, before it or from the clause that
# follows (roles.py); a sentence that counts countries without naming them ('troops from nine
# countries') gives its role to the list in the next sentence. Hosts and co-hosts take part.

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
    if role is None:
        role = role_after_clause(article, last.end, sentence_end, next_start)
    if role is None or (role == "participant" and pending.get(index) == "units"):
        role = pending.get(index, role)
    if role is None or lex.negation.search(article.sentence(index)):
        return None
    if role == "participant" and _counts_personnel(article, index):
        return "units"  # 'X took part with 300 soldiers'
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


# --- entry point -----------------------------------------------------------------------------


def extract_exercises(text: str, countries: list[CountryHit]) -> list[ExerciseMention]:
    """Exercises named in `text` (`countries` = find_countries(text)), most mentioned first.

    Participants are read for the first, most mentioned exercise only.
    """
    article = read_article(text, countries)
    if not article.spans:
        return []
    groups = group_candidates(text, find_candidates(article))
    mentions: list[ExerciseMention] = []
    for rank, group in enumerate(groups):
        primary = rank == 0
        focus = focus_on(article, group, primary)
        year = edition_year(focus)
        host, cohosts = host_and_cohosts(focus)
        mentions.append(
            ExerciseMention(
                name=group.display,
                aliases=[n for n in group.names if n != group.display],
                kind=exercise_kind(focus),
                frequency=exercise_frequency(focus),
                host=host,
                year=year,
                month=edition_month(focus, year),
                participants=participants(article, host, cohosts) if primary else [],
            )
        )
    return mentions
