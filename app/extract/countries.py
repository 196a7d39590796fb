"""Countries named in text: names, official names, short forms and adjectives -> ISO alpha-2.

One trie-shaped regex over every alias (pycountry plus app/extract/data/countries.json) finds
the longest case-sensitive match at each position; a few context rules then drop person names
("Michael Jordan"), the all-caps pronoun "US" and places named after a country ("Gulf of X").
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

DATA_FILE = Path(__file__).parent / "data" / "countries.json"

# Plural demonyms ("Afghans") are derived unless the adjective already ends like a plural.
_NO_PLURAL_ENDINGS = ("s", "sh", "ch", "se", "x", "z", "men")
_WORD = re.compile(r"[\w.'’-]+")


@dataclass(frozen=True, slots=True)
class CountryHit:
    code: str  # ISO 3166-1 alpha-2
    start: int  # offsets into the text searched
    end: int
    surface: str  # the words as written ("U.S.", "Kazakh")
    adjective: bool = False  # a demonym/adjective ("Afghan") rather than a name


@dataclass(frozen=True, slots=True)
class _Alias:
    code: str | None  # None: a phrase that looks like a country but is not one ("New Mexico")
    adjective: bool


@dataclass(frozen=True, slots=True)
class _Matcher:
    pattern: re.Pattern[str]
    aliases: dict[str, _Alias]
    person_name_risk: frozenset[str]
    title_words: frozenset[str]
    function_words: frozenset[str]
    honorifics: frozenset[str]
    pronoun_risk: frozenset[str]
    pronoun_context: frozenset[str]
    geography_before: re.Pattern[str]
    geography_after: re.Pattern[str]


def _load_data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _pycountry_names() -> dict[str, list[str]]:
    """Usable names per code; 'Korea, Republic of' style inversions are left to our table."""
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        forms = []
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if not value or "," in value:
                continue
            value = re.sub(r"\s*\(.*\)$", "", value)
            value = re.sub(r"^the ", "", value)
            forms.append(value)
        names[country.alpha_2] = forms
    return names


def _plural(adjective: str) -> str | None:
    if adjective.endswith(_NO_PLURAL_ENDINGS) or " " in adjective:
        return None
    return adjective + "s"


def _build_aliases(data: dict[str, Any]) -> dict[str, _Alias]:
    excluded = set(data["excluded_codes"])
    aliases: dict[str, _Alias] = {}
    # Territories first, so their names are consumed without producing a country.
    for code, forms in _pycountry_names().items():
        for form in forms:
            aliases[form] = _Alias(None if code in excluded else code, False)
    for phrase in data["not_countries"]:
        aliases[phrase] = _Alias(None, False)
    for code, forms in data["names"].items():
        for form in forms:
            aliases[form] = _Alias(code, False)
    for code, forms in data["adjectives"].items():
        for form in forms:
            aliases.setdefault(form, _Alias(code, True))
            plural = _plural(form)
            if plural:
                aliases.setdefault(plural, _Alias(code, True))
    # Curly apostrophes are as common as straight ones in the corpora.
    for form, alias in list(aliases.items()):
        if "'" in form:
            aliases.setdefault(form.replace("'", "’"), alias)
    return aliases


def _trie_regex(words: list[str]) -> str:
    """A regex alternation shaped like a trie: Python's re does not optimise plain alternations."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy optional: the longer alias is tried first, the shorter one on backtracking.
        return "(?:" + body + ")?" if ends_here else body

    return render(trie)


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    data = _load_data()
    aliases = _build_aliases(data)
    body = _trie_regex(sorted(aliases))
    # A match may not start or end inside a word; an alias ending in "." needs no right boundary.
    pattern = re.compile(r"(?<![\w.])(?:" + body + r")(?:(?<=\.)|(?![\w]))")
    return _Matcher(
        pattern=pattern,
        aliases=aliases,
        person_name_risk=frozenset(data["person_name_risk"]),
        title_words=frozenset(data["title_words"]),
        function_words=frozenset(data["function_words"]),
        honorifics=frozenset(data["honorifics"]),
        pronoun_risk=frozenset(data["pronoun_risk"]),
        pronoun_context=frozenset(data["pronoun_context"]),
        geography_before=re.compile(
            r"\b(?:" + "|".join(data["geography_before"]) + r")\s+of\s+(?:the\s+)?$"
        ),
        geography_after=re.compile(r"\s+(?:" + "|".join(data["geography_after"]) + r")\b"),
    )


def _previous_word(text: str, start: int) -> tuple[str, str]:
    """The word before `start` and the characters between it and `start`."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    gap = text[i:start]
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in ".'’-"):
        j -= 1
    return text[j:i], gap


def _next_word(text: str, end: int) -> str:
    match = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return match.group(0) if match else ""


def _is_capitalised_name(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].replace("-", "").isalpha()


def _looks_like_person(text: str, start: int, end: int, matcher: _Matcher) -> bool:
    """'Michael Jordan', 'Mr Chad', 'Chad Smith': a given name or surname, not the country."""
    previous, gap = _previous_word(text, start)
    if previous in matcher.honorifics:
        return True
    if (
        gap == " "
        and _is_capitalised_name(previous)
        and previous not in matcher.function_words
        and previous not in matcher.title_words
        and previous not in matcher.aliases
        and not _sentence_start(text, start - len(previous) - 1)
    ):
        return True
    following = _next_word(text, end)
    return (
        _is_capitalised_name(following)
        and following not in matcher.title_words
        and following not in matcher.aliases
        and following not in matcher.function_words
    )


def _sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in " \t\"'“‘(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n:;"


def _is_pronoun(text: str, start: int, end: int, matcher: _Matcher) -> bool:
    """'LET US' in an all-caps headline is the pronoun, not the country."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if any(char.islower() for char in line):
        return False
    previous, _ = _previous_word(text, start)
    return previous in matcher.pronoun_context


def find_countries(text: str) -> list[CountryHit]:
    """Every country mention in `text`, in text order."""
    matcher = _matcher()
    hits: list[CountryHit] = []
    for match in matcher.pattern.finditer(text):
        surface = match.group(0)
        alias = matcher.aliases[surface]
        if alias.code is None:
            continue
        start, end = match.span()
        if surface in matcher.person_name_risk and _looks_like_person(text, start, end, matcher):
            continue
        if surface in matcher.pronoun_risk and _is_pronoun(text, start, end, matcher):
            continue
        if matcher.geography_before.search(text, max(0, start - 30), start) or (
            matcher.geography_after.match(text, end)
        ):
            continue  # 'Gulf of X', 'X Sea', 'X Peninsula': a place named after the country
        hits.append(CountryHit(alias.code, start, end, surface, alias.adjective))
    return hits
