"""Titles as an article writes them next to a name, read by the whole pipeline on invented
sentences: appositions, titles before a name or set off by a comma, posts in a body."""

import pytest

from app.extract.pipeline import extract_article
from app.extract.types import CleanArticle


def title_of(body: str, name: str) -> str | None:
    result = extract_article(CleanArticle(title="T", body=body))
    found = {a.name: a for a in result.actors if a.kind == "person"}
    assert name in found, sorted(found)
    return found[name].title


@pytest.mark.parametrize(
    ("body", "name", "title"),
    [
        # apposition after the name, a post in a body outranking the rank before the name
        (
            '"We train," General Tom Brask, commanding general of US Army North, said.',
            "Tom Brask",
            "commanding general of US Army North",
        ),
        (
            '"It is fine," said Capt. Ben Ward, commodore of Destroyer Squadron 9. "We sail."',
            "Ben Ward",
            "commodore of Destroyer Squadron 9",
        ),
        (
            '"We act," said Lt. Cmdr. Leo Grant, commanding officer of the Borovian Coast Guard.',
            "Leo Grant",
            "commanding officer of the Borovian Coast Guard",
        ),
        # an apposition closed by the sentence's verb, without a second comma
        (
            "Brigadier Ravi Mehta, Commander of 52 Infantry Brigade welcomed the contingent.",
            "Ravi Mehta",
            "Commander of 52 Infantry Brigade",
        ),
        (
            '"We will deploy," Nurlan Abay, Norway’s Deputy Defense Minister said on Thursday.',
            "Nurlan Abay",
            "Deputy Defense Minister",
        ),
        # a photo caption's position before the apposition
        (
            "Col. Park Min-jun, right, the spokesperson for the Joint Staff, speaks to reporters.",
            "Park Min-jun",
            "spokesperson for the Joint Staff",
        ),
    ],
)
def test_a_title_after_the_name(body: str, name: str, title: str) -> None:
    assert title_of(body, name) == title


@pytest.mark.parametrize(
    ("body", "name", "title"),
    [
        # a lower-case compound before the role noun
        (
            '"We gained much," said Borovian Navy public affairs officer Lt. Ramon Cruz.',
            "Ramon Cruz",
            "Borovian Navy public affairs officer",
        ),
        # 'and' between capitalised words inside the title
        (
            "They met the Industry and Infrastructure Development Minister Aidos Serik.",
            "Aidos Serik",
            "Industry and Infrastructure Development Minister",
        ),
        ("He met Acme Aerospace Director General Ravi Kumar.", "Ravi Kumar", "Director General"),
        ("PM Anil Deshpande had announced the purchase in January.", "Anil Deshpande", "PM"),
        # the dot of an abbreviated rank does not end the sentence
        ('"It was good," Borovian Navy Cmdr. Omar Haddad said.', "Omar Haddad", "Navy Cmdr."),
    ],
)
def test_a_title_before_the_name(body: str, name: str, title: str) -> None:
    found = title_of(body, name)
    assert found is not None and found.endswith(title), found


@pytest.mark.parametrize(
    ("body", "name", "title"),
    [
        (
            "The drills were opened at a ceremony by the country’s military chief, Jon Varga.",
            "Jon Varga",
            "country’s military chief",
        ),
        (
            "A delegation, led by its Director, Major General Paolo Verdi arrived.",
            "Paolo Verdi",
            "Director",
        ),
        (
            "Chief of staff of the Borovian Defence Forces (BDF), Gen. Aro Tamm, said it was so.",
            "Aro Tamm",
            "Chief of staff of the Borovian Defence Forces (BDF)",
        ),
        (
            "Borovian Special Command commander, Air Force Brigadier General Dan Orr, said so.",
            "Dan Orr",
            "Borovian Special Command commander",
        ),
        (
            "Visitors came, the head of the City Council of (Borovia's) Lenza city, Ivo Karlen, "
            "and other guests.",
            "Ivo Karlen",
            "head of the City Council of (Borovia's) Lenza city",
        ),
    ],
)
def test_a_title_set_off_by_a_comma_before_the_name(body: str, name: str, title: str) -> None:
    assert title_of(body, name) == title


def test_a_verb_before_the_comma_leaves_no_title_without_a_determiner() -> None:
    body = "The ministers met, Jon Varga said on Monday, and the talks went on."
    result = extract_article(CleanArticle(title="T", body=body))
    varga = [a for a in result.actors if a.name == "Jon Varga"]
    assert not varga or varga[0].title is None


def test_a_description_opening_the_next_sentence_refines_a_generic_title() -> None:
    body = (
        "The drills began as Ruritanian leader Ivan Petrov visited Beijing. The Ruritanian "
        "president is attending a summit there."
    )
    assert title_of(body, "Ivan Petrov") == "Ruritanian president"


def test_a_description_gives_no_title_to_a_person_named_without_one() -> None:
    body = '"Prices will rise," said Luis Garza. The Mexican president has denied it.'
    assert title_of(body, "Luis Garza") is None
    body = "The vote was won by Gen. Ann Holt. The general election is next year."
    assert title_of(body, "Ann Holt") == "Gen."
