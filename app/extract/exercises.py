"""Named military exercises, their kind, frequency, host, dates and participants."""

from app.extract.countries import CountryHit
from app.extract.types import ExerciseMention


def extract_exercises(text: str, countries: list[CountryHit]) -> list[ExerciseMention]:
    """Exercises named in `text` (`countries` = find_countries(text)). (Stub.)"""
    return []
