"""Invented articles for the crash, concurrency and soak runs, and the .jsonl files of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_FIRST = ["Arlen", "Dana", "Marat", "Olga", "Timur", "Saule", "Bolat", "Aigerim"]
_LAST = ["Tokarev", "Sagynova", "Beketov", "Nurlanova", "Ospanov", "Zhumabek", "Kairat", "Temir"]
_COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Mongolia", "Turkey", "India", "France"]
_EXERCISES = ["Steppe Falcon", "Silver Bridge", "Northern Shield", "Blue Horizon"]


def make_articles(count: int) -> list[dict[str, Any]]:
    """`count` invented articles; people, countries and exercises recur across them, so that
    storing them touches the shared rows (actors, exercises) that concurrent ingests contend for.
    """
    articles = []
    for i in range(count):
        person = i // 2  # each person in two consecutive articles
        first, last = _FIRST[person % 8], _LAST[(person // 8 + person) % 8]
        home, guest = _COUNTRIES[i % len(_COUNTRIES)], _COUNTRIES[(i + 3) % len(_COUNTRIES)]
        exercise = _EXERCISES[i % len(_EXERCISES)]
        body = (
            f"Defence Minister {first} {last} of {home} said on day {i} of the talks that the "
            f"{exercise} exercise would begin next month with troops from {guest}.\n\n"
            f'"We are ready to host our partners from {guest}," {last} told reporters. '
            f"Officials from {guest} said the {exercise} drills would last two weeks.\n\n"
            f"Report number {i} closes with a note on the weather in {home}."
        )
        articles.append(
            {
                "id": f"robust-{i}",
                "title": f"{home} prepares {exercise} exercise ({i})",
                "body": body,
                "published_at": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            }
        )
    return articles


def write_jsonl(path: Path, articles: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path
