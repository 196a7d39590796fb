"""Word lists the extractors share, read once from the JSON files in `app/extract/data/`."""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True, slots=True)
class Lexicon:
    direct_verbs: frozenset[str]
    always_cues: frozenset[str]
    indirect_verbs: frozenset[str]
    indirect_needs_person: frozenset[str]
    tail_verbs: frozenset[str]
    cue_forms: frozenset[str]  # every inflected form of the speech verbs, lower case
    person_pronouns: dict[str, str]
    plural_pronouns: frozenset[str]
    unnamed_heads: frozenset[str]
    source_nouns: frozenset[str]
    not_said_governors: frozenset[str]
    unnamed_determiners: frozenset[str]
    role_nouns: frozenset[str]
    honorifics: frozenset[str]
    ranks: frozenset[str]
    rank_titles: frozenset[str]
    generic_roles: frozenset[str]  # 'leader': a role that says less than a rank
    caption_positions: tuple[str, ...]  # 'right' in 'John Doe, right, the spokesman'
    title_determiners: frozenset[str]  # 'the', 'its': a title after a verb opens with one
    name_suffixes: frozenset[str]
    name_particles: frozenset[str]
    family_names_first: frozenset[str]
    role_synonyms: dict[str, list[str]]
    female_honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    party_labels: tuple[tuple[str, ...], ...]  # word sequences, longest first
    org_aliases: dict[str, list[str]]
    org_heads: frozenset[str]
    speaking_org_heads: frozenset[str]
    generic_short_forms: frozenset[str]
    not_actor_after: frozenset[str]
    not_actor_before: frozenset[str]
    not_actor_words: frozenset[str]
    drop_line: tuple[re.Pattern[str], ...]
    translated_from: re.Pattern[str]
    agency: tuple[re.Pattern[str], ...]


@lru_cache
def get_lexicon() -> Lexicon:
    speech = _load("speech.json")
    titles = _load("titles.json")
    orgs = _load("organizations.json")
    boiler = _load("boilerplate.json")

    def low(items: list[str]) -> frozenset[str]:
        return frozenset(i.lower() for i in items)

    return Lexicon(
        direct_verbs=low(speech["direct_verbs"]),
        always_cues=low(speech["always_cues"]),
        indirect_verbs=low(speech["indirect_verbs"]),
        indirect_needs_person=low(speech["indirect_needs_person"]),
        tail_verbs=low(speech["tail_verbs"]),
        cue_forms=_cue_forms(speech),
        person_pronouns=dict(speech["person_pronouns"]),
        plural_pronouns=low(speech["plural_pronouns"]),
        unnamed_heads=low(speech["unnamed_heads"]),
        source_nouns=low(speech["source_nouns"]),
        not_said_governors=low(speech["not_said_governors"]),
        unnamed_determiners=low(speech["unnamed_determiners"]),
        role_nouns=low(titles["role_nouns"]),
        honorifics=low(titles["honorifics"]),
        ranks=low(titles["ranks"]),
        rank_titles=low(titles["rank_titles"]),
        generic_roles=low(titles["generic_roles"]),
        caption_positions=tuple(p.lower() for p in titles["caption_positions"]),
        title_determiners=low(titles["title_determiners"]),
        name_suffixes=low(titles["name_suffixes"]),
        name_particles=low(titles["name_particles"]),
        family_names_first=low(titles["family_names_first"]),
        role_synonyms={k.lower(): v for k, v in titles["role_synonyms"].items()},
        female_honorifics=low(titles["female_honorifics"]),
        male_honorifics=low(titles["male_honorifics"]),
        party_labels=tuple(
            sorted((tuple(p.lower().split()) for p in titles["party_labels"]), key=len)[::-1]
        ),
        org_aliases=dict(orgs["aliases"]),
        org_heads=low(orgs["org_heads"]),
        speaking_org_heads=low(orgs["speaking_org_heads"]),
        generic_short_forms=low(orgs["generic_short_forms"]),
        not_actor_after=low(orgs["not_actor_after"]),
        not_actor_before=low(orgs["not_actor_before"]),
        not_actor_words=low(orgs["not_actor_words"]),
        drop_line=tuple(re.compile(p, re.IGNORECASE) for p in boiler["drop_line"]),
        translated_from=re.compile(boiler["translated_from"], re.IGNORECASE),
        agency=tuple(re.compile(p) for p in boiler["agency"]),
    )


def _cue_forms(speech: dict[str, Any]) -> frozenset[str]:
    """Surface forms of the speech verbs: the regular inflections made by rule (a few more than
    English has, which costs nothing) and the irregular ones from the data."""
    keys = ("direct_verbs", "indirect_verbs", "indirect_needs_person", "tail_verbs")
    verbs = {v.lower() for key in keys for v in speech[key]}
    forms = {c.lower() for c in speech["always_cues"]}
    for verb in verbs:
        forms |= {verb, verb + "s", verb + "es", verb + "d", verb + "ed", verb + "ing"}
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # admitted, summing
        if verb.endswith("e"):
            forms.add(verb[:-1] + "ing")
        if verb.endswith("y"):
            forms |= {verb[:-1] + "ied", verb[:-1] + "ies"}
        forms.update(f.lower() for f in speech["irregular_forms"].get(verb, []))
    return frozenset(forms)
