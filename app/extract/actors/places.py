"""Countries and places inside actor names and titles ("Chilean Ministry of Defence",
"Norway's Defence Minister"); every country look-up of the actor stage goes through here."""

from collections import Counter

from spacy.tokens import Doc

from app.extract.countries import CountryHit, find_countries


def countries_in(text: str) -> list[CountryHit]:
    """Every country `text` names, in text order."""
    return find_countries(text)


def country_of(name: str) -> str | None:
    """The code of the first country `name` names, if any."""
    hits = find_countries(name)
    return hits[0].code if hits else None


def is_country_word(word: str) -> bool:
    """`word` is a country's name or adjective and nothing more ("Peru", "Peruvian")."""
    hits = find_countries(word)
    return bool(hits) and hits[0].start == 0 and hits[0].end == len(word)


def place_names(doc: Doc) -> set[str]:
    """Words the model tags as places more often than as parts of a person's name."""
    place_counts = Counter(e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP"))
    name_counts = Counter(t.text for e in doc.ents if e.label_ == "PERSON" for t in e)
    return {w for w, n in place_counts.items() if n > name_counts[w]}


def place_words(doc: Doc) -> set[str]:
    """Every word of a place the model found ("Lima", "South", "Korea")."""
    return {t.text for e in doc.ents if e.label_ in ("GPE", "LOC") for t in e}
