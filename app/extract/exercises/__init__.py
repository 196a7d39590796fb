"""Named military exercises, their kind, frequency, host, dates and participants.

A capitalised name becomes an exercise when the text ties it to an exercise word ("exercise
Iron X", "the Foo 2019 drills", "'Bar' peacekeeping exercise", "X is an annual exercise") or
gives it a year ("Foo 2019") in an article about exercises. Mentions of one exercise are grouped
(aliases in brackets, acronyms, "Exercise X" and "X"), then the sentences that mention it give
its year, month, kind, frequency, host and the countries taking part with their role.
All word lists live in app/extract/data/exercises.json (read by lexicon.py).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from app.extract.countries import CountryHit
from app.extract.exercises.lexicon import CLOSE_QUOTES, OPEN_QUOTES, YEAR, Lexicon, lexicon
from app.extract.types import ExerciseMention, Participation, Role

_ROMAN = re.compile(r"^[IVXLC]{2,7}$")
_TOKEN = re.compile(r"[\w’'.&-]+|[^\s\w]")
_ROLE_ORDER: dict[Role, int] = {"units": 0, "representatives": 1, "participant": 2}
_PERSONNEL_COUNT = re.compile(
    r"\d[\d,.]*\s+(?:\w+\s+)?(?:soldiers|troops|personnel|servicemen|service members)\b", re.I
)
_DATELINE_REACH = 400  # characters from the top where a bare full date is the story's date


@dataclass(slots=True)
class _Candidate:
    name: str
    start: int
    end: int
    year: int | None
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Group:
    names: list[str]
    candidates: list[_Candidate]
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def display(self) -> str:
        return self.names[0]


# --- sentences and small helpers -------------------------------------------------------------

_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Adm|Sgt|Capt|Cmdr|Cpl|Pvt|Brig|Rep|Sen|Gov|St|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Co|Corp|Inc|Ltd|vs|etc|approx)|\.\w+)\.$"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: every line break ends one, as does . ! ? before a capital or quote."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n+|[.!?][”\"’'»]?(?=\s+[A-Z“\"‘'(«])", text):
        end = match.end() if match.group(0)[0] != "\n" else match.start()
        if match.group(0)[0] != "\n" and _ABBREVIATION.search(text[max(0, end - 12) : end]):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _sentence_of(spans: list[tuple[int, int]], position: int) -> int:
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= position:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _year_value(raw: str | None) -> int | None:
    if raw is None:
        return None
    if len(raw) == 4:
        return int(raw)
    value = int(raw)
    return 2000 + value if value <= 35 else None


def _is_all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _display_form(name: str) -> str:
    """'IRON HERON' -> 'Iron Heron'; one-word acronyms ('ORCA') stay as written."""
    if " " in name and _is_all_caps(name):
        return " ".join(word.capitalize() for word in name.split())
    return name


# --- finding names ---------------------------------------------------------------------------


def _clean_name(name: str, lex: Lexicon, dated: bool = False) -> tuple[str | None, bool]:
    """Strip articles, 'Exercise' and trailing kind words; None when nothing name-like is left."""
    words = name.split()
    prefixed = False
    while words and (words[0] in lex.leading_stopwords or words[0] in lex.name_prefixes):
        prefixed = prefixed or words[0].lower().startswith("exercise")
        words = words[1:]
    changed = True
    while words and changed:
        changed = False
        if _ROMAN.match(words[-1]) and len(words) > 1 or words[-1].lower() in lex.trailing_strip:
            words, changed = words[:-1], True
        elif len(words) > 1 and f"{words[-2]} {words[-1]}".lower() in {
            "special operations",
            "command post",
        }:
            words, changed = words[:-2], True
        while words and words[-1] in {"of", "of the", "for", "and", "the", "de", "del", "la"}:
            words, changed = words[:-1], True
    if not words:
        return None, prefixed
    cleaned = " ".join(words)
    if (
        cleaned in lex.not_names
        or any(word in lex.org_acronyms for word in words)
        or words[-1] in lex.non_exercise_heads
        or (words[-1] in lex.place_heads and not dated)
        or any(word in lex.months or word in lex.weekdays for word in words)
        or (all(word.lower() in lex.modifiers for word in words) and not (dated and len(words) > 1))
        or (len(cleaned) < 2)
    ):
        return None, prefixed
    return cleaned, prefixed


def _inside_country(start: int, end: int, countries: list[CountryHit]) -> bool:
    return any(hit.start < end and start < hit.end for hit in countries)


def _find_candidates(
    text: str, countries: list[CountryHit], spans: list[tuple[int, int]], lex: Lexicon
) -> list[_Candidate]:
    article_has_exercise_words = bool(lex.exercise_word.search(text))
    if not article_has_exercise_words:
        return []
    military_article = bool(lex.military_context.search(text))
    sentence_starts = {
        start + len(text[start:end]) - len(text[start:end].lstrip(" \t\"“‘'(«"))
        for start, end in spans
    }
    found: list[_Candidate] = []
    for match in lex.name_year.finditer(text):
        raw_name = match.group("name")
        name, prefixed = _clean_name(raw_name, lex, dated=match.group("year") is not None)
        if name is None or (_is_all_caps(name) and " " not in name and len(name) < 3):
            continue
        offset = raw_name.find(name.split()[0])
        start = match.start() + max(offset, 0)
        end = start + len(name)
        if text[match.end("name") : match.end("name") + 2] in ("’s", "'s"):
            continue
        if _inside_country(start, end, countries):
            continue
        year = _year_value(match.group("year"))  # None for edition numbers ("Foo-97")
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 80) : match.start()]
        line_end = text.find("\n", match.end())
        after = text[match.end() : (line_end if line_end != -1 else len(text))][:160]
        quoted = bool(before.rstrip(" ")[-1:] and before.rstrip(" ")[-1] in OPEN_QUOTES) and (
            after[:1] in CLOSE_QUOTES
        )
        line = text[line_start : (line_end if line_end != -1 else len(text))]
        if not quoted and not any(char.islower() for char in line):
            continue  # an all-capitals headline: every word looks like a name
        after_quote = after[1:] if quoted else after
        aliases: list[str] = []
        paren = lex.paren_alias.match(after_quote)
        if paren:
            alias, _ = _clean_name(paren.group("alias"), lex)
            if alias:
                aliases.append(alias)
            year = year or _year_value(paren.group("year"))
            after_quote = after_quote[paren.end() :]
            trailing_year = re.match(YEAR, after_quote)
            if trailing_year:
                year = year or _year_value(trailing_year.group("year"))
                after_quote = after_quote[trailing_year.end() :]
        link = lex.alias_after.match(after_quote)
        if link:
            alias, _ = _clean_name(link.group("alias"), lex)
            if alias and (_is_all_caps(alias) or " " in name):
                aliases.append(alias)
        sentence = spans[_sentence_of(spans, match.start())]
        in_exercise_sentence = bool(lex.exercise_word.search(text[sentence[0] : sentence[1]]))
        follows = bool(lex.follow_exercise.match(after_quote))
        reported = lex.reporting_verb_after.match(after_quote)
        precedes = (bool(lex.before_exercise.search(before)) and not reported) or prefixed
        if quoted:
            evidence = follows or precedes
        else:
            next_is_capital = bool(re.match(r"\s+[A-Z]", after_quote))
            two_digit = match.group("year") is not None and len(match.group("year")) == 2
            dated = year is not None and not next_is_capital and military_article
            if two_digit and not (follows or precedes):
                # 'Foo 24' only for acronyms and 'MD-11' never: those are models, not years.
                hyphenated = "-" in match.group(0)[len(raw_name) :]
                dated = dated and _is_all_caps(name) and not hyphenated
            evidence = (
                follows
                or precedes
                or bool(lex.copula_exercise.match(after_quote))
                or (bool(lex.naming_before.search(before)) and in_exercise_sentence)
                or bool(lex.participation_before.search(before))
                or dated
            )
        if not evidence:
            continue
        if (
            start in sentence_starts
            and year is None
            and not quoted
            and " " not in name
            and not _is_all_caps(name)
            and not _named_mid_sentence(text, name, sentence_starts)
        ):
            continue  # 'Whatever manoeuvre ...': a capital only because the sentence starts
        prefix_year = re.search(r"\b((?:19|20)\d{2})\s+$", before)
        if year is None and prefix_year and follows:
            year = int(prefix_year.group(1))
        found.append(_Candidate(_display_form(name), start, end, year, aliases))
    return found


def _named_mid_sentence(text: str, name: str, sentence_starts: set[int]) -> bool:
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])")
    return any(match.start() not in sentence_starts for match in pattern.finditer(text))


def _initials(name: str) -> str:
    skip = {"of", "the", "for", "and", "de", "del", "la"}
    return "".join(word[0] for word in name.split() if word not in skip).upper()


def _group_candidates(text: str, candidates: list[_Candidate]) -> list[_Group]:
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a.lower())] = find(b.lower())

    forms: dict[str, str] = {}
    for candidate in candidates:
        for form in [candidate.name, *candidate.aliases]:
            forms.setdefault(form.lower(), _display_form(form))
            find(form.lower())
        for alias in candidate.aliases:
            union(alias, candidate.name)
    keys = list(forms)
    for a in keys:
        for b in keys:
            if a == b:
                continue
            a_words, b_words = a.split(), b.split()
            if len(a_words) > len(b_words) and a_words[: len(b_words)] == b_words:
                union(a, b)
            if " " not in b and len(b) >= 2 and _initials(forms[a]) == b.upper() and " " in a:
                union(a, b)
    groups: dict[str, _Group] = {}
    for candidate in candidates:
        root = find(candidate.name.lower())
        group = groups.setdefault(root, _Group(names=[], candidates=[]))
        group.candidates.append(candidate)
    for root, group in groups.items():
        members = [key for key in keys if find(key) == root]
        # Drop forms that only extend another form ("Iron X Opens" after "Iron X").
        shortest = [
            key
            for key in members
            if not any(
                other != key and key.split()[: len(other.split())] == other.split()
                for other in members
            )
        ]
        counts: Counter[str] = Counter()
        for key in members:
            pattern = re.compile(rf"(?<![\w-]){re.escape(forms[key])}(?![\w])", re.I)
            for match in pattern.finditer(text):
                if match.group(0)[0].islower():
                    continue  # 'interaction' is not a mention of an exercise called Interaction
                group.mentions.append(match.span())
                counts[key] += 1
        first_seen = {c.name.lower(): i for i, c in reversed(list(enumerate(group.candidates)))}
        shortest.sort(key=lambda k: (-counts[k], first_seen.get(k, len(text))))
        group.names = [forms[key] for key in shortest] + [
            forms[key] for key in members if key not in shortest
        ]
        group.mentions = sorted(set(group.mentions))
    return sorted(groups.values(), key=lambda g: (-len(g.mentions), g.candidates[0].start))


# --- attributes ------------------------------------------------------------------------------


def _group_sentences(
    text: str, group: _Group, spans: list[tuple[int, int]], primary: bool, lex: Lexicon
) -> list[int]:
    indices = {_sentence_of(spans, start) for start, _ in group.mentions}
    if primary:
        for i, (start, end) in enumerate(spans):
            if lex.exercise_word.search(text[start:end]):
                indices.add(i)
    return sorted(indices)


def _anchors(text: str, group: _Group, span: tuple[int, int], lex: Lexicon) -> list[int]:
    """Positions in a sentence where the exercise is named or referred to."""
    start, end = span
    points = [s for s, _ in group.mentions if start <= s < end]
    points += [m.start() for m in lex.exercise_word.finditer(text, start, end)]
    return sorted(points)


def _edition_year(
    text: str, group: _Group, sentences: list[int], spans: list[tuple[int, int]], lex: Lexicon
) -> int | None:
    years = Counter(c.year for c in group.candidates if c.year is not None)
    if years:
        return years.most_common(1)[0][0]
    for index in sentences:
        start, end = spans[index]
        for match in lex.date.finditer(text, start, end):
            if match.group("y3") and match.group("m3"):
                return int(match.group("y3"))
    full_years = {int(m.group("y1")) for m in _dateline_dates(text, lex)}
    return full_years.pop() if len(full_years) == 1 else None


def _dateline_dates(text: str, lex: Lexicon) -> list[re.Match[str]]:
    """Full dates in the article's opening lines or after 'issued' / 'Published:'."""
    dates = []
    for match in lex.date.finditer(text):
        if not match.group("y1"):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        if match.start() < _DATELINE_REACH or lex.dateline_cue.search(before):
            dates.append(match)
    return dates


def _month_of(match: re.Match[str], lex: Lexicon) -> tuple[int, int | None, int | None]:
    name = match.group("m1") or match.group("m2") or match.group("m3") or match.group("m4")
    name = name.rstrip(".")
    day_raw = match.group("d1") or match.group("d2")
    day = int(re.sub(r"\D", "", day_raw)) if day_raw else None
    year_raw = match.group("y1") or match.group("y2") or match.group("y3")
    return lex.months[name], day, int(year_raw) if year_raw else None


def _edition_month(
    text: str,
    group: _Group,
    sentences: list[int],
    spans: list[tuple[int, int]],
    year: int | None,
    lex: Lexicon,
) -> int | None:
    """Start or in-progress date near the exercise; else a late-enough end date; else dateline."""
    general: list[int] = []
    ending: list[int] = []
    for index in sentences:
        start, end = spans[index]
        anchors = _anchors(text, group, spans[index], lex)
        for match in lex.date.finditer(text, start, end):
            month, day, date_year = _month_of(match, lex)
            if year is not None and date_year is not None and date_year != year:
                continue
            if match.group("m4") and len(lex.month_name.findall(text, start, end)) > 1:
                continue  # 'in May and July': no single month
            before = text[max(start, match.start() - 40) : match.start()]
            if lex.announcement_cue.search(before) or lex.dateline_cue.search(before):
                continue
            nearest = min(anchors, key=lambda p: abs(p - match.start()), default=None)
            if nearest is None:
                continue
            low, high = sorted((nearest, match.start()))
            if lex.date_barrier.search(text[low:high]):
                continue
            if lex.end_date_cue.search(before):
                if day is not None and day >= lex.min_day_for_end_date_month:
                    ending.append(month)
            else:
                general.append(month)
    if general:
        return general[0]
    if ending:
        return ending[0]
    for match in _dateline_dates(text, lex):
        month, _, date_year = _month_of(match, lex)
        if year is None or date_year == year:
            return month
    return None


def _kind(
    text: str, group: _Group, sentences: list[int], spans: list[tuple[int, int]], lex: Lexicon
) -> str | None:
    adjacent: list[str] = []
    for index in sentences:
        start, end = spans[index]
        for match in lex.exercise_word.finditer(text, start, end):
            window = text[max(start, match.start() - 60) : match.start()]
            adjacent.append(" ".join(_tokens(window)[-4:]))
        for mention_start, mention_end in group.mentions:
            if start <= mention_start < end:
                adjacent.append(text[mention_end : min(end, mention_end + 50)])
    joined = " | ".join(adjacent)
    for pattern, kind in lex.kinds:
        if pattern.search(joined):
            return kind
    for index in sentences:
        topic = lex.topic_kinds.search(text, *spans[index])
        if topic:
            for pattern, kind in lex.kinds:
                if pattern.fullmatch(topic.group(0)):
                    return kind
    return None


def _frequency(
    text: str, sentences: list[int], spans: list[tuple[int, int]], lex: Lexicon
) -> str | None:
    for index in sentences:
        sentence = text[spans[index][0] : spans[index][1]]
        hits = [(m.start(), value) for p, value in lex.frequencies for m in p.finditer(sentence)]
        if hits:
            return min(hits)[1]
    return None


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


_JOINED = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?")
_DATELINE_PLACE = re.compile(r"[ \t]*[A-Z][A-Z .'-]+,\s*")


def _joined_before(text: str, hits: list[CountryHit], i: int) -> list[CountryHit]:
    """The hits listed with hits[i] just before it ('Thailand and the US')."""
    subjects = [hits[i]]
    while i > 0 and _JOINED.fullmatch(text[hits[i - 1].end : hits[i].start]):
        i -= 1
        subjects.insert(0, hits[i])
    return subjects


def _dateline_countries(text: str, countries: list[CountryHit]) -> list[str]:
    """'NIAMEY, Niger — ...' in the first lines: the story was filed in that country."""
    codes: list[str] = []
    starts = {hit.start: hit for hit in countries if not hit.adjective}
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


def _host(
    text: str,
    group: _Group,
    countries: list[CountryHit],
    sentences: list[int],
    spans: list[tuple[int, int]],
    lex: Lexicon,
) -> tuple[str | None, list[str]]:
    """The host and every co-host named ('co-hosted by X and Y').

    An explicit host ('hosted by X', 'X hosts', 'territory of X') wins over a venue ('held in X');
    of several co-hosts, the one that is also the venue, else the first named.
    """
    explicit: list[str] = []
    cohosts: list[list[str]] = []
    located: Counter[str] = Counter(_dateline_countries(text, countries))
    for index in sentences:
        start, end = spans[index]
        hits = [h for h in countries if start <= h.start < end]
        anchors = _anchors(text, group, spans[index], lex)
        in_sentence: set[str] = set()
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
            if lex.host_phrase.search(before):
                listed = _country_list_after(text, hit.start, hits)
                if len(listed) > 1:
                    cohosts.append(listed)
                else:
                    explicit.append(hit.code)
                continue
            if lex.territory_phrase.search(before) and not hit.adjective:
                explicit.append(hit.code)
                continue
            possessive = re.match(r"(?:’s|'s)((?:\s+[\w-]+){1,4})", after)
            if possessive and not hit.adjective and lex.exercise_word.search(possessive.group(1)):
                explicit.append(hit.code)  # "Peru's largest naval exercise"
                continue
            if re.match(r"(?:’s|'s)?\s+(?:territory|soil)\b", after) and re.search(
                r"\b(?:on|in)\s+(?:the\s+)?$", before
            ):
                explicit.append(hit.code)  # 'on Kazakh territory', 'on Polish soil'
                continue
            if lex.host_verb_after.match(after):
                subjects = _joined_before(text, hits, i)
                if len(subjects) > 1:
                    cohosts.append([s.code for s in subjects])
                elif not hit.adjective:
                    explicit.append(hit.code)
                continue
            if (
                lex.launch_verb_after.match(after)
                and not hit.adjective
                and len(_joined_before(text, hits, i)) == 1
                and not re.match(r"\s*(?:,|and)\s", after)
            ):
                explicit.append(hit.code)
                continue
            if hit.adjective:
                continue
            words = _tokens(before)
            if words and words[-1].lower() in lex.direction_words:
                words = words[:-1]
            if words and words[-1].lower() == "the":
                words = words[:-1]
            if words and words[-1].lower() in ("in", "at"):
                places.add(hit.code)
                context = {w.lower() for w in words[-6:-1]}
                near_anchor = any(0 <= hit.start - a <= 50 for a in anchors)
                if context & lex.host_context_words or near_anchor:
                    in_sentence.add(hit.code)
                continue
            if len(words) >= 2 and words[-1] == "," and _after_place(words[:-1], lex):
                comma = hit.start - len(before) + before.rfind(",")
                if not any(h.end == comma for h in hits):
                    in_sentence.add(hit.code)  # the country after "in City,"
        if len(in_sentence) == 1 and len(places | in_sentence) == 1:
            located[in_sentence.pop()] += 1
    named = list(dict.fromkeys(code for listed in cohosts for code in listed))
    if explicit:
        return Counter(explicit).most_common(1)[0][0], named
    if cohosts:
        for code in cohosts[0]:
            if located.get(code):
                return code, named
        return cohosts[0][0], named
    ranked = located.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0], named
    return None, named


# --- participants ----------------------------------------------------------------------------


def _country_lists(text: str, countries: list[CountryHit], lex: Lexicon) -> list[list[CountryHit]]:
    lists: list[list[CountryHit]] = []
    for hit in countries:
        following = re.match(r"\s+([\w.]+)", text[hit.end : hit.end + 30])
        if following and following.group(1) in lex.person_titles:
            continue  # 'U.S. Ambassador X', 'Russian General Y': a person's nationality
        if lists and lex.list_gap.match(text[lists[-1][-1].end : hit.start]):
            lists[-1].append(hit)
        else:
            lists.append([hit])
    return lists


def _role_after_noun(text: str, end: int, lex: Lexicon) -> Role | None:
    """'U.S. troops', 'Filipino and American forces', 'the Russian ... military formations'."""
    tail = text[end : end + 90]
    tail = re.sub(r"^(?:’s|'s|’|')", "", tail)
    words: list[str] = []
    for token in _tokens(tail):
        if token in ',.;:()!?"“”' or token.lower() in lex.stop_words:
            break
        ends_sentence = token.endswith(".") and "." not in token[:-1] and len(token) > 3
        word = token.rstrip(".") if ends_sentence else token
        words.append(word.lower().split("-")[0] if word[:1].isupper() else word.lower())
        if ends_sentence or len(words) >= 6:
            break
    raw = [token.rstrip(".") for token in _tokens(tail)[: len(words) + 1]]
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


def _role_before(text: str, start: int, sentence_start: int, lex: Lexicon) -> Role | None:
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
        or len(_tokens(between)) > 10
        or re.search(r"[.;]", between)
    ):
        return None
    return role


def _role_after_clause(
    text: str, end: int, sentence_end: int, next_start: int, lex: Lexicon
) -> Role | None:
    tail = text[end : min(sentence_end, next_start)]
    relative = re.match(r"\s*,\s*(?:which|who)\b[^,]*,", tail)
    if relative:
        tail = tail[relative.end() :]
    barrier = lex.clause_barrier.search(tail)
    if barrier:
        tail = tail[: barrier.start()]
    tail = " ".join(_tokens(tail)[:14])
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


def _participants(
    text: str,
    countries: list[CountryHit],
    spans: list[tuple[int, int]],
    host: str | None,
    cohosts: list[str],
    lex: Lexicon,
) -> list[Participation]:
    roles: dict[str, set[Role]] = {}
    first_seen: dict[str, int] = {}
    lists = _country_lists(text, countries, lex)
    pending: dict[int, Role] = {}
    for index, (start, end) in enumerate(spans):
        # 'personnel from nine countries ...' / 'seven countries sent delegations.': the
        # countries are listed in the next sentence ('Hailing from X, Y and Z ...').
        counted = lex.counted_group.search(text, start, end)
        if not counted or any(0 <= h.start - counted.end() <= 40 for h in countries):
            continue
        sentence = text[start:end]
        cues: list[tuple[Role, re.Pattern[str]]] = [
            ("representatives", lex.representatives_before),
            ("units", lex.units_before),
            ("participant", lex.participant_after),
        ]
        for cue_role, pattern in cues:
            if pattern.search(sentence):
                pending[index + 1] = cue_role
                break
    for i, group in enumerate(lists):
        first, last = group[0], group[-1]
        index = _sentence_of(spans, first.start)
        sentence_start, sentence_end = spans[index]
        sentence = text[sentence_start:sentence_end]
        next_start = lists[i + 1][0].start if i + 1 < len(lists) else len(text)
        title_of = re.search(
            r"\b([A-Z][\w.]*)\s+of\s+(?:the\s+)?$", text[sentence_start : first.start]
        )
        affiliation = bool(title_of and title_of.group(1) in lex.person_titles)
        role = None if affiliation else _role_after_noun(text, last.end, lex)
        weak = role == "participant"
        if role is None or weak:
            role = _role_before(text, first.start, sentence_start, lex) or role
        if role is None:
            role = _role_after_clause(text, last.end, sentence_end, next_start, lex)
        if role is None or (role == "participant" and pending.get(index) == "units"):
            role = pending.get(index, role)
        if role is None:
            continue
        if lex.negation.search(sentence):
            continue
        if role == "participant":
            previous = text[spans[index - 1][0] : spans[index - 1][1]] if index else ""
            previous_has_hits = index and any(
                spans[index - 1][0] <= h.start < spans[index - 1][1] for h in countries
            )
            if _PERSONNEL_COUNT.search(sentence) or (
                previous and not previous_has_hits and _PERSONNEL_COUNT.search(previous)
            ):
                role = "units"
        for hit in group:
            roles.setdefault(hit.code, set()).add(role)
            first_seen.setdefault(hit.code, hit.start)
    for code in dict.fromkeys([*cohosts, *([host] if host else [])]):
        roles.setdefault(code, set()).add("participant")  # a host takes part
        first_seen.setdefault(code, len(text))
    if host and lex.local_units.search(text):
        roles[host].add("units")
    result: list[Participation] = []
    for code, found in roles.items():
        if found & {"units", "representatives"}:
            found.discard("participant")
        for role in found:
            result.append(Participation(code, role))
    result.sort(key=lambda p: (_ROLE_ORDER[p.role], first_seen[p.country]))
    return result


# --- entry point -----------------------------------------------------------------------------


def extract_exercises(text: str, countries: list[CountryHit]) -> list[ExerciseMention]:
    """Exercises named in `text` (`countries` = find_countries(text)), most mentioned first."""
    lex = lexicon()
    spans = _sentences(text)
    if not spans:
        return []
    groups = _group_candidates(text, _find_candidates(text, countries, spans, lex))
    mentions: list[ExerciseMention] = []
    for rank, group in enumerate(groups):
        primary = rank == 0
        sentences = _group_sentences(text, group, spans, primary, lex)
        year = _edition_year(text, group, sentences, spans, lex)
        host, cohosts = _host(text, group, countries, sentences, spans, lex)
        mentions.append(
            ExerciseMention(
                name=group.display,
                aliases=[n for n in group.names if n != group.display],
                kind=_kind(text, group, sentences, spans, lex),
                frequency=_frequency(text, sentences, spans, lex),
                host=host,
                year=year,
                month=_edition_month(text, group, sentences, spans, year, lex),
                participants=_participants(text, countries, spans, host, cohosts, lex)
                if primary
                else [],
            )
        )
    return mentions
