"""Exercise names from how articles write them, and acronyms joined to their expansions.

Every sentence is invented; exercise names are made up.
"""

import pytest

from app.extract.countries import find_countries
from app.extract.exercises import extract_exercises
from app.extract.exercises.acronyms import acronyms_in, expansion_in, shortens
from app.extract.types import ExerciseMention


def exercises(text: str) -> list[ExerciseMention]:
    return extract_exercises(text, find_countries(text))


def names(text: str) -> list[str]:
    return [e.name for e in exercises(text)]


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        ("Troops began the Copper Heron drills near the border on Monday.", "Copper Heron", None),
        ("The army held Exercise Copper Heron with allied troops.", "Copper Heron", None),
        ("Sailors joined the COPPER HERON 2021 naval exercise.", "Copper Heron", 2021),
        ("Soldiers took part in the exercise Copper Heron-2019 last week.", "Copper Heron", 2019),
        ("Ships sailed for the opening of the KORVEX 24 maritime drills.", "KORVEX", 2024),
    ],
)
def test_a_name_is_read_from_how_it_is_written(text: str, name: str, year: int | None) -> None:
    found = exercises(text)
    assert [(e.name, e.year) for e in found] == [(name, year)]


def test_a_headline_verb_ends_the_name_and_leaves_no_fragment_alias() -> None:
    text = "Exercise Amber Falcon Opens in the Capital\n\nArmy troops joined Amber Falcon drills."
    assert [(e.name, e.aliases) for e in exercises(text)] == [("Amber Falcon", [])]
    assert names("Exercise Kicks Off\n\nThe Amber Falcon exercise began.") == ["Amber Falcon"]


def test_a_phase_of_an_exercise_is_the_exercise() -> None:
    text = "Troops kicked off Phase I of Amber Falcon 2014. The Amber Falcon exercise runs a week."
    assert names(text) == ["Amber Falcon"]


def test_a_region_adjective_before_an_exercise_word_is_no_name() -> None:
    text = "Navies marked the start of the East African maritime exercise Amber Falcon 2024."
    assert names(text) == ["Amber Falcon"]


def test_a_season_opens_a_name_with_more_words_only() -> None:
    assert names("The army’s annual “Spring Lynx” exercise is set to begin.") == ["Spring Lynx"]
    assert names("Troops held the Spring Joint exercise near the border.") == []


def test_a_name_of_hyphenated_modifiers_is_no_name() -> None:
    text = "Army pilots opened the Joint Flight-Tactical Exercises near the base."
    assert names(text) == []


def test_an_apposition_of_modifiers_and_a_competition_in_a_military_article() -> None:
    text = (
        "About 100 soldiers gathered as Lobo Fuerte, a multinational special operations "
        "competition, began its tenth iteration. The exercise promotes cooperation."
    )
    assert names(text) == ["Lobo Fuerte"]
    text = "Fans cheered as Lobo Fuerte, a regional football competition, began. No exercise."
    assert names(text) == []


def test_an_acronym_and_its_expansion_are_one_exercise_with_an_alias() -> None:
    text = (
        "The Rim of the Arctic exercise, better known as RIMARC, is held every two years. "
        "Navies sent ships to RIMARC 2024."
    )
    [exercise] = exercises(text)
    assert {exercise.name, *exercise.aliases} == {"RIMARC", "Rim of the Arctic"}


def test_an_expansion_ending_in_exercise_is_found_for_an_acronym() -> None:
    text = (
        "The Navy-led Northern Maritime Exercise concluded this week. More than 50 countries "
        "took part in NMX this year, bringing 7,000 people into the exercise."
    )
    [exercise] = exercises(text)
    assert exercise.name == "NMX"
    assert exercise.aliases == ["Northern Maritime Exercise"]


def test_acronyms_are_made_of_the_starts_of_the_words() -> None:
    assert shortens("RIMARC", "Rim of the Arctic")
    assert shortens("BALTEX", "Baltic Exercise")
    assert shortens("NORTOPS", "Northern Operations")
    assert shortens("CATAR", "Cooperation Afloat Training and Readiness")
    assert not shortens("RIMARC", "Rim of the Atlantic")
    assert not shortens("RA", "Rim of the Arctic")  # too short to tell
    assert not shortens("ARC", "of the Arctic")


def test_acronyms_and_expansions_are_found_in_text() -> None:
    text = "Ships of the NMX left. The Navy-led Northern Maritime Exercise ended in NATO waters."
    assert acronyms_in(text) == ["NMX", "NATO"]
    assert expansion_in(text, "NMX") == "Northern Maritime Exercise"
    assert expansion_in(text, "XYZ") is None
