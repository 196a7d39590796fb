"""The exercise stages one by one: sentences, name cleaning, dates, host and roles.

Every example is invented for the test; exercise names are made up.
"""

import pytest

from app.extract.countries import find_countries
from app.extract.exercises.article import Article, read_article, split_sentences, tokens
from app.extract.exercises.dates import edition_month, edition_year
from app.extract.exercises.groups import Focus, focus_on, group_candidates
from app.extract.exercises.host import host_and_cohosts
from app.extract.exercises.lexicon import DATA_FILE, lexicon
from app.extract.exercises.names import clean_name, display_form, find_candidates, year_value
from app.extract.exercises.participants import participants
from app.extract.exercises.roles import role_after_clause, role_after_noun, role_before
from app.extract.types import Participation, Role


def article(text: str) -> Article:
    return read_article(text, find_countries(text))


def focus(text: str) -> Focus:
    """The most mentioned exercise of `text`."""
    read = article(text)
    groups = group_candidates(text, find_candidates(read))
    return focus_on(read, groups[0], primary=True)


def month(text: str) -> int | None:
    exercise = focus(text)
    return edition_month(exercise, edition_year(exercise))


def test_lexicon_is_read_from_the_shared_data_folder() -> None:
    assert DATA_FILE.parent.name == "data" and DATA_FILE.parent.parent.name == "extract"
    assert lexicon().months["Sept"] == 9


def test_sentences_end_at_line_breaks_and_stops_but_not_after_abbreviations() -> None:
    text = 'Gen. Ivanov met Col. Smith on Jan. 5. The drills began.\nThen troops left! "Fine."'
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "Gen. Ivanov met Col. Smith on Jan. 5.",
        " The drills began.",
        "Then troops left!",
        ' "Fine."',
    ]


def test_tokens_keep_inner_dots_apostrophes_and_hyphens() -> None:
    assert tokens("U.S. troops' drills, O'Neill & co-host.") == [
        "U.S.",
        "troops'",
        "drills",
        ",",
        "O'Neill",
        "&",
        "co-host.",
    ]


def test_two_digit_years_up_to_35_are_this_century_and_later_ones_editions() -> None:
    assert [year_value(raw) for raw in ("2019", "19", "35", "36", "97", None)] == [
        2019,
        2019,
        2035,
        None,
        None,
        None,
    ]


def test_clean_name_strips_articles_prefix_roman_numerals_and_links() -> None:
    lex = lexicon()
    assert clean_name("The Exercise Iron Heron", lex) == ("Iron Heron", True)
    assert clean_name("IRON HERON LXI", lex) == ("IRON HERON", False)
    assert clean_name("Iron Heron of the", lex) == ("Iron Heron", False)


def test_clean_name_refuses_modifiers_programmes_organisations_and_undated_places() -> None:
    lex = lexicon()
    assert clean_name("Joint Naval", lex) == (None, False)
    assert clean_name("Granite Owl Program", lex) == (None, False)
    assert clean_name("NATO Shield", lex) == (None, False)
    assert clean_name("Pacific Ocean", lex) == (None, False)
    assert clean_name("Pacific Ocean", lex, dated=True) == ("Pacific Ocean", False)
    assert clean_name("Joint Warrior", lex, dated=True) == ("Joint Warrior", False)


def test_display_form_title_cases_capitals_but_keeps_acronyms() -> None:
    assert (display_form("IRON HERON"), display_form("ORCA")) == ("Iron Heron", "ORCA")


def test_edition_year_is_the_year_most_written_with_the_name() -> None:
    text = (
        "The Amber Gate 2021 drills are planned. The Amber Gate 2020 exercise began. "
        "Amber Gate 2020 drills ended."
    )
    assert edition_year(focus(text)) == 2020


def test_edition_year_and_month_from_a_month_and_year_in_its_sentence() -> None:
    exercise = focus("The Amber Gate drills began in May 2015 near the coast.")
    assert (edition_year(exercise), edition_month(exercise, 2015)) == (2015, 5)


def test_dateline_gives_year_and_month_only_when_it_names_one_year() -> None:
    exercise = focus("Posted March 3, 2018\n\nThe Amber Gate drills began on a cold morning.")
    assert (edition_year(exercise), edition_month(exercise, 2018)) == (2018, 3)
    exercise = focus("Posted March 3, 2018 and June 2, 2019\n\nThe Amber Gate drills began.")
    assert (edition_year(exercise), edition_month(exercise, None)) == (None, 3)


def test_month_skips_announcement_dates_dates_of_other_years_and_early_end_dates() -> None:
    assert month("The ministry announced Feb. 3 that the Amber Gate 2020 exercise begins.") is None
    assert month("The Amber Gate 2020 exercise began on Sept. 24, 2019.") is None
    assert month("The Amber Gate 2020 exercise runs until Aug. 2.") is None
    assert month("The Amber Gate 2020 exercise runs until Aug. 15.") == 8


def test_host_named_by_a_phrase_a_verb_or_the_soil() -> None:
    assert host_and_cohosts(focus("Norway will host the Amber Gate exercise.")) == ("NO", [])
    text = "The Amber Gate exercise took place on Polish soil."
    assert host_and_cohosts(focus(text)) == ("PL", [])
    text = "Exercise Amber Gate 2020 is co-hosted by Peru and Chile."
    assert host_and_cohosts(focus(text)) == ("PE", ["PE", "CL"])


def test_the_host_named_most_often_wins() -> None:
    text = (
        "The Amber Gate exercise was hosted by Chile. Peru hosts the Amber Gate drills. "
        "Chile hosted it."
    )
    assert host_and_cohosts(focus(text)) == ("CL", [])


def test_venue_from_a_city_and_country_or_from_the_dateline() -> None:
    text = "The Amber Gate 2020 drills opened in Tartu, Estonia."
    assert host_and_cohosts(focus(text)) == ("EE", [])
    text = "NIAMEY, Niger — The Amber Gate 2020 exercise opened on Monday."
    assert host_and_cohosts(focus(text)) == ("NE", [])


def test_a_venue_against_the_dateline_or_two_venues_give_no_host() -> None:
    text = "NIAMEY, Niger — The Amber Gate 2020 exercise was held in Mali."
    assert host_and_cohosts(focus(text)) == (None, [])
    text = "The Amber Gate 2020 drills are held in Belarus and in Russia."
    assert host_and_cohosts(focus(text)) == (None, [])


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Chilean troops arrived", "units"),
        ("Chilean observers arrived", "representatives"),
        ("Peru's participation in", "participant"),
        ("Peru Army Day parade", None),  # a holiday, not the army
    ],
)
def test_role_from_the_noun_after_a_country(text: str, role: Role | None) -> None:
    read = article(text)
    assert role_after_noun(read, read.countries[0].end) == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Soldiers from Peru arrived.", "units"),
        ("Observers of the land forces of Peru came.", "representatives"),
        ("Troops from 26 countries, including Peru, came.", "units"),
        ("The drills between Peru and Chile began.", "participant"),
        ("The drills were held in Peru.", None),
    ],
)
def test_role_from_the_cue_before_a_country(text: str, role: Role | None) -> None:
    read = article(text)
    assert role_before(read, read.countries[0].start, 0) == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Peru took part with a battalion.", "units"),
        ("Peru took part as an observer.", "representatives"),
        ("Peru, which is big, will participate.", "participant"),
        ("Peru and Chile kicked off their annual drills.", "participant"),
    ],
)
def test_role_from_the_clause_after_a_country_list(text: str, role: Role | None) -> None:
    read = article(text)
    assert role_after_clause(read, read.countries[-1].end, len(text), len(text)) == role


def test_participants_ordered_by_role_and_a_counted_group_names_the_next_list() -> None:
    text = (
        "The Iron Heron 2019 exercise involves troops from Ghana. Chile sent observers. "
        "Peru will participate."
    )
    assert participants(article(text), "PE", []) == [
        Participation("GH", "units"),
        Participation("CL", "representatives"),
        Participation("PE", "participant"),
    ]
    text = "Troops from nine countries joined the Iron Heron drills. Hailing from Ghana and Togo."
    assert participants(article(text), None, []) == [
        Participation("GH", "units"),
        Participation("TG", "units"),
    ]
