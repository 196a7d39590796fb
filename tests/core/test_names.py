"""Person-name compatibility used to merge one person's mentions across articles."""

import pytest

from app.core.names import PersonName, surname_key


def _compatible(a: str, b: str) -> bool:
    left, right = PersonName.parse(a), PersonName.parse(b)
    assert left.compatible(right) == right.compatible(left), "compatibility is symmetric"
    return left.compatible(right)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jack Straw", "Jack Straw"),
        ("Jack Straw", "J. Straw"),
        ("Jack Straw", "Straw"),
        ("George W. Bush", "George Bush"),
        ("George Walker Bush", "George W. Bush"),
        ("Jaap de Hoop Scheffer", "de Hoop Scheffer"),
        ("Jaap de Hoop Scheffer", "Scheffer"),
        ("José Manuel Barroso", "Jose Manuel BARROSO"),
    ],
)
def test_compatible_names(a: str, b: str) -> None:
    assert _compatible(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hillary Clinton", "Bill Clinton"),
        ("George H. W. Bush", "George W. Bush"),
        ("Jack Straw", "Jack Strawson"),
        ("J. Straw", "K. Straw"),
        ("Ed Miliband", "David Miliband"),
    ],
)
def test_incompatible_names(a: str, b: str) -> None:
    assert not _compatible(a, b)


def test_parse_keeps_particles_with_the_surname() -> None:
    name = PersonName.parse("Ursula von der Leyen")
    assert name.given == ("ursula",)
    assert name.surname == ("von", "der", "leyen")
    compound = PersonName.parse("Jaap de Hoop Scheffer")
    assert compound.given == ("jaap",)
    assert compound.surname == ("de", "hoop", "scheffer")


def test_surname_key_is_the_folded_last_word() -> None:
    assert surname_key("Jack  STRAW") == "straw"
    assert surname_key("Sergei Lavrov.") == "lavrov"
    assert surname_key("Zbigniew Kamiński") == "kaminski"
    assert surname_key("   ") is None
