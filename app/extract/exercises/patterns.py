"""The exercise stages' compiled patterns beyond plain word lists: how a name, a date and a
country's part in an exercise are written, built from the lists of exercises.json."""

import re
from typing import Any

# A capitalised word, but not a title-case exercise word ("... Naval Drills In ...").
_CAP = (
    r"(?!(?:Exercises?|EXERCISES?|Drills?|DRILLS?|Manoeuvres|Maneuvers|Wargames?|War[ ]Games)\b)"
    r"[A-Z][\w]*(?:-[A-Z][\w]*)*"
)
NAME = rf"{_CAP}(?:(?:[ ]+(?:of|of[ ]the|for|and|de|del|la)[ ]+|[ ]+){_CAP}){{0,5}}"
YEAR = r"(?:[ ]?[-–—][ ]?|[ ])(?:(?P<edition>\d{1,3})-)?(?P<year>(?:19|20)\d{2}|\d{2})(?![\w-])"
OPEN_QUOTES = "‘'“\"«„"
CLOSE_QUOTES = "’'”\"»“"


def alternation(phrases: list[str]) -> str:
    """Longest phrase first, so 'war games' is tried before 'war'; a space matches any spacing."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def name_patterns(data: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """How the text around a capitalised name ties it to an exercise word."""
    exw = alternation(data["exercise_words"])
    mods = alternation(data["modifiers"])
    naming = alternation(data["naming_words"])
    reporting = alternation(data["announcement_cues"] + ["announces", "reports"])
    return {
        "follow_exercise": re.compile(
            rf"\s*(?:\d+(?:-\d+)?\s+)?(?:,\s*(?:a|an|the)\s+)?"
            rf"(?:(?:\d+(?:st|nd|rd|th)\s+)?(?:{mods})[\s-]+){{0,6}}"
            rf"(?:{exw})\b(?!\s+(?:{alternation(data['exercise_verb_objects'])})\b)",
            re.I,
        ),
        "copula_exercise": re.compile(
            rf"\s*(?:is|was|will\s+be|has\s+been|remains)\s+(?:a|an|the)\s+"
            rf"(?:[\w’'-]+\s+){{0,6}}?(?:{exw})\b",
            re.I,
        ),
        "appositive_exercise": re.compile(
            rf"\s*,\s*(?:a|an|the)\s+(?:(?:{mods})[\s-]+){{1,6}}"
            rf"(?:{alternation(data['apposition_heads'])})\b",
            re.I,
        ),
        "before_exercise": re.compile(
            rf"\b(?:{exw})(?:,?\s+(?:{naming}),?)?\s*[{OPEN_QUOTES}]?\s*$", re.I
        ),
        "naming_before": re.compile(rf"\b(?:{naming})\s*[{OPEN_QUOTES}]?\s*$", re.I),
        "participation_before": re.compile(
            rf"\b(?:{alternation(data['participation_phrases'])})\s+$", re.I
        ),
        "alias_after": re.compile(
            rf"(?:\s+(?:{exw}))?,?\s+(?:{alternation(data['alias_links'])})\s+"
            rf"[{OPEN_QUOTES}]?(?P<alias>{NAME})"
        ),
        "reporting_verb_after": re.compile(rf"\s+(?:{reporting})\b"),
        "name_year": re.compile(rf"(?<![\w.-])(?<!\w['’])(?P<name>{NAME})(?:{YEAR})?"),
        "paren_alias": re.compile(rf"\s*\(\s*(?P<alias>{NAME})(?:{YEAR})?\s*\)"),
    }


def date_patterns(data: dict[str, Any]) -> dict[str, Any]:
    """Dates ('Sept. 24', '3 May 2019', 'May 2019', 'in October') and the month names."""
    month_names = alternation(list(data["months"]))
    full_months = alternation([m for m in data["months"] if len(m) > 4 or m == "May"])
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d{2}"
    return {
        "months": data["months"],
        "date": re.compile(
            rf"\b(?:(?P<m1>{month_names})\.?\s+(?P<d1>{day})(?:\s*[-–]\s*{day})?"
            rf"(?:,?\s+(?P<y1>{year}))?"
            rf"|(?P<d2>{day})\s+(?P<m2>{month_names})\.?(?:,?\s+(?P<y2>{year}))?"
            rf"|(?P<m3>{month_names})\.?,?\s+(?P<y3>{year})"
            rf"|\bin\s+(?P<m4>{full_months}))\b(?![ ]?\d)"
        ),
        "month_name": re.compile(rf"\b(?:{month_names})\b"),
        "dateline_cue": re.compile(rf"(?:{alternation(data['dateline_cues'])})\s*$", re.I),
        "min_day_for_end_date_month": int(data["min_day_for_end_date_month"]),
    }


def role_patterns(data: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Hosting verbs, and the words that give a listed country its part in the exercise."""
    exw = alternation(data["exercise_words"])
    units = alternation(data["unit_nouns"] + ["armed forces"])
    return {
        "host_verb_after": re.compile(
            r"^(?:’s|'s)?\s+(?:has\s+|had\s+|have\s+|will\s+|is\s+|are\s+|as\s+(?:the\s+)?)?"
            r"(?:co-?hosted|co-?hosts?|hosts?|hosted|hosting)\b",
            re.I,
        ),
        "launch_verb_after": re.compile(
            rf"^\s+(?:{alternation(data['host_verbs_after_country'])})\b", re.I
        ),
        "units_before": re.compile(
            rf"\b(?:{units})\b(?:\s+[\w’'-]+){{0,2}}?\s+(?:of|from)\b", re.I
        ),
        "sends_units": re.compile(
            rf"[\s,]*(?:(?:have|has|had|will|also|each)\s+)*"
            rf"(?:{alternation(data['deploy_verbs'])})\s+(?:[\w,’'-]+\s+){{0,8}}?(?:{units})\b",
            re.I,
        ),
        "with_units": re.compile(rf"\bwith\s+(?:[\w,-]+\s+){{0,3}}?(?:{units})\b", re.I),
        "exercise_with": re.compile(rf"\b(?:{exw})\s+(?:together\s+)?with\b", re.I),
        "negation": re.compile(rf"(?:\b(?:{alternation(data['negations'])})\b|n't\b)", re.I),
        "list_gap": re.compile(
            rf"^(?:’s|'s)?(?:[-–/]|\s*[,;]?\s*(?:(?:{alternation(data['list_joiners'])})\s+)*)$"
        ),
        "inheriting_cue": re.compile(r"\b(?:including|include|includes)\s*$", re.I),
        "launch_after_list": re.compile(
            rf"^(?:(?:have|has|had|will|jointly|also|on \w+)\s+)*"
            rf"(?:{alternation(data['launch_verbs_after_list'])})\b",
            re.I,
        ),
        "counted_group": re.compile(
            rf"\b(?:\d[\d,]*|{alternation(data['number_words'])})\s+(?:other\s+)?"
            rf"(?:{alternation(data['count_nouns'])})\b",
            re.I,
        ),
    }
