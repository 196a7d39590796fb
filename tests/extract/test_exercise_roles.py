"""Participants by role from the sentence around a list of countries, on invented sentences."""

from app.extract.countries import find_countries
from app.extract.exercises import extract_exercises


def roles(text: str) -> set[tuple[str, str]]:
    [exercise] = extract_exercises(text, find_countries(text))
    return {(p.country, p.role) for p in exercise.participants}


def test_countries_that_deployed_units_send_units() -> None:
    text = (
        "The Amber Falcon exercise began on Monday. The partner nations, Jamaica, Belize, and "
        "Trinidad and Tobago, deployed maritime, national police, and coast guard units to take "
        "part in the training events."
    )
    assert roles(text) == {("JM", "units"), ("BZ", "units"), ("TT", "units")}


def test_a_list_followed_by_sent_troops_sends_units() -> None:
    text = "Chile and Peru have sent 300 troops to the Amber Falcon exercise."
    assert roles(text) == {("CL", "units"), ("PE", "units")}


def test_speculation_about_a_country_gives_it_no_role() -> None:
    text = (
        "Chile sent troops to the Amber Falcon exercise. There is speculation that a French "
        "aircraft carrier may deploy to take part in the exercise."
    )
    assert roles(text) == {("CL", "units")}


def test_a_navy_named_as_a_persons_affiliation_sends_no_units() -> None:
    text = (
        "Planners met for the Amber Falcon exercise, said Rear Adm. Kofi Mensah, Ghana navy "
        "chief of staff. Peru sent ships to the exercise."
    )
    assert roles(text) == {("PE", "units")}


def test_a_country_travelled_to_is_no_participant() -> None:
    text = "Belarusian paratroopers flew to Russia to take part in the Amber Falcon drills."
    assert ("RU", "participant") not in roles(text)
    assert ("BY", "units") in roles(text)
