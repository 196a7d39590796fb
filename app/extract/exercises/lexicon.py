"""The exercise word lists of app/extract/data/exercises.json, compiled once into patterns.

Most patterns share one of a few shapes (a word anywhere, a cue right before a country, ...):
the tables below name, for each shape, which field is built from which list of the data file.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.extract.exercises.patterns import (
    alternation,
    date_patterns,
    name_patterns,
    role_patterns,
)

DATA_FILE = Path(__file__).parent.parent / "data" / "exercises.json"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list and pattern the exercise stages match against, by stage.

    The "before" patterns end at `$`: they are searched in the text just before a name or a
    country; most "after" patterns are matched where the text right after it starts.
    """

    # names
    exercise_word: re.Pattern[str]  # 'exercise', 'drills', 'war games' anywhere
    follow_exercise: re.Pattern[str]  # after a name: ' 2019 joint naval exercise'
    copula_exercise: re.Pattern[str]  # after a name: ' is an annual exercise'
    before_exercise: re.Pattern[str]  # 'the drills, codenamed' before a name
    naming_before: re.Pattern[str]  # 'called', 'dubbed' before a name
    participation_before: re.Pattern[str]  # 'took part in' before a name
    alias_after: re.Pattern[str]  # ', also known as X': group "alias"
    reporting_verb_after: re.Pattern[str]  # ' said' after a name: a speaker, not the exercise
    military_context: re.Pattern[str]  # the article is about armed forces at all
    name_year: re.Pattern[str]  # a capitalised name, then perhaps a year: groups "name", "year"
    paren_alias: re.Pattern[str]  # ' (ALIAS 2019)' right after a name
    name_prefixes: frozenset[str]  # 'Exercise', 'Operation': cut from the front
    leading_stopwords: frozenset[str]  # 'The', 'This': cut from the front
    trailing_strip: frozenset[str]  # 'joint', 'drills' (lower case): cut from the end
    modifiers: frozenset[str]  # 'joint', 'naval' (lower case): a name of only these is none
    org_acronyms: frozenset[str]  # 'NATO': never in an exercise's name
    not_names: frozenset[str]  # capitalised words that are never a name alone
    non_exercise_heads: frozenset[str]  # a name ending 'Programme' is something else
    place_heads: frozenset[str]  # a name ending 'Sea' is a place unless a year follows
    season_words: frozenset[str]  # 'Spring': opens a name only with more words ('Spring Storm')
    headline_verbs: frozenset[str]  # 'Opens': a headline's verb ends a name before it
    part_words: frozenset[str]  # 'Phase': 'Phase I of X' is a part of X
    region_adjectives: frozenset[str]  # 'East African': a name of only these is a region
    appositive_exercise: re.Pattern[str]  # after a name: ', a multinational ... competition'
    # kind and frequency
    kinds: list[tuple[re.Pattern[str], str]]  # ('peace-keeping', 'peacekeeping'), in order
    topic_kinds: re.Pattern[str]  # a kind anywhere in a sentence about it (the fallback)
    frequencies: list[tuple[re.Pattern[str], str]]  # ('every two years', 'biennial')
    # dates
    months: dict[str, int]  # 'September' and 'Sept' -> 9
    weekdays: frozenset[str]
    date: re.Pattern[str]  # groups m1-m4 (month), d1/d2 (day), y1-y3 (year)
    month_name: re.Pattern[str]
    end_date_cue: re.Pattern[str]  # 'until' before a date: the day it ends
    announcement_cue: re.Pattern[str]  # 'announced' before a date: not the exercise's date
    dateline_cue: re.Pattern[str]  # 'Published:' before the story's own date
    date_barrier: re.Pattern[str]  # 'since', 'after' between a date and the exercise
    min_day_for_end_date_month: int  # an end date this late in a month dates the exercise
    # host
    host_phrase: re.Pattern[str]  # 'hosted by (the)' before a country
    host_verb_after: re.Pattern[str]  # ' will host', ' co-hosted' after a country
    launch_verb_after: re.Pattern[str]  # ' is hosting', ' launched' after one country
    territory_phrase: re.Pattern[str]  # 'on the territory of' before a country
    host_context_words: frozenset[str]  # 'held' a few words before 'in X': X is the venue
    direction_words: frozenset[str]  # 'northern' in 'in northern X'
    # participants and their roles
    local_units: re.Pattern[str]  # 'local troops': the host sends units
    unit_nouns: frozenset[str]  # 'troops' after a country (lower case)
    representative_nouns: frozenset[str]  # 'observers' after a country (lower case)
    units_before: re.Pattern[str]  # 'soldiers of', 'troops from' before a country
    representatives_before: re.Pattern[str]  # 'observers' before a country
    participant_before: re.Pattern[str]  # 'participating nations', 'between'
    participant_after: re.Pattern[str]  # 'took part', 'will participate' after a list
    representatives_after: re.Pattern[str]  # 'sent observers' after a list
    context_gated: frozenset[str]  # cues ('include') that count only after an exercise word
    cue_gate: re.Pattern[str]  # the exercise words that open such a cue
    clause_barrier: re.Pattern[str]  # 'which', 'who': a cue does not reach across these
    negation: re.Pattern[str]  # 'refused', 'not': the sentence gives no role
    list_gap: re.Pattern[str]  # what may stand between two countries of one list
    place_preposition: re.Pattern[str]  # 'in (the)', 'to' before a country: a place
    with_units: re.Pattern[str]  # 'with a battalion' after 'took part'
    sends_units: re.Pattern[str]  # 'deployed maritime and coast guard units' after a list
    inheriting_cue: re.Pattern[str]  # 'including' keeps the role of the cue before it
    launch_after_list: re.Pattern[str]  # 'kicked off' (their drills) after a list
    counted_group: re.Pattern[str]  # 'nine countries', 'two other nations'
    non_unit_followers: frozenset[str]  # 'Day' in 'Army Day': not troops
    exercise_with: re.Pattern[str]  # 'drills together with' before a country
    person_titles: frozenset[str]  # 'U.S. Ambassador', 'Minister of X': a person, no role
    stop_words: frozenset[str]  # words that end the noun phrase read after a country


def _anywhere(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words)})\b", re.I)


def _ending(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words)})\s*$", re.I)


def _before_country(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words)})\s+(?:the\s+)?$", re.I)


def _as_written(words: list[str]) -> frozenset[str]:
    return frozenset(words)


def _lowered(words: list[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _phrase_values(pairs: list[list[str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b{re.escape(phrase)}\b", re.I), value) for phrase, value in pairs]


# For each shape, lexicon field -> the list of the data file it is built from.
_SHAPES: list[tuple[Callable[[Any], Any], dict[str, str]]] = [
    (
        _anywhere,
        {
            "exercise_word": "exercise_words",
            "military_context": "military_context_words",
            "topic_kinds": "topic_kinds",
            "date_barrier": "date_barriers",
            "local_units": "local_units",
            "representatives_before": "representative_nouns",
            "participant_before": "participant_cues",
            "participant_after": "participant_cues_after",
            "representatives_after": "representative_cues_after",
            "cue_gate": "cue_gate_words",
            "clause_barrier": "clause_barriers",
        },
    ),
    (_ending, {"end_date_cue": "end_date_cues", "announcement_cue": "announcement_cues"}),
    (
        _before_country,
        {
            "host_phrase": "host_phrases",
            "territory_phrase": "territory_phrases",
            "place_preposition": "place_prepositions",
        },
    ),
    (
        _as_written,
        {
            "name_prefixes": "name_prefixes",
            "leading_stopwords": "leading_stopwords",
            "org_acronyms": "org_acronyms",
            "not_names": "not_names",
            "non_exercise_heads": "non_exercise_heads",
            "place_heads": "place_heads",
            "season_words": "season_words",
            "headline_verbs": "headline_verbs",
            "part_words": "part_words",
            "region_adjectives": "region_adjectives",
            "weekdays": "weekdays",
            "host_context_words": "host_context_words",
            "direction_words": "direction_words",
            "non_unit_followers": "non_unit_followers",
            "person_titles": "person_titles",
            "stop_words": "noun_window_stop_words",
        },
    ),
    (
        _lowered,
        {
            "trailing_strip": "trailing_strip",
            "modifiers": "modifiers",
            "unit_nouns": "unit_nouns",
            "representative_nouns": "representative_nouns",
            "context_gated": "context_gated_cues",
        },
    ),
    (_phrase_values, {"kinds": "kinds", "frequencies": "frequencies"}),
]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists and patterns, read from DATA_FILE once per process."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    fields: dict[str, Any] = {
        name: build(data[key]) for build, table in _SHAPES for name, key in table.items()
    }
    fields |= name_patterns(data) | date_patterns(data) | role_patterns(data)
    return Lexicon(**fields)
