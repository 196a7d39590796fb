"""Countries named in text: names, official names, short forms and adjectives -> ISO alpha-2."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CountryHit:
    code: str  # ISO 3166-1 alpha-2
    start: int  # offsets into the text searched
    end: int
    surface: str  # the words as written ("U.S.", "Kazakh")
    adjective: bool = False  # a demonym/adjective ("Afghan") rather than a name


def find_countries(text: str) -> list[CountryHit]:
    """Every country mention in `text`, in text order. (Stub: to be implemented.)"""
    return []
