"""Capitalised names the text ties to an exercise word or a year: the exercise candidates.

"exercise Iron X", "the Foo 2019 drills", "'Bar' peacekeeping exercise", "X is an annual
exercise", "took part in X", or "Foo 2019" in an article about the armed forces.
"""

import re
from dataclasses import dataclass, field

from app.extract.countries import CountryHit
from app.extract.exercises.article import Article
from app.extract.exercises.lexicon import Lexicon
from app.extract.exercises.patterns import CLOSE_QUOTES, OPEN_QUOTES, YEAR

_ROMAN = re.compile(r"^[IVXLC]{2,7}$")
_JOINING_WORDS = {"of", "of the", "for", "and", "the", "de", "del", "la"}


@dataclass(slots=True)
class Candidate:
    name: str  # display form, without the year ('Iron Heron' for 'IRON HERON-2019')
    start: int  # offsets of the name in the text
    end: int
    year: int | None
    aliases: list[str] = field(default_factory=list)  # '(NORLAN)', 'also known as X'


@dataclass(frozen=True, slots=True)
class _Sighting:
    """A capitalised name in the text and what stands around it on its line."""

    match: re.Match[str]  # of Lexicon.name_year
    name: str  # cleaned by clean_name
    prefixed: bool  # written 'Exercise X'
    start: int
    end: int
    year: int | None  # written after the name or after its bracketed alias
    aliases: list[str]
    before: str  # up to 80 characters before the match, from its line
    after: str  # up to 160 characters after it, past a closing quote and a bracketed alias
    quoted: bool


def year_value(raw: str | None) -> int | None:
    """'2019' -> 2019, '19' -> 2019; None for two digits past 35 ('Foo-97' is an edition)."""
    if raw is None:
        return None
    if len(raw) == 4:
        return int(raw)
    value = int(raw)
    return 2000 + value if value <= 35 else None


def is_all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def display_form(name: str) -> str:
    """'IRON HERON' -> 'Iron Heron'; one-word acronyms ('ORCA') stay as written."""
    if " " in name and is_all_caps(name):
        return " ".join(word.capitalize() for word in name.split())
    return name


def clean_name(name: str, lex: Lexicon, dated: bool = False) -> tuple[str | None, bool]:
    """Strip articles, 'Exercise' and trailing kind words; None when nothing name-like is left.

    The flag says whether an 'Exercise' prefix was stripped; `dated` (a year follows) lets
    place words ('Pacific Ocean-2021') and modifiers ('Joint Warrior 2019') stand.
    """
    words = _before_headline_verb(name.split(), lex)
    prefixed = False
    while words and (words[0] in lex.leading_stopwords or words[0] in lex.name_prefixes):
        prefixed = prefixed or words[0].lower().startswith("exercise")
        words = words[1:]
    words = _without_part(words, lex)
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
        while words and words[-1] in _JOINING_WORDS:
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
        or (all(_is_modifier(word, lex) for word in words) and not (dated and len(words) > 1))
        or (words[0] in lex.season_words and all(_is_modifier(w, lex) for w in words[1:]))
        or (len(cleaned) < 2)
    ):
        return None, prefixed
    return cleaned, prefixed


def _is_modifier(word: str, lex: Lexicon) -> bool:
    """'joint', or a hyphenated word of modifiers ('Flight-Tactical')."""
    return word.lower() in lex.modifiers or all(
        part in lex.modifiers for part in word.lower().split("-")
    )


def _before_headline_verb(words: list[str], lex: Lexicon) -> list[str]:
    """The words before a headline's verb ('Noble Partner' of 'Noble Partner Opens')."""
    for i, word in enumerate(words):
        if word in lex.headline_verbs:
            return words[:i]
    return words


def _without_part(words: list[str], lex: Lexicon) -> list[str]:
    """'Tradewinds' of 'Phase I of Tradewinds': a phase of an exercise is the exercise."""
    numbered = len(words) > 3 and (
        _ROMAN.match(words[1]) or words[1] in ("I", "V", "X") or words[1].isdigit()
    )
    if numbered and words[0] in lex.part_words and words[2] == "of":
        return words[3:]
    return words


def find_candidates(article: Article) -> list[Candidate]:
    """Every name the text ties to an exercise, in text order (the same name may recur)."""
    text, lex = article.text, article.lexicon
    if not lex.exercise_word.search(text):
        return []
    military_article = bool(lex.military_context.search(text))
    sentence_starts = {
        start + len(text[start:end]) - len(text[start:end].lstrip(" \t\"“‘'(«"))
        for start, end in article.spans
    }
    found: list[Candidate] = []
    for match in lex.name_year.finditer(text):
        sighting = _sighting(article, match)
        if sighting is None or not _tied_to_exercise(article, sighting, military_article):
            continue
        if _capital_for_sentence_start(text, sighting, sentence_starts):
            continue  # 'Whatever manoeuvre ...': a capital only because the sentence starts
        year = sighting.year
        prefix_year = re.search(r"\b((?:19|20)\d{2})\s+$", sighting.before)
        if year is None and prefix_year and lex.follow_exercise.match(sighting.after):
            year = int(prefix_year.group(1))  # 'the 2019 Foo exercise'
        name = display_form(sighting.name)
        found.append(Candidate(name, sighting.start, sighting.end, year, sighting.aliases))
    return found


def _sighting(article: Article, match: re.Match[str]) -> _Sighting | None:
    """The cleaned name of a match and its surroundings; None when it cannot be an exercise."""
    text, lex = article.text, article.lexicon
    raw_name = match.group("name")
    name, prefixed = clean_name(raw_name, lex, dated=match.group("year") is not None)
    if name is None or (is_all_caps(name) and " " not in name and len(name) < 3):
        return None
    if all(word in lex.region_adjectives for word in name.split()):
        return None  # 'the East African maritime exercise': a region, not a name
    start = match.start() + max(raw_name.find(name.split()[0]), 0)
    end = start + len(name)
    if text[match.end("name") : match.end("name") + 2] in ("’s", "'s"):
        return None
    if _inside_country(start, end, article.countries):
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start : (line_end if line_end != -1 else len(text))]
    before = text[max(line_start, match.start() - 80) : match.start()]
    after = line[match.end() - line_start :][:160]
    quoted = bool(before.rstrip(" ")[-1:] and before.rstrip(" ")[-1] in OPEN_QUOTES) and (
        after[:1] in CLOSE_QUOTES
    )
    if not quoted and not any(char.islower() for char in line):
        return None  # an all-capitals headline: every word looks like a name
    year = year_value(match.group("year"))  # None for edition numbers ("Foo-97")
    aliases, year, after = _aliases(name, after[1:] if quoted else after, year, lex)
    return _Sighting(match, name, prefixed, start, end, year, aliases, before, after, quoted)


def _aliases(
    name: str, after: str, year: int | None, lex: Lexicon
) -> tuple[list[str], int | None, str]:
    """Aliases after the name ('(NORLAN) 2019', ', also known as X'), the year, what follows.

    A year in or after the brackets counts when the name had none; what follows starts past
    the brackets.
    """
    aliases: list[str] = []
    paren = lex.paren_alias.match(after)
    if paren:
        alias, _ = clean_name(paren.group("alias"), lex)
        if alias:
            aliases.append(alias)
        year = year or year_value(paren.group("year"))
        after = after[paren.end() :]
        trailing_year = re.match(YEAR, after)
        if trailing_year:
            year = year or year_value(trailing_year.group("year"))
            after = after[trailing_year.end() :]
    link = lex.alias_after.match(after)
    if link:
        alias, _ = clean_name(link.group("alias"), lex)
        if alias and (is_all_caps(alias) or " " in name):
            aliases.append(alias)
    return aliases, year, after


def _tied_to_exercise(article: Article, sighting: _Sighting, military_article: bool) -> bool:
    """An exercise word before or after the name, or for a name not quoted, a weaker tie."""
    lex, before, after, match = article.lexicon, sighting.before, sighting.after, sighting.match
    follows = bool(lex.follow_exercise.match(after))
    reported = lex.reporting_verb_after.match(after)
    precedes = (bool(lex.before_exercise.search(before)) and not reported) or sighting.prefixed
    if sighting.quoted:
        return follows or precedes
    next_is_capital = bool(re.match(r"\s+[A-Z]", after))
    two_digit = match.group("year") is not None and len(match.group("year")) == 2
    dated = sighting.year is not None and not next_is_capital and military_article
    if two_digit and not (follows or precedes):
        # 'Foo 24' only for acronyms and 'MD-11' never: those are models, not years.
        hyphenated = "-" in match.group(0)[len(match.group("name")) :]
        dated = dated and is_all_caps(sighting.name) and not hyphenated
    in_exercise_sentence = bool(
        lex.exercise_word.search(article.sentence(article.sentence_of(match.start())))
    )
    return (
        follows
        or precedes
        or bool(lex.copula_exercise.match(after))
        or (bool(lex.appositive_exercise.match(after)) and military_article)
        or (bool(lex.naming_before.search(before)) and in_exercise_sentence)
        or bool(lex.participation_before.search(before))
        or dated
    )


def _capital_for_sentence_start(text: str, sighting: _Sighting, sentence_starts: set[int]) -> bool:
    """A lone title-case word opening a sentence, undated and never written mid-sentence."""
    name = sighting.name
    if (
        sighting.start not in sentence_starts
        or sighting.year is not None
        or sighting.quoted
        or " " in name
        or is_all_caps(name)
    ):
        return False
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])")
    return not any(match.start() not in sentence_starts for match in pattern.finditer(text))


def _inside_country(start: int, end: int, countries: list[CountryHit]) -> bool:
    return any(hit.start < end and start < hit.end for hit in countries)
